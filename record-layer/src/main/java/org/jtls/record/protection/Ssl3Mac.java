package org.jtls.record.protection;

import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;

/**
 * SSL 3.0's record MAC (RFC 6101 §5.2.3.1):
 * <pre>
 * hash(MAC_write_secret + pad_2 +
 *      hash(MAC_write_secret + pad_1 + seq_num + SSLCompressed.type + SSLCompressed.length + SSLCompressed.fragment))
 * </pre>
 * with pad_1 = 0x36 and pad_2 = 0x5c repeated 48 times for MD5 and 40 times for SHA-1.
 */
final class Ssl3Mac implements RecordMac {
    private final Digest inner;
    private final Digest outer;
    private final Digest dummy;
    private final HashAlgorithm hash;
    private final byte[] secret;
    private final byte[] pad1;
    private final byte[] pad2;
    private final byte[] header = new byte[11];
    private final byte[] dummyBlock;

    Ssl3Mac(CryptoBackend crypto, HashAlgorithm hash, byte[] macSecret) {
        if (hash != HashAlgorithm.MD5 && hash != HashAlgorithm.SHA1) {
            throw new IllegalArgumentException("SSL 3.0 MACs use MD5 or SHA-1, not " + hash);
        }
        this.hash = hash;
        this.secret = macSecret.clone();
        int padLength = hash == HashAlgorithm.MD5 ? 48 : 40;
        this.pad1 = new byte[padLength];
        this.pad2 = new byte[padLength];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        this.inner = crypto.digest(hash);
        this.outer = crypto.digest(hash);
        this.dummy = crypto.digest(hash);
        this.dummyBlock = new byte[hash.blockLength()];
    }

    @Override
    public int length() {
        return hash.outputLength();
    }

    @Override
    public void compute(long sequenceNumber, int type, int version, byte[] content, int offset, int contentLength,
            byte[] out, int outOffset) {
        SequenceNumber.writeBigEndian(sequenceNumber, header, 0);
        header[8] = (byte) type;
        header[9] = (byte) (contentLength >>> 8);
        header[10] = (byte) contentLength;
        inner.update(secret);
        inner.update(pad1);
        inner.update(header);
        inner.update(content, offset, contentLength);
        byte[] innerHash = inner.finish();
        outer.update(secret);
        outer.update(pad2);
        outer.update(innerHash);
        byte[] tag = outer.finish();
        System.arraycopy(tag, 0, out, outOffset, tag.length);
    }

    @Override
    public int innerCompressions(int contentLength) {
        int total = secret.length + pad1.length + header.length + contentLength + 1 + 8;
        return (total + hash.blockLength() - 1) / hash.blockLength();
    }

    @Override
    public void burnCompressions(int count) {
        for (int i = 0; i < count; i++) {
            dummy.update(dummyBlock, 0, dummyBlock.length);
        }
        dummy.reset();
    }
}
