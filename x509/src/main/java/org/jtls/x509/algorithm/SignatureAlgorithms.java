package org.jtls.x509.algorithm;

import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerWriter;

/**
 * Maps the signature algorithm identifiers of certificates to the crypto module's
 * {@link SignatureAlgorithm}s and back.
 *
 * <ul>
 *   <li>{@code sha1/256/384/512WithRSAEncryption}: parameters NULL or absent (RFC 4055 §5 asks
 *       verifiers to accept both).</li>
 *   <li>{@code ecdsa-with-SHA1/256/384/512}: parameters absent (RFC 5758 §3.2).</li>
 *   <li>{@code Ed25519}, {@code Ed448}: parameters absent (RFC 8410 §3).</li>
 *   <li>{@code dsa-with-sha1} (RFC 3279 §2.2.2), {@code dsa-with-sha224} and {@code dsa-with-sha256}
 *       (RFC 5758 §3.1): parameters absent; verification only.</li>
 *   <li>{@code RSASSA-PSS}: parameters present (RFC 4055 §3.1) with SHA-256/384/512, MGF1 over
 *       the same hash, a salt as long as the hash and trailer 1 — the only form the crypto
 *       module's RSA-PSS performs (and the one RFC 8446 and the CA/Browser Forum use).</li>
 * </ul>
 * MD2, MD5, SHA-224 with RSA or ECDSA, and anything else are recognised where an OID is known but
 * raise {@link UnsupportedAlgorithmException}.
 */
public final class SignatureAlgorithms {
    private SignatureAlgorithms() {
    }

    public static SignatureAlgorithm toCrypto(AlgorithmIdentifier id) throws UnsupportedAlgorithmException {
        KnownAlgorithm known = id.knownAlgorithm();
        if (known == null) {
            throw new UnsupportedAlgorithmException("unknown signature algorithm " + id.algorithm());
        }
        switch (known) {
            case SHA1_WITH_RSA_ENCRYPTION, SHA256_WITH_RSA_ENCRYPTION, SHA384_WITH_RSA_ENCRYPTION,
                    SHA512_WITH_RSA_ENCRYPTION -> {
                if (id.hasParameters() && !id.hasNullParameters()) {
                    throw new UnsupportedAlgorithmException(known.displayName() + " parameters must be NULL or absent");
                }
                return switch (known.hash()) {
                    case SHA1 -> SignatureAlgorithm.RSA_PKCS1_SHA1;
                    case SHA256 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
                    case SHA384 -> SignatureAlgorithm.RSA_PKCS1_SHA384;
                    default -> SignatureAlgorithm.RSA_PKCS1_SHA512;
                };
            }
            case ECDSA_WITH_SHA1, ECDSA_WITH_SHA256, ECDSA_WITH_SHA384, ECDSA_WITH_SHA512 -> {
                requireNoParameters(id, known);
                return switch (known.hash()) {
                    case SHA1 -> SignatureAlgorithm.ECDSA_SHA1;
                    case SHA256 -> SignatureAlgorithm.ECDSA_SHA256;
                    case SHA384 -> SignatureAlgorithm.ECDSA_SHA384;
                    default -> SignatureAlgorithm.ECDSA_SHA512;
                };
            }
            case DSA_WITH_SHA1, DSA_WITH_SHA224, DSA_WITH_SHA256 -> {
                requireNoParameters(id, known);
                return switch (known.hash()) {
                    case SHA1 -> SignatureAlgorithm.DSA_SHA1;
                    case SHA224 -> SignatureAlgorithm.DSA_SHA224;
                    default -> SignatureAlgorithm.DSA_SHA256;
                };
            }
            case ED25519 -> {
                requireNoParameters(id, known);
                return SignatureAlgorithm.ED25519;
            }
            case ED448 -> {
                requireNoParameters(id, known);
                return SignatureAlgorithm.ED448;
            }
            case RSASSA_PSS -> {
                return pss(id);
            }
            default -> throw new UnsupportedAlgorithmException(known.displayName()
                    + " signatures are not supported");
        }
    }

    private static SignatureAlgorithm pss(AlgorithmIdentifier id) throws UnsupportedAlgorithmException {
        if (!id.hasParameters()) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS signature without parameters (RFC 4055 §3.1)");
        }
        RsaPssParameters parameters;
        try {
            parameters = RsaPssParameters.decode(id.parameters());
        } catch (DerException e) {
            throw new UnsupportedAlgorithmException("malformed RSASSA-PSS parameters: " + e.getMessage(), e);
        }
        HashAlgorithm hash = parameters.hash();
        if (parameters.maskGenHash() != hash || parameters.saltLength() != hash.outputLength()
                || parameters.trailerField() != 1) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS with " + parameters.describe().replace('\n', ',')
                    + " (only MGF1 over the message hash with a salt of the hash length is supported)");
        }
        return switch (hash) {
            case SHA256 -> SignatureAlgorithm.RSA_PSS_SHA256;
            case SHA384 -> SignatureAlgorithm.RSA_PSS_SHA384;
            case SHA512 -> SignatureAlgorithm.RSA_PSS_SHA512;
            default -> throw new UnsupportedAlgorithmException("RSASSA-PSS with " + hash.standardName()
                    + " is not supported");
        };
    }

    private static void requireNoParameters(AlgorithmIdentifier id, KnownAlgorithm known)
            throws UnsupportedAlgorithmException {
        if (id.hasParameters()) {
            throw new UnsupportedAlgorithmException(known.displayName() + " must have no parameters");
        }
    }

    /** The identifier for {@code algorithm} (NULL parameters for PKCS#1, none for ECDSA, EdDSA and DSA). */
    public static AlgorithmIdentifier fromCrypto(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_PKCS1_SHA1 -> AlgorithmIdentifier.withNullParameters(KnownAlgorithm.SHA1_WITH_RSA_ENCRYPTION.oid());
            case RSA_PKCS1_SHA256 ->
                    AlgorithmIdentifier.withNullParameters(KnownAlgorithm.SHA256_WITH_RSA_ENCRYPTION.oid());
            case RSA_PKCS1_SHA384 ->
                    AlgorithmIdentifier.withNullParameters(KnownAlgorithm.SHA384_WITH_RSA_ENCRYPTION.oid());
            case RSA_PKCS1_SHA512 ->
                    AlgorithmIdentifier.withNullParameters(KnownAlgorithm.SHA512_WITH_RSA_ENCRYPTION.oid());
            case RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512 -> {
                DerWriter parameters = new DerWriter();
                RsaPssParameters.forHash(algorithm.hash()).encode(parameters);
                yield AlgorithmIdentifier.withParameters(KnownAlgorithm.RSASSA_PSS.oid(), parameters.toByteArray());
            }
            case ECDSA_SHA1 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ECDSA_WITH_SHA1.oid());
            case ECDSA_SHA256 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ECDSA_WITH_SHA256.oid());
            case ECDSA_SHA384 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ECDSA_WITH_SHA384.oid());
            case ECDSA_SHA512 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ECDSA_WITH_SHA512.oid());
            case ED25519 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ED25519.oid());
            case ED448 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.ED448.oid());
            case DSA_SHA1 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.DSA_WITH_SHA1.oid());
            case DSA_SHA224 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.DSA_WITH_SHA224.oid());
            case DSA_SHA256 -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.DSA_WITH_SHA256.oid());
            case RSA_PKCS1_MD5_SHA1 -> throw new IllegalArgumentException(
                    "the TLS 1.0 MD5+SHA-1 signature has no certificate algorithm identifier");
        };
    }
}
