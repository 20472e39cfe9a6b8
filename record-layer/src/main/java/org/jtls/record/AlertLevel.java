package org.jtls.record;

import java.util.Optional;

/** RFC 5246 §7.2. TLS 1.3 treats every alert but close_notify and user_canceled as fatal (RFC 8446 §6). */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<AlertLevel> fromCode(int code) {
        return switch (code) {
            case 1 -> Optional.of(WARNING);
            case 2 -> Optional.of(FATAL);
            default -> Optional.empty();
        };
    }
}
