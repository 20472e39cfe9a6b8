package org.jtls.handshake.message.extension;

import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * certificate_authorities (RFC 8446 §4.2.4), in a ClientHello or TLS 1.3 CertificateRequest:
 * {@code DistinguishedName authorities<3..2^16-1>}, each {@code opaque DistinguishedName<1..2^16-1>}
 * holding a DER X.501 Name, kept as bytes for the x509 module to read.
 */
public record CertificateAuthorities(List<Opaque> distinguishedNames) implements Extension {
    public CertificateAuthorities {
        distinguishedNames = Checks.opaqueList(distinguishedNames, 2, 1, 0xFFFF, 3, 0xFFFF, "authorities");
    }

    @Override
    public int typeCode() {
        return ExtensionType.CERTIFICATE_AUTHORITIES.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 2, distinguishedNames);
    }

    public static CertificateAuthorities decode(TlsReader data) throws TlsAlertException {
        List<Opaque> names = Vectors.readOpaqueList(data, 2, 3, 0xFFFF, 2, 1, 0xFFFF, "authorities");
        data.expectEnd("certificate_authorities");
        return new CertificateAuthorities(names);
    }

    @Override
    public String toString() {
        return "certificate_authorities{" + distinguishedNames + "}";
    }
}
