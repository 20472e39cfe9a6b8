package org.jtls.handshake.message;

import java.util.Objects;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * CertificateVerify: a signature over the transcript. TLS 1.2 and 1.3 put the SignatureScheme in
 * front (RFC 8446 §4.4.3, RFC 5246 §7.4.8); SSL 3.0, TLS 1.0 and 1.1 send the signature alone. See
 * {@link DigitallySigned}.
 */
public record CertificateVerify(DigitallySigned signature) implements HandshakeBody {
    public CertificateVerify {
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void encode(TlsWriter writer) {
        signature.encode(writer);
    }

    public static CertificateVerify decode(TlsReader body, ProtocolVersion version) throws TlsAlertException {
        DigitallySigned signature = DigitallySigned.decode(body, version);
        body.expectEnd("CertificateVerify");
        return new CertificateVerify(signature);
    }

    @Override
    public String toString() {
        return "CertificateVerify" + signature;
    }
}
