package org.jtls.handshake.message.internal;

import java.util.List;
import java.util.Objects;
import org.jtls.handshake.message.Opaque;

/**
 * Argument checks for the message and extension constructors. A constructor accepts exactly the
 * values its decoder accepts, so every value that can be built encodes to bytes that decode back
 * to it; breaking that on purpose is what raw extensions and byte-level interception are for.
 * Violations are programming errors: {@link IllegalArgumentException}.
 */
public final class Checks {
    private Checks() {
    }

    /** An opaque value of {@code floor..ceiling} bytes. */
    public static Opaque length(Opaque value, int floor, int ceiling, String field) {
        Objects.requireNonNull(value, field);
        if (value.length() < floor || value.length() > ceiling) {
            throw new IllegalArgumentException(field + " must be " + floor + ".." + ceiling + " bytes, not "
                    + value.length());
        }
        return value;
    }

    /** An immutable copy of {@code values}, each in {@code 0..max}, with {@code minCount..maxCount} entries. */
    public static List<Integer> codes(List<Integer> values, int minCount, int maxCount, int max, String field) {
        List<Integer> copy = List.copyOf(Objects.requireNonNull(values, field));
        count(copy.size(), minCount, maxCount, field);
        for (int value : copy) {
            range(value, 0, max, field);
        }
        return copy;
    }

    /**
     * An immutable copy of opaque {@code items}, each {@code itemFloor..itemCeiling} bytes, whose
     * encoding with {@code itemLengthBytes}-byte prefixes fills {@code listFloor..listCeiling} bytes.
     */
    public static List<Opaque> opaqueList(List<Opaque> items, int itemLengthBytes, int itemFloor, int itemCeiling,
            int listFloor, int listCeiling, String field) {
        List<Opaque> copy = List.copyOf(Objects.requireNonNull(items, field));
        for (Opaque item : copy) {
            length(item, itemFloor, itemCeiling, field + " entry");
        }
        long encoded = Vectors.encodedLength(copy, itemLengthBytes);
        if (encoded < listFloor || encoded > listCeiling) {
            throw new IllegalArgumentException(field + " must encode to " + listFloor + ".." + listCeiling
                    + " bytes, not " + encoded);
        }
        return copy;
    }

    public static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", not " + value);
        }
        return value;
    }

    public static long u32(long value, String field) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " must fit in 32 bits, not " + value);
        }
        return value;
    }

    public static void count(int size, int min, int max, String field) {
        if (size < min || size > max) {
            throw new IllegalArgumentException(field + " must have " + min + ".." + max + " entries, not " + size);
        }
    }
}
