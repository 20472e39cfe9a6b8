package org.jtls.record.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.api.Test;

class TlsCodecTest {

    @Property
    void integersRoundTrip(@ForAll @IntRange(max = 0xFF) int a, @ForAll @IntRange(max = 0xFFFF) int b,
            @ForAll @IntRange(max = 0xFFFFFF) int c, @ForAll @IntRange(max = Integer.MAX_VALUE) int d)
            throws TlsAlertException {
        byte[] encoded = new TlsWriter().u8(a).u16(b).u24(c).u32(d).toByteArray();
        assertEquals(10, encoded.length);
        TlsReader reader = TlsReader.of(encoded);
        assertEquals(a, reader.u8("a"));
        assertEquals(b, reader.u16("b"));
        assertEquals(c, reader.u24("c"));
        assertEquals(d, reader.u32("d"));
        reader.expectEnd("test");
    }

    @Property
    void opaqueVectorsRoundTrip(@ForAll @Size(max = 255) byte[] small, @ForAll @Size(max = 3000) byte[] large)
            throws TlsAlertException {
        byte[] encoded = new TlsWriter().opaque8(small).opaque16(large).opaque24(large).toByteArray();
        TlsReader reader = TlsReader.of(encoded);
        assertArrayEquals(small, reader.opaque8(0, 255, "small"));
        assertArrayEquals(large, reader.opaque16(0, 0xFFFF, "large"));
        assertArrayEquals(large, reader.opaque24(0, 0xFFFFFF, "large24"));
        reader.expectEnd("test");
    }

    @Property
    void nestedVectorsRoundTrip(@ForAll @Size(max = 20) List<@IntRange(max = 0xFFFF) Integer> values)
            throws TlsAlertException {
        TlsWriter writer = new TlsWriter().startVector(2, 0xFFFF);
        for (int value : values) {
            writer.u16(value);
        }
        byte[] encoded = writer.endVector().toByteArray();
        TlsReader list = TlsReader.of(encoded).vector(2, 0, 0xFFFF, 2, "list");
        for (int value : values) {
            assertEquals(value, list.u16("element"));
        }
        list.expectEnd("list");
    }

    /** Whatever the bytes, reading ends in a value or a decode_error — never an unchecked exception. */
    @Property
    void arbitraryInputOnlyEverFailsWithDecodeError(@ForAll byte[] input) {
        TlsReader reader = TlsReader.of(input);
        try {
            reader.u8("type");
            TlsReader body = reader.vector(3, 0, 1 << 14, 1, "body");
            body.opaque16(1, 100, "field");
            body.vector(1, 2, 254, 2, "list").u16("first");
            reader.expectEnd("message");
        } catch (TlsAlertException e) {
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
            assertTrue(e.isLocal());
        }
    }

    @Test
    void truncatedFieldNamesTheField() {
        TlsAlertException error = assertThrows(TlsAlertException.class,
                () -> TlsReader.of(new byte[] {0x01}).u16("cipher_suite"));
        assertEquals(AlertDescription.DECODE_ERROR, error.alert());
        assertTrue(error.getMessage().contains("cipher_suite"), error.getMessage());
    }

    @Test
    void vectorLengthOutsideFloorAndCeilingIsDecodeError() {
        byte[] oneElement = {0x00, 0x02, 0x13, 0x01};
        assertThrows(TlsAlertException.class, () -> TlsReader.of(oneElement).vector(2, 4, 100, 2, "cipher_suites"));
        assertThrows(TlsAlertException.class, () -> TlsReader.of(oneElement).vector(2, 0, 1, 1, "x"));
    }

    @Test
    void oddLengthForTwoByteElementsIsDecodeError() {
        byte[] odd = {0x00, 0x03, 0x13, 0x01, 0x13};
        TlsAlertException error = assertThrows(TlsAlertException.class,
                () -> TlsReader.of(odd).vector(2, 2, 0xFFFE, 2, "cipher_suites"));
        assertTrue(error.getMessage().contains("multiple of 2"), error.getMessage());
    }

    @Test
    void lengthBeyondInputIsDecodeError() {
        byte[] claimsTen = {0x00, 0x0A, 0x01};
        assertThrows(TlsAlertException.class, () -> TlsReader.of(claimsTen).opaque16(0, 0xFFFF, "data"));
    }

    @Test
    void trailingBytesAreDecodeError() throws TlsAlertException {
        TlsReader reader = TlsReader.of(new byte[] {1, 2});
        reader.u8("first");
        assertThrows(TlsAlertException.class, () -> reader.expectEnd("Finished"));
    }

    @Test
    void writerRefusesVectorsOverTheirCeiling() {
        TlsWriter writer = new TlsWriter().startVector(1, 3).bytes(new byte[4]);
        assertThrows(IllegalStateException.class, writer::endVector);
        assertThrows(IllegalArgumentException.class, () -> new TlsWriter().u16(0x10000));
    }
}
