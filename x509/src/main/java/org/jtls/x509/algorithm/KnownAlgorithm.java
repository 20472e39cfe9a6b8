package org.jtls.x509.algorithm;

import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.der.ObjectIdentifier;

/** Algorithm OIDs met in certificates and keys, with the names OpenSSL prints. */
public enum KnownAlgorithm {
    // RFC 8017 Appendix C and RFC 4055
    RSA_ENCRYPTION("1.2.840.113549.1.1.1", "rsaEncryption", null),
    MD2_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.2", "md2WithRSAEncryption", null),
    MD5_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.4", "md5WithRSAEncryption", HashAlgorithm.MD5),
    SHA1_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.5", "sha1WithRSAEncryption", HashAlgorithm.SHA1),
    MGF1("1.2.840.113549.1.1.8", "mgf1", null),
    RSASSA_PSS("1.2.840.113549.1.1.10", "rsassaPss", null),
    SHA256_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.11", "sha256WithRSAEncryption", HashAlgorithm.SHA256),
    SHA384_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.12", "sha384WithRSAEncryption", HashAlgorithm.SHA384),
    SHA512_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.13", "sha512WithRSAEncryption", HashAlgorithm.SHA512),
    SHA224_WITH_RSA_ENCRYPTION("1.2.840.113549.1.1.14", "sha224WithRSAEncryption", HashAlgorithm.SHA224),
    // RFC 5480, RFC 5758
    EC_PUBLIC_KEY("1.2.840.10045.2.1", "id-ecPublicKey", null),
    ECDSA_WITH_SHA1("1.2.840.10045.4.1", "ecdsa-with-SHA1", HashAlgorithm.SHA1),
    ECDSA_WITH_SHA224("1.2.840.10045.4.3.1", "ecdsa-with-SHA224", HashAlgorithm.SHA224),
    ECDSA_WITH_SHA256("1.2.840.10045.4.3.2", "ecdsa-with-SHA256", HashAlgorithm.SHA256),
    ECDSA_WITH_SHA384("1.2.840.10045.4.3.3", "ecdsa-with-SHA384", HashAlgorithm.SHA384),
    ECDSA_WITH_SHA512("1.2.840.10045.4.3.4", "ecdsa-with-SHA512", HashAlgorithm.SHA512),
    // RFC 8410
    X25519("1.3.101.110", "X25519", null),
    X448("1.3.101.111", "X448", null),
    ED25519("1.3.101.112", "ED25519", null),
    ED448("1.3.101.113", "ED448", null),
    // RFC 3279
    DSA("1.2.840.10040.4.1", "dsaEncryption", null),
    DSA_WITH_SHA1("1.2.840.10040.4.3", "dsaWithSHA1", HashAlgorithm.SHA1),
    DSA_WITH_SHA224("2.16.840.1.101.3.4.3.1", "dsa_with_SHA224", HashAlgorithm.SHA224),
    DSA_WITH_SHA256("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256", HashAlgorithm.SHA256),
    DH_PUBLIC_NUMBER("1.2.840.10046.2.1", "dhpublicnumber", null),
    // Hash functions (RFC 3279, RFC 4055)
    MD5("1.2.840.113549.2.5", "md5", HashAlgorithm.MD5),
    SHA1("1.3.14.3.2.26", "sha1", HashAlgorithm.SHA1),
    SHA224("2.16.840.1.101.3.4.2.4", "sha224", HashAlgorithm.SHA224),
    SHA256("2.16.840.1.101.3.4.2.1", "sha256", HashAlgorithm.SHA256),
    SHA384("2.16.840.1.101.3.4.2.2", "sha384", HashAlgorithm.SHA384),
    SHA512("2.16.840.1.101.3.4.2.3", "sha512", HashAlgorithm.SHA512);

    private final ObjectIdentifier oid;
    private final String displayName;
    private final HashAlgorithm hash;

    KnownAlgorithm(String oid, String displayName, HashAlgorithm hash) {
        this.oid = ObjectIdentifier.of(oid);
        this.displayName = displayName;
        this.hash = hash;
    }

    public ObjectIdentifier oid() {
        return oid;
    }

    public String displayName() {
        return displayName;
    }

    /** The hash a signature algorithm uses, or the hash function itself; {@code null} otherwise. */
    public HashAlgorithm hash() {
        return hash;
    }

    public static KnownAlgorithm forOid(ObjectIdentifier oid) {
        for (KnownAlgorithm algorithm : values()) {
            if (algorithm.oid.equals(oid)) {
                return algorithm;
            }
        }
        return null;
    }

    /** The hash-function OID entry for {@code hash}. */
    public static KnownAlgorithm hashFunction(HashAlgorithm hash) {
        return switch (hash) {
            case MD5 -> MD5;
            case SHA1 -> SHA1;
            case SHA224 -> SHA224;
            case SHA256 -> SHA256;
            case SHA384 -> SHA384;
            case SHA512 -> SHA512;
        };
    }

    boolean isHashFunction() {
        return ordinal() >= MD5.ordinal();
    }
}
