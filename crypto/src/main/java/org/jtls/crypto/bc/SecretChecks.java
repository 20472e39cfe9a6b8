package org.jtls.crypto.bc;

/** Checks on freshly computed shared secrets. */
final class SecretChecks {
    private SecretChecks() {
    }

    /** Whether every byte is zero, looking at every byte whatever it finds. */
    static boolean isAllZero(byte[] secret) {
        int accumulated = 0;
        for (byte b : secret) {
            accumulated |= b;
        }
        return accumulated == 0;
    }
}
