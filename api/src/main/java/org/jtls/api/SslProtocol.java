package org.jtls.api;

import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * The protocol choices of Qt's {@code QSsl::SslProtocol}, each standing for the protocol versions
 * it enables. {@link #SECURE_PROTOCOLS}, the default, is TLS 1.2 and TLS 1.3.
 *
 * <p>SSL 2.0 and DTLS are not implemented: their values exist so that code written for Qt reads
 * the same, {@link #isSupported()} says false, and a configuration using them fails to start a
 * handshake. {@link #ANY_PROTOCOL} means every version jtls implements, SSL 3.0 included: asking
 * for "any" is asking for the legacy versions too.
 */
public enum SslProtocol {
    SSL_V3(ProtocolVersion.SSL_3_0, ProtocolVersion.SSL_3_0),
    SSL_V2(null, null),
    TLS_V1_0(ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_0),
    TLS_V1_0_OR_LATER(ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_3),
    TLS_V1_1(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_1),
    TLS_V1_1_OR_LATER(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_3),
    TLS_V1_2(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_2),
    TLS_V1_2_OR_LATER(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3),
    TLS_V1_3(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_3),
    TLS_V1_3_OR_LATER(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_3),
    /** Qt 5: SSL 3.0 and TLS 1.0. */
    TLS_V1_SSL_V3(ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_0),
    DTLS_V1_0(null, null),
    DTLS_V1_0_OR_LATER(null, null),
    DTLS_V1_2(null, null),
    DTLS_V1_2_OR_LATER(null, null),
    /** Every version jtls implements, SSL 3.0 to TLS 1.3. */
    ANY_PROTOCOL(ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_3),
    /** TLS 1.2 and TLS 1.3 (DESIGN.md's default). */
    SECURE_PROTOCOLS(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3),
    /** What {@link SslSocket#sessionProtocol()} says before a handshake completes. */
    UNKNOWN_PROTOCOL(null, null);

    private final ProtocolVersion lowest;
    private final ProtocolVersion highest;

    SslProtocol(ProtocolVersion lowest, ProtocolVersion highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    /** The versions this choice enables, newest first (the engine's preference order); empty if none. */
    public List<ProtocolVersion> versions() {
        List<ProtocolVersion> versions = new ArrayList<>();
        if (lowest == null) {
            return versions;
        }
        for (ProtocolVersion version : ProtocolVersion.values()) {
            if (version.isAtLeast(lowest) && highest.isAtLeast(version)) {
                versions.add(0, version);
            }
        }
        return List.copyOf(versions);
    }

    /** Whether jtls can speak this (SSL 2.0, DTLS and the unknown protocol: no). */
    public boolean isSupported() {
        return lowest != null;
    }

    /** The single-version value for a negotiated version: {@link #TLS_V1_2} for TLS 1.2. */
    public static SslProtocol of(ProtocolVersion version) {
        return switch (version) {
            case SSL_3_0 -> SSL_V3;
            case TLS_1_0 -> TLS_V1_0;
            case TLS_1_1 -> TLS_V1_1;
            case TLS_1_2 -> TLS_V1_2;
            case TLS_1_3 -> TLS_V1_3;
        };
    }
}
