package org.jtls.crypto;

/**
 * Comparisons and selections whose running time depends only on the lengths of their inputs,
 * never on their contents. Use for MACs, Finished values, binders, padding checks.
 */
public final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * Whether two arrays are equal. Arrays of different lengths are unequal; the time taken then
     * depends on the lengths only (lengths are public in TLS).
     */
    public static boolean equals(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        return equals(a, 0, b, 0, a.length);
    }

    /** Whether {@code a[aOffset..aOffset+length)} equals {@code b[bOffset..bOffset+length)}. */
    public static boolean equals(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= a[aOffset + i] ^ b[bOffset + i];
        }
        return difference == 0;
    }

    /** {@code 0xFFFFFFFF} if {@code a == b}, else 0. */
    public static int equalMask(int a, int b) {
        int difference = a ^ b;
        // (difference | -difference) has its top bit set exactly when difference != 0.
        return ((difference | -difference) >> 31) ^ -1;
    }

    /** {@code 0xFFFFFFFF} if {@code a < b}, else 0; both must be non-negative. */
    public static int lessThanMask(int a, int b) {
        return (a - b) >> 31;
    }

    /** {@code mask == -1 ? ifSet : ifClear}, for a mask that is 0 or -1. */
    public static int select(int mask, int ifSet, int ifClear) {
        return (ifSet & mask) | (ifClear & ~mask);
    }

    /**
     * Writes {@code mask == -1 ? ifSet[i] : ifClear[i]} into {@code out[i]} for every i; all three
     * arrays have the same length.
     */
    public static void select(int mask, byte[] ifSet, byte[] ifClear, byte[] out) {
        if (ifSet.length != ifClear.length || out.length != ifSet.length) {
            throw new IllegalArgumentException("select needs arrays of one length");
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((ifSet[i] & mask) | (ifClear[i] & ~mask));
        }
    }
}
