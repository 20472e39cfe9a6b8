package org.jtls.handshake.message.extension;

import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.CodeNames;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * signature_algorithms (RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1): the schemes the sender accepts in
 * handshake signatures (CertificateVerify, ServerKeyExchange). The same form in a ClientHello and a
 * TLS 1.3 CertificateRequest: {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}.
 * Codes are kept as numbers so that unknown and GREASE schemes survive a round trip.
 */
public record SignatureAlgorithms(List<Integer> schemeCodes) implements Extension {
    public SignatureAlgorithms {
        schemeCodes = Checks.codes(schemeCodes, 1, 0x7FFF, 0xFFFF, "supported_signature_algorithms");
    }

    public static SignatureAlgorithms of(List<SignatureScheme> schemes) {
        List<Integer> codes = new ArrayList<>();
        for (SignatureScheme scheme : schemes) {
            codes.add(scheme.code());
        }
        return new SignatureAlgorithms(codes);
    }

    /** The schemes jtls knows, in the peer's order; unknown and GREASE codes are skipped. */
    public List<SignatureScheme> knownSchemes() {
        List<SignatureScheme> known = new ArrayList<>();
        for (int code : schemeCodes) {
            SignatureScheme.fromCode(code).ifPresent(known::add);
        }
        return List.copyOf(known);
    }

    public boolean contains(SignatureScheme scheme) {
        return schemeCodes.contains(scheme.code());
    }

    @Override
    public int typeCode() {
        return ExtensionType.SIGNATURE_ALGORITHMS.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeU16List(writer, 2, 0xFFFE, schemeCodes);
    }

    public static SignatureAlgorithms decode(TlsReader data) throws TlsAlertException {
        List<Integer> codes = Vectors.readU16List(data, 2, 2, 0xFFFE, "supported_signature_algorithms");
        data.expectEnd(ExtensionType.SIGNATURE_ALGORITHMS.rfcName());
        return new SignatureAlgorithms(codes);
    }

    @Override
    public String toString() {
        return ExtensionType.SIGNATURE_ALGORITHMS.rfcName() + "{"
                + CodeNames.list(schemeCodes, CodeNames::signatureScheme) + "}";
    }
}
