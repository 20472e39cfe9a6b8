package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.jtls.handshake.Tls13HostilePeerProperties.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.EcCurve;
import org.jtls.record.AlertDescription;

/**
 * An attacker on the path of a TLS 1.3 handshake between our client and our server. Everything after
 * the ServerHello is protected: a changed, cut, lengthened, repeated, reordered or lost protected
 * record fails authentication, bad_record_mac (RFC 8446 §5.2), or, when the receiver only waits for
 * what was lost, leaves it waiting. change_cipher_spec is only a compatibility shim: the byte 0x01
 * during the handshake is dropped, anything else, or any change_cipher_spec once the peer's Finished
 * came, is unexpected_message (§5). A change to the plaintext hellos is caught by the hello checks or,
 * at the latest, by the transcript in Finished: never a handshake both sides complete.
 */
class Tls13MutationProperties {
    private static final int TRIES = 200;
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);

    static Conversation conversation() {
        return conversation(false);
    }

    /** With {@code retry}, the server only takes P-256 and answers the client's X25519 share with a HelloRetryRequest. */
    static Conversation conversation(boolean retry) {
        return new Conversation(Tls13HostilePeerProperties.config().build(), retry
                ? Tls13HostilePeerProperties.retryingServer().build()
                : Tls13HostilePeerProperties.config().certificates(List.of(P256)).build()).tls13();
    }

    // ---------------------------------------------------------------------------------------------
    // Protected records
    // ---------------------------------------------------------------------------------------------

    /** The protected flights of the handshake: the server's first, the client's second. */
    enum ProtectedFlight {
        SERVER_FLIGHT(Role.SERVER, 0), CLIENT_FINISHED(Role.CLIENT, 1);

        final Role sender;
        final int flight;

        ProtectedFlight(Role sender, int flight) {
            this.sender = sender;
            this.flight = flight;
        }

        Role receiver() {
            return sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        }
    }

    enum RecordDamage {
        FLIP_BIT, TRUNCATE, APPEND, DUPLICATE, DROP, SWAP_WITH_NEXT,
        /**
         * Another legacy_record_version. It is part of the AEAD's additional data (RFC 8446 §5.2), so
         * a changed 0x03xx fails authentication: bad_record_mac; jtls refuses a major other than 3
         * before that, with protocol_version.
         */
        REVERSION,
        /** Another outer content type: a plaintext record where only protected ones may come. */
        RETYPE
    }

    @Property(tries = TRIES)
    void damagedProtectedRecordIsBadRecordMac(@ForAll ProtectedFlight target, @ForAll RecordDamage damage,
            @ForAll @IntRange(min = 0, max = 8) int index, @ForAll @IntRange(min = 0, max = 1 << 16) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit, @ForAll("deliveries") Conversation.Delivery delivery) {
        about(target + " " + damage + " record " + index + " at " + position + " bit " + bit + " " + delivery, () -> {
            String[] applied = new String[1];
            Conversation conversation = conversation().handshake((sender, flight, bytes) -> {
                if (sender != target.sender || flight != target.flight) {
                    return bytes;
                }
                List<Wire.Record> records = new ArrayList<>(Wire.records(bytes));
                List<Integer> protectedAt = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    if (records.get(i).type() == Wire.APPLICATION_DATA) {
                        protectedAt.add(i);
                    }
                }
                assertTrue(!protectedAt.isEmpty(), "the flight carries protected records");
                int at = protectedAt.get(index % protectedAt.size());
                boolean last = at == protectedAt.get(protectedAt.size() - 1);
                Wire.Record record = records.get(at);
                byte[] fragment = record.fragment();
                switch (damage) {
                    case FLIP_BIT -> {
                        byte[] flipped = fragment.clone();
                        flipped[position % flipped.length] ^= (byte) (1 << bit);
                        records.set(at, new Wire.Record(record.type(), record.version(), flipped));
                        applied[0] = "flip";
                    }
                    case TRUNCATE -> {
                        records.set(at, new Wire.Record(record.type(), record.version(),
                                Arrays.copyOf(fragment, position % fragment.length)));
                        applied[0] = "truncate";
                    }
                    case APPEND -> {
                        records.set(at, new Wire.Record(record.type(), record.version(),
                                Arrays.copyOf(fragment, fragment.length + 1 + position % 64)));
                        applied[0] = "append";
                    }
                    case DUPLICATE -> {
                        records.add(at + 1, record);
                        applied[0] = "duplicate";
                    }
                    case DROP -> {
                        records.remove(at);
                        applied[0] = last ? "drop last" : "drop";
                    }
                    case SWAP_WITH_NEXT -> {
                        if (last) {
                            applied[0] = "none";
                            return bytes;
                        }
                        int next = protectedAt.get(protectedAt.indexOf(at) + 1);
                        records.set(at, records.get(next));
                        records.set(next, record);
                        applied[0] = "swap";
                    }
                    case REVERSION -> {
                        // Half the time another TLS-looking version 0x03xx, half the time anything.
                        int version = position % 2 == 0 ? 0x0300 | ((position >>> 1) & 0xFF) : position;
                        version = version == 0x0303 ? 0x0301 : version;
                        applied[0] = (version >>> 8) == 3 ? "reversion" : "reversion not TLS";
                        records.set(at, new Wire.Record(record.type(), version, fragment));
                    }
                    case RETYPE -> {
                        int[] types = {Wire.HANDSHAKE, Wire.ALERT, Wire.CHANGE_CIPHER_SPEC, 24, 0, 255};
                        records.set(at, new Wire.Record(types[position % types.length], record.version(), fragment));
                        applied[0] = "retype " + types[position % types.length];
                    }
                    default -> throw new AssertionError(damage);
                }
                return Wire.encode(records);
            }, delivery);
            assertNotNull(applied[0], "the targeted flight was sent");
            Statistics.label("damage").collect(applied[0]);
            switch (applied[0]) {
                case "none" -> assertTrue(conversation.bothConnected(), conversation.toString());
                case "reversion not TLS" -> expect(conversation, target.receiver(),
                        EnumSet.of(AlertDescription.PROTOCOL_VERSION), false,
                        "a record version whose major is not 3 (RecordLayer.checkHeader)");
                case "drop last" -> {
                    // The receiver waits for the record that never comes.
                    assertTrue(conversation.stalled(), "waiting, not failed: " + conversation);
                    assertTrue(!conversation.side(target.receiver()).connected(), conversation.toString());
                }
                default -> {
                    if (applied[0].startsWith("retype")) {
                        // RFC 8446 §5: after the ServerHello only protected records and the
                        // change_cipher_spec shim may come; an unknown type is unexpected_message too.
                        expect(conversation, target.receiver(), EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE),
                                false, "a protected record under another content type");
                        return;
                    }
                    expect(conversation, target.receiver(), EnumSet.of(AlertDescription.BAD_RECORD_MAC), false,
                            "RFC 8446 §5.2: a protected record that does not authenticate is bad_record_mac");
                }
            }
        });
    }

    /** After the handshake, application data records damaged on the way. */
    @Property(tries = TRIES)
    void damagedApplicationDataIsBadRecordMac(@ForAll boolean toClient,
            @ForAll @IntRange(min = 0, max = 1 << 16) int position, @ForAll @IntRange(min = 0, max = 7) int bit,
            @ForAll @IntRange(min = 1, max = 300) int length) {
        about((toClient ? "to the client" : "to the server") + " at " + position + " bit " + bit, () -> {
            Conversation conversation = conversation().handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            Conversation.Endpoint from = toClient ? conversation.server : conversation.client;
            Conversation.Endpoint to = conversation.peer(from);
            from.engine.drainOutput(); // tickets, if any, are not the point
            conversation.write(from, new byte[length]);
            byte[] sealed = from.engine.drainOutput();
            List<Wire.Record> records = Wire.records(sealed);
            assertEquals(1, records.size());
            byte[] fragment = records.get(0).fragment();
            fragment[position % fragment.length] ^= (byte) (1 << bit);
            conversation.inject(to, Wire.encode(List.of(new Wire.Record(Wire.APPLICATION_DATA, 0x0303, fragment))),
                    Conversation.Delivery.WHOLE);
            expect(conversation, to.role, EnumSet.of(AlertDescription.BAD_RECORD_MAC), false,
                    "RFC 8446 §5.2: a protected record that does not authenticate is bad_record_mac");
            assertEquals(0, to.applicationData.size(), "no damaged data surfaces");
        });
    }

    /**
     * Early data nobody offered: protected-looking records after a ClientHello without early_data.
     * The server has not agreed to skip anything (RFC 8446 §4.2.10), so the first one fails under the
     * client's handshake keys: bad_record_mac.
     */
    @Property(tries = TRIES)
    void earlyDataWithoutTheOfferIsBadRecordMac(@ForAll @IntRange(min = 1, max = 3) int count,
            @ForAll @IntRange(min = 0, max = 400) int length, @ForAll long seed) {
        about(count + " records of " + length + " bytes", () -> {
            java.util.Random random = new java.util.Random(seed);
            Conversation conversation = conversation().handshake((sender, flight, bytes) -> {
                if (sender != Role.CLIENT || flight != 0) {
                    return bytes;
                }
                List<Wire.Record> records = new ArrayList<>(Wire.records(bytes));
                for (int i = 0; i < count; i++) {
                    byte[] fragment = new byte[length];
                    random.nextBytes(fragment);
                    records.add(new Wire.Record(Wire.APPLICATION_DATA, 0x0303, fragment));
                }
                return Wire.encode(records);
            }, Conversation.Delivery.WHOLE);
            expect(conversation, Role.SERVER, EnumSet.of(AlertDescription.BAD_RECORD_MAC), false,
                    "RFC 8446 §4.2.10/§5.2: early data the server never agreed to skip must authenticate");
        });
    }

    /**
     * Junk records after a ClientHello that offers early data. Accepted early data must authenticate
     * under the early keys: bad_record_mac (RFC 8446 §5.2). Rejected early data (the ticket's second
     * use, a replay to this server) is skipped (§4.2.10), but no more than max_early_data_size:
     * beyond it, unexpected_message.
     */
    @Property(tries = 40)
    void junkAfterAnEarlyDataOffer(@ForAll boolean rejected, @ForAll boolean beyondTheLimit,
            @ForAll @IntRange(min = 1, max = 3) int count, @ForAll @IntRange(min = 1, max = 500) int length,
            @ForAll long seed) {
        Assume.that(rejected || !beyondTheLimit);
        about((rejected ? "rejected" : "accepted") + (beyondTheLimit ? " beyond the limit " : " ") + count
                + " records of " + length, () -> {
            TicketKeys keys = new TicketKeys(org.jtls.crypto.CryptoBackends.defaultBackend(),
                    new java.security.SecureRandom(), java.time.Clock.systemUTC(), java.time.Duration.ofHours(1),
                    java.time.Duration.ofHours(2));
            TlsConfig server = Tls13HostilePeerProperties.config().certificates(List.of(P256)).ticketKeys(keys)
                    .maxEarlyDataSize(16384).build();
            Conversation first = new Conversation(Tls13HostilePeerProperties.config().build(), server).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            Session ticket = first.client.engine.resumableSession().orElseThrow();
            TlsConfig client = Tls13HostilePeerProperties.config().earlyData(true).resumptionSession(ticket).build();
            if (rejected) {
                Conversation use = new Conversation(client, server).tls13().begin();
                use.write(use.client, new byte[] {1});
                use.run(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
                assertTrue(use.bothConnected(), "the ticket's first use: " + use);
            }
            java.util.Random random = new java.util.Random(seed);
            Conversation conversation = new Conversation(client, server).tls13().begin();
            conversation.write(conversation.client, new byte[] {1, 2, 3});
            conversation.run((sender, flight, bytes) -> {
                if (sender != Role.CLIENT || flight != 0) {
                    return bytes;
                }
                List<Wire.Record> records = new ArrayList<>(Wire.records(bytes));
                for (int i = 0; i < (beyondTheLimit ? 3 : count); i++) {
                    byte[] fragment = new byte[beyondTheLimit ? 16000 : length];
                    random.nextBytes(fragment);
                    records.add(new Wire.Record(Wire.APPLICATION_DATA, 0x0303, fragment));
                }
                return Wire.encode(records);
            }, Conversation.Delivery.WHOLE);
            if (!rejected) {
                expect(conversation, Role.SERVER, EnumSet.of(AlertDescription.BAD_RECORD_MAC), false,
                        "RFC 8446 §5.2: accepted early data must authenticate");
            } else if (beyondTheLimit) {
                expect(conversation, Role.SERVER, EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                        "RFC 8446 §4.2.10: rejected early data beyond max_early_data_size is unexpected_message");
            } else {
                assertTrue(conversation.bothConnected(), "RFC 8446 §4.2.10: rejected early data is skipped: "
                        + conversation);
                assertEquals(0, conversation.server.applicationData.size(), "nothing rejected is read");
                assertTrue(conversation.client.events.contains(new TlsEvent.EarlyDataAnswered(false)),
                        "the client learns its early data was refused: " + conversation.client.events);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // change_cipher_spec
    // ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> changeCipherSpecBodies() {
        return Arbitraries.oneOf(Arbitraries.just(new byte[] {1}),
                Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(3));
    }

    /**
     * A change_cipher_spec record put into a protected flight before its first protected record: the
     * single byte 0x01 is dropped (RFC 8446 §5), any other body is unexpected_message.
     */
    @Property(tries = TRIES)
    void changeCipherSpecDuringTheHandshake(@ForAll ProtectedFlight target,
            @ForAll("changeCipherSpecBodies") byte[] body) {
        about(target + " " + java.util.HexFormat.of().formatHex(body), () -> {
            boolean[] applied = {false};
            Conversation conversation = conversation().handshake((sender, flight, bytes) -> {
                if (sender != target.sender || flight != target.flight) {
                    return bytes;
                }
                List<Wire.Record> records = new ArrayList<>(Wire.records(bytes));
                int firstProtected = 0;
                while (records.get(firstProtected).type() != Wire.APPLICATION_DATA) {
                    firstProtected++;
                }
                records.add(firstProtected, new Wire.Record(Wire.CHANGE_CIPHER_SPEC, 0x0303, body));
                applied[0] = true;
                return Wire.encode(records);
            }, Conversation.Delivery.WHOLE);
            assertTrue(applied[0], "the targeted flight was sent");
            if (Arrays.equals(body, new byte[] {1})) {
                assertTrue(conversation.bothConnected(), "RFC 8446 §5: the byte 0x01 is dropped: " + conversation);
                Statistics.label("outcome").collect("dropped");
            } else {
                expect(conversation, target.receiver(), EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                        "RFC 8446 §5: a change_cipher_spec other than 0x01 is unexpected_message");
            }
        });
    }

    /** Once the peer's Finished came, change_cipher_spec of any body is unexpected_message (RFC 8446 §5). */
    @Property(tries = 50)
    void changeCipherSpecAfterTheHandshake(@ForAll boolean toClient, @ForAll("changeCipherSpecBodies") byte[] body) {
        about((toClient ? "to the client " : "to the server ") + java.util.HexFormat.of().formatHex(body), () -> {
            Conversation conversation = conversation().handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            Conversation.Endpoint to = toClient ? conversation.client : conversation.server;
            conversation.inject(to, new Wire.Record(Wire.CHANGE_CIPHER_SPEC, 0x0303, body).encoded(),
                    Conversation.Delivery.WHOLE);
            expect(conversation, to.role, EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                    "RFC 8446 §5: change_cipher_spec after the peer's Finished is unexpected_message");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // The plaintext hellos
    // ---------------------------------------------------------------------------------------------

    /** What a changed hello may end in: each is some hello or transcript check of RFC 8446 §4. */
    private static final Set<AlertDescription> HELLO_DAMAGE = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNEXPECTED_MESSAGE,
            AlertDescription.HANDSHAKE_FAILURE, AlertDescription.DECRYPT_ERROR, AlertDescription.BAD_RECORD_MAC,
            AlertDescription.PROTOCOL_VERSION, AlertDescription.MISSING_EXTENSION,
            AlertDescription.UNSUPPORTED_EXTENSION, AlertDescription.INSUFFICIENT_SECURITY,
            AlertDescription.RECORD_OVERFLOW);

    @Provide
    Arbitrary<FlightMutation> helloMutations() {
        return FlightMutation.any().filter(mutation -> mutation.kind() != FlightMutation.Kind.DROP_CHANGE_CIPHER_SPEC
                && mutation.kind() != FlightMutation.Kind.INSERT_CHANGE_CIPHER_SPEC);
    }

    @Provide
    Arbitrary<Conversation.Delivery> deliveries() {
        return Arbitraries.oneOf(Arbitraries.just(Conversation.Delivery.WHOLE),
                new EngineRobustnessProperties().deliveries());
    }

    @Provide
    Arbitrary<List<Integer>> fragmentSizes() {
        return new EngineRobustnessProperties().fragmentSizes();
    }

    @Property(tries = TRIES)
    void damagedHelloIsNeverAccepted(@ForAll boolean serverHello, @ForAll boolean retry,
            @ForAll("helloMutations") FlightMutation mutation, @ForAll("fragmentSizes") List<Integer> fragmentSizes,
            @ForAll("deliveries") Conversation.Delivery delivery) {
        about((serverHello ? "ServerHello " : "ClientHello ") + (retry ? "after a HelloRetryRequest " : "")
                + mutation + " fragments " + fragmentSizes + " " + delivery, () -> {
            IntSupplier sizes = EngineRobustnessProperties.cycle(fragmentSizes);
            boolean[] changed = new boolean[1];
            Role sender = serverHello ? Role.SERVER : Role.CLIENT;
            // After a retry: the HelloRetryRequest, or the second ClientHello.
            int targetFlight = retry && !serverHello ? 1 : 0;
            Conversation conversation = conversation(retry).handshake((from, flight, bytes) -> {
                if (from != sender || flight != targetFlight) {
                    return bytes;
                }
                // The second ClientHello may follow the compatibility change_cipher_spec (RFC 8446 D.4).
                List<Wire.Record> records = Wire.records(bytes);
                int start = 0;
                while (records.get(start).type() == Wire.CHANGE_CIPHER_SPEC) {
                    start++;
                }
                byte[] head = Wire.encode(records.subList(0, start));
                Wire.Flight original = Wire.Flight.parse(Wire.encode(records.subList(start, records.size())));
                assertEquals(1, original.messages().size(), "the hello stands alone in its plaintext records");
                List<byte[]> mutated = new ArrayList<>(mutation.apply(original.messages()));
                if (from == Role.SERVER && mutated.size() > 1 && Arrays.equals(mutated.get(0), new byte[4])) {
                    // A client still negotiating ignores an empty HelloRequest, as in TLS 1.2 (RFC 5246
                    // §7.4.1.1); it never enters the transcript. Once the ServerHello chose TLS 1.3 it is not.
                    mutated.remove(0);
                }
                changed[0] = mutated.size() != 1 || !Arrays.equals(mutated.get(0), original.messages().get(0));
                byte[] tail = mutation.applyTo(original, sizes);
                byte[] joined = Arrays.copyOf(head, head.length + tail.length);
                System.arraycopy(tail, 0, joined, head.length, tail.length);
                return joined;
            }, delivery);
            Statistics.label("mutation").collect(mutation.kind());
            if (!changed[0]) {
                assertTrue(conversation.bothConnected(), "an unchanged hello: " + conversation);
                return;
            }
            assertTrue(!conversation.bothConnected(), "RFC 8446 §4.4.1: the transcript covers the hellos: "
                    + conversation);
            Conversation.Endpoint first = conversation.firstLocalFailure();
            if (first == null) {
                // A header that claims more than came, or a hello that never came: the receiver waits.
                assertTrue(mutation.kind() == FlightMutation.Kind.NUDGE_LENGTH
                        || mutation.kind() == FlightMutation.Kind.SET_LENGTH
                        || mutation.kind() == FlightMutation.Kind.DROP, "only a length or a loss leaves a wait: "
                        + conversation);
                assertTrue(conversation.stalled(), conversation.toString());
                Statistics.label("outcome").collect("waits");
                return;
            }
            assertTrue(HELLO_DAMAGE.contains(first.failure.alert()),
                    "got " + first.failure.alert() + " (" + first.failure.getMessage() + ") " + conversation);
            Statistics.label("outcome").collect(first.role + " " + first.failure.alert().rfcName());
        });
    }
}
