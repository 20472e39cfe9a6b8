package org.jtls.handshake.message;

import java.util.Locale;
import java.util.Objects;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * KeyUpdate in TLS 1.3 (RFC 8446 §4.6.3): {@code KeyUpdateRequest request_update}, one byte.
 */
public record KeyUpdate(Request requestUpdate) implements HandshakeBody {
    /** {@code enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest}. */
    public enum Request {
        UPDATE_NOT_REQUESTED(0),
        /** The receiver must answer with its own KeyUpdate(update_not_requested). */
        UPDATE_REQUESTED(1);

        private final int code;

        Request(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public String rfcName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public KeyUpdate {
        Objects.requireNonNull(requestUpdate, "requestUpdate");
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u8(requestUpdate.code());
    }

    public static KeyUpdate decode(TlsReader body) throws TlsAlertException {
        int code = body.u8("request_update");
        body.expectEnd("KeyUpdate");
        for (Request request : Request.values()) {
            if (request.code() == code) {
                return new KeyUpdate(request);
            }
        }
        // RFC 8446 §4.6.3, request_update: "If an implementation receives any other value, it MUST
        // terminate the connection with an "illegal_parameter" alert." Checked after the length, so
        // a body of the wrong size is a decode_error whatever its first byte.
        throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER, "KeyUpdate request_update " + code
                + " is neither update_not_requested(0) nor update_requested(1)");
    }

    @Override
    public String toString() {
        return "KeyUpdate{request_update=" + requestUpdate.rfcName() + "}";
    }
}
