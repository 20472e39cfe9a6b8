package org.jtls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.junit.jupiter.api.Test;

class RecordLayerTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Delivers everything {@code from} wrote to {@code to} and reads all of it back as application
     * data, feeding the network bytes as the receiver's buffer allows.
     */
    private static byte[] deliverApplicationData(RecordLayer from, RecordLayer to, int expectedLength)
            throws TlsAlertException {
        ByteBuffer wire = ByteBuffer.wrap(from.drainOutput());
        ByteBuffer out = ByteBuffer.allocate(expectedLength);
        while (out.hasRemaining()) {
            to.receive(wire);
            RecordLayer.Inbound next = to.readNext();
            if (next == RecordLayer.Inbound.APPLICATION_DATA) {
                to.readApplicationData(out);
            } else {
                assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, next);
                assertTrue(wire.hasRemaining(), "receiver wants more input but the sender wrote no more");
            }
        }
        assertFalse(wire.hasRemaining());
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, to.readNext());
        return out.array();
    }

    @Test
    void largeHandshakeMessageIsFragmentedAndReassembled() throws Exception {
        RecordLayer client = new RecordLayer();
        RecordLayer server = new RecordLayer();
        HandshakeMessage certificate = HandshakeMessage.of(11, random(40_000));
        HandshakeMessage done = HandshakeMessage.of(14, new byte[0]);
        server.writeHandshake(certificate);
        server.writeHandshake(done);
        server.flushHandshake();
        byte[] wire = server.drainOutput();
        // 40 004 + 4 bytes in records of at most 2^14: three records.
        assertEquals(3 * 5 + 40_008, wire.length);
        ByteBuffer input = ByteBuffer.wrap(wire);
        int received = 0;
        while (received < 2) {
            client.receive(input);
            RecordLayer.Inbound next = client.readNext();
            if (next == RecordLayer.Inbound.HANDSHAKE) {
                HandshakeMessage message = client.takeHandshakeMessage();
                assertEquals(received == 0 ? certificate : done, message);
                received++;
            } else {
                assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, next);
            }
        }
    }

    @Test
    void tls13ProtectedApplicationDataRoundTrips() throws Exception {
        byte[] key = random(16);
        byte[] iv = random(12);
        RecordLayer sender = new RecordLayer();
        RecordLayer receiver = new RecordLayer();
        sender.installWriteProtection(RecordProtections.tls13(CryptoBackends.jca(),
                CipherSuite.TLS_AES_128_GCM_SHA256, key, iv, PaddingPolicy.toMultipleOf(64)));
        receiver.installReadProtection(RecordProtections.tls13(CryptoBackends.bouncyCastle(),
                CipherSuite.TLS_AES_128_GCM_SHA256, key, iv, PaddingPolicy.NONE));
        byte[] data = random(50_000);
        sender.writeApplicationData(ByteBuffer.wrap(data));
        assertArrayEquals(data, deliverApplicationData(sender, receiver, data.length));
    }

    @Test
    void tls10CbcSplitsApplicationDataOneAndRest() throws Exception {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        byte[] macKey = random(20);
        byte[] key = random(16);
        byte[] iv = random(16);
        RecordLayer sender = new RecordLayer();
        RecordLayer receiver = new RecordLayer();
        sender.setWriteVersion(0x0301);
        RecordProtection write = RecordProtections.legacy(CryptoBackends.jca(), ProtocolVersion.TLS_1_0, suite,
                macKey, key, iv, false, RANDOM);
        sender.installWriteProtection(write);
        receiver.installReadProtection(RecordProtections.legacy(CryptoBackends.bouncyCastle(), ProtocolVersion.TLS_1_0,
                suite, macKey, key, iv, false, RANDOM));
        byte[] data = "GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        sender.writeApplicationData(ByteBuffer.wrap(data));
        assertEquals(2, write.sequenceNumber(), "1/n-1 split gives two records");
        assertArrayEquals(data, deliverApplicationData(sender, receiver, data.length));
    }

    @Test
    void alertInsideFragmentedHandshakeMessageIsUnexpected() throws Exception {
        RecordLayer receiver = new RecordLayer();
        byte[] partial = {22, 3, 3, 0, 4, 1, 0, 0, 10};
        byte[] alert = {21, 3, 3, 0, 2, 1, 0};
        receiver.receive(ByteBuffer.wrap(partial));
        receiver.receive(ByteBuffer.wrap(alert));
        TlsAlertException error = assertThrows(TlsAlertException.class, receiver::readNext);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, error.alert());
    }

    @Test
    void keyChangeMustFallOnARecordBoundary() throws Exception {
        RecordLayer receiver = new RecordLayer();
        // ServerHello-like message followed by the start of another in the same record.
        byte[] record = {22, 3, 3, 0, 7, 2, 0, 0, 0, 8, 0, 0};
        receiver.receive(ByteBuffer.wrap(record));
        assertEquals(RecordLayer.Inbound.HANDSHAKE, receiver.readNext());
        receiver.takeHandshakeMessage();
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> receiver.installReadProtection(
                RecordProtections.tls13(CryptoBackends.jca(), CipherSuite.TLS_AES_128_GCM_SHA256, random(16),
                        random(12), PaddingPolicy.NONE)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, error.alert());
    }

    @Test
    void ssl2ClientHelloIsRecognisedAndRefused() {
        RecordLayer server = new RecordLayer();
        // SSL 2.0 CLIENT-HELLO: 2-byte length with the top bit set, msg_type 1, version 3.1.
        byte[] hello = {(byte) 0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15};
        server.receive(ByteBuffer.wrap(hello));
        TlsAlertException error = assertThrows(TlsAlertException.class, server::readNext);
        assertEquals(AlertDescription.PROTOCOL_VERSION, error.alert());
        assertTrue(error.getMessage().contains("SSL 2.0"), error.getMessage());
    }

    @Test
    void oversizedPlaintextRecordIsRecordOverflow() {
        RecordLayer receiver = new RecordLayer();
        int length = (1 << 14) + 1;
        receiver.receive(ByteBuffer.wrap(new byte[] {22, 3, 3, (byte) (length >>> 8), (byte) length}));
        TlsAlertException error = assertThrows(TlsAlertException.class, receiver::readNext);
        assertEquals(AlertDescription.RECORD_OVERFLOW, error.alert());
    }

    @Test
    void heartbeatAndUnknownTypesAreUnexpected() {
        for (int type : new int[] {24, 0, 19, 25, 255}) {
            RecordLayer receiver = new RecordLayer();
            receiver.receive(ByteBuffer.wrap(new byte[] {(byte) type, 3, 3, 0, 1, 0}));
            TlsAlertException error = assertThrows(TlsAlertException.class, receiver::readNext);
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, error.alert());
        }
    }

    @Test
    void plaintextApplicationDataIsUnexpected() {
        RecordLayer receiver = new RecordLayer();
        receiver.receive(ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 1, 42}));
        TlsAlertException error = assertThrows(TlsAlertException.class, receiver::readNext);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, error.alert());
    }
}
