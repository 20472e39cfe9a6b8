package org.jtls.x509.cert;

import java.util.Arrays;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/** {@code SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING} (RFC 5280 §4.2.1.2). */
public record SubjectKeyIdentifier(byte[] keyIdentifier) implements ExtensionValue {
    public SubjectKeyIdentifier {
        keyIdentifier = keyIdentifier.clone();
    }

    static SubjectKeyIdentifier decode(DerReader reader) throws DerException {
        return new SubjectKeyIdentifier(reader.readOctetString());
    }

    @Override
    public byte[] keyIdentifier() {
        return keyIdentifier.clone();
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.SUBJECT_KEY_IDENTIFIER;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeOctetString(keyIdentifier);
    }

    @Override
    public String describe() {
        return Text.colonHex(keyIdentifier);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectKeyIdentifier that && Arrays.equals(keyIdentifier, that.keyIdentifier);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyIdentifier);
    }

    @Override
    public String toString() {
        return "SubjectKeyIdentifier[" + describe() + "]";
    }
}
