package org.jtls.crypto.jca;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;

/** HMAC (RFC 2104) over the JCA's {@code HmacSHA256} and friends, keyed once. */
final class JcaMac implements Mac {
    private final HashAlgorithm algorithm;
    private final javax.crypto.Mac mac;

    JcaMac(HashAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        String jcaName = jcaName(algorithm);
        this.mac = JcaProviders.mac(jcaName);
        // SecretKeySpec refuses an empty key. HMAC pads its key with zeros to the block length
        // (RFC 2104 §2), so the empty key and a block of zeros are the same key.
        byte[] effectiveKey = key.length == 0 ? new byte[algorithm.blockLength()] : key;
        try {
            mac.init(new SecretKeySpec(effectiveKey, jcaName));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(jcaName + " refused a " + key.length + "-byte key", e);
        }
    }

    /** {@code HmacMD5}, {@code HmacSHA1}, {@code HmacSHA256}, ... as the JCA names them. */
    static String jcaName(HashAlgorithm algorithm) {
        return "Hmac" + algorithm.name();
    }

    @Override
    public HashAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int macLength() {
        return algorithm.outputLength();
    }

    @Override
    public void update(byte[] input, int offset, int length) {
        mac.update(input, offset, length);
    }

    @Override
    public void update(ByteBuffer input) {
        mac.update(input);
    }

    @Override
    public void finish(byte[] output, int offset) {
        try {
            mac.doFinal(output, offset);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("no room for a " + macLength() + "-byte tag at offset " + offset, e);
        }
    }

    @Override
    public void reset() {
        mac.reset();
    }
}
