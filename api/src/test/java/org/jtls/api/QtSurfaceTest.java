package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.DrivenPeers.Drive;
import org.jtls.api.DrivenPeers.Recorder;
import org.jtls.api.DrivenPeers.ServerView;
import org.jtls.api.SslSocket.EarlyDataStatus;
import org.jtls.api.SslSocket.ImplementedClass;
import org.jtls.api.SslSocket.SocketOption;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.api.SslSocket.SupportedFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The newer parts of the Qt surface on {@link SslSocket}: socket options, isOpen/isValid/skip, the
 * sslErrors() alias, setPrivateKey with an algorithm, the Qt 6 backend statics, and the
 * post-handshake operations (KeyUpdate, renegotiation, post-handshake authentication, 0-RTT).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QtSurfaceTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = DrivenPeers.WAIT;

    private static final String EXPORTER_LABEL = "EXPORTER-jtls-test";

    private DrivenPeers peers;

    private DrivenPeers peers(Drive drive) throws Exception {
        peers = new DrivenPeers(drive);
        return peers;
    }

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    /**
     * Server: handshake, then answer each line with {@code echo: line}; the line "rekey" first
     * updates its keys (asking the client to update too), "reneg" renegotiates, "pha" asks for the
     * client's certificate (answering "refused" when that is impossible), "export" answers with the
     * server's keying material for {@link #EXPORTER_LABEL} in hex.
     */
    private static final DrivenPeers.Handler<ServerView> COMMANDS = socket -> {
        if (!socket.waitForEncrypted(WAIT)) {
            return ServerView.of(socket);
        }
        while (socket.state() == SocketState.CONNECTED) {
            String line = SslSocketTest.readLine(socket);
            if (line.isEmpty()) {
                break;
            }
            String reply = "echo: " + line;
            try {
                switch (line.trim()) {
                    case "rekey" -> socket.updateKeys(true);
                    case "reneg" -> socket.renegotiate();
                    case "pha" -> socket.requestClientCertificate();
                    case "export" -> reply = java.util.HexFormat.of()
                            .formatHex(socket.exportKeyingMaterial(EXPORTER_LABEL, null, 32)) + "\n";
                    default -> {
                    }
                }
            } catch (IllegalStateException refused) {
                reply = "refused\n";
            }
            socket.write(reply);
            socket.flush();
        }
        if (socket.state() != SocketState.UNCONNECTED) {
            socket.disconnectFromHost();
            DrivenPeers.awaitUnconnected(socket);
        }
        return ServerView.of(socket);
    };

    /** The server's keying material, as the "export" command reports it. */
    private static byte[] serverExport(SslSocket client) {
        client.write("export\n");
        return java.util.HexFormat.of().parseHex(SslSocketTest.readLine(client).trim());
    }

    private static void roundTrip(SslSocket client, String line) {
        client.write(line);
        assertEquals("echo: " + line, SslSocketTest.readLine(client));
    }

    private static void close(SslSocket client) {
        client.disconnectFromHost();
        DrivenPeers.awaitUnconnected(client);
    }

    // ---- socket options, isOpen, isValid, skip ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void socketOptionsNeedATcpConnectionAndReadBackWhatWasSet(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        assertEquals(Optional.empty(), client.socketOption(SocketOption.KEEP_ALIVE_OPTION));
        assertThrows(IllegalStateException.class, () -> client.setSocketOption(SocketOption.KEEP_ALIVE_OPTION, 1));

        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertEquals(Optional.of(1), client.socketOption(SocketOption.LOW_DELAY_OPTION), "TCP_NODELAY is on");
        client.setSocketOption(SocketOption.KEEP_ALIVE_OPTION, 1);
        assertEquals(Optional.of(1), client.socketOption(SocketOption.KEEP_ALIVE_OPTION));
        client.setSocketOption(SocketOption.KEEP_ALIVE_OPTION, 0);
        assertEquals(Optional.of(0), client.socketOption(SocketOption.KEEP_ALIVE_OPTION));
        client.setSocketOption(SocketOption.LOW_DELAY_OPTION, 0);
        assertEquals(Optional.of(0), client.socketOption(SocketOption.LOW_DELAY_OPTION));
        client.setSocketOption(SocketOption.RECEIVE_BUFFER_SIZE_SOCKET_OPTION, 64 * 1024);
        assertTrue(client.socketOption(SocketOption.RECEIVE_BUFFER_SIZE_SOCKET_OPTION).orElseThrow() >= 32 * 1024);
        assertTrue(client.socketOption(SocketOption.SEND_BUFFER_SIZE_SOCKET_OPTION).orElseThrow() > 0);
        client.write("still works\n");
        assertEquals("still works\n", SslSocketTest.readLine(client));
        close(client);
        LoopbackServer.result(served);
        assertEquals(Optional.empty(), client.socketOption(SocketOption.KEEP_ALIVE_OPTION), "the connection is gone");
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void isOpenIsValidAndSkipFollowTheConnection(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        assertFalse(client.isOpen());
        assertFalse(client.isValid());
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertTrue(client.isOpen(), "open from the lookup on");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertTrue(client.isOpen());
        assertTrue(client.isValid());

        client.write("0123456789\n");
        while (client.bytesAvailable() < 11 && client.waitForReadyRead(WAIT)) {
            continue;
        }
        assertArrayEquals("0123456789\n".getBytes(StandardCharsets.US_ASCII), client.peek(11));
        assertEquals(3, client.skip(3));
        assertEquals("3456789\n", new String(client.readAll(), StandardCharsets.US_ASCII));
        assertEquals(0, client.skip(100), "nothing left to skip");
        assertThrows(IllegalArgumentException.class, () -> client.skip(-1));

        client.disconnectFromHost();
        assertTrue(client.isOpen() == (client.state() == SocketState.CLOSING));
        DrivenPeers.awaitUnconnected(client);
        assertFalse(client.isOpen());
        assertFalse(client.isValid());
        LoopbackServer.result(served);
    }

    // ---- sslErrors() alias ----

    @Test
    void sslErrorsIsTheOldNameOfSslHandshakeErrors() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.connect(PKI.clientTrustingCa().withPeerVerifyMode(PeerVerifyMode.QUERY_PEER),
                "other.example");
        assertEquals(List.of(), client.sslErrors());
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertEquals(List.of(new SslError(SslError.Kind.HOST_NAME_MISMATCH, PKI.server.certificate())),
                client.sslErrors());
        assertEquals(client.sslHandshakeErrors(), client.sslErrors());
        close(client);
        LoopbackServer.result(served);
    }

    // ---- setPrivateKey with an algorithm ----

    @Test
    void setPrivateKeyChecksTheAlgorithmTheFileHolds(@TempDir Path directory) throws Exception {
        Path keyFile = directory.resolve("key.pem");
        char[] passphrase = "secret".toCharArray();
        Files.writeString(keyFile, PKI.server.key().toPem(passphrase, 1_000, TestPki.RANDOM));

        SslSocket socket = new SslSocket(SslConfiguration.builder().build());
        socket.setPrivateKey(keyFile, KeyAlgorithm.EC, EncodingFormat.PEM, passphrase);
        assertEquals(PKI.server.key(), socket.privateKey().orElseThrow());

        SslSocket other = new SslSocket(SslConfiguration.builder().build());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> other.setPrivateKey(keyFile, KeyAlgorithm.RSA, EncodingFormat.PEM, passphrase));
        assertTrue(wrong.getMessage().contains("EC") && wrong.getMessage().contains("RSA"), wrong.getMessage());
        assertEquals(Optional.empty(), other.privateKey(), "a refused key is not kept");
        assertThrows(IllegalArgumentException.class,
                () -> other.setPrivateKey(keyFile, KeyAlgorithm.ED25519, EncodingFormat.PEM, passphrase));

        assertThrows(java.io.IOException.class,
                () -> other.setPrivateKey(keyFile, KeyAlgorithm.EC, EncodingFormat.PEM, "wrong".toCharArray()));
        assertEquals(Optional.empty(), other.privateKey());
    }

    // ---- Qt 6 backend statics ----

    @Test
    void theBackendStaticsDescribeJtlsAsTheOneBackend() {
        assertEquals(List.of("jtls"), SslSocket.availableBackends());
        assertEquals("jtls", SslSocket.activeBackend());
        assertTrue(SslSocket.setActiveBackend("jtls"));
        assertFalse(SslSocket.setActiveBackend("openssl"));
        assertEquals("jtls", SslSocket.activeBackend(), "a refused switch changes nothing");
        assertTrue(SslSocket.supportsSsl());

        List<SslProtocol> protocols = SslSocket.supportedProtocols();
        assertTrue(protocols.containsAll(List.of(SslProtocol.TLS_V1_2, SslProtocol.TLS_V1_3)), protocols::toString);
        assertTrue(protocols.stream().allMatch(SslSocket::isProtocolSupported));
        Arrays.stream(SslProtocol.values()).filter(protocol -> !protocols.contains(protocol))
                .forEach(protocol -> assertFalse(SslSocket.isProtocolSupported(protocol), protocol::toString));

        assertFalse(SslSocket.implementedClasses().contains(ImplementedClass.DTLS));
        assertFalse(SslSocket.isClassImplemented(ImplementedClass.DTLS_COOKIE));
        assertTrue(SslSocket.isClassImplemented(ImplementedClass.SOCKET));
        assertTrue(SslSocket.isClassImplemented(ImplementedClass.CERTIFICATE));
        assertTrue(SslSocket.isClassImplemented(ImplementedClass.KEY));
        for (SupportedFeature feature : SupportedFeature.values()) {
            assertTrue(SslSocket.isFeatureSupported(feature), feature::toString);
        }

        String version = SslSocket.sslLibraryVersionString();
        long number = SslSocket.sslLibraryVersionNumber();
        assertTrue(version.startsWith("jtls"), version);
        assertEquals(version, SslSocket.sslLibraryBuildVersionString());
        if (version.equals("jtls")) {
            assertEquals(0, number, "no version recorded: 0, as documented");
        } else {
            String[] parts = version.substring("jtls ".length()).split("[.-]");
            assertEquals(Long.parseLong(parts[0]), number >>> 24, version);
            assertEquals(0, number & 0xFF);
        }
    }

    // ---- TLS 1.3 KeyUpdate ----

    @Test
    void keyUpdatesBothWaysLeaveDataFlowing() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        Recorder serverRecorder = new Recorder();
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(serverRecorder), COMMANDS);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertEquals(SslProtocol.TLS_V1_3, client.sessionProtocol());
        roundTrip(client, "hello\n");
        // A KeyUpdate record: 5 header + 5 message + 1 content type + 16 tag = 27 (every line here is 6 bytes: 28).
        int before = recorder.signals().size();
        client.updateKeys(true);
        assertEquals(List.of("encryptedBytesWritten 27"), recorder.signals().subList(before, recorder.signals().size()));
        roundTrip(client, "after\n");
        roundTrip(client, "rekey\n"); // the server updates and asks us to update too
        roundTrip(client, "final\n");
        close(client);
        ServerView server = LoopbackServer.result(served);
        assertEquals(SslSocket.PeerClose.CLOSE_NOTIFY, server.peerClose());
        assertEquals(2, recorder.only("encryptedBytesWritten 27").size(),
                "ours, and the answer to the server's request: " + recorder.signals());
        assertEquals(2, serverRecorder.only("encryptedBytesWritten 27").size(),
                "the answer to our request, and its own: " + serverRecorder.signals());
        assertEquals(1, recorder.signals().stream().filter("encrypted"::equals).count());
    }

    @Test
    void keyUpdateNeedsTls13AndRenegotiationNeedsTls12() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        SslSocket unconnected = peers.newClient(PKI.clientTrustingCa());
        assertThrows(IllegalStateException.class, () -> unconnected.updateKeys(false));
        assertThrows(IllegalStateException.class, unconnected::renegotiate);
        assertThrows(IllegalStateException.class, unconnected::requestClientCertificate);

        Future<ServerView> tls13 = peers.accept(PKI.server.serverConfiguration(), List.of(), COMMANDS);
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertThrows(IllegalStateException.class, client::renegotiate);
        assertThrows(IllegalStateException.class, client::requestClientCertificate, "a client cannot ask for one");
        roundTrip(client, "alive\n");
        close(client);
        LoopbackServer.result(tls13);

        Future<ServerView> tls12 = peers.accept(PKI.server.serverConfiguration(), List.of(), COMMANDS);
        SslSocket old = peers.connect(PKI.clientTrustingCa().withProtocol(SslProtocol.TLS_V1_2), "localhost");
        assertTrue(old.waitForEncrypted(WAIT), old.errorString());
        assertThrows(IllegalStateException.class, () -> old.updateKeys(true));
        roundTrip(old, "alive\n");
        close(old);
        LoopbackServer.result(tls12);
    }

    // ---- TLS 1.2 renegotiation ----

    @Test
    void aServerInitiatedRenegotiationGivesNewKeysWhileDataKeepsFlowing() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), COMMANDS);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa().withProtocol(SslProtocol.TLS_V1_2), "localhost",
                recorder);
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        roundTrip(client, "hello\n");
        byte[] before = client.exportKeyingMaterial(EXPORTER_LABEL, null, 32);
        roundTrip(client, "reneg\n");
        roundTrip(client, "after\n");
        roundTrip(client, "final\n");
        byte[] after = client.exportKeyingMaterial(EXPORTER_LABEL, null, 32);
        assertFalse(Arrays.equals(before, after), "the renegotiation made new secrets");
        assertArrayEquals(after, serverExport(client), "and both sides have the same");
        assertEquals(1, recorder.signals().stream().filter("encrypted"::equals).count(), "encrypted is not repeated");
        assertEquals(SocketState.CONNECTED, client.state());
        close(client);
        assertTrue(LoopbackServer.result(served).encrypted());
    }

    @Test
    void aClientInitiatedRenegotiationWorksWhenTheServerAllowsIt() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        SslConfiguration allowing = PKI.server.serverConfiguration().toBuilder()
                .engineCustomizer(engine -> engine.allowClientRenegotiation(true)).build();
        Future<ServerView> served = peers.accept(allowing, List.of(), COMMANDS);
        SslSocket client = peers.connect(PKI.clientTrustingCa().withProtocol(SslProtocol.TLS_V1_2), "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        roundTrip(client, "hello\n");
        byte[] before = client.exportKeyingMaterial(EXPORTER_LABEL, null, 32);
        client.renegotiate();
        roundTrip(client, "after\n");
        roundTrip(client, "final\n");
        byte[] after = client.exportKeyingMaterial(EXPORTER_LABEL, null, 32);
        assertFalse(Arrays.equals(before, after));
        assertArrayEquals(after, serverExport(client), "both sides have the same new secrets");
        close(client);
        assertTrue(LoopbackServer.result(served).encrypted());
    }

    @Test
    void aServerThatRefusesClientRenegotiationSaysSoAndKeepsTheConnection() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), COMMANDS);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa().withProtocol(SslProtocol.TLS_V1_2), "localhost",
                recorder);
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        byte[] before = client.exportKeyingMaterial(EXPORTER_LABEL, null, 32);
        client.renegotiate();
        roundTrip(client, "after\n");
        assertEquals(List.of("alertReceived WARNING 100 no_renegotiation"), recorder.only("alertReceived"));
        assertArrayEquals(before, serverExport(client), "the server kept its keys");
        assertArrayEquals(before, client.exportKeyingMaterial(EXPORTER_LABEL, null, 32),
                "the client's exporter still matches the server's");
        roundTrip(client, "final\n");
        close(client);
        LoopbackServer.result(served);
    }

    // ---- TLS 1.3 post-handshake authentication ----

    @Test
    void aServerCanAskForTheClientCertificateAfterTheHandshake() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration().withPeerVerifyMode(PeerVerifyMode.VERIFY_NONE);
        java.util.concurrent.atomic.AtomicReference<SslSocket> serverSide = new java.util.concurrent.atomic.AtomicReference<>();
        Future<ServerView> served = peers.accept(server, List.of(), socket -> {
            serverSide.set(socket);
            return COMMANDS.serve(socket);
        });
        SslConfiguration offering = PKI.clientTrustingCa().toBuilder().localCertificateChain(PKI.client.chain())
                .privateKey(PKI.client.key()).postHandshakeAuthentication(true).build();
        SslSocket client = peers.connect(offering, "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        roundTrip(client, "hello\n");
        assertEquals(Optional.empty(), serverSide.get().peerCertificate(), "not asked for during the handshake");
        roundTrip(client, "pha\n");
        roundTrip(client, "after\n");
        close(client);
        ServerView view = LoopbackServer.result(served);
        assertEquals(Optional.of(PKI.client.certificate()), view.peerCertificate());
    }

    @Test
    void aClientThatDidNotOfferPostHandshakeAuthenticationCannotBeAsked() throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration().withPeerVerifyMode(PeerVerifyMode.VERIFY_NONE);
        Future<ServerView> served = peers.accept(server, List.of(), COMMANDS);
        SslConfiguration notOffering = PKI.clientTrustingCa().toBuilder().localCertificateChain(PKI.client.chain())
                .privateKey(PKI.client.key()).build();
        SslSocket client = peers.connect(notOffering, "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        client.write("pha\n");
        assertEquals("refused\n", SslSocketTest.readLine(client));
        roundTrip(client, "after\n");
        close(client);
        assertEquals(Optional.empty(), LoopbackServer.result(served).peerCertificate());
    }

    // ---- TLS 1.3 0-RTT ----

    /** A first connection to {@code server} that leaves a ticket allowing early data. */
    private byte[] ticketFrom(SslConfiguration server) throws Exception {
        Future<ServerView> served = peers.accept(server, List.of(), DrivenPeers.ECHO);
        SslSocket first = peers.connect(earlyClient(), "localhost");
        assertTrue(first.waitForEncrypted(WAIT), first.errorString());
        first.write("first\n");
        assertEquals("first\n", SslSocketTest.readLine(first));
        assertEquals(EarlyDataStatus.NOT_SENT, first.earlyDataStatus(), "no ticket, no early data");
        byte[] ticket = first.sslConfiguration().sessionTicket();
        close(first);
        LoopbackServer.result(served);
        assertTrue(ticket.length > 0);
        return ticket;
    }

    private static SslConfiguration earlyClient() {
        return PKI.clientTrustingCa().toBuilder().earlyData(true)
                .sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false).build();
    }

    /** Writes "early\n" before the handshake, then "later\n" after; checks both arrive once, in order. */
    private SslSocket sendEarly(SslConfiguration client, SslConfiguration server) throws Exception {
        Future<ServerView> served = peers.accept(server, List.of(), DrivenPeers.ECHO);
        SslSocket socket = peers.newClient(client);
        socket.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertEquals(6, socket.write("early\n"));
        assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        assertEquals("early\n", SslSocketTest.readLine(socket));
        socket.write("later\n");
        assertEquals("later\n", SslSocketTest.readLine(socket), "the early data arrived once");
        close(socket);
        assertTrue(LoopbackServer.result(served).resumed());
        return socket;
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void earlyDataIsAcceptedByAServerThatEnablesIt(Drive drive) throws Exception {
        peers(drive);
        SslConfiguration server = PKI.server.serverConfiguration().toBuilder().earlyData(true).build();
        byte[] ticket = ticketFrom(server);
        SslSocket resumed = sendEarly(earlyClient().withSessionTicket(ticket), server);
        assertEquals(EarlyDataStatus.ACCEPTED, resumed.earlyDataStatus());
        assertTrue(resumed.isSessionResumed());
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void earlyDataRejectedByTheServerIsSentAgainAfterTheHandshake(Drive drive) throws Exception {
        peers(drive);
        SslConfiguration server = PKI.server.serverConfiguration().toBuilder().earlyData(true).build();
        byte[] ticket = ticketFrom(server);
        // The same ticket keys, so the ticket still resumes; but 0-RTT is now off.
        SslConfiguration refusing = server.toBuilder().earlyData(false).build();
        SslSocket resumed = sendEarly(earlyClient().withSessionTicket(ticket), refusing);
        assertEquals(EarlyDataStatus.REJECTED, resumed.earlyDataStatus());
        assertTrue(resumed.isSessionResumed());
    }

    @Test
    void aTicketsEarlyDataIsAcceptedOnlyOnce() throws Exception {
        peers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration().toBuilder().earlyData(true).build();
        byte[] ticket = ticketFrom(server);
        assertEquals(EarlyDataStatus.ACCEPTED, sendEarly(earlyClient().withSessionTicket(ticket), server)
                .earlyDataStatus());
        assertEquals(EarlyDataStatus.REJECTED, sendEarly(earlyClient().withSessionTicket(ticket), server)
                .earlyDataStatus(), "a replayed ticket's early data is refused (RFC 8446 §8)");
    }

    @Test
    void noEarlyDataIsSentWhenTheClientDoesNotEnableIt() throws Exception {
        peers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration().toBuilder().earlyData(true).build();
        byte[] ticket = ticketFrom(server);
        SslConfiguration withoutEarly = earlyClient().toBuilder().earlyData(false).sessionTicket(ticket).build();
        SslSocket resumed = sendEarly(withoutEarly, server);
        assertEquals(EarlyDataStatus.NOT_SENT, resumed.earlyDataStatus());
    }

    @Test
    void noEarlyDataIsSentWithATicketThatDoesNotAllowIt() throws Exception {
        peers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration(); // issues tickets without max_early_data
        byte[] ticket = ticketFrom(server);
        SslSocket resumed = sendEarly(earlyClient().withSessionTicket(ticket), server);
        assertEquals(EarlyDataStatus.NOT_SENT, resumed.earlyDataStatus());
    }

    @Test
    void addDefaultCaCertificatesByPatternAddsTheMatchingFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        SslConfiguration saved = SslConfiguration.defaultConfiguration();
        try {
            SslConfiguration.setDefaultConfiguration(saved.withCaCertificates(List.of()));
            TestPki other = new TestPki();
            java.nio.file.Files.writeString(dir.resolve("first.pem"), PKI_FOR_DEFAULTS.ca.certificate().toPem());
            java.nio.file.Files.writeString(dir.resolve("second.pem"), other.ca.certificate().toPem());
            java.nio.file.Files.writeString(dir.resolve("ignored.txt"), "not a certificate");
            assertTrue(SslSocket.addDefaultCaCertificates(dir + "/*.pem", EncodingFormat.PEM,
                    SslCertificate.PatternSyntax.WILDCARD));
            assertEquals(java.util.Set.of(PKI_FOR_DEFAULTS.ca.certificate(), other.ca.certificate()),
                    java.util.Set.copyOf(SslSocket.defaultCaCertificates()));
            assertFalse(SslSocket.addDefaultCaCertificates(dir + "/*.der", EncodingFormat.DER,
                    SslCertificate.PatternSyntax.WILDCARD), "no file matches");
            assertEquals(2, SslSocket.defaultCaCertificates().size());
        } finally {
            SslConfiguration.setDefaultConfiguration(saved);
        }
    }

    private static final TestPki PKI_FOR_DEFAULTS = new TestPki();
}
