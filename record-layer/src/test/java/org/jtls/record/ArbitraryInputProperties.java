package org.jtls.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.jtls.crypto.CryptoBackends;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.ProtectionSpec;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.SeededRandom;

/**
 * Whatever bytes arrive, a record layer answers with a {@link TlsAlertException} carrying one of the
 * alerts the record layer may send — or asks for more input — and never lets an unchecked exception
 * escape: in the plaintext state and under every kind of record protection.
 *
 * <p>Inputs range from raw noise, through record-shaped noise (plausible headers, handshake-shaped
 * bodies), to correctly protected records carrying arbitrary content of any type, mixed with noise
 * and delivered in random TCP-sized pieces. Valid records before the noise must be delivered intact.
 */
class ArbitraryInputProperties {
    private static final Set<AlertDescription> RECORD_LAYER_ALERTS = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.RECORD_OVERFLOW, AlertDescription.BAD_RECORD_MAC, AlertDescription.UNEXPECTED_MESSAGE,
            AlertDescription.PROTOCOL_VERSION, AlertDescription.ILLEGAL_PARAMETER);

    /** One piece of the input stream. */
    sealed interface Piece permits Noise, Protected {
    }

    /** Bytes appended as they are. */
    record Noise(byte[] bytes) implements Piece {
        @Override
        public String toString() {
            return "Noise[" + bytes.length + " bytes]";
        }
    }

    /** A record correctly sealed under the sender's keys, with arbitrary content of any type. */
    record Protected(ContentType type, byte[] content) implements Piece {
        @Override
        public String toString() {
            return "Protected[" + type + ", " + content.length + " bytes]";
        }
    }

    /** The keys a receiver has installed: null for the plaintext state. */
    @Provide
    Arbitrary<ProtectionSpec> readStates() {
        return Arbitraries.of(ProtectionSpec.families()).injectNull(0.2);
    }

    @Property(tries = 300)
    void rawNoiseIsAnsweredWithAnAlertOrAWait(@ForAll("readStates") ProtectionSpec state,
            @ForAll @Size(max = 6000) byte[] noise, @ForAll long seed) {
        feed(state, seed, List.of(new Noise(noise)));
    }

    @Property(tries = 600)
    void recordShapedInputIsAnsweredWithAnAlertOrAWait(@ForAll("readStates") ProtectionSpec state,
            @ForAll("pieces") List<Piece> pieces, @ForAll long seed) {
        feed(state, seed, pieces);
    }

    /** Well-formed, correctly protected records first; then anything. */
    @Property(tries = 300)
    void validRecordsFollowedByNoiseAreDeliveredThenRefused(@ForAll("readStates") ProtectionSpec state,
            @ForAll("handshakeMessages") List<HandshakeMessage> messages, @ForAll("pieces") List<Piece> tail,
            @ForAll long seed) throws TlsException {
        SeededRandom random = new SeededRandom(seed);
        Sender sender = new Sender(state, random);
        for (HandshakeMessage message : messages) {
            sender.layer.writeHandshake(message);
        }
        sender.layer.flushHandshake();
        byte[] valid = sender.layer.drainOutput();
        byte[] noise = sender.encode(tail);
        byte[] stream = new byte[valid.length + noise.length];
        System.arraycopy(valid, 0, stream, 0, valid.length);
        System.arraycopy(noise, 0, stream, valid.length, noise.length);

        List<HandshakeMessage> received = deliver(sender.receiver(), stream, random);
        assertTrue(received.size() >= messages.size(), "every valid message arrives before the noise is refused");
        assertEquals(messages, received.subList(0, messages.size()));
    }

    /** A sender whose write keys match the receiver's read keys, and a way to turn pieces into bytes. */
    private static final class Sender {
        final ProtectionSpec spec;
        final ProtectionSpec.Keys keys;
        final RecordLayer layer = new RecordLayer();
        final RecordProtection protection;

        Sender(ProtectionSpec spec, SeededRandom random) throws TlsException {
            this.spec = spec;
            this.keys = spec == null ? null : spec.randomKeys(random);
            if (spec != null) {
                layer.setWriteVersion(spec.recordVersion());
                layer.installWriteProtection(spec.build(CryptoBackends.jca(), keys, PaddingPolicy.NONE, random));
            }
            this.protection = layer.writeProtection();
        }

        RecordLayer receiver() {
            RecordLayer receiver = new RecordLayer();
            if (spec != null) {
                try {
                    receiver.installReadProtection(spec.build(CryptoBackends.bouncyCastle(), keys, PaddingPolicy.NONE,
                            new SeededRandom(0)));
                } catch (TlsAlertException e) {
                    throw new AssertionError("a fresh record layer refused keys", e);
                }
            }
            return receiver;
        }

        byte[] encode(List<Piece> pieces) throws TlsException {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            ByteBuffer record = ByteBuffer.allocate(5 + RecordProtection.MAX_PLAINTEXT + protection.maxOverhead());
            int version = spec == null ? 0x0303 : spec.recordVersion();
            for (Piece piece : pieces) {
                if (piece instanceof Noise noise) {
                    stream.writeBytes(noise.bytes());
                } else if (piece instanceof Protected content) {
                    record.clear();
                    protection.seal(content.type(), version, ByteBuffer.wrap(content.content()), record);
                    stream.write(record.array(), 0, record.position());
                }
            }
            return stream.toByteArray();
        }
    }

    private static void feed(ProtectionSpec state, long seed, List<Piece> pieces) {
        SeededRandom random = new SeededRandom(seed);
        try {
            Sender sender = new Sender(state, random);
            deliver(sender.receiver(), sender.encode(pieces), random);
        } catch (TlsException e) {
            throw new AssertionError("building the input failed", e);
        }
    }

    /**
     * Delivers {@code stream} in random pieces and reads everything the receiver reports, until it
     * raises an alert (which must be a record-layer alert) or wants more input than there is.
     * Returns the handshake messages received.
     */
    private static List<HandshakeMessage> deliver(RecordLayer receiver, byte[] stream, SeededRandom random) {
        List<HandshakeMessage> messages = new ArrayList<>();
        ByteBuffer input = ByteBuffer.wrap(stream);
        ByteBuffer applicationData = ByteBuffer.allocate(1 << 15);
        try {
            while (true) {
                int piece = Math.min(input.remaining(), 1 + random.nextInt(3000));
                ByteBuffer slice = input.slice().limit(piece);
                int taken = receiver.receive(slice);
                input.position(input.position() + taken);
                RecordLayer.Inbound next = receiver.readNext();
                switch (next) {
                    case HANDSHAKE -> messages.add(receiver.takeHandshakeMessage());
                    case ALERT -> receiver.takeAlert();
                    case CHANGE_CIPHER_SPEC -> { }
                    case APPLICATION_DATA -> {
                        applicationData.clear();
                        receiver.readApplicationData(applicationData);
                    }
                    case NEED_MORE_INPUT -> {
                        if (!input.hasRemaining()) {
                            return messages;
                        }
                        if (taken == 0 && receiver.receiveCapacity() == 0) {
                            fail("the receive buffer is full and still no whole record in it");
                        }
                    }
                }
            }
        } catch (TlsAlertException e) {
            assertTrue(e.isLocal(), "an alert raised by the record layer itself");
            assertTrue(RECORD_LAYER_ALERTS.contains(e.alert()), "not a record-layer alert: " + e.getMessage());
            return messages;
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Piece>> pieces() {
        Arbitrary<Piece> piece = Arbitraries.frequencyOf(
                Tuple.of(2, noise()),
                Tuple.of(3, recordShapedNoise()),
                Tuple.of(4, protectedContent()));
        return piece.list().ofMaxSize(12);
    }

    private static Arbitrary<Piece> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400).map(Noise::new);
    }

    /** A header with a plausible type and version, a length that is right or slightly wrong, and a body. */
    private static Arbitrary<Piece> recordShapedNoise() {
        Arbitrary<Integer> type = Arbitraries.oneOf(Arbitraries.integers().between(20, 24),
                Arbitraries.integers().between(0, 255));
        Arbitrary<Integer> version = Arbitraries.oneOf(Arbitraries.of(0x0300, 0x0301, 0x0302, 0x0303, 0x0304),
                Arbitraries.integers().between(0, 0xFFFF));
        Arbitrary<Integer> lengthError = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(-3, 3),
                Arbitraries.integers().between(0, 0xFFFF));
        return Combinators.combine(type, version, body(), lengthError).as((t, v, body, error) -> {
            int length = error > 3 ? error : Math.max(0, body.length + error);
            ByteBuffer record = ByteBuffer.allocate(5 + body.length);
            record.put((byte) (int) t).putShort((short) (int) v).putShort((short) length).put(body);
            return new Noise(record.array());
        });
    }

    /** Arbitrary content of any type, correctly sealed: reaches what runs after decryption. */
    private static Arbitrary<Piece> protectedContent() {
        return Combinators.combine(Arbitraries.of(ContentType.class), body()).as(Protected::new);
    }

    /** Random bytes, handshake-shaped bytes (type, 24-bit length, body), alert-sized, or large. */
    private static Arbitrary<byte[]> body() {
        Arbitrary<byte[]> handshakeShaped = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 600), Arbitraries.integers().between(0, 0xFFFFFF)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(700)).as((type, length, bytes) -> {
                    ByteBuffer body = ByteBuffer.allocate(4 + bytes.length);
                    body.put((byte) (int) type).put((byte) (length >>> 16)).putShort((short) (int) length).put(bytes);
                    return body.array();
                });
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)),
                Tuple.of(3, handshakeShaped),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMinSize(1 << 13).ofMaxSize(1 << 14)));
    }

    @Provide
    Arbitrary<List<HandshakeMessage>> handshakeMessages() {
        return Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3000))
                .as(HandshakeMessage::of).list().ofMaxSize(5);
    }
}
