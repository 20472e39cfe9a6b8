package org.jtls.record;

import java.util.Optional;

/**
 * An alert as the peer sent it. The description is kept as a number because a peer may send a code
 * this version does not define; {@link #description()} names it when it can.
 */
public record ReceivedAlert(AlertLevel level, int code) {
    public Optional<AlertDescription> description() {
        return AlertDescription.fromCode(code);
    }

    public boolean isCloseNotify() {
        return code == AlertDescription.CLOSE_NOTIFY.code();
    }

    @Override
    public String toString() {
        return level + " " + description().map(AlertDescription::rfcName).orElse("unknown(" + code + ")");
    }
}
