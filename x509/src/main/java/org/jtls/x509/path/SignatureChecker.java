package org.jtls.x509.path;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;

/**
 * Verifies certificate and CRL signatures for one validation, each (signed object, signer) pair at
 * most once, charging every verification to the work budget. MD5 and MD2 signatures are never
 * verified; SHA-1 signatures are verified but reported as weak unless allowed.
 */
final class SignatureChecker {
    /** The result of checking one signature. */
    enum Outcome {
        VALID,
        INVALID,
        /** The signature algorithm is unknown, broken (MD5, MD2) or not supported. */
        UNSUPPORTED_SIGNATURE,
        /** The signer's key is of an algorithm jtls cannot use. */
        UNSUPPORTED_KEY
    }

    /** An outcome, whether the algorithm is weak, and what went wrong. */
    record Check(Outcome outcome, boolean weak, String detail) {
        boolean verified() {
            return outcome == Outcome.VALID;
        }
    }

    private final CryptoBackend crypto;
    private final boolean allowSha1;
    private final Work work;
    private final Map<Object, Map<Certificate, Check>> cache = new IdentityHashMap<>();

    SignatureChecker(CryptoBackend crypto, boolean allowSha1, Work work) {
        this.crypto = crypto;
        this.allowSha1 = allowSha1;
        this.work = work;
    }

    /** Whether {@code issuer}'s key made {@code subject}'s signature. */
    Check check(Certificate subject, Certificate issuer) throws BudgetExhaustedException {
        return cached(subject, issuer, subject.signatureAlgorithm());
    }

    /** Whether {@code signer}'s key made the CRL's signature. */
    Check check(CertificateList crl, Certificate signer) throws BudgetExhaustedException {
        return cached(crl, signer, crl.signatureAlgorithm());
    }

    private Check cached(Object signed, Certificate signer, AlgorithmIdentifier algorithm)
            throws BudgetExhaustedException {
        Map<Certificate, Check> bySigner = cache.computeIfAbsent(signed, key -> new IdentityHashMap<>());
        Check known = bySigner.get(signer);
        if (known != null) {
            return known;
        }
        Check check = verify(signed, signer, algorithm);
        bySigner.put(signer, check);
        return check;
    }

    private Check verify(Object signed, Certificate signer, AlgorithmIdentifier algorithm)
            throws BudgetExhaustedException {
        KnownAlgorithm known = algorithm.knownAlgorithm();
        HashAlgorithm hash = known == null ? null : known.hash();
        if (known == KnownAlgorithm.MD2_WITH_RSA_ENCRYPTION || hash == HashAlgorithm.MD5) {
            return new Check(Outcome.UNSUPPORTED_SIGNATURE, true, algorithm.name() + " signatures are never accepted");
        }
        boolean weak = hash == HashAlgorithm.SHA1 && !allowSha1;
        if (signer.subjectPublicKeyInfo().publicKey().isEmpty()) {
            return new Check(Outcome.UNSUPPORTED_KEY, weak, "the signer's key algorithm "
                    + signer.subjectPublicKeyInfo().algorithm().name() + " is not supported");
        }
        work.chargeSignatureCheck();
        try {
            boolean valid = signed instanceof Certificate certificate
                    ? certificate.verifySignature(signer, crypto)
                    : ((CertificateList) signed).verifySignature(signer, crypto);
            return new Check(valid ? Outcome.VALID : Outcome.INVALID, weak,
                    valid ? "" : "the " + algorithm.name() + " signature does not verify with the key of "
                            + signer.subject());
        } catch (UnsupportedAlgorithmException e) {
            return new Check(Outcome.UNSUPPORTED_SIGNATURE, weak, e.getMessage());
        }
    }
}
