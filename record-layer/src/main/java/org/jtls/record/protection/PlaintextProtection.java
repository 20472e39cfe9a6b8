package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/** The initial state of a connection: records carry plaintext (TLSPlaintext, RFC 8446 §5.1). */
public final class PlaintextProtection implements RecordProtection {
    private long sequence;

    /** The state every connection starts in, before any keys are installed. */
    public PlaintextProtection() {
    }

    @Override
    public boolean isProtected() {
        return false;
    }

    @Override
    public boolean isTls13() {
        return false;
    }

    @Override
    public int maxFragmentLength() {
        return MAX_PLAINTEXT;
    }

    @Override
    public int maxOverhead() {
        return 0;
    }

    @Override
    public void seal(ContentType type, int recordVersion, ByteBuffer plaintext, ByteBuffer out) throws TlsException {
        int length = plaintext.remaining();
        if (length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext of " + length + " bytes exceeds 2^14");
        }
        Records.writeHeader(out, type.code(), recordVersion, length);
        out.put(plaintext);
        sequence++;
    }

    @Override
    public ContentType open(ContentType outerType, int recordVersion, ByteBuffer fragment, ByteBuffer out)
            throws TlsAlertException {
        out.put(fragment);
        sequence++;
        return outerType;
    }

    @Override
    public long sequenceNumber() {
        return sequence;
    }

    @Override
    public boolean keyUpdateRecommended() {
        return false;
    }
}
