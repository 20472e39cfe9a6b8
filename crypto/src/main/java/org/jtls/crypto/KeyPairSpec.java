package org.jtls.crypto;

import java.util.Objects;

/** What key pair to generate: RSA of a size, an EC curve, or an Edwards curve. */
public sealed interface KeyPairSpec {
    /** RSA with public exponent 65537; {@code bits} at least 1024 and a multiple of 8. */
    record Rsa(int bits) implements KeyPairSpec {
        public Rsa {
            if (bits < 1024 || bits % 8 != 0 || bits > 16384) {
                throw new IllegalArgumentException("RSA key size must be a multiple of 8 in 1024..16384, got " + bits);
            }
        }
    }

    record Ec(EcCurve curve) implements KeyPairSpec {
        public Ec {
            Objects.requireNonNull(curve, "curve");
        }
    }

    record Ed(EdwardsCurve curve) implements KeyPairSpec {
        public Ed {
            Objects.requireNonNull(curve, "curve");
        }
    }

    static KeyPairSpec rsa(int bits) {
        return new Rsa(bits);
    }

    static KeyPairSpec ec(EcCurve curve) {
        return new Ec(curve);
    }

    static KeyPairSpec ed25519() {
        return new Ed(EdwardsCurve.ED25519);
    }

    static KeyPairSpec ed448() {
        return new Ed(EdwardsCurve.ED448);
    }
}
