package org.jtls.x509.der;

/**
 * Bounds that stop hostile inputs before they cost memory or stack: how deeply constructed
 * elements may nest, and how long the whole input may be.
 */
public record DerLimits(int maxDepth, int maxInputLength) {
    /** 32 levels (a certificate needs about 10) and 1 MiB. */
    public static final DerLimits DEFAULT = new DerLimits(32, 1 << 20);

    public DerLimits {
        if (maxDepth < 1 || maxInputLength < 0) {
            throw new IllegalArgumentException("maxDepth must be positive and maxInputLength non-negative");
        }
    }
}
