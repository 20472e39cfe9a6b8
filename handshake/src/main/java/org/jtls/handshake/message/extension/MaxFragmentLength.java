package org.jtls.handshake.message.extension;

import org.jtls.handshake.message.internal.Checks;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * max_fragment_length (RFC 6066 §4): one byte, 2^9(1), 2^10(2), 2^11(3) or 2^12(4); the same form
 * in the client's request and the server's echo.
 */
public record MaxFragmentLength(int code) implements Extension {
    public MaxFragmentLength {
        Checks.range(code, 1, 4, "max_fragment_length");
    }

    /** The fragment length in bytes the code stands for: 512, 1024, 2048 or 4096. */
    public int fragmentLength() {
        return 1 << (8 + code);
    }

    @Override
    public int typeCode() {
        return ExtensionType.MAX_FRAGMENT_LENGTH.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u8(code);
    }

    public static MaxFragmentLength decode(TlsReader data) throws TlsAlertException {
        int code = data.u8("max_fragment_length");
        data.expectEnd("max_fragment_length");
        if (code < 1 || code > 4) {
            // RFC 6066 §4: a value other than the allowed ones is an illegal_parameter.
            throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                    "max_fragment_length " + code + " is not one of 1..4");
        }
        return new MaxFragmentLength(code);
    }

    @Override
    public String toString() {
        return "max_fragment_length{" + code + " (" + fragmentLength() + " bytes)}";
    }
}
