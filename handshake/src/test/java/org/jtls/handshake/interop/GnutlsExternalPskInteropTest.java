package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.ExternalPsk;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 external PSKs (RFC 8446 §4.2.11) against {@code gnutls-serv --pskpasswd} (no certificate)
 * and {@code gnutls-cli --pskusername --pskkey}, in both directions; GnuTLS binds such a key to
 * SHA-256. Skipped without gnutls-bin.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GnutlsExternalPskInteropTest {
    private static final String PRIORITY = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+ECDHE-PSK:+DHE-PSK:+PSK";
    private static final String LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";
    private static final String IDENTITY = "jtls-client";
    private static final String KEY_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final ExternalPsk PSK = ExternalPsk.sha256(IDENTITY.getBytes(StandardCharsets.US_ASCII),
            HexFormat.of().parseHex(KEY_HEX));

    @TempDir
    static Path directory;

    @BeforeAll
    static void requireGnutls() {
        PeerProcess.assumeInstalled("gnutls-serv", "apt-get install gnutls-bin");
        PeerProcess.assumeInstalled("gnutls-cli", "apt-get install gnutls-bin");
    }

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static void assertExternalPsk(SessionInfo session) {
        assertArrayEquals(PSK.identity(), session.pskIdentity().orElseThrow(() -> new AssertionError(
                "not authenticated by the external PSK: " + session)));
        assertTrue(session.peerCertificates().isEmpty());
        assertFalse(session.resumed());
    }

    @Test
    void ourClientWithGnutlsServer() throws Exception {
        Path passwords = directory.resolve("psk.passwd");
        Files.writeString(passwords, IDENTITY + ":" + KEY_HEX + "\n");
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--pskpasswd", passwords.toString(), "--echo", "--priority", PRIORITY), LISTENING, directory)) {
            TlsEngine engine = TlsEngine.client(tls13().externalPsk(PSK).build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, peer.port())) {
                assertExternalPsk(connection.handshake());
                connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
                assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                        StandardCharsets.US_ASCII));
                connection.closeGracefully();
            }
        }
    }

    @Test
    void gnutlsClientWithOurServer() throws Exception {
        TlsConfig config = tls13().externalPskLookup(identity -> PSK.hasIdentity(identity)
                ? Optional.of(PSK) : Optional.empty()).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(List.of("gnutls-cli", "--priority", PRIORITY,
                        "--pskusername", IDENTITY, "--pskkey", KEY_HEX, "--port", Integer.toString(server.port()),
                        "127.0.0.1"), directory)) {
            peer.writeToStdin(Interop.PING);
            assertExternalPsk(server.await());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains(Interop.PING), peer.describe());
        }
    }
}
