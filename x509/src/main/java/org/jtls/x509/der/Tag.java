package org.jtls.x509.der;

import java.util.Objects;

/**
 * An identifier: class, primitive or constructed, and tag number (X.690 §8.1.2). Numbers from 31
 * up use the high-tag-number form; jtls accepts numbers up to 2<sup>28</sup> - 1 (four
 * continuation octets), far beyond any real schema.
 */
public record Tag(TagClass tagClass, boolean constructed, int number) {
    static final int MAX_NUMBER = (1 << 28) - 1;

    public static final Tag BOOLEAN = universal(1, false);
    public static final Tag INTEGER = universal(2, false);
    public static final Tag BIT_STRING = universal(3, false);
    public static final Tag OCTET_STRING = universal(4, false);
    public static final Tag NULL = universal(5, false);
    public static final Tag OBJECT_IDENTIFIER = universal(6, false);
    public static final Tag ENUMERATED = universal(10, false);
    public static final Tag UTF8_STRING = universal(12, false);
    public static final Tag SEQUENCE = universal(16, true);
    public static final Tag SET = universal(17, true);
    public static final Tag NUMERIC_STRING = universal(18, false);
    public static final Tag PRINTABLE_STRING = universal(19, false);
    public static final Tag TELETEX_STRING = universal(20, false);
    public static final Tag IA5_STRING = universal(22, false);
    public static final Tag UTC_TIME = universal(23, false);
    public static final Tag GENERALIZED_TIME = universal(24, false);
    public static final Tag VISIBLE_STRING = universal(26, false);
    public static final Tag UNIVERSAL_STRING = universal(28, false);
    public static final Tag BMP_STRING = universal(30, false);

    public Tag {
        Objects.requireNonNull(tagClass, "tagClass");
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("tag number out of range: " + number);
        }
    }

    public static Tag universal(int number, boolean constructed) {
        return new Tag(TagClass.UNIVERSAL, constructed, number);
    }

    /** {@code [number]}: a context-specific tag, as X.509's schemas use for optional fields. */
    public static Tag contextSpecific(int number, boolean constructed) {
        return new Tag(TagClass.CONTEXT_SPECIFIC, constructed, number);
    }

    public boolean isUniversal() {
        return tagClass == TagClass.UNIVERSAL;
    }

    public boolean isContextSpecific(int tagNumber) {
        return tagClass == TagClass.CONTEXT_SPECIFIC && number == tagNumber;
    }

    /** This tag with the constructed bit changed. */
    public Tag withConstructed(boolean isConstructed) {
        return new Tag(tagClass, isConstructed, number);
    }

    /** The identifier octets. */
    byte[] encode() {
        int first = tagClass.bits() | (constructed ? 0x20 : 0);
        if (number < 31) {
            return new byte[] {(byte) (first | number)};
        }
        int groups = 1;
        for (int rest = number >>> 7; rest != 0; rest >>>= 7) {
            groups++;
        }
        byte[] out = new byte[1 + groups];
        out[0] = (byte) (first | 0x1F);
        for (int i = 0; i < groups; i++) {
            int shift = 7 * (groups - 1 - i);
            out[1 + i] = (byte) (((number >>> shift) & 0x7F) | (i < groups - 1 ? 0x80 : 0));
        }
        return out;
    }

    @Override
    public String toString() {
        String form = constructed ? " constructed" : "";
        if (tagClass == TagClass.UNIVERSAL) {
            String name = universalName(number);
            return name != null ? name : "[UNIVERSAL " + number + "]" + form;
        }
        String prefix = tagClass == TagClass.CONTEXT_SPECIFIC ? "" : tagClass.name() + " ";
        return "[" + prefix + number + "]" + form;
    }

    private static String universalName(int number) {
        return switch (number) {
            case 1 -> "BOOLEAN";
            case 2 -> "INTEGER";
            case 3 -> "BIT STRING";
            case 4 -> "OCTET STRING";
            case 5 -> "NULL";
            case 6 -> "OBJECT IDENTIFIER";
            case 10 -> "ENUMERATED";
            case 12 -> "UTF8String";
            case 16 -> "SEQUENCE";
            case 17 -> "SET";
            case 18 -> "NumericString";
            case 19 -> "PrintableString";
            case 20 -> "TeletexString";
            case 22 -> "IA5String";
            case 23 -> "UTCTime";
            case 24 -> "GeneralizedTime";
            case 26 -> "VisibleString";
            case 28 -> "UniversalString";
            case 30 -> "BMPString";
            default -> null;
        };
    }
}
