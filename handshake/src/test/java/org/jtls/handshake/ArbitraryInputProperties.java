package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jtls.record.AlertDescription;

/**
 * Bytes from nowhere: a client that has sent its ClientHello, a server that has sent nothing, and
 * each of them one flight further, are fed arbitrary bytes: raw noise, or records and handshake
 * messages whose headers are plausible and whose contents are noise. Then the stream is closed off
 * with zeros, which no engine can take for anything valid. The engine must end with a
 * {@link org.jtls.record.TlsAlertException}: never an unchecked exception, never still waiting.
 */
class ArbitraryInputProperties {
    private static final int TRIES = 2000;
    /** Zeros enough to finish any record the noise started and then frame one of type 0. */
    private static final byte[] CLOSING_ZEROS = new byte[2 * (Wire.RECORD_HEADER + Wire.MAX_FRAGMENT + 2048) + 8];
    private static final Integer[] HANDSHAKE_TYPES = {0, 1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 22, 24, 254};

    /** Where the receiving engine stands when the noise arrives. */
    enum Stage {
        /** A client that has sent its ClientHello. */
        CLIENT_AFTER_CLIENT_HELLO(Role.CLIENT),
        /** A client that has had the server's first flight and sent its own (waits for ChangeCipherSpec). */
        CLIENT_AFTER_SERVER_FLIGHT(Role.CLIENT),
        /** A fresh server. */
        SERVER_FRESH(Role.SERVER),
        /** A server that has answered a ClientHello (waits for the client's second flight). */
        SERVER_AFTER_CLIENT_HELLO(Role.SERVER);

        final Role receiver;

        Stage(Role receiver) {
            this.receiver = receiver;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.oneOf(rawNoise(),
                records().list().ofMinSize(1).ofMaxSize(6).map(ArbitraryInputProperties::join));
    }

    private static Arbitrary<byte[]> rawNoise() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(3000);
    }

    /** One record: mostly a known content type and a TLS version, a length that mostly fits. */
    private static Arbitrary<byte[]> records() {
        Arbitrary<Integer> types = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Wire.HANDSHAKE)),
                Tuple.of(1, Arbitraries.of(Wire.CHANGE_CIPHER_SPEC, Wire.ALERT, Wire.APPLICATION_DATA, 24)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<Integer> versions = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(0x0300, 0x0301, 0x0302, 0x0303)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        Arbitrary<byte[]> handshakeFragments = handshakeMessage().list().ofMinSize(1).ofMaxSize(4)
                .map(ArbitraryInputProperties::join);
        Arbitrary<byte[]> otherFragments = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofSize(2)),
                Tuple.of(1, Arbitraries.just(new byte[] {1})),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
        Arbitrary<Integer> lengthSkew = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(-3, 3)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
        return Combinators.combine(types, versions, handshakeFragments, otherFragments, lengthSkew)
                .as((type, version, handshake, other, skew) -> {
                    byte[] fragment = type == Wire.HANDSHAKE ? handshake : other;
                    int length = skew > 3 ? skew : Math.max(0, Math.min(0xFFFF, fragment.length + skew));
                    byte[] record = new byte[Wire.RECORD_HEADER + fragment.length];
                    record[0] = (byte) (int) type;
                    record[1] = (byte) (version >>> 8);
                    record[2] = (byte) (int) version;
                    record[3] = (byte) (length >>> 8);
                    record[4] = (byte) length;
                    System.arraycopy(fragment, 0, record, Wire.RECORD_HEADER, fragment.length);
                    return record;
                });
    }

    /** A handshake message of a real type whose body is noise, its length mostly right. */
    private static Arbitrary<byte[]> handshakeMessage() {
        Arbitrary<Integer> types = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(HANDSHAKE_TYPES)),
                Tuple.of(1, Arbitraries.integers().between(0, 255)));
        Arbitrary<byte[]> bodies = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new byte[0])),
                Tuple.of(6, Arbitraries.bytes().array(byte[].class).ofMaxSize(400)));
        Arbitrary<Integer> lengthSkew = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(-3, 3)),
                Tuple.of(1, Arbitraries.integers().between(4, 0xFFFFFF)));
        return Combinators.combine(types, bodies, lengthSkew).as((type, body, skew) -> {
            byte[] message = Wire.message(type, body);
            if (skew != 0) {
                Wire.writeLength(message, skew > 3 ? skew : Math.max(0, body.length + skew));
            }
            return message;
        });
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        parts.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    @Property(tries = TRIES)
    void arbitraryBytesEndInAnAlert(@ForAll("scenarios") Scenario scenario, @ForAll Stage stage,
            @ForAll("noise") byte[] noise, @ForAll boolean byteByByte) {
        about(scenario + " " + stage + " noise=" + java.util.HexFormat.of().formatHex(noise), () -> {
            Conversation.Delivery delivery = byteByByte
                    ? new Conversation.Delivery(List.of(1), 1) : Conversation.Delivery.WHOLE;
            Conversation conversation = scenario.conversation().begin();
            Conversation.Endpoint receiver = reach(conversation, stage);
            conversation.inject(receiver, noise, delivery);
            conversation.inject(receiver, CLOSING_ZEROS, Conversation.Delivery.WHOLE);
            assertNotNull(receiver.failure, "still waiting after the noise and the zeros: " + receiver);
            if (receiver.failure.isLocal()) {
                assertNotEquals(AlertDescription.INTERNAL_ERROR, receiver.failure.alert(),
                        "noise is the peer's fault, not an internal error: " + receiver.failure.getMessage());
            }
            Statistics.label("alert").collect((receiver.failure.isLocal() ? "sent " : "received ")
                    + receiver.failure.alert().rfcName());
        });
    }

    /** Plays the honest handshake up to {@code stage}; returns the side that then gets the noise. */
    private static Conversation.Endpoint reach(Conversation conversation, Stage stage) {
        byte[] clientHello = conversation.client.engine.drainOutput();
        if (stage == Stage.CLIENT_AFTER_CLIENT_HELLO || stage == Stage.SERVER_FRESH) {
            return conversation.side(stage.receiver);
        }
        byte[] serverFlight = conversation.inject(conversation.server, clientHello, Conversation.Delivery.WHOLE);
        if (stage == Stage.SERVER_AFTER_CLIENT_HELLO) {
            return conversation.server;
        }
        conversation.inject(conversation.client, serverFlight, Conversation.Delivery.WHOLE);
        return conversation.client;
    }
}
