package org.jtls.crypto.registry;

import java.util.Optional;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CbcAlgorithm;

/**
 * The record-protection cipher of a cipher suite: none, a block cipher in CBC mode, or an AEAD.
 * It knows how many IV bytes come from the key block and how many travel in each record, which
 * differs by protocol version.
 */
public enum BulkCipher {
    /** No encryption: records are only MACed (TLS_RSA_WITH_NULL_SHA and friends). */
    NULL("NULL", null, null, 0),
    /** Legacy; 64-bit blocks (Sweet32), 112-bit effective strength. */
    TRIPLE_DES_EDE_CBC("3DES-EDE-CBC", null, CbcAlgorithm.TRIPLE_DES_EDE_CBC, 112),
    AES_128_CBC("AES-128-CBC", null, CbcAlgorithm.AES_128_CBC, 128),
    AES_256_CBC("AES-256-CBC", null, CbcAlgorithm.AES_256_CBC, 256),
    AES_128_GCM("AES-128-GCM", AeadAlgorithm.AES_128_GCM, null, 128),
    AES_256_GCM("AES-256-GCM", AeadAlgorithm.AES_256_GCM, null, 256),
    AES_128_CCM("AES-128-CCM", AeadAlgorithm.AES_128_CCM, null, 128),
    AES_256_CCM("AES-256-CCM", AeadAlgorithm.AES_256_CCM, null, 256),
    /** CCM with an 8-byte tag (RFC 6655 §4). */
    AES_128_CCM_8("AES-128-CCM-8", AeadAlgorithm.AES_128_CCM_8, null, 128),
    /** CCM with an 8-byte tag (RFC 6655 §4). */
    AES_256_CCM_8("AES-256-CCM-8", AeadAlgorithm.AES_256_CCM_8, null, 256),
    CHACHA20_POLY1305("CHACHA20-POLY1305", AeadAlgorithm.CHACHA20_POLY1305, null, 256);

    /** TLS 1.2 GCM and CCM: 4-byte salt from the key block (RFC 5288 §3, RFC 6655 §3). */
    private static final int TLS12_AEAD_SALT_LENGTH = 4;
    /** TLS 1.2 GCM and CCM: 8-byte nonce_explicit carried in each record (RFC 5288 §3, RFC 6655 §3). */
    private static final int TLS12_AEAD_EXPLICIT_NONCE_LENGTH = 8;

    private final String displayName;
    private final AeadAlgorithm aeadAlgorithm;
    private final CbcAlgorithm cbcAlgorithm;
    private final int strengthBits;

    BulkCipher(String displayName, AeadAlgorithm aeadAlgorithm, CbcAlgorithm cbcAlgorithm, int strengthBits) {
        this.displayName = displayName;
        this.aeadAlgorithm = aeadAlgorithm;
        this.cbcAlgorithm = cbcAlgorithm;
        this.strengthBits = strengthBits;
    }

    /** A name for people: {@code AES-128-GCM}, {@code 3DES-EDE-CBC}, {@code NULL}. */
    public String displayName() {
        return displayName;
    }

    /** The AEAD a backend provides for this cipher, if it is one. */
    public Optional<AeadAlgorithm> aeadAlgorithm() {
        return Optional.ofNullable(aeadAlgorithm);
    }

    /** The CBC block cipher a backend provides for this cipher, if it is one. */
    public Optional<CbcAlgorithm> cbcAlgorithm() {
        return Optional.ofNullable(cbcAlgorithm);
    }

    public boolean isAead() {
        return aeadAlgorithm != null;
    }

    public boolean isCbc() {
        return cbcAlgorithm != null;
    }

    /** Encryption key bytes taken from the key block (0 for NULL). */
    public int keyLength() {
        if (aeadAlgorithm != null) {
            return aeadAlgorithm.keyLength();
        }
        return cbcAlgorithm != null ? cbcAlgorithm.keyLength() : 0;
    }

    /** The cipher block length for CBC ciphers, else 0. */
    public int blockLength() {
        return cbcAlgorithm != null ? cbcAlgorithm.blockLength() : 0;
    }

    /**
     * Effective symmetric strength in bits, as OpenSSL's {@code @STRENGTH} sorts by: the key size,
     * except 112 for 3DES and 0 for NULL.
     */
    public int strengthBits() {
        return strengthBits;
    }

    /**
     * Bytes of write IV taken from the key material under {@code version}: SecurityParameters'
     * {@code fixed_iv_length} in TLS 1.2 (RFC 5246 §6.3), {@code iv_length} in TLS 1.3 (RFC 8446
     * §7.3).
     */
    public int fixedIvLength(ProtocolVersion version) {
        if (aeadAlgorithm != null) {
            // RFC 8446 §5.3 and RFC 7905 §2: the whole 12-byte nonce is derived and XORed with the
            // sequence number. TLS 1.2 GCM/CCM instead take only a salt (RFC 5288 §3).
            if (version == ProtocolVersion.TLS_1_3 || this == CHACHA20_POLY1305) {
                return AeadAlgorithm.NONCE_LENGTH;
            }
            return TLS12_AEAD_SALT_LENGTH;
        }
        if (cbcAlgorithm != null) {
            // SSL 3.0 and TLS 1.0 chain the IV from the key block; TLS 1.1 replaced it with an
            // explicit per-record IV and stopped deriving one (RFC 4346 §6.3).
            return version.isBefore(ProtocolVersion.TLS_1_1) ? cbcAlgorithm.blockLength() : 0;
        }
        return 0;
    }

    /**
     * Bytes of IV or explicit nonce sent in front of each record's ciphertext under
     * {@code version}: SecurityParameters' {@code record_iv_length} (RFC 5246 §6.2.3).
     */
    public int recordIvLength(ProtocolVersion version) {
        if (aeadAlgorithm != null) {
            boolean explicitNonce = version == ProtocolVersion.TLS_1_2 && this != CHACHA20_POLY1305;
            return explicitNonce ? TLS12_AEAD_EXPLICIT_NONCE_LENGTH : 0;
        }
        if (cbcAlgorithm != null) {
            return version.isAtLeast(ProtocolVersion.TLS_1_1) ? cbcAlgorithm.blockLength() : 0;
        }
        return 0;
    }
}
