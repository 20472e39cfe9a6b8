package org.jtls.record;

import static org.jtls.record.TestRecords.MAX_PLAINTEXT;
import static org.jtls.record.TestRecords.concat;
import static org.jtls.record.TestRecords.receiveAll;
import static org.jtls.record.TestRecords.record;
import static org.jtls.record.TestRecords.seal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtls.record.TestRecords.Tls12Keys;
import org.jtls.record.TestRecords.Tls13Keys;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Size and flood limits: record lengths (RFC 8446 §5.1–5.2, RFC 5246 §6.2), negotiated plaintext
 * limits (RFC 8449), handshake message lengths, and the guards against floods of empty records,
 * warning alerts and change_cipher_spec records. Each limit is shown to hold at its value and to
 * fire exactly one past it.
 */
class RecordLimitsTest {
    private static final SeededRandom RANDOM = new SeededRandom(20240611);

    private static AlertDescription alertFrom(RecordLayer receiver, byte[] bytes) {
        return assertThrows(TlsAlertException.class, () -> receiveAll(receiver, bytes)).alert();
    }

    private static RecordLayer tls13Receiver(Tls13Keys keys) throws TlsAlertException {
        RecordLayer receiver = new RecordLayer();
        receiver.installReadProtection(keys.protection());
        return receiver;
    }

    private static RecordLayer tls12Receiver(Tls12Keys keys) throws TlsAlertException {
        RecordLayer receiver = new RecordLayer();
        receiver.installReadProtection(keys.protection());
        return receiver;
    }

    /** Splits a stream of records into their fragment lengths. */
    private static List<Integer> fragmentLengths(byte[] stream) {
        List<Integer> lengths = new ArrayList<>();
        ByteBuffer records = ByteBuffer.wrap(stream);
        while (records.hasRemaining()) {
            records.position(records.position() + 3);
            int length = records.getShort() & 0xFFFF;
            lengths.add(length);
            records.position(records.position() + length);
        }
        return lengths;
    }

    // ---- record lengths ----

