package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.config;
import static org.jtls.handshake.Tls12HandshakeTest.deliver;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/** record_size_limit (RFC 8449) and max_fragment_length (RFC 6066) between our client and server. */
class RecordSizeNegotiationTest {
    private static final CertifiedKey ECDSA = TestCredentials.ec(EcCurve.P256);

    /** Lengths of the records in a byte stream. */
    private static List<Integer> recordLengths(byte[] wire) {
        List<Integer> lengths = new ArrayList<>();
        int offset = 0;
        while (offset + 5 <= wire.length) {
            int length = ((wire[offset + 3] & 0xFF) << 8) | (wire[offset + 4] & 0xFF);
            lengths.add(length);
            offset += 5 + length;
        }
        return lengths;
    }

    private static byte[] sendAndCapture(TlsEngine from, TlsEngine to, byte[] data) throws TlsException {
        from.writeApplicationData(ByteBuffer.wrap(data));
        byte[] wire = from.drainOutput();
        ByteBuffer input = ByteBuffer.wrap(wire);
        ByteBuffer out = ByteBuffer.allocate(data.length);
        while (out.hasRemaining()) {
            to.receive(input);
            to.process();
            to.readApplicationData(out);
        }
        assertArrayEquals(data, out.array());
        return wire;
    }

    @Test
    void recordSizeLimitsBindEachDirectionSeparately() throws TlsException {
        TlsEngine client = TlsEngine.client(config().recordSizeLimit(256).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().recordSizeLimit(1000).certificates(List.of(ECDSA))
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)).build());
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        byte[] data = new byte[5000];
        // Toward the client: at most 256 bytes of plaintext (+ 8 explicit nonce + 16 tag).
        for (int length : recordLengths(sendAndCapture(server, client, data))) {
            assertTrue(length <= 256 + 24, "record of " + length + " bytes to a client with limit 256");
        }
        // Toward the server: at most 1000.
        List<Integer> toServer = recordLengths(sendAndCapture(client, server, data));
        assertTrue(toServer.stream().allMatch(length -> length <= 1000 + 24), toServer.toString());
        assertTrue(toServer.stream().anyMatch(length -> length > 256 + 24), "the client's own limit does not bind it");
    }

    @Test
    void maxFragmentLengthFragmentsBothDirections() throws TlsException {
        TlsEngine client = TlsEngine.client(config().maxFragmentLength(512).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(ECDSA))
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        // The ClientHello offered both, so the server answers record_size_limit (RFC 8449 §5).
        pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
    }

    @Test
    void maxFragmentLengthAloneFragmentsEverythingAfterTheServerHello() throws TlsException {
        TlsEngine client = TlsEngine.client(config().recordSizeLimit(0).maxFragmentLength(512).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(TestCredentials.rsa(2048)))
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        byte[] serverFlight = server.drainOutput();
        List<Integer> lengths = recordLengths(serverFlight);
        // The flight carries a ~800-byte RSA certificate; no record exceeds 512 bytes.
        assertTrue(lengths.size() > 2 && lengths.stream().allMatch(length -> length <= 512), lengths.toString());
        client.receive(ByteBuffer.wrap(serverFlight));
        client.process();
        pump(client, server);
        for (int length : recordLengths(sendAndCapture(server, client, new byte[3000]))) {
            assertTrue(length <= 512 + 24, "record of " + length);
        }
        for (int length : recordLengths(sendAndCapture(client, server, new byte[3000]))) {
            assertTrue(length <= 512 + 24, "record of " + length);
        }
    }
}
