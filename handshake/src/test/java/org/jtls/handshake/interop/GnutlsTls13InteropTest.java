package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.MessageLog;
import org.jtls.handshake.message.HandshakeType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 features beyond the plain handshake, against {@code gnutls-serv --echo} and
 * {@code gnutls-cli} (3.7) in both directions on 127.0.0.1: HelloRetryRequest, resumption with
 * NewSessionTicket ({@code gnutls-cli --resume}), KeyUpdate ({@code ^rekey^}), client certificates
 * in the handshake and after it ({@code --post-handshake-auth}) and 0-RTT early data. GnuTLS's
 * view is what it prints ({@code - Description:}, {@code This is a resumed session}); ours comes
 * from a {@link MessageLog} and the engine's events.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GnutlsTls13InteropTest {
    private static final ProtocolVersion TLS13 = ProtocolVersion.TLS_1_3;
    private static final String TLS13_ONLY = "NORMAL:-VERS-ALL:+VERS-TLS1.3";
    /** What gnutls-serv prints once it listens on IPv4. */
    private static final String LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";
    private static final String EARLY = "early data from the client, sent with its first flight\n";

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey serverFiles;

    @BeforeAll
    static void requireGnutls() throws Exception {
        PeerProcess.assumeInstalled("gnutls-serv", "apt-get install gnutls-bin");
        PeerProcess.assumeInstalled("gnutls-cli", "apt-get install gnutls-bin");
        serverFiles = Interop.pem(Credentials.RSA, directory, "rsa");
    }

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(TLS13));
    }

    private static TlsConfig.Builder tls13Server() {
        return tls13().certificates(List.of(Credentials.RSA.certifiedKey()));
    }

    // ---------------------------------------------------------------- HelloRetryRequest

    /** We share X25519 only; gnutls-serv allows P-256 alone and asks again. */
    @Test
    void ourClientRetriesWhenGnutlsServerWantsAnotherGroup() throws Exception {
        MessageLog log = new MessageLog();
        TlsConfig config = tls13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).observer(log).build();
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(TLS13_ONLY + ":-GROUP-ALL:+GROUP-SECP256R1"),
                LISTENING, directory)) {
            SessionInfo session = echo(TlsEngine.client(config, "localhost"), peer);
            assertEquals(Optional.of(NamedGroup.SECP256R1), session.group());
            assertEquals(2, log.sentCount(HandshakeType.CLIENT_HELLO), "a second ClientHello after the HRR");
            peer.awaitOutput(text -> text.contains("- Description:"), "its session summary", Duration.ofSeconds(5));
            assertTrue(peer.output().contains("(TLS1.3-X.509)-(ECDHE-SECP256R1)"), peer.describe());
        }
    }

    /** gnutls-cli shares P-256 only (its first group); our server takes P-384 alone and retries. */
    @Test
    void gnutlsClientRetriesWhenOurServerWantsAnotherGroup() throws Exception {
        MessageLog log = new MessageLog();
        TlsConfig config = tls13Server().groups(List.of(NamedGroup.SECP384R1)).observer(log).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(),
                        TLS13_ONLY + ":-GROUP-ALL:+GROUP-SECP256R1:+GROUP-SECP384R1").toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertEquals(Optional.of(NamedGroup.SECP384R1), session.group());
            assertEquals(2, log.receivedCount(HandshakeType.CLIENT_HELLO), "a second ClientHello after the HRR");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("(TLS1.3-X.509)-(ECDHE-SECP384R1)"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- resumption

    /** The ticket gnutls-serv sent on the first connection resumes the second. */
    @Test
    void ourClientResumesWithGnutlsServersTicket() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(TLS13_ONLY), LISTENING, directory)) {
            TlsEngine first = TlsEngine.client(tls13().build(), "localhost");
            assertFalse(echo(first, peer).resumed());
            Session ticket = first.resumableSession().orElseThrow(() -> new AssertionError("no ticket arrived"));
            assertTrue(ticket.hasTicket());

            MessageLog log = new MessageLog();
            TlsEngine second = TlsEngine.client(tls13().resumptionSession(Session.decode(ticket.encode()))
                    .observer(log).build(), "localhost");
            assertTrue(echo(second, peer).resumed(), "our client resumed");
            assertEquals(0, log.receivedCount(HandshakeType.CERTIFICATE), "a PSK handshake has no Certificate");
        }
    }

    /** gnutls-cli --resume reconnects with our server's ticket; both ends see the resumption. */
    @Test
    void gnutlsClientResumesWithOurServersTicket() throws Exception {
        TlsConfig config = tls13Server().ticketKeys(Interop.ticketKeys()).build();
        try (OurServer server = OurServer.startSeveral(config, List.of(GnutlsTls13InteropTest::untilClosed,
                OurServer.ECHO_PING));
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(), TLS13_ONLY).add("--resume").toList(),
                        directory)) {
            peer.awaitOutput(text -> text.contains("Resume Handshake"), "the second handshake", Duration.ofSeconds(10));
            peer.writeToStdin(Interop.PING);
            assertTrue(server.await().resumed(), "our server resumed");
            assertFalse(server.sessions().get(0).resumed());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("This is a resumed session"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- KeyUpdate

    /** We update our keys and request gnutls-serv's; it answers, and its echo comes back under new keys. */
    @Test
    void ourClientUpdatesKeysWithGnutlsServer() throws Exception {
        MessageLog log = new MessageLog();
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(TLS13_ONLY), LISTENING, directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(
                        TlsEngine.client(tls13().observer(log).build(), "localhost"), peer.port())) {
            connection.handshake();
            connection.engine().updateKeys(true);
            connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
            assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                    StandardCharsets.US_ASCII));
            assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE));
            assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "gnutls-serv answered update_requested");
            connection.closeGracefully();
        }
    }

    /** gnutls-cli's {@code ^rekey^} inline command: a KeyUpdate to us; the echo still comes back. */
    @Test
    void ourServerReceivesGnutlsClientsKeyUpdate() throws Exception {
        MessageLog log = new MessageLog();
        OurServer.Conversation conversation = connection -> {
            byte[] hello = connection.readExactly("hello\n".length());
            connection.write(hello);
            connection.readUntil(() -> log.receivedCount(HandshakeType.KEY_UPDATE) >= 1, "gnutls-cli's KeyUpdate");
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(tls13Server().observer(log).build(), conversation);
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(), TLS13_ONLY)
                        .add("--inline-commands").toList(), directory)) {
            peer.writeToStdin("hello\n");
            peer.awaitOutput(text -> text.contains("\nhello"), "the echoed hello", Duration.ofSeconds(10));
            peer.writeToStdin("^rekey^\n");
            peer.writeToStdin(Interop.PING);
            server.await();
            assertTrue(log.receivedCount(HandshakeType.KEY_UPDATE) >= 1);
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    /** Our server updates its keys and requests gnutls-cli's; gnutls-cli answers and the echo comes back. */
    @Test
    void ourServerUpdatesKeysWithGnutlsClient() throws Exception {
        MessageLog log = new MessageLog();
        OurServer.Conversation conversation = connection -> {
            connection.engine().updateKeys(true);
            connection.write("greeting under new keys\n".getBytes(StandardCharsets.US_ASCII));
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(tls13Server().observer(log).build(), conversation);
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(), TLS13_ONLY).toList(), directory)) {
            peer.awaitOutput("greeting under new keys");
            peer.writeToStdin(Interop.PING);
            server.await();
            assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE));
            assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "gnutls-cli answered update_requested");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- client certificates

    /** gnutls-serv requires and verifies a certificate; ours is the one it trusts. */
    @Test
    void ourClientPresentsItsCertificateToGnutlsServer() throws Exception {
        PemFiles.CertificateAndKey client = Interop.pem(Credentials.CLIENT_ECDSA, directory, "client-ecdsa");
        TlsConfig config = tls13().certificates(List.of(Credentials.CLIENT_ECDSA.certifiedKey())).build();
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(TLS13_ONLY).add("--require-client-cert",
                "--verify-client-cert", "--x509cafile", client.certificate().toString()), LISTENING, directory)) {
            assertEquals(TLS13, echo(TlsEngine.client(config, "localhost"), peer).version());
            peer.awaitOutput(text -> text.contains("- Status:"), "its verification", Duration.ofSeconds(5));
            assertTrue(peer.output().contains("Subject: O=jtls test,CN=jtls test client"), peer.describe());
            assertTrue(peer.output().contains("- Status: The certificate is trusted."), peer.describe());
        }
    }

    /** Our server requires a certificate; gnutls-cli's arrives in the handshake. */
    @Test
    void gnutlsClientPresentsItsCertificateToOurServer() throws Exception {
        PemFiles.CertificateAndKey client = Interop.pem(Credentials.CLIENT_RSA, directory, "client-rsa");
        TlsConfig config = tls13Server().clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(), TLS13_ONLY).add("--x509certfile",
                        client.certificate().toString(), "--x509keyfile", client.privateKey().toString()).toList(),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(), session.peerCertificates().get(0));
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    /** gnutls-cli --post-handshake-auth: our server asks for its certificate after the handshake. */
    @Test
    void ourServerAuthenticatesGnutlsClientAfterTheHandshake() throws Exception {
        PemFiles.CertificateAndKey client = Interop.pem(Credentials.CLIENT_RSA, directory, "client-rsa");
        List<TlsEvent> events = Collections.synchronizedList(new ArrayList<>());
        OurServer.Conversation conversation = connection -> {
            byte[] hello = connection.readExactly("hello\n".length());
            connection.engine().requestClientCertificate();
            connection.readUntil(() -> {
                for (TlsEvent event = connection.engine().pollEvent(); event != null;
                        event = connection.engine().pollEvent()) {
                    events.add(event);
                }
                return events.stream().anyMatch(e -> e instanceof TlsEvent.PeerCertificateUpdated);
            }, "gnutls-cli's certificate");
            connection.write(hello);
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(tls13Server().build(), conversation);
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(), TLS13_ONLY).add("--post-handshake-auth",
                        "--x509certfile", client.certificate().toString(), "--x509keyfile",
                        client.privateKey().toString()).toList(), directory)) {
            peer.writeToStdin("hello\n");
            peer.awaitOutput(text -> text.contains("\nhello"), "the echoed hello", Duration.ofSeconds(10));
            peer.writeToStdin(Interop.PING);
            assertTrue(server.await().peerCertificates().isEmpty(), "no certificate in the handshake");
            TlsEvent.PeerCertificateUpdated updated = events.stream()
                    .filter(TlsEvent.PeerCertificateUpdated.class::isInstance)
                    .map(TlsEvent.PeerCertificateUpdated.class::cast).findFirst().orElseThrow();
            assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(), updated.chain().get(0));
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    /** The other direction has no GnuTLS peer here: gnutls-serv has no way to ask for it. */
    @Test
    void ourClientAnswersGnutlsServersPostHandshakeCertificateRequest() {
        Assumptions.abort("gnutls-serv 3.7.9 cannot request post-handshake authentication (no option or command); "
                + "covered against openssl s_server in OpensslTls13InteropTest");
    }

    // ---------------------------------------------------------------- 0-RTT

    /** gnutls-serv --earlydata: our client resumes and sends 0-RTT data, which it accepts and echoes. */
    @Test
    void ourClientSendsEarlyDataToGnutlsServer() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(TLS13_ONLY).add("--earlydata", "--maxearlydata",
                "16384"), LISTENING, directory)) {
            TlsEngine first = TlsEngine.client(tls13().build(), "localhost");
            echo(first, peer);
            Session ticket = first.resumableSession().orElseThrow();
            Assumptions.assumeTrue(ticket.maxEarlyDataSize() > 0,
                    "gnutls-serv 3.7.9 sent no ticket allowing early data");

            TlsEngine second = TlsEngine.client(tls13().earlyData(true).resumptionSession(ticket).build(),
                    "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(second, peer.port())) {
                assertTrue(connection.handshakeWithEarlyData(EARLY.getBytes(StandardCharsets.US_ASCII)).resumed());
                List<TlsEvent> events = new ArrayList<>();
                for (TlsEvent event = second.pollEvent(); event != null; event = second.pollEvent()) {
                    events.add(event);
                }
                assertTrue(events.contains(new TlsEvent.EarlyDataAnswered(true)), events.toString());
                connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
                assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                        StandardCharsets.US_ASCII));
                connection.closeGracefully();
            }
        }
    }

    /** gnutls-cli --resume --earlydata: our server takes the 0-RTT data on the resumed connection. */
    @Test
    void gnutlsClientSendsEarlyDataToOurServer() throws Exception {
        Path earlyFile = directory.resolve("early.txt");
        Files.writeString(earlyFile, EARLY, StandardCharsets.US_ASCII);
        TlsConfig config = tls13Server().ticketKeys(Interop.ticketKeys()).maxEarlyDataSize(16384).build();
        List<String> early = Collections.synchronizedList(new ArrayList<>());
        OurServer.Conversation resumed = connection -> {
            early.add(new String(connection.readExactly(EARLY.length()), StandardCharsets.US_ASCII));
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.startSeveral(config, List.of(GnutlsTls13InteropTest::untilClosed,
                resumed));
                PeerProcess peer = PeerProcess.start(gnutlsCli(server.port(), TLS13_ONLY).add("--resume",
                        "--earlydata", earlyFile.toString()).toList(), directory)) {
            peer.awaitOutput(text -> text.contains("Resume Handshake"), "the second handshake", Duration.ofSeconds(10));
            peer.writeToStdin(Interop.PING);
            assertTrue(server.await().resumed());
            assertEquals(List.of(EARLY), early);
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("This is a resumed session"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static PeerProcess.Command gnutlsServ(String priority) {
        return new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--x509certfile", serverFiles.certificate().toString(),
                "--x509keyfile", serverFiles.privateKey().toString(), "--echo", "--priority", priority);
    }

    private static PeerProcess.Command gnutlsCli(int port, String priority) {
        return new PeerProcess.Command("gnutls-cli", "--priority", priority, "--insecure",
                "--port", Integer.toString(port), "127.0.0.1");
    }

    /** Our client against gnutls-serv --echo: handshake, {@link Interop#PING} and its echo, close. */
    private static SessionInfo echo(TlsEngine engine, PeerProcess peer) throws Exception {
        try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, peer.port())) {
            SessionInfo session = connection.handshake();
            assertEquals(TLS13, session.version());
            connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
            assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                    StandardCharsets.US_ASCII));
            connection.closeGracefully();
            return session;
        }
    }

    /** A first connection the peer only opens to get a ticket: wait for its close, answer it. */
    private static void untilClosed(SocketTlsConnection connection) throws Exception {
        connection.readUntilClosed();
        connection.closeGracefully();
    }
}
