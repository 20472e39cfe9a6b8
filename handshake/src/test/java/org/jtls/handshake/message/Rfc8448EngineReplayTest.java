package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.core.Messages;
import org.jtls.record.HandshakeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the RFC 8448 traces through {@link TlsEngine} itself, record by record. The engine draws
 * its randoms and its X25519 private keys from the configured {@link SecureRandom} (Bouncy Castle's
 * X25519 key is the 32 bytes it draws), so a {@link Scripted} random that hands out the RFC's values
 * in the order the engine asks for them makes our side of the trace the RFC's.
 */
class Rfc8448EngineReplayTest {
    private static Rfc8448 rfc;

    @BeforeAll
    static void load() {
        rfc = Rfc8448.load().orElse(null);
    }

    private static Rfc8448 rfc() {
        Assumptions.assumeTrue(rfc != null, "RFC 8448 text not found beside the project");
        return rfc;
    }

    /** The n-th (from 0) "complete record" of a section, in the RFC's order. */
    private static byte[] record(int section, int n) {
        return rfc().value(section, "complete record", n);
    }

    /**
     * Hands out the scripted values in order; each request must be for exactly the next value's
     * length. Once the script is used up it answers from a fixed-seed generator (values the trace
     * does not depend on, such as RSA blinding).
     */
    static final class Scripted extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final Deque<byte[]> script = new ArrayDeque<>();
        private final java.util.Random rest = new java.util.Random(8448);

        Scripted(byte[]... values) {
            script.addAll(List.of(values));
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            byte[] next = script.pollFirst();
            if (next == null) {
                rest.nextBytes(bytes);
                return;
            }
            if (next.length != bytes.length) {
                throw new IllegalStateException("scripted random: asked for " + bytes.length
                        + " bytes, the script's next value has " + next.length);
            }
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }

        boolean usedUp() {
            return script.isEmpty();
        }
    }

    /** Splits a byte stream into TLS records. */
    static List<byte[]> records(byte[] stream) {
        List<byte[]> records = new ArrayList<>();
        int offset = 0;
        while (offset < stream.length) {
            int length = 5 + (((stream[offset + 3] & 0xFF) << 8) | (stream[offset + 4] & 0xFF));
            records.add(Arrays.copyOfRange(stream, offset, offset + length));
            offset += length;
        }
        return records;
    }

    private static final byte[] CHANGE_CIPHER_SPEC = HexFormat.of().parseHex("140303000101");

    private static void feed(TlsEngine engine, byte[] record) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(record);
        while (bytes.hasRemaining()) {
            engine.receive(bytes);
            engine.process();
        }
    }

    private static byte[] read(TlsEngine engine) {
        ByteBuffer out = ByteBuffer.allocate(engine.applicationDataAvailable());
        engine.readApplicationData(out);
        return out.array();
    }

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** 2016-07-30, inside the RFC's certificate validity (the verifier accepts any chain anyway). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2016-07-30T12:00:00Z"), ZoneOffset.UTC);

    // ---- §3 Simple 1-RTT Handshake, client role ----

    @Test
    void simpleHandshakeClientRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] clientHello = rfc.value(3, "ClientHello");
        byte[] clientRandom = Arrays.copyOfRange(clientHello, 6, 38);
        Scripted random = new Scripted(clientRandom, rfc.value(3, "private key", 0));
        List<HandshakeMessage> replaced = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .sessionTickets(false)
                .interceptor(message -> {
                    if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                        return message;
                    }
                    replaced.add(message);
                    return HandshakeMessage.of(clientHello[0], Arrays.copyOfRange(clientHello, 4, clientHello.length));
                })
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        client.beginHandshake();
        client.process();
        // Our ClientHello, carrying the RFC's random and X25519 public key, went out as the RFC's.
        assertEquals(1, replaced.size());
        ClientHello ours = Messages.decode(replaced.get(0), ClientHello::decode);
        assertArrayEquals(clientRandom, ours.random().toByteArray());
        assertArrayEquals(record(3, 0), client.drainOutput(), "ClientHello record");

        feed(client, record(3, 1)); // ServerHello
        assertEquals(0, client.pendingOutput());
        feed(client, record(3, 2)); // EncryptedExtensions, Certificate, CertificateVerify, Finished
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
        List<byte[]> flight = records(client.drainOutput());
        // The engine always sends the compatibility change_cipher_spec (RFC 8446 Appendix D.4),
        // which the RFC's client does not; the protected record after it is the RFC's.
        assertEquals(2, flight.size());
        assertArrayEquals(CHANGE_CIPHER_SPEC, flight.get(0));
        assertArrayEquals(record(3, 3), flight.get(1), "client Finished record");

        feed(client, record(3, 4)); // NewSessionTicket
        assertEquals(0, client.applicationDataAvailable());
        client.writeApplicationData(ByteBuffer.wrap(counting(50)));
        assertArrayEquals(record(3, 5), client.drainOutput(), "client application_data record");
        feed(client, record(3, 6));
        assertArrayEquals(counting(50), read(client), "server application data");
        client.closeOutbound();
        assertArrayEquals(record(3, 7), client.drainOutput(), "client close_notify record");
        feed(client, record(3, 8));
        assertTrue(client.isInboundClosed());
        assertTrue(random.usedUp());
    }
}
