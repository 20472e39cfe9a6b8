package org.jtls.handshake.message;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * A signature as ServerKeyExchange and CertificateVerify carry it:
 * <ul>
 *   <li>TLS 1.2 and 1.3: {@code SignatureScheme algorithm; opaque signature<0..2^16-1>} (RFC 5246
 *       §4.7, RFC 8446 §4.4.3);</li>
 *   <li>SSL 3.0, TLS 1.0 and 1.1: {@code opaque signature<0..2^16-1>} alone, the algorithm implied
 *       by the certificate (RFC 4346 §4.7, RFC 6101 §5.6.3).</li>
 * </ul>
 * {@code schemeCode} is present exactly in the first form; an unknown code is kept as its number.
 */
public record DigitallySigned(OptionalInt schemeCode, Opaque signature) {
    public DigitallySigned {
        Objects.requireNonNull(schemeCode, "schemeCode");
        schemeCode.ifPresent(code -> Checks.range(code, 0, 0xFFFF, "algorithm"));
        Checks.length(signature, 0, 0xFFFF, "signature");
    }

    /** The TLS 1.2 and 1.3 form. */
    public static DigitallySigned withScheme(int schemeCode, Opaque signature) {
        return new DigitallySigned(OptionalInt.of(schemeCode), signature);
    }

    /** The SSL 3.0, TLS 1.0 and 1.1 form. */
    public static DigitallySigned withoutScheme(Opaque signature) {
        return new DigitallySigned(OptionalInt.empty(), signature);
    }

    /** Whether {@code version} puts a SignatureScheme in front of signatures (TLS 1.2 and later). */
    public static boolean carriesScheme(ProtocolVersion version) {
        return version.isAtLeast(ProtocolVersion.TLS_1_2);
    }

    public Optional<SignatureScheme> scheme() {
        return schemeCode.isPresent() ? SignatureScheme.fromCode(schemeCode.getAsInt()) : Optional.empty();
    }

    public void encode(TlsWriter writer) {
        schemeCode.ifPresent(writer::u16);
        Vectors.writeOpaque(writer, 2, signature);
    }

    public static DigitallySigned decode(TlsReader reader, ProtocolVersion version) throws TlsAlertException {
        OptionalInt scheme = carriesScheme(version) ? OptionalInt.of(reader.u16("algorithm")) : OptionalInt.empty();
        return new DigitallySigned(scheme, Vectors.readOpaque(reader, 2, 0, 0xFFFF, "signature"));
    }

    @Override
    public String toString() {
        String algorithm = schemeCode.isPresent()
                ? "algorithm=" + CodeNames.signatureScheme(schemeCode.getAsInt()) + ", " : "";
        return "{" + algorithm + "signature=" + signature + "}";
    }
}
