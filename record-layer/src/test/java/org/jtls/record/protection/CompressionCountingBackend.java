package org.jtls.record.protection;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.Mac;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;
import org.jtls.crypto.registry.NamedGroup;

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
final class CompressionCountingBackend implements CryptoBackend {
    private final CryptoBackend delegate;
    private long compressions;

    CompressionCountingBackend(CryptoBackend delegate) {
        this.delegate = delegate;
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
    public String name() {
        return "counting(" + delegate.name() + ")";
    }

    @Override
    public Digest digest(HashAlgorithm algorithm) {
        return new CountingDigest(delegate.digest(algorithm), 0);
    }

    @Override
    public Mac hmac(HashAlgorithm algorithm, byte[] key) {
        return new CountingMac(delegate.hmac(algorithm, key));
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

    // ---- everything else is passed through uncounted ----

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial) {
        return delegate.hkdfExtract(algorithm, salt, inputKeyingMaterial);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length) {
        return delegate.hkdfExpand(algorithm, pseudoRandomKey, info, length);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return delegate.aead(algorithm, key);
    }

    @Override
    public CbcCipher cbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
        return delegate.cbc(algorithm, key, forEncryption);
    }

    @Override
    public KeyExchange keyExchange(NamedGroup group) {
        return delegate.keyExchange(group);
    }

    @Override
    public KeyExchange finiteFieldKeyExchange(FiniteFieldGroup group) {
        return delegate.finiteFieldKeyExchange(group);
    }

    @Override
    public Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
        return delegate.signer(algorithm, key);
    }

    @Override
    public Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        return delegate.verifier(algorithm, key);
    }

    @Override
    public byte[] rsaEncryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random) {
        return delegate.rsaEncryptPkcs1(key, message, random);
    }

    @Override
    public byte[] rsaDecryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random) {
        return delegate.rsaDecryptPremasterSecret(key, encryptedPremaster, clientVersion, random);
    }

    @Override
    public KeyPairMaterial generateKeyPair(KeyPairSpec spec, SecureRandom random) {
        return delegate.generateKeyPair(spec, random);
    }
}