    @Test
    void plaintextRecordOf2To14BytesIsAcceptedAndOneMoreIsRecordOverflow() throws TlsAlertException {
        byte[] message = HandshakeMessage.of(1, RANDOM.bytes(MAX_PLAINTEXT - 4)).encoded();
        assertEquals(1, receiveAll(new RecordLayer(), record(ContentType.HANDSHAKE, message)).handshake().size());

        byte[] header = record(ContentType.HANDSHAKE.code(), 0x0303, MAX_PLAINTEXT + 1, new byte[0]);
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(new RecordLayer(), header),
                "refused from the header alone, before the fragment arrives");
    }

    @Test
    void tls12ProtectedRecordMayReach2To14Plus2048() throws TlsAlertException {
        RecordLayer atLimit = tls12Receiver(Tls12Keys.random(1));
        atLimit.receive(ByteBuffer.wrap(record(23, 0x0303, MAX_PLAINTEXT + 2048, new byte[0])));
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, atLimit.readNext(),
                "a header at the limit waits for its fragment");

        byte[] over = record(23, 0x0303, MAX_PLAINTEXT + 2049, new byte[0]);
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(tls12Receiver(Tls12Keys.random(1)), over));
    }

    @Test
    void tls13ProtectedRecordMayReach2To14Plus256() throws TlsAlertException {
        RecordLayer atLimit = tls13Receiver(Tls13Keys.random(1));
        atLimit.receive(ByteBuffer.wrap(record(23, 0x0303, MAX_PLAINTEXT + 256, new byte[0])));
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, atLimit.readNext());

        byte[] over = record(23, 0x0303, MAX_PLAINTEXT + 257, new byte[0]);
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(tls13Receiver(Tls13Keys.random(1)), over));
    }

    /** RFC 8446 §5.4: TLSInnerPlaintext — content, type and padding — is at most 2^14 + 1 bytes. */
    @Test
    void tls13InnerPlaintextOver2To14Plus1IsRecordOverflow() throws TlsAlertException {
        Tls13Keys keys = Tls13Keys.random(2);
        byte[] fullSize = concat(RANDOM.bytes(MAX_PLAINTEXT), new byte[] {23});
        assertEquals(MAX_PLAINTEXT, receiveAll(tls13Receiver(keys), keys.sealInnerPlaintext(0, fullSize))
                .applicationData().length, "2^14 content bytes and the type byte: the largest legal record");

        byte[] contentTooLong = concat(RANDOM.bytes(MAX_PLAINTEXT + 1), new byte[] {23});
        assertEquals(AlertDescription.RECORD_OVERFLOW,
                alertFrom(tls13Receiver(keys), keys.sealInnerPlaintext(0, contentTooLong)));

        byte[] paddedTooLong = concat(RANDOM.bytes(MAX_PLAINTEXT), new byte[] {23, 0});
        assertEquals(AlertDescription.RECORD_OVERFLOW,
                alertFrom(tls13Receiver(keys), keys.sealInnerPlaintext(0, paddedTooLong)),
                "padding counts towards the 2^14 + 1 bytes");
    }

    @Test
    void tls13SenderFillsRecordsTo2To14ContentBytes() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(3);
        RecordLayer sender = new RecordLayer();
        sender.installWriteProtection(keys.protection());
        byte[] data = RANDOM.bytes(2 * MAX_PLAINTEXT + 5);
        sender.writeApplicationData(ByteBuffer.wrap(data));
        byte[] wire = sender.drainOutput();
        assertEquals(List.of(MAX_PLAINTEXT + 17, MAX_PLAINTEXT + 17, 5 + 17), fragmentLengths(wire));
        assertArrayEquals(data, receiveAll(tls13Receiver(keys), wire).applicationData());
    }

    /** Padding may make a record far longer than its content; the output buffer must make room for it. */
    @Test
    void heavilyPaddedTls13RecordsNeverOverrunTheOutputBuffer() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(4);
        RecordLayer sender = new RecordLayer();
        sender.installWriteProtection(keys.protection(PaddingPolicy.toMultipleOf(MAX_PLAINTEXT)));
        for (int i = 0; i < 5; i++) {
            sender.writeApplicationData(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        byte[] wire = sender.drainOutput();
        assertEquals(List.of(MAX_PLAINTEXT + 16, MAX_PLAINTEXT + 16, MAX_PLAINTEXT + 16, MAX_PLAINTEXT + 16,
                MAX_PLAINTEXT + 16), fragmentLengths(wire));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, receiveAll(tls13Receiver(keys), wire).applicationData());
    }

    // ---- negotiated plaintext limits (RFC 8449) ----

    @Test
    void tls12SenderSplitsToTheRecordSizeLimitAndReceiverRefusesMore() throws TlsException {
        Tls12Keys keys = Tls12Keys.random(5);
        RecordLayer sender = new RecordLayer();
        sender.setPlaintextLimits(100, MAX_PLAINTEXT);
        sender.installWriteProtection(keys.protection());
        byte[] data = RANDOM.bytes(1000);
        sender.writeApplicationData(ByteBuffer.wrap(data));
        byte[] wire = sender.drainOutput();
        // TLS 1.2 AES-GCM adds an 8-byte explicit nonce and a 16-byte tag to each record.
        assertEquals(List.of(124, 124, 124, 124, 124, 124, 124, 124, 124, 124), fragmentLengths(wire));

        RecordLayer receiver = tls12Receiver(keys);
        receiver.setPlaintextLimits(MAX_PLAINTEXT, 100);
        assertArrayEquals(data, receiveAll(receiver, wire).applicationData());

        RecordLayer strict = tls12Receiver(keys);
        strict.setPlaintextLimits(MAX_PLAINTEXT, 100);
        byte[] oneTooMany = seal(keys.protection(), ContentType.APPLICATION_DATA, 0x0303, RANDOM.bytes(101));
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(strict, oneTooMany));
    }

    /** RFC 8449 §4: in TLS 1.3 the limit counts the inner plaintext, content type byte included. */
    @Test
    void tls13RecordSizeLimitCountsTheContentTypeByte() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(6);
        RecordLayer sender = new RecordLayer();
        sender.setPlaintextLimits(100, MAX_PLAINTEXT + 1);
        sender.installWriteProtection(keys.protection());
        byte[] data = RANDOM.bytes(1000);
        sender.writeApplicationData(ByteBuffer.wrap(data));
        byte[] wire = sender.drainOutput();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(99 + 1 + 16);
        }
        expected.add(10 + 1 + 16);
        assertEquals(expected, fragmentLengths(wire));

        RecordLayer receiver = tls13Receiver(keys);
        receiver.setPlaintextLimits(MAX_PLAINTEXT + 1, 100);
        assertArrayEquals(data, receiveAll(receiver, wire).applicationData());

        RecordLayer strict = tls13Receiver(keys);
        strict.setPlaintextLimits(MAX_PLAINTEXT + 1, 100);
        byte[] hundredContentBytes = seal(keys.protection(), ContentType.APPLICATION_DATA, 0x0303, RANDOM.bytes(100));
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(strict, hundredContentBytes));
    }

    /** RFC 8446 §5.4 and RFC 8449 §4: a reduced limit applies to padding as well. */
    @Test
    void tls13RecordSizeLimitCountsThePadding() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(7);
        RecordLayer sender = new RecordLayer();
        sender.setPlaintextLimits(100, MAX_PLAINTEXT + 1);
        sender.installWriteProtection(keys.protection(PaddingPolicy.toMultipleOf(4096)));
        byte[] data = RANDOM.bytes(150);
        sender.writeApplicationData(ByteBuffer.wrap(data));
        byte[] wire = sender.drainOutput();
        assertEquals(List.of(100 + 16, 100 + 16), fragmentLengths(wire), "padded up to the limit, not past it");

        RecordLayer receiver = tls13Receiver(keys);
        receiver.setPlaintextLimits(MAX_PLAINTEXT + 1, 100);
        assertArrayEquals(data, receiveAll(receiver, wire).applicationData());

        RecordLayer strict = tls13Receiver(keys);
        strict.setPlaintextLimits(MAX_PLAINTEXT + 1, 100);
        byte[] smallButPadded = keys.sealInnerPlaintext(0, concat(RANDOM.bytes(10), new byte[] {23}, new byte[90]));
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(strict, smallButPadded));
    }

    @Test
    void limitsSetBeforeKeysApplyToKeysInstalledLater() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(8);
        RecordLayer receiver = new RecordLayer();
        receiver.setPlaintextLimits(MAX_PLAINTEXT + 1, 64);
        receiver.installReadProtection(keys.protection());
        byte[] padded = keys.sealInnerPlaintext(0, concat(RANDOM.bytes(10), new byte[] {23}, new byte[60]));
        assertEquals(AlertDescription.RECORD_OVERFLOW, alertFrom(receiver, padded));
    }

    @Test
    void handshakeFlushesRespectTheSendLimit() throws TlsException {
        RecordLayer sender = new RecordLayer();
        sender.setPlaintextLimits(64, MAX_PLAINTEXT);
        sender.writeHandshake(HandshakeMessage.of(11, RANDOM.bytes(200)));
        sender.flushHandshake();
        assertEquals(List.of(64, 64, 64, 12), fragmentLengths(sender.drainOutput()));
    }

    // ---- handshake message lengths ----

    @ParameterizedTest(name = "message type {0}")
    @ValueSource(ints = {1, 2, 4, 8, 15, 20})
    void handshakeMessageOverItsLimitIsRefusedFromItsHeader(int type) throws TlsAlertException {
        RecordLayerSettings settings = RecordLayerSettings.defaults().withHandshakeLimits(2048, 8192);
        byte[] atLimit = HandshakeMessage.of(type, RANDOM.bytes(2048)).encoded();
        assertEquals(1, receiveAll(new RecordLayer(settings), fragment(atLimit)).handshake().size());

        byte[] headerOverLimit = {(byte) type, 0, 0x08, 0x01};
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                alertFrom(new RecordLayer(settings), record(ContentType.HANDSHAKE, headerOverLimit)),
                "refused as soon as the 4-byte header says 2049");
    }

    /** Certificate (11) and CompressedCertificate (25, RFC 8879) carry chains: they get their own limit. */
    @ParameterizedTest(name = "message type {0}")
    @ValueSource(ints = {11, 25})
    void certificateMessagesMayReachTheCertificateLimit(int type) throws TlsAlertException {
        RecordLayerSettings settings = RecordLayerSettings.defaults().withHandshakeLimits(2048, 8192);
        byte[] atLimit = HandshakeMessage.of(type, RANDOM.bytes(8192)).encoded();
        assertEquals(1, receiveAll(new RecordLayer(settings), fragment(atLimit)).handshake().size());

        byte[] headerOverLimit = {(byte) type, 0, 0x20, 0x01};
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                alertFrom(new RecordLayer(settings), record(ContentType.HANDSHAKE, headerOverLimit)));
    }

    /** Handshake bytes split into plaintext records of at most 2^14. */
    private static byte[] fragment(byte[] handshakeBytes) {
        byte[] records = new byte[0];
        for (int offset = 0; offset < handshakeBytes.length; offset += MAX_PLAINTEXT) {
            int length = Math.min(MAX_PLAINTEXT, handshakeBytes.length - offset);
            records = concat(records, record(ContentType.HANDSHAKE,
                    Arrays.copyOfRange(handshakeBytes, offset, offset + length)));
        }
        return records;
    }

    // ---- flood limits ----

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, 1, 3, 32})
    void emptyApplicationDataRecordsFireOnePastTheLimit(int limit) throws TlsException {
        RecordLayerSettings settings = RecordLayerSettings.defaults().withFloodLimits(limit, 4, 2);
        Tls12Keys keys = Tls12Keys.random(9);
        RecordLayer receiver = new RecordLayer(settings);
        receiver.installReadProtection(keys.protection());
        RecordProtection sender = keys.protection();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < limit; i++) {
                receiveAll(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[0]));
            }
            // A record with content ends the run; the count starts again.
            assertArrayEquals(new byte[] {7},
                    receiveAll(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[] {7}))
                            .applicationData());
        }
        for (int i = 0; i < limit; i++) {
            receiveAll(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[0]));
        }
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[0])));
    }

    @Test
    void emptyTls13ApplicationDataRecordsCountToo() throws TlsException {
        RecordLayerSettings settings = RecordLayerSettings.defaults().withFloodLimits(2, 4, 2);
        Tls13Keys keys = Tls13Keys.random(10);
        RecordLayer receiver = new RecordLayer(settings);
        receiver.installReadProtection(keys.protection());
        RecordProtection sender = keys.protection(PaddingPolicy.toMultipleOf(32));
        receiveAll(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[0]));
        receiveAll(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[0]));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(receiver, seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[0])));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, 1, 4, 10})
    void warningAlertsFireOnePastTheLimit(int limit) throws TlsAlertException {
        RecordLayerSettings settings = RecordLayerSettings.defaults().withFloodLimits(32, limit, 2);
        RecordLayer receiver = new RecordLayer(settings);
        byte[] noRenegotiation = record(ContentType.ALERT, (byte) 1, (byte) 100);
        byte[] handshake = record(ContentType.HANDSHAKE, HandshakeMessage.of(1, new byte[3]).encoded());
        for (int i = 0; i < limit; i++) {
            assertEquals(1, receiveAll(receiver, noRenegotiation).alerts().size());
        }
        receiveAll(receiver, handshake);
        for (int i = 0; i < limit; i++) {
            receiveAll(receiver, noRenegotiation);
        }
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertFrom(receiver, noRenegotiation));
    }

    @Test
    void warningCloseNotifyIsNotCountedAsAFlood() throws TlsAlertException {
        RecordLayer receiver = new RecordLayer(RecordLayerSettings.defaults().withFloodLimits(32, 1, 2));
        byte[] closeNotify = record(ContentType.ALERT, (byte) 1, (byte) 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(receiveAll(receiver, closeNotify).alerts().get(0).isCloseNotify());
        }
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 5})
    void changeCipherSpecsFireOnePastTheLimit(int limit) throws TlsAlertException {
        RecordLayer receiver = new RecordLayer(RecordLayerSettings.defaults().withFloodLimits(32, 4, limit));
        byte[] changeCipherSpec = record(ContentType.CHANGE_CIPHER_SPEC, (byte) 1);
        for (int i = 0; i < limit; i++) {
            assertEquals(1, receiveAll(receiver, changeCipherSpec).changeCipherSpecs());
        }
        receiveAll(receiver, record(ContentType.HANDSHAKE, HandshakeMessage.of(1, new byte[3]).encoded()));
        for (int i = 0; i < limit; i++) {
            receiveAll(receiver, changeCipherSpec);
        }
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertFrom(receiver, changeCipherSpec));
    }
}
