package org.jtls.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.jtls.crypto.registry.SignatureScheme;

/**
 * The kinds of server key the benchmarks authenticate with, and the signature scheme each one signs
 * its handshakes with under TLS 1.2 and 1.3.
 */
public enum ServerKey {
    /**
     * RSA-2048. RSASSA-PSS with SHA-256 is the first RSA scheme in both SunJSSE's and jtls's default
     * signature_algorithms, so both servers sign with it under TLS 1.2 as well as under TLS 1.3
     * (where PKCS#1 v1.5 is not allowed, RFC 8446 §4.2.3).
     */
    RSA_2048("RSA-2048", "SHA256withRSA", SignatureScheme.RSA_PSS_RSAE_SHA256),
    /** ECDSA on P-256, which has exactly one scheme. */
    ECDSA_P256("ECDSA-P256", "SHA256withECDSA", SignatureScheme.ECDSA_SECP256R1_SHA256);

    private final String displayName;
    private final String certificateSignatureAlgorithm;
    private final SignatureScheme handshakeSignature;

    ServerKey(String displayName, String certificateSignatureAlgorithm, SignatureScheme handshakeSignature) {
        this.displayName = displayName;
        this.certificateSignatureAlgorithm = certificateSignatureAlgorithm;
        this.handshakeSignature = handshakeSignature;
    }

    public String displayName() {
        return displayName;
    }

    /** The scheme of the server's ServerKeyExchange (TLS 1.2) or CertificateVerify (TLS 1.3) signature. */
    public SignatureScheme handshakeSignature() {
        return handshakeSignature;
    }

    /** The JCA name of the signature on the self-signed certificate. */
    String certificateSignatureAlgorithm() {
        return certificateSignatureAlgorithm;
    }

    /** A generator for a fresh key pair of this kind (JDK providers). */
    KeyPairGenerator keyPairGenerator(SecureRandom random) throws GeneralSecurityException {
        return switch (this) {
            case RSA_2048 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                yield generator;
            }
            case ECDSA_P256 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                yield generator;
            }
        };
    }
}
