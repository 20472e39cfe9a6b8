package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * The NULL cipher with a MAC (TLS_RSA_WITH_NULL_SHA and friends): records are authenticated but
 * sent in the clear, {@code fragment = content || MAC}. For research configurations only; never
 * enabled by default.
 */
public final class NullCipherProtection implements RecordProtection {
    private final RecordMac mac;
    private final SequenceNumber sequence;
    private final byte[] content = new byte[MAX_PLAINTEXT + 2048];
    private final byte[] computedMac;
    private final byte[] receivedMac;

    public NullCipherProtection(CryptoBackend crypto, ProtocolVersion version, HashAlgorithm macHash, byte[] macKey) {
        if (version == ProtocolVersion.TLS_1_3) {
            throw new IllegalArgumentException("TLS 1.3 has no NULL-cipher suites");
        }
        this.mac = version == ProtocolVersion.SSL_3_0
                ? new Ssl3Mac(crypto, macHash, macKey)
                : new TlsHmac(crypto, macHash, macKey);
        this.sequence = SequenceNumber.unlimited();
        this.computedMac = new byte[mac.length()];
        this.receivedMac = new byte[mac.length()];
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
        return MAX_PLAINTEXT + 2048;
    }

    @Override
    public int maxOverhead() {
        return mac.length();
    }

    @Override
    public void seal(ContentType type, int recordVersion, ByteBuffer plaintext, ByteBuffer out) throws TlsException {
        int length = plaintext.remaining();
        if (length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext of " + length + " bytes exceeds 2^14");
        }
        long sequenceNumber = sequence.advance();
        plaintext.get(content, 0, length);
        mac.compute(sequenceNumber, type.code(), recordVersion, content, 0, length, computedMac, 0);
        Records.writeHeader(out, type.code(), recordVersion, length + mac.length());
        out.put(content, 0, length);
        out.put(computedMac);
    }

    @Override
    public ContentType open(ContentType outerType, int recordVersion, ByteBuffer fragment, ByteBuffer out)
            throws TlsAlertException {
        int length = fragment.remaining() - mac.length();
        if (length < 0) {
            throw Records.badRecordMac();
        }
        long sequenceNumber;
        try {
            sequenceNumber = sequence.advance();
        } catch (TlsException e) {
            throw TlsAlertException.local(AlertDescription.UNEXPECTED_MESSAGE, e.getMessage());
        }
        fragment.get(content, 0, length);
        fragment.get(receivedMac);
        mac.compute(sequenceNumber, outerType.code(), recordVersion, content, 0, length, computedMac, 0);
        if (!ConstantTime.equals(computedMac, receivedMac)) {
            throw Records.badRecordMac();
        }
        out.put(content, 0, length);
        return outerType;
    }

    @Override
    public long sequenceNumber() {
        return sequence.current();
    }

    @Override
    public boolean keyUpdateRecommended() {
        return false;
    }
}
