package org.jtls.record.protection;

import java.nio.ByteBuffer;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;

/** Small helpers shared by the protections. */
final class Records {
    static final int HEADER_LENGTH = 5;

    private Records() {
    }

    static void writeHeader(ByteBuffer out, int type, int version, int length) {
        out.put((byte) type);
        out.put((byte) (version >>> 8));
        out.put((byte) version);
        out.put((byte) (length >>> 8));
        out.put((byte) length);
    }

    static void writeHeader(byte[] out, int type, int version, int length) {
        out[0] = (byte) type;
        out[1] = (byte) (version >>> 8);
        out[2] = (byte) version;
        out[3] = (byte) (length >>> 8);
        out[4] = (byte) length;
    }

    /** The one failure every protection reports for anything wrong with a protected record. */
    static TlsAlertException badRecordMac() {
        return TlsAlertException.local(AlertDescription.BAD_RECORD_MAC, "record failed authentication");
    }

    /** Copies the nonce's fixed part XOR the left-padded sequence number into {@code nonce}. */
    static void xorSequence(byte[] fixedIv, long sequence, byte[] nonce) {
        System.arraycopy(fixedIv, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
    }
}
