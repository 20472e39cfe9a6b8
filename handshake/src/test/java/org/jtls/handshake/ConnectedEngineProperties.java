package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
import org.jtls.record.ContentType;
import org.jtls.record.TlsException;
import org.jtls.record.protection.RecordProtection;

/**
 * After the handshake, a hostile peer sends correctly protected records with any content: handshake
 * messages of any type and length (HelloRequest and ClientHello among them: renegotiation, which the
 * engine declines), alerts of any level and description, change_cipher_spec, application data. The
 * receiver keeps the connection, declining renegotiation with a warning, or ends it with an alert;
 * never an unchecked exception.
 */
class ConnectedEngineProperties {
    private static final int TRIES = 150;
    private static final Integer[] HANDSHAKE_TYPES = {0, 1, 2, 4, 11, 12, 13, 14, 15, 16, 20, 22, 24, 99};

    /** One record's content before sealing. */
    record Content(ContentType type, byte[] bytes) {
        @Override
        public String toString() {
            return type + ":" + java.util.HexFormat.of().formatHex(bytes);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    @Provide
    Arbitrary<List<Content>> contents() {
        Arbitrary<byte[]> message = Combinators.combine(Arbitraries.of(HANDSHAKE_TYPES),
                        Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(new byte[0])),
                                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))),
                        Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0)),
                                Tuple.of(1, Arbitraries.integers().between(-2, 2)),
                                Tuple.of(1, Arbitraries.integers().between(3, 1 << 20))))
                .as((type, body, skew) -> {
                    byte[] encoded = Wire.message(type, body);
                    if (skew != 0) {
                        Wire.writeLength(encoded, skew > 2 ? skew : Math.max(0, body.length + skew));
                    }
                    return encoded;
                });
        Arbitrary<Content> handshake = message.list().ofMinSize(1).ofMaxSize(3).map(messages -> {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            messages.forEach(joined::writeBytes);
            return new Content(ContentType.HANDSHAKE, joined.toByteArray());
        });
        Arbitrary<Content> alert = Combinators.combine(Arbitraries.of(1, 2, 3, 0),
                        Arbitraries.integers().between(0, 255))
                .as((level, description) -> new Content(ContentType.ALERT, new byte[] {(byte) (int) level,
                        (byte) (int) description}));
        Arbitrary<Content> other = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4)
                        .map(bytes -> new Content(ContentType.ALERT, bytes)),
                Arbitraries.of(new byte[] {1}, new byte[] {2}, new byte[] {1, 1}, new byte[0])
                        .map(bytes -> new Content(ContentType.CHANGE_CIPHER_SPEC, bytes)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(500)
                        .map(bytes -> new Content(ContentType.APPLICATION_DATA, bytes)));
        return Arbitraries.frequencyOf(Tuple.of(4, handshake), Tuple.of(2, alert), Tuple.of(1, other))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = TRIES)
    void protectedRecordsOfAnyContentAfterTheHandshake(@ForAll("scenarios") Scenario scenario,
            @ForAll Role hostile, @ForAll("contents") List<Content> contents) {
        about(scenario + " hostile " + hostile + " " + contents, () -> {
            SessionKeys keys = new SessionKeys(scenario);
            byte[][] hostileFinished = new byte[1][];
            Conversation conversation = new Conversation(scenario.client().keyLog(keys::log).build(),
                    scenario.server().build()).handshake((sender, flight, bytes) -> {
                        keys.apply(sender, flight, bytes);
                        if (sender == hostile && flight == 1) {
                            List<Wire.Record> records = Wire.records(bytes);
                            hostileFinished[0] = Wire.encode(
                                    List.of(records.get(HandshakeMutationProperties.finishedRecordIndex(records))));
                        }
                        return bytes;
                    }, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            Conversation.Endpoint victim = conversation.side(hostile == Role.CLIENT ? Role.SERVER : Role.CLIENT);
            conversation.inject(victim, sealAfterFinished(keys, hostile, hostileFinished[0], contents),
                    Conversation.Delivery.WHOLE);
            if (victim.failure == null) {
                // Still connected, or closed by a close_notify among the contents (RFC 5246 §7.2.1).
                boolean closedCleanly = victim.engine.status() == TlsEngine.Status.CLOSED
                        && victim.events.contains(new TlsEvent.InboundClosed(true, false));
                assertTrue(closedCleanly || victim.engine.status() == TlsEngine.Status.CONNECTED, victim.toString());
            } else if (victim.failure.isLocal()) {
                assertNotEquals(AlertDescription.INTERNAL_ERROR, victim.failure.alert(), victim.failure.getMessage());
            }
            Statistics.label("outcome").collect(victim.failure == null ? victim.engine.status().toString()
                    : (victim.failure.isLocal() ? "sent " : "received ") + victim.failure.alert().rfcName());
        });
    }

    /**
     * The contents sealed as the hostile side's next records: a fresh protection reseals its Finished
     * (the same bytes it sent, so CBC chaining and sequence numbers line up), then seals the contents.
     */
    private static byte[] sealAfterFinished(SessionKeys keys, Role hostile, byte[] finishedRecord,
            List<Content> contents) {
        try {
            RecordProtection protection = keys.writeProtection(hostile);
            Wire.Record finished = Wire.records(finishedRecord).get(0);
            keys.seal(protection, ContentType.HANDSHAKE, keys.open(hostile, finished));
            List<Wire.Record> records = new ArrayList<>();
            for (Content content : contents) {
                records.add(keys.seal(protection, content.type(), content.bytes()));
            }
            return Wire.encode(records);
        } catch (TlsException e) {
            throw new AssertionError("could not seal as the " + hostile, e);
        }
    }
}
