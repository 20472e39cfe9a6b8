package org.jtls.crypto.jca;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;

/** A {@link Digest} over a JCA {@link MessageDigest}; {@link #fork()} clones the running state. */
final class JcaDigest implements Digest {
    private final HashAlgorithm algorithm;
    private final MessageDigest messageDigest;

    JcaDigest(HashAlgorithm algorithm) {
        this(algorithm, JcaProviders.messageDigest(algorithm.standardName()));
    }

    private JcaDigest(HashAlgorithm algorithm, MessageDigest messageDigest) {
        this.algorithm = algorithm;
        this.messageDigest = messageDigest;
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void update(byte[] input, int offset, int length) {
        messageDigest.update(input, offset, length);
    }

    @Override
    public void update(ByteBuffer input) {
        messageDigest.update(input);
    }

    @Override
    public Digest fork() {
        try {
            return new JcaDigest(algorithm, (MessageDigest) messageDigest.clone());
        } catch (CloneNotSupportedException e) {
            // The SUN provider's digests are all cloneable; another provider's might not be.
            throw new IllegalStateException(messageDigest.getProvider().getName() + "'s " + algorithm.standardName()
                    + " cannot copy its state", e);
        }
    }

    @Override
    public byte[] finish() {
        return messageDigest.digest();
    }

    @Override
    public void reset() {
        messageDigest.reset();
    }
}
