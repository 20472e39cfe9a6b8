package org.jtls.x509.name;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;

/**
 * An X.501 {@code Name} (RFC 5280 §4.1.2.4): a sequence of RDNs from the most significant (usually
 * C or DC) to the least (usually CN). The exact encoding is kept.
 *
 * <p>{@link #equals} is RFC 5280 §7.1 name matching, not byte equality: attribute values that are
 * character strings compare after case folding and whitespace normalisation, whatever string type
 * encoded them; other values compare by their bytes. That is the comparison chaining and name
 * constraints need; compare {@link #encoded()} for byte identity.
 */
public final class DistinguishedName {
    private final List<RelativeDistinguishedName> rdns;
    private final byte[] encoded;

    private DistinguishedName(List<RelativeDistinguishedName> rdns, byte[] encoded) {
        this.rdns = List.copyOf(rdns);
        this.encoded = encoded;
    }

    public static DistinguishedName of(List<RelativeDistinguishedName> rdns) {
        DerWriter writer = new DerWriter();
        writer.writeSequence(sequence -> rdns.forEach(rdn -> rdn.encode(sequence)));
        return new DistinguishedName(rdns, writer.toByteArray());
    }

    /** Single-attribute RDNs in order, most significant first. */
    public static DistinguishedName of(AttributeTypeAndValue... attributes) {
        return of(Arrays.stream(attributes).map(RelativeDistinguishedName::of).toList());
    }

    public static final DistinguishedName EMPTY = of(List.of());

    /** Reads a {@code Name}: {@code SEQUENCE OF RelativeDistinguishedName}. */
    public static DistinguishedName decode(DerReader reader) throws DerException {
        DerElement element = reader.read(Tag.SEQUENCE);
        DerReader sequence = element.contentReader();
        List<RelativeDistinguishedName> rdns = new ArrayList<>();
        while (sequence.hasRemaining()) {
            rdns.add(RelativeDistinguishedName.decode(sequence));
        }
        return new DistinguishedName(rdns, element.encoded());
    }

    /** Parses a complete DER-encoded {@code Name}. */
    public static DistinguishedName decode(byte[] der) throws DerException {
        DerReader reader = DerReader.of(der);
        DistinguishedName name = decode(reader);
        reader.end();
        return name;
    }

    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> rdns.forEach(rdn -> rdn.encode(sequence)));
    }

    public List<RelativeDistinguishedName> rdns() {
        return rdns;
    }

    public boolean isEmpty() {
        return rdns.isEmpty();
    }

    /** The exact DER this name was read from (or built as). */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Every string value of this attribute type, in encoded order. */
    public List<String> values(AttributeType type) {
        List<String> values = new ArrayList<>();
        for (RelativeDistinguishedName rdn : rdns) {
            for (AttributeTypeAndValue attribute : rdn.attributes()) {
                if (attribute.type().equals(type.oid()) && attribute.stringValue() != null) {
                    values.add(attribute.stringValue());
                }
            }
        }
        return values;
    }

    public List<String> commonNames() {
        return values(AttributeType.COMMON_NAME);
    }

    /**
     * RFC 5280 §7.1: whether this name is within the subtree rooted at {@code base}, that is it
     * has at least as many RDNs and its first ones match all of {@code base}'s.
     */
    public boolean isWithinSubtree(DistinguishedName base) {
        if (base.rdns.size() > rdns.size()) {
            return false;
        }
        for (int i = 0; i < base.rdns.size(); i++) {
            if (!rdns.get(i).matches(base.rdns.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4514 §2.1: RDNs from last to first, separated by commas ({@code CN=host,O=Org,C=US}). */
    public String toRfc4514String() {
        List<String> parts = new ArrayList<>(rdns.size());
        for (int i = rdns.size() - 1; i >= 0; i--) {
            parts.add(rdns.get(i).toRfc4514String());
        }
        return String.join(",", parts);
    }

    /** Encoded order with {@code ", "}, as {@code openssl x509 -text} prints names ({@code C=US, O=Org, CN=host}). */
    public String toDisplayString() {
        return rdns.stream()
                .map(rdn -> rdn.attributes().stream()
                        .map(attribute -> attribute.typeName() + "=" + (attribute.stringValue() != null
                                ? attribute.stringValue() : "#" + java.util.HexFormat.of().formatHex(attribute.value().encoded())))
                        .collect(Collectors.joining(" + ")))
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DistinguishedName that) || rdns.size() != that.rdns.size()) {
            return false;
        }
        return isWithinSubtree(that);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (RelativeDistinguishedName rdn : rdns) {
            hash = hash * 31 + rdn.matchingHashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return toRfc4514String();
    }
}
