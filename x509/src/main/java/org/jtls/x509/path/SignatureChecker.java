package org.jtls.x509.path;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.key.SubjectPublicKeyInfo;

/**
 * Verifies certificate and CRL signatures for one validation, each (signed object, signer) pair at
 * most once, charging every verification to the work budget. MD5 and MD2 signatures are never
 * verified; SHA-1 signatures are verified but reported as weak unless allowed.
 *
 * <p>A signer whose DSA key has no parameters of its own verifies with its working public key
 * (RFC 5280 §6.1.4 (d)-(f)): its public value with the parameters of the DSA key above it on the
 * path. That key depends on the path, so callers that know the path pass it in; without it such a
 * signer's key counts as unusable.
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
    /** Checks by signers whose key inherited its DSA parameters, by the completed key. */
    private final Map<Object, Map<PublicKeyMaterial, Check>> inheritedKeyCache = new IdentityHashMap<>();

    SignatureChecker(CryptoBackend crypto, boolean allowSha1, Work work) {
        this.crypto = crypto;
        this.allowSha1 = allowSha1;
        this.work = work;
    }

    /** Whether {@code issuer}'s own key made {@code subject}'s signature. */
    Check check(Certificate subject, Certificate issuer) throws BudgetExhaustedException {
        return check(subject, issuer, null);
    }

    /**
     * Whether {@code issuer}'s key made {@code subject}'s signature, where {@code issuerWorkingKey}
     * is the issuer's working public key on the path being checked ({@code null} if not known).
     */
    Check check(Certificate subject, Certificate issuer, PublicKeyMaterial issuerWorkingKey)
            throws BudgetExhaustedException {
        return cached(subject, issuer, issuerWorkingKey, subject.signatureAlgorithm());
    }

    /** Whether {@code signer}'s own key made the CRL's signature. */
    Check check(CertificateList crl, Certificate signer) throws BudgetExhaustedException {
        return check(crl, signer, null);
    }

    /** Whether {@code signer}'s key, as its working public key on a path, made the CRL's signature. */
    Check check(CertificateList crl, Certificate signer, PublicKeyMaterial signerWorkingKey)
            throws BudgetExhaustedException {
        return cached(crl, signer, signerWorkingKey, crl.signatureAlgorithm());
    }

    /**
     * The working public key of each certificate of {@code path} (first certificate issued by the
     * second, trust anchor last) whose DSA key inherits its parameters and can: RFC 5280 §6.1.4
     * (d)-(f) applied from the anchor down. Certificates whose key needs nothing from above are
     * not in the map.
     */
    static Map<Certificate, PublicKeyMaterial> inheritedWorkingKeys(List<Certificate> path) {
        Map<Certificate, PublicKeyMaterial> inherited = new IdentityHashMap<>();
        PublicKeyMaterial workingKey = null;
        for (int i = path.size() - 1; i >= 0; i--) {
            SubjectPublicKeyInfo keyInfo = path.get(i).subjectPublicKeyInfo();
            workingKey = keyInfo.workingPublicKey(workingKey).orElse(null);
            if (keyInfo.inheritsDsaParameters() && workingKey != null) {
                inherited.put(path.get(i), workingKey);
            }
        }
        return inherited;
    }

    private Check cached(Object signed, Certificate signer, PublicKeyMaterial signerWorkingKey,
            AlgorithmIdentifier algorithm) throws BudgetExhaustedException {
        boolean inherited = signer.subjectPublicKeyInfo().inheritsDsaParameters() && signerWorkingKey != null;
        Map<?, Check> bySigner = inherited
                ? inheritedKeyCache.computeIfAbsent(signed, key -> new HashMap<>())
                : cache.computeIfAbsent(signed, key -> new IdentityHashMap<>());
        Object cacheKey = inherited ? signerWorkingKey : signer;
        Check known = bySigner.get(cacheKey);
        if (known != null) {
            return known;
        }
        Check check = verify(signed, signer, inherited ? signerWorkingKey : null, algorithm);
        if (inherited) {
            inheritedKeyCache.get(signed).put(signerWorkingKey, check);
        } else {
            cache.get(signed).put(signer, check);
        }
        return check;
    }

    /** {@code inheritedKey}: the signer's completed DSA key, or {@code null} to use its own key. */
    private Check verify(Object signed, Certificate signer, PublicKeyMaterial inheritedKey,
            AlgorithmIdentifier algorithm) throws BudgetExhaustedException {
        KnownAlgorithm known = algorithm.knownAlgorithm();
        HashAlgorithm hash = known == null ? null : known.hash();
        if (known == KnownAlgorithm.MD2_WITH_RSA_ENCRYPTION || hash == HashAlgorithm.MD5) {
            return new Check(Outcome.UNSUPPORTED_SIGNATURE, true, algorithm.name() + " signatures are never accepted");
        }
        boolean weak = hash == HashAlgorithm.SHA1 && !allowSha1;
        SubjectPublicKeyInfo keyInfo = signer.subjectPublicKeyInfo();
        if (keyInfo.inheritsDsaParameters() && inheritedKey == null) {
            return new Check(Outcome.UNSUPPORTED_KEY, weak, "the DSA key of " + signer.subject()
                    + " has no parameters and no DSA key above it on the path to inherit them from"
                    + " (RFC 5280 §6.1.4 (e))");
        }
        if (inheritedKey == null && keyInfo.publicKey().isEmpty()) {
            return new Check(Outcome.UNSUPPORTED_KEY, weak, "the signer's key algorithm "
                    + keyInfo.algorithm().name() + " is not supported");
        }
        work.chargeSignatureCheck();
        try {
            boolean valid;
            if (inheritedKey != null) {
                // A DSA key: none of the RSASSA-PSS key restrictions the certificate overloads apply.
                valid = signed instanceof Certificate certificate
                        ? certificate.verifySignature(inheritedKey, crypto)
                        : ((CertificateList) signed).verifySignature(inheritedKey, crypto);
            } else {
                valid = signed instanceof Certificate certificate
                        ? certificate.verifySignature(signer, crypto)
                        : ((CertificateList) signed).verifySignature(signer, crypto);
            }
            return new Check(valid ? Outcome.VALID : Outcome.INVALID, weak,
                    valid ? "" : "the " + algorithm.name() + " signature does not verify with the key of "
                            + signer.subject());
        } catch (UnsupportedAlgorithmException e) {
            return new Check(Outcome.UNSUPPORTED_SIGNATURE, weak, e.getMessage());
        }
    }
}
