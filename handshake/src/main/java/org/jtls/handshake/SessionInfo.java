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
 * @param pskIdentity             TLS 1.3: the identity of the external PSK (RFC 8446 §4.2.11) that
 *                                authenticated the connection, if one did; such a connection is not
 *                                {@code resumed} (that means a ticket or session id) and has no peer
 *                                certificates or signature
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
        Optional<byte[]> stapledOcspResponse,
        Optional<byte[]> pskIdentity) {

    public SessionInfo {
        peerCertificates = peerCertificates.stream().map(byte[]::clone).toList();
        stapledOcspResponse = stapledOcspResponse.map(byte[]::clone);
        pskIdentity = pskIdentity.map(byte[]::clone);
    }

    /** Without an external PSK. */
    public SessionInfo(ProtocolVersion version, CipherSuite cipherSuite, Optional<NamedGroup> group,
            Optional<SignatureScheme> peerSignatureScheme, Optional<String> applicationProtocol,
            List<byte[]> peerCertificates, boolean resumed, boolean extendedMasterSecret, boolean secureRenegotiation,
            Optional<String> serverName, Optional<byte[]> stapledOcspResponse) {
        this(version, cipherSuite, group, peerSignatureScheme, applicationProtocol, peerCertificates, resumed,
                extendedMasterSecret, secureRenegotiation, serverName, stapledOcspResponse, Optional.empty());
    }

    @Override
    public Optional<byte[]> stapledOcspResponse() {
        return stapledOcspResponse.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> pskIdentity() {
        return pskIdentity.map(byte[]::clone);
    }

    /** Whether an external PSK authenticated the connection (see {@link #pskIdentity()}). */
    public boolean externalPskAuthenticated() {
        return pskIdentity.isPresent();
    }
}
