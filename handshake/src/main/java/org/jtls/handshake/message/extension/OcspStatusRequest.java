package org.jtls.handshake.message.extension;

import java.util.List;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * status_request asking for an OCSP response (RFC 6066 §8), in a ClientHello or a TLS 1.3
 * CertificateRequest:
 * <pre>
 * CertificateStatusType status_type = ocsp(1);
 * ResponderID responder_id_list&lt;0..2^16-1&gt;;   opaque ResponderID&lt;1..2^16-1&gt;
 * Extensions  request_extensions;              opaque Extensions&lt;0..2^16-1&gt;
 * </pre>
 * The responder IDs and request extensions are DER that only an OCSP client reads; they are kept as
 * bytes.
 */
public record OcspStatusRequest(List<Opaque> responderIds, Opaque requestExtensions) implements Extension {
    /** {@code CertificateStatusType ocsp(1)}. */
    public static final int OCSP = 1;

    public OcspStatusRequest {
        responderIds = Checks.opaqueList(responderIds, 2, 1, 0xFFFF, 0, 0xFFFF, "responder_id_list");
        Checks.length(requestExtensions, 0, 0xFFFF, "request_extensions");
    }

    /** The request every client sends: no responder IDs, no extensions. */
    public static OcspStatusRequest any() {
        return new OcspStatusRequest(List.of(), Opaque.empty());
    }

    @Override
    public int typeCode() {
        return ExtensionType.STATUS_REQUEST.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u8(OCSP);
        Vectors.writeOpaqueList(writer, 2, 0xFFFF, 2, responderIds);
        Vectors.writeOpaque(writer, 2, requestExtensions);
    }

    /**
     * Decodes a status_request request. Its layout is defined only for ocsp, so any other status
     * type is returned as a {@link RawExtension} for the caller to ignore (RFC 6066 §8 leaves other
     * types to future documents; OpenSSL ignores them too).
     */
    public static Extension decode(TlsReader data) throws TlsAlertException {
        byte[] all = data.rest();
        TlsReader reader = TlsReader.of(all);
        int statusType = reader.u8("status_type");
        if (statusType != OCSP) {
            return new RawExtension(ExtensionType.STATUS_REQUEST.code(), Opaque.of(all));
        }
        List<Opaque> responderIds = Vectors.readOpaqueList(reader, 2, 0, 0xFFFF, 2, 1, 0xFFFF, "responder_id_list");
        Opaque requestExtensions = Vectors.readOpaque(reader, 2, 0, 0xFFFF, "request_extensions");
        reader.expectEnd("status_request");
        return new OcspStatusRequest(responderIds, requestExtensions);
    }

    @Override
    public String toString() {
        return "status_request{ocsp, responder_id_list=" + responderIds + ", request_extensions="
                + requestExtensions + "}";
    }
}
