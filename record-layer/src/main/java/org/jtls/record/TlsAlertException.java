package org.jtls.record;

import java.util.Objects;

/**
 * A connection ended in a fatal alert: either one we send because the peer's input broke a rule
 * ({@link #isLocal()}), or one the peer sent us. The message says what happened in words;
 * {@link #alert()} is what went on the wire.
 */
public final class TlsAlertException extends TlsException {
    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;
    private final boolean local;

    private TlsAlertException(AlertDescription alert, boolean local, String message, Throwable cause) {
        super(message, cause);
        this.alert = Objects.requireNonNull(alert, "alert");
        this.local = local;
    }

    /** We detected the problem and send {@code alert} to the peer. */
    public static TlsAlertException local(AlertDescription alert, String reason) {
        return new TlsAlertException(alert, true, alert.rfcName() + ": " + reason, null);
    }

    /** As {@link #local(AlertDescription, String)}, keeping the underlying cause. */
    public static TlsAlertException local(AlertDescription alert, String reason, Throwable cause) {
        return new TlsAlertException(alert, true, alert.rfcName() + ": " + reason, cause);
    }

    /** The peer sent a fatal {@code alert}. */
    public static TlsAlertException received(AlertDescription alert) {
        return new TlsAlertException(alert, false, "received fatal alert " + alert.rfcName() + " from the peer", null);
    }

    public AlertDescription alert() {
        return alert;
    }

    /** True if we raised the alert, false if the peer sent it. */
    public boolean isLocal() {
        return local;
    }
}
