package org.jtls.vectors.record;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A test-only {@link SecureRandom} that hands out exactly the explicit IVs a known-answer vector
 * fixes, in order, and refuses to make up more: if the record layer draws more random bytes than
 * the vector accounts for, the test fails instead of silently using real randomness.
 */
final class FixedIvRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private final byte[] script;
    private int served;

    FixedIvRandom(byte[]... ivs) {
        int total = Arrays.stream(ivs).mapToInt(iv -> iv.length).sum();
        this.script = new byte[total];
        int offset = 0;
        for (byte[] iv : ivs) {
            System.arraycopy(iv, 0, script, offset, iv.length);
            offset += iv.length;
        }
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        if (bytes.length > script.length - served) {
            throw new IllegalStateException("asked for " + bytes.length + " random bytes, but the vector fixes only "
                    + (script.length - served) + " more");
        }
        System.arraycopy(script, served, bytes, 0, bytes.length);
        served += bytes.length;
    }

    /** Bytes of the script not handed out yet. */
    synchronized int unused() {
        return script.length - served;
    }
}
