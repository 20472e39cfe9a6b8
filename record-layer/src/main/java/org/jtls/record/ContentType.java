package org.jtls.record;

import java.util.Optional;

/** The record content types TLS uses (RFC 8446 §5.1, RFC 5246 §6.2.1). */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    /** RFC 6520 heartbeat: recognised only to be refused (jtls never negotiates it). */
    public static final int HEARTBEAT_CODE = 24;

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ContentType> fromCode(int code) {
        return switch (code) {
            case 20 -> Optional.of(CHANGE_CIPHER_SPEC);
            case 21 -> Optional.of(ALERT);
            case 22 -> Optional.of(HANDSHAKE);
            case 23 -> Optional.of(APPLICATION_DATA);
            default -> Optional.empty();
        };
    }
}
