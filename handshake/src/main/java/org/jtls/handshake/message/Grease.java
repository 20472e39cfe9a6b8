package org.jtls.handshake.message;

/**
 * GREASE values (RFC 8701): reserved code points that clients sprinkle into cipher suites,
 * extensions, groups, signature algorithms and versions so that servers keep ignoring what they do
 * not know. jtls's codecs keep them, in place, like any unknown value.
 */
public final class Grease {
    private Grease() {
    }

    /**
     * Whether a two-byte code point is one of the sixteen GREASE values {@code 0x0A0A, 0x1A1A, ...,
     * 0xFAFA} (RFC 8701 §2): both bytes equal, each with low nibble {@code 0xA}.
     */
    public static boolean isGrease(int code) {
        return (code & 0x0F0F) == 0x0A0A && (code >>> 8) == (code & 0xFF);
    }
}
