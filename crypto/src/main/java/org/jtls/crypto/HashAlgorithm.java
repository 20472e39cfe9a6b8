package org.jtls.crypto;

/** The hash functions TLS uses: in PRFs, HMAC, HKDF, transcript hashes and signatures. */
public enum HashAlgorithm {
    MD5("MD5", 16, 64),
    SHA1("SHA-1", 20, 64),
    SHA224("SHA-224", 28, 64),
    SHA256("SHA-256", 32, 64),
    SHA384("SHA-384", 48, 128),
    SHA512("SHA-512", 64, 128);

    private final String standardName;
    private final int outputLength;
    private final int blockLength;

    HashAlgorithm(String standardName, int outputLength, int blockLength) {
        this.standardName = standardName;
        this.outputLength = outputLength;
        this.blockLength = blockLength;
    }

    /** The name the JCA uses ({@code "SHA-256"}). */
    public String standardName() {
        return standardName;
    }

    /** Digest length in bytes. */
    public int outputLength() {
        return outputLength;
    }

    /** Internal block length in bytes (what HMAC pads the key to). */
    public int blockLength() {
        return blockLength;
    }
}
