package org.jtls.x509.name;

import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerString;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.StringType;

/**
 * One naming attribute: a type and a value. The value is kept as the exact element it was encoded
 * as, so its string type (PrintableString, UTF8String, ...) survives and it re-encodes unchanged;
 * {@link #stringValue()} decodes it when it is a character string.
 */
public final class AttributeTypeAndValue {
    private final ObjectIdentifier type;
    private final DerElement value;
    private final DerString decoded;

    private AttributeTypeAndValue(ObjectIdentifier type, DerElement value, DerString decoded) {
        this.type = type;
        this.value = value;
        this.decoded = decoded;
    }

    /** {@code AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }} (RFC 5280 §4.1.2.4). */
    public static AttributeTypeAndValue decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        ObjectIdentifier type = sequence.readOid();
        DerElement value = sequence.read();
        sequence.end();
        return new AttributeTypeAndValue(type, value, value.isString() ? value.stringValue() : null);
    }

    /** A value written in the string type RFC 5280 prescribes for the attribute. */
    public static AttributeTypeAndValue of(AttributeType type, String value) {
        return of(type.oid(), new DerString(type.stringTypeFor(value), value));
    }

    public static AttributeTypeAndValue of(ObjectIdentifier type, DerString value) {
        byte[] encoded = new DerWriter().writeString(value).toByteArray();
        try {
            return new AttributeTypeAndValue(type, DerReader.parse(encoded), value);
        } catch (DerException e) {
            throw new IllegalStateException("DerWriter produced a string DerReader rejects", e);
        }
    }

    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> sequence.writeOid(type).write(value));
    }

    public ObjectIdentifier type() {
        return type;
    }

    /** The known attribute type, or {@code null} for an OID jtls has no name for. */
    public AttributeType knownType() {
        return AttributeType.forOid(type);
    }

    /** The value's exact element. */
    public DerElement value() {
        return value;
    }

    /** The value as text when it is a character string, else {@code null}. */
    public String stringValue() {
        return decoded == null ? null : decoded.value();
    }

    /** The value's string type, or {@code null} when it is not a character string. */
    public StringType stringType() {
        return decoded == null ? null : decoded.type();
    }

    /** {@code CN}, {@code O}, ... for known types, the dotted OID otherwise. */
    public String typeName() {
        AttributeType known = knownType();
        return known != null ? known.shortName() : type.toString();
    }

    /**
     * RFC 4514 §2.3-2.4: {@code type=value} with the special characters escaped, or {@code #} and
     * the hex of the value's encoding when it is not a string.
     */
    public String toRfc4514String() {
        return typeName() + "=" + (decoded != null ? escape(decoded.value())
                : "#" + HexFormat.of().formatHex(value.encoded()));
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean leading = i == 0 && (c == ' ' || c == '#');
            boolean trailing = i == value.length() - 1 && c == ' ';
            if (",+\"\\<>;".indexOf(c) >= 0 || leading || trailing) {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append('\\').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * RFC 5280 §7.1: same type, and values equal after RFC 4518 string preparation when both are
     * character strings (whatever string types they were encoded in), or identical encodings when
     * either is not.
     */
    public boolean matches(AttributeTypeAndValue other) {
        if (!type.equals(other.type)) {
            return false;
        }
        if (decoded != null && other.decoded != null) {
            return prepare(decoded.value()).equals(prepare(other.decoded.value()));
        }
        return value.equals(other.value);
    }

    int matchingHashCode() {
        return type.hashCode() * 31 + (decoded != null ? prepare(decoded.value()).hashCode() : value.hashCode());
    }

    /**
     * RFC 4518's preparation as far as it decides equality between real names: map control and
     * format characters to nothing and other spaces to SPACE (§2.2), fold case (RFC 3454 B.2 via
     * full upper-then-lower casing), normalise to NFKC (§2.3) and compress insignificant spaces
     * (§2.6.1). Prohibited and unassigned code points (§2.4) are not rejected, which can only make
     * two strings that RFC 4518 would call unmatchable compare by their text.
     */
    static String prepare(String value) {
        StringBuilder mapped = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == 0x00AD || c == 0x180E || c == 0x200B || c == 0xFEFF || Character.getType(c) == Character.FORMAT
                    || (Character.isISOControl(c) && !Character.isWhitespace(c) && c != 0x85)) {
                return;
            }
            mapped.appendCodePoint(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85 ? ' ' : c);
        });
        String folded = mapped.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String normalized = Normalizer.normalize(folded, Normalizer.Form.NFKC);
        StringBuilder compressed = new StringBuilder(normalized.length());
        for (String word : normalized.trim().split(" +")) {
            if (!word.isEmpty()) {
                if (compressed.length() > 0) {
                    compressed.append(' ');
                }
                compressed.append(word);
            }
        }
        return compressed.toString();
    }

    /** Exact equality: same type and identical value encoding. {@link #matches} is the RFC 5280 comparison. */
    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeTypeAndValue that && type.equals(that.type) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, value);
    }

    @Override
    public String toString() {
        return toRfc4514String();
    }
}
