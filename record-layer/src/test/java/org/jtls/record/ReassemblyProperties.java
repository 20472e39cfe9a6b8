package org.jtls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.jtls.record.protection.SeededRandom;

/**
 * Handshake reassembly does not depend on where the byte stream is cut: whatever the TCP segment
 * sizes, and however the handshake bytes are framed into records (messages split across records,
 * several in one, headers cut in two), the receiver hands out the same messages in the same order,
 * byte for byte. In the plaintext state and under TLS 1.3 protection.
 */
class ReassemblyProperties {
    private static final List<CipherSuite> TLS13_SUITES =
            List.of(CipherSuite.values()).stream().filter(CipherSuite::isTls13).toList();

    @Property(tries = 150)
    void messagesSurviveAnySegmentationAndFraming(@ForAll("messages") List<HandshakeMessage> messages,
            @ForAll boolean protect, @ForAll boolean reframe, @ForAll long seed) throws TlsException {
        SeededRandom random = new SeededRandom(seed);
        CipherSuite suite = TLS13_SUITES.get(random.nextInt(TLS13_SUITES.size()));
        byte[] key = random.bytes(suite.cipher().keyLength());
        byte[] iv = random.bytes(12);

        RecordLayer sender = new RecordLayer();
        RecordLayer receiver = new RecordLayer();
        if (protect) {
            PaddingPolicy padding = random.nextBoolean() ? PaddingPolicy.NONE
                    : PaddingPolicy.toMultipleOf(1 + random.nextInt(512));
            sender.installWriteProtection(RecordProtections.tls13(CryptoBackends.jca(), suite, key, iv, padding));
            receiver.installReadProtection(RecordProtections.tls13(CryptoBackends.bouncyCastle(), suite, key, iv,
                    PaddingPolicy.NONE));
        }
        for (HandshakeMessage message : messages) {
            sender.writeHandshake(message);
            if (random.nextInt(4) == 0) {
                sender.flushHandshake();
            }
        }
        sender.flushHandshake();
        byte[] stream = sender.drainOutput();
        if (reframe) {
            RecordProtection framing = protect
                    ? RecordProtections.tls13(CryptoBackends.jca(), suite, key, iv, PaddingPolicy.NONE)
                    : null;
            stream = reframe(concatenatedEncodings(messages), framing, random);
        }

        List<HandshakeMessage> received = deliverInSegments(receiver, stream, random);
        assertEquals(messages.size(), received.size(), "message count");
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i).encoded(), received.get(i).encoded(), "message " + i);
        }
        assertFalse(receiver.hasPartialHandshakeMessage());
    }

    private static byte[] concatenatedEncodings(List<HandshakeMessage> messages) {
        ByteArrayOutputStream handshakeBytes = new ByteArrayOutputStream();
        for (HandshakeMessage message : messages) {
            handshakeBytes.writeBytes(message.encoded());
        }
        return handshakeBytes.toByteArray();
    }

    /**
     * Frames the handshake bytes into records cut at random points: by hand (header and slice) for
     * plaintext, sealed under {@code protection} otherwise.
     */
    private static byte[] reframe(byte[] handshakeBytes, RecordProtection protection, SeededRandom random)
            throws TlsException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        ByteBuffer record = ByteBuffer.allocate(5 + RecordProtection.MAX_PLAINTEXT + 256);
        int offset = 0;
        while (offset < handshakeBytes.length) {
            int length = Math.min(handshakeBytes.length - offset, randomFragmentLength(random));
            record.clear();
            if (protection == null) {
                record.put((byte) ContentType.HANDSHAKE.code()).putShort((short) 0x0303).putShort((short) length)
                        .put(handshakeBytes, offset, length);
            } else {
                protection.seal(ContentType.HANDSHAKE, 0x0303, ByteBuffer.wrap(handshakeBytes, offset, length), record);
            }
            records.write(record.array(), 0, record.position());
            offset += length;
        }
        return records.toByteArray();
    }

    /** 1..2^14, with tiny fragments (cutting through the 4-byte message header) common. */
    private static int randomFragmentLength(SeededRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(5);
            case 1 -> 1 + random.nextInt(300);
            case 2 -> RecordProtection.MAX_PLAINTEXT;
            default -> 1 + random.nextInt(RecordProtection.MAX_PLAINTEXT);
        };
    }

    /** Feeds the stream in TCP-sized pieces (a byte, a segment, a large read) and collects every message. */
    private static List<HandshakeMessage> deliverInSegments(RecordLayer receiver, byte[] stream, SeededRandom random)
            throws TlsAlertException {
        List<HandshakeMessage> received = new ArrayList<>();
        ByteBuffer input = ByteBuffer.wrap(stream);
        while (true) {
            RecordLayer.Inbound next = receiver.readNext();
            if (next == RecordLayer.Inbound.HANDSHAKE) {
                received.add(receiver.takeHandshakeMessage());
                continue;
            }
            assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, next);
            if (!input.hasRemaining()) {
                return received;
            }
            int segment = switch (random.nextInt(3)) {
                case 0 -> 1 + random.nextInt(8);
                case 1 -> 1 + random.nextInt(1460);
                default -> 1 + random.nextInt(65536);
            };
            ByteBuffer piece = input.slice().limit(Math.min(segment, input.remaining()));
            int taken = receiver.receive(piece);
            assertTrue(taken > 0, "a receiver waiting for input must have room for it");
            input.position(input.position() + taken);
        }
    }

    @Provide
    Arbitrary<List<HandshakeMessage>> messages() {
        Arbitrary<Integer> bodyLength = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(5, Arbitraries.integers().between(1, 300)),
                Tuple.of(2, Arbitraries.integers().between(301, RecordProtection.MAX_PLAINTEXT)),
                Tuple.of(1, Arbitraries.integers().between(RecordProtection.MAX_PLAINTEXT - 8, 45_000)));
        Arbitrary<HandshakeMessage> message = Combinators.combine(Arbitraries.integers().between(0, 255), bodyLength,
                Arbitraries.longs())
                .as((type, length, seed) -> HandshakeMessage.of(type, new SeededRandom(seed).bytes(length)));
        return message.list().ofMinSize(1).ofMaxSize(10);
    }
}
