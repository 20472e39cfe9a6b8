package org.jtls.x509.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input never escapes as an unchecked exception: arbitrary bytes and random mutations of
 * valid encodings are either accepted or rejected with a {@link DerException}. Only that exception
 * is caught here, so anything else fails the property.
 */
class DerRobustnessProperties {
    @Property(tries = 2000)
    void arbitraryBytesAreParsedOrRejected(@ForAll @Size(max = 300) byte[] input) {
        Statistics.label("outcome").collect(parsesOrRejects(input) ? "accepted" : "rejected");
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void mutatedEncodingsAreParsedOrRejected(@ForAll("trees") DerValueModel value, @ForAll("mutations") Mutation mutation) {
        DerWriter writer = new DerWriter();
        value.write(writer);
        byte[] mutated = mutation.apply(writer.toByteArray());
        boolean accepted = parsesOrRejects(mutated);
        Statistics.label("outcome").collect(accepted ? "accepted" : "rejected");
        if (accepted) {
            typedReadsOnlyFailWithDerException(mutated);
        }
    }

    /** Accepted input is exactly one element whose bytes are the input. */
    private static boolean parsesOrRejects(byte[] input) {
        try {
            assertArrayEquals(input, DerReader.parse(input).encoded());
            return true;
        } catch (DerException rejected) {
            return false;
        }
    }

    /** Reading valid DER as the wrong model may fail, but only with DerException. */
    private static void typedReadsOnlyFailWithDerException(byte[] input) {
        try {
            DerReader reader = DerReader.of(input);
            DerValueModel.read(reader);
            reader.end();
        } catch (DerException wrongShape) {
            Statistics.label("model read").collect("rejected");
        }
    }

    /** One random change: flip a bit, set a byte, insert, delete or truncate. */
    record Mutation(int kind, int position, int value) {
        byte[] apply(byte[] input) {
            if (input.length == 0) {
                return new byte[] {(byte) value};
            }
            int at = Math.floorMod(position, input.length);
            byte[] out;
            switch (kind) {
                case 0 -> {
                    out = input.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                }
                case 1 -> {
                    out = input.clone();
                    out[at] = (byte) value;
                }
                case 2 -> {
                    out = new byte[input.length + 1];
                    System.arraycopy(input, 0, out, 0, at);
                    out[at] = (byte) value;
                    System.arraycopy(input, at, out, at + 1, input.length - at);
                }
                case 3 -> {
                    out = new byte[input.length - 1];
                    System.arraycopy(input, 0, out, 0, at);
                    System.arraycopy(input, at + 1, out, at, input.length - at - 1);
                }
                default -> out = Arrays.copyOf(input, at);
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
    }

    @Provide
    Arbitrary<DerValueModel> trees() {
        return DerValueModel.values(3);
    }
}
