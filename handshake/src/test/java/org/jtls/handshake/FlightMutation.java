package org.jtls.handshake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One change to the handshake messages of a plaintext flight, as an attacker on the path makes
 * it: damage to one message's body, a wrong length or type in its header, or a duplicated, swapped,
 * dropped or inserted message. Indexes and positions are taken modulo what is there, so any
 * mutation applies to any flight.
 */
record FlightMutation(Target target, Kind kind, int index, int position, int value, byte[] bytes) {
    /** The plaintext flights of a full handshake, by sender and the sender's flight number. */
    enum Target {
        /** ClientHello, to the server. */
        CLIENT_HELLO(Role.CLIENT, 0),
        /** ServerHello, Certificate, [ServerKeyExchange], [CertificateRequest], ServerHelloDone, to the client. */
        SERVER_HELLO_FLIGHT(Role.SERVER, 0),
        /** [Certificate], ClientKeyExchange, [CertificateVerify] (then ChangeCipherSpec, Finished), to the server. */
        CLIENT_KEY_EXCHANGE_FLIGHT(Role.CLIENT, 1);

        final Role sender;
        final int flight;

        Target(Role sender, int flight) {
            this.sender = sender;
            this.flight = flight;
        }

        Role receiver() {
            return sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        }
    }

    enum Kind {
        /** Flip bit {@code value % 8} of body byte {@code position}. */
        FLIP_BIT,
        /** Cut the body to {@code position % length} bytes; the header's length follows. */
        TRUNCATE_BODY,
        /** Add {@code bytes} after the body; the header's length follows. */
        APPEND_TO_BODY,
        /** Write {@code bytes} over the body at {@code position}: aimed at the length fields inside. */
        OVERWRITE_BODY,
        /** Move the header's length a little (1..4 up or down), leaving the body. */
        NUDGE_LENGTH,
        /** Set the header's length to any 24-bit value, leaving the body. */
        SET_LENGTH,
        /** Give the message another handshake type. */
        RETYPE,
        /** Send the message twice in a row. */
        DUPLICATE,
        /** Exchange the message with another one of the flight. */
        SWAP,
        /** Leave the message out. */
        DROP,
        /** Put an empty HelloRequest before the message (or at the end). */
        INSERT_HELLO_REQUEST,
        /** Put a change_cipher_spec record before the message (or after the last one). */
        INSERT_CHANGE_CIPHER_SPEC,
        /** Leave out the flight's change_cipher_spec record, if it has one. */
        DROP_CHANGE_CIPHER_SPEC
    }

    /** Handshake types a retyped message gets: every TLS ≤ 1.3 type and a few that are none. */
    private static final int[] TYPES = {0, 1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 99, 254,
        255};

