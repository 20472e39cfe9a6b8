package org.jtls.handshake.message.internal;

import java.util.ArrayList;
import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * The vectors that recur across handshake messages and extensions: lists of one- or two-byte code
 * points and lists of opaque values, each under a length prefix with the RFC's
 * {@code <floor..ceiling>}. All bounds checks are {@link TlsReader}'s.
 */
public final class Vectors {
    private Vectors() {
    }

    /** {@code uint8 field<floor..ceiling>} under a one-byte length. */
    public static List<Integer> readU8List(TlsReader reader, int floor, int ceiling, String field)
            throws TlsAlertException {
        TlsReader list = reader.vector(1, floor, ceiling, 1, field);
        List<Integer> values = new ArrayList<>();
        while (list.hasRemaining()) {
            values.add(list.u8(field));
        }
        return List.copyOf(values);
    }

    /** A list of two-byte code points under a {@code lengthBytes}-byte length. */
    public static List<Integer> readU16List(TlsReader reader, int lengthBytes, int floor, int ceiling, String field)
            throws TlsAlertException {
        TlsReader list = reader.vector(lengthBytes, floor, ceiling, 2, field);
        List<Integer> values = new ArrayList<>();
        while (list.hasRemaining()) {
            values.add(list.u16(field));
        }
        return List.copyOf(values);
    }

    public static void writeU8List(TlsWriter writer, int ceiling, List<Integer> values) {
        writer.startVector(1, ceiling);
        for (int value : values) {
            writer.u8(value);
        }
        writer.endVector();
    }

    public static void writeU16List(TlsWriter writer, int lengthBytes, int ceiling, List<Integer> values) {
        writer.startVector(lengthBytes, ceiling);
        for (int value : values) {
            writer.u16(value);
        }
        writer.endVector();
    }

    /**
     * A list of opaque items: the list has a {@code listLengthBytes}-byte length within
     * {@code <listFloor..listCeiling>}, each item a {@code itemLengthBytes}-byte length within
     * {@code <itemFloor..itemCeiling>}.
     */
    public static List<Opaque> readOpaqueList(TlsReader reader, int listLengthBytes, int listFloor, int listCeiling,
            int itemLengthBytes, int itemFloor, int itemCeiling, String field) throws TlsAlertException {
        TlsReader list = reader.vector(listLengthBytes, listFloor, listCeiling, 1, field);
        List<Opaque> items = new ArrayList<>();
        while (list.hasRemaining()) {
            items.add(readOpaque(list, itemLengthBytes, itemFloor, itemCeiling, field + " entry"));
        }
        return List.copyOf(items);
    }

    public static void writeOpaqueList(TlsWriter writer, int listLengthBytes, int listCeiling, int itemLengthBytes,
            List<Opaque> items) {
        writer.startVector(listLengthBytes, listCeiling);
        for (Opaque item : items) {
            writeOpaque(writer, itemLengthBytes, item);
        }
        writer.endVector();
    }

    /** {@code opaque field<floor..ceiling>} under a {@code lengthBytes}-byte length. */
    public static Opaque readOpaque(TlsReader reader, int lengthBytes, int floor, int ceiling, String field)
            throws TlsAlertException {
        byte[] value = switch (lengthBytes) {
            case 1 -> reader.opaque8(floor, ceiling, field);
            case 2 -> reader.opaque16(floor, ceiling, field);
            case 3 -> reader.opaque24(floor, ceiling, field);
            default -> throw new IllegalArgumentException("length prefix of " + lengthBytes + " bytes");
        };
        return Opaque.of(value);
    }

    public static void writeOpaque(TlsWriter writer, int lengthBytes, Opaque value) {
        byte[] bytes = value.toByteArray();
        switch (lengthBytes) {
            case 1 -> writer.opaque8(bytes);
            case 2 -> writer.opaque16(bytes);
            case 3 -> writer.opaque24(bytes);
            default -> throw new IllegalArgumentException("length prefix of " + lengthBytes + " bytes");
        }
    }

    /** The bytes a list of items occupies inside its vector, each item with its own length prefix. */
    public static long encodedLength(List<Opaque> items, int itemLengthBytes) {
        long total = 0;
        for (Opaque item : items) {
            total += itemLengthBytes + item.length();
        }
        return total;
    }
}
