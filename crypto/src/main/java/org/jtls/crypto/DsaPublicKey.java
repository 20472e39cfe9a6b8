package org.jtls.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A DSA public key (FIPS 186-4 §4.1): the domain parameters p, q, g and the public value y. Always
 * complete here; a certificate that omits the parameters and inherits them from its issuer (RFC
 * 3279 §2.3.2) is completed by the x509 module before a key is made.
 *
 * <p>jtls only verifies DSA signatures, for certification paths that still contain them; TLS has no
 * DSA signature scheme in jtls. The constructor checks only what makes the values meaningless as
 * numbers; a key whose values are positive but inconsistent (q not dividing p − 1, y outside the
 * order-q subgroup) yields a verifier that rejects every signature.
 */
public record DsaPublicKey(BigInteger p, BigInteger q, BigInteger g, BigInteger y) implements PublicKeyMaterial {
    public DsaPublicKey {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(y, "y");
        if (p.signum() <= 0 || q.signum() <= 0 || g.signum() <= 0 || y.signum() <= 0) {
            throw new IllegalArgumentException("DSA p, q, g and y must be positive");
        }
    }

    /**
     * The largest p a verifier accepts. FIPS 186-4 §4.2 stops at 3072 bits; the margin allows odd
     * legacy sizes while bounding the work a peer's certificate can ask for.
     */
    public static final int MAX_P_BITS = 4096;

    /** The largest q a verifier accepts (FIPS 186-4 §4.2: N is 160, 224 or 256). */
    public static final int MAX_Q_BITS = 256;

    /**
     * Whether the values can describe a usable DSA key: p and q odd, q &lt; p, q | p − 1,
     * 1 &lt; g &lt; p and 1 &lt; y &lt; p (FIPS 186-4 §4.1, §A.2.2), with p and q no larger than
     * {@link #MAX_P_BITS} and {@link #MAX_Q_BITS}. A verifier for a key that fails this accepts
     * nothing.
     */
    public boolean isWellFormed() {
        BigInteger one = BigInteger.ONE;
        return p.bitLength() <= MAX_P_BITS && q.bitLength() <= MAX_Q_BITS
                && p.testBit(0) && q.testBit(0) && q.compareTo(p) < 0
                && g.compareTo(one) > 0 && g.compareTo(p) < 0
                && y.compareTo(one) > 0 && y.compareTo(p) < 0
                && p.subtract(one).mod(q).signum() == 0;
    }

    @Override
    public String algorithm() {
        return "DSA";
    }

    /** The bit length of p, as DSA keys are sized (FIPS 186-4 §4.2: L). */
    @Override
    public int bitLength() {
        return p.bitLength();
    }
}