    static Arbitrary<FlightMutation> any() {
        Arbitrary<Byte> interesting = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x02, (byte) 0x7F, (byte) 0x80,
                        (byte) 0xFE, (byte) 0xFF)),
                Tuple.of(2, Arbitraries.bytes()));
        return Combinators.combine(Arbitraries.of(Target.class), Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 16), Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.integers(), interesting.array(byte[].class).ofMinSize(1).ofMaxSize(4))
                .as(FlightMutation::new);
    }

    /** The flight after the change, its handshake records cut to {@code fragmentSizes}. */
    byte[] applyTo(Wire.Flight flight, IntSupplier fragmentSizes) {
        List<byte[]> messages = flight.messages();
        switch (kind) {
            case INSERT_CHANGE_CIPHER_SPEC -> {
                int at = changeCipherSpecPosition(messages.size());
                Wire.Flight before = new Wire.Flight(flight.recordVersion(), messages.subList(0, at),
                        List.of(new Wire.Record(Wire.CHANGE_CIPHER_SPEC, flight.recordVersion(), new byte[] {1})));
                byte[] after = flight.reframe(messages.subList(at, messages.size()), fragmentSizes);
                return concat(before.reframe(before.messages(), fragmentSizes), after);
            }
            case DROP_CHANGE_CIPHER_SPEC -> {
                List<Wire.Record> tail = flight.tail().stream()
                        .filter(record -> record.type() != Wire.CHANGE_CIPHER_SPEC).toList();
                return new Wire.Flight(flight.recordVersion(), messages, tail).reframe(messages, fragmentSizes);
            }
            default -> {
                return flight.reframe(apply(messages), fragmentSizes);
            }
        }
    }

    /** INSERT_CHANGE_CIPHER_SPEC: how many of the flight's messages go before the record. */
    int changeCipherSpecPosition(int messageCount) {
        return index % (messageCount + 1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** The flight's messages after the change (the message kinds only). */
    List<byte[]> apply(List<byte[]> messages) {
        List<byte[]> result = new ArrayList<>(messages);
        if (messages.isEmpty()) {
            return result;
        }
        int at = index % messages.size();
        byte[] message = messages.get(at);
        byte[] body = Wire.body(message);
        switch (kind) {
            case FLIP_BIT -> {
                if (body.length > 0) {
                    body[flippedByte(body.length)] ^= (byte) (1 << Math.floorMod(value, 8));
                }
                result.set(at, Wire.message(Wire.type(message), body));
            }
            case TRUNCATE_BODY -> result.set(at, Wire.message(Wire.type(message),
                    Arrays.copyOf(body, body.length == 0 ? 0 : truncatedLength(body.length))));
            case APPEND_TO_BODY -> {
                byte[] longer = Arrays.copyOf(body, body.length + bytes.length);
                System.arraycopy(bytes, 0, longer, body.length, bytes.length);
                result.set(at, Wire.message(Wire.type(message), longer));
            }
            case OVERWRITE_BODY -> {
                int start = body.length == 0 ? 0 : position % body.length;
                for (int i = 0; i < bytes.length && start + i < body.length; i++) {
                    body[start + i] = bytes[i];
                }
                result.set(at, Wire.message(Wire.type(message), body));
            }
            case NUDGE_LENGTH -> {
                int delta = (1 + Math.floorMod(value, 4)) * (position % 2 == 0 ? 1 : -1);
                byte[] changed = message.clone();
                Wire.writeLength(changed, Math.max(0, body.length + delta));
                result.set(at, changed);
            }
            case SET_LENGTH -> {
                byte[] changed = message.clone();
                Wire.writeLength(changed, Math.floorMod(value, 1 << 24));
                result.set(at, changed);
            }
            case RETYPE -> {
                int type = TYPES[Math.floorMod(value, TYPES.length)];
                if (type == Wire.type(message)) {
                    type = TYPES[Math.floorMod(value + 1, TYPES.length)];
                }
                result.set(at, Wire.message(type, body));
            }
            case DUPLICATE -> result.add(at + 1, message);
            case SWAP -> {
                if (messages.size() > 1) {
                    int other = (at + 1 + position % (messages.size() - 1)) % messages.size();
                    result.set(at, messages.get(other));
                    result.set(other, message);
                }
            }
            case DROP -> result.remove(at);
            case INSERT_HELLO_REQUEST -> result.add(index % (messages.size() + 1), Wire.message(0, new byte[0]));
            case INSERT_CHANGE_CIPHER_SPEC, DROP_CHANGE_CIPHER_SPEC -> {
                // Records, not messages: see applyTo.
            }
            default -> throw new AssertionError(kind);
        }
        return result;
    }

    /** FLIP_BIT: the body byte it changes. */
    int flippedByte(int bodyLength) {
        return position % bodyLength;
    }

    /** TRUNCATE_BODY: the body length it leaves. */
    int truncatedLength(int bodyLength) {
        return position % bodyLength;
    }

    @Override
    public String toString() {
        return target + " " + kind + "(index=" + index + ", position=" + position + ", value=" + value + ", bytes="
                + HexFormat.of().formatHex(bytes) + ")";
    }
}
