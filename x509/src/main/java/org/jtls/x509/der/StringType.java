package org.jtls.x509.der;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The ASN.1 character string types found in certificates, with how their octets map to text and
 * which characters each allows (X.680 §41). DER encodes all of them primitively.
 */
public enum StringType {
    UTF8_STRING(Tag.UTF8_STRING),
    NUMERIC_STRING(Tag.NUMERIC_STRING),
    /** X.680 §41.4: A-Z a-z 0-9 space ' ( ) + , - . / : = ? */
    PRINTABLE_STRING(Tag.PRINTABLE_STRING),
    /** T.61 in theory; in practice Latin-1, which is how every major library reads it. */
    TELETEX_STRING(Tag.TELETEX_STRING),
    IA5_STRING(Tag.IA5_STRING),
    VISIBLE_STRING(Tag.VISIBLE_STRING),
    /** UCS-4, big-endian. */
    UNIVERSAL_STRING(Tag.UNIVERSAL_STRING),
    /** UCS-2, big-endian: the Basic Multilingual Plane only. */
    BMP_STRING(Tag.BMP_STRING);

    private final Tag tag;

    StringType(Tag tag) {
        this.tag = tag;
    }

    public Tag tag() {
        return tag;
    }

    /** The string type with this universal tag number, or {@code null}. */
    public static StringType forTagNumber(int universalTagNumber) {
        for (StringType type : values()) {
            if (type.tag.number() == universalTagNumber) {
                return type;
            }
        }
        return null;
    }

    /** The string type of a universal primitive tag, or {@code null}. */
    public static StringType forTag(Tag tag) {
        return tag.isUniversal() && !tag.constructed() ? forTagNumber(tag.number()) : null;
    }

    /** Decodes content octets found at {@code offset}, checking the type's character set. */
    public String decode(byte[] content, int offset) throws DerException {
        switch (this) {
            case UTF8_STRING:
                return strictDecode(StandardCharsets.UTF_8.newDecoder(), content, offset);
            case TELETEX_STRING:
                return new String(content, StandardCharsets.ISO_8859_1);
            case BMP_STRING:
                if (content.length % 2 != 0) {
                    throw new DerException("BMPString of odd length " + content.length, offset);
                }
                char[] units = new char[content.length / 2];
                for (int i = 0; i < units.length; i++) {
                    units[i] = (char) (((content[2 * i] & 0xFF) << 8) | (content[2 * i + 1] & 0xFF));
                    if (Character.isSurrogate(units[i])) {
                        // UCS-2 has no surrogates: a BMPString cannot leave the Basic Multilingual Plane.
                        throw new DerException("BMPString holds a surrogate code unit", offset + 2 * i);
                    }
                }
                return new String(units);
            case UNIVERSAL_STRING:
                return decodeUniversal(content, offset);
            default:
                for (int i = 0; i < content.length; i++) {
                    if (!allows(content[i] & 0xFF)) {
                        throw new DerException(String.format("character 0x%02x is not allowed in %s",
                                content[i] & 0xFF, tag), offset + i);
                    }
                }
                return new String(content, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The content octets for {@code value}.
     *
     * @throws IllegalArgumentException if the type cannot represent a character of {@code value}
     */
    public byte[] encode(String value) {
        if (!canEncode(value)) {
            throw new IllegalArgumentException(tag + " cannot represent \"" + value + "\"");
        }
        return switch (this) {
            case UTF8_STRING -> value.getBytes(StandardCharsets.UTF_8);
            case TELETEX_STRING, NUMERIC_STRING, PRINTABLE_STRING, IA5_STRING, VISIBLE_STRING ->
                    value.getBytes(StandardCharsets.ISO_8859_1);
            case BMP_STRING -> value.getBytes(StandardCharsets.UTF_16BE);
            case UNIVERSAL_STRING -> encodeUniversal(value);
        };
    }

    /** Whether every character of {@code value} can be represented. */
    public boolean canEncode(String value) {
        return switch (this) {
            case UTF8_STRING, UNIVERSAL_STRING -> wellFormedUtf16(value);
            case BMP_STRING -> value.chars().noneMatch(c -> Character.isSurrogate((char) c));
            case TELETEX_STRING -> value.chars().allMatch(c -> c <= 0xFF);
            default -> value.chars().allMatch(this::allows);
        };
    }

    private boolean allows(int c) {
        return switch (this) {
            case NUMERIC_STRING -> (c >= '0' && c <= '9') || c == ' ';
            case PRINTABLE_STRING -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || " '()+,-./:=?".indexOf(c) >= 0;
            case IA5_STRING -> c <= 0x7F;
            case VISIBLE_STRING -> c >= 0x20 && c <= 0x7E;
            default -> true;
        };
    }

    private static String strictDecode(CharsetDecoder decoder, byte[] content, int offset) throws DerException {
        try {
            return decoder.onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new DerException("UTF8String is not valid UTF-8", offset, e);
        }
    }

    private static String decodeUniversal(byte[] content, int offset) throws DerException {
        if (content.length % 4 != 0) {
            throw new DerException("UniversalString length " + content.length + " is not a multiple of 4", offset);
        }
        StringBuilder out = new StringBuilder(content.length / 4);
        for (int i = 0; i < content.length; i += 4) {
            int codePoint = ((content[i] & 0xFF) << 24) | ((content[i + 1] & 0xFF) << 16)
                    | ((content[i + 2] & 0xFF) << 8) | (content[i + 3] & 0xFF);
            if (codePoint < 0 || codePoint > Character.MAX_CODE_POINT
                    || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                throw new DerException(String.format("UniversalString holds invalid code point 0x%x", codePoint),
                        offset + i);
            }
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    private static byte[] encodeUniversal(String value) {
        int[] codePoints = value.codePoints().toArray();
        ByteBuffer out = ByteBuffer.allocate(codePoints.length * 4);
        for (int codePoint : codePoints) {
            out.putInt(codePoint);
        }
        return out.array();
    }

    private static boolean wellFormedUtf16(String value) {
        try {
            StandardCharsets.UTF_16.newEncoder().onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(value));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
