package org.jtls.record.protection;

/**
 * The MAC of TLS ≤ 1.2 records: HMAC over {@code seq_num || type || version || length || content}
 * (RFC 5246 §6.2.3.1) or SSL 3.0's own construction (RFC 6101 §5.2.3.1).
 *
 * <p>For constant-time MAC-then-encrypt decryption it also tells how many hash compression calls a
 * MAC over {@code n} content bytes costs, and can spend a number of extra compressions on dummy
 * input, so that the total work does not depend on the (secret) padding length — the Lucky 13
 * countermeasure of equalising compression-function calls.
 */
interface RecordMac {
    int length();

    /**
     * Computes the MAC of one record.
     *
     * @param version the record's version field (ignored by SSL 3.0, whose MAC omits it)
     */
    void compute(long sequenceNumber, int type, int version, byte[] content, int offset, int contentLength,
            byte[] out, int outOffset);

    /** Compression-function calls the inner hash makes for {@code contentLength} content bytes. */
    int innerCompressions(int contentLength);

    /** Runs {@code count} compression calls on throwaway input. */
    void burnCompressions(int count);
}
