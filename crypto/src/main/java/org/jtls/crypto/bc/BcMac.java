package org.jtls.crypto.bc;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;

/** HMAC (RFC 2104) over a Bouncy Castle digest; {@link HMac#doFinal} leaves it keyed for the next message. */
final class BcMac implements Mac {
    private final HashAlgorithm algorithm;
    private final HMac hmac;
    private final BufferFeeder feeder;

    BcMac(HashAlgorithm algorithm, byte[] key) {
        Objects.requireNonNull(key, "key");
        this.algorithm = algorithm;
        this.hmac = new HMac(BcDigest.newBcDigest(algorithm));
        this.hmac.init(new KeyParameter(key));
        this.feeder = new BufferFeeder(hmac::update);
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int macLength() {
        return hmac.getMacSize();
    }

    @Override
    public void update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        hmac.update(input, offset, length);
    }

    @Override
    public void update(ByteBuffer input) {
        feeder.feed(input);
    }

    @Override
    public void finish(byte[] output, int offset) {
        Objects.checkFromIndexSize(offset, macLength(), output.length);
        hmac.doFinal(output, offset);
    }

    @Override
    public void reset() {
        hmac.reset();
    }
}
