package org.jtls.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.cert.Certificate;

/**
 * Which certificate chain to present given the peer's {@code signature_algorithms_cert} (RFC 8446
 * §4.2.3), or its {@code signature_algorithms} when it sent none. RFC 8446 §1.3 applies the
 * extension to TLS 1.2 as well.
 *
 * <p>RFC 8446 §4.4.2.2: the certificates sent "MUST be signed using a signature algorithm
 * advertised by the client"; the restriction "does not apply to self-signed certificates or
 * certificates that are trust anchors", and a server that "cannot produce a certificate chain that
 * is signed only via the indicated supported algorithms ... SHOULD continue the handshake by sending
 * the client a certificate chain of its choice". So chains that comply are tried first and the rest
 * stay as a fallback, each group in its configured order.
 */
public final class CertificateSignatures {
    private CertificateSignatures() {
    }

    /**
     * {@code candidates} reordered: first those whose every non-self-signed certificate is signed with
     * a scheme in {@code peerSchemes} (codes as sent on the wire), then the others.
     */
    public static List<CertifiedKey> preferSignedWith(List<CertifiedKey> candidates, List<Integer> peerSchemes) {
        List<CertifiedKey> matching = new ArrayList<>();
        List<CertifiedKey> others = new ArrayList<>();
        for (CertifiedKey key : candidates) {
            (chainSignedWith(key.chain(), peerSchemes) ? matching : others).add(key);
        }
        matching.addAll(others);
        return matching;
    }

    /** Whether every certificate of {@code chain} that is not self-signed carries a signature the peer accepts. */
    public static boolean chainSignedWith(List<byte[]> chain, List<Integer> peerSchemes) {
        for (byte[] der : chain) {
            Certificate certificate;
            SignatureAlgorithm algorithm;
            try {
                certificate = Certificate.parse(der);
                if (certificate.issuer().equals(certificate.subject())) {
                    continue; // self-signed: exempt (RFC 8446 §4.4.2.2)
                }
                algorithm = SignatureAlgorithms.toCrypto(certificate.signatureAlgorithm());
            } catch (Exception e) {
                return false; // a certificate we cannot read cannot be shown to comply
            }
            if (!signedWithOneOf(algorithm, peerSchemes)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A certificate's signature algorithm matches a scheme that names the same algorithm (signature and
     * hash). The ECDSA schemes' curve is that of the issuer's key, which a lone certificate does not
     * carry, so the curve is not compared.
     */
    private static boolean signedWithOneOf(SignatureAlgorithm algorithm, List<Integer> peerSchemes) {
        return Arrays.stream(SignatureScheme.values())
                .filter(scheme -> scheme.algorithm() == algorithm)
                .anyMatch(scheme -> peerSchemes.contains(scheme.code()));
    }
}
