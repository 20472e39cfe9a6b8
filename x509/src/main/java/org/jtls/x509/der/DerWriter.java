package org.jtls.x509.der;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds DER: each {@code write...} appends one element, in the encoding {@link DerReader} accepts
 * and no other. Constructed elements are written with a callback that writes their contents:
 *
 * <pre>{@code
 * byte[] der = new DerWriter().writeSequence(seq -> seq.writeOid(oid).writeNull()).toByteArray();
 * }</pre>
 *
 * <p>The typed methods produce valid DER only; what they cannot encode (a string its type cannot
 * hold, a time outside its type's range) is an {@link IllegalArgumentException}.
 * {@link #writeElement} and {@link #writeEncoded} copy the bytes they are given, so tests can build
 * invalid encodings on purpose.
 */
public final class DerWriter {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An empty writer. */
    public DerWriter() {
        // elements are appended by the write methods
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** One element with this tag and these exact contents. */
    public DerWriter writeElement(Tag tag, byte[] content) {
        out.writeBytes(tag.encode());
        writeLength(content.length);
        out.writeBytes(content);
        return this;
    }

    /** Already-encoded element(s), copied as they are (such as {@link DerElement#encoded()}). */
    public DerWriter writeEncoded(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    public DerWriter write(DerElement element) {
        return writeEncoded(element.encoded());
    }

    public DerWriter writeConstructed(Tag tag, Consumer<DerWriter> contents) {
        if (!tag.constructed()) {
            throw new IllegalArgumentException(tag + " is not constructed");
        }
        DerWriter inner = new DerWriter();
        contents.accept(inner);
        return writeElement(tag, inner.toByteArray());
    }

    public DerWriter writeSequence(Consumer<DerWriter> contents) {
        return writeConstructed(Tag.SEQUENCE, contents);
    }

    /** A SET whose elements are written in the order given. */
    public DerWriter writeSet(Consumer<DerWriter> contents) {
        return writeConstructed(Tag.SET, contents);
    }

    /** A SET OF with its elements sorted as DER requires (X.690 §11.6: by their encodings). */
    public DerWriter writeSetOf(Consumer<DerWriter> contents) {
        DerWriter inner = new DerWriter();
        contents.accept(inner);
        List<byte[]> elements = splitElements(inner.toByteArray());
        elements.sort(DerWriter::compareEncodings);
        ByteArrayOutputStream sorted = new ByteArrayOutputStream();
        elements.forEach(sorted::writeBytes);
        return writeElement(Tag.SET, sorted.toByteArray());
    }

    /** {@code [tagNumber] EXPLICIT}: a constructed context-specific element around the contents. */
    public DerWriter writeExplicit(int tagNumber, Consumer<DerWriter> contents) {
        return writeConstructed(Tag.contextSpecific(tagNumber, true), contents);
    }

    /**
     * {@code [tagNumber] IMPLICIT}: the one element {@code contents} writes, with its tag replaced
     * by the context-specific one (keeping primitive or constructed).
     */
    public DerWriter writeImplicit(int tagNumber, Consumer<DerWriter> contents) {
        DerWriter inner = new DerWriter();
        contents.accept(inner);
        byte[] encoded = inner.toByteArray();
        List<byte[]> elements = splitElements(encoded);
        if (elements.size() != 1) {
            throw new IllegalArgumentException("IMPLICIT tagging needs exactly one element, got " + elements.size());
        }
        Header header = header(encoded, 0);
        Tag tag = Tag.contextSpecific(tagNumber, header.constructed);
        return writeElement(tag, Arrays.copyOfRange(encoded, header.contentOffset, encoded.length));
    }

    public DerWriter writeInteger(BigInteger value) {
        return writeElement(Tag.INTEGER, value.toByteArray());
    }

    public DerWriter writeInteger(long value) {
        return writeInteger(BigInteger.valueOf(value));
    }

    public DerWriter writeBoolean(boolean value) {
        return writeElement(Tag.BOOLEAN, new byte[] {value ? (byte) 0xFF : 0x00});
    }

    public DerWriter writeNull() {
        return writeElement(Tag.NULL, new byte[0]);
    }

    public DerWriter writeOid(ObjectIdentifier oid) {
        return writeElement(Tag.OBJECT_IDENTIFIER, oid.contentOctets());
    }

    public DerWriter writeBitString(BitString value) {
        byte[] bits = value.bytes();
        byte[] content = new byte[bits.length + 1];
        content[0] = (byte) value.unusedBits();
        System.arraycopy(bits, 0, content, 1, bits.length);
        return writeElement(Tag.BIT_STRING, content);
    }

    public DerWriter writeOctetString(byte[] value) {
        return writeElement(Tag.OCTET_STRING, value);
    }

    /** An OCTET STRING wrapping the DER that {@code contents} writes (as {@code extnValue} does). */
    public DerWriter writeOctetStringWrapping(Consumer<DerWriter> contents) {
        DerWriter inner = new DerWriter();
        contents.accept(inner);
        return writeOctetString(inner.toByteArray());
    }

    public DerWriter writeTime(DerTime time) {
        return time.encoding() == DerTime.Encoding.UTC_TIME
                ? writeElement(Tag.UTC_TIME, UTC_TIME.format(time.instant()).getBytes(StandardCharsets.US_ASCII))
                : writeElement(Tag.GENERALIZED_TIME,
                        GENERALIZED_TIME.format(time.instant()).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException outside 1950..2049 or with fractional seconds */
    public DerWriter writeUtcTime(Instant instant) {
        return writeTime(new DerTime(instant, DerTime.Encoding.UTC_TIME));
    }

    public DerWriter writeGeneralizedTime(Instant instant) {
        return writeTime(new DerTime(instant, DerTime.Encoding.GENERALIZED_TIME));
    }

    public DerWriter writeString(StringType type, String value) {
        return writeElement(type.tag(), type.encode(value));
    }

    public DerWriter writeString(DerString value) {
        return writeString(value.type(), value.value());
    }

    private void writeLength(int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = 4 - Integer.numberOfLeadingZeros(length) / 8;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    private record Header(boolean constructed, int contentOffset, int end) {
    }

    /** Parses a header this writer produced (so it is well-formed). */
    private static Header header(byte[] encoded, int at) {
        int p = at;
        boolean constructed = (encoded[p] & 0x20) != 0;
        boolean highTagNumber = (encoded[p++] & 0x1F) == 0x1F;
        while (highTagNumber && (encoded[p] & 0x80) != 0) {
            p++;
        }
        if (highTagNumber) {
            p++;
        }
        int lengthOctet = encoded[p++] & 0xFF;
        int length = lengthOctet;
        if (lengthOctet >= 0x80) {
            length = 0;
            for (int i = 0; i < (lengthOctet & 0x7F); i++) {
                length = (length << 8) | (encoded[p++] & 0xFF);
            }
        }
        return new Header(constructed, p, p + length);
    }

    private static List<byte[]> splitElements(byte[] encoded) {
        List<byte[]> elements = new ArrayList<>();
        int at = 0;
        while (at < encoded.length) {
            Header header = header(encoded, at);
            elements.add(Arrays.copyOfRange(encoded, at, header.end));
            at = header.end;
        }
        return elements;
    }

    /** X.690 §11.6: encodings compared as octet strings, the shorter padded with trailing zeros. */
    private static int compareEncodings(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        int compared = Arrays.compareUnsigned(a, 0, common, b, 0, common);
        if (compared != 0) {
            return compared;
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        return "DerWriter[" + out.size() + " bytes]";
    }

}
