package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;

/**
 * The PKCS#12 key derivation (RFC 7292 Appendix B.2), used for the MAC of every PFX and for the
 * legacy {@code pbeWithSHAAnd...} ciphers. It is not PBKDF2 and is kept only for compatibility.
 */
public final class Pkcs12Kdf {
    /** Appendix B.3: what the derived bytes are for. */
    public enum Purpose {
        ENCRYPTION_KEY(1), IV(2), MAC_KEY(3);

        private final byte id;

        Purpose(int id) {
            this.id = (byte) id;
        }
    }

    private Pkcs12Kdf() {
    }

    /**
     * @param bmpPassword the password as {@link Passwords#bmpWithTerminator}
     */
    public static byte[] derive(CryptoBackend crypto, HashAlgorithm hash, Purpose purpose, byte[] bmpPassword,
            byte[] salt, int iterations, int length) {
        if (iterations < 1 || length < 1) {
            throw new IllegalArgumentException("the PKCS#12 KDF needs at least one iteration and one byte of output");
        }
        int v = hash.blockLength();
        int u = hash.outputLength();
        byte[] diversifier = new byte[v];
        Arrays.fill(diversifier, purpose.id);
        byte[] input = concatenate(repeatToBlocks(salt, v), repeatToBlocks(bmpPassword, v));
        Digest digest = crypto.digest(hash);
        byte[] output = new byte[length];
        byte[] block = new byte[v];
        for (int written = 0; ; ) {
            digest.update(diversifier);
            digest.update(input);
            byte[] a = digest.finish();
            for (int r = 1; r < iterations; r++) {
                digest.update(a);
                a = digest.finish();
            }
            int take = Math.min(u, length - written);
            System.arraycopy(a, 0, output, written, take);
            written += take;
            if (written == length) {
                break;
            }
            // Step 6C: I_j = (I_j + B + 1) mod 2^v for every v-bit block of I, B being A repeated.
            for (int i = 0; i < v; i++) {
                block[i] = a[i % u];
            }
            for (int offset = 0; offset < input.length; offset += v) {
                int carry = 1;
                for (int i = v - 1; i >= 0; i--) {
                    int sum = (input[offset + i] & 0xFF) + (block[i] & 0xFF) + carry;
                    input[offset + i] = (byte) sum;
                    carry = sum >>> 8;
                }
            }
        }
        Arrays.fill(input, (byte) 0);
        return output;
    }

    /** Copies of {@code value} filling {@code v * ceiling(length / v)} bytes; empty stays empty. */
    private static byte[] repeatToBlocks(byte[] value, int v) {
        if (value.length == 0) {
            return value;
        }
        byte[] out = new byte[v * ((value.length + v - 1) / v)];
        for (int i = 0; i < out.length; i++) {
            out[i] = value[i % value.length];
        }
        return out;
    }

    private static byte[] concatenate(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
