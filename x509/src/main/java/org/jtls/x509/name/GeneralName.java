package org.jtls.x509.name;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.StringType;
import org.jtls.x509.der.Tag;

/**
 * {@code GeneralName} (RFC 5280 §4.2.1.6), used by subjectAltName, issuerAltName, name
 * constraints, CRL distribution points, authority key identifiers and access descriptions. The
 * forms TLS uses are decoded; x400Address and ediPartyName are kept as their exact elements, and an
 * otherName keeps its value raw.
 *
 * <p>Each choice is context-tagged: IMPLICIT for all but directoryName, which wraps a CHOICE
 * ({@code Name}) and is therefore EXPLICIT (X.680 §31.2.7).
 */
public sealed interface GeneralName {
    /** Writes the tagged choice. */
    void encode(DerWriter writer);

    /** {@code otherName [0] SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }}. */
    record OtherName(ObjectIdentifier typeId, DerElement value) implements GeneralName {
        public OtherName {
            Objects.requireNonNull(typeId, "typeId");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeConstructed(Tag.contextSpecific(0, true),
                    other -> other.writeOid(typeId).writeExplicit(0, explicit -> explicit.write(value)));
        }

        @Override
        public String toString() {
            return "othername:" + typeId;
        }
    }

    /** {@code rfc822Name [1] IA5String}: an e-mail address or, in name constraints, a host or domain. */
    record Rfc822Name(String address) implements GeneralName {
        public Rfc822Name {
            requireIa5(address);
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeElement(Tag.contextSpecific(1, false), StringType.IA5_STRING.encode(address));
        }

        @Override
        public String toString() {
            return "email:" + address;
        }
    }

    /** {@code dNSName [2] IA5String}. */
    record DnsName(String name) implements GeneralName {
        public DnsName {
            requireIa5(name);
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeElement(Tag.contextSpecific(2, false), StringType.IA5_STRING.encode(name));
        }

        @Override
        public String toString() {
            return "DNS:" + name;
        }
    }

    /** {@code x400Address [3] ORAddress}, kept as its exact element. */
    record X400Address(DerElement element) implements GeneralName {
        public X400Address {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public void encode(DerWriter writer) {
            writer.write(element);
        }

        @Override
        public String toString() {
            return "X400Name:<unsupported>";
        }
    }

    /** {@code directoryName [4] Name}. */
    record DirectoryName(DistinguishedName name) implements GeneralName {
        public DirectoryName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeExplicit(4, name::encode);
        }

        @Override
        public String toString() {
            return "DirName:" + name.toDisplayString();
        }
    }

    /** {@code ediPartyName [5] EDIPartyName}, kept as its exact element. */
    record EdiPartyName(DerElement element) implements GeneralName {
        public EdiPartyName {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public void encode(DerWriter writer) {
            writer.write(element);
        }

        @Override
        public String toString() {
            return "EdiPartyName:<unsupported>";
        }
    }

    /** {@code uniformResourceIdentifier [6] IA5String}. */
    record UniformResourceIdentifier(String uri) implements GeneralName {
        public UniformResourceIdentifier {
            requireIa5(uri);
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeElement(Tag.contextSpecific(6, false), StringType.IA5_STRING.encode(uri));
        }

        @Override
        public String toString() {
            return "URI:" + uri;
        }
    }

    /**
     * {@code iPAddress [7] OCTET STRING}: 4 or 16 octets for an address, or 8 or 32 (address then
     * mask) in name constraints (RFC 5280 §4.2.1.10).
     */
    record IpAddress(byte[] octets) implements GeneralName {
        public IpAddress {
            Objects.requireNonNull(octets, "octets");
            if (octets.length != 4 && octets.length != 16 && octets.length != 8 && octets.length != 32) {
                throw new IllegalArgumentException("an IP address has 4 or 16 octets, with its mask 8 or 32; got "
                        + octets.length);
            }
            octets = octets.clone();
        }

        @Override
        public byte[] octets() {
            return octets.clone();
        }

        /** Whether this is an address and mask, as name constraints carry. */
        public boolean hasMask() {
            return octets.length == 8 || octets.length == 32;
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeElement(Tag.contextSpecific(7, false), octets);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IpAddress that && Arrays.equals(octets, that.octets);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(octets);
        }

