package org.jtls.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslError;
import org.jtls.api.SslSocket;
import org.jtls.cli.json.JsonWriter;
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

    /**
     * One summary line: its label ({@code Protocol}), its {@code --json} key in lower camel case,
     * and its text; {@code yes}/{@code no} values become JSON booleans.
     */
    record Entry(String label, String jsonKey, String text) {
        String line() {
            return label + ": " + text;
        }

        Object jsonValue() {
            return switch (text) {
                case "yes" -> Boolean.TRUE;
                case "no" -> Boolean.FALSE;
                default -> text;
            };
        }
    }

    /** The lines for a socket whose handshake completed, whose client sent no early data. */
    static List<String> lines(SslSocket socket) {
        return lines(socket, "not sent");
    }

    /** The lines, with {@code earlyData} as the {@code Early data:} value (accepted, rejected, not sent). */
    static List<String> lines(SslSocket socket, String earlyData) {
        return entries(socket, earlyData).stream().map(Entry::line).toList();
    }

    /** The summary as one JSON object on one line, keys in the order of the lines. */
    static String json(SslSocket socket, String earlyData) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Entry entry : entries(socket, earlyData)) {
            object.put(entry.jsonKey(), entry.jsonValue());
        }
        return JsonWriter.write(object);
    }

    /** The summary of an established connection, in CLI.md's order. */
    static List<Entry> entries(SslSocket socket, String earlyData) {
        SessionInfo session = socket.sessionInfo()
                .orElseThrow(() -> new IllegalStateException("the handshake has not completed"));
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("Protocol", "protocol", session.version().opensslName()));
        entries.add(new Entry("Cipher", "cipher", session.cipherSuite().ianaName()));
        entries.add(new Entry("Group", "group", session.group().map(group -> group.ianaName()).orElse("none")));
        entries.add(new Entry("Signature", "signature", session.peerSignatureScheme().map(SignatureScheme::ianaName)
                .orElse(session.resumed() ? "none (resumed session)" : "none")));
        entries.add(new Entry("ALPN", "alpn", session.applicationProtocol().orElse("none")));
        entries.add(new Entry("Resumed", "resumed", session.resumed() ? "yes" : "no"));
        entries.add(new Entry("Early data", "earlyData", earlyData));
        entries.add(new Entry("Peer certificate", "peerCertificate",
                socket.peerCertificate().map(ConnectionSummary::describe).orElse("none")));
        entries.add(new Entry("Verification", "verification", verificationOf(socket)));
        entries.add(new Entry("OCSP", "ocsp", ocsp(session, socket.sslHandshakeErrors())));
        if (session.version().isBefore(ProtocolVersion.TLS_1_3)) {
            entries.add(new Entry("Extended master secret", "extendedMasterSecret",
                    session.extendedMasterSecret() ? "yes" : "no"));
            entries.add(new Entry("Secure renegotiation", "secureRenegotiation",
                    session.secureRenegotiation() ? "yes" : "no"));
        }
        return entries;
    }

    /**
     * The peer's chain as it sent it, one line per certificate, as {@code openssl s_client}'s
     * "Certificate chain": {@code   0 CN=localhost; issuer CN=...; SHA-256 ...}.
     */
    static List<String> chainLines(SslSocket socket) {
        List<String> lines = new ArrayList<>();
        List<SslCertificate> chain = socket.peerCertificateChain();
        lines.add("Certificate chain:" + (chain.isEmpty() ? " none" : ""));
        for (int index = 0; index < chain.size(); index++) {
            lines.add("  " + index + " " + describe(chain.get(index)));
        }
        return lines;
    }

    /** As {@link #json(SslSocket, String)}, with the peer's chain under {@code certificateChain}. */
    static String jsonWithChain(SslSocket socket, String earlyData) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Entry entry : entries(socket, earlyData)) {
            object.put(entry.jsonKey(), entry.jsonValue());
        }
        object.put("certificateChain", socket.peerCertificateChain().stream().map(ConnectionSummary::describe).toList());
        return JsonWriter.write(object);
    }

    /** {@code CN=localhost; issuer CN=jtls demo CA; SHA-256 3F:...}. */
    static String describe(SslCertificate certificate) {
        return certificate.certificate().subject().toRfc4514String() + "; issuer "
                + certificate.certificate().issuer().toRfc4514String() + "; SHA-256 " + certificate.sha256Fingerprint();
    }

    /**
     * {@code none} without a peer certificate, {@code not checked} when the verify mode is
     * VerifyNone (a server that did not ask for the certificate it got after the handshake), else
     * as {@link #verification(List)}.
     */
    private static String verificationOf(SslSocket socket) {
        List<SslError> errors = socket.sslHandshakeErrors();
        if (socket.peerCertificate().isEmpty() && errors.isEmpty()) {
            return "none";
        }
        boolean server = socket.mode() == SslSocket.SslMode.SSL_SERVER_MODE;
        if (socket.peerVerifyMode().effective(server) == PeerVerifyMode.VERIFY_NONE) {
            return "not checked";
        }
        return verification(errors);
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
