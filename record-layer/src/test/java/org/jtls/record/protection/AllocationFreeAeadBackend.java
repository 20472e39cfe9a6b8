package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.CryptoBackend;

/**
 * A backend whose AEADs allocate nothing, so that an allocation measurement through the record
 * layer sees only the record layer. The AEAD is a working but deliberately weak construction — a
 * keystream from a 64-bit mixing function of key, nonce and position, and a keyed polynomial tag over
 * AAD and ciphertext — that round-trips and rejects tampered records. It must never protect anything.
 */
public final class AllocationFreeAeadBackend extends DelegatingBackend {
    public AllocationFreeAeadBackend(CryptoBackend delegate) {
        super(delegate);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " key must be " + algorithm.keyLength() + " bytes");
        }
        return new WeakAead(algorithm, key);
    }

    private static final class WeakAead implements Aead {
        private final AeadAlgorithm algorithm;
        private final long keyWord;
        private final byte[] tag = new byte[16];

        WeakAead(AeadAlgorithm algorithm, byte[] key) {
            this.algorithm = algorithm;
            long word = 0;
            for (byte b : key) {
                word = mix(word ^ (b & 0xFF));
            }
            this.keyWord = word;
        }

        /** SplitMix64's finaliser. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        private long nonceWord(byte[] nonce) {
            long word = keyWord;
            for (byte b : nonce) {
                word = mix(word ^ (b & 0xFF));
            }
            return word;
        }

        private static byte keystream(long nonceWord, int position) {
            return (byte) (mix(nonceWord + (position >>> 3)) >>> (8 * (position & 7)));
        }

        /** Two keyed polynomial accumulators over AAD and ciphertext, finished with both lengths. */
        private void computeTag(long nonceWord, byte[] aad, ByteBuffer ciphertext, int start, int length) {
            long first = mix(nonceWord ^ 0x5EED);
            long second = mix(nonceWord ^ 0xFEED);
            int aadLength = aad == null ? 0 : aad.length;
            for (int i = 0; i < aadLength; i++) {
                first = (first ^ (aad[i] & 0xFF)) * 0x100000001B3L;
                second = mix(second + (aad[i] & 0xFF));
            }
            for (int i = 0; i < length; i++) {
                int value = ciphertext.get(start + i) & 0xFF;
                first = (first ^ value) * 0x100000001B3L;
                second = second * 31 + value;
            }
            first = mix(first ^ aadLength);
            second = mix(second ^ ((long) length << 20) ^ first);
            for (int i = 0; i < 8; i++) {
                tag[i] = (byte) (first >>> (8 * i));
                tag[8 + i] = (byte) (second >>> (8 * i));
            }
        }

        @Override
        public AeadAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer output) {
            int length = plaintext.remaining();
            int tagLength = algorithm.tagLength();
            if (output.remaining() < length + tagLength) {
                throw new IllegalArgumentException("no room for " + (length + tagLength) + " bytes");
            }
            long nonceWord = nonceWord(nonce);
            int start = output.position();
            for (int i = 0; i < length; i++) {
                output.put((byte) (plaintext.get() ^ keystream(nonceWord, i)));
            }
            computeTag(nonceWord, aad, output, start, length);
            output.put(tag, 0, tagLength);
            return length + tagLength;
        }

        @Override
        public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer output) throws AeadException {
            int tagLength = algorithm.tagLength();
            int length = ciphertext.remaining() - tagLength;
            if (length < 0) {
                throw new AeadException("ciphertext shorter than the tag");
            }
            if (output.remaining() < length) {
                throw new IllegalArgumentException("no room for " + length + " bytes");
            }
            long nonceWord = nonceWord(nonce);
            int start = ciphertext.position();
            computeTag(nonceWord, aad, ciphertext, start, length);
            int difference = 0;
            for (int i = 0; i < tagLength; i++) {
                difference |= tag[i] ^ ciphertext.get(start + length + i);
            }
            if (difference != 0) {
                throw new AeadException("bad tag");
            }
            for (int i = 0; i < length; i++) {
                output.put((byte) (ciphertext.get() ^ keystream(nonceWord, i)));
            }
            ciphertext.position(start + length + tagLength);
            return length;
        }
    }
}
