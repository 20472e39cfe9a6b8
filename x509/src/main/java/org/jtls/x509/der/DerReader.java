package org.jtls.x509.der;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A strict DER reader over the elements inside one container (or the outermost input): definite
 * lengths only, in the fewest octets; tag numbers in the shortest form; each value's content rule
 * checked (minimal INTEGERs, 0x00/0xFF BOOLEANs, minimal OID subidentifiers, zeroed unused BIT
 * STRING bits, RFC 5280 times, character sets). Every violation is a {@link DerException} with the
 * offset of the offending byte in the outermost input.
 *
 * <p>Read fields in schema order with the typed methods, descend with {@link #readSequence()} and
 * the tag helpers, and call {@link #end()} when a container's last field has been read: it rejects
 * trailing data. {@link #read()} returns an element as raw bytes after checking its whole tree.
 *
 * <p>Not checked: that the elements of a SET OF appear in DER sort order (X.690 §11.6). Structures
 * that X.509 defines as SET OF (the attributes of one RDN) almost always hold a single element,
 * and re-encoding keeps the received order, so nothing depends on it.
 */
public final class DerReader {
    private final byte[] source;
    private final int end;
    private final int depth;
    private final DerLimits limits;
    private final String container;
    private int position;

    DerReader(byte[] source, int start, int end, int depth, DerLimits limits, String container) {
        this.source = source;
        this.position = start;
        this.end = end;
        this.depth = depth;
        this.limits = limits;
        this.container = container;
    }

    /** A reader over {@code input} (copied) with {@link DerLimits#DEFAULT}. */
    public static DerReader of(byte[] input) throws DerException {
        return of(input, DerLimits.DEFAULT);
    }

    public static DerReader of(byte[] input, DerLimits limits) throws DerException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        if (input.length > limits.maxInputLength()) {
            throw new DerException("input of " + input.length + " bytes exceeds the limit of "
                    + limits.maxInputLength(), 0);
        }
        return new DerReader(input.clone(), 0, input.length, 0, limits, "the input");
    }

    /** Exactly one fully checked element filling all of {@code input}. */
    public static DerElement parse(byte[] input) throws DerException {
        return parse(input, DerLimits.DEFAULT);
    }

    public static DerElement parse(byte[] input, DerLimits limits) throws DerException {
        DerReader reader = of(input, limits);
        DerElement element = reader.read();
        reader.end();
        return element;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    /** Offset of the next element in the outermost input. */
    public int position() {
        return position;
    }

    /** Rejects anything left after the last expected element. */
    public void end() throws DerException {
        if (position < end) {
            throw new DerException("unexpected data after the last field of " + container
                    + " (" + (end - position) + " bytes left)", position);
        }
    }

    /** The next element's tag, without consuming it. */
    public Tag peekTag() throws DerException {
        return readHeader(position).tag();
    }

    /** Whether another element follows and has exactly this tag. */
    public boolean nextIs(Tag tag) throws DerException {
        return hasRemaining() && peekTag().equals(tag);
    }

    // ---- raw elements ----

    /** The next element, whatever its tag, its whole tree checked against the DER rules. */
    public DerElement read() throws DerException {
        DerElement element = readHeader(position);
        position = element.offset() + element.encodedLength();
        validate(element);
        return element;
    }

    /** The next element, which must have {@code expected} as its tag. */
    public DerElement read(Tag expected) throws DerException {
        DerElement element = readHeader(position);
        requireTag(element, expected);
        position = element.offset() + element.encodedLength();
        validate(element);
        return element;
    }

    /** The next element if it has this tag; otherwise {@code null} and nothing is consumed. */
    public DerElement readOptional(Tag tag) throws DerException {
        return nextIs(tag) ? read(tag) : null;
    }

    // ---- constructed ----

    /** Enters a SEQUENCE; its fields are checked as they are read from the returned reader. */
    public DerReader readSequence() throws DerException {
        return enter(Tag.SEQUENCE);
    }

    public DerReader readSet() throws DerException {
        return enter(Tag.SET);
    }

    /** Enters {@code [tagNumber] EXPLICIT}: a constructed context-specific element around one value. */
    public DerReader readExplicit(int tagNumber) throws DerException {
        return enter(Tag.contextSpecific(tagNumber, true));
    }

    /** {@link #readExplicit} if the next element is {@code [tagNumber]} constructed, else {@code null}. */
    public DerReader readOptionalExplicit(int tagNumber) throws DerException {
        return nextIs(Tag.contextSpecific(tagNumber, true)) ? readExplicit(tagNumber) : null;
    }

    /** Enters an element with this (constructed) tag, such as an IMPLICIT-tagged SEQUENCE. */
    public DerReader enter(Tag tag) throws DerException {
        if (!tag.constructed()) {
            throw new IllegalArgumentException("cannot enter a primitive " + tag);
        }
        DerElement element = readHeader(position);
        requireTag(element, tag);
        position = element.offset() + element.encodedLength();
        return element.contentReader();
    }

    // ---- primitive values ----

    public BigInteger readInteger() throws DerException {
        return read(Tag.INTEGER).integerValue();
    }

    /** An INTEGER that must lie in {@code min..max}. */
    public long readLong(long min, long max) throws DerException {
        return read(Tag.INTEGER).longValue(min, max);
    }

    public boolean readBoolean() throws DerException {
        return read(Tag.BOOLEAN).booleanValue();
    }

    public void readNull() throws DerException {
        read(Tag.NULL);
    }

    public ObjectIdentifier readOid() throws DerException {
        return read(Tag.OBJECT_IDENTIFIER).oidValue();
    }

    public BitString readBitString() throws DerException {
        return read(Tag.BIT_STRING).bitStringValue();
    }

    public byte[] readOctetString() throws DerException {
        return read(Tag.OCTET_STRING).octetStringValue();
    }

    /** A UTCTime or GeneralizedTime, with which of the two it was. */
    public DerTime readTime() throws DerException {
        DerElement element = readHeader(position);
        if (!element.tag().equals(Tag.UTC_TIME) && !element.tag().equals(Tag.GENERALIZED_TIME)) {
            throw new DerException("expected UTCTime or GeneralizedTime, found " + element.tag(), element.offset());
        }
        return read().timeValue();
    }

    public Instant readUtcTime() throws DerException {
        return read(Tag.UTC_TIME).timeValue().instant();
    }

    public Instant readGeneralizedTime() throws DerException {
        return read(Tag.GENERALIZED_TIME).timeValue().instant();
    }

    /** A character string of exactly this type. */
    public String readString(StringType type) throws DerException {
        return read(type.tag()).stringValue(type);
    }

    /** A character string of any of the {@link StringType}s. */
    public DerString readAnyString() throws DerException {
        DerElement element = readHeader(position);
        if (!element.isString()) {
            throw new DerException("expected a character string, found " + element.tag(), element.offset());
        }
        return read().stringValue();
    }

    // ---- the rules ----

    private void requireTag(DerElement element, Tag expected) throws DerException {
        if (!element.tag().equals(expected)) {
            throw new DerException("expected " + expected + ", found " + element.tag(), element.offset());
        }
    }

    /** Identifier and length octets at {@code at}; the contents must fit in this container. */
    private DerElement readHeader(int at) throws DerException {
        if (at >= end) {
            throw new DerException("expected another element in " + container + ", found its end", at);
        }
        int p = at;
        int first = source[p++] & 0xFF;
        TagClass tagClass = TagClass.fromBits(first >>> 6);
        boolean constructed = (first & 0x20) != 0;
        int number = first & 0x1F;
        if (number == 0x1F) {
            number = 0;
            int octets = 0;
            while (true) {
                if (p >= end) {
                    throw new DerException("tag number runs past the end of " + container, p);
                }
                int octet = source[p++] & 0xFF;
                if (octets == 0 && octet == 0x80) {
                    throw new DerException("tag number has a leading 0x80 octet (not minimal)", p - 1);
                }
                if (++octets > 4) {
                    throw new DerException("tag number too large", p - 1);
                }
                number = (number << 7) | (octet & 0x7F);
                if ((octet & 0x80) == 0) {
                    break;
                }
            }
            if (number < 31) {
                // X.690 §8.1.2.2: numbers up to 30 must use the single-octet form.
                throw new DerException("tag number " + number + " must use the single-octet form", at);
            }
        }
        if (tagClass == TagClass.UNIVERSAL && number == 0) {
            throw new DerException("end-of-contents octets where an element was expected "
                    + "(indefinite lengths are not DER)", at);
        }
        Tag tag = new Tag(tagClass, constructed, number);
        checkUniversalForm(tag, at);

        if (p >= end) {
            throw new DerException("expected a length after " + tag + ", found the end of " + container, p);
        }
        int lengthOffset = p;
        int lengthOctet = source[p++] & 0xFF;
        long length;
        if (lengthOctet < 0x80) {
            length = lengthOctet;
        } else if (lengthOctet == 0x80) {
            throw new DerException("indefinite length is not allowed in DER", lengthOffset);
        } else {
            int count = lengthOctet & 0x7F;
            if (count > 4) {
                throw new DerException("length of " + count + " octets is too large", lengthOffset);
            }
            if (end - p < count) {
                throw new DerException("length octets run past the end of " + container, lengthOffset);
            }
            if (source[p] == 0) {
                throw new DerException("length has a leading zero octet (not minimal)", lengthOffset);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (source[p++] & 0xFF);
            }
            if (length < 0x80) {
                throw new DerException("length " + length + " must use the short form", lengthOffset);
            }
        }
        if (length > end - p) {
            throw new DerException("length " + length + " exceeds the " + (end - p) + " bytes left in "
                    + container, lengthOffset);
        }
        return new DerElement(source, tag, at, p, p + (int) length, depth, limits);
    }

    /** X.690 §10.2 and §8.9/§8.11: DER strings and scalars are primitive, SEQUENCE and SET constructed. */
    private static void checkUniversalForm(Tag tag, int at) throws DerException {
        if (!tag.isUniversal()) {
            return;
        }
        int number = tag.number();
        boolean mustBeConstructed = number == 16 || number == 17;
        boolean mustBePrimitive = (number >= 1 && number <= 7) || number == 10 || number == 12
                || (number >= 18 && number <= 30);
        if (mustBeConstructed && !tag.constructed()) {
            throw new DerException(tag + " must use the constructed encoding", at);
        }
        if (mustBePrimitive && tag.constructed()) {
            throw new DerException(Tag.universal(number, false) + " must use the primitive encoding in DER", at);
        }
    }

    /** Checks an element's contents: universal primitives by their rule, constructed ones recursively. */
    private static void validate(DerElement element) throws DerException {
        Tag tag = element.tag();
        if (tag.constructed()) {
            DerReader inner = element.contentReader();
            while (inner.hasRemaining()) {
                inner.read();
            }
            return;
        }
        if (!tag.isUniversal()) {
            return;
        }
        switch (tag.number()) {
            case 1 -> element.booleanValue();
            case 2, 10 -> element.integerValue();
            case 3 -> element.bitStringValue();
            case 5 -> element.nullValue();
            case 6 -> element.oidValue();
            case 23, 24 -> element.timeValue();
            default -> {
                if (element.isString()) {
                    element.stringValue();
                }
            }
        }
    }
}
