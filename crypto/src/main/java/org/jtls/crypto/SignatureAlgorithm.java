package org.jtls.crypto;

/**
 * Signature operations a backend performs. TLS's {@code SignatureScheme} registry maps onto these;
 * {@link #RSA_PKCS1_MD5_SHA1} is the unnamed form TLS 1.0/1.1 use for RSA (RFC 4346 §7.4.3): a
 * PKCS#1 v1.5 type-1 signature over the 36-byte MD5 || SHA-1 concatenation, with no DigestInfo.
 *
 * <p>RSA-PSS uses MGF1 with the same hash and a salt as long as the hash (RFC 8446 §4.2.3), for
 * both rsae and pss keys: the key's type, not the operation, tells them apart. ECDSA signatures
 * are DER-encoded {@code SEQUENCE { r INTEGER, s INTEGER }} as TLS carries them. EdDSA signs the
 * message itself (PureEdDSA, empty context).
 *
 * <p>The DSA algorithms (FIPS 186-4 §4.7, signatures DER-encoded {@code Dss-Sig-Value ::= SEQUENCE
 * { r INTEGER, s INTEGER }} as RFC 3279 §2.2.2 carries them) are verify-only: they exist for
 * certification paths that still contain DSA certificates, and no private key type can sign with
 * them ({@link Family#canSign()}).
 */
public enum SignatureAlgorithm {
    RSA_PKCS1_MD5_SHA1(Family.RSA_PKCS1, null),
    RSA_PKCS1_SHA1(Family.RSA_PKCS1, HashAlgorithm.SHA1),
    RSA_PKCS1_SHA256(Family.RSA_PKCS1, HashAlgorithm.SHA256),
    RSA_PKCS1_SHA384(Family.RSA_PKCS1, HashAlgorithm.SHA384),
    RSA_PKCS1_SHA512(Family.RSA_PKCS1, HashAlgorithm.SHA512),
    RSA_PSS_SHA256(Family.RSA_PSS, HashAlgorithm.SHA256),
    RSA_PSS_SHA384(Family.RSA_PSS, HashAlgorithm.SHA384),
    RSA_PSS_SHA512(Family.RSA_PSS, HashAlgorithm.SHA512),
    ECDSA_SHA1(Family.ECDSA, HashAlgorithm.SHA1),
    ECDSA_SHA256(Family.ECDSA, HashAlgorithm.SHA256),
    ECDSA_SHA384(Family.ECDSA, HashAlgorithm.SHA384),
    ECDSA_SHA512(Family.ECDSA, HashAlgorithm.SHA512),
    ED25519(Family.EDDSA, null),
    ED448(Family.EDDSA, null),
    DSA_SHA1(Family.DSA, HashAlgorithm.SHA1),
    DSA_SHA224(Family.DSA, HashAlgorithm.SHA224),
    DSA_SHA256(Family.DSA, HashAlgorithm.SHA256);

    /** Which kind of key signs. */
    public enum Family {
        RSA_PKCS1, RSA_PSS, ECDSA, EDDSA,
        /** Verification only. */
        DSA;

        /** Whether jtls can make signatures of this family, not only check them. */
        public boolean canSign() {
            return this != DSA;
        }
    }

    private final Family family;
    private final HashAlgorithm hash;

    SignatureAlgorithm(Family family, HashAlgorithm hash) {
        this.family = family;
        this.hash = hash;
    }

    public Family family() {
        return family;
    }

    /** The message hash, or {@code null} for EdDSA and for MD5+SHA-1. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** Whether a key of this kind can perform this algorithm. */
    public boolean acceptsKey(PublicKeyMaterial key) {
        return switch (family) {
            case RSA_PKCS1, RSA_PSS -> key instanceof RsaPublicKey;
            case ECDSA -> key instanceof EcPublicKey;
            case EDDSA -> key instanceof EdPublicKey ed
                    && ed.curve() == (this == ED25519 ? EdwardsCurve.ED25519 : EdwardsCurve.ED448);
            case DSA -> key instanceof DsaPublicKey;
        };
    }
}
