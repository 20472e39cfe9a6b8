package org.jtls.x509.pbe;

import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;

/** The {@code hmacWithSHA...} identifiers PBKDF2 and PBMAC1 name their PRF with (RFC 8018 Appendix B.1). */
final class HmacPrf {
    private static final String RSADSI_DIGEST_ALGORITHM = "1.2.840.113549.2.";

    private HmacPrf() {
    }

    static HashAlgorithm decode(AlgorithmIdentifier id) throws UnsupportedKeyAlgorithmException {
        HashAlgorithm hash = switch (id.algorithm().toString()) {
            case RSADSI_DIGEST_ALGORITHM + "7" -> HashAlgorithm.SHA1;
            case RSADSI_DIGEST_ALGORITHM + "8" -> HashAlgorithm.SHA224;
            case RSADSI_DIGEST_ALGORITHM + "9" -> HashAlgorithm.SHA256;
            case RSADSI_DIGEST_ALGORITHM + "10" -> HashAlgorithm.SHA384;
            case RSADSI_DIGEST_ALGORITHM + "11" -> HashAlgorithm.SHA512;
            default -> null;
        };
        if (hash == null) {
            throw new UnsupportedKeyAlgorithmException("PRF " + id.algorithm() + " is not supported "
                    + "(hmacWithSHA1, SHA224, SHA256, SHA384 and SHA512 are)");
        }
        if (id.hasParameters() && !id.hasNullParameters()) {
            throw new UnsupportedKeyAlgorithmException("hmacWith" + hash.name() + " parameters must be NULL or absent");
        }
        return hash;
    }

    static AlgorithmIdentifier identifier(HashAlgorithm hash) {
        String arc = switch (hash) {
            case SHA1 -> "7";
            case SHA224 -> "8";
            case SHA256 -> "9";
            case SHA384 -> "10";
            case SHA512 -> "11";
            case MD5 -> throw new IllegalArgumentException("HMAC-MD5 is not a PBKDF2 PRF jtls writes");
        };
        return AlgorithmIdentifier.withNullParameters(ObjectIdentifier.of(RSADSI_DIGEST_ALGORITHM + arc));
    }
}
