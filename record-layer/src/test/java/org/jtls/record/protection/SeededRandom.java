package org.jtls.record.protection;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A reproducible random source for tests: the seed comes from jqwik (or is fixed), so a failing try
 * replays with the same keys, IVs and payloads. Never for anything but tests.
 */
public final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final SplittableRandom source;

    public SeededRandom(long seed) {
        this.source = new SplittableRandom(seed);
    }

    /** Every other draw (nextInt, nextLong, ...) reaches this through {@code next(int)}. */
    @Override
    public synchronized void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
    }

    public byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        nextBytes(bytes);
        return bytes;
    }
}
