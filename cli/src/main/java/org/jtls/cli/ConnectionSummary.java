package org.jtls.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslError;
import org.jtls.api.SslSocket;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.SessionInfo;

/**
 * The summary lines of CLI.md for an established connection: {@code Protocol:}, {@code Cipher:},
 * {@code Group:}, ... in that order, stable so scripts can grep them.
 */
final class ConnectionSummary {
    private ConnectionSummary() {
    }

    /** The lines for a socket whose handshake completed. */
    static List<String> lines(SslSocket socket) {
        SessionInfo session = socket.sessionInfo()
                .orElseThrow(() -> new IllegalStateException("the handshake has not completed"));
        List<String> lines = new ArrayList<>();
        lines.add("Protocol: " + session.version().opensslName());
        lines.add("Cipher: " + session.cipherSuite().ianaName());
        lines.add("Group: " + session.group().map(group -> group.ianaName()).orElse("none"));
        lines.add("Signature: " + session.peerSignatureScheme().map(SignatureScheme::ianaName)
                .orElse(session.resumed() ? "none (resumed session)" : "none"));
        lines.add("ALPN: " + session.applicationProtocol().orElse("none"));
        lines.add("Resumed: " + (session.resumed() ? "yes" : "no"));
        lines.add("Early data: not sent");
        lines.add("Peer certificate: " + socket.peerCertificate().map(ConnectionSummary::describe).orElse("none"));
        lines.add("Verification: " + verification(socket.sslHandshakeErrors()));
        lines.add("OCSP: " + ocsp(session, socket.sslHandshakeErrors()));
        if (session.version().isBefore(ProtocolVersion.TLS_1_3)) {
            lines.add("Extended master secret: " + (session.extendedMasterSecret() ? "yes" : "no"));
            lines.add("Secure renegotiation: " + (session.secureRenegotiation() ? "yes" : "no"));
        }
        return lines;
    }

    /** {@code CN=localhost; issuer CN=jtls demo CA; SHA-256 3F:...}. */
    static String describe(SslCertificate certificate) {
        return certificate.certificate().subject().toRfc4514String() + "; issuer "
                + certificate.certificate().issuer().toRfc4514String() + "; SHA-256 " + certificate.sha256Fingerprint();
    }

    /** {@code OK}, or {@code FAILED:} and the Qt names of the problems. */
    static String verification(List<SslError> errors) {
        if (errors.isEmpty()) {
            return "OK";
        }
        return "FAILED: " + errors.stream().map(error -> error.kind().qtName()).distinct()
                .collect(Collectors.joining(", "));
    }

    private static String ocsp(SessionInfo session, List<SslError> errors) {
        Optional<byte[]> response = session.stapledOcspResponse();
        if (response.isEmpty()) {
            return "none";
        }
        for (SslError error : errors) {
            switch (error.kind()) {
                case CERTIFICATE_REVOKED -> {
                    return "revoked";
                }
                case OCSP_STATUS_UNKNOWN, CERTIFICATE_STATUS_UNKNOWN -> {
                    return "unknown";
                }
                default -> {
                }
            }
        }
        boolean ocspProblem = errors.stream().anyMatch(error -> error.kind().qtName().startsWith("Ocsp"));
        return ocspProblem ? "unknown" : "good";
    }
}
