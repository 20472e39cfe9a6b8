package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.EncryptedExtensions;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.AlpnSelection;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * Extensions TLS 1.3 carries in EncryptedExtensions rather than in the ServerHello (RFC 8446 §4.3.1):
 * server_name (the server picks its certificate by name), ALPN and record_size_limit (RFC 8449, whose
 * limit in TLS 1.3 counts the inner plaintext: content, type byte and padding).
 */
class Tls13ExtensionsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final CertifiedKey OTHER = TestCredentials.ec(EcCurve.P384);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    /** Keeps the ServerHello and EncryptedExtensions the client receives. */
    private static final class ServerFlight implements HandshakeObserver {
        final List<HandshakeMessage> messages = new ArrayList<>();

        @Override
        public void messageReceived(HandshakeMessage message) {
            if (message.type() == HandshakeType.SERVER_HELLO.code()
                    || message.type() == HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                messages.add(message);
            }
        }

        ServerHello serverHello() throws TlsException {
            return Messages.decode(messages.get(0), ServerHello::decode);
        }

        EncryptedExtensions encryptedExtensions() throws TlsException {
            return Messages.decode(messages.get(1), EncryptedExtensions::decode);
        }
    }

    private static TlsEngine[] connect(TlsConfig client, String serverName, TlsConfig server) throws TlsException {
        TlsEngine clientEngine = TlsEngine.client(client, serverName);
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.pump(clientEngine, serverEngine);
        assertEquals(TlsEngine.Status.CONNECTED, clientEngine.status(), clientEngine.handshakeState());
        assertEquals(ProtocolVersion.TLS_1_3, clientEngine.session().orElseThrow().version());
        return new TlsEngine[] {clientEngine, serverEngine};
    }

    @Test
    void serverNameChoosesTheCertificateAndIsAcknowledgedInEncryptedExtensions() throws TlsException {
        Map<String, List<CertifiedKey>> byName = Map.of("one.test", List.of(P256), "two.test", List.of(OTHER));
        TlsConfig server = config().certificateSelector(name -> byName.getOrDefault(name, List.of(P256))).build();
        for (Map.Entry<String, List<CertifiedKey>> entry : byName.entrySet()) {
            ServerFlight flight = new ServerFlight();
            TlsEngine[] engines = connect(config().observer(flight).build(), entry.getKey(), server);
            assertArrayEquals(entry.getValue().get(0).chain().get(0),
                    engines[0].session().orElseThrow().peerCertificates().get(0));
            assertEquals(Optional.of(entry.getKey()), engines[1].session().orElseThrow().serverName());
            // RFC 6066 §3 / RFC 8446 §4.3.1: the empty server_name acknowledgement travels encrypted.
            assertTrue(flight.encryptedExtensions().extensions().findCode(ExtensionType.SERVER_NAME.code()).isPresent());
            assertTrue(flight.serverHello().extensions().findCode(ExtensionType.SERVER_NAME.code()).isEmpty());
        }
    }

    @Test
    void alpnIsAnsweredInEncryptedExtensions() throws TlsException {
        ServerFlight flight = new ServerFlight();
        TlsEngine[] engines = connect(config().alpnProtocols(List.of("h2", "http/1.1")).observer(flight).build(),
                "localhost", config().alpnProtocols(List.of("http/1.1", "h2")).certificates(List.of(P256)).build());
        // Server preference among the client's offers.
        assertEquals(Optional.of("http/1.1"), engines[0].session().orElseThrow().applicationProtocol());
        assertEquals(Optional.of("http/1.1"), engines[1].session().orElseThrow().applicationProtocol());
        assertEquals(AlpnSelection.of("http/1.1"), flight.encryptedExtensions().extensions()
                .find(AlpnSelection.class).orElseThrow());
        assertTrue(flight.serverHello().extensions().findCode(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION
                .code()).isEmpty());

        TlsEngine client = TlsEngine.client(config().alpnProtocols(List.of("h2")).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().alpnProtocols(List.of("imap")).certificates(List.of(P256)).build());
        client.beginHandshake();
        server.beginHandshake();
        TlsAlertException refused = assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.pump(client, server));
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, refused.alert());
    }

    private static List<Integer> recordLengths(byte[] wire) {
        List<Integer> lengths = new ArrayList<>();
        for (int offset = 0; offset + 5 <= wire.length; ) {
            int length = ((wire[offset + 3] & 0xFF) << 8) | (wire[offset + 4] & 0xFF);
            lengths.add(length);
            offset += 5 + length;
        }
        return lengths;
    }

    private static List<Integer> send(TlsEngine from, TlsEngine to, byte[] data) throws TlsException {
        from.writeApplicationData(ByteBuffer.wrap(data));
        byte[] wire = from.drainOutput();
        ByteBuffer input = ByteBuffer.wrap(wire);
        ByteBuffer out = ByteBuffer.allocate(data.length);
        for (int rounds = 0; out.hasRemaining() && rounds < 1000; rounds++) {
            to.receive(input);
            to.process();
            to.readApplicationData(out);
        }
        assertArrayEquals(data, out.array());
        return recordLengths(wire);
    }

    @Test
    void recordSizeLimitBindsEachDirectionSeparately() throws TlsException {
        ServerFlight flight = new ServerFlight();
        TlsEngine[] engines = connect(config().recordSizeLimit(256).observer(flight).build(), "localhost",
                config().recordSizeLimit(1000).certificates(List.of(P256)).build());
        RecordSizeLimit serverLimit = flight.encryptedExtensions().extensions().find(RecordSizeLimit.class)
                .orElseThrow(() -> new AssertionError("record_size_limit belongs in EncryptedExtensions"));
        // TlsConfig#recordSizeLimit counts content; TLS 1.3 advertises one more for the content type.
        assertEquals(1001, serverLimit.limit());
        assertTrue(flight.serverHello().extensions().findCode(ExtensionType.RECORD_SIZE_LIMIT.code()).isEmpty());
        byte[] data = new byte[5000];
        RANDOM.nextBytes(data);
        // RFC 8449 §4: in TLS 1.3 the limit bounds TLSInnerPlaintext (content and type byte); the record
        // adds the 16-byte tag.
        List<Integer> toClient = send(engines[1], engines[0], data);
        assertTrue(toClient.stream().allMatch(length -> length <= 257 + 16), toClient.toString());
        assertTrue(toClient.size() >= 5000 / 256, "the data was cut into small records: " + toClient);
        List<Integer> toServer = send(engines[0], engines[1], data);
        assertTrue(toServer.stream().allMatch(length -> length <= 1001 + 16), toServer.toString());
        assertTrue(toServer.stream().anyMatch(length -> length > 257 + 16), "the client's own limit does not bind it");
    }
}
