package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * How records are protected in one direction under one set of keys: the initial plaintext state,
 * a TLS 1.3 AEAD, a TLS 1.2 AEAD, CBC (SSL 3.0 to TLS 1.2, MAC-then-encrypt or encrypt-then-MAC)
 * or the research-only NULL cipher with a MAC. Each instance owns its sequence number, which
 * starts at zero: installing new keys means installing a new instance (RFC 5246 §6.1, RFC 8446
 * §5.3).
 *
 * <p>Not thread-safe; the record layer uses each instance from one thread at a time.
 */
public interface RecordProtection {
    /** Largest plaintext fragment of one record (RFC 8446 §5.1, RFC 5246 §6.2.1). */
    int MAX_PLAINTEXT = 1 << 14;

    /** Whether records are encrypted or authenticated at all. */
    boolean isProtected();

    /** Whether this is TLS 1.3 protection (inner content type, encrypted record type 23). */
    boolean isTls13();

    /** Largest fragment a received record may carry under this protection (record_overflow beyond). */
    int maxFragmentLength();

    /** Most bytes protection can add to a plaintext, header excluded: for buffer sizing. */
    int maxOverhead();

    /**
     * Seals one record: writes its 5-byte header and protected fragment to {@code out}, consuming
     * all of {@code plaintext}'s remaining bytes (at most {@link #MAX_PLAINTEXT}).
     *
     * @throws TlsException if the sequence number or key usage limit is exhausted: the layer above
     *                      must update keys or close before sending more
     */
    void seal(ContentType type, int recordVersion, ByteBuffer plaintext, ByteBuffer out) throws TlsException;

    /**
     * Opens the fragment of one received record whose header said {@code outerType} and
     * {@code recordVersion}; writes the plaintext content to {@code out} and returns its content type
     * (the inner type in TLS 1.3). {@code out} must have room for {@link #maxFragmentLength()}.
     *
     * @throws TlsAlertException bad_record_mac for any authentication or padding failure — all
     *                           alike, in content and timing; unexpected_message or record_overflow
     *                           for a malformed TLS 1.3 inner plaintext
     */
    ContentType open(ContentType outerType, int recordVersion, ByteBuffer fragment, ByteBuffer out)
            throws TlsAlertException;

    /** The sequence number the next record will use. */
    long sequenceNumber();

    /**
     * True once this key has protected enough records that it should be replaced soon (TLS 1.3:
     * KeyUpdate, RFC 8446 §5.5; TLS ≤ 1.2: renegotiate or close). Sealing keeps working until the
     * hard limit, where {@link #seal} refuses.
     */
    boolean keyUpdateRecommended();
}
