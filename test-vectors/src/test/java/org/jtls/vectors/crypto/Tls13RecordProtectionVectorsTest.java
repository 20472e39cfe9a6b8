package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.CryptoBackend;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protected records of RFC 8448 §3 as AES-128-GCM known answers, built by the rules of RFC 8446
 * §5.2-5.3 only from the crypto API: nonce = iv XOR the 64-bit sequence number left-padded to 12
 * bytes, AAD = the 5-byte record header, plaintext = TLSInnerPlaintext (content, then the real
 * content type, no padding in these traces).
 */
class Tls13RecordProtectionVectorsTest {
    private static final int CONTENT_TYPE_ALERT = 0x15;
    private static final int CONTENT_TYPE_HANDSHAKE = 0x16;
    private static final int CONTENT_TYPE_APPLICATION_DATA = 0x17;

    record ProtectedRecord(String keyHex, String ivHex, long sequenceNumber, byte[] content, int contentType,
            String completeRecordHex) {
    }

    static Stream<Arguments> records() {
        return Backends.eachWith(List.of(
                Named.of("server EncryptedExtensions..Finished (server handshake key, seq 0)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.SERVER_HANDSHAKE_KEY, Rfc8448SimpleHandshake.SERVER_HANDSHAKE_IV, 0,
                        concat(Rfc8448SimpleHandshake.ENCRYPTED_EXTENSIONS, Rfc8448SimpleHandshake.CERTIFICATE,
                                Rfc8448SimpleHandshake.CERTIFICATE_VERIFY, Rfc8448SimpleHandshake.SERVER_FINISHED),
                        CONTENT_TYPE_HANDSHAKE, Rfc8448SimpleHandshake.SERVER_HANDSHAKE_RECORD)),
                Named.of("client Finished (client handshake key, seq 0)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_KEY, Rfc8448SimpleHandshake.CLIENT_HANDSHAKE_IV, 0,
                        Hex.bytes(Rfc8448SimpleHandshake.CLIENT_FINISHED),
                        CONTENT_TYPE_HANDSHAKE, Rfc8448SimpleHandshake.CLIENT_FINISHED_RECORD)),
                Named.of("server NewSessionTicket (server application key, seq 0)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.SERVER_APPLICATION_KEY, Rfc8448SimpleHandshake.SERVER_APPLICATION_IV, 0,
                        Hex.bytes(Rfc8448SimpleHandshake.NEW_SESSION_TICKET),
                        CONTENT_TYPE_HANDSHAKE, Rfc8448SimpleHandshake.SERVER_TICKET_RECORD)),
                Named.of("client application data (client application key, seq 0)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.CLIENT_APPLICATION_KEY, Rfc8448SimpleHandshake.CLIENT_APPLICATION_IV, 0,
                        Hex.bytes(Rfc8448SimpleHandshake.APPLICATION_DATA),
                        CONTENT_TYPE_APPLICATION_DATA, Rfc8448SimpleHandshake.CLIENT_APPLICATION_RECORD)),
                Named.of("server application data (server application key, seq 1)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.SERVER_APPLICATION_KEY, Rfc8448SimpleHandshake.SERVER_APPLICATION_IV, 1,
                        Hex.bytes(Rfc8448SimpleHandshake.APPLICATION_DATA),
                        CONTENT_TYPE_APPLICATION_DATA, Rfc8448SimpleHandshake.SERVER_APPLICATION_RECORD)),
                Named.of("client close_notify (client application key, seq 1)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.CLIENT_APPLICATION_KEY, Rfc8448SimpleHandshake.CLIENT_APPLICATION_IV, 1,
                        Hex.bytes(Rfc8448SimpleHandshake.CLOSE_NOTIFY_ALERT),
                        CONTENT_TYPE_ALERT, Rfc8448SimpleHandshake.CLIENT_ALERT_RECORD)),
                Named.of("server close_notify (server application key, seq 2)", new ProtectedRecord(
                        Rfc8448SimpleHandshake.SERVER_APPLICATION_KEY, Rfc8448SimpleHandshake.SERVER_APPLICATION_IV, 2,
                        Hex.bytes(Rfc8448SimpleHandshake.CLOSE_NOTIFY_ALERT),
                        CONTENT_TYPE_ALERT, Rfc8448SimpleHandshake.SERVER_ALERT_RECORD))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void sealProducesTheRecordOfTheTrace(CryptoBackend backend, ProtectedRecord record) {
        byte[] completeRecord = Hex.bytes(record.completeRecordHex());
        byte[] header = Arrays.copyOf(completeRecord, 5);
        Aead aead = backend.aead(AeadAlgorithm.AES_128_GCM, Hex.bytes(record.keyHex()));
        byte[] encryptedRecord = aead.seal(nonce(record), header, innerPlaintext(record));
        assertHexEquals(Hex.string(Arrays.copyOfRange(completeRecord, 5, completeRecord.length)), encryptedRecord,
                "encrypted_record");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("records")
    void openRecoversTheInnerPlaintext(CryptoBackend backend, ProtectedRecord record) throws AeadException {
        byte[] completeRecord = Hex.bytes(record.completeRecordHex());
        byte[] header = Arrays.copyOf(completeRecord, 5);
        byte[] encryptedRecord = Arrays.copyOfRange(completeRecord, 5, completeRecord.length);
        Aead aead = backend.aead(AeadAlgorithm.AES_128_GCM, Hex.bytes(record.keyHex()));
        assertArrayEquals(innerPlaintext(record), aead.open(nonce(record), header, encryptedRecord));

        // The sequence number is bound in: the same record one position later is rejected.
        ProtectedRecord replayedLater = new ProtectedRecord(record.keyHex(), record.ivHex(),
                record.sequenceNumber() + 1, record.content(), record.contentType(), record.completeRecordHex());
        assertThrows(AeadException.class, () -> aead.open(nonce(replayedLater), header, encryptedRecord));
        // So is the header: claim a length one larger.
        byte[] otherHeader = header.clone();
        otherHeader[4]++;
        assertThrows(AeadException.class, () -> aead.open(nonce(record), otherHeader, encryptedRecord));
    }

    /** RFC 8446 §5.3: the sequence number, left-padded to iv_length, XORed into the static iv. */
    private static byte[] nonce(ProtectedRecord record) {
        byte[] nonce = Hex.bytes(record.ivHex());
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (record.sequenceNumber() >>> (8 * i));
        }
        return nonce;
    }

    /** RFC 8446 §5.2: TLSInnerPlaintext = content || ContentType type || zeros (none here). */
    private static byte[] innerPlaintext(ProtectedRecord record) {
        byte[] inner = Arrays.copyOf(record.content(), record.content().length + 1);
        inner[inner.length - 1] = (byte) record.contentType();
        return inner;
    }

    private static byte[] concat(String... hexParts) {
        StringBuilder joined = new StringBuilder();
        for (String part : hexParts) {
            joined.append(part);
        }
        return Hex.bytes(joined.toString());
    }
}
