package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * server_name, ALPN and record_size_limit in TLS 1.3 (all three in EncryptedExtensions) against
 * OpenSSL 3.0 and GnuTLS 3.7, both directions.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class Tls13ExtensionsInteropTest {
    private static final String LARGE = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(138) + "\n";
    private static final String GNUTLS_LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";
    private static final String GNUTLS_TLS13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3";

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey rsaFiles;
    private static PemFiles.CertificateAndKey sniFiles;

    @BeforeAll
    static void files() throws Exception {
        rsaFiles = Interop.pem(Credentials.RSA, directory, "rsa");
        sniFiles = Interop.pem(Credentials.SNI_RSA, directory, "sni");
    }

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    // ---------------------------------------------------------------- SNI and ALPN with openssl

    /**
     * s_server picks its {@code -cert2} for our server_name. (It answers ALPN only on its first
     * context, not on the one {@code -servername} switches to — checked with s_client too — so ALPN is
     * the next test's.)
     */
    @Test
    void ourClientGetsTheSniCertificateFromOpensslServer() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian");
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-tls1_3", "-www", "-naccept", "1",
                "-cert", rsaFiles.certificate().toString(), "-key", rsaFiles.privateKey().toString(),
                "-servername", Credentials.SNI_NAME, "-cert2", sniFiles.certificate().toString(),
                "-key2", sniFiles.privateKey().toString()), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(tls13().build(),
                        Credentials.SNI_NAME), peer.port())) {
            SessionInfo session = connection.handshake();
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            assertArrayEquals(Credentials.SNI_RSA.certificateDer(), session.peerCertificates().get(0),
                    "the certificate for the name we sent");
            connection.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertTrue(page.contains("TLSv1.3"), page);
        }
    }

    @Test
    void ourClientNegotiatesAlpnWithOpensslServer() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian");
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-tls1_3", "-www", "-naccept", "1",
                "-cert", rsaFiles.certificate().toString(), "-key", rsaFiles.privateKey().toString(),
                "-alpn", "http/1.1"), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(
                        tls13().alpnProtocols(List.of("h2", "http/1.1")).build(), "localhost"), peer.port())) {
            SessionInfo session = connection.handshake();
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            assertEquals(Optional.of("http/1.1"), session.applicationProtocol());
            connection.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertTrue(page.contains("TLSv1.3"), page);
        }
    }

    @Test
    void opensslClientGetsTheSniCertificateAndAlpnFromOurServer() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian");
        Map<String, List<CertifiedKey>> byName = Map.of(Credentials.SNI_NAME, List.of(Credentials.SNI_RSA.certifiedKey()));
        TlsConfig config = tls13().alpnProtocols(List.of("http/1.1", "h2"))
                .certificateSelector(name -> byName.getOrDefault(name, List.of(Credentials.RSA.certifiedKey()))).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(List.of("openssl", "s_client", "-connect", "127.0.0.1:"
                        + server.port(), "-tls1_3", "-servername", Credentials.SNI_NAME, "-alpn", "h2,http/1.1"),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertEquals(Optional.of(Credentials.SNI_NAME), session.serverName());
            assertEquals(Optional.of("http/1.1"), session.applicationProtocol());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            String out = peer.stdout();
            assertTrue(out.contains("ALPN protocol: http/1.1"), out);
            assertTrue(out.contains("CN = " + Credentials.SNI_NAME), "the SNI certificate\n" + out);
            assertTrue(out.contains("Protocol  : TLSv1.3") || out.contains("New, TLSv1.3"), out);
        }
    }

    // ---------------------------------------------------------------- record_size_limit with GnuTLS

    /**
     * Our client advertises 512 (GnuTLS ignores limits below 512 and then does not answer the
     * extension); gnutls-serv answers it in EncryptedExtensions, and every protected record it sends,
     * its handshake flight and the echo of 5000 bytes, stays within it (our engine would also refuse
     * a larger one with record_overflow).
     */
    @Test
    void ourClientsRecordSizeLimitHoldsWithGnutlsServer() throws Exception {
        PeerProcess.assumeInstalled("gnutls-serv", "apt-get install gnutls-bin");
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--x509certfile", rsaFiles.certificate().toString(), "--x509keyfile", rsaFiles.privateKey().toString(),
                "--echo", "--priority", GNUTLS_TLS13), GNUTLS_LISTENING, directory);
                RecordingProxy proxy = new RecordingProxy(peer.port());
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(
                        tls13().recordSizeLimit(512).build(), "localhost"), proxy.port())) {
            assertEquals(ProtocolVersion.TLS_1_3, connection.handshake().version());
            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            assertEquals(LARGE, new String(connection.readExactly(LARGE.length()), StandardCharsets.US_ASCII));
            connection.closeGracefully();
            assertProtectedRecordsWithin(513, proxy.fromServer());
        }
    }

    /**
     * gnutls-cli --recordsize=512: every protected record our server sends — its encrypted handshake
     * flight included, since the limit arrived in the ClientHello (RFC 8449 §4) — stays within it.
     * (Found here: our server used to send its whole encrypted flight, 1090 bytes, in one record.)
     */
    @Test
    void ourServerKeepsToTheRecordSizeLimitOfGnutlsClient() throws Exception {
        PeerProcess.assumeInstalled("gnutls-cli", "apt-get install gnutls-bin");
        OurServer.Conversation sendLarge = connection -> {
            connection.readExactly(Interop.PING.length());
            connection.write(LARGE.getBytes(StandardCharsets.US_ASCII));
            connection.closeGracefully();
        };
        try (OurServer server = OurServer.start(tls13().certificates(List.of(Credentials.RSA.certifiedKey())).build(),
                sendLarge);
                RecordingProxy proxy = new RecordingProxy(server.port());
                PeerProcess peer = PeerProcess.start(List.of("gnutls-cli", "--priority", GNUTLS_TLS13, "--insecure",
                        "--recordsize=512", "--port", Integer.toString(proxy.port()), "127.0.0.1"), directory)) {
            peer.writeToStdin(Interop.PING);
            try {
                assertEquals(ProtocolVersion.TLS_1_3, server.await().version());
            } catch (Exception e) {
                peer.awaitExit(Duration.ofSeconds(5));
                throw new AssertionError("gnutls-cli said:\n" + peer.describe(), e);
            }
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(LARGE), "all 5000 bytes arrived\n" + peer.describe());
            // --recordsize=512 sends max_fragment_length 512 and record_size_limit 513 (512 plus the
            // content type, TLS 1.3); a server answers record_size_limit and ignores the other (RFC 8449 §5).
            assertProtectedRecordsWithin(513, proxy.fromServer());
        }
    }

    /** Every application_data (protected, in TLS 1.3) record carries at most {@code limit} + 16 (tag) bytes. */
    private static void assertProtectedRecordsWithin(int limit, byte[] serverBytes) {
        List<Integer> protectedLengths = new ArrayList<>();
        for (int offset = 0; offset + 5 <= serverBytes.length; ) {
            int type = serverBytes[offset] & 0xFF;
            int length = ((serverBytes[offset + 3] & 0xFF) << 8) | (serverBytes[offset + 4] & 0xFF);
            if (type == 23) {
                protectedLengths.add(length);
            }
            offset += 5 + length;
        }
        assertTrue(protectedLengths.size() >= LARGE.length() / limit, protectedLengths.toString());
        assertTrue(protectedLengths.stream().allMatch(length -> length <= limit + 16),
                "protected records over " + limit + " + 16: " + protectedLengths);
    }

    /** A TCP relay on 127.0.0.1 that records what the server side sends. One connection. */
    private static final class RecordingProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        private final List<Thread> threads = new ArrayList<>();
        private volatile Socket client;
        private volatile Socket upstream;

        RecordingProxy(int targetPort) throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    client = listener.accept();
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    Thread up = relay(client.getInputStream(), upstream.getOutputStream(), null);
                    Thread down = relay(upstream.getInputStream(), client.getOutputStream(), fromServer);
                    up.join();
                    down.join();
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            }, "recording-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
            threads.add(acceptor);
        }

        private Thread relay(InputStream in, OutputStream out, ByteArrayOutputStream record) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        if (record != null) {
                            synchronized (record) {
                                record.write(buffer, 0, n);
                            }
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                    out.close();
                } catch (IOException e) {
                    // one side closed
                }
            }, "recording-proxy-relay");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        int port() {
            return listener.getLocalPort();
        }

        /** What the server sent so far (each chunk is recorded before it is passed on). */
        byte[] fromServer() {
            synchronized (fromServer) {
                return fromServer.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : new Socket[] {client, upstream}) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
