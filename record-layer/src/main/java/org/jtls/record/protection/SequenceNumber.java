package org.jtls.record.protection;

import org.jtls.record.TlsException;

/**
 * A per-direction record sequence number with the limits that apply to its key: it never wraps
 * (RFC 5246 §6.1: renegotiate instead), and for TLS 1.3 AEADs it stops at the usage limit of
 * RFC 8446 §5.5, recommending a key update well before.
 */
final class SequenceNumber {
    /** Unsigned 2^64 - 1: the last value a 64-bit sequence number can take. */
    static final long UNSIGNED_MAX = -1L;

    private long next;
    private final long recommendUpdateAt;
    private final long hardLimit;

    /**
     * @param start     the first sequence number (0, except in tests of the limits)
     * @param hardLimit records this key may protect (unsigned)
     */
    SequenceNumber(long start, long hardLimit) {
        this.next = start;
        this.hardLimit = hardLimit;
        // Recommend replacing the key once 7/8 of the budget is spent.
        this.recommendUpdateAt = hardLimit - (Long.divideUnsigned(hardLimit, 8));
    }

    static SequenceNumber unlimited() {
        return new SequenceNumber(0, UNSIGNED_MAX);
    }

    /** Returns the sequence number for this record and advances. */
    long advance() throws TlsException {
        if (Long.compareUnsigned(next, hardLimit) >= 0) {
            throw new TlsException("record sequence number " + Long.toUnsignedString(next)
                    + " reached the limit for this key; keys must be updated or the connection closed");
        }
        return next++;
    }

    /** The sequence number the next record would use, checking the limit without advancing. */
    long peek() throws TlsException {
        if (Long.compareUnsigned(next, hardLimit) >= 0) {
            throw new TlsException("record sequence number " + Long.toUnsignedString(next)
                    + " reached the limit for this key; keys must be updated or the connection closed");
        }
        return next;
    }

    /** Advances after a record that used {@link #peek()} was accepted. */
    void commit() {
        next++;
    }

    long current() {
        return next;
    }

    boolean updateRecommended() {
        return Long.compareUnsigned(next, recommendUpdateAt) >= 0;
    }

    static void writeBigEndian(long value, byte[] out, int offset) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
