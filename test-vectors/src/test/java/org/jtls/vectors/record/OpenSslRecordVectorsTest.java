package org.jtls.vectors.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.ReceivedAlert;
import org.jtls.record.RecordLayer;
import org.jtls.record.RecordLayerSettings;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.jtls.vectors.record.OpenSslRecordVectors.Family;
import org.jtls.vectors.record.OpenSslRecordVectors.RecordVector;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2, 1.1, 1.0 and SSL 3.0 record protection against the records OpenSSL's libcrypto computed
 * ({@link OpenSslRecordVectors}): AES-GCM, AES-CCM(_8) and ChaCha20-Poly1305; CBC MAC-then-encrypt
 * and encrypt-then-MAC with explicit and chained IVs; the SSL 3.0 MAC (SHA-1 and MD5); the NULL
 * cipher. Everything goes through a {@link RecordLayer} with the protection
 * {@link RecordProtections#legacy} builds, on both crypto backends.
 */
class OpenSslRecordVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> families() {
        return Stream.of(Named.of("jca", CryptoBackends.jca()), Named.of("bc", CryptoBackends.bouncyCastle()))
                .flatMap(backend -> OpenSslRecordVectors.ALL.stream().map(family -> Arguments.of(family, backend)));
    }

    private static RecordProtection protection(CryptoBackend backend, Family family, FixedIvRandom random) {
        return RecordProtections.legacy(backend, family.version(), family.suite(), family.macKey(),
                family.encryptionKey(), family.fixedIv(), family.encryptThenMac(), random);
    }

    /** A reader needs no randomness: one that has none to give fails the test if it is asked. */
    private static RecordLayer reader(CryptoBackend backend, Family family) throws TlsAlertException {
        RecordLayer layer = new RecordLayer();
        layer.setExpectedReadVersion(family.version().code());
        layer.installReadProtection(protection(backend, family, new FixedIvRandom()));
        return layer;
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("families")
    void sealingGivesOpenSslsRecordsByteForByte(Family family, CryptoBackend backend) throws TlsException {
        FixedIvRandom random = new FixedIvRandom(
                family.records().stream().map(RecordVector::explicitIv).toArray(byte[][]::new));
        // One write, one record: without the 1/n-1 split the chained-IV versions would otherwise apply.
        RecordLayer layer = new RecordLayer(RecordLayerSettings.defaults().withSplitApplicationData(false));
        layer.setWriteVersion(family.version().code());
        layer.installWriteProtection(protection(backend, family, random));
        for (RecordVector record : family.records()) {
            write(layer, record);
            assertEquals(record.protectedHex(), HEX.formatHex(layer.drainOutput()),
                    family + " record " + record.sequenceNumber());
        }
        assertEquals(0, random.unused(), "explicit IVs the record layer did not use");
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("families")
    void openingGivesBackEachRecordsContent(Family family, CryptoBackend backend) throws TlsAlertException {
        RecordLayer layer = reader(backend, family);
        for (RecordVector record : family.records()) {
            layer.receive(ByteBuffer.wrap(record.protectedRecord()));
            assertArrayEquals(record.content(), readOneRecord(layer, record),
                    family + " record " + record.sequenceNumber());
            assertEquals(0, layer.bufferedInput());
        }
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("families")
    void aRecordWithOneBitFlippedIsRefusedWithBadRecordMac(Family family, CryptoBackend backend)
            throws TlsAlertException {
        List<RecordVector> records = family.records();
        for (int index = 0; index < records.size(); index++) {
            byte[] original = records.get(index).protectedRecord();
            // The first fragment byte (explicit IV, nonce or first block), one in the middle, the last one.
            for (int offset : new int[] {5, 5 + (original.length - 5) / 2, original.length - 1}) {
                RecordLayer layer = reader(backend, family);
                // Earlier records first: the tampered one must meet its own sequence number and chained IV.
                for (RecordVector earlier : records.subList(0, index)) {
                    layer.receive(ByteBuffer.wrap(earlier.protectedRecord()));
                    readOneRecord(layer, earlier);
                }
                byte[] tampered = original.clone();
                tampered[offset] ^= 0x01;
                layer.receive(ByteBuffer.wrap(tampered));
                String what = family + " record " + index + " with byte " + offset + " flipped";
                TlsAlertException refusal = assertThrows(TlsAlertException.class, layer::readNext, what);
                assertEquals(AlertDescription.BAD_RECORD_MAC, refusal.alert(), what);
            }
        }
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("families")
    void aRecordOpenedOutOfOrderIsRefusedWithBadRecordMac(Family family, CryptoBackend backend)
            throws TlsAlertException {
        // The sequence number is in the MAC or AAD (and, with chained IVs, the IV is the previous record's).
        RecordLayer layer = reader(backend, family);
        layer.receive(ByteBuffer.wrap(family.records().get(1).protectedRecord()));
        TlsAlertException refusal = assertThrows(TlsAlertException.class, layer::readNext);
        assertEquals(AlertDescription.BAD_RECORD_MAC, refusal.alert());
    }

    /** Hands the content to the record layer the way the layer above would for its content type. */
    private static void write(RecordLayer layer, RecordVector record) throws TlsException {
        byte[] content = record.content();
        switch (record.type()) {
            case HANDSHAKE -> {
                layer.writeHandshake(HandshakeMessage.of(content[0] & 0xFF,
                        Arrays.copyOfRange(content, HandshakeMessage.HEADER_LENGTH, content.length)));
                layer.flushHandshake();
            }
            case APPLICATION_DATA -> layer.writeApplicationData(ByteBuffer.wrap(content));
            case ALERT -> layer.writeAlert(AlertLevel.fromCode(content[0]).orElseThrow(),
                    AlertDescription.fromCode(content[1]).orElseThrow());
            case CHANGE_CIPHER_SPEC -> layer.writeChangeCipherSpec();
        }
    }

    /** Reads the one record just received and returns its content as the layer delivers it. */
    private static byte[] readOneRecord(RecordLayer layer, RecordVector record) throws TlsAlertException {
        RecordLayer.Inbound inbound = layer.readNext();
        String what = "record " + record.sequenceNumber() + " read as";
        byte[] content = switch (record.type()) {
            case HANDSHAKE -> {
                assertEquals(RecordLayer.Inbound.HANDSHAKE, inbound, what);
                yield layer.takeHandshakeMessage().encoded();
            }
            case APPLICATION_DATA -> {
                assertEquals(RecordLayer.Inbound.APPLICATION_DATA, inbound, what);
                ByteBuffer data = ByteBuffer.allocate(layer.applicationDataAvailable());
                layer.readApplicationData(data);
                yield data.array();
            }
            case ALERT -> {
                assertEquals(RecordLayer.Inbound.ALERT, inbound, what);
                ReceivedAlert alert = layer.takeAlert();
                yield new byte[] {(byte) alert.level().code(), (byte) alert.code()};
            }
            case CHANGE_CIPHER_SPEC -> {
                assertEquals(RecordLayer.Inbound.CHANGE_CIPHER_SPEC, inbound, what);
                yield new byte[] {1};
            }
        };
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, layer.readNext(), "after record " + record.sequenceNumber());
        return content;
    }
}
