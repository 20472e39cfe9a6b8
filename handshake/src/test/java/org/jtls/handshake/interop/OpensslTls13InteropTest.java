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
import org.jtls.handshake.HandshakeObserver;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.MessageLog;
import org.jtls.handshake.message.HandshakeType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 features beyond the plain handshake, against {@code openssl s_server} and
 * {@code openssl s_client} (3.0) in both directions on 127.0.0.1: HelloRetryRequest, resumption with
 * NewSessionTicket, KeyUpdate, client certificates (in the handshake and post-handshake) and 0-RTT
 * early data. Our side's view comes from a {@link HandshakeObserver} and the engine's events;
 * openssl's from what it prints ({@code Reused, TLSv1.3}, {@code Early data was accepted}, the data
 * it relays).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpensslTls13InteropTest {
    private static final ProtocolVersion TLS13 = ProtocolVersion.TLS_1_3;
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String EARLY = "early data from the client, sent with its first flight\n";

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey serverFiles;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
        serverFiles = Interop.pem(Credentials.RSA, directory, "rsa");
    }

    /** TLS 1.3 only, our defaults otherwise. */
    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(TLS13));
    }

    private static TlsConfig.Builder tls13Server() {
        return tls13().certificates(List.of(Credentials.RSA.certifiedKey()));
    }

    // ---------------------------------------------------------------- HelloRetryRequest

    /** We share X25519 only; s_server knows P-256 only and asks again (RFC 8446 §4.1.4). */
    @Test
    void ourClientRetriesWhenOpensslServerWantsAnotherGroup() throws Exception {
        MessageLog log = new MessageLog();
        TlsConfig config = tls13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).observer(log).build();
        try (PeerProcess peer = PeerProcess.listen(sServer(1).add("-www", "-groups", "P-256"), "ACCEPT", directory)) {
            String page = getPage(config, peer.port());
            assertEquals(2, log.sentCount(HandshakeType.CLIENT_HELLO), "a second ClientHello after the HRR");
            assertTrue(page.contains("TLSv1.3"), page);
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    /** s_client shares X25519 only (its first group); our server accepts P-256 only and retries. */
    @Test
    void opensslClientRetriesWhenOurServerWantsAnotherGroup() throws Exception {
        MessageLog log = new MessageLog();
        TlsConfig config = tls13Server().groups(List.of(NamedGroup.SECP256R1)).observer(log).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port()).add("-groups", "X25519:P-256").toList(),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertEquals(Optional.of(NamedGroup.SECP256R1), session.group());
            assertEquals(2, log.receivedCount(HandshakeType.CLIENT_HELLO), "a second ClientHello after the HRR");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
            assertTrue(peer.stdout().contains("Server Temp Key: ECDH, prime256v1"), peer.describe());
        }
    }

    // ---------------------------------------------------------------- resumption

    /** The ticket s_server sent on the first connection resumes the second; both ends say so. */
    @Test
    void ourClientResumesWithOpensslServersTicket() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(sServer(2).add("-www"), "ACCEPT", directory)) {
            TlsEngine first = TlsEngine.client(tls13().build(), "localhost");
            String firstPage;
            try (SocketTlsConnection connection = SocketTlsConnection.connect(first, peer.port())) {
                assertFalse(connection.handshake().resumed());
                connection.write(HTTP_GET);
                firstPage = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            }
            assertTrue(firstPage.contains("New, TLSv1.3"), firstPage);
            Session ticket = first.resumableSession().orElseThrow(() -> new AssertionError("no ticket arrived"));
            assertTrue(ticket.hasTicket());

            MessageLog log = new MessageLog();
            TlsConfig resuming = tls13().resumptionSession(Session.decode(ticket.encode())).observer(log).build();
            TlsEngine second = TlsEngine.client(resuming, "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(second, peer.port())) {
                assertTrue(connection.handshake().resumed(), "our client resumed");
                connection.write(HTTP_GET);
                String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertTrue(page.contains("Reused, TLSv1.3"), page);
            }
            assertEquals(0, log.receivedCount(HandshakeType.CERTIFICATE), "a PSK handshake has no Certificate");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    /** s_client -sess_out keeps our server's ticket; a second s_client -sess_in resumes with it. */
    @Test
    void opensslClientResumesWithOurServersTicket() throws Exception {
        Path sessionFile = directory.resolve("resume.sess");
        TlsConfig config = tls13Server().ticketKeys(Interop.ticketKeys()).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port())
                        .add("-sess_out", sessionFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            assertFalse(server.await().resumed());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("New, TLSv1.3"), peer.describe());
        }
        assertTrue(Files.size(sessionFile) > 0, "s_client saved the session");
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port())
                        .add("-sess_in", sessionFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            assertTrue(server.await().resumed(), "our server resumed");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("Reused, TLSv1.3"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- KeyUpdate

    /** We update our keys and request s_server's update; data then flows both ways under new keys. */
    @Test
    void ourClientUpdatesKeysWithOpensslServer() throws Exception {
        MessageLog log = new MessageLog();
        try (PeerProcess peer = PeerProcess.listen(sServer(1), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(
                        TlsEngine.client(tls13().observer(log).build(), "localhost"), peer.port())) {
            connection.handshake();
            connection.engine().updateKeys(true);
            connection.write("after our key update\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("after our key update");
            peer.writeToStdin("from the server after its update\n");
            assertArrayEquals("from the server after its update\n".getBytes(StandardCharsets.US_ASCII),
                    connection.readExactly("from the server after its update\n".length()));
            assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE));
            assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "s_server answered update_requested");
            connection.closeGracefully();
            peer.awaitExit(Duration.ofSeconds(10));
        }
    }

    /** s_server's {@code K} command: a KeyUpdate asking for ours; we answer, and data flows both ways. */
    @Test
    void ourClientAnswersOpensslServersKeyUpdate() throws Exception {
        MessageLog log = new MessageLog();
        try (PeerProcess peer = PeerProcess.listen(sServer(1), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(
                        TlsEngine.client(tls13().observer(log).build(), "localhost"), peer.port())) {
            connection.handshake();
            // s_server reads its commands only after a connection is up, and only as a line of their own.
            connection.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("hello");
            peer.writeToStdin("K\n");
            connection.readUntil(() -> log.receivedCount(HandshakeType.KEY_UPDATE) == 1, "KeyUpdate from s_server");
            assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE), "our answer to update_requested");
            connection.write("after the peer's key update\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("after the peer's key update");
            peer.writeToStdin("from the server\n");
            assertArrayEquals("from the server\n".getBytes(StandardCharsets.US_ASCII),
                    connection.readExactly("from the server\n".length()));
            connection.closeGracefully();
            peer.awaitExit(Duration.ofSeconds(10));
        }
    }

    /** s_client's {@code K} command against our server: we answer its request and echo under new keys. */
    @Test
    void ourServerAnswersOpensslClientsKeyUpdate() throws Exception {
        MessageLog log = new MessageLog();
        OurServer.Conversation conversation = connection -> {
            byte[] hello = connection.readExactly("hello\n".length());
            connection.write(hello);
            connection.readUntil(() -> log.receivedCount(HandshakeType.KEY_UPDATE) == 1, "KeyUpdate from s_client");
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(tls13Server().observer(log).build(), conversation);
                PeerProcess peer = PeerProcess.start(sClient(server.port()).toList(), directory)) {
            peer.writeToStdin("hello\n");
            peer.awaitOutput(text -> text.indexOf("hello") != text.lastIndexOf("hello") || text.contains("\nhello"),
                    "the echoed hello", Duration.ofSeconds(10));
            peer.writeToStdin("K\n");
            waitUntil(() -> log.receivedCount(HandshakeType.KEY_UPDATE) == 1, "s_client's KeyUpdate");
            peer.writeToStdin(Interop.PING);
            server.await();
            assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE), "our answer to update_requested");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    /** Our server updates its keys and requests s_client's; the echo still comes back. */
    @Test
    void ourServerUpdatesKeysWithOpensslClient() throws Exception {
        MessageLog log = new MessageLog();
        OurServer.Conversation conversation = connection -> {
            connection.engine().updateKeys(true);
            connection.write("greeting under new keys\n".getBytes(StandardCharsets.US_ASCII));
            // openssl answers update_requested with the next record it writes: before the PING.
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(tls13Server().observer(log).build(), conversation);
                PeerProcess peer = PeerProcess.start(sClient(server.port()).toList(), directory)) {
            // Once s_client printed the greeting it has read our KeyUpdate, which came before it.
            peer.awaitOutput("greeting under new keys");
            peer.writeToStdin(Interop.PING);
            server.await();
            assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE));
            assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "s_client answered update_requested");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- client certificates

    /** s_server -Verify 1 requires a certificate in the handshake; its page shows the one we sent. */
    @Test
    void ourClientPresentsItsCertificateToOpensslServer() throws Exception {
        PemFiles.CertificateAndKey client = Interop.pem(Credentials.CLIENT_ECDSA, directory, "client-ecdsa");
        TlsConfig config = tls13().certificates(List.of(Credentials.CLIENT_ECDSA.certifiedKey())).build();
        try (PeerProcess peer = PeerProcess.listen(sServer(1).add("-www", "-Verify", "1", "-CAfile",
                client.certificate().toString()), "ACCEPT", directory)) {
            String page = getPage(config, peer.port());
            assertTrue(page.contains(PemFiles.pem("CERTIFICATE", Credentials.CLIENT_ECDSA.certificateDer())), page);
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    /** Our server requires a certificate; s_client's arrives in the handshake. */
    @Test
    void opensslClientPresentsItsCertificateToOurServer() throws Exception {
        PemFiles.CertificateAndKey client = Interop.pem(Credentials.CLIENT_RSA, directory, "client-rsa");
        TlsConfig config = tls13Server().clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port()).add("-cert", client.certificate().toString(),
                        "-key", client.privateKey().toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(), session.peerCertificates().get(0));
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    /** s_server's {@code c} command asks for our certificate after the handshake (RFC 8446 §4.6.2). */
    @Test
    void ourClientAnswersOpensslServersPostHandshakeCertificateRequest() throws Exception {
        PemFiles.CertificateAndKey client = Interop.pem(Credentials.CLIENT_ECDSA, directory, "client-ecdsa");
        MessageLog log = new MessageLog();
        TlsConfig config = tls13().certificates(List.of(Credentials.CLIENT_ECDSA.certifiedKey()))
                .postHandshakeAuthentication(true).observer(log).build();
        try (PeerProcess peer = PeerProcess.listen(sServer(1).add("-CAfile", client.certificate().toString()),
                "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                        peer.port())) {
            connection.handshake();
            assertEquals(0, log.sentCount(HandshakeType.CERTIFICATE), "no certificate in the handshake");
            connection.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("hello");
            peer.writeToStdin("c\n");
            connection.readUntil(() -> log.sentCount(HandshakeType.CERTIFICATE_VERIFY) == 1,
                    "our answer to s_server's CertificateRequest");
            assertEquals(1, log.receivedCount(HandshakeType.CERTIFICATE_REQUEST));
            connection.write("after authenticating\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("after authenticating");
            peer.writeToStdin("from the server\n");
            assertArrayEquals("from the server\n".getBytes(StandardCharsets.US_ASCII),
                    connection.readExactly("from the server\n".length()));
            connection.closeGracefully();
            peer.awaitExit(Duration.ofSeconds(10));
            assertFalse(peer.output().contains("verify error"), peer.describe());
        }
    }

    /** s_client -enable_pha: our server asks for its certificate after the handshake and gets it. */
    @Test
    void ourServerAuthenticatesOpensslClientAfterTheHandshake() throws Exception {
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
            }, "s_client's certificate");
            connection.write(hello);
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(tls13Server().build(), conversation);
                PeerProcess peer = PeerProcess.start(sClient(server.port()).add("-enable_pha",
                        "-cert", client.certificate().toString(), "-key", client.privateKey().toString()).toList(),
                        directory)) {
            peer.writeToStdin("hello\n");
            peer.awaitOutput(text -> text.indexOf("hello") != text.lastIndexOf("hello") || text.contains("\nhello"),
                    "the echoed hello", Duration.ofSeconds(10));
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

    // ---------------------------------------------------------------- 0-RTT

    /** s_server -early_data: our client resumes with its ticket and sends 0-RTT data, which it accepts. */
    @Test
    void ourClientSendsEarlyDataToOpensslServer() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(sServer(2).add("-early_data", "-max_early_data", "16384"), "ACCEPT", directory)) {
            TlsEngine first = TlsEngine.client(tls13().build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(first, peer.port())) {
                connection.handshake();
                connection.readUntil(() -> first.resumableSession().map(s -> s.maxEarlyDataSize() > 0)
                        .orElse(false), "a ticket allowing early data");
                connection.closeGracefully();
            }
            Session ticket = first.resumableSession().orElseThrow();
            assertEquals(16384, ticket.maxEarlyDataSize());

            TlsEngine second = TlsEngine.client(tls13().earlyData(true).resumptionSession(ticket).build(),
                    "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(second, peer.port())) {
                assertTrue(connection.handshakeWithEarlyData(EARLY.getBytes(StandardCharsets.US_ASCII)).resumed());
                List<TlsEvent> events = new ArrayList<>();
                for (TlsEvent event = second.pollEvent(); event != null; event = second.pollEvent()) {
                    events.add(event);
                }
                assertTrue(events.contains(new TlsEvent.EarlyDataAnswered(true)), events.toString());
                connection.write("after the handshake\n".getBytes(StandardCharsets.US_ASCII));
                peer.awaitOutput("after the handshake");
                connection.closeGracefully();
            }
            peer.awaitExit(Duration.ofSeconds(10));
            String output = peer.stdout();
            // The data itself goes to stdout unbuffered, before the buffered report around it.
            assertTrue(output.contains("Early data received:") && output.contains("End of early data"),
                    peer.describe());
            assertTrue(output.indexOf(EARLY) >= 0 && output.indexOf(EARLY) < output.indexOf("after the handshake"),
                    peer.describe());
        }
    }

    /** s_client -early_data with a ticket of ours: our server takes the 0-RTT data, s_client reports it. */
    @Test
    void opensslClientSendsEarlyDataToOurServer() throws Exception {
        Path sessionFile = directory.resolve("early.sess");
        Path earlyFile = directory.resolve("early.txt");
        Files.writeString(earlyFile, EARLY, StandardCharsets.US_ASCII);
        TlsConfig config = tls13Server().ticketKeys(Interop.ticketKeys()).maxEarlyDataSize(16384).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port())
                        .add("-sess_out", sessionFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            server.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("Max Early Data: 16384"), peer.describe());
        }
        OurServer.Conversation conversation = connection -> {
            byte[] early = connection.readExactly(EARLY.length());
            assertEquals(EARLY, new String(early, StandardCharsets.US_ASCII));
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(config, conversation);
                PeerProcess peer = PeerProcess.start(sClient(server.port()).add("-sess_in", sessionFile.toString(),
                        "-early_data", earlyFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            assertTrue(server.await().resumed());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("Early data was accepted"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** Interactive s_server (data it receives goes to its stdout, lines of its stdin to the client), one connection. */
    private static PeerProcess.Command sServer(int connections) {
        return new PeerProcess.Command("openssl", "s_server", "-accept", "127.0.0.1:" + PeerProcess.PORT,
                "-cert", serverFiles.certificate().toString(), "-key", serverFiles.privateKey().toString(),
                "-tls1_3", "-naccept", Integer.toString(connections));
    }

    private static PeerProcess.Command sClient(int port) {
        return new PeerProcess.Command("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3",
                "-servername", "localhost");
    }

    /** Connects our client to an s_server -www, sends GET / and returns the page. */
    private static String getPage(TlsConfig config, int port) throws Exception {
        try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                port)) {
            SessionInfo session = connection.handshake();
            assertEquals(TLS13, session.version());
            connection.write(HTTP_GET);
            String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
            return page;
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String description)
            throws InterruptedException {
        long deadline = System.nanoTime() + SocketTlsConnection.IO_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + description + " within " + SocketTlsConnection.IO_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }
}
