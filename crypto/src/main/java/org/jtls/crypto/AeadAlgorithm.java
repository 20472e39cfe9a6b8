package org.jtls.crypto;

/** The AEAD constructions used by TLS 1.2 and 1.3 (RFC 5116, RFC 6655, RFC 8439). Nonces are 12 bytes. */
public enum AeadAlgorithm {
    AES_128_GCM(16, 16),
    AES_256_GCM(32, 16),
    AES_128_CCM(16, 16),
    AES_256_CCM(32, 16),
    AES_128_CCM_8(16, 8),
    AES_256_CCM_8(32, 8),
    CHACHA20_POLY1305(32, 16);

    /** Every algorithm here takes a 96-bit nonce. */
    public static final int NONCE_LENGTH = 12;

    private final int keyLength;
    private final int tagLength;

    AeadAlgorithm(int keyLength, int tagLength) {
        this.keyLength = keyLength;
        this.tagLength = tagLength;
    }

    public int keyLength() {
        return keyLength;
    }

    public int tagLength() {
        return tagLength;
    }

    public int nonceLength() {
        return NONCE_LENGTH;
    }

    public boolean isGcm() {
        return this == AES_128_GCM || this == AES_256_GCM;
    }

    public boolean isCcm() {
        return this == AES_128_CCM || this == AES_256_CCM || this == AES_128_CCM_8 || this == AES_256_CCM_8;
    }
}
