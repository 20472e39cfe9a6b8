package org.jtls.crypto.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.SignatureAlgorithm;

/**
 * The TLS SignatureScheme registry entries jtls implements (RFC 8446 §4.2.3, RFC 8422 §5.1.3), used
 * in the {@code signature_algorithms} and {@code signature_algorithms_cert} extensions.
 *
 * <p>Declaration order is the default preference order: ECDSA, RSA-PSS, Ed25519, then RSA PKCS#1
 * v1.5 (which TLS 1.2 still needs), then the schemes that are not offered by default (Ed448 and the
 * SHA-1 schemes, which RFC 8446 §4.2.3 says a client lists last).
 */
public enum SignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256", SignatureAlgorithm.ECDSA_SHA256, KeyType.EC, EcCurve.P256, true),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384", SignatureAlgorithm.ECDSA_SHA384, KeyType.EC, EcCurve.P384, true),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512", SignatureAlgorithm.ECDSA_SHA512, KeyType.EC, EcCurve.P521, true),
    /** RSASSA-PSS with a key whose certificate says rsaEncryption. */
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256", SignatureAlgorithm.RSA_PSS_SHA256, KeyType.RSA, null, true),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384", SignatureAlgorithm.RSA_PSS_SHA384, KeyType.RSA, null, true),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512", SignatureAlgorithm.RSA_PSS_SHA512, KeyType.RSA, null, true),
    /** RSASSA-PSS with a key whose certificate says id-RSASSA-PSS (RFC 4055). */
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256", SignatureAlgorithm.RSA_PSS_SHA256, KeyType.RSA_PSS, null, true),
    RSA_PSS_PSS_SHA384(0x080A, "rsa_pss_pss_sha384", SignatureAlgorithm.RSA_PSS_SHA384, KeyType.RSA_PSS, null, true),
    RSA_PSS_PSS_SHA512(0x080B, "rsa_pss_pss_sha512", SignatureAlgorithm.RSA_PSS_SHA512, KeyType.RSA_PSS, null, true),
    ED25519(0x0807, "ed25519", SignatureAlgorithm.ED25519, KeyType.ED25519, null, true),
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256", SignatureAlgorithm.RSA_PKCS1_SHA256, KeyType.RSA, null, true),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384", SignatureAlgorithm.RSA_PKCS1_SHA384, KeyType.RSA, null, true),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512", SignatureAlgorithm.RSA_PKCS1_SHA512, KeyType.RSA, null, true),
    ED448(0x0808, "ed448", SignatureAlgorithm.ED448, KeyType.ED448, null, false),
    /** Legacy (RFC 8446 §4.2.3): certificates and TLS 1.2 handshakes only. */
    RSA_PKCS1_SHA1(0x0201, "rsa_pkcs1_sha1", SignatureAlgorithm.RSA_PKCS1_SHA1, KeyType.RSA, null, false),
    /** Legacy (RFC 8446 §4.2.3): certificates and TLS 1.2 handshakes only. */
    ECDSA_SHA1(0x0203, "ecdsa_sha1", SignatureAlgorithm.ECDSA_SHA1, KeyType.EC, null, false);

    /** The kind of public key a scheme signs with. */
    public enum KeyType {
        /** An RSA key identified by rsaEncryption (PKCS#1 v1.5 and the "rsae" PSS schemes). */
        RSA,
        /** An RSA key identified by id-RSASSA-PSS, usable only for PSS (RFC 8446 §4.2.3). */
        RSA_PSS,
        /** An EC key; TLS 1.3 ties each ECDSA scheme to one curve, TLS 1.2 does not. */
        EC,
        ED25519,
        ED448
    }

    /**
     * The two bytes of a scheme read as TLS 1.2's {@code SignatureAndHashAlgorithm} (RFC 5246
     * §7.4.1.4.1): {@code hash} is none(0), md5(1), sha1(2), sha224(3), sha256(4), sha384(5),
     * sha512(6) or Intrinsic(8); {@code signature} is rsa(1), dsa(2), ecdsa(3), ed25519(7) or
     * ed448(8). RFC 8422 §5.1.3 defines Intrinsic(8) for EdDSA, which hashes inside the signature;
     * the RSA-PSS code points (8, 4..6) and (8, 9..11) have no TLS 1.2 hash/signature reading and
     * are used there as the same SignatureScheme values (RFC 8446 §4.2.3).
     */
    public record Tls12HashAndSignature(int hash, int signature) {
        /** The TLS 1.2 HashAlgorithm value meaning "hashing is part of the signature" (RFC 8422 §5.1.3). */
        public static final int INTRINSIC_HASH = 8;
    }

    private final int code;
    private final String ianaName;
    private final SignatureAlgorithm algorithm;
    private final KeyType keyType;
    private final EcCurve tls13Curve;
    private final boolean enabledByDefault;

    SignatureScheme(int code, String ianaName, SignatureAlgorithm algorithm, KeyType keyType, EcCurve tls13Curve,
            boolean enabledByDefault) {
        this.code = code;
        this.ianaName = ianaName;
        this.algorithm = algorithm;
        this.keyType = keyType;
        this.tls13Curve = tls13Curve;
        this.enabledByDefault = enabledByDefault;
    }

    /** The IANA code point. */
    public int code() {
        return code;
    }

    /** The IANA name ({@code rsa_pss_rsae_sha256}). */
    public String ianaName() {
        return ianaName;
    }

    /** The signature operation a backend performs for this scheme. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The message hash, or empty for EdDSA (which hashes internally). */
    public Optional<HashAlgorithm> hash() {
        return Optional.ofNullable(algorithm.hash());
    }

    /** The kind of key that signs. */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * The curve the key must be on when this scheme is used in TLS 1.3 (RFC 8446 §4.2.3); empty for
     * non-ECDSA schemes and for {@link #ECDSA_SHA1}. In TLS 1.2 an ECDSA scheme names only the hash,
     * and the curve is whatever the certificate's key uses.
     */
    public Optional<EcCurve> tls13Curve() {
        return Optional.ofNullable(tls13Curve);
    }

    /**
     * Whether TLS 1.3 handshake signatures (CertificateVerify) may use this scheme. RFC 8446 §4.2.3:
     * RSASSA-PKCS1-v1_5 and SHA-1 schemes "are not defined for use in signed TLS handshake
     * messages"; they may still appear in the extensions for certificates.
     */
    public boolean allowedInTls13Handshake() {
        return algorithm.family() != SignatureAlgorithm.Family.RSA_PKCS1 && algorithm.hash() != HashAlgorithm.SHA1;
    }

    /** Whether jtls offers this scheme when none are configured. */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** The code point's two bytes as TLS 1.2 reads them. */
    public Tls12HashAndSignature tls12HashAndSignature() {
        return new Tls12HashAndSignature(code >>> 8, code & 0xFF);
    }

    /** The schemes offered when none are configured, in preference order. */
    public static List<SignatureScheme> defaults() {
        List<SignatureScheme> defaults = new ArrayList<>();
        for (SignatureScheme scheme : values()) {
            if (scheme.enabledByDefault) {
                defaults.add(scheme);
            }
        }
        return List.copyOf(defaults);
    }

    public static Optional<SignatureScheme> fromCode(int code) {
        for (SignatureScheme scheme : values()) {
            if (scheme.code == code) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /** Looks a scheme up by its IANA name ({@code ecdsa_secp256r1_sha256}), ignoring case. */
    public static Optional<SignatureScheme> fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (SignatureScheme scheme : values()) {
            if (scheme.ianaName.equals(wanted)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }
}
