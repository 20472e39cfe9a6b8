package org.jtls.x509.der;

/** The two class bits of an identifier octet (X.690 §8.1.2.2), in their numeric order. */
public enum TagClass {
    UNIVERSAL, APPLICATION, CONTEXT_SPECIFIC, PRIVATE;

    static TagClass fromBits(int bits) {
        return values()[bits & 3];
    }

    int bits() {
        return ordinal() << 6;
    }
}
