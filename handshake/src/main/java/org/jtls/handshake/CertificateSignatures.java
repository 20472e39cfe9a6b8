package org.jtls.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.cert.KeyUsage;

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

    /**
     * {@code candidates} reordered, stably: first those whose chain holds a certificate issued by, or
     * naming as its subject, one of {@code authorities} (DER X.501 names from a CertificateRequest's
     * certificate_authorities, RFC 5246 §7.4.4 / RFC 8446 §4.2.4), then the others. An empty list
     * names no preference.
     */
    public static List<CertifiedKey> preferIssuedBy(List<CertifiedKey> candidates, List<byte[]> authorities) {
        if (authorities.isEmpty()) {
            return candidates;
        }
        List<DistinguishedName> wanted = new ArrayList<>();
        for (byte[] der : authorities) {
            try {
                wanted.add(DistinguishedName.decode(der));
            } catch (Exception e) {
                // a name we cannot read matches nothing
            }
        }
        List<CertifiedKey> matching = new ArrayList<>();
        List<CertifiedKey> others = new ArrayList<>();
        for (CertifiedKey key : candidates) {
            (chainNames(key.chain(), wanted) ? matching : others).add(key);
        }
        matching.addAll(others);
        return matching;
    }

    private static boolean chainNames(List<byte[]> chain, List<DistinguishedName> wanted) {
        for (byte[] der : chain) {
            try {
                Certificate certificate = Certificate.parse(der);
                if (wanted.contains(certificate.issuer()) || wanted.contains(certificate.subject())) {
                    return true;
                }
            } catch (Exception e) {
                // unreadable: no match
            }
        }
        return false;
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
     * Whether the leaf's Key Usage extension, when present, sets {@code usage}: RFC 8446 §4.4.2.2 ("the
     * digitalSignature bit MUST be set if the Key Usage extension is present"); RFC 5246 §7.4.2 the same
     * for signing suites and keyEncipherment for RSA key exchange. A leaf we cannot parse is left to
     * the peer to judge.
     */
    public static boolean leafAllows(CertifiedKey key, KeyUsage.Bit usage) {
        try {
            return Certificate.parse(key.chain().get(0)).keyUsage().map(ku -> ku.has(usage)).orElse(true);
        } catch (Exception e) {
            return true;
        }
    }

    /**
     * RFC 8446 §4.4.2.2: a fallback chain (one not signed only with what the peer lists) "SHOULD NOT
     * use the deprecated SHA-1 hash algorithm in general, but MAY do so if the client's advertisement
     * permits it, and MUST NOT do so otherwise". {@code candidates} without the chains that fail that
     * MUST: those with a non-self-signed SHA-1 certificate signature when the peer lists no SHA-1 scheme.
     */
    public static List<CertifiedKey> withoutUnadvertisedSha1(List<CertifiedKey> candidates, List<Integer> peerSchemes) {
        boolean peerTakesSha1 = peerSchemes.contains(SignatureScheme.RSA_PKCS1_SHA1.code())
                || peerSchemes.contains(SignatureScheme.ECDSA_SHA1.code());
        if (peerTakesSha1) {
            return candidates;
        }
        return candidates.stream().filter(key -> !usesSha1(key.chain())).toList();
    }

    private static boolean usesSha1(List<byte[]> chain) {
        for (byte[] der : chain) {
            try {
                Certificate certificate = Certificate.parse(der);
                if (certificate.issuer().equals(certificate.subject())) {
                    continue;
                }
                SignatureAlgorithm algorithm = SignatureAlgorithms.toCrypto(certificate.signatureAlgorithm());
                if (algorithm.hash() == org.jtls.crypto.HashAlgorithm.SHA1) {
                    return true;
                }
            } catch (Exception e) {
                // unreadable: not known to use SHA-1
            }
        }
        return false;
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
