package org.jtls.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.jtls.record.protection.SeededRandom;

/** Records built by hand, and matching key pairs, for the record-layer tests. */
final class TestRecords {
    static final int MAX_PLAINTEXT = RecordProtection.MAX_PLAINTEXT;

    private TestRecords() {
    }

    /** A record with the given header fields and fragment, exactly as written. */
    static byte[] record(int type, int version, int length, byte[] fragment) {
        ByteBuffer record = ByteBuffer.allocate(5 + fragment.length);
        record.put((byte) type).putShort((short) version).putShort((short) length).put(fragment);
        return record.array();
    }

    static byte[] record(ContentType type, byte... fragment) {
        return record(type.code(), 0x0303, fragment.length, fragment);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return joined;
    }

    /** Seals one record under {@code protection} and returns its bytes. */
    static byte[] seal(RecordProtection protection, ContentType type, int version, byte[] content)
            throws TlsException {
        ByteBuffer out = ByteBuffer.allocate(5 + content.length + protection.maxOverhead());
        protection.seal(type, version, ByteBuffer.wrap(content), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** TLS 1.3 AES-128-GCM keys for one direction. */
    record Tls13Keys(byte[] key, byte[] iv) {
        static Tls13Keys random(long seed) {
            SeededRandom random = new SeededRandom(seed);
            return new Tls13Keys(random.bytes(16), random.bytes(12));
        }

        RecordProtection protection(PaddingPolicy padding) {
            return RecordProtections.tls13(CryptoBackends.jca(), CipherSuite.TLS_AES_128_GCM_SHA256, key, iv, padding);
        }

        RecordProtection protection() {
            return protection(PaddingPolicy.NONE);
        }

        /**
         * A TLS 1.3 record sealed by hand with the AEAD, bypassing every check the protection makes:
         * the caller chooses the whole TLSInnerPlaintext (content, type byte, padding).
         */
        byte[] sealInnerPlaintext(long sequenceNumber, byte[] innerPlaintext) {
            Aead aead = CryptoBackends.bouncyCastle().aead(AeadAlgorithm.AES_128_GCM, key);
            int length = innerPlaintext.length + 16;
            byte[] header = record(ContentType.APPLICATION_DATA.code(), 0x0303, length, new byte[0]);
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (sequenceNumber >>> (8 * i));
            }
            return concat(header, aead.seal(nonce, header, innerPlaintext));
        }
    }

    /** TLS 1.2 AES-128-GCM keys for one direction. */
    record Tls12Keys(byte[] key, byte[] salt) {
        static Tls12Keys random(long seed) {
            SeededRandom random = new SeededRandom(seed);
            return new Tls12Keys(random.bytes(16), random.bytes(4));
        }

        RecordProtection protection() {
            return RecordProtections.legacy(CryptoBackends.jca(), ProtocolVersion.TLS_1_2,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, new byte[0], key, salt, false,
                    new SeededRandom(0));
        }
    }

    /** What a receiver produced from its input, read in full. */
    record Received(byte[] applicationData, List<HandshakeMessage> handshake,
            List<ReceivedAlert> alerts, int changeCipherSpecs) {
    }

    /** Receives all of {@code bytes} and reads until the receiver needs more; alerts propagate. */
    static Received receiveAll(RecordLayer receiver, byte[] bytes) throws TlsAlertException {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        ByteBuffer data = ByteBuffer.allocate(bytes.length);
        List<HandshakeMessage> handshake = new ArrayList<>();
        List<ReceivedAlert> alerts = new ArrayList<>();
        int changeCipherSpecs = 0;
        while (true) {
            receiver.receive(input);
            RecordLayer.Inbound next = receiver.readNext();
            switch (next) {
                case APPLICATION_DATA -> receiver.readApplicationData(data);
                case HANDSHAKE -> handshake.add(receiver.takeHandshakeMessage());
                case ALERT -> alerts.add(receiver.takeAlert());
                case CHANGE_CIPHER_SPEC -> changeCipherSpecs++;
                case NEED_MORE_INPUT -> {
                    if (!input.hasRemaining()) {
                        return new Received(Arrays.copyOf(data.array(), data.position()), handshake, alerts,
                                changeCipherSpecs);
                    }
                }
            }
        }
    }
}
