package org.jtls.crypto.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.HashAlgorithm;

/**
 * The cipher suites jtls implements, each named exactly as the IANA TLS Cipher Suites registry
 * writes it, with its OpenSSL name and its parts.
 *
 * <p>Sources of the code points: RFC 8446 App. B.4 (TLS 1.3), RFC 5246 App. A.5 (RSA and DHE with
 * AES-CBC, 3DES, NULL), RFC 4492 §6 and RFC 8422 §6 (ECDHE), RFC 5288 (AES-GCM with RSA/DHE),
 * RFC 5289 (ECDHE with AES-GCM and SHA-256/384 CBC), RFC 6655 (AES-CCM with RSA/DHE), RFC 7251
 * (AES-CCM with ECDHE-ECDSA) and RFC 7905 (ChaCha20-Poly1305).
 *
 * <p>Declaration order is the preference order cipher strings start from: the TLS 1.3 suites, then
 * the TLS ≤ 1.2 suites in the order OpenSSL 3 ranks them: ephemeral key exchange before static
 * RSA; within each, AEAD, then TLS 1.2 CBC, then the older suites, strongest cipher first, with the
 * NULL-cipher (no encryption, research only) suites last among those of their kind. So
 * {@code jtls ciphers ALL} and {@code openssl ciphers ALL} list the suites both have in the same
 * order.
 */
