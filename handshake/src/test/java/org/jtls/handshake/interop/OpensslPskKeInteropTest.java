package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.HandshakeObserver;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsConfig.PskKeyExchangeMode;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 psk_ke (PSK-only key exchange, RFC 8446 §4.2.9) resumption against {@code openssl s_server}
 * and {@code openssl s_client} with {@code -allow_no_dhe_kex} (OpenSSL 3.0), in both directions: the
 * resumed ServerHello carries pre_shared_key and no key_share. Skipped when openssl or the option is
 * absent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpensslPskKeInteropTest {
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<PskKeyExchangeMode> PSK_KE = List.of(PskKeyExchangeMode.PSK_KE);

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey serverFiles;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
        Assumptions.assumeTrue(supportsAllowNoDheKex(),
                "openssl s_server/s_client lack -allow_no_dhe_kex (OpenSSL 1.1.1+); psk_ke interop test skipped");
        serverFiles = Interop.pem(Credentials.RSA, directory, "rsa");
    }

    private static boolean supportsAllowNoDheKex() throws IOException, InterruptedException {
        for (String tool : List.of("s_server", "s_client")) {
            Process process = new ProcessBuilder("openssl", tool, "-help").redirectErrorStream(true).start();
            String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            process.waitFor(10, TimeUnit.SECONDS);
            if (!help.contains("-allow_no_dhe_kex")) {
                return false;
            }
        }
        return true;
    }

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    /** Keeps the ServerHellos an engine sends or receives. */
    private static final class ServerHellos implements HandshakeObserver {
        final List<HandshakeMessage> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void messageSent(HandshakeMessage message) {
            keep(message);
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            keep(message);
        }

        private void keep(HandshakeMessage message) {
            if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                seen.add(message);
            }
        }

        /** The one ServerHello: a psk_ke one, with pre_shared_key and no key_share. */
        void assertPskKe() throws TlsAlertException {
            assertEquals(1, seen.size(), "one ServerHello, no HelloRetryRequest");
            ServerHello hello = Messages.decode(seen.get(0), ServerHello::decode);
            assertTrue(hello.extensions().find(PreSharedKeySelection.class).isPresent(), "pre_shared_key");
            assertTrue(hello.extensions().findCode(ExtensionType.KEY_SHARE.code()).isEmpty(), "no key_share");
        }
    }

    /** Our client offers psk_ke only; s_server -allow_no_dhe_kex resumes without (EC)DHE. */
    @Test
    void ourClientResumesWithPskKeWithOpensslServer() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-cert", serverFiles.certificate().toString(), "-key",
                serverFiles.privateKey().toString(), "-tls1_3", "-naccept", "2", "-allow_no_dhe_kex", "-www"),
                "ACCEPT", directory)) {
            TlsEngine first = TlsEngine.client(tls13().pskKeyExchangeModes(PSK_KE).build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(first, peer.port())) {
                assertFalse(connection.handshake().resumed());
                connection.write(HTTP_GET);
                String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertTrue(page.contains("New, TLSv1.3"), page);
            }
            Session ticket = first.resumableSession().orElseThrow(() -> new AssertionError("no ticket arrived"));

            ServerHellos hellos = new ServerHellos();
            TlsEngine second = TlsEngine.client(tls13().pskKeyExchangeModes(PSK_KE)
                    .resumptionSession(Session.decode(ticket.encode())).observer(hellos).build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(second, peer.port())) {
                SessionInfo session = connection.handshake();
                assertTrue(session.resumed(), "our client resumed");
                assertTrue(session.group().isEmpty(), "psk_ke negotiates no group");
                connection.write(HTTP_GET);
                String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertTrue(page.contains("Reused, TLSv1.3"), page);
            }
            hellos.assertPskKe();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    /**
     * s_client -allow_no_dhe_kex offers psk_ke and psk_dhe_ke; our server, allowing psk_ke only, resumes
     * its ticket with psk_ke.
     */
    @Test
    void opensslClientResumesWithPskKeWithOurServer() throws Exception {
        Path sessionFile = directory.resolve("pskke.sess");
        ServerHellos hellos = new ServerHellos();
        TlsConfig config = tls13().certificates(List.of(Credentials.RSA.certifiedKey()))
                .ticketKeys(Interop.ticketKeys()).pskKeyExchangeModes(PSK_KE).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port())
                        .add("-sess_out", sessionFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            assertFalse(server.await().resumed());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
        assertTrue(Files.size(sessionFile) > 0, "s_client saved the session");
        try (OurServer server = OurServer.start(config.toBuilder().observer(hellos).build(), OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient(server.port())
                        .add("-sess_in", sessionFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertTrue(session.resumed(), "our server resumed");
            assertTrue(session.group().isEmpty(), "psk_ke negotiates no group");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("Reused, TLSv1.3"), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
        hellos.assertPskKe();
    }

    private static PeerProcess.Command sClient(int port) {
        return new PeerProcess.Command("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3",
                "-servername", "localhost", "-allow_no_dhe_kex");
    }
}
