package org.jtls.handshake.message;

import org.jtls.crypto.registry.ProtocolVersion;

/** Guards for decoders whose message exists only in some versions. */
final class Versions {
    private Versions() {
    }

    /** A state machine asking for a TLS ≤ 1.2 form under TLS 1.3 is a programming error. */
    static void requireBeforeTls13(ProtocolVersion version, String message) {
        if (version.isAtLeast(ProtocolVersion.TLS_1_3)) {
            throw new IllegalArgumentException("TLS 1.3 has no " + message + " in this form");
        }
    }
}
