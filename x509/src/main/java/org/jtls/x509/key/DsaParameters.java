package org.jtls.x509.key;

import java.math.BigInteger;
import java.util.Objects;
import org.jtls.crypto.DsaPublicKey;

/**
 * DSA domain parameters as a certificate carries them: {@code Dss-Parms ::= SEQUENCE { p INTEGER,
 * q INTEGER, g INTEGER }} (RFC 3279 §2.3.2). A DSA key whose certificate omits them takes its
 * issuer's (RFC 5280 §6.1.4 (e)).
 */
public record DsaParameters(BigInteger p, BigInteger q, BigInteger g) {
    public DsaParameters {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(g, "g");
    }

    /** The parameters of a complete key. */
    public static DsaParameters of(DsaPublicKey key) {
        return new DsaParameters(key.p(), key.q(), key.g());
    }

    /** The key with these parameters and public value {@code y}. */
    public DsaPublicKey withPublicValue(BigInteger y) {
        return new DsaPublicKey(p, q, g, y);
    }
}
