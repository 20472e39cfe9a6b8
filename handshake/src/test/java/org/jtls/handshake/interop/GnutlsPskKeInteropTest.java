package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 psk_ke (PSK-only key exchange, RFC 8446 §4.2.9) resumption against GnuTLS 3.7, both
 * directions.
 *
 * <p>GnuTLS maps its TLS 1.2 key-exchange priorities onto the TLS 1.3 PSK modes: {@code +PSK} in the
 * priority string means psk_ke, {@code +DHE-PSK}/{@code +ECDHE-PSK} mean psk_dhe_ke ({@code
 * lib/ext/psk_ke_modes.c}). {@code NORMAL} holds neither, so {@code NORMAL:+PSK} makes gnutls-cli
 * offer psk_ke alone and makes gnutls-serv accept it. With {@code +PSK} in its priorities gnutls-cli
 * insists on PSK credentials, so it is given an external PSK identity our server does not know
 * ({@code --pskusername}/{@code --pskkey}); our server passes over that identity, completes a
 * certificate handshake, issues a ticket, and the reconnection ({@code --resume}) resumes with that
 * ticket in psk_ke mode. Proven on the wire: the resumed ServerHello carries pre_shared_key and no
 * key_share, no Certificate is sent, and GnuTLS prints an empty key exchange in its session
 * description ({@code (TLS1.3-X.509)--(AES-256-GCM)}) and "This is a resumed session".
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class GnutlsPskKeInteropTest {
    private static final String PSK_KE_PRIORITY = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+PSK";
    private static final String LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";
    private static final List<PskKeyExchangeMode> PSK_KE = List.of(PskKeyExchangeMode.PSK_KE);
    /** An external PSK our server has never heard of: gnutls-cli needs one to accept {@code +PSK}. */
    private static final String UNKNOWN_IDENTITY = "not-known-to-jtls";
    private static final String UNKNOWN_KEY_HEX = "00112233445566778899aabbccddeeff";

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
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    /** Every hello and Certificate our engine sends or receives, in order. */
    private static final class Hellos implements HandshakeObserver {
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
            if (message.type() == HandshakeType.SERVER_HELLO.code() || message.type() == HandshakeType.CLIENT_HELLO.code()
                    || message.type() == HandshakeType.CERTIFICATE.code()) {
                seen.add(message);
            }
        }

        List<HandshakeMessage> ofType(HandshakeType type) {
            synchronized (seen) {
                return seen.stream().filter(message -> message.type() == type.code()).toList();
            }
        }

        /**
         * The last connection seen: its ClientHello offers a PSK with psk_ke alone, its ServerHello selects
         * it without key_share; {@code connections} hellos each way in all, {@code certificates} Certificate
         * messages in all (none of them in the resumed connection).
         */
        void assertPskKeResumption(int connections, int certificates) throws TlsAlertException {
            List<HandshakeMessage> clientHellos = ofType(HandshakeType.CLIENT_HELLO);
            List<HandshakeMessage> serverHellos = ofType(HandshakeType.SERVER_HELLO);
            assertEquals(connections, clientHellos.size(), "one ClientHello per connection, no HelloRetryRequest");
            assertEquals(connections, serverHellos.size());
            ClientHello hello = Messages.decode(clientHellos.get(connections - 1), ClientHello::decode);
            assertEquals(List.of(PskKeyExchangeModes.PSK_KE),
                    hello.extensions().find(PskKeyExchangeModes.class).orElseThrow().modes(),
                    "the ClientHello offers psk_ke alone");
            assertTrue(hello.extensions().find(PreSharedKeyOffer.class).isPresent(), "the ClientHello offers a PSK");
            ServerHello serverHello = Messages.decode(serverHellos.get(connections - 1), ServerHello::decode);
            assertTrue(serverHello.extensions().find(PreSharedKeySelection.class).isPresent(), "pre_shared_key");
            assertTrue(serverHello.extensions().findCode(ExtensionType.KEY_SHARE.code()).isEmpty(), "no key_share");
            assertEquals(certificates, ofType(HandshakeType.CERTIFICATE).size(),
                    "a PSK handshake has no Certificate");
        }
    }

    /** Our client allows psk_ke only; gnutls-serv with {@code +PSK} resumes its ticket without (EC)DHE. */
    @Test
    void ourClientResumesWithPskKeWithGnutlsServer() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--x509certfile", serverFiles.certificate().toString(),
                "--x509keyfile", serverFiles.privateKey().toString(), "--echo", "--priority", PSK_KE_PRIORITY),
                LISTENING, directory)) {
            TlsEngine first = TlsEngine.client(tls13().pskKeyExchangeModes(PSK_KE).build(), "localhost");
            SessionInfo full = echo(first, peer);
            assertFalse(full.resumed());
            assertTrue(full.group().isPresent(), "the first handshake is a certificate handshake with a group");
            Session ticket = first.resumableSession().orElseThrow(() -> new AssertionError("no ticket arrived"));

            Hellos hellos = new Hellos();
            TlsEngine second = TlsEngine.client(tls13().pskKeyExchangeModes(PSK_KE)
                    .resumptionSession(Session.decode(ticket.encode())).observer(hellos).build(), "localhost");
            SessionInfo resumed = echo(second, peer);
            assertTrue(resumed.resumed(), "our client resumed");
            assertTrue(resumed.group().isEmpty(), "psk_ke negotiates no group");
            hellos.assertPskKeResumption(1, 0);
        }
    }

    /**
     * gnutls-cli with {@code +PSK} offers psk_ke alone; our server, allowing psk_ke only, serves the
     * first connection with its certificate (the unknown external identity is passed over) and resumes
     * the second with its ticket in psk_ke mode.
     */
    @Test
    void gnutlsClientResumesWithPskKeWithOurServer() throws Exception {
        Hellos hellos = new Hellos();
        TlsConfig config = tls13().certificates(List.of(Credentials.RSA.certifiedKey()))
                .ticketKeys(Interop.ticketKeys()).pskKeyExchangeModes(PSK_KE).observer(hellos).build();
        try (OurServer server = OurServer.startSeveral(config, List.of(GnutlsPskKeInteropTest::untilClosed,
                OurServer.ECHO_PING));
                PeerProcess peer = PeerProcess.start(List.of("gnutls-cli", "--priority", PSK_KE_PRIORITY,
                        "--insecure", "--pskusername", UNKNOWN_IDENTITY, "--pskkey", UNKNOWN_KEY_HEX, "--resume",
                        "--port", Integer.toString(server.port()), "127.0.0.1"), directory)) {
            peer.awaitOutput(text -> text.contains("Resume Handshake"), "the second handshake", Duration.ofSeconds(15));
            peer.writeToStdin(Interop.PING);
            SessionInfo resumed = server.await();
            assertTrue(resumed.resumed(), "our server resumed");
            assertTrue(resumed.group().isEmpty(), "psk_ke negotiates no group");
            SessionInfo full = server.sessions().get(0);
            assertFalse(full.resumed());
            assertTrue(full.group().isPresent(), "the first connection was a certificate handshake");
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            String out = peer.stdout();
            assertTrue(out.contains("This is a resumed session"), peer.describe());
            // GnuTLS names the key exchange between the version and the cipher; with psk_ke it is empty.
            assertTrue(out.contains("- Description: (TLS1.3-X.509)--("), peer.describe());
            assertTrue(out.contains(Interop.PING), peer.describe());
        }
        // Two connections; the one Certificate is the first connection's.
        hellos.assertPskKeResumption(2, 1);
    }

    private static SessionInfo echo(TlsEngine engine, PeerProcess peer) throws Exception {
        try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, peer.port())) {
            SessionInfo session = connection.handshake();
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
            assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                    StandardCharsets.US_ASCII));
            connection.closeGracefully();
            return session;
        }
    }

    private static void untilClosed(SocketTlsConnection connection) throws Exception {
        connection.readUntilClosed();
        connection.closeGracefully();
    }
}
