package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsException;

/**
 * An attacker on the path changes one handshake message of a plaintext flight (see
 * {@link FlightMutation}), or damages or forges the encrypted Finished. The receiver either still
 * completes a handshake both sides agree on (only when the change is invisible to the protocol: an
 * ignored HelloRequest), waits for bytes that legitimately have not come, or fails with an alert
 * the RFCs allow for that damage; where an RFC names the alert, exactly that one. Never an
 * unchecked exception, never both sides waiting while the damage went unnoticed.
 */
class HandshakeMutationProperties {
    private static final int TRIES = 1000;
    private static final int FINISHED_TRIES = 60;
    /** What a damaged handshake may end in when no RFC rule names one alert. */
    private static final Set<AlertDescription> ALLOWED = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNEXPECTED_MESSAGE,
            AlertDescription.HANDSHAKE_FAILURE, AlertDescription.DECRYPT_ERROR, AlertDescription.BAD_CERTIFICATE,
            AlertDescription.UNSUPPORTED_CERTIFICATE, AlertDescription.UNSUPPORTED_EXTENSION,
            AlertDescription.PROTOCOL_VERSION, AlertDescription.INSUFFICIENT_SECURITY,
            AlertDescription.BAD_RECORD_MAC, AlertDescription.RECORD_OVERFLOW,
            // RFC 7301 §3.2: a damaged ALPN list can leave no protocol in common.
            AlertDescription.NO_APPLICATION_PROTOCOL);
    /** A damaged message the receiver accepted, but the Finished exchange catches the change. */
    private static final Set<AlertDescription> AT_FINISHED =
            EnumSet.of(AlertDescription.DECRYPT_ERROR, AlertDescription.BAD_RECORD_MAC);

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    @Provide
    Arbitrary<FlightMutation> mutations() {
        return FlightMutation.any();
    }

    @Provide
    Arbitrary<List<Integer>> fragmentSizes() {
        return new EngineRobustnessProperties().fragmentSizes();
    }

    /** What the conversation must end in. */
    record Expectation(String rule, boolean connected, boolean stallAllowed, Set<AlertDescription> alerts,
            boolean byReceiver) {
        static final Expectation CONNECTED = new Expectation("the change is invisible to the protocol", true, false,
                Set.of(), false);
        static final Expectation STALL = new Expectation("the receiver waits for the rest of the flight", false, true,
                Set.of(), false);

        static Expectation exactly(AlertDescription alert, String rule) {
            return new Expectation(rule, false, false, EnumSet.of(alert), true);
        }

        static Expectation oneOf(Set<AlertDescription> alerts, String rule) {
            return new Expectation(rule, false, false, alerts, false);
        }

        static Expectation stallOrOneOf(Set<AlertDescription> alerts, String rule) {
            return new Expectation(rule, false, true, alerts, false);
        }

        Expectation orAlso(AlertDescription alert, String why) {
            Set<AlertDescription> more = EnumSet.copyOf(alerts);
            more.add(alert);
            return new Expectation(rule + ", or " + why, connected, stallAllowed, more, byReceiver);
        }
    }

    @Property(tries = TRIES)
    void mutatedHandshakeMessagesGetTheRightAlert(@ForAll("scenarios") Scenario scenario,
            @ForAll("mutations") FlightMutation mutation, @ForAll("fragmentSizes") List<Integer> fragmentSizes) {
        about(scenario + " " + mutation + " fragments " + fragmentSizes,
                () -> mutatedFlight(scenario, mutation, fragmentSizes));
    }

    private static void mutatedFlight(Scenario scenario, FlightMutation mutation, List<Integer> fragmentSizes) {
        Expectation[] expectation = new Expectation[1];
        IntSupplier sizes = EngineRobustnessProperties.cycle(fragmentSizes);
        Conversation conversation = scenario.conversation().handshake((sender, flight, bytes) -> {
            if (sender != mutation.target().sender || flight != mutation.target().flight) {
                return bytes;
            }
            Wire.Flight original = Wire.Flight.parse(bytes);
            assertFalse(original.messages().isEmpty(), "the targeted flight carries handshake messages");
            List<byte[]> mutated = mutation.apply(original.messages());
            expectation[0] = expect(scenario, mutation, original, mutated);
            return mutation.applyTo(original, sizes);
        }, Conversation.Delivery.WHOLE);
        assertNotNull(expectation[0], "the targeted flight was sent");
        check(conversation, expectation[0], mutation.target().receiver());
        Statistics.label("mutation").collect(mutation.kind());
        Statistics.label("outcome").collect(outcome(conversation));
    }

    /** What the receiver must do with {@code mutated} instead of {@code original}'s messages. */
    static Expectation expect(Scenario scenario, FlightMutation mutation, Wire.Flight original, List<byte[]> mutated) {
        Role receiver = mutation.target().receiver();
        List<byte[]> expected = original.messages();
        boolean changeCipherSpecFollows = !original.tail().isEmpty();
        if (mutation.kind() == FlightMutation.Kind.INSERT_CHANGE_CIPHER_SPEC) {
            return changeCipherSpecExpectation(scenario, mutation, original);
        }
        if (mutation.kind() == FlightMutation.Kind.DROP_CHANGE_CIPHER_SPEC) {
            if (!changeCipherSpecFollows) {
                return Expectation.CONNECTED;
            }
            // RFC 5246 §7.1: the encrypted Finished, read as plaintext, is a handshake message where
            // change_cipher_spec belongs, or the start of one that claims too much or never ends.
            return Expectation.stallOrOneOf(EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE,
                    AlertDescription.ILLEGAL_PARAMETER), "Finished without change_cipher_spec");
        }
        if (sameBytes(expected, mutated)) {
            return Expectation.CONNECTED;
        }
        if (mutation.kind() == FlightMutation.Kind.NUDGE_LENGTH || mutation.kind() == FlightMutation.Kind.SET_LENGTH) {
            // The framing is off: the receiver reads some other message, or waits for bytes that never
            // come; the change_cipher_spec record cannot arrive inside a message (RFC 5246 §7.4).
            String rule = "a handshake header's length does not match its body";
            return changeCipherSpecFollows ? Expectation.oneOf(ALLOWED, rule) : Expectation.stallOrOneOf(ALLOWED, rule);
        }
        int next = 0;
        for (byte[] message : mutated) {
            int type = Wire.type(message);
            if (receiver == Role.CLIENT && type == HandshakeType.HELLO_REQUEST.code()) {
                if (Wire.body(message).length == 0) {
                    continue;
                }
                // Malformed (decode_error), or not the ignorable kind and so out of place (unexpected_message,
                // as OpenSSL answers): the RFC names neither.
                return new Expectation("a HelloRequest has an empty body", false, false,
                        EnumSet.of(AlertDescription.DECODE_ERROR, AlertDescription.UNEXPECTED_MESSAGE), true);
            }
            if (next < expected.size() && Arrays.equals(message, expected.get(next))) {
                next++;
                continue;
            }
            Expectation expectation = acceptable(original.types(), next, receiver).contains(type)
                    ? bodyExpectation(scenario, mutation, message, next < expected.size() ? expected.get(next) : null)
                    : Expectation.exactly(AlertDescription.UNEXPECTED_MESSAGE,
                            "RFC 5246 §7.4: a handshake message out of order is unexpected_message");
            if (mutation.target() == FlightMutation.Target.CLIENT_HELLO && next > 0
                    && scenario.version().isAtLeast(ProtocolVersion.TLS_1_1)) {
                // The ClientHello flight travels in records of version 3.1 (RFC 5246 Appendix E.1); once
                // the server has chosen a later version, a further record of version 3.1 is refused first.
                expectation = expectation.orAlso(AlertDescription.PROTOCOL_VERSION, "a record of the old version");
            }
            return expectation;
        }
        if (next < expected.size()) {
            return changeCipherSpecFollows
                    ? Expectation.exactly(AlertDescription.UNEXPECTED_MESSAGE,
                            "change_cipher_spec while handshake messages are missing")
                    : Expectation.STALL;
        }
        return Expectation.CONNECTED;
    }

    /**
     * RFC 5246 §7.1: change_cipher_spec is accepted only right before the peer's Finished. Before any
     * other handshake message it is unexpected_message; a second one, after the real one has switched
     * keys, fails as a record under the new keys.
     */
    private static Expectation changeCipherSpecExpectation(Scenario scenario, FlightMutation mutation,
            Wire.Flight original) {
        int position = mutation.changeCipherSpecPosition(original.messages().size());
        // After a ClientHello the server waits for the client's next flight, not for Finished.
        if (position < original.messages().size() || mutation.target() == FlightMutation.Target.CLIENT_HELLO) {
            Expectation expectation = Expectation.exactly(AlertDescription.UNEXPECTED_MESSAGE,
                    "RFC 5246 §7.1: change_cipher_spec before the handshake reached Finished");
            if (mutation.target() == FlightMutation.Target.CLIENT_HELLO && position > 0
                    && scenario.version().isAtLeast(ProtocolVersion.TLS_1_1)) {
                expectation = expectation.orAlso(AlertDescription.PROTOCOL_VERSION, "a record of the old version");
            }
            return expectation;
        }
        return Expectation.oneOf(EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE, AlertDescription.BAD_RECORD_MAC),
                "a second change_cipher_spec, or one before the peer could have sent it");
    }

    /**
     * The types the receiver accepts after the first {@code next} messages of the flight: the one
     * the flight has there; for a client also a CertificateRequest it has not had yet or a
     * ServerHelloDone in place of the optional CertificateRequest.
     */
    private static Set<Integer> acceptable(List<Integer> types, int next, Role receiver) {
        Set<Integer> acceptable = new HashSet<>();
        if (next >= types.size()) {
            return acceptable;
        }
        int type = types.get(next);
        acceptable.add(type);
        if (receiver == Role.CLIENT) {
            if (type == HandshakeType.CERTIFICATE_REQUEST.code()) {
                acceptable.add(HandshakeType.SERVER_HELLO_DONE.code());
            }
            if (type == HandshakeType.SERVER_HELLO_DONE.code()
                    && !types.subList(0, next).contains(HandshakeType.CERTIFICATE_REQUEST.code())) {
                acceptable.add(HandshakeType.CERTIFICATE_REQUEST.code());
            }
        }
        return acceptable;
    }

    /** A message of an acceptable type whose content changed. */
    private static Expectation bodyExpectation(Scenario scenario, FlightMutation mutation, byte[] message,
            byte[] original) {
        if (original == null || Wire.type(original) != Wire.type(message)) {
            return Expectation.oneOf(ALLOWED, "a message of another type than the flight had, in an allowed place");
        }
        int type = Wire.type(message);
        byte[] originalBody = Wire.body(original);
        // SSL 3.0 sends the RSA-encrypted pre-master secret without a length (RFC 6101 §5.6.7.1): any
        // length decodes, and a wrong secret shows at Finished.
        boolean bareRsaSecret = scenario.version() == ProtocolVersion.SSL_3_0
                && scenario.suite().keyExchange() == CipherSuite.KeyExchange.RSA
                && type == HandshakeType.CLIENT_KEY_EXCHANGE.code();
        boolean hello = type == HandshakeType.CLIENT_HELLO.code() || type == HandshakeType.SERVER_HELLO.code();
        switch (mutation.kind()) {
            case TRUNCATE_BODY -> {
                // RFC 5246 §7.4.1.2: a hello may end after its compression method(s): no extensions.
                boolean helloWithoutExtensions = hello
                        && Wire.body(message).length == endOfHelloWithoutExtensions(type, originalBody);
                if (bareRsaSecret || helloWithoutExtensions) {
                    return Expectation.oneOf(ALLOWED, "the truncated message is still well-formed");
                }
                return Expectation.exactly(AlertDescription.DECODE_ERROR, "a truncated message is a decode_error");
            }
            case APPEND_TO_BODY -> {
                if (bareRsaSecret) {
                    return Expectation.oneOf(ALLOWED, "the SSL 3.0 pre-master secret takes the whole body");
                }
                return Expectation.exactly(AlertDescription.DECODE_ERROR,
                        "bytes after the end of a message are a decode_error");
            }
            case FLIP_BIT -> {
                int flipped = mutation.flippedByte(originalBody.length);
                if (hello && flipped >= 2 && flipped < 34) {
                    return Expectation.oneOf(AT_FINISHED, "a changed hello random fails the signature or Finished");
                }
                return Expectation.oneOf(ALLOWED, "a damaged message");
            }
            default -> {
                return Expectation.oneOf(ALLOWED, "a damaged message");
            }
        }
    }

    /** The body length of a ClientHello or ServerHello up to and including its compression method(s). */
    private static int endOfHelloWithoutExtensions(int type, byte[] body) {
        int sessionIdEnd = 2 + 32 + 1 + (body[34] & 0xFF);
        if (type == HandshakeType.SERVER_HELLO.code()) {
            return sessionIdEnd + 2 + 1;
        }
        int suitesEnd = sessionIdEnd + 2 + (((body[sessionIdEnd] & 0xFF) << 8) | (body[sessionIdEnd + 1] & 0xFF));
        return suitesEnd + 1 + (body[suitesEnd] & 0xFF);
    }

    static void check(Conversation conversation, Expectation expectation, Role receiver) {
        String context = expectation.rule() + "; " + conversation;
        if (expectation.connected()) {
            assertTrue(conversation.bothConnected(), "expected a completed handshake: " + context);
            return;
        }
        assertFalse(conversation.bothConnected(), "a changed flight completed the handshake: " + context);
        Conversation.Endpoint first = conversation.firstLocalFailure();
        if (first == null) {
            assertTrue(expectation.stallAllowed(), "both sides wait and nobody noticed the change: " + context);
            assertTrue(conversation.stalled(), context);
            return;
        }
        assertTrue(expectation.alerts().contains(first.failure.alert()),
                "expected " + expectation.alerts() + " but " + first.role + " sent " + first.failure.alert() + ": "
                        + context);
        if (expectation.byReceiver()) {
            assertEquals(receiver, first.role, "the receiver of the damage must notice it first: " + context);
        }
    }

    private static String outcome(Conversation conversation) {
        if (conversation.bothConnected()) {
            return "connected";
        }
        Conversation.Endpoint first = conversation.firstLocalFailure();
        return first == null ? "waits" : first.failure.alert().rfcName();
    }

    private static boolean sameBytes(List<byte[]> first, List<byte[]> second) {
        return Arrays.equals(join(first), join(second));
    }

    private static byte[] join(List<byte[]> messages) {
        ByteBuffer joined = ByteBuffer.allocate(messages.stream().mapToInt(m -> m.length).sum());
        messages.forEach(joined::put);
        return joined.array();
    }

    // ---------------------------------------------------------------------------------------------
    // The encrypted Finished
    // ---------------------------------------------------------------------------------------------

    /**
     * RFC 5246 §6.2.3: a record that fails authentication (a changed bit, a cut fragment) is
     * bad_record_mac, whatever the cipher.
     */
    @Property(tries = FINISHED_TRIES)
    void damagedFinishedRecordIsBadRecordMac(@ForAll("scenarios") Scenario scenario, @ForAll Role sender,
            @ForAll @IntRange(max = 1 << 16) int position, @ForAll @IntRange(max = 7) int bit,
            @ForAll boolean truncate) {
        about(scenario + " " + sender + " position=" + position + " bit=" + bit + " truncate=" + truncate, () -> {
            Conversation conversation = scenario.conversation().handshake((from, flight, bytes) -> {
                if (from != sender || flight != 1) {
                    return bytes;
                }
                List<Wire.Record> records = new ArrayList<>(Wire.records(bytes));
                int finished = finishedRecordIndex(records);
                byte[] fragment = records.get(finished).fragment();
                byte[] damaged = truncate ? Arrays.copyOf(fragment, position % fragment.length) : fragment.clone();
                if (!truncate) {
                    damaged[position % damaged.length] ^= (byte) (1 << bit);
                }
                records.set(finished, new Wire.Record(Wire.HANDSHAKE, records.get(finished).version(), damaged));
                return Wire.encode(records);
            }, Conversation.Delivery.WHOLE);
            check(conversation, Expectation.exactly(AlertDescription.BAD_RECORD_MAC, "RFC 5246 §6.2.3"),
                    sender == Role.CLIENT ? Role.SERVER : Role.CLIENT);
        });
    }

    /** RFC 5246 §7.4.9: a Finished whose verify_data is wrong is decrypt_error. */
    @Property(tries = FINISHED_TRIES)
    void wrongFinishedIsDecryptError(@ForAll("scenarios") Scenario scenario, @ForAll Role sender,
            @ForAll @IntRange(max = 35) int verifyDataByte, @ForAll @IntRange(max = 7) int bit) {
        about(scenario + " " + sender + " byte=" + verifyDataByte + " bit=" + bit, () -> {
            FinishedForger forger = new FinishedForger(scenario, sender, verifyDataByte, bit);
            Conversation conversation = new Conversation(scenario.client().keyLog(forger::log).build(),
                    scenario.server().build()).handshake(forger, Conversation.Delivery.WHOLE);
            assertTrue(forger.forged, "the Finished was replaced");
            check(conversation, Expectation.exactly(AlertDescription.DECRYPT_ERROR, "RFC 5246 §7.4.9"),
                    sender == Role.CLIENT ? Role.SERVER : Role.CLIENT);
        });
    }

    /** The record after change_cipher_spec in a flight: the encrypted Finished. */
    static int finishedRecordIndex(List<Wire.Record> records) {
        for (int i = 0; i < records.size() - 1; i++) {
            if (records.get(i).type() == Wire.CHANGE_CIPHER_SPEC) {
                return i + 1;
            }
        }
        throw new AssertionError("no change_cipher_spec in the flight: " + records);
    }

    /**
     * Replaces one side's Finished with one whose verify_data has a flipped bit, sealed under the right
     * keys: only the Finished check itself can catch it.
     */
    static final class FinishedForger implements Conversation.Tamper {
        private final SessionKeys keys;
        private final Role sender;
        private final int verifyDataByte;
        private final int bit;
        boolean forged;

        FinishedForger(Scenario scenario, Role sender, int verifyDataByte, int bit) {
            this.keys = new SessionKeys(scenario);
            this.sender = sender;
            this.verifyDataByte = verifyDataByte;
            this.bit = bit;
        }

        void log(String label, byte[] random, byte[] secret) {
            keys.log(label, random, secret);
        }

        @Override
        public byte[] apply(Role from, int flight, byte[] bytes) {
            keys.apply(from, flight, bytes);
            if (from != sender || flight != 1) {
                return bytes;
            }
            try {
                List<Wire.Record> records = new ArrayList<>(Wire.records(bytes));
                int index = finishedRecordIndex(records);
                byte[] finished = keys.open(sender, records.get(index));
                assertEquals(HandshakeType.FINISHED.code(), Wire.type(finished));
                int verifyDataLength = finished.length - Wire.MESSAGE_HEADER;
                finished[Wire.MESSAGE_HEADER + verifyDataByte % verifyDataLength] ^= (byte) (1 << bit);
                records.set(index, keys.seal(keys.writeProtection(sender), ContentType.HANDSHAKE, finished));
                forged = true;
                return Wire.encode(records);
            } catch (TlsException e) {
                throw new AssertionError("could not forge the Finished", e);
            }
        }
    }
}
