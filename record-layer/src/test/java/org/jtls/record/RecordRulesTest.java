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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.jtls.record.TestRecords.Tls12Keys;
import org.jtls.record.TestRecords.Tls13Keys;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a record's content must look like (alerts, change_cipher_spec, handshake fragments, the TLS
 * 1.3 inner plaintext), the record version once negotiated, and the order in which received data,
 * alerts and change_cipher_spec reach the caller: nothing is dropped or reported early.
 */
class RecordRulesTest {
    private static final SeededRandom RANDOM = new SeededRandom(8446);

    private static AlertDescription alertFrom(RecordLayer receiver, byte[] bytes) {
        return assertThrows(TlsAlertException.class, () -> receiveAll(receiver, bytes)).alert();
    }

    private static RecordLayer tls13Receiver(Tls13Keys keys) throws TlsAlertException {
        RecordLayer receiver = new RecordLayer();
        receiver.installReadProtection(keys.protection());
        return receiver;
    }

    // ---- content rules ----

    /** RFC 5246 §6.2.1, RFC 8446 §5.1: handshake fragments are never empty. */
    @Test
    void zeroLengthHandshakeRecordIsUnexpected() {
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertFrom(new RecordLayer(), record(ContentType.HANDSHAKE)));
    }

    @Test
    void zeroLengthProtectedHandshakeRecordIsUnexpected() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(1);
        byte[] empty = seal(keys.protection(), ContentType.HANDSHAKE, 0x0303, new byte[0]);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertFrom(tls13Receiver(keys), empty));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 3, 4})
    void alertOfOtherThanTwoBytesIsDecodeError(int length) {
        byte[] alert = new byte[length];
        Arrays.fill(alert, (byte) 1);
        assertEquals(AlertDescription.DECODE_ERROR, alertFrom(new RecordLayer(), record(ContentType.ALERT, alert)));
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 3, 255})
    void alertLevelOtherThanWarningOrFatalIsDecodeError(int level) {
        assertEquals(AlertDescription.DECODE_ERROR,
                alertFrom(new RecordLayer(), record(ContentType.ALERT, (byte) level, (byte) 40)));
    }

    @Test
    void alertsAreReportedWithLevelAndCodeEvenWhenTheCodeIsUnknown() throws TlsAlertException {
        TestRecords.Received received = receiveAll(new RecordLayer(), concat(
                record(ContentType.ALERT, (byte) 2, (byte) 40), record(ContentType.ALERT, (byte) 1, (byte) 250)));
        assertEquals(new ReceivedAlert(AlertLevel.FATAL, 40), received.alerts().get(0));
        assertEquals(new ReceivedAlert(AlertLevel.WARNING, 250), received.alerts().get(1));
        assertEquals(Optional.empty(), received.alerts().get(1).description());
    }

    @Test
    void changeCipherSpecMustBeTheSingleByteOne() {
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(new RecordLayer(), record(ContentType.CHANGE_CIPHER_SPEC, (byte) 2)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(new RecordLayer(), record(ContentType.CHANGE_CIPHER_SPEC, (byte) 1, (byte) 1)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(new RecordLayer(), record(ContentType.CHANGE_CIPHER_SPEC)));
    }

    /** RFC 8446 §5: change_cipher_spec in TLS 1.3 only ever travels unprotected. */
    @Test
    void protectedChangeCipherSpecInTls13IsUnexpected() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(2);
        byte[] protectedCcs = seal(keys.protection(), ContentType.CHANGE_CIPHER_SPEC, 0x0303, new byte[] {1});
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertFrom(tls13Receiver(keys), protectedCcs));
    }

    /** RFC 8446 §5 and Appendix D.4: the middlebox-compatibility CCS arrives in plaintext amid protected records. */
    @Test
    void plaintextChangeCipherSpecIsAcceptedUnderTls13ReadKeys() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(3);
        RecordLayer receiver = tls13Receiver(keys);
        byte[] finished = HandshakeMessage.of(20, RANDOM.bytes(32)).encoded();
        TestRecords.Received received = receiveAll(receiver, concat(record(ContentType.CHANGE_CIPHER_SPEC, (byte) 1),
                seal(keys.protection(), ContentType.HANDSHAKE, 0x0303, finished)));
        assertEquals(1, received.changeCipherSpecs());
        assertArrayEquals(finished, received.handshake().get(0).encoded());

        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(tls13Receiver(keys), record(ContentType.CHANGE_CIPHER_SPEC, (byte) 2)),
                "the plaintext CCS must still be exactly 0x01");
    }

    @Test
    void tls13WriterSendsChangeCipherSpecInPlaintext() throws TlsException {
        RecordLayer sender = new RecordLayer();
        sender.installWriteProtection(Tls13Keys.random(4).protection());
        sender.writeChangeCipherSpec();
        assertArrayEquals(record(ContentType.CHANGE_CIPHER_SPEC, (byte) 1), sender.drainOutput());
    }

    /** RFC 8446 §5.2: outside, every protected TLS 1.3 record is application_data. */
    @Test
    void tls13RecordWithAnotherOuterTypeIsUnexpected() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(5);
        byte[] sealed = seal(keys.protection(), ContentType.HANDSHAKE, 0x0303,
                HandshakeMessage.of(20, new byte[32]).encoded());
        sealed[0] = (byte) ContentType.HANDSHAKE.code();
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, alertFrom(tls13Receiver(keys), sealed));
    }

    /** RFC 8446 §5.4: an inner plaintext that is all zeros has no content type. */
    @Test
    void tls13InnerPlaintextWithoutContentTypeIsUnexpected() throws TlsAlertException {
        Tls13Keys keys = Tls13Keys.random(6);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(tls13Receiver(keys), keys.sealInnerPlaintext(0, new byte[20])));
    }

    @ParameterizedTest(name = "inner type {0}")
    @ValueSource(ints = {1, 19, 24, 255})
    void tls13UnknownInnerContentTypeIsUnexpected(int type) throws TlsAlertException {
        Tls13Keys keys = Tls13Keys.random(7);
        byte[] inner = {'h', 'i', (byte) type, 0, 0};
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                alertFrom(tls13Receiver(keys), keys.sealInnerPlaintext(0, inner)));
    }

    // ---- record version ----

    @Test
    void anyRecordVersionIsAcceptedUntilOneIsExpected() throws TlsAlertException {
        byte[] message = HandshakeMessage.of(2, new byte[10]).encoded();
        RecordLayer receiver = new RecordLayer();
        for (int version : new int[] {0x0300, 0x0301, 0x0303, 0x0304, 0x03FF}) {
            assertEquals(1, receiveAll(receiver, record(22, version, message.length, message)).handshake().size());
        }
    }

    @Test
    void recordVersionMustMatchOnceExpected() throws TlsAlertException {
        byte[] message = HandshakeMessage.of(11, new byte[10]).encoded();
        RecordLayer receiver = new RecordLayer();
        receiver.setExpectedReadVersion(0x0303);
        assertEquals(1, receiveAll(receiver, record(22, 0x0303, message.length, message)).handshake().size());
        for (int version : new int[] {0x0300, 0x0301, 0x0302, 0x0304}) {
            RecordLayer pinned = new RecordLayer();
            pinned.setExpectedReadVersion(0x0303);
            assertEquals(AlertDescription.PROTOCOL_VERSION,
                    alertFrom(pinned, record(22, version, message.length, message)), Integer.toHexString(version));
        }
    }

    @Test
    void recordVersionOutsideThreeDotAnythingIsProtocolVersion() {
        assertEquals(AlertDescription.PROTOCOL_VERSION,
                alertFrom(new RecordLayer(), record(22, 0x0203, 4, new byte[] {1, 0, 0, 0})));
        assertEquals(AlertDescription.PROTOCOL_VERSION,
                alertFrom(new RecordLayer(), record(22, 0xFEFD, 4, new byte[] {1, 0, 0, 0})));
    }

    // ---- delivery: nothing dropped, nothing early ----

    @Test
    void applicationDataReadInSmallPiecesIsFullyDelivered() throws TlsException {
        Tls12Keys keys = Tls12Keys.random(8);
        RecordLayer receiver = new RecordLayer();
        receiver.installReadProtection(keys.protection());
        byte[] data = RANDOM.bytes(MAX_PLAINTEXT);
        receiver.receive(ByteBuffer.wrap(seal(keys.protection(), ContentType.APPLICATION_DATA, 0x0303, data)));

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        ByteBuffer small = ByteBuffer.allocate(7);
        while (read.size() < data.length) {
            assertEquals(RecordLayer.Inbound.APPLICATION_DATA, receiver.readNext());
            assertEquals(data.length - read.size(), receiver.applicationDataAvailable());
            small.clear();
            int count = receiver.readApplicationData(small);
            assertEquals(Math.min(7, data.length - read.size()), count);
            read.write(small.array(), 0, count);
        }
        assertArrayEquals(data, read.toByteArray());
        assertEquals(0, receiver.applicationDataAvailable());
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, receiver.readNext());
    }

    @Test
    void alertAfterApplicationDataIsReportedOnlyOnceTheDataWasRead() throws TlsException {
        Tls12Keys keys = Tls12Keys.random(9);
        RecordLayer receiver = new RecordLayer();
        receiver.installReadProtection(keys.protection());
        RecordProtection sender = keys.protection();
        byte[] data = RANDOM.bytes(3000);
        receiver.receive(ByteBuffer.wrap(concat(seal(sender, ContentType.APPLICATION_DATA, 0x0303, data),
                seal(sender, ContentType.ALERT, 0x0303, new byte[] {2, 20}))));

        assertEquals(RecordLayer.Inbound.APPLICATION_DATA, receiver.readNext());
        assertEquals(RecordLayer.Inbound.APPLICATION_DATA, receiver.readNext(), "unread data is reported again");
        ByteBuffer firstPart = ByteBuffer.allocate(1000);
        receiver.readApplicationData(firstPart);
        assertEquals(RecordLayer.Inbound.APPLICATION_DATA, receiver.readNext(), "2000 bytes remain before the alert");
        assertThrows(IllegalStateException.class, receiver::takeAlert, "the alert is not ready yet");
        ByteBuffer rest = ByteBuffer.allocate(5000);
        assertEquals(2000, receiver.readApplicationData(rest));
        assertArrayEquals(data, concat(firstPart.array(), Arrays.copyOf(rest.array(), rest.position())));

        assertEquals(RecordLayer.Inbound.ALERT, receiver.readNext());
        assertEquals(new ReceivedAlert(AlertLevel.FATAL, 20), receiver.takeAlert());
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, receiver.readNext());
    }

    @Test
    void recordsOfEveryTypeReachTheCallerInTheOrderTheyArrived() throws TlsException {
        Tls13Keys keys = Tls13Keys.random(10);
        RecordLayer receiver = tls13Receiver(keys);
        RecordProtection sender = keys.protection();
        receiver.receive(ByteBuffer.wrap(concat(
                seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[] {1, 2, 3}),
                seal(sender, ContentType.HANDSHAKE, 0x0303, HandshakeMessage.of(4, new byte[8]).encoded()),
                seal(sender, ContentType.APPLICATION_DATA, 0x0303, new byte[] {4, 5}),
                seal(sender, ContentType.ALERT, 0x0303, new byte[] {1, 0}))));
        ByteBuffer data = ByteBuffer.allocate(10);
        assertEquals(RecordLayer.Inbound.APPLICATION_DATA, receiver.readNext());
        receiver.readApplicationData(data);
        assertEquals(RecordLayer.Inbound.HANDSHAKE, receiver.readNext());
        assertEquals(4, receiver.takeHandshakeMessage().type());
        assertEquals(RecordLayer.Inbound.APPLICATION_DATA, receiver.readNext());
        receiver.readApplicationData(data);
        assertEquals(RecordLayer.Inbound.ALERT, receiver.readNext());
        assertTrue(receiver.takeAlert().isCloseNotify());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Arrays.copyOf(data.array(), data.position()));
    }

    @Test
    void severalHandshakeMessagesInOneRecordAreHandedOutOneByOne() throws TlsAlertException {
        byte[] first = HandshakeMessage.of(2, RANDOM.bytes(70)).encoded();
        byte[] second = HandshakeMessage.of(11, RANDOM.bytes(300)).encoded();
        byte[] third = HandshakeMessage.of(14, new byte[0]).encoded();
        RecordLayer receiver = new RecordLayer();
        receiver.receive(ByteBuffer.wrap(record(ContentType.HANDSHAKE, concat(first, second, third))));
        for (byte[] expected : new byte[][] {first, second, third}) {
            assertEquals(RecordLayer.Inbound.HANDSHAKE, receiver.readNext());
            assertArrayEquals(expected, receiver.takeHandshakeMessage().encoded());
        }
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, receiver.readNext());
    }
}
