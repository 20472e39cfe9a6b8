package org.jtls.x509.der;

/**
 * Bounds that stop hostile inputs before they cost memory or stack: how deeply elements may nest
 * ({@code maxDepth} 4 accepts {@code 30 06 30 04 30 02 30 00} and nothing deeper), and how long the
 * whole input may be.
 */
public record DerLimits(int maxDepth, int maxInputLength) {
    /** 32 levels (a certificate's deepest field, inside a CRL distribution point, is about 15) and 1 MiB. */
    public static final DerLimits DEFAULT = new DerLimits(32, 1 << 20);

    public DerLimits {
        if (maxDepth < 1 || maxInputLength < 0) {
            throw new IllegalArgumentException("maxDepth must be positive and maxInputLength non-negative");
        }
    }
}
