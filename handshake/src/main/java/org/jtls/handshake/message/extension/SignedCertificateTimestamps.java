package org.jtls.handshake.message.extension;

import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * signed_certificate_timestamp with SCTs, in a TLS ≤ 1.2 ServerHello or a TLS 1.3 CertificateEntry
 * (RFC 6962 §3.3): {@code SerializedSCT sct_list<1..2^16-1>}, each {@code opaque
 * SerializedSCT<1..2^16-1>}, kept as bytes.
 */
public record SignedCertificateTimestamps(List<Opaque> serializedScts) implements Extension {
    public SignedCertificateTimestamps {
        serializedScts = Checks.opaqueList(serializedScts, 2, 1, 0xFFFF, 1, 0xFFFF, "sct_list");
    }

    @Override
    public int typeCode() {
        return ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 2, serializedScts);
    }

    public static SignedCertificateTimestamps decode(TlsReader data) throws TlsAlertException {
        List<Opaque> scts = Vectors.readOpaqueList(data, 2, 1, 0xFFFF, 2, 1, 0xFFFF, "sct_list");
        data.expectEnd("signed_certificate_timestamp");
        return new SignedCertificateTimestamps(scts);
    }

    @Override
    public String toString() {
        return "signed_certificate_timestamp{sct_list=" + serializedScts + "}";
    }
}
