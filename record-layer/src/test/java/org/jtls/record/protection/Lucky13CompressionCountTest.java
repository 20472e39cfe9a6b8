package org.jtls.record.protection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Lucky 13 countermeasure, checked without a clock: MAC-then-encrypt CBC records of one
 * fragment length but different padding — none, one byte, a block, 255 bytes, and invalid padding
 * or MAC — must cost the receiver the same number of hash compression-function calls, because that
 * count is what Lucky 13 measured (AlFardan and Paterson, 2013). The count comes from
 * {@link CompressionCountingBackend}, which models SunJCE's HMAC (key block re-hashed per message).
 *
 * <p>Records are sealed by hand here (an independent HMAC / SSL 3.0 MAC, padding and CBC), so the
 * padding can be anything, valid or not.
 */
class Lucky13CompressionCountTest {
    private static final SeededRandom RANDOM = new SeededRandom(13);
    private static final int TYPE = ContentType.APPLICATION_DATA.code();

    /** A version, block cipher, MAC hash, and the encrypted length every test record shares. */
    record Layout(ProtocolVersion version, CbcAlgorithm cipher, HashAlgorithm hash, int encryptedLength) {
        int block() {
            return cipher.blockLength();
        }

        boolean chainedIv() {
            return version.isBefore(ProtocolVersion.TLS_1_1);
        }

        @Override
        public String toString() {
            return version.displayName() + " " + cipher + " " + hash;
        }
    }

    static Stream<Arguments> layouts() {
        List<Layout> layouts = List.of(
                new Layout(ProtocolVersion.TLS_1_2, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1, 320),
                new Layout(ProtocolVersion.TLS_1_2, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA256, 320),
                new Layout(ProtocolVersion.TLS_1_2, CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA384, 512),
                new Layout(ProtocolVersion.TLS_1_0, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1, 320),
                new Layout(ProtocolVersion.SSL_3_0, CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1, 320),
                new Layout(ProtocolVersion.SSL_3_0, CbcAlgorithm.TRIPLE_DES_EDE_CBC, HashAlgorithm.SHA1, 320));
        List<Arguments> arguments = new ArrayList<>();
        for (Layout layout : layouts) {
            arguments.add(Arguments.of(layout, "jca"));
            arguments.add(Arguments.of(layout, "bc"));
        }
        return arguments.stream();
    }

    /** How one test record's padding and MAC are made. */
    private record Variant(String name, int paddingLength, boolean validPadding, boolean validMac) {
        boolean opens() {
            return validPadding && validMac;
        }
    }

