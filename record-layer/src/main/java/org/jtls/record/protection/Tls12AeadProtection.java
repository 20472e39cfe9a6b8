package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.CryptoBackend;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3). Two nonce constructions:
 * <ul>
 *   <li>AES-GCM and AES-CCM (RFC 5288 §3, RFC 6655 §3): {@code nonce = salt[4] || nonce_explicit[8]},
 *       the explicit part carried at the front of each record. jtls sends the sequence number as the
 *       explicit part, which never repeats under one key.</li>
 *   <li>ChaCha20-Poly1305 (RFC 7905 §2): {@code nonce = iv[12] XOR padded seq_num}, nothing explicit.</li>
 * </ul>
 * The AAD is {@code seq_num || type || version || plaintext length}.
 */
public final class Tls12AeadProtection implements RecordProtection {
    private static final int EXPLICIT_NONCE_LENGTH = 8;

    private final Aead aead;
    private final byte[] fixedIv;
    private final boolean explicitNonce;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] additionalData = new byte[13];
    private final SequenceNumber sequence;

    /**
     * @param fixedIv the 4-byte salt (GCM, CCM) or the 12-byte IV (ChaCha20-Poly1305) from the key block
     */
    public Tls12AeadProtection(CryptoBackend crypto, AeadAlgorithm algorithm, byte[] key, byte[] fixedIv) {
        this(crypto, algorithm, key, fixedIv, 0);
    }

    Tls12AeadProtection(CryptoBackend crypto, AeadAlgorithm algorithm, byte[] key, byte[] fixedIv,
            long firstSequenceNumber) {
        this.explicitNonce = algorithm != AeadAlgorithm.CHACHA20_POLY1305;
        int expectedIv = explicitNonce ? 4 : 12;
        if (fixedIv.length != expectedIv) {
            throw new IllegalArgumentException(algorithm + " in TLS 1.2 takes a " + expectedIv + "-byte fixed IV");
        }
        this.aead = crypto.aead(algorithm, key);
        this.fixedIv = fixedIv.clone();
        this.sequence = new SequenceNumber(firstSequenceNumber, SequenceNumber.UNSIGNED_MAX);
    }

    @Override
    public boolean isProtected() {
        return true;
    }

    @Override
    public boolean isTls13() {
        return false;
    }

    @Override
    public int maxFragmentLength() {
        return MAX_PLAINTEXT + 2048; // RFC 5246 §6.2.3
    }

    @Override
    public int maxOverhead() {
        return (explicitNonce ? EXPLICIT_NONCE_LENGTH : 0) + aead.algorithm().tagLength();
    }

    private void buildNonce(long sequenceNumber) {
        if (explicitNonce) {
            System.arraycopy(fixedIv, 0, nonce, 0, 4);
            SequenceNumber.writeBigEndian(sequenceNumber, nonce, 4);
        } else {
            Records.xorSequence(fixedIv, sequenceNumber, nonce);
        }
    }

    private void buildAdditionalData(long sequenceNumber, int type, int version, int plaintextLength) {
        SequenceNumber.writeBigEndian(sequenceNumber, additionalData, 0);
        additionalData[8] = (byte) type;
        additionalData[9] = (byte) (version >>> 8);
        additionalData[10] = (byte) version;
        additionalData[11] = (byte) (plaintextLength >>> 8);
        additionalData[12] = (byte) plaintextLength;
    }

    @Override
    public void seal(ContentType type, int recordVersion, ByteBuffer plaintext, ByteBuffer out) throws TlsException {
        int length = plaintext.remaining();
        if (length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext of " + length + " bytes exceeds 2^14");
        }
        long sequenceNumber = sequence.advance();
        Records.writeHeader(out, type.code(), recordVersion, length + maxOverhead());
        buildNonce(sequenceNumber);
        if (explicitNonce) {
            out.put(nonce, 4, EXPLICIT_NONCE_LENGTH);
        }
        buildAdditionalData(sequenceNumber, type.code(), recordVersion, length);
        aead.seal(nonce, additionalData, plaintext, out);
    }

    @Override
    public ContentType open(ContentType outerType, int recordVersion, ByteBuffer fragment, ByteBuffer out)
            throws TlsAlertException {
        int fragmentLength = fragment.remaining();
        int plaintextLength = fragmentLength - maxOverhead();
        if (plaintextLength < 0) {
            throw Records.badRecordMac();
        }
        long sequenceNumber;
        try {
            sequenceNumber = sequence.advance();
        } catch (TlsException e) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, e.getMessage());
        }
        if (explicitNonce) {
            System.arraycopy(fixedIv, 0, nonce, 0, 4);
            fragment.get(nonce, 4, EXPLICIT_NONCE_LENGTH);
        } else {
            buildNonce(sequenceNumber);
        }
        buildAdditionalData(sequenceNumber, outerType.code(), recordVersion, plaintextLength);
        try {
            aead.open(nonce, additionalData, fragment, out);
        } catch (AeadException e) {
            throw Records.badRecordMac();
        }
        return outerType;
    }

    @Override
    public long sequenceNumber() {
        return sequence.current();
    }

    @Override
    public boolean keyUpdateRecommended() {
        return sequence.updateRecommended();
    }
}