        /** {@code IP Address:192.0.2.1}, {@code IP Address:2001:DB8:0:0:0:0:0:1}; {@code IP:10.0.0.0/255.0.0.0} with a mask. */
        @Override
        public String toString() {
            if (!hasMask()) {
                return "IP Address:" + format(octets, 0, octets.length);
            }
            int half = octets.length / 2;
            return "IP:" + format(octets, 0, half) + "/" + format(octets, half, half);
        }

        private static String format(byte[] bytes, int from, int length) {
            StringBuilder out = new StringBuilder();
            if (length == 4) {
                for (int i = 0; i < 4; i++) {
                    out.append(i > 0 ? "." : "").append(bytes[from + i] & 0xFF);
                }
            } else {
                for (int i = 0; i < 16; i += 2) {
                    int group = ((bytes[from + i] & 0xFF) << 8) | (bytes[from + i + 1] & 0xFF);
                    out.append(i > 0 ? ":" : "").append(Integer.toHexString(group).toUpperCase(java.util.Locale.ROOT));
                }
            }
            return out.toString();
        }
    }

    /** {@code registeredID [8] OBJECT IDENTIFIER}. */
    record RegisteredId(ObjectIdentifier oid) implements GeneralName {
        public RegisteredId {
            Objects.requireNonNull(oid, "oid");
        }

        @Override
        public void encode(DerWriter writer) {
            writer.writeElement(Tag.contextSpecific(8, false), oid.contentOctets());
        }

        @Override
        public String toString() {
            return "Registered ID:" + oid;
        }
    }

    /** Reads one GeneralName. */
    static GeneralName decode(DerReader reader) throws DerException {
        DerElement element = reader.read();
        Tag tag = element.tag();
        if (tag.tagClass() != org.jtls.x509.der.TagClass.CONTEXT_SPECIFIC || tag.number() > 8) {
            throw new DerException("expected a GeneralName ([0] to [8]), found " + tag, element.offset());
        }
        boolean mustBeConstructed = tag.number() == 0 || tag.number() == 3 || tag.number() == 4 || tag.number() == 5;
        if (tag.constructed() != mustBeConstructed) {
            throw new DerException("GeneralName " + tag + " must be " + (mustBeConstructed ? "constructed" : "primitive"),
                    element.offset());
        }
        switch (tag.number()) {
            case 0: {
                DerReader other = element.contentReader();
                ObjectIdentifier typeId = other.readOid();
                DerReader explicit = other.readExplicit(0);
                DerElement value = explicit.read();
                explicit.end();
                other.end();
                return new OtherName(typeId, value);
            }
            case 1:
                return new Rfc822Name(element.stringValue(StringType.IA5_STRING));
            case 2:
                return new DnsName(element.stringValue(StringType.IA5_STRING));
            case 3:
                return new X400Address(element);
            case 4: {
                DerReader explicit = element.contentReader();
                DistinguishedName name = DistinguishedName.decode(explicit);
                explicit.end();
                return new DirectoryName(name);
            }
            case 5:
                return new EdiPartyName(element);
            case 6:
                return new UniformResourceIdentifier(element.stringValue(StringType.IA5_STRING));
            case 7: {
                byte[] octets = element.octetStringValue();
                if (octets.length != 4 && octets.length != 16 && octets.length != 8 && octets.length != 32) {
                    throw new DerException("iPAddress of " + octets.length + " octets (expected 4, 16, 8 or 32)",
                            element.contentOffset());
                }
                return new IpAddress(octets);
            }
            default:
                return new RegisteredId(element.oidValue());
        }
    }

    /** {@code GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName}: reads the SEQUENCE. */
    static List<GeneralName> decodeSequence(DerReader reader) throws DerException {
        int offset = reader.position();
        return decodeContents(reader.readSequence(), offset);
    }

    /** Reads GeneralNames' contents (for IMPLICIT-tagged uses); at least one name. */
    static List<GeneralName> decodeContents(DerReader contents, int offset) throws DerException {
        List<GeneralName> names = new ArrayList<>();
        while (contents.hasRemaining()) {
            names.add(decode(contents));
        }
        if (names.isEmpty()) {
            throw new DerException("empty GeneralNames (SIZE (1..MAX))", offset);
        }
        return List.copyOf(names);
    }

    private static void requireIa5(String value) {
        Objects.requireNonNull(value, "value");
        if (!StringType.IA5_STRING.canEncode(value)) {
            throw new IllegalArgumentException("not an IA5String: " + value);
        }
    }
}
