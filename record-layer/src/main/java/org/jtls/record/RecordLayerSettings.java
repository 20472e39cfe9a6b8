package org.jtls.record;

import java.util.Objects;
import org.jtls.record.protection.PaddingPolicy;

/**
 * The record layer's limits and policies, as an immutable value.
 *
 * @param maxHandshakeMessageLength   largest handshake message body accepted (default 64 KiB)
 * @param maxCertificateMessageLength largest Certificate / CompressedCertificate body (default 256 KiB)
 * @param maxEmptyRecordsInRow        consecutive empty application-data records tolerated (flood guard)
 * @param maxWarningAlertsInRow       consecutive warning alerts tolerated
 * @param maxChangeCipherSpecsInRow   consecutive change_cipher_spec records tolerated
 * @param splitApplicationData        1/n-1 record splitting for CBC with chained IVs (SSL 3.0, TLS 1.0):
 *                                    the BEAST countermeasure, on by default
 * @param tls13Padding                padding of TLS 1.3 records (default none)
 */
public record RecordLayerSettings(
        int maxHandshakeMessageLength,
        int maxCertificateMessageLength,
        int maxEmptyRecordsInRow,
        int maxWarningAlertsInRow,
        int maxChangeCipherSpecsInRow,
        boolean splitApplicationData,
        PaddingPolicy tls13Padding) {

    public RecordLayerSettings {
        Objects.requireNonNull(tls13Padding, "tls13Padding");
        if (maxHandshakeMessageLength < 1024 || maxCertificateMessageLength < maxHandshakeMessageLength
                || maxCertificateMessageLength > 0xFFFFFF) {
            throw new IllegalArgumentException("handshake message limits must satisfy 1024 <= max <= certificate max <= 2^24-1");
        }
        if (maxEmptyRecordsInRow < 0 || maxWarningAlertsInRow < 0 || maxChangeCipherSpecsInRow < 1) {
            throw new IllegalArgumentException("flood limits must be non-negative (and allow one change_cipher_spec)");
        }
    }

    public static RecordLayerSettings defaults() {
        return new RecordLayerSettings(64 * 1024, 256 * 1024, 32, 4, 2, true, PaddingPolicy.NONE);
    }

    public RecordLayerSettings withSplitApplicationData(boolean split) {
        return new RecordLayerSettings(maxHandshakeMessageLength, maxCertificateMessageLength, maxEmptyRecordsInRow,
                maxWarningAlertsInRow, maxChangeCipherSpecsInRow, split, tls13Padding);
    }

    public RecordLayerSettings withTls13Padding(PaddingPolicy padding) {
        return new RecordLayerSettings(maxHandshakeMessageLength, maxCertificateMessageLength, maxEmptyRecordsInRow,
                maxWarningAlertsInRow, maxChangeCipherSpecsInRow, splitApplicationData, padding);
    }

    public RecordLayerSettings withHandshakeLimits(int maxMessage, int maxCertificateMessage) {
        return new RecordLayerSettings(maxMessage, maxCertificateMessage, maxEmptyRecordsInRow,
                maxWarningAlertsInRow, maxChangeCipherSpecsInRow, splitApplicationData, tls13Padding);
    }

    public RecordLayerSettings withFloodLimits(int emptyRecords, int warningAlerts, int changeCipherSpecs) {
        return new RecordLayerSettings(maxHandshakeMessageLength, maxCertificateMessageLength, emptyRecords,
                warningAlerts, changeCipherSpecs, splitApplicationData, tls13Padding);
    }
}
