package org.jtls.crypto.bc;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.util.Memoable;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;

/** A running hash over a Bouncy Castle digest; {@link #fork()} copies its state through {@link Memoable}. */
final class BcDigest implements Digest {
    private final HashAlgorithm algorithm;
    private final org.bouncycastle.crypto.Digest digest;
    private final BufferFeeder feeder;

    BcDigest(HashAlgorithm algorithm) {
        this(algorithm, newBcDigest(algorithm));
    }

    private BcDigest(HashAlgorithm algorithm, org.bouncycastle.crypto.Digest digest) {
        this.algorithm = algorithm;
        this.digest = digest;
        this.feeder = new BufferFeeder(digest::update);
    }

    /** A fresh Bouncy Castle digest; every one of these also implements {@link Memoable}. */
    static org.bouncycastle.crypto.Digest newBcDigest(HashAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        return switch (algorithm) {
            case MD5 -> new MD5Digest();
            case SHA1 -> new SHA1Digest();
            case SHA224 -> new SHA224Digest();
            case SHA256 -> new SHA256Digest();
            case SHA384 -> new SHA384Digest();
            case SHA512 -> new SHA512Digest();
        };
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        digest.update(input, offset, length);
    }

    @Override
    public void update(ByteBuffer input) {
        feeder.feed(input);
    }

    @Override
    public Digest fork() {
        Memoable copy = ((Memoable) digest).copy();
        return new BcDigest(algorithm, (org.bouncycastle.crypto.Digest) copy);
    }

    @Override
    public byte[] finish() {
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    @Override
    public void reset() {
        digest.reset();
    }
}
