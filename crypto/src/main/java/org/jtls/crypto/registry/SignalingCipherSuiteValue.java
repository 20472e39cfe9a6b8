package org.jtls.crypto.registry;

import java.util.Optional;

/**
 * Values a client puts in its cipher_suites list to signal something rather than to offer a
 * suite. A server never selects one; they are kept out of {@link CipherSuite} so that cannot
 * happen by accident.
 */
public enum SignalingCipherSuiteValue {
    /** The client supports secure renegotiation (RFC 5746 §3.3), sent instead of an empty renegotiation_info. */
    TLS_EMPTY_RENEGOTIATION_INFO_SCSV(0x00FF),
    /** The client is retrying with a lower version than it supports (RFC 7507 §2). */
    TLS_FALLBACK_SCSV(0x5600);

    private final int code;

    SignalingCipherSuiteValue(int code) {
        this.code = code;
    }

    /** The code point, from the cipher suite number space. */
    public int code() {
        return code;
    }

    /** The IANA name, which is also the constant's name. */
    public String ianaName() {
        return name();
    }

    public static Optional<SignalingCipherSuiteValue> fromCode(int code) {
        for (SignalingCipherSuiteValue value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
