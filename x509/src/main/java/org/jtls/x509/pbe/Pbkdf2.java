package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;

/** PBKDF2 (RFC 8018 §5.2) over the backend's HMAC. */
public final class Pbkdf2 {
    private Pbkdf2() {
    }

    /**
     * {@code DK = T_1 || T_2 || ...}, {@code T_i = U_1 xor ... xor U_c}, {@code U_1 = PRF(P, S || INT(i))},
     * {@code U_j = PRF(P, U_{j-1})}, truncated to {@code keyLength} bytes.
     */
    public static byte[] derive(CryptoBackend crypto, HashAlgorithm prf, byte[] password, byte[] salt,
            int iterations, int keyLength) {
        if (iterations < 1 || keyLength < 1) {
            throw new IllegalArgumentException("PBKDF2 needs at least one iteration and one byte of output");
        }
        Mac mac = crypto.hmac(prf, password);
        int hashLength = mac.macLength();
        byte[] derived = new byte[keyLength];
        byte[] u = new byte[hashLength];
        byte[] t = new byte[hashLength];
        for (int block = 1, written = 0; written < keyLength; block++) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            mac.finish(u, 0);
            System.arraycopy(u, 0, t, 0, hashLength);
            for (int j = 2; j <= iterations; j++) {
                mac.update(u);
                mac.finish(u, 0);
                for (int k = 0; k < hashLength; k++) {
                    t[k] ^= u[k];
                }
            }
            int take = Math.min(hashLength, keyLength - written);
            System.arraycopy(t, 0, derived, written, take);
            written += take;
        }
        Arrays.fill(u, (byte) 0);
        Arrays.fill(t, (byte) 0);
        return derived;
    }
}