    private static List<Variant> variants(Layout layout) {
        int block = layout.block();
        if (layout.version() == ProtocolVersion.SSL_3_0) {
            // RFC 6101 §5.2.3.2: SSL 3.0 padding is shorter than a block; its bytes are arbitrary.
            return List.of(new Variant("padding 0", 0, true, true),
                    new Variant("padding 1", 1, true, true),
                    new Variant("padding " + (block - 1), block - 1, true, true),
                    new Variant("padding " + block + " (a whole block: invalid)", block, false, true),
                    new Variant("padding 255 (invalid)", 255, false, true),
                    new Variant("padding 1, wrong MAC", 1, true, false));
        }
        return List.of(new Variant("padding 0", 0, true, true),
                new Variant("padding 1", 1, true, true),
                new Variant("padding 15", 15, true, true),
                new Variant("padding 255", 255, true, true),
                new Variant("padding 255, one byte wrong", 255, false, true),
                new Variant("padding 200, bytes random", 200, false, true),
                new Variant("padding 15, wrong MAC", 15, true, false),
                new Variant("padding 0, wrong MAC", 0, true, false));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("layouts")
    void openingCostsTheSameCompressionsWhateverThePadding(Layout layout, String backendName)
            throws TlsAlertException {
        CryptoBackend real = CryptoBackends.byName(backendName);
        byte[] macKey = RANDOM.bytes(layout.hash().outputLength());
        byte[] key = RANDOM.bytes(layout.cipher().keyLength());
        byte[] iv = RANDOM.bytes(layout.block());

        Map<String, Long> compressionsByVariant = new LinkedHashMap<>();
        for (Variant variant : variants(layout)) {
            int contentLength = layout.encryptedLength() - layout.hash().outputLength() - 1 - variant.paddingLength();
            byte[] content = RANDOM.bytes(contentLength);
            byte[] fragment = sealByHand(real, layout, macKey, key, iv, content, variant);

            CompressionCountingBackend counting = new CompressionCountingBackend(real);
            CbcProtection protection = new CbcProtection(counting, layout.version(), layout.cipher(), key,
                    layout.chainedIv() ? iv : new byte[0], layout.hash(), macKey, false, RANDOM);
            counting.resetCount();
            ByteBuffer out = ByteBuffer.allocate(protection.maxFragmentLength());
            if (variant.opens()) {
                protection.open(ContentType.APPLICATION_DATA, layout.version().code(), ByteBuffer.wrap(fragment), out);
                assertArrayEquals(content, Arrays.copyOf(out.array(), out.position()), variant.name());
            } else {
                TlsAlertException refused = assertThrows(TlsAlertException.class, () -> protection.open(
                        ContentType.APPLICATION_DATA, layout.version().code(), ByteBuffer.wrap(fragment), out),
                        variant.name());
                assertEquals(AlertDescription.BAD_RECORD_MAC, refused.alert(), variant.name());
            }
            compressionsByVariant.put(variant.name(), counting.compressions());
        }
        long first = compressionsByVariant.values().iterator().next();
        for (Map.Entry<String, Long> entry : compressionsByVariant.entrySet()) {
            assertEquals(first, entry.getValue(),
                    "compression calls depend on the padding: " + compressionsByVariant);
        }
    }

    /** content || MAC || padding || padding_length, CBC-encrypted, with the explicit IV in front from TLS 1.1. */
    private static byte[] sealByHand(CryptoBackend crypto, Layout layout, byte[] macKey, byte[] key, byte[] iv,
            byte[] content, Variant variant) {
        byte[] mac = layout.version() == ProtocolVersion.SSL_3_0
                ? ssl3Mac(crypto, layout.hash(), macKey, content)
                : tlsMac(crypto, layout.hash(), macKey, layout.version().code(), content);
        if (!variant.validMac()) {
            mac[3] ^= 0x40;
        }
        int paddingLength = variant.paddingLength();
        byte[] plaintext = new byte[layout.encryptedLength()];
        System.arraycopy(content, 0, plaintext, 0, content.length);
        System.arraycopy(mac, 0, plaintext, content.length, mac.length);
        int paddingStart = content.length + mac.length;
        for (int i = paddingStart; i < plaintext.length; i++) {
            plaintext[i] = (byte) paddingLength;
        }
        boolean ssl3 = layout.version() == ProtocolVersion.SSL_3_0;
        if (ssl3 || variant.name().contains("random")) {
            byte[] noise = RANDOM.bytes(paddingLength);
            System.arraycopy(noise, 0, plaintext, paddingStart, paddingLength);
        }
        if (variant.name().contains("one byte wrong")) {
            plaintext[paddingStart + paddingLength / 2] ^= 1;
        }
        byte[] recordIv = layout.chainedIv() ? iv : RANDOM.bytes(layout.block());
        byte[] ciphertext = crypto.cbc(layout.cipher(), key, true).process(recordIv, plaintext);
        if (layout.chainedIv()) {
            return ciphertext;
        }
        byte[] fragment = Arrays.copyOf(recordIv, recordIv.length + ciphertext.length);
        System.arraycopy(ciphertext, 0, fragment, recordIv.length, ciphertext.length);
        return fragment;
    }

    /** RFC 5246 §6.2.3.1 for sequence number 0. */
    private static byte[] tlsMac(CryptoBackend crypto, HashAlgorithm hash, byte[] macKey, int version, byte[] content) {
        Mac mac = crypto.hmac(hash, macKey);
        mac.update(ByteBuffer.allocate(13).putLong(0).put((byte) TYPE).putShort((short) version)
                .putShort((short) content.length).array());
        mac.update(content);
        return mac.finish();
    }

    /** RFC 6101 §5.2.3.1 for sequence number 0. */
    private static byte[] ssl3Mac(CryptoBackend crypto, HashAlgorithm hash, byte[] secret, byte[] content) {
        int padLength = hash == HashAlgorithm.MD5 ? 48 : 40;
        byte[] pad1 = new byte[padLength];
        byte[] pad2 = new byte[padLength];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        Digest inner = crypto.digest(hash);
        inner.update(secret);
        inner.update(pad1);
        inner.update(ByteBuffer.allocate(11).putLong(0).put((byte) TYPE).putShort((short) content.length).array());
        inner.update(content);
        Digest outer = crypto.digest(hash);
        outer.update(secret);
        outer.update(pad2);
        outer.update(inner.finish());
        return outer.finish();
    }
}
