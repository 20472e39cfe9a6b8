package org.jtls.handshake;

import java.util.List;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;

/**
 * What a completed handshake negotiated.
 *
 * @param group                   the key-exchange group, empty for static RSA key exchange
 * @param peerSignatureScheme     how the peer signed, empty when it did not (RSA key exchange, resumption)
 * @param peerCertificates        the peer's chain as sent, leaf first (DER)
 * @param extendedMasterSecret    TLS ≤ 1.2: whether RFC 7627 was used
 * @param secureRenegotiation     TLS ≤ 1.2: whether RFC 5746 was negotiated
 * @param stapledOcspResponse     the OCSP response the server stapled, if any
 */
public record SessionInfo(
        ProtocolVersion version,
        CipherSuite cipherSuite,
        Optional<NamedGroup> group,
        Optional<SignatureScheme> peerSignatureScheme,
        Optional<String> applicationProtocol,
        List<byte[]> peerCertificates,
        boolean resumed,
        boolean extendedMasterSecret,
        boolean secureRenegotiation,
        Optional<String> serverName,
        Optional<byte[]> stapledOcspResponse) {

    public SessionInfo {
        peerCertificates = peerCertificates.stream().map(byte[]::clone).toList();
        stapledOcspResponse = stapledOcspResponse.map(byte[]::clone);
    }
}
