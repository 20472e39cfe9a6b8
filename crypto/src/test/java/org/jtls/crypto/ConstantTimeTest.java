package org.jtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Property
    void equalsAgreesWithArraysEquals(@ForAll byte[] a, @ForAll byte[] b) {
        assertEquals(Arrays.equals(a, b), ConstantTime.equals(a, b));
        assertTrue(ConstantTime.equals(a, a.clone()));
    }

    @Property
    void anySingleBitFlipMakesArraysUnequal(@ForAll byte[] a, @ForAll @IntRange(min = 0, max = 7) int bit,
            @ForAll @IntRange(min = 0, max = 10_000) int position) {
        if (a.length == 0) {
            return;
        }
        byte[] b = a.clone();
        b[position % a.length] ^= (byte) (1 << bit);
        assertFalse(ConstantTime.equals(a, b));
    }

    @Property
    void masksMatchComparisons(@ForAll @IntRange(min = 0, max = 1 << 30) int a,
            @ForAll @IntRange(min = 0, max = 1 << 30) int b) {
        assertEquals(a == b ? -1 : 0, ConstantTime.equalMask(a, b));
        assertEquals(a < b ? -1 : 0, ConstantTime.lessThanMask(a, b));
        assertEquals(a == b ? a : b, ConstantTime.select(ConstantTime.equalMask(a, b), a, b));
    }

    @Test
    void selectPicksWholeArrays() {
        byte[] ones = {1, 1, 1};
        byte[] twos = {2, 2, 2};
        byte[] out = new byte[3];
        ConstantTime.select(-1, ones, twos, out);
        assertArrayEquals(ones, out);
        ConstantTime.select(0, ones, twos, out);
        assertArrayEquals(twos, out);
    }
}
