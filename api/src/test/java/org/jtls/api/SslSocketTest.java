package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.SslError.Kind;
import org.jtls.api.SslSocket.PeerClose;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.api.SslSocket.SslMode;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SslSocket clients and servers talking over 127.0.0.1. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SslSocketTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 5_000;

    private LoopbackServer server;

    /** What the server side saw. */
    record ServerOutcome(boolean encrypted, String received, SocketError error, String errorString,
            PeerClose peerClose, boolean resumed, Optional<SslCertificate> peerCertificate, List<SslError> sslErrors,
            Optional<TlsException> failure, SocketState finalState) {
        static ServerOutcome of(SslSocket socket, String received) {
            return new ServerOutcome(socket.isEncrypted(), received, socket.error(), socket.errorString(),
                    socket.peerClose(), socket.isSessionResumed(), socket.peerCertificate(),
                    socket.sslHandshakeErrors(), socket.tlsFailure(), socket.state());
        }
    }

    /** Server: handshake, read one line, answer {@code echo: line}, close. */
    private static final LoopbackServer.Handler<ServerOutcome> ECHO_ONE_LINE = socket -> {
        if (!socket.waitForEncrypted(WAIT)) {
            return ServerOutcome.of(socket, null);
        }
        String line = readLine(socket);
        socket.write("echo: " + line);
        socket.disconnectFromHost();
        socket.waitForDisconnected(WAIT);
        return ServerOutcome.of(socket, line);
    };

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    static String readLine(SslSocket socket) {
        while (!socket.canReadLine()) {
            if (!socket.waitForReadyRead(WAIT)) {
                break;
            }
        }
        return new String(socket.readLine(), StandardCharsets.UTF_8);
    }

    private SslSocket client(SslConfiguration configuration) {
        SslSocket socket = new SslSocket(configuration);
        socket.connectToHostEncrypted("127.0.0.1", server.port(), "localhost");
        return socket;
    }

    // ---- verification ----

    @Test
    void verifiesTheServerWithTheRightCaAndName() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertTrue(socket.isEncrypted());
            assertEquals(SslMode.SSL_CLIENT_MODE, socket.mode());
            assertEquals(SocketState.CONNECTED, socket.state());
            assertEquals(List.of(), socket.sslHandshakeErrors());
            assertEquals(SslProtocol.TLS_V1_3, socket.sessionProtocol());
            assertEquals("TLS_AES_128_GCM_SHA256", socket.sessionCipher().orElseThrow().name());
            assertEquals(PKI.server.certificate(), socket.peerCertificate().orElseThrow());
            assertEquals(PKI.server.chain(), socket.peerCertificateChain());
            socket.write("hello\n");
            assertEquals("echo: hello\n", readLine(socket));
        }
        ServerOutcome outcome = LoopbackServer.result(served);
        assertTrue(outcome.encrypted());
        assertEquals("hello\n", outcome.received());
        assertEquals(Optional.empty(), outcome.peerCertificate(), "no client certificate was sent");
    }

    @Test
    void anIpLiteralIsCheckedAgainstTheIpAddressEntries() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.connectToHostEncrypted("127.0.0.1", server.port());
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(List.of(), socket.sslHandshakeErrors());
        }
        LoopbackServer.result(served);
    }

    @Test
    void aWrongNameEndsTheHandshakeWithHostNameMismatch() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        List<SslError> reported = new ArrayList<>();
        List<SslError> oneByOne = new ArrayList<>();
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.addListener(new SslSocketListener() {
                @Override
                public void sslErrors(List<SslError> errors) {
                    reported.addAll(errors);
                }

                @Override
                public void peerVerifyError(SslError error) {
                    oneByOne.add(error);
                }
            });
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "other.example");
            assertFalse(socket.waitForEncrypted(WAIT));
            assertFalse(socket.isEncrypted());
            assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, socket.error());
            assertEquals("The host name did not match any of the valid hosts for this certificate", socket.errorString());
            SslError expected = new SslError(Kind.HOST_NAME_MISMATCH, PKI.server.certificate());
            assertEquals(List.of(expected), socket.sslHandshakeErrors());
            assertEquals(List.of(expected), reported);
            assertEquals(List.of(expected), oneByOne);
            assertTrue(socket.sslHandshakeErrors().get(0).detail().orElseThrow().contains("other.example"));
            assertEquals(SocketState.UNCONNECTED, socket.state());
        }
        ServerOutcome outcome = LoopbackServer.result(served);
        assertFalse(outcome.encrypted());
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, outcome.error());
        TlsAlertException alert = (TlsAlertException) outcome.failure().orElseThrow();
        assertEquals(AlertDescription.BAD_CERTIFICATE, alert.alert());
        assertFalse(alert.isLocal(), "the client sent the alert");
    }

    @Test
    void ignoringExactlyTheReportedErrorsLetsTheHandshakeContinue() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.ignoreSslErrors(List.of(new SslError(Kind.HOST_NAME_MISMATCH, PKI.server.certificate())));
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "other.example");
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(List.of(Kind.HOST_NAME_MISMATCH),
                    socket.sslHandshakeErrors().stream().map(SslError::kind).toList(), "ignored errors are still listed");
            socket.write("ignored\n");
            assertEquals("echo: ignored\n", readLine(socket));
        }
        assertTrue(LoopbackServer.result(served).encrypted());
    }

    @Test
    void anIgnoreListThatMissesAnErrorDoesNotHelp() throws Exception {
        // The same kind for another certificate is another error.
        Future<ServerOutcome> first = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.ignoreSslErrors(List.of(new SslError(Kind.HOST_NAME_MISMATCH, PKI.selfSigned.certificate())));
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "other.example");
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, socket.error());
        }
        assertFalse(LoopbackServer.result(first).encrypted());

        // An expired certificate for the wrong name has two problems; ignoring one is not enough.
        SslConfiguration expired = PKI.expired.serverConfiguration();
        SslError wrongName = new SslError(Kind.HOST_NAME_MISMATCH, PKI.expired.certificate());
        SslError tooOld = new SslError(Kind.CERTIFICATE_EXPIRED, PKI.expired.certificate());
        Future<ServerOutcome> second = server.accept(expired, ECHO_ONE_LINE);
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.ignoreSslErrors(List.of(wrongName));
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "other.example");
            assertFalse(socket.waitForEncrypted(WAIT));
            assertTrue(socket.sslHandshakeErrors().containsAll(List.of(wrongName, tooOld)), socket.sslHandshakeErrors()
                    .toString());
            assertEquals("The certificate has expired", socket.errorString());
        }
        LoopbackServer.result(second);

        Future<ServerOutcome> third = server.accept(expired, ECHO_ONE_LINE);
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.ignoreSslErrors(List.of(tooOld, wrongName));
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "other.example");
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        }
        assertTrue(LoopbackServer.result(third).encrypted());
    }

    @Test
    void aSelfSignedServerIsRefusedUnlessTheListenerIgnoresTheErrors() throws Exception {
        SslConfiguration selfSigned = PKI.selfSigned.serverConfiguration();
        Future<ServerOutcome> refused = server.accept(selfSigned, ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE, PKI.selfSigned.certificate())),
                    socket.sslHandshakeErrors());
            assertEquals("The certificate is self-signed, and untrusted", socket.errorString());
        }
        LoopbackServer.result(refused);

        Future<ServerOutcome> accepted = server.accept(selfSigned, ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            socket.addListener(new SslSocketListener() {
                @Override
                public void sslErrors(List<SslError> errors) {
                    if (errors.stream().allMatch(error -> error.kind() == Kind.SELF_SIGNED_CERTIFICATE)) {
                        socket.ignoreSslErrors();
                    }
                }
            });
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(PKI.selfSigned.certificate(), socket.peerCertificate().orElseThrow());
            socket.write("self\n");
            assertEquals("echo: self\n", readLine(socket));
        }
        assertTrue(LoopbackServer.result(accepted).encrypted());
    }

    @Test
    void aChainEndingInAnUntrustedRootIsSelfSignedInChain() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        SslConfiguration trustsSomethingElse = SslConfiguration.builder()
                .caCertificates(List.of(PKI.selfSigned.certificate())).build();
        try (SslSocket socket = client(trustsSomethingElse)) {
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE_IN_CHAIN, PKI.ca.certificate())),
                    socket.sslHandshakeErrors());
        }
        LoopbackServer.result(served);
    }

    @Test
    void verifyNoneChecksNothing() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        SslConfiguration trustsNothing = SslConfiguration.builder().caCertificates(List.of())
                .peerVerifyMode(PeerVerifyMode.VERIFY_NONE).build();
        try (SslSocket socket = new SslSocket(trustsNothing)) {
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "wrong.example");
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(List.of(), socket.sslHandshakeErrors());
            assertEquals(PKI.server.certificate(), socket.peerCertificate().orElseThrow(), "the certificate is still shown");
        }
        LoopbackServer.result(served);
    }

    @Test
    void queryPeerReportsErrorsAndContinues() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        SslConfiguration trustsNothing = SslConfiguration.builder().caCertificates(List.of())
                .peerVerifyMode(PeerVerifyMode.QUERY_PEER).build();
        List<SslError> reported = new ArrayList<>();
        try (SslSocket socket = new SslSocket(trustsNothing)) {
            socket.addListener(new SslSocketListener() {
                @Override
                public void sslErrors(List<SslError> errors) {
                    reported.addAll(errors);
                }
            });
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "localhost");
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            // The server sent [leaf, CA]: the CA is found in the chain, is self-signed, and is not trusted.
            assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE_IN_CHAIN, PKI.ca.certificate())),
                    socket.sslHandshakeErrors());
            assertEquals(socket.sslHandshakeErrors(), reported);
        }
        LoopbackServer.result(served);
    }

    @Test
    void aVerifyPeerServerRequiresAndChecksTheClientCertificate() throws Exception {
        SslConfiguration requiring = PKI.server.serverConfiguration().toBuilder()
                .peerVerifyMode(PeerVerifyMode.VERIFY_PEER).caCertificates(List.of(PKI.ca.certificate())).build();
        Future<ServerOutcome> served = server.accept(requiring, ECHO_ONE_LINE);
        SslConfiguration withIdentity = PKI.clientTrustingCa().toBuilder()
                .localCertificateChain(PKI.client.chain()).privateKey(PKI.client.key()).build();
        try (SslSocket socket = client(withIdentity)) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            socket.write("with certificate\n");
            assertEquals("echo: with certificate\n", readLine(socket));
        }
        ServerOutcome outcome = LoopbackServer.result(served);
        assertTrue(outcome.encrypted());
        assertEquals(PKI.client.certificate(), outcome.peerCertificate().orElseThrow());
        assertEquals(List.of(), outcome.sslErrors());

        Future<ServerOutcome> refused = server.accept(requiring, ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            // TLS 1.3: the client finishes its side before the server refuses, then hears the alert.
            socket.waitForEncrypted(WAIT);
            socket.write("without\n");
            assertFalse(socket.waitForReadyRead(WAIT));
            assertEquals(SocketState.UNCONNECTED, socket.state());
        }
        ServerOutcome refusal = LoopbackServer.result(refused);
        assertFalse(refusal.encrypted());
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED,
                ((TlsAlertException) refusal.failure().orElseThrow()).alert());
    }

    // ---- Qt's usage patterns ----

    @Test
    void qtBlockingExampleLineForLine() throws Exception {
        String capability = "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n1 OK CAPABILITY completed\r\n";
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            String command = readLine(socket);
            socket.write(capability);
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return ServerOutcome.of(socket, command);
        });
        SslSocket socket = new SslSocket(PKI.clientTrustingCa());
        StringBuilder received = new StringBuilder();
        // From the QSslSocket reference, with the IMAP server on loopback:
        socket.connectToHostEncrypted("127.0.0.1", server.port(), "localhost");
        if (!socket.waitForEncrypted()) {
            fail(socket.errorString());
        }
        socket.write("1 CAPABILITY\r\n");
        while (socket.waitForReadyRead()) {
            received.append(new String(socket.readAll(), StandardCharsets.US_ASCII));
        }
        assertEquals(capability, received.toString());
        assertEquals(SocketState.UNCONNECTED, socket.state());
        assertEquals(SocketError.REMOTE_HOST_CLOSED_ERROR, socket.error());
        assertEquals(PeerClose.CLOSE_NOTIFY, socket.peerClose());
        assertEquals("1 CAPABILITY\r\n", LoopbackServer.result(served).received());
    }

    @Test
    void startTlsAfterAPlaintextImapExchange() throws Exception {
        Future<ServerOutcome> served = server.acceptPlain(PKI.server.serverConfiguration(), socket -> {
            socket.write("* OK IMAP4rev1 ready\r\n");
            assertTrue(socket.waitForBytesWritten(WAIT));
            String startTls = readLine(socket);
            socket.write("a001 OK Begin TLS negotiation now\r\n");
            assertTrue(socket.waitForBytesWritten(WAIT));
            socket.startServerEncryption();
            assertEquals(SslMode.SSL_SERVER_MODE, socket.mode());
            if (!socket.waitForEncrypted(WAIT)) {
                return ServerOutcome.of(socket, startTls);
            }
            String capability = readLine(socket);
            socket.write("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na002 OK done\r\n");
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return ServerOutcome.of(socket, startTls + capability);
        });
        List<SslSocket.SslMode> modes = new ArrayList<>();
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.addListener(new SslSocketListener() {
                @Override
                public void modeChanged(SslMode mode) {
                    modes.add(mode);
                }
            });
            socket.connectToHost("127.0.0.1", server.port());
            assertTrue(socket.waitForConnected(WAIT), socket.errorString());
            assertEquals("* OK IMAP4rev1 ready\r\n", readLine(socket));
            assertFalse(socket.isEncrypted());
            socket.write("a001 STARTTLS\r\n");
            assertEquals("a001 OK Begin TLS negotiation now\r\n", readLine(socket));
            socket.setPeerVerifyName("localhost");
            socket.startClientEncryption();
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(List.of(SslMode.SSL_CLIENT_MODE), modes);
            socket.write("a002 CAPABILITY\r\n");
            assertEquals("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n", readLine(socket));
            assertEquals("a002 OK done\r\n", readLine(socket));
        }
        ServerOutcome outcome = LoopbackServer.result(served);
        assertTrue(outcome.encrypted());
        assertEquals("a001 STARTTLS\r\na002 CAPABILITY\r\n", outcome.received());
    }

    @Test
    void disconnectFromHostClosesCleanlyOnBothSides() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            String line = readLine(socket);
            if (socket.state() != SocketState.UNCONNECTED) {
                assertTrue(socket.waitForDisconnected(WAIT), socket.errorString());
            }
            return ServerOutcome.of(socket, line);
        });
        SslSocket socket = client(PKI.clientTrustingCa());
        assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        socket.write("last words\n");
        socket.disconnectFromHost();
        assertEquals(SocketState.CLOSING, socket.state());
        assertEquals(-1, socket.write("too late\n"));
        assertTrue(socket.waitForDisconnected(WAIT), socket.errorString());
        assertEquals(SocketState.UNCONNECTED, socket.state());
        assertEquals(PeerClose.CLOSE_NOTIFY, socket.peerClose(), "the server answered close_notify with its own");

        ServerOutcome outcome = LoopbackServer.result(served);
        assertEquals("last words\n", outcome.received());
        assertEquals(PeerClose.CLOSE_NOTIFY, outcome.peerClose());
        assertEquals(SocketError.REMOTE_HOST_CLOSED_ERROR, outcome.error());
        assertEquals(SocketState.UNCONNECTED, outcome.finalState());
    }

    @Test
    void anAbortIsSeenAsTruncation() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            String line = readLine(socket);
            assertFalse(socket.waitForReadyRead(WAIT));
            return ServerOutcome.of(socket, line);
        });
        SslSocket socket = client(PKI.clientTrustingCa());
        assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        socket.write("then nothing\n");
        assertTrue(socket.waitForBytesWritten(WAIT));
        socket.abort();
        assertEquals(SocketState.UNCONNECTED, socket.state());
        ServerOutcome outcome = LoopbackServer.result(served);
        assertEquals("then nothing\n", outcome.received());
        assertEquals(PeerClose.TRUNCATED, outcome.peerClose());
        assertEquals(SocketError.REMOTE_HOST_CLOSED_ERROR, outcome.error());
    }

    // ---- sessions ----

    @Test
    void aSessionExportedFromOneSocketResumesInAnother() throws Exception {
        resumes(SslProtocol.SECURE_PROTOCOLS, SslProtocol.TLS_V1_3);
    }

    @Test
    void aTls12SessionExportedFromOneSocketResumesInAnother() throws Exception {
        resumes(SslProtocol.TLS_V1_2, SslProtocol.TLS_V1_2);
    }

    private void resumes(SslProtocol clientProtocol, SslProtocol expected) throws Exception {
        SslConfiguration serverConfiguration = PKI.server.serverConfiguration();
        SslConfiguration persisting = PKI.clientTrustingCa().toBuilder().protocol(clientProtocol)
                .sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false).build();

        Future<ServerOutcome> first = server.accept(serverConfiguration, ECHO_ONE_LINE);
        byte[] ticket;
        try (SslSocket socket = client(persisting)) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(expected, socket.sessionProtocol());
            socket.write("first\n");
            assertEquals("echo: first\n", readLine(socket));
            assertFalse(socket.isSessionResumed());
            ticket = socket.sslConfiguration().sessionTicket();
            assertTrue(ticket.length > 0, "the session is exported");
        }
        assertFalse(LoopbackServer.result(first).resumed());

        Future<ServerOutcome> second = server.accept(serverConfiguration, ECHO_ONE_LINE);
        try (SslSocket socket = client(persisting.withSessionTicket(ticket))) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertTrue(socket.isSessionResumed());
            assertEquals(expected, socket.sessionProtocol());
            assertEquals(PKI.server.certificate(), socket.peerCertificate().orElseThrow(),
                    "the resumed session remembers the server's certificate");
            socket.write("second\n");
            assertEquals("echo: second\n", readLine(socket));
        }
        assertTrue(LoopbackServer.result(second).resumed());
    }

    @Test
    void sessionsAreNotExportedByDefault() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            socket.write("x\n");
            readLine(socket);
            assertArrayEquals(new byte[0], socket.sslConfiguration().sessionTicket());
        }
        LoopbackServer.result(served);
    }

    // ---- the rest of the surface ----

    @Test
    void signalsComeInQtsOrder() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        List<String> signals = new ArrayList<>();
        SslSocket socket = client(PKI.clientTrustingCa());
        socket.addListener(new SslSocketListener() {
            @Override
            public void stateChanged(SocketState state) {
                signals.add("state " + state);
            }

            @Override
            public void connected() {
                signals.add("connected");
            }

            @Override
            public void modeChanged(SslMode mode) {
                signals.add("mode " + mode);
            }

            @Override
            public void encrypted() {
                signals.add("encrypted");
            }

            @Override
            public void bytesWritten(long bytes) {
                signals.add("bytesWritten " + bytes);
            }

            @Override
            public void readyRead() {
                signals.add("readyRead");
            }

            @Override
            public void alertReceived(AlertLevel level, int alertCode, String description) {
                signals.add("alertReceived " + description);
            }

            @Override
            public void disconnected() {
                signals.add("disconnected");
            }
        });
        assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        socket.write("abc\n");
        assertEquals("echo: abc\n", readLine(socket));
        socket.waitForDisconnected(WAIT);
        assertEquals(List.of("state CONNECTING", "state CONNECTED", "connected", "mode SSL_CLIENT_MODE", "encrypted",
                "bytesWritten 4", "readyRead", "alertReceived close_notify", "state UNCONNECTED", "disconnected"),
                withoutRepeats(signals));
        LoopbackServer.result(served);
    }

    /** Consecutive equal entries once: how often data arrives in pieces is up to TCP. */
    private static List<String> withoutRepeats(List<String> signals) {
        List<String> collapsed = new ArrayList<>();
        for (String signal : signals) {
            if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(signal)) {
                collapsed.add(signal);
            }
        }
        return collapsed;
    }

    @Test
    void alpnKeylogAndExporter(@TempDir Path directory) throws Exception {
        Path keyLog = directory.resolve("keys.log");
        SslConfiguration serverConfiguration = PKI.server.serverConfiguration()
                .withAllowedNextProtocols(List.of("http/1.1"));
        List<String> serverAlpn = new ArrayList<>();
        List<byte[]> serverExport = new ArrayList<>();
        Future<ServerOutcome> served = server.accept(serverConfiguration, socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            serverAlpn.add(socket.sslConfiguration().nextNegotiatedProtocol().orElse("none"));
            serverExport.add(socket.exportKeyingMaterial("EXPORTER-jtls-test", null, 32));
            return ECHO_ONE_LINE.serve(socket);
        });
        SslConfiguration clientConfiguration = PKI.clientTrustingCa().toBuilder()
                .allowedNextProtocols(List.of("h2", "http/1.1")).keyLogFile(keyLog).build();
        try (SslSocket socket = client(clientConfiguration)) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            SslConfiguration negotiated = socket.sslConfiguration();
            assertEquals(Optional.of("http/1.1"), negotiated.nextNegotiatedProtocol());
            assertEquals(NextProtocolNegotiationStatus.NEGOTIATED, negotiated.nextProtocolNegotiationStatus());
            assertEquals(SslProtocol.TLS_V1_3, negotiated.sessionProtocol());
            assertEquals(PKI.server.certificate(), negotiated.peerCertificate().orElseThrow());
            byte[] exported = socket.exportKeyingMaterial("EXPORTER-jtls-test", null, 32);
            socket.write("k\n");
            readLine(socket);
            assertArrayEquals(serverExport.get(0), exported);
        }
        LoopbackServer.result(served);
        assertEquals(List.of("http/1.1"), serverAlpn);
        String log = Files.readString(keyLog);
        assertTrue(log.contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET "), log);
        assertTrue(log.contains("SERVER_TRAFFIC_SECRET_0 "), log);
    }

    @Test
    void aReadTimeoutLeavesTheConnectionUsable() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            String line = readLine(socket);
            socket.write("late " + line);
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return ServerOutcome.of(socket, line);
        });
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertFalse(socket.waitForReadyRead(200));
            assertEquals(SocketError.SOCKET_TIMEOUT_ERROR, socket.error());
            assertEquals(SocketState.CONNECTED, socket.state());
            assertFalse(socket.waitForReadyRead(0), "0 ms: only what has already arrived");
            socket.write("ping\n");
            assertEquals("late ping\n", readLine(socket));
        }
        LoopbackServer.result(served);
    }

    @Test
    void bufferedReadingMethods() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertTrue(socket.putChar((byte) 'Q'));
            socket.write("RS\n".getBytes(StandardCharsets.US_ASCII), 0, 3);
            assertEquals(3 + 1, socket.bytesToWrite());
            assertTrue(socket.flush());
            assertEquals(0, socket.bytesToWrite());
            while (socket.bytesAvailable() < "echo: QRS\n".length() && socket.waitForReadyRead(WAIT)) {
                continue;
            }
            assertTrue(socket.canReadLine());
            assertArrayEquals("echo".getBytes(StandardCharsets.US_ASCII), socket.peek(4));
            assertEquals('e', socket.getChar());
            socket.ungetChar((byte) 'E');
            assertArrayEquals("Echo:".getBytes(StandardCharsets.US_ASCII), socket.read(5));
            byte[] rest = new byte[10];
            assertEquals(5, socket.read(rest, 0, rest.length));
            assertEquals(" QRS\n", new String(rest, 0, 5, StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getChar());
            assertEquals(0, socket.bytesAvailable());
        }
        LoopbackServer.result(served);
    }

    @Test
    void aMegabyteEachWayWithoutTimeouts() throws Exception {
        int size = 1 << 20;
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(-1));
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            received.writeBytes(socket.readAll()); // what came with the client's Finished
            while (received.size() < size && socket.waitForReadyRead(-1)) {
                received.writeBytes(socket.readAll());
            }
            socket.write(received.toByteArray());
            assertTrue(socket.waitForBytesWritten(-1));
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return ServerOutcome.of(socket, Integer.toString(received.size()));
        });
        byte[] data = new byte[size];
        TestPki.RANDOM.nextBytes(data);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertFalse(socket.waitForBytesWritten(WAIT), "nothing to write yet");
            assertTrue(socket.waitForEncrypted(-1), socket.errorString());
            assertEquals(size, socket.write(data));
            assertTrue(socket.waitForBytesWritten(-1));
            java.io.ByteArrayOutputStream echoed = new java.io.ByteArrayOutputStream();
            echoed.writeBytes(socket.readAll());
            while (socket.waitForReadyRead(-1)) {
                echoed.writeBytes(socket.readAll());
            }
            assertArrayEquals(data, echoed.toByteArray());
            assertEquals(PeerClose.CLOSE_NOTIFY, socket.peerClose());
        }
        assertEquals(Integer.toString(size), LoopbackServer.result(served).received());
    }

    @Test
    void aFullReadBufferStopsReadingUntilItIsRead() throws Exception {
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            socket.write("0123456789".repeat(10));
            assertTrue(socket.waitForBytesWritten(WAIT));
            String line = readLine(socket);
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return ServerOutcome.of(socket, line);
        });
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            socket.setReadBufferSize(10);
            assertEquals(10, socket.readBufferSize());
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            StringBuilder received = new StringBuilder();
            while (received.length() < 100) {
                if (socket.bytesAvailable() >= 10) {
                    assertFalse(socket.waitForReadyRead(WAIT), "a full buffer is not read into");
                } else {
                    assertTrue(socket.waitForReadyRead(WAIT), socket.errorString());
                }
                received.append(new String(socket.readAll(), StandardCharsets.US_ASCII));
            }
            assertEquals("0123456789".repeat(10), received.toString());
            socket.write("done\n");
            assertTrue(socket.waitForBytesWritten(WAIT));
        }
        assertEquals("done\n", LoopbackServer.result(served).received());
    }

    @Test
    void anIdentityReadFromFiles(@TempDir Path directory) throws Exception {
        Path chainFile = directory.resolve("chain.pem");
        Path keyFile = directory.resolve("key.pem");
        Files.writeString(chainFile, PKI.server.chain().get(0).toPem() + PKI.server.chain().get(1).toPem());
        char[] passphrase = "server key".toCharArray();
        Files.writeString(keyFile, PKI.server.key().toPem(passphrase, 1_000, TestPki.RANDOM));
        SslSocket configured = new SslSocket(SslConfiguration.builder().build());
        configured.setLocalCertificate(chainFile, EncodingFormat.PEM);
        configured.setPrivateKey(keyFile, EncodingFormat.PEM, passphrase);
        assertEquals(PKI.server.chain(), configured.localCertificateChain());
        assertEquals(PKI.server.key(), configured.privateKey().orElseThrow());

        Future<ServerOutcome> served = server.accept(configured.sslConfiguration(), ECHO_ONE_LINE);
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(PKI.server.chain(), socket.peerCertificateChain());
            socket.write("files\n");
            assertEquals("echo: files\n", readLine(socket));
        }
        LoopbackServer.result(served);
    }

    @Test
    void abortFromAnotherThreadUnblocksAWait() throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Future<ServerOutcome> served = server.accept(PKI.server.serverConfiguration(), socket -> {
            assertTrue(socket.waitForEncrypted(WAIT));
            done.await(WAIT, TimeUnit.MILLISECONDS);
            socket.waitForReadyRead(WAIT);
            return ServerOutcome.of(socket, null);
        });
        SslSocket socket = client(PKI.clientTrustingCa());
        assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        Thread aborter = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.abort();
        });
        aborter.start();
        long start = System.nanoTime();
        assertFalse(socket.waitForReadyRead(-1));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "abort ended the wait");
        assertEquals(SocketState.UNCONNECTED, socket.state());
        aborter.join();
        done.countDown();
        assertEquals(PeerClose.TRUNCATED, LoopbackServer.result(served).peerClose());
    }

    @Test
    void aRefusedConnectionIsReported() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        SslSocket socket = new SslSocket(PKI.clientTrustingCa());
        socket.connectToHostEncrypted("127.0.0.1", closedPort);
        assertEquals(SocketState.HOST_LOOKUP, socket.state());
        assertFalse(socket.waitForEncrypted(WAIT));
        assertEquals(SocketError.CONNECTION_REFUSED_ERROR, socket.error());
        assertEquals(SocketState.UNCONNECTED, socket.state());
    }

    @Test
    void aServerWithoutACertificateCannotStart() throws Exception {
        Future<ServerOutcome> served = server.accept(SslConfiguration.builder().build(), socket -> {
            assertEquals(SocketError.SSL_INVALID_USER_DATA_ERROR, socket.error());
            return ServerOutcome.of(socket, null);
        });
        try (SslSocket socket = client(PKI.clientTrustingCa())) {
            assertFalse(socket.waitForEncrypted(WAIT));
            assertNotEquals(SocketState.CONNECTED, socket.state());
        }
        ServerOutcome outcome = LoopbackServer.result(served);
        assertTrue(outcome.errorString().contains("certificate"), outcome.errorString());
        assertEquals(SocketState.UNCONNECTED, outcome.finalState());
    }
}
