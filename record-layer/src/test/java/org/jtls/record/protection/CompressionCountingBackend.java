package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;

/**
 * A backend that delegates everything to a real one and counts the hash compression-function calls
 * its digests and HMACs make, from the bytes they are given — a deterministic stand-in for timing.
 *
 * <p>The count follows Merkle–Damgård: a digest compresses each block as soon as it is complete,
 * so abandoning a message with {@link Digest#reset()} has cost {@code floor(n / B)} compressions,
 * and finishing it {@code ceil((n + 1 + L) / B)} with the 0x80 byte and the L-byte length field.
 * An HMAC is counted as SunJCE computes it: the {@code K xor ipad} block is hashed again for every
 * message, on its first update, so a message costs {@code ceil((B + n + 1 + L) / B)} inner
 * compressions plus two outer ones when finished, and {@code floor((B + n) / B)} when abandoned
 * after any input. (Bouncy Castle precomputes the keyed states and is cheaper, uniformly.)
 */
final class CompressionCountingBackend extends DelegatingBackend {
    private long compressions;

    CompressionCountingBackend(CryptoBackend delegate) {
        super(delegate);
    }

    long compressions() {
        return compressions;
    }

    void resetCount() {
        compressions = 0;
    }

    private static int lengthFieldBytes(HashAlgorithm hash) {
        return hash.blockLength() == 128 ? 16 : 8;
    }

    private static long finishedCompressions(HashAlgorithm hash, long bytes) {
        long block = hash.blockLength();
        return (bytes + 1 + lengthFieldBytes(hash) + block - 1) / block;
    }

    @Override
    public Digest digest(HashAlgorithm algorithm) {
        return new CountingDigest(super.digest(algorithm), 0);
    }

    @Override
    public Mac hmac(HashAlgorithm algorithm, byte[] key) {
        return new CountingMac(super.hmac(algorithm, key));
    }

    private final class CountingDigest implements Digest {
        private final Digest digest;
        private long pending;

        CountingDigest(Digest digest, long pending) {
            this.digest = digest;
            this.pending = pending;
        }

        @Override
        public HashAlgorithm algorithm() {
            return digest.algorithm();
        }

        @Override
        public void update(byte[] input, int offset, int length) {
            pending += length;
            digest.update(input, offset, length);
        }

        @Override
        public void update(ByteBuffer input) {
            pending += input.remaining();
            digest.update(input);
        }

        @Override
        public Digest fork() {
            return new CountingDigest(digest.fork(), pending);
        }

        @Override
        public byte[] finish() {
            compressions += finishedCompressions(algorithm(), pending);
            pending = 0;
            return digest.finish();
        }

        @Override
        public void reset() {
            compressions += pending / algorithm().blockLength();
            pending = 0;
            digest.reset();
        }
    }

    private final class CountingMac implements Mac {
        private final Mac mac;
        private long pending;
        private boolean started;

        CountingMac(Mac mac) {
            this.mac = mac;
        }

        @Override
        public HashAlgorithm algorithm() {
            return mac.algorithm();
        }

        @Override
        public int macLength() {
            return mac.macLength();
        }

        @Override
        public void update(byte[] input, int offset, int length) {
            started = true;
            pending += length;
            mac.update(input, offset, length);
        }

        @Override
        public void update(ByteBuffer input) {
            started = true;
            pending += input.remaining();
            mac.update(input);
        }

        @Override
        public void finish(byte[] output, int offset) {
            HashAlgorithm hash = algorithm();
            long inner = finishedCompressions(hash, hash.blockLength() + pending);
            long outer = finishedCompressions(hash, hash.blockLength() + hash.outputLength());
            compressions += inner + outer;
            pending = 0;
            started = false;
            mac.finish(output, offset);
        }

        @Override
        public void reset() {
            if (started) {
                compressions += (algorithm().blockLength() + pending) / algorithm().blockLength();
            }
            pending = 0;
            started = false;
            mac.reset();
        }
    }
}
