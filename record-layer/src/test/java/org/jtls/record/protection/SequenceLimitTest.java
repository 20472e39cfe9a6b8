package org.jtls.record.protection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.RecordLayer;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * Sequence numbers never wrap and keys are not used past their limits: TLS 1.3 AES-GCM stops at
 * 2^24.5 records (RFC 8446 §5.5) and recommends a key update at 7/8 of that; a TLS ≤ 1.2 sequence
 * number stops before it would wrap (RFC 5246 §6.1). Both the sending and the receiving side
 * refuse. The package-private constructors start the count near the limit.
 */
class SequenceLimitTest {
    private static final CryptoBackend CRYPTO = CryptoBackends.jca();
    private static final SeededRandom RANDOM = new SeededRandom(5);
    private static final byte[] KEY_16 = RANDOM.bytes(16);
    private static final byte[] KEY_32 = RANDOM.bytes(32);
    private static final byte[] IV_12 = RANDOM.bytes(12);
    private static final byte[] SALT_4 = RANDOM.bytes(4);
    private static final long UNSIGNED_MAX = -1L;

    private static final long GCM_LIMIT = (long) Math.pow(2, 24.5);
    private static final long GCM_RECOMMENDATION = (long) Math.ceil(Math.pow(2, 24.5) * 7 / 8);

    private static Tls13AeadProtection tls13(AeadAlgorithm algorithm, byte[] key, long first) {
        return new Tls13AeadProtection(CRYPTO, algorithm, key, IV_12, PaddingPolicy.NONE, first);
    }

    private static byte[] seal(RecordProtection protection, byte[] content) throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(5 + content.length + protection.maxOverhead());
        protection.seal(ContentType.APPLICATION_DATA, 0x0303, ByteBuffer.wrap(content), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] open(RecordProtection protection, byte[] record) throws TlsAlertException {
        ByteBuffer out = ByteBuffer.allocate(protection.maxFragmentLength());
        ContentType outer = ContentType.fromCode(record[0]).orElseThrow();
        int version = ((record[1] & 0xFF) << 8) | (record[2] & 0xFF);
        protection.open(outer, version, ByteBuffer.wrap(record, 5, record.length - 5), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    // ---- TLS 1.3 ----

    @Test
    void tls13GcmLimitsAreRfc8446Section5Point5() {
        assertEquals(GCM_LIMIT, Tls13AeadProtection.usageLimit(AeadAlgorithm.AES_128_GCM));
        assertEquals(GCM_LIMIT, Tls13AeadProtection.usageLimit(AeadAlgorithm.AES_256_GCM));
        assertEquals((long) Math.pow(2, 23.5), Tls13AeadProtection.usageLimit(AeadAlgorithm.AES_128_CCM));
        assertEquals(UNSIGNED_MAX, Tls13AeadProtection.usageLimit(AeadAlgorithm.CHACHA20_POLY1305));
    }

    @Test
    void tls13GcmRecommendsAKeyUpdateAtSevenEighthsOfTheLimit() throws TlsException {
        Tls13AeadProtection sealer = tls13(AeadAlgorithm.AES_128_GCM, KEY_16, GCM_RECOMMENDATION - 1);
        Tls13AeadProtection opener = tls13(AeadAlgorithm.AES_128_GCM, KEY_16, GCM_RECOMMENDATION - 1);
        assertFalse(sealer.keyUpdateRecommended());
        assertFalse(opener.keyUpdateRecommended());
        byte[] record = seal(sealer, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, open(opener, record));
        assertTrue(sealer.keyUpdateRecommended(), "recommended from record " + GCM_RECOMMENDATION + " on");
        assertTrue(opener.keyUpdateRecommended());
    }

    @Test
    void tls13GcmSealsTheLastRecordThenRefuses() throws TlsException {
        Tls13AeadProtection sealer = tls13(AeadAlgorithm.AES_256_GCM, KEY_32, GCM_LIMIT - 1);
        Tls13AeadProtection opener = tls13(AeadAlgorithm.AES_256_GCM, KEY_32, GCM_LIMIT - 1);
        assertArrayEquals(new byte[] {9}, open(opener, seal(sealer, new byte[] {9})));
        assertEquals(GCM_LIMIT, sealer.sequenceNumber());

        TlsException refused = assertThrows(TlsException.class, () -> seal(sealer, new byte[] {10}));
        assertFalse(refused instanceof TlsAlertException, "running out of key is not the peer's fault");
        assertThrows(TlsException.class, () -> seal(sealer, new byte[] {10}), "and stays refused");
        assertEquals(GCM_LIMIT, sealer.sequenceNumber(), "a refused seal does not advance");
    }

    @Test
    void tls13ReceiverRefusesToOpenPastTheLimit() throws TlsException {
        Tls13AeadProtection opener = tls13(AeadAlgorithm.AES_128_GCM, KEY_16, GCM_LIMIT - 1);
        byte[] lastAllowed = sealByHand(AeadAlgorithm.AES_128_GCM, KEY_16, GCM_LIMIT - 1, new byte[] {1, 23});
        assertArrayEquals(new byte[] {1}, open(opener, lastAllowed));
        // A peer that ignores the limit sends the next record under the same key.
        byte[] pastTheLimit = sealByHand(AeadAlgorithm.AES_128_GCM, KEY_16, GCM_LIMIT, new byte[] {2, 23});
        TlsAlertException refused = assertThrows(TlsAlertException.class, () -> open(opener, pastTheLimit));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, refused.alert());
    }

    /** The nonce for a large sequence number: the write IV XOR the 64-bit number, right-aligned (RFC 8446 §5.3). */
    @Test
    void tls13NonceCarriesAllSixtyFourBitsOfTheSequenceNumber() throws TlsException, AeadException {
        long sequence = 0x0123_4567_89AB_CDEFL;
        Tls13AeadProtection sealer = tls13(AeadAlgorithm.CHACHA20_POLY1305, KEY_32, sequence);
        byte[] record = seal(sealer, new byte[] {4, 5, 6});
        byte[] expected = sealByHand(AeadAlgorithm.CHACHA20_POLY1305, KEY_32, sequence, new byte[] {4, 5, 6, 23});
        assertArrayEquals(expected, record);
    }

    @Test
    void chaChaInTls13IsLimitedOnlyByTheSequenceSpace() throws TlsException {
        Tls13AeadProtection sealer = tls13(AeadAlgorithm.CHACHA20_POLY1305, KEY_32, GCM_LIMIT);
        seal(sealer, new byte[] {1});
        assertFalse(sealer.keyUpdateRecommended());
        Tls13AeadProtection nearTheEnd = tls13(AeadAlgorithm.CHACHA20_POLY1305, KEY_32, UNSIGNED_MAX - 1);
        assertTrue(nearTheEnd.keyUpdateRecommended());
        seal(nearTheEnd, new byte[] {1});
        assertThrows(TlsException.class, () -> seal(nearTheEnd, new byte[] {2}));
    }

    private static byte[] sealByHand(AeadAlgorithm algorithm, byte[] key, long sequence, byte[] innerPlaintext) {
        byte[] header = {23, 3, 3, 0, (byte) (innerPlaintext.length + 16)};
        byte[] nonce = IV_12.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        byte[] sealed = CryptoBackends.bouncyCastle().aead(algorithm, key).seal(nonce, header, innerPlaintext);
        byte[] record = Arrays.copyOf(header, 5 + sealed.length);
        System.arraycopy(sealed, 0, record, 5, sealed.length);
        return record;
    }

    // ---- TLS 1.2 and older: the 64-bit sequence number never wraps ----

    @Test
    void tls12AeadSequenceNumberNeverWraps() throws TlsException {
        Tls12AeadProtection sealer = new Tls12AeadProtection(CRYPTO, AeadAlgorithm.AES_128_GCM, KEY_16, SALT_4,
                UNSIGNED_MAX - 1);
        Tls12AeadProtection opener = new Tls12AeadProtection(CRYPTO, AeadAlgorithm.AES_128_GCM, KEY_16, SALT_4,
                UNSIGNED_MAX - 1);
        byte[] last = seal(sealer, new byte[] {1, 2});
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, -1, -2}, Arrays.copyOfRange(last, 5, 13),
                "the explicit nonce is the sequence number 2^64 - 2");
        assertArrayEquals(new byte[] {1, 2}, open(opener, last));

