package org.jtls.x509.cert;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * {@code Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
 * extnValue OCTET STRING }} (RFC 5280 §4.1). Every extension keeps its OID, critical flag and raw
 * value; those of a known {@link ExtensionType} are also decoded, and a value that does not decode
 * makes the certificate unreadable rather than being silently ignored.
 */
public final class Extension {
    private final ObjectIdentifier oid;
    private final boolean critical;
    private final byte[] value;
    private final ExtensionValue decoded;

    private Extension(ObjectIdentifier oid, boolean critical, byte[] value, ExtensionValue decoded) {
        this.oid = oid;
        this.critical = critical;
        this.value = value;
        this.decoded = decoded;
    }

    /** An extension of a known type, its value encoded from {@code value}. */
    public static Extension of(ExtensionValue value, boolean critical) {
        return new Extension(value.type().oid(), critical, value.encoded(), value);
    }

    /** An extension kept raw, whatever its OID. */
    public static Extension raw(ObjectIdentifier oid, boolean critical, byte[] value) {
        return new Extension(oid, critical, value.clone(), null);
    }

    public static Extension decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        ObjectIdentifier oid = sequence.readOid();
        boolean critical = false;
        DerElement criticalElement = sequence.readOptional(Tag.BOOLEAN);
        if (criticalElement != null) {
            critical = criticalElement.booleanValue();
            if (!critical) {
                // X.690 §11.5: a value equal to its DEFAULT is omitted in DER.
                throw new DerException("critical FALSE must be omitted in DER (it is the DEFAULT)",
                        criticalElement.offset());
            }
        }
        DerElement valueElement = sequence.read(Tag.OCTET_STRING);
        sequence.end();
        ExtensionType type = ExtensionType.forOid(oid);
        ExtensionValue decoded = null;
        if (type != null) {
            DerReader inner = valueElement.contentReader();
            decoded = type.decoder().decode(inner);
            inner.end();
        }
        return new Extension(oid, critical, valueElement.content(), decoded);
    }

    /** Writes the extension with its value exactly as it was read. */
    public void encode(DerWriter writer) {
        encode(writer, value);
    }

    /** Writes the extension with its value re-encoded from the decoded form (raw if not decoded). */
    public void reencode(DerWriter writer) {
        encode(writer, decoded != null ? decoded.encoded() : value);
    }

    private void encode(DerWriter writer, byte[] extnValue) {
        writer.writeSequence(sequence -> {
            sequence.writeOid(oid);
            if (critical) {
                sequence.writeBoolean(true);
            }
            sequence.writeOctetString(extnValue);
        });
    }

    public ObjectIdentifier oid() {
        return oid;
    }

    public boolean critical() {
        return critical;
    }

    /** The {@code extnValue} octets. */
    public byte[] value() {
        return value.clone();
    }

    public Optional<ExtensionType> type() {
        return Optional.ofNullable(ExtensionType.forOid(oid));
    }

    /** The decoded value, for a known type. */
    public Optional<ExtensionValue> decoded() {
        return Optional.ofNullable(decoded);
    }

    /** The display name for known types, the dotted OID otherwise. */
    public String name() {
        return type().map(ExtensionType::displayName).orElse(oid.toString());
    }

    /** The value as openssl shows it; unknown values as hex. */
    public String describe() {
        return decoded != null ? decoded.describe() : HexFormat.ofDelimiter(":").withUpperCase().formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Extension that && oid.equals(that.oid) && critical == that.critical
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(oid, critical) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name() + (critical ? " (critical)" : "");
    }
}
