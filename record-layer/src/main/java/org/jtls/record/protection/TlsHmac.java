package org.jtls.record.protection;

import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;

/** RFC 5246 §6.2.3.1: {@code HMAC_hash(MAC_write_key, seq_num + type + version + length + content)}. */
final class TlsHmac implements RecordMac {
    /** seq_num (8) + type (1) + version (2) + length (2). */
    static final int PSEUDO_HEADER_LENGTH = 13;

    private final Mac mac;
    /**
     * Burns compressions on a bare digest, not a second HMAC: an HMAC may hash its key block again
     * for every message (SunJCE does, on the first update), which would add one compression exactly
     * when there is something to burn — the padding-dependent difference Lucky 13 measures.
     */
    private final Digest dummy;
    private final HashAlgorithm hash;
    private final byte[] header = new byte[PSEUDO_HEADER_LENGTH];
    private final byte[] dummyBlock;

    TlsHmac(CryptoBackend crypto, HashAlgorithm hash, byte[] macKey) {
        this.hash = hash;
        this.mac = crypto.hmac(hash, macKey);
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
        header[9] = (byte) (version >>> 8);
        header[10] = (byte) version;
        header[11] = (byte) (contentLength >>> 8);
        header[12] = (byte) contentLength;
        mac.update(header, 0, PSEUDO_HEADER_LENGTH);
        mac.update(content, offset, contentLength);
        mac.finish(out, outOffset);
    }

    @Override
    public int innerCompressions(int contentLength) {
        // Inner hash input: the key block (K xor ipad), the pseudo-header and the content, then the
        // Merkle-Damgård padding: 0x80 and a 64-bit (SHA-384/512: 128-bit) length.
        int lengthField = hash.blockLength() == 128 ? 16 : 8;
        int total = hash.blockLength() + PSEUDO_HEADER_LENGTH + contentLength + 1 + lengthField;
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