        assertEquals(UNSIGNED_MAX, sealer.sequenceNumber());
        assertThrows(TlsException.class, () -> seal(sealer, new byte[] {3}), "2^64 - 1 would be followed by 0");
        assertThrows(TlsAlertException.class, () -> open(opener, last));
    }

    @Test
    void cbcSequenceNumberNeverWraps() throws TlsException {
        CbcProtection sealer = new CbcProtection(CRYPTO, ProtocolVersion.TLS_1_2, CbcAlgorithm.AES_128_CBC, KEY_16,
                new byte[0], HashAlgorithm.SHA256, KEY_32, false, RANDOM, UNSIGNED_MAX - 1);
        CbcProtection opener = new CbcProtection(CRYPTO, ProtocolVersion.TLS_1_2, CbcAlgorithm.AES_128_CBC, KEY_16,
                new byte[0], HashAlgorithm.SHA256, KEY_32, false, RANDOM, UNSIGNED_MAX - 1);
        assertTrue(sealer.keyUpdateRecommended());
        byte[] last = seal(sealer, new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, open(opener, last));
        assertThrows(TlsException.class, () -> seal(sealer, new byte[] {3}));
        assertThrows(TlsAlertException.class, () -> open(opener, last));
    }

    @Test
    void cbcAtSequenceZeroDoesNotRecommendReplacingKeys() {
        CbcProtection fresh = new CbcProtection(CRYPTO, ProtocolVersion.TLS_1_2, CbcAlgorithm.AES_128_CBC, KEY_16,
                new byte[0], HashAlgorithm.SHA1, KEY_16, true, RANDOM);
        assertFalse(fresh.keyUpdateRecommended());
        assertEquals(0, fresh.sequenceNumber());
    }

    /** The record layer passes the refusal on and writes nothing for the refused record. */
    @Test
    void recordLayerReportsTheExhaustedKeyAndWritesNothing() throws TlsException {
        RecordLayer layer = new RecordLayer();
        layer.installWriteProtection(tls13(AeadAlgorithm.AES_128_GCM, KEY_16, GCM_LIMIT - 1));
        layer.writeApplicationData(ByteBuffer.wrap(new byte[] {1}));
        int written = layer.pendingOutput();
        TlsException refused = assertThrows(TlsException.class,
                () -> layer.writeApplicationData(ByteBuffer.wrap(new byte[] {2})));
        assertFalse(refused instanceof TlsAlertException);
        assertEquals(written, layer.pendingOutput());
    }
}
