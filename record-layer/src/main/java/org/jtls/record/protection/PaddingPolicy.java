package org.jtls.record.protection;

import org.jtls.record.ContentType;

/**
 * How many zero bytes of padding a TLS 1.3 record gets (RFC 8446 §5.4), to hide the length of
 * what it carries. The result is clamped so the inner plaintext never exceeds 2^14 + 1 bytes.
 */
@FunctionalInterface
public interface PaddingPolicy {
    /** No padding: the default. */
    PaddingPolicy NONE = (type, contentLength) -> 0;

    int paddingLength(ContentType type, int contentLength);

    /** Pads every record's content (plus its type byte) up to a multiple of {@code blockSize}. */
    static PaddingPolicy toMultipleOf(int blockSize) {
        if (blockSize < 1 || blockSize > RecordProtection.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("padding block size must be in 1..2^14");
        }
        return (type, contentLength) -> {
            int withType = contentLength + 1;
            return (blockSize - withType % blockSize) % blockSize;
        };
    }
}