public enum CipherSuite {
    // ---- TLS 1.3 (RFC 8446 App. B.4): the key exchange and authentication are negotiated apart ----
    TLS_AES_128_GCM_SHA256(0x1301, "TLS_AES_128_GCM_SHA256",
            KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_128_GCM, MacAlgorithm.AEAD),
    TLS_AES_256_GCM_SHA384(0x1302, "TLS_AES_256_GCM_SHA384",
            KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_256_GCM, MacAlgorithm.AEAD),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, "TLS_CHACHA20_POLY1305_SHA256",
            KeyExchange.ANY, Authentication.ANY, BulkCipher.CHACHA20_POLY1305, MacAlgorithm.AEAD),
    TLS_AES_128_CCM_SHA256(0x1304, "TLS_AES_128_CCM_SHA256",
            KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_128_CCM, MacAlgorithm.AEAD),
    TLS_AES_128_CCM_8_SHA256(0x1305, "TLS_AES_128_CCM_8_SHA256",
            KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_128_CCM_8, MacAlgorithm.AEAD),

    // ---- ephemeral key exchange, AEAD, 256-bit ----
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_256_GCM, MacAlgorithm.AEAD),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, "ECDHE-RSA-AES256-GCM-SHA384",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_256_GCM, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_AES_256_GCM_SHA384(0x009F, "DHE-RSA-AES256-GCM-SHA384",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_256_GCM, MacAlgorithm.AEAD),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CHACHA20_POLY1305, MacAlgorithm.AEAD),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCAA, "DHE-RSA-CHACHA20-POLY1305",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, MacAlgorithm.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8(0xC0AF, "ECDHE-ECDSA-AES256-CCM8",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_256_CCM_8, MacAlgorithm.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_256_CCM(0xC0AD, "ECDHE-ECDSA-AES256-CCM",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_256_CCM, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_AES_256_CCM_8(0xC0A3, "DHE-RSA-AES256-CCM8",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_256_CCM_8, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_AES_256_CCM(0xC09F, "DHE-RSA-AES256-CCM",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_256_CCM, MacAlgorithm.AEAD),

    // ---- ephemeral key exchange, AEAD, 128-bit ----
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_128_GCM, MacAlgorithm.AEAD),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, "ECDHE-RSA-AES128-GCM-SHA256",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_128_GCM, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_AES_128_GCM_SHA256(0x009E, "DHE-RSA-AES128-GCM-SHA256",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_128_GCM, MacAlgorithm.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8(0xC0AE, "ECDHE-ECDSA-AES128-CCM8",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_128_CCM_8, MacAlgorithm.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM(0xC0AC, "ECDHE-ECDSA-AES128-CCM",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_128_CCM, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_AES_128_CCM_8(0xC0A2, "DHE-RSA-AES128-CCM8",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_128_CCM_8, MacAlgorithm.AEAD),
    TLS_DHE_RSA_WITH_AES_128_CCM(0xC09E, "DHE-RSA-AES128-CCM",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_128_CCM, MacAlgorithm.AEAD),

    // ---- ephemeral key exchange, CBC with SHA-256/384 (TLS 1.2) ----
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384(0xC024, "ECDHE-ECDSA-AES256-SHA384",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA384),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384(0xC028, "ECDHE-RSA-AES256-SHA384",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA384),
    TLS_DHE_RSA_WITH_AES_256_CBC_SHA256(0x006B, "DHE-RSA-AES256-SHA256",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256(0xC023, "ECDHE-ECDSA-AES128-SHA256",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256(0xC027, "ECDHE-RSA-AES128-SHA256",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_DHE_RSA_WITH_AES_128_CBC_SHA256(0x0067, "DHE-RSA-AES128-SHA256",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),

    // ---- ephemeral key exchange, CBC with SHA-1, then 3DES, then no encryption ----
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA(0xC00A, "ECDHE-ECDSA-AES256-SHA",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA(0xC014, "ECDHE-RSA-AES256-SHA",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_DHE_RSA_WITH_AES_256_CBC_SHA(0x0039, "DHE-RSA-AES256-SHA",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(0xC009, "ECDHE-ECDSA-AES128-SHA",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, "ECDHE-RSA-AES128-SHA",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_DHE_RSA_WITH_AES_128_CBC_SHA(0x0033, "DHE-RSA-AES128-SHA",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA(0xC008, "ECDHE-ECDSA-DES-CBC3-SHA",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.TRIPLE_DES_EDE_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA(0xC012, "ECDHE-RSA-DES-CBC3-SHA",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.TRIPLE_DES_EDE_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA(0x0016, "DHE-RSA-DES-CBC3-SHA",
            KeyExchange.DHE, Authentication.RSA, BulkCipher.TRIPLE_DES_EDE_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_ECDSA_WITH_NULL_SHA(0xC006, "ECDHE-ECDSA-NULL-SHA",
            KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.NULL, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_RSA_WITH_NULL_SHA(0xC010, "ECDHE-RSA-NULL-SHA",
            KeyExchange.ECDHE, Authentication.RSA, BulkCipher.NULL, MacAlgorithm.HMAC_SHA1),

    // ---- static RSA key transport (no forward secrecy), same order ----
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, "AES256-GCM-SHA384",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_256_GCM, MacAlgorithm.AEAD),
    TLS_RSA_WITH_AES_256_CCM_8(0xC0A1, "AES256-CCM8",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_256_CCM_8, MacAlgorithm.AEAD),
    TLS_RSA_WITH_AES_256_CCM(0xC09D, "AES256-CCM",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_256_CCM, MacAlgorithm.AEAD),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, "AES128-GCM-SHA256",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_128_GCM, MacAlgorithm.AEAD),
    TLS_RSA_WITH_AES_128_CCM_8(0xC0A0, "AES128-CCM8",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_128_CCM_8, MacAlgorithm.AEAD),
    TLS_RSA_WITH_AES_128_CCM(0xC09C, "AES128-CCM",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_128_CCM, MacAlgorithm.AEAD),
    TLS_RSA_WITH_AES_256_CBC_SHA256(0x003D, "AES256-SHA256",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, "AES128-SHA256",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_RSA_WITH_NULL_SHA256(0x003B, "NULL-SHA256",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.NULL, MacAlgorithm.HMAC_SHA256),
    TLS_RSA_WITH_AES_256_CBC_SHA(0x0035, "AES256-SHA",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, "AES128-SHA",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_RSA_WITH_3DES_EDE_CBC_SHA(0x000A, "DES-CBC3-SHA",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.TRIPLE_DES_EDE_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_RSA_WITH_NULL_SHA(0x0002, "NULL-SHA",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.NULL, MacAlgorithm.HMAC_SHA1),
    TLS_RSA_WITH_NULL_MD5(0x0001, "NULL-MD5",
            KeyExchange.RSA, Authentication.RSA, BulkCipher.NULL, MacAlgorithm.HMAC_MD5);

    /** How the premaster secret is agreed. */
    public enum KeyExchange {
        /** Ephemeral elliptic-curve (or X25519/X448) Diffie-Hellman (RFC 8422). */
        ECDHE,
        /** Ephemeral finite-field Diffie-Hellman (RFC 5246 §7.4.3, RFC 7919). */
        DHE,
        /** The client encrypts the premaster secret to the server's RSA key (RFC 5246 §7.4.7.1). */
        RSA,
        /** TLS 1.3: negotiated separately through supported_groups and key_share. */
        ANY
    }

    /** What key the server's certificate must hold to authenticate the key exchange. */
    public enum Authentication {
        RSA,
        ECDSA,
        /** TLS 1.3: negotiated separately through signature_algorithms. */
        ANY
    }

    private final int code;
    private final String opensslName;
    private final KeyExchange keyExchange;
    private final Authentication authentication;
    private final BulkCipher cipher;
    private final MacAlgorithm mac;
    private final HashAlgorithm prfHash;
    private final ProtocolVersion minimumVersion;
    private final ProtocolVersion maximumVersion;

    CipherSuite(int code, String opensslName, KeyExchange keyExchange, Authentication authentication,
            BulkCipher cipher, MacAlgorithm mac) {
        this.code = code;
        this.opensslName = opensslName;
        this.keyExchange = keyExchange;
        this.authentication = authentication;
        this.cipher = cipher;
        this.mac = mac;
        // RFC 5246 §5, RFC 5288 §3, RFC 5289 §3.2: TLS 1.2 suites use the PRF with SHA-256 unless
        // their name ends in SHA384. RFC 8446 §B.4: a TLS 1.3 suite's name ends in its HKDF hash.
        this.prfHash = name().endsWith("_SHA384") ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
        if (keyExchange == KeyExchange.ANY) {
            this.minimumVersion = ProtocolVersion.TLS_1_3;
        } else if (cipher.isAead() || mac == MacAlgorithm.HMAC_SHA256 || mac == MacAlgorithm.HMAC_SHA384) {
            // AEAD records and the SHA-256/384 MACs are defined only for TLS 1.2 (RFC 5246, 5288, 5289).
            this.minimumVersion = ProtocolVersion.TLS_1_2;
        } else {
            // RFC 4492 defines ECDHE for TLS 1.0 and later; SunJSSE also negotiates it in SSL 3.0,
            // so jtls allows it there for interoperability research.
            this.minimumVersion = ProtocolVersion.SSL_3_0;
        }
        this.maximumVersion = keyExchange == KeyExchange.ANY ? ProtocolVersion.TLS_1_3 : ProtocolVersion.TLS_1_2;
    }

    /** The IANA code point: {@code 0xC02F}. */
    public int code() {
        return code;
    }

    /** The IANA name, which is also the constant's name: {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}. */
    public String ianaName() {
        return name();
    }

    /** The name OpenSSL uses: {@code ECDHE-RSA-AES128-GCM-SHA256}; TLS 1.3 suites keep the IANA name. */
    public String opensslName() {
        return opensslName;
    }

    public KeyExchange keyExchange() {
        return keyExchange;
    }

    public Authentication authentication() {
        return authentication;
    }

    /** The record cipher. */
    public BulkCipher cipher() {
        return cipher;
    }

    /** The record MAC; {@link MacAlgorithm#AEAD} for AEAD suites. */
    public MacAlgorithm mac() {
        return mac;
    }

    /**
     * The hash of the TLS 1.2 PRF and handshake transcript, or of the TLS 1.3 HKDF and transcript.
     * SSL 3.0, TLS 1.0 and TLS 1.1 use their fixed MD5/SHA-1 constructions whatever the suite.
     */
    public HashAlgorithm prfHash() {
        return prfHash;
    }

    /** The oldest version this suite may be negotiated in. */
    public ProtocolVersion minimumVersion() {
        return minimumVersion;
    }

    /** The newest version this suite may be negotiated in. */
    public ProtocolVersion maximumVersion() {
        return maximumVersion;
    }

    /** Whether this suite may be negotiated in {@code version}. */
    public boolean supports(ProtocolVersion version) {
        return version.isAtLeast(minimumVersion) && maximumVersion.isAtLeast(version);
    }

    /** Whether this is a TLS 1.3 suite (which fixes only the AEAD and the hash). */
    public boolean isTls13() {
        return keyExchange == KeyExchange.ANY;
    }

    public boolean isAead() {
        return cipher.isAead();
    }

    /**
     * Whether jtls enables this suite when none are configured: TLS 1.3 AES-128-GCM, AES-256-GCM
     * and ChaCha20-Poly1305, and TLS 1.2 ECDHE with ECDSA or RSA and AES-GCM or ChaCha20-Poly1305.
     */
    public boolean enabledByDefault() {
        boolean gcmOrChaCha = cipher == BulkCipher.AES_128_GCM || cipher == BulkCipher.AES_256_GCM
                || cipher == BulkCipher.CHACHA20_POLY1305;
        return gcmOrChaCha && (keyExchange == KeyExchange.ANY || keyExchange == KeyExchange.ECDHE);
    }

    /** The suites enabled when none are configured, in preference order (TLS 1.3 first). */
    public static List<CipherSuite> defaults() {
        List<CipherSuite> defaults = new ArrayList<>();
        for (CipherSuite suite : values()) {
            if (suite.enabledByDefault()) {
                defaults.add(suite);
            }
        }
        return List.copyOf(defaults);
    }

    public static Optional<CipherSuite> fromCode(int code) {
        for (CipherSuite suite : values()) {
            if (suite.code == code) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** Looks a suite up by its IANA name, ignoring case. */
    public static Optional<CipherSuite> fromIanaName(String name) {
        String wanted = name.trim();
        for (CipherSuite suite : values()) {
            if (suite.name().equalsIgnoreCase(wanted)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** Looks a suite up by its OpenSSL name, ignoring case. */
    public static Optional<CipherSuite> fromOpensslName(String name) {
        String wanted = name.trim();
        for (CipherSuite suite : values()) {
            if (suite.opensslName.equalsIgnoreCase(wanted)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** Looks a suite up by its IANA or its OpenSSL name, ignoring case. */
    public static Optional<CipherSuite> fromName(String name) {
        Optional<CipherSuite> byIanaName = fromIanaName(name);
        return byIanaName.isPresent() ? byIanaName : fromOpensslName(name);
    }
}
