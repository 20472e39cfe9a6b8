package org.jtls.x509.der;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * One element (identifier, length, contents) exactly as it was read, with its position in the
 * outermost input. It keeps the exact bytes, so an element of a type jtls does not interpret (an
 * ASN.1 {@code ANY}, an unknown extension) re-encodes unchanged. The {@code ...Value()} methods
 * interpret the contents whatever the tag says, which is how {@code IMPLICIT} tagged fields are
 * read; {@link DerReader}'s typed methods check the universal tag first.
 *
 * <p>Immutable: it refers to the reader's private copy of the input and hands out copies.
 */
public final class DerElement {
    private final byte[] source;
    private final Tag tag;
    private final int offset;
    private final int contentOffset;
    private final int end;
    private final int depth;
    private final DerLimits limits;

    DerElement(byte[] source, Tag tag, int offset, int contentOffset, int end, int depth, DerLimits limits) {
        this.source = source;
        this.tag = tag;
        this.offset = offset;
        this.contentOffset = contentOffset;
        this.end = end;
        this.depth = depth;
        this.limits = limits;
    }

    public Tag tag() {
        return tag;
    }

    /** Offset of the first identifier octet in the outermost input. */
    public int offset() {
        return offset;
    }

    /** Offset of the first content octet in the outermost input. */
    public int contentOffset() {
        return contentOffset;
    }

    public int contentLength() {
        return end - contentOffset;
    }

    public int encodedLength() {
        return end - offset;
    }

    /** Identifier, length and contents: the element's exact encoding. */
    public byte[] encoded() {
        return Arrays.copyOfRange(source, offset, end);
    }

    public byte[] content() {
        return Arrays.copyOfRange(source, contentOffset, end);
    }

    /**
     * A reader over the contents: the elements inside a constructed element, or the DER that an
     * OCTET STRING wraps (as an extension's {@code extnValue} does). Offsets stay relative to the
     * outermost input.
     *
     * @throws DerException if this would nest deeper than the limit
     */
    public DerReader contentReader() throws DerException {
        if (depth + 1 > limits.maxDepth()) {
            throw new DerException("elements nested more than " + limits.maxDepth() + " deep", offset);
        }
        return new DerReader(source, contentOffset, end, depth + 1, limits, tag.toString());
    }

    /** A reader whose only element is this one, for decoders that take a reader; offsets stay absolute. */
    public DerReader asReader() {
        return new DerReader(source, offset, end, depth, limits, tag.toString());
    }

    /**
     * A reader over the octets of a BIT STRING that wraps DER (an RSA public key does), which must
     * have no unused bits.
     */
    public DerReader bitStringContentReader() throws DerException {
        BitString bits = bitStringValue();
        if (!bits.isOctetAligned()) {
            throw new DerException("BIT STRING holding DER must have 0 unused bits", contentOffset);
        }
        if (depth + 1 > limits.maxDepth()) {
            throw new DerException("elements nested more than " + limits.maxDepth() + " deep", offset);
        }
        return new DerReader(source, contentOffset + 1, end, depth + 1, limits, "BIT STRING");
    }

    public BigInteger integerValue() throws DerException {
        return DerContent.integer(primitiveContent("INTEGER"), contentOffset);
    }

    /** The INTEGER's value when it lies in {@code min..max}. */
    public long longValue(long min, long max) throws DerException {
        BigInteger value = integerValue();
        if (value.bitLength() > 63 || value.longValue() < min || value.longValue() > max) {
            throw new DerException("INTEGER " + abbreviate(value) + " is outside " + min + ".." + max, contentOffset);
        }
        return value.longValue();
    }

    public boolean booleanValue() throws DerException {
        return DerContent.bool(primitiveContent("BOOLEAN"), contentOffset);
    }

    public void nullValue() throws DerException {
        DerContent.nullValue(primitiveContent("NULL"), contentOffset);
    }

    public ObjectIdentifier oidValue() throws DerException {
        return ObjectIdentifier.fromContent(primitiveContent("OBJECT IDENTIFIER"), contentOffset);
    }

    public BitString bitStringValue() throws DerException {
        return DerContent.bitString(primitiveContent("BIT STRING"), contentOffset);
    }

    public byte[] octetStringValue() throws DerException {
        return primitiveContent("OCTET STRING");
    }

    public String stringValue(StringType type) throws DerException {
        return type.decode(primitiveContent(type.tag().toString()), contentOffset);
    }

    /** The time this UTCTime or GeneralizedTime holds; other tags are an error. */
    public DerTime timeValue() throws DerException {
        if (tag.equals(Tag.UTC_TIME)) {
            return DerContent.utcTime(content(), contentOffset);
        }
        if (tag.equals(Tag.GENERALIZED_TIME)) {
            return DerContent.generalizedTime(content(), contentOffset);
        }
        throw new DerException("expected UTCTime or GeneralizedTime, found " + tag, offset);
    }

    /** Whether this is a universal character string type. */
    public boolean isString() {
        return StringType.forTag(tag) != null;
    }

    /** The character string this universal string element holds, with its type. */
    public DerString stringValue() throws DerException {
        StringType type = StringType.forTag(tag);
        if (type == null) {
            throw new DerException("expected a character string, found " + tag, offset);
        }
        return new DerString(type, type.decode(content(), contentOffset));
    }

    private byte[] primitiveContent(String what) throws DerException {
        if (tag.constructed()) {
            throw new DerException(what + " must use the primitive encoding", offset);
        }
        return content();
    }

    static String abbreviate(BigInteger value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 20) + "...(" + value.bitLength() + " bits)";
    }

    /** Elements are equal when their encodings are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DerElement that
                && Arrays.equals(source, offset, end, that.source, that.offset, that.end);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < end; i++) {
            hash = 31 * hash + source[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return tag + " (" + contentLength() + " content octets at offset " + offset + ")";
    }
}
