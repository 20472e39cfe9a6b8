package org.jtls.crypto;

/** Block ciphers used in CBC mode by TLS 1.2 and older suites. */
public enum CbcAlgorithm {
    AES_128_CBC(16, 16),
    AES_256_CBC(32, 16),
    /** Legacy; 64-bit blocks (Sweet32). */
    TRIPLE_DES_EDE_CBC(24, 8);

    private final int keyLength;
    private final int blockLength;

    CbcAlgorithm(int keyLength, int blockLength) {
        this.keyLength = keyLength;
        this.blockLength = blockLength;
    }

    public int keyLength() {
        return keyLength;
    }

    public int blockLength() {
        return blockLength;
    }
}
