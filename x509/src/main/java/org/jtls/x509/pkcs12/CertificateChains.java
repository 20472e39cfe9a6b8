package org.jtls.x509.pkcs12;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jtls.x509.cert.AuthorityKeyIdentifier;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.SubjectKeyIdentifier;

/**
 * Orders a bag of certificates into a chain: the leaf, then the certificate whose subject is the
 * previous one's issuer (preferring the one whose subject key identifier matches the authority
 * key identifier), until no issuer is left or a self-issued certificate ends it; then the rest in
 * file order. This is only an order for presentation and sending, not validation.
 */
final class CertificateChains {
    private CertificateChains() {
    }

    static List<Certificate> order(Certificate leaf, List<Certificate> all) {
        Set<Certificate> remaining = new LinkedHashSet<>(all);
        remaining.remove(leaf);
        List<Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        Certificate current = leaf;
        while (!current.isSelfIssued()) {
            Certificate issuer = issuerOf(current, remaining);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            remaining.remove(issuer);
            current = issuer;
        }
        chain.addAll(remaining);
        return chain;
    }

    private static Certificate issuerOf(Certificate certificate, Set<Certificate> candidates) {
        byte[] authorityKeyId = certificate.authorityKeyIdentifier()
                .flatMap(AuthorityKeyIdentifier::keyIdentifier).orElse(null);
        Certificate byName = null;
        for (Certificate candidate : candidates) {
            if (!candidate.subject().equals(certificate.issuer())) {
                continue;
            }
            byte[] subjectKeyId = candidate.subjectKeyIdentifier().map(SubjectKeyIdentifier::keyIdentifier).orElse(null);
            if (authorityKeyId == null || subjectKeyId == null || Arrays.equals(authorityKeyId, subjectKeyId)) {
                return candidate;
            }
            if (byName == null) {
                byName = candidate;
            }
        }
        return byName;
    }
}
