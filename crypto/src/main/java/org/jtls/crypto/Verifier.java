package org.jtls.crypto;

/** A public key prepared for one signature algorithm. Thread-safe. */
public interface Verifier {
    SignatureAlgorithm algorithm();

    /**
     * Whether {@code signature} is a valid signature of {@code message}. A malformed signature
     * (wrong length, bad DER, out-of-range values) is simply invalid: this returns {@code false}
     * and never throws for it.
     */
    boolean verify(byte[] message, byte[] signature);
}
