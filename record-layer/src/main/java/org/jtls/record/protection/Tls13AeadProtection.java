package org.jtls.record.protection;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.CryptoBackend;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * TLS 1.3 record protection (RFC 8446 §5.2–5.3): the AEAD nonce is the write IV XOR the padded
 * sequence number, the AAD is the record header, and the plaintext is
 * {@code TLSInnerPlaintext = content || type || zeros}. Every record goes out as
 * application_data with legacy version 0x0303.
 */
public final class Tls13AeadProtection implements RecordProtection {
    private static final int LEGACY_RECORD_VERSION = 0x0303;
    /** Inner plaintext: at most 2^14 content bytes plus the type byte (RFC 8446 §5.4). */
    private static final int MAX_INNER_PLAINTEXT = MAX_PLAINTEXT + 1;

    private final Aead aead;
    private final byte[] iv;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] header = new byte[Records.HEADER_LENGTH];
    /** Where a sealed record's inner plaintext is assembled; made on the first seal (read keys never seal). */
    private ByteBuffer inner;
    private final SequenceNumber sequence;
    private final PaddingPolicy padding;
    private int innerPlaintextLimit = MAX_INNER_PLAINTEXT;

    /**
     * @param key the traffic key ({@code [sender]_write_key})
     * @param iv  the 12-byte {@code [sender]_write_iv}
     */
    public Tls13AeadProtection(CryptoBackend crypto, AeadAlgorithm algorithm, byte[] key, byte[] iv,
            PaddingPolicy padding) {
        this(crypto, algorithm, key, iv, padding, 0);
    }

    Tls13AeadProtection(CryptoBackend crypto, AeadAlgorithm algorithm, byte[] key, byte[] iv,
            PaddingPolicy padding, long firstSequenceNumber) {
        if (iv.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("TLS 1.3 write IV must be 12 bytes");
        }
        this.aead = crypto.aead(algorithm, key);
        this.iv = iv.clone();
        this.padding = Objects.requireNonNull(padding, "padding");
        this.sequence = new SequenceNumber(firstSequenceNumber, usageLimit(algorithm));
    }

    /**
     * Records one key may protect. RFC 8446 §5.5: AES-GCM 2^24.5 full-size records; CCM is given
     * the same budget rounded down to 2^23.5 for its weaker bounds; ChaCha20-Poly1305's limit
     * exceeds the sequence space.
     */
    static long usageLimit(AeadAlgorithm algorithm) {
        if (algorithm.isGcm()) {
            return 23_726_566L; // 2^24.5
        }
        if (algorithm.isCcm()) {
            return 11_863_283L; // 2^23.5
        }
        return SequenceNumber.UNSIGNED_MAX;
    }

    /**
     * Lowers the 2^14 + 1 byte bound on TLSInnerPlaintext — content, type byte and padding — to a
     * negotiated record_size_limit. RFC 8446 §5.4 and RFC 8449 §4: the limit covers the padding too,
     * so sealing pads less and opening refuses larger records with record_overflow. The record layer
     * sets it from the limit of the direction this protection serves.
     */
    public void setInnerPlaintextLimit(int limit) {
        if (limit < 2 || limit > MAX_INNER_PLAINTEXT) {
            throw new IllegalArgumentException("inner plaintext limit " + limit + " outside 2..2^14+1");
        }
        this.innerPlaintextLimit = limit;
    }

    @Override
    public boolean isProtected() {
        return true;
    }

    @Override
    public boolean isTls13() {
        return true;
    }

    @Override
    public int maxFragmentLength() {
        return MAX_PLAINTEXT + 256; // RFC 8446 §5.2
    }

    /**
     * The type byte and the tag, plus whatever padding the policy may add: a padding policy can pad
     * even an empty record up to the full 2^14 + 1 inner-plaintext bytes (RFC 8446 §5.4).
     */
    @Override
    public int maxOverhead() {
        int tagLength = aead.algorithm().tagLength();
        return padding == PaddingPolicy.NONE ? 1 + tagLength : MAX_INNER_PLAINTEXT + tagLength;
    }

    @Override
    public void seal(ContentType type, int recordVersion, ByteBuffer plaintext, ByteBuffer out) throws TlsException {
        int contentLength = plaintext.remaining();
        if (contentLength > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext of " + contentLength + " bytes exceeds 2^14");
        }
        int paddingLength = Math.max(0, Math.min(padding.paddingLength(type, contentLength),
                innerPlaintextLimit - contentLength - 1));
        long sequenceNumber = sequence.advance();
        if (inner == null) {
            inner = ByteBuffer.allocate(MAX_INNER_PLAINTEXT);
        }
        inner.clear();
        inner.put(plaintext);
        inner.put((byte) type.code());
        for (int i = 0; i < paddingLength; i++) {
            inner.put((byte) 0);
        }
        inner.flip();
        int fragmentLength = inner.remaining() + aead.algorithm().tagLength();
        Records.writeHeader(header, ContentType.APPLICATION_DATA.code(), LEGACY_RECORD_VERSION, fragmentLength);
        out.put(header);
        Records.xorSequence(iv, sequenceNumber, nonce);
        aead.seal(nonce, header, inner, out);
    }

    @Override
    public ContentType open(ContentType outerType, int recordVersion, ByteBuffer fragment, ByteBuffer out)
            throws TlsAlertException {
        if (outerType != ContentType.APPLICATION_DATA) {
            // RFC 8446 §5.2: protected records are always application_data on the outside.
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "encrypted record with outer type " + outerType + " (must be application_data)");
        }
        int fragmentLength = fragment.remaining();
        if (fragmentLength > maxFragmentLength()) {
            throw TlsAlertException.local(AlertDescription.RECORD_OVERFLOW,
                    "encrypted record of " + fragmentLength + " bytes exceeds 2^14 + 256");
        }
        if (fragmentLength < aead.algorithm().tagLength() + 1) {
            throw Records.badRecordMac();
        }
        long sequenceNumber;
        try {
            sequenceNumber = sequence.peek();
        } catch (TlsException e) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, e.getMessage());
        }
        Records.writeHeader(header, outerType.code(), recordVersion, fragmentLength);
        Records.xorSequence(iv, sequenceNumber, nonce);
        int start = out.position();
        try {
            aead.open(nonce, header, fragment, out);
        } catch (AeadException e) {
            // The sequence number stays: a server skipping rejected 0-RTT records (RFC 8446 §4.2.10)
            // must still expect the next record at this number.
            throw Records.badRecordMac();
        }
        sequence.commit();
        int end = out.position();
        if (end - start > innerPlaintextLimit) {
            throw TlsAlertException.local(AlertDescription.RECORD_OVERFLOW, "decrypted inner plaintext of "
                    + (end - start) + " bytes exceeds " + innerPlaintextLimit + " (RFC 8446 §5.4, RFC 8449 §4)");
        }
        // Strip the zero padding from the end; the last non-zero byte is the real content type.
        int typeIndex = end - 1;
        while (typeIndex >= start && out.get(typeIndex) == 0) {
            typeIndex--;
        }
        if (typeIndex < start) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE,
                    "decrypted record has no non-zero content type (RFC 8446 §5.4)");
        }
        int innerType = out.get(typeIndex) & 0xFF;
        out.position(typeIndex);
        return ContentType.fromCode(innerType).orElseThrow(() -> TlsAlertException.local(
                AlertDescription.UNEXPECTED_MESSAGE, "unknown inner content type " + innerType));
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
