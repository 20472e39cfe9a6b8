package org.jtls.crypto;

import java.util.SplittableRandom;

/**
 * A reproducible random source for properties: jqwik supplies the seed, so a failing try replays
 * with the same keys, nonces and salts. Not for anything but tests.
 */
final class SeededRandom extends java.security.SecureRandom {
    private static final long serialVersionUID = 1L;

    private final SplittableRandom source;

    SeededRandom(long seed) {
        this.source = new SplittableRandom(seed);
    }

    /** Every other draw (nextInt, nextLong, BigInteger's) goes through here via next(int). */
    @Override
    public synchronized void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
    }
}
