package org.jtls.handshake.message;

import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * Finished: {@code opaque verify_data[verify_data_length]}, with no length on the wire; the length
 * is fixed by the version and suite ({@link #verifyDataLength}), so decoding takes it.
 *
 * <p>Compare a received verify_data with {@link org.jtls.crypto.ConstantTime#equals(byte[], byte[])},
 * never with {@link Opaque#equals}.
 */
public record Finished(Opaque verifyData) implements HandshakeBody {
    /** TLS 1.0 to 1.2 (RFC 5246 §7.4.9; every suite jtls knows keeps the default of 12). */
    public static final int TLS_VERIFY_DATA_LENGTH = 12;
    /** SSL 3.0: an MD5 hash (16) and a SHA-1 hash (20) (RFC 6101 §5.6.9). */
    public static final int SSL3_VERIFY_DATA_LENGTH = 36;

    public Finished {
        Checks.length(verifyData, 1, 0xFFFFFF, "verify_data");
    }

    /**
     * The verify_data length for {@code version} and the negotiated {@code suite}: 36 in SSL 3.0,
     * 12 in TLS 1.0 to 1.2, and in TLS 1.3 the length of the suite's hash (RFC 8446 §4.4.4).
     */
    public static int verifyDataLength(ProtocolVersion version, CipherSuite suite) {
        return switch (version) {
            case SSL_3_0 -> SSL3_VERIFY_DATA_LENGTH;
            case TLS_1_0, TLS_1_1, TLS_1_2 -> TLS_VERIFY_DATA_LENGTH;
            case TLS_1_3 -> suite.prfHash().outputLength();
        };
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.bytes(verifyData.toByteArray());
    }

    /** @throws TlsAlertException decode_error unless the body is exactly {@code verifyDataLength} bytes */
    public static Finished decode(TlsReader body, int verifyDataLength) throws TlsAlertException {
        Checks.range(verifyDataLength, 1, 0xFFFFFF, "verifyDataLength");
        Opaque verifyData = Opaque.of(body.bytes(verifyDataLength, "verify_data"));
        body.expectEnd("Finished");
        return new Finished(verifyData);
    }

    @Override
    public String toString() {
        return "Finished{verify_data=" + verifyData + "}";
    }
}
