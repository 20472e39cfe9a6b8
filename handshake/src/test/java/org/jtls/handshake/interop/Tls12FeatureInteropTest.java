package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionCache;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TicketKeys;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.message.extension.MaxFragmentLength;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.2 features beyond a full handshake, against {@code openssl} 3 and GnuTLS on 127.0.0.1, in
 * both directions where the peer can: resumption by session id (RFC 5246 §7.3) and by ticket
 * (RFC 5077), secure renegotiation (RFC 5746), OCSP stapling (RFC 6066 §8), max_fragment_length
 * (RFC 6066 §4) and record_size_limit (RFC 8449). Each is asserted on both ends: what our engine
 * reports and what the peer prints, or the record sizes seen on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Tls12FeatureInteropTest {
    private static final ProtocolVersion TLS12 = ProtocolVersion.TLS_1_2;
    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519);
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String GNUTLS_TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2";
    private static final String GNUTLS_LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey rsaFiles;

    @BeforeAll
    static void writeCredentials() throws IOException {
        rsaFiles = Interop.pem(Credentials.RSA, directory, "rsa");
    }

    private static void assumeOpenssl() {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
    }

    private static void assumeGnutls() {
        PeerProcess.assumeInstalled("gnutls-serv", "apt-get install gnutls-bin");
        PeerProcess.assumeInstalled("gnutls-cli", "apt-get install gnutls-bin");
    }

    private static TlsConfig.Builder client() {
        return Interop.config(TLS12, SUITE, GROUPS);
    }

    private static TlsConfig.Builder server() {
        return Interop.config(TLS12, SUITE, GROUPS).certificates(List.of(Credentials.RSA.certifiedKey()));
    }

    private static TicketKeys ticketKeys() {
        return new TicketKeys(CryptoBackends.defaultBackend(), Interop.RANDOM, Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofHours(2));
    }

    private static SessionCache sessionCache() {
        return new SessionCache(16, Duration.ofHours(1), Clock.systemUTC());
    }

    // ---------------------------------------------------------------- resumption: our client

    /** s_server -no_ticket: only its session-id cache can resume; our client offers no ticket. */
    @Test
    void ourClientResumesBySessionIdWithOpensslServer() throws Exception {
        assumeOpenssl();
        ourClientResumesWithOpensslServer(client().sessionTickets(false), "-no_ticket", false);
    }

    /** s_server -no_cache: it keeps no sessions, so only the ticket it issued can resume. */
    @Test
    void ourClientResumesByTicketWithOpensslServer() throws Exception {
        assumeOpenssl();
        ourClientResumesWithOpensslServer(client(), "-no_cache", true);
    }

    private void ourClientResumesWithOpensslServer(TlsConfig.Builder config, String serverOption, boolean ticket)
            throws Exception {
        PeerProcess.Command command = sServer().add("-www", "-naccept", "2", serverOption);
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory)) {
            Page first = getPage(peer.port(), config.build());
            assertFalse(first.session().resumed());
            assertTrue(first.page().contains("\nNew, TLSv1.2, Cipher is " + SUITE.opensslName()), first.page());
            Session issued = first.resumable();
            assertEquals(ticket, issued.hasTicket(), "a ticket was issued");

            Page second = getPage(peer.port(), config.resumptionSession(issued).build());
            assertTrue(second.session().resumed(), "our engine reports the session resumed");
            assertTrue(second.page().contains("\nReused, TLSv1.2, Cipher is " + SUITE.opensslName()), second.page());
            assertTrue(second.session().extendedMasterSecret());
            assertTrue(second.session().peerSignatureScheme().isEmpty(), "no signature in an abbreviated handshake");
            assertArrayEquals(Credentials.RSA.certificateDer(), second.session().peerCertificates().get(0),
                    "the resumed session keeps the server's certificate");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    @Test
    void ourClientResumesBySessionIdWithGnutlsServer() throws Exception {
        assumeGnutls();
        ourClientResumesWithGnutlsServer(client().sessionTickets(false), "--noticket", false);
    }

    @Test
    void ourClientResumesByTicketWithGnutlsServer() throws Exception {
        assumeGnutls();
        ourClientResumesWithGnutlsServer(client(), null, true);
    }

    private void ourClientResumesWithGnutlsServer(TlsConfig.Builder config, String serverOption, boolean ticket)
            throws Exception {
        PeerProcess.Command command = gnutlsServ().addIf(serverOption != null, serverOption);
        try (PeerProcess peer = PeerProcess.listen(command, GNUTLS_LISTENING, directory)) {
            TlsEngine firstEngine = echoWithGnutlsServer(peer.port(), config.build());
            assertFalse(firstEngine.session().orElseThrow().resumed());
            Session issued = firstEngine.resumableSession().orElseThrow();
            assertEquals(ticket, issued.hasTicket(), "a ticket was issued");

            TlsEngine secondEngine = echoWithGnutlsServer(peer.port(), config.resumptionSession(issued).build());
            SessionInfo resumed = secondEngine.session().orElseThrow();
            assertTrue(resumed.resumed(), "our engine reports the session resumed");
            assertEquals(SUITE, resumed.cipherSuite());
            assertTrue(resumed.extendedMasterSecret());
            // gnutls-serv reports each connection; only the second was resumed.
            String marker = "*** This is a resumed session";
            peer.awaitOutput(text -> text.contains(marker), "'" + marker + "'", Duration.ofSeconds(5));
            assertEquals(1, peer.output().split(java.util.regex.Pattern.quote(marker), -1).length - 1,
                    peer.describe());
        }
    }

    // ---------------------------------------------------------------- resumption: our server

    /** Our server with a session cache only; s_client offers no ticket, saves and reloads the session. */
    @Test
    void opensslClientResumesBySessionIdWithOurServer() throws Exception {
        assumeOpenssl();
        opensslClientResumesWithOurServer(server().sessionCache(sessionCache()).build(), "-no_ticket");
    }

    /** Our server with ticket keys only: it keeps no session, so only the ticket can resume. */
    @Test
    void opensslClientResumesByTicketWithOurServer() throws Exception {
        assumeOpenssl();
        opensslClientResumesWithOurServer(server().ticketKeys(ticketKeys()).build(), null);
    }

    private void opensslClientResumesWithOurServer(TlsConfig config, String clientOption) throws Exception {
        Path saved = Files.createTempFile(directory, "session", ".pem");
        Files.delete(saved);
        ServerRun first = echoWithOpensslClient(config, sClient().addIf(clientOption != null, clientOption)
                .add("-sess_out", saved.toString()));
        assertFalse(first.session().resumed());
        assertTrue(first.peerStdout().contains("\nNew, TLSv1.2, Cipher is " + SUITE.opensslName()),
                first.peerStdout());
        assertTrue(Files.size(saved) > 0, "s_client saved the session");

        ServerRun second = echoWithOpensslClient(config, sClient().addIf(clientOption != null, clientOption)
                .add("-sess_in", saved.toString()));
        assertTrue(second.session().resumed(), "our engine reports the session resumed");
        assertTrue(second.peerStdout().contains("\nReused, TLSv1.2, Cipher is " + SUITE.opensslName()),
                second.peerStdout());
        assertTrue(second.session().extendedMasterSecret());
    }

    @Test
    void gnutlsClientResumesBySessionIdWithOurServer() throws Exception {
        assumeGnutls();
        gnutlsClientResumesWithOurServer(server().sessionCache(sessionCache()).build(), "--noticket");
    }

    @Test
    void gnutlsClientResumesByTicketWithOurServer() throws Exception {
        assumeGnutls();
        gnutlsClientResumesWithOurServer(server().ticketKeys(ticketKeys()).build(), null);
    }

    private void gnutlsClientResumesWithOurServer(TlsConfig config, String clientOption) throws Exception {
        // gnutls-cli --resume: a first connection it closes at once, then a second that resumes.
        List<Conversation> conversations = List.of(Conversation.UNTIL_CLOSED, Conversation.ECHO_PING);
        try (Servers servers = new Servers(config, conversations);
                PeerProcess peer = PeerProcess.start(gnutlsCli().add("--resume").addIf(clientOption != null,
                        clientOption).add("--port", Integer.toString(servers.port()), "127.0.0.1").toList(),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            List<SessionInfo> sessions = servers.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertFalse(sessions.get(0).resumed());
            assertTrue(sessions.get(1).resumed(), "our engine reports the session resumed");
            assertTrue(peer.stdout().contains("*** This is a resumed session"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), "the echo came back\n" + peer.describe());
        }
    }

    // ---------------------------------------------------------------- OCSP stapling

    /** A "good" OCSP response for our RSA test certificate, signed by its own (self-signed) key. */
    private static byte[] ocspResponse(Credential credential) throws Exception {
        X509CertificateHolder certificate = new JcaX509CertificateHolder(credential.certificate());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), certificate, certificate.getSerialNumber());
        Date now = new Date();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(certificate.getSubject()));
        builder.addResponse(id, CertificateStatus.GOOD, now, new Date(now.getTime() + Duration.ofDays(1).toMillis()),
                null);
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(credential.privateKey()), new X509CertificateHolder[] {certificate}, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    @Test
    void ourServerStaplesAnOcspResponseForOpensslClient() throws Exception {
        assumeOpenssl();
        byte[] response = ocspResponse(Credentials.RSA);
        TlsConfig config = Interop.config(TLS12, SUITE, GROUPS)
                .certificates(List.of(Credentials.RSA.certifiedKey().withOcspResponse(response))).build();
        ServerRun run = echoWithOpensslClient(config, sClient().add("-status"));
        String stdout = run.peerStdout();
        assertTrue(stdout.contains("OCSP Response Status: successful (0x0)"), stdout);
        assertTrue(stdout.contains("Cert Status: good"), stdout);
        String serial = Credentials.RSA.certificate().getSerialNumber().toString(16).toUpperCase();
        // openssl prints the serial in whole bytes.
        assertTrue(stdout.contains("Serial Number: " + (serial.length() % 2 == 1 ? "0" : "") + serial), stdout);

        // Without -status the client asks for nothing, and nothing is stapled (an unasked-for
        // CertificateStatus would make s_client fail the handshake).
        ServerRun plain = echoWithOpensslClient(config, sClient());
        assertFalse(plain.peerStdout().contains("OCSP"), plain.peerStdout());
    }

    @Test
    void ourClientReceivesTheStapleOfOpensslServer() throws Exception {
        assumeOpenssl();
        byte[] response = ocspResponse(Credentials.RSA);
        Path file = directory.resolve("ocsp.der");
        Files.write(file, response);
        PeerProcess.Command command = sServer().add("-www", "-naccept", "1", "-status_file", file.toString());
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory)) {
            Page page = getPage(peer.port(), client().requestOcspStapling(true).build());
            assertArrayEquals(response, page.session().stapledOcspResponse().orElseThrow(
                    () -> new AssertionError("no staple\n" + page.page())));
        }
    }

    /** gnutls-cli --save-ocsp writes the staple it received: the very bytes our server was given. */
    @Test
    void ourServerStaplesAnOcspResponseForGnutlsClient() throws Exception {
        assumeGnutls();
        byte[] response = ocspResponse(Credentials.RSA);
        Path saved = directory.resolve("gnutls-saved-ocsp.der");
        TlsConfig config = Interop.config(TLS12, SUITE, GROUPS)
                .certificates(List.of(Credentials.RSA.certifiedKey().withOcspResponse(response))).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(gnutlsCli().add("--save-ocsp=" + saved, "--port",
                        Integer.toString(server.port()), "127.0.0.1").toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            server.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(Files.exists(saved), "gnutls-cli saved no OCSP response\n" + peer.describe());
            assertArrayEquals(response, Files.readAllBytes(saved));
        }
    }

    @Test
    void ourClientReceivesTheStapleOfGnutlsServer() throws Exception {
        assumeGnutls();
        byte[] response = ocspResponse(Credentials.RSA);
        Path file = directory.resolve("gnutls-ocsp.der");
        Files.write(file, response);
        PeerProcess.Command command = gnutlsServ().add("--ocsp-response", file.toString(), "--ignore-ocsp-response-errors");
        try (PeerProcess peer = PeerProcess.listen(command, GNUTLS_LISTENING, directory)) {
            TlsEngine engine = echoWithGnutlsServer(peer.port(), client().requestOcspStapling(true).build());
            String description = peer.describe();
            assertArrayEquals(response, engine.session().orElseThrow().stapledOcspResponse().orElseThrow(
                    () -> new AssertionError("no staple\n" + description)));
        }
    }

    // ---------------------------------------------------------------- secure renegotiation (RFC 5746)

    /**
     * Our client renegotiates with s_server (which since OpenSSL 3.0 takes client-initiated
     * renegotiation only with -client_renegotiation). Lines typed into s_server arrive as data; the
     * first carries our new ClientHello out (the engine sends it with the next flush), the next
     * ones drive the renegotiation to its end.
     */
    @Test
    void ourClientRenegotiatesWithOpensslServer() throws Exception {
        assumeOpenssl();
        PeerProcess.Command command = sServer().add("-client_renegotiation", "-tlsextdebug", "-naccept", "1");
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory)) {
            TlsEngine engine = TlsEngine.client(client().build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, peer.port())) {
                SessionInfo first = connection.handshake();
                assertTrue(first.secureRenegotiation());
                peer.awaitOutput("CIPHER is");
                int completed = handshakesCompleted(engine);
                engine.renegotiate();
                for (int line = 0; line < 5 && completed < 2; line++) {
                    String text = "line " + line + " from s_server\n";
                    peer.writeToStdin(text);
                    assertEquals(text, new String(connection.readExactly(text.length()), StandardCharsets.US_ASCII));
                    completed += handshakesCompleted(engine);
                }
                assertEquals(2, completed, "our engine completed the initial handshake and the renegotiation");
                SessionInfo renegotiated = engine.session().orElseThrow();
                assertTrue(renegotiated.secureRenegotiation());
                assertFalse(renegotiated.resumed());

                String after = "after the renegotiation\n";
                connection.write(after.getBytes(StandardCharsets.US_ASCII));
                peer.awaitOutput(after);
                // Our second ClientHello's renegotiation_info carries our 12-byte client verify_data.
                assertTrue(peer.output().contains("TLS client extension \"renegotiation info\" (id=65281), len=13"),
                        peer.describe());
                connection.closeGracefully();
            }
        }
    }

    /**
     * Our client renegotiates with gnutls-serv --echo (safe renegotiation is in its default
     * priorities). gnutls-serv answers application data that arrives between our renegotiation
     * ClientHello and the end of the second handshake with unexpected_message, so only the handshake
     * is pumped: the ClientHello is flushed and records are read until the engine reports the second
     * handshake complete; then a line crosses and comes back.
     */
    @Test
    void ourClientRenegotiatesWithGnutlsServer() throws Exception {
        assumeGnutls();
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(), GNUTLS_LISTENING, directory)) {
            TlsEngine engine = TlsEngine.client(client().build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, peer.port())) {
                SessionInfo first = connection.handshake();
                assertTrue(first.secureRenegotiation());
                String before = "before the renegotiation\n";
                connection.write(before.getBytes(StandardCharsets.US_ASCII));
                assertEquals(before, new String(connection.readExactly(before.length()), StandardCharsets.US_ASCII));
                int[] completed = {handshakesCompleted(engine)};
                assertEquals(1, completed[0], "our engine completed the initial handshake");

                engine.renegotiate();
                connection.readUntil(() -> (completed[0] += handshakesCompleted(engine)) >= 2,
                        "the end of the renegotiation");
                assertEquals(2, completed[0], "our engine completed the initial handshake and the renegotiation");
                SessionInfo renegotiated = engine.session().orElseThrow();
                assertTrue(renegotiated.secureRenegotiation());
                assertFalse(renegotiated.resumed());

                String after = "after the renegotiation\n";
                connection.write(after.getBytes(StandardCharsets.US_ASCII));
                assertEquals(after, new String(connection.readExactly(after.length()), StandardCharsets.US_ASCII));
                connection.closeGracefully();
            }
            assertTrue(peer.output().contains("safe renegotiation"), peer.describe());
        }
    }

    /** s_client's R line renegotiates; the PING typed afterwards must come back. */
    @Test
    void opensslClientRenegotiatesWithOurServer() throws Exception {
        assumeOpenssl();
        RenegotiatingEcho echo = new RenegotiatingEcho();
        try (Servers servers = new Servers(server().allowClientRenegotiation(true).build(), List.of(echo));
                PeerProcess peer = PeerProcess.start(sClient().add("-tlsextdebug", "-connect",
                        "127.0.0.1:" + servers.port()).toList(), directory)) {
            peer.awaitOutput("Extended master secret");
            peer.writeToStdin("R\n");
            peer.awaitOutput("RENEGOTIATING");
            peer.writeToStdin(Interop.PING);
            servers.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertEquals(2, echo.handshakes, "our engine completed the initial handshake and the renegotiation");
            assertTrue(echo.session.secureRenegotiation());
            assertTrue(peer.stdout().contains(Interop.PING), "the echo came back\n" + peer.describe());
            // Our second ServerHello's renegotiation_info carries both verify_data values (12 + 12 bytes).
            assertTrue(peer.output().contains("TLS server extension \"renegotiation info\" (id=65281), len=25"),
                    peer.describe());
        }
    }

    /** gnutls-cli --rehandshake renegotiates right after its first handshake. */
    @Test
    void gnutlsClientRenegotiatesWithOurServer() throws Exception {
        assumeGnutls();
        RenegotiatingEcho echo = new RenegotiatingEcho();
        try (Servers servers = new Servers(server().allowClientRenegotiation(true).build(), List.of(echo));
                PeerProcess peer = PeerProcess.start(gnutlsCli().add("--rehandshake", "--port",
                        Integer.toString(servers.port()), "127.0.0.1").toList(), directory)) {
            peer.awaitOutput("ReHandshake was completed");
            peer.writeToStdin(Interop.PING);
            servers.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertEquals(2, echo.handshakes, "our engine completed the initial handshake and the renegotiation");
            assertTrue(echo.session.secureRenegotiation());
            assertTrue(peer.stdout().contains(Interop.PING), "the echo came back\n" + peer.describe());
            assertTrue(peer.stdout().contains("safe renegotiation"), peer.describe());
        }
    }

    /** Echoes the PING, counting the handshakes the engine completed meanwhile. */
    private static final class RenegotiatingEcho implements Conversation {
        volatile int handshakes;
        volatile SessionInfo session;

        @Override
        public void run(SocketTlsConnection connection) throws Exception {
            byte[] line = connection.readExactly(Interop.PING.length());
            handshakes = handshakesCompleted(connection.engine());
            session = connection.engine().session().orElseThrow();
            connection.write(line);
            connection.closeGracefully();
        }
    }

    /** How many HandshakeCompleted events the engine reported since last asked. */
    private static int handshakesCompleted(TlsEngine engine) {
        int count = 0;
        for (TlsEvent event = engine.pollEvent(); event != null; event = engine.pollEvent()) {
            if (event instanceof TlsEvent.HandshakeCompleted) {
                count++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- max_fragment_length, record_size_limit

    /** 5000 bytes of text: more than nine 512-byte records. */
    private static final String LARGE = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(138) + "\n";

    /**
     * s_client -maxfraglen 512: our server must answer the extension and send no record over 512
     * bytes of plaintext, which s_client enforces (record_overflow) on the 5000 bytes we send.
     */
    @Test
    void ourServerHonoursTheMaxFragmentLengthOfOpensslClient() throws Exception {
        assumeOpenssl();
        Conversation sendLarge = connection -> {
            connection.readExactly(Interop.PING.length());
            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            connection.closeGracefully();
        };
        try (Servers servers = new Servers(server().build(), List.of(sendLarge));
                RecordingProxy proxy = new RecordingProxy(servers.port());
                PeerProcess peer = PeerProcess.start(sClient().add("-maxfraglen", "512", "-tlsextdebug",
                        "-connect", "127.0.0.1:" + proxy.port()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            servers.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertProtectedRecordsWithin(512, proxy.fromServer());
            assertTrue(peer.output().contains("TLS server extension \"max fragment length\" (id=1), len=1"),
                    peer.describe());
            assertTrue(peer.stdout().contains(LARGE), "all 5000 bytes arrived\n" + peer.describe());
        }
    }

    /**
     * Our client asks s_server for 512-byte fragments: s_server's handshake records after the
     * ServerHello are at most 512 bytes, and a 5000-byte line crosses in both directions (s_server
     * -rev sends it back reversed; each side refuses records over the limit).
     */
    @Test
    void ourClientNegotiatesMaxFragmentLengthWithOpensslServer() throws Exception {
        assumeOpenssl();
        PeerProcess.Command command = sServer().add("-rev", "-naccept", "1");
        TlsConfig config = client().recordSizeLimit(0).maxFragmentLength(512).build();
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                        peer.port())) {
            connection.handshake();
            byte[] serverBytes = connection.handshakeBytesReceived();
            assertTrue(Interop.serverHelloExtensions(serverBytes).find(MaxFragmentLength.class).isPresent(),
                    "max_fragment_length in the ServerHello");
            List<Integer> sizes = Interop.recordLengths(serverBytes);
            assertTrue(sizes.size() >= 4 && sizes.stream().allMatch(size -> size <= 512), "record sizes " + sizes);

            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            String reversed = new StringBuilder(LARGE.substring(0, LARGE.length() - 1)).reverse() + "\n";
            assertEquals(reversed, new String(connection.readExactly(reversed.length()), StandardCharsets.US_ASCII));
        }
    }

    /** OpenSSL 3.0 does not implement record_size_limit (RFC 8449); the test skips when it ignores ours. */
    @Test
    void ourClientNegotiatesRecordSizeLimitWithOpensslServer() throws Exception {
        assumeOpenssl();
        PeerProcess.Command command = sServer().add("-rev", "-naccept", "1");
        TlsConfig config = client().recordSizeLimit(512).build();
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                        peer.port())) {
            connection.handshake();
            boolean answered = Interop.serverHelloExtensions(connection.handshakeBytesReceived())
                    .find(RecordSizeLimit.class).isPresent();
            Assumptions.assumeTrue(answered, "this openssl (" + opensslVersion()
                    + ") does not answer record_size_limit (RFC 8449)");
            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            String reversed = new StringBuilder(LARGE.substring(0, LARGE.length() - 1)).reverse() + "\n";
            assertEquals(reversed, new String(connection.readExactly(reversed.length()), StandardCharsets.US_ASCII));
        }
    }

    /**
     * Our client advertises record_size_limit 512 to gnutls-serv: the server answers it, and the
     * 5000-byte echo comes back in protected records of at most 512 bytes of plaintext, which our
     * engine enforces on receipt.
     */
    @Test
    void ourClientNegotiatesRecordSizeLimitWithGnutlsServer() throws Exception {
        assumeGnutls();
        TlsConfig config = client().recordSizeLimit(512).build();
        try (PeerProcess peer = PeerProcess.listen(gnutlsServ(), GNUTLS_LISTENING, directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                        peer.port())) {
            connection.handshake();
            byte[] serverBytes = connection.handshakeBytesReceived();
            assertTrue(Interop.serverHelloExtensions(serverBytes).find(RecordSizeLimit.class).isPresent(),
                    "record_size_limit in the ServerHello");
            // RFC 8449 §4 leaves unprotected handshake records unlimited; our engine refuses (with
            // record_overflow) any protected record over 512 bytes, so the echo proves the limit held.
            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            assertEquals(LARGE, new String(connection.readExactly(LARGE.length()), StandardCharsets.US_ASCII));
            connection.closeGracefully();
        }
    }

    /** gnutls-cli --recordsize=512 advertises record_size_limit; our server's 5000 bytes must respect it. */
    @Test
    void ourServerHonoursTheRecordSizeLimitOfGnutlsClient() throws Exception {
        assumeGnutls();
        Conversation sendLarge = connection -> {
            connection.readExactly(Interop.PING.length());
            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            connection.closeGracefully();
        };
        try (Servers servers = new Servers(server().build(), List.of(sendLarge));
                RecordingProxy proxy = new RecordingProxy(servers.port());
                PeerProcess peer = PeerProcess.start(gnutlsCli().add("--recordsize=512", "--port",
                        Integer.toString(proxy.port()), "127.0.0.1").toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            servers.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertProtectedRecordsWithin(512, proxy.fromServer());
            assertTrue(peer.stdout().contains(LARGE), "all 5000 bytes arrived\n" + peer.describe());
        }
    }

    /**
     * The records after the server's change_cipher_spec carry at most {@code limit} bytes of
     * plaintext: with an AEAD suite, at most the limit plus the explicit nonce (8) and the tag (16).
     * There must be enough of them to have carried the 5000-byte payload.
     */
    private static void assertProtectedRecordsWithin(int limit, byte[] serverBytes) {
        List<int[]> records = new ArrayList<>();
        for (int offset = 0; offset + 5 <= serverBytes.length; ) {
            int type = serverBytes[offset] & 0xFF;
            int length = ((serverBytes[offset + 3] & 0xFF) << 8) | (serverBytes[offset + 4] & 0xFF);
            records.add(new int[] {type, length});
            offset += 5 + length;
        }
        int changeCipherSpec = -1;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i)[0] == 20) {
                changeCipherSpec = i;
                break;
            }
        }
        assertTrue(changeCipherSpec >= 0, "no change_cipher_spec from the server");
        List<Integer> protectedLengths = records.subList(changeCipherSpec + 1, records.size()).stream()
                .map(record -> record[1]).toList();
        assertTrue(protectedLengths.size() >= LARGE.length() / limit, "protected records " + protectedLengths);
        assertTrue(protectedLengths.stream().allMatch(length -> length <= limit + 8 + 16),
                "protected records " + protectedLengths);
    }

    /** Relays one connection on 127.0.0.1 to {@code targetPort}, keeping what the target sent. */
    private static final class RecordingProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final java.io.ByteArrayOutputStream fromServer = new java.io.ByteArrayOutputStream();
        private final ExecutorService threads = Executors.newFixedThreadPool(3, task -> {
            Thread daemon = new Thread(task, "jtls-interop-proxy");
            daemon.setDaemon(true);
            return daemon;
        });
        private final Future<?> downstream;

        RecordingProxy(int targetPort) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            listener.setSoTimeout(15_000);
            downstream = threads.submit(() -> {
                try (Socket client = listener.accept();
                        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                    threads.submit(() -> relay(client, target, null));
                    relay(target, client, fromServer);
                }
                return null;
            });
        }

        private static Void relay(Socket from, Socket to, java.io.ByteArrayOutputStream copy) throws IOException {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int count; (count = from.getInputStream().read(buffer)) >= 0; ) {
                    if (copy != null) {
                        synchronized (copy) {
                            copy.write(buffer, 0, count);
                        }
                    }
                    to.getOutputStream().write(buffer, 0, count);
                }
                to.shutdownOutput();
            } catch (IOException closed) {
                // One side went away; the test judges by what arrived.
            }
            return null;
        }

        int port() {
            return listener.getLocalPort();
        }

        /** Everything the target sent, once it closed its side. */
        byte[] fromServer() throws Exception {
            downstream.get(15, TimeUnit.SECONDS);
            synchronized (fromServer) {
                return fromServer.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            threads.shutdownNow();
            listener.close();
        }
    }

    private static String opensslVersion() throws Exception {
        try (PeerProcess version = PeerProcess.start(List.of("openssl", "version"), directory)) {
            version.awaitExit(Duration.ofSeconds(5));
            return version.stdout().trim();
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static PeerProcess.Command sServer() {
        return new PeerProcess.Command("openssl", "s_server", "-accept", "127.0.0.1:" + PeerProcess.PORT,
                "-cert", rsaFiles.certificate().toString(), "-key", rsaFiles.privateKey().toString());
    }

    private static PeerProcess.Command sClient() {
        return new PeerProcess.Command("openssl", "s_client", "-tls1_2");
    }

    private static PeerProcess.Command gnutlsServ() {
        return new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--x509certfile", rsaFiles.certificate().toString(),
                "--x509keyfile", rsaFiles.privateKey().toString(), "--echo", "--priority", GNUTLS_TLS12);
    }

    private static PeerProcess.Command gnutlsCli() {
        return new PeerProcess.Command("gnutls-cli", "--priority", GNUTLS_TLS12, "--insecure");
    }

    record Page(SessionInfo session, Session resumable, String page) {
    }

    /** Our client fetches s_server -www's page. */
    private static Page getPage(int port, TlsConfig config) throws Exception {
        try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                port)) {
            SessionInfo session = connection.handshake();
            connection.write(HTTP_GET);
            String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
            return new Page(session, connection.engine().resumableSession().orElseThrow(), page);
        }
    }

    /** Our client sends {@link Interop#PING} to gnutls-serv --echo and expects it back. */
    private static TlsEngine echoWithGnutlsServer(int port, TlsConfig config) throws Exception {
        TlsEngine engine = TlsEngine.client(config, "localhost");
        try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, port)) {
            connection.handshake();
            connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
            assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                    StandardCharsets.US_ASCII));
            connection.closeGracefully();
        }
        return engine;
    }

    record ServerRun(SessionInfo session, String peerStdout) {
    }

    /** Our echo server, one connection from s_client, which sends {@link Interop#PING}. */
    private static ServerRun echoWithOpensslClient(TlsConfig config, PeerProcess.Command sClient) throws Exception {
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient.add("-connect", "127.0.0.1:" + server.port()).toList(),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            String stdout = peer.stdout();
            assertTrue(stdout.contains(Interop.PING), "the echo came back\n" + peer.describe());
            return new ServerRun(session, stdout);
        }
    }

    /** What our server does on one connection after its handshake. */
    @FunctionalInterface
    interface Conversation {
        void run(SocketTlsConnection connection) throws Exception;

        Conversation ECHO_PING = OurServer.ECHO_PING::run;
        /** Waits for the peer to close, answering its close_notify if the transport still allows. */
        Conversation UNTIL_CLOSED = connection -> {
            connection.readUntilClosed();
            try {
                connection.closeGracefully();
            } catch (IOException gone) {
                // The peer may have closed the socket right after its close_notify.
            }
        };
    }

    /** Our server on one port for several connections in turn, each with its own conversation. */
    private static final class Servers implements AutoCloseable {
        private final ServerSocket listener;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread daemon = new Thread(task, "jtls-interop-servers");
            daemon.setDaemon(true);
            return daemon;
        });
        private final Future<List<SessionInfo>> result;

        Servers(TlsConfig config, List<Conversation> conversations) throws IOException {
            listener = new ServerSocket(0, conversations.size(), InetAddress.getLoopbackAddress());
            listener.setSoTimeout(15_000);
            result = thread.submit(() -> {
                List<SessionInfo> sessions = new ArrayList<>();
                for (Conversation conversation : conversations) {
                    try (Socket accepted = listener.accept();
                            SocketTlsConnection connection = SocketTlsConnection.over(TlsEngine.server(config),
                                    accepted)) {
                        sessions.add(connection.handshake());
                        conversation.run(connection);
                    }
                }
                return sessions;
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        List<SessionInfo> await() throws Exception {
            try {
                return result.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            result.cancel(true);
            thread.shutdownNow();
            listener.close();
        }
    }
}
