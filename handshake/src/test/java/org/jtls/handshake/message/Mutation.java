package org.jtls.handshake.message;

import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One change to an encoding: the kinds of damage a fuzzer does. Positions are taken modulo the
 * input's length, so any mutation applies to any input.
 */
record Mutation(Kind kind, int position, int count, byte[] bytes) {
    enum Kind {
        /** Flip bit {@code count % 8} of one byte. */
        FLIP_BIT,
        /** Keep only the first {@code position} bytes. */
        TRUNCATE,
        /** Add {@code bytes} at the end. */
        APPEND,
        /** Add {@code bytes} at {@code position}. */
        INSERT,
        /** Remove {@code count} bytes at {@code position}. */
        DELETE,
        /** Write {@code bytes} over the input at {@code position}: aimed at length fields. */
        OVERWRITE
    }

    static Arbitrary<Mutation> any() {
        // Values that make lengths interesting: zero, one, the top of a byte, and random bytes.
        Arbitrary<Byte> interesting = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x02, (byte) 0x7F, (byte) 0x80,
                        (byte) 0xFF, (byte) 0xFE)),
                Tuple.of(2, Arbitraries.bytes()));
        Arbitrary<byte[]> bytes = interesting.array(byte[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(1, 8), bytes).as(Mutation::new);
    }

    byte[] apply(byte[] input) {
        int at = input.length == 0 ? 0 : position % (input.length + 1);
        byte[] output;
        switch (kind) {
            case FLIP_BIT -> {
                output = input.clone();
                if (output.length > 0) {
                    output[position % output.length] ^= (byte) (1 << (count % 8));
                }
            }
            case TRUNCATE -> output = Arrays.copyOf(input, input.length == 0 ? 0 : position % input.length);
            case APPEND -> output = concat(input, bytes, new byte[0]);
            case INSERT -> output = concat(Arrays.copyOf(input, at), bytes,
                    Arrays.copyOfRange(input, at, input.length));
            case DELETE -> {
                int end = Math.min(input.length, at + count);
                output = concat(Arrays.copyOf(input, at), new byte[0], Arrays.copyOfRange(input, end, input.length));
            }
            case OVERWRITE -> {
                output = input.clone();
                for (int i = 0; i < bytes.length && at + i < output.length; i++) {
                    output[at + i] = bytes[i];
                }
            }
            default -> throw new AssertionError(kind);
        }
        return output;
    }

    private static byte[] concat(byte[] first, byte[] second, byte[] third) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length + third.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        System.arraycopy(third, 0, joined, first.length + second.length, third.length);
        return joined;
    }

    @Override
    public String toString() {
        return kind + "(position=" + position + ", count=" + count + ", bytes=" + HexFormat.of().formatHex(bytes) + ")";
    }
}
