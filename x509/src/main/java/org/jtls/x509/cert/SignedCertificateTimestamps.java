package org.jtls.x509.cert;

import java.util.Arrays;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/**
 * The embedded SCT list (RFC 6962 §3.3): an OCTET STRING holding the TLS-encoded
 * {@code SignedCertificateTimestampList}, kept as bytes for the code that checks CT.
 */
public record SignedCertificateTimestamps(byte[] serializedList) implements ExtensionValue {
    public SignedCertificateTimestamps {
        serializedList = serializedList.clone();
    }

    static SignedCertificateTimestamps decode(DerReader reader) throws DerException {
        return new SignedCertificateTimestamps(reader.readOctetString());
    }

    @Override
    public byte[] serializedList() {
        return serializedList.clone();
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.SIGNED_CERTIFICATE_TIMESTAMPS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeOctetString(serializedList);
    }

    @Override
    public String describe() {
        return "Signed Certificate Timestamp list (" + serializedList.length + " bytes)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedCertificateTimestamps that
                && Arrays.equals(serializedList, that.serializedList);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serializedList);
    }

    @Override
    public String toString() {
        return "SignedCertificateTimestamps[" + serializedList.length + " bytes]";
    }
}
