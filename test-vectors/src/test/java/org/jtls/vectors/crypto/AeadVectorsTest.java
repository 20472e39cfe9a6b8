package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
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
 * AEAD known answers with 96-bit nonces, the only nonce size TLS uses:
 * <ul>
 *   <li>ChaCha20-Poly1305: RFC 8439 §2.8.2 and the Appendix A.5 decryption example;</li>
 *   <li>AES-GCM: test cases 2, 3, 4 (AES-128) and 14, 15, 16 (AES-256) of McGrew &amp; Viega, "The
 *       Galois/Counter Mode of Operation (GCM)" (the NIST-hosted gcm-spec.pdf, Appendix B); the values
 *       were taken from public test suites that cite that appendix (Apache commons-crypto, Nettle, found
 *       with the search tool) and cross-checked with pyca/cryptography before being written down;</li>
 *   <li>AES-CCM-8: NIST SP 800-38C Appendix C Example 3 (12-byte nonce, 8-byte tag);</li>
 *   <li>AES-CCM with 16-byte tags: "valid" cases with 12-byte nonces from Project Wycheproof's
 *       {@code testvectors/aes_ccm_test.json} (C2SP/wycheproof), also cross-checked as above.</li>
 * </ul>
 * TLS 1.3 records from RFC 8448 are in {@link Tls13RecordProtectionVectorsTest}.
 */
class AeadVectorsTest {

    record AeadVector(AeadAlgorithm algorithm, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext,
            byte[] ciphertext, byte[] tag) {
        byte[] sealed() {
            byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
            System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
            return sealed;
        }
    }

    static Stream<Arguments> vectors() {
        return Backends.eachWith(List.of(
                // RFC 8439 §2.8.2: key, nonce = 32-bit fixed-common part || IV, AAD, plaintext, ciphertext, tag.
                vector("RFC 8439 2.8.2", AeadAlgorithm.CHACHA20_POLY1305,
                        "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
                        "070000004041424344454647",
                        "50515253c0c1c2c3c4c5c6c7",
                        "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
                        + "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
                        + "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
                        + "637265656e20776f756c642062652069742e",
                        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                        + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                        + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                        + "3ff4def08e4b7a9de576d26586cec64b6116",
                        "1ae10b594f09e26a7e902ecbd0600691"),
                // RFC 8439 Appendix A.5: the decryption example (key, nonce, AAD, received tag; plaintext at its end).
                vector("RFC 8439 A.5", AeadAlgorithm.CHACHA20_POLY1305,
                        "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
                        "000000000102030405060708",
                        "f33388860000000000004e91",
                        "496e7465726e65742d4472616674732061726520647261667420646f63756d65"
                        + "6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
                        + "6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
                        + "65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
                        + "6e747320617420616e792074696d652e20497420697320696e617070726f7072"
                        + "6961746520746f2075736520496e7465726e65742d4472616674732061732072"
                        + "65666572656e6365206d6174657269616c206f7220746f206369746520746865"
                        + "6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
                        + "726573732e2fe2809d",
                        "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                        + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                        + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                        + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                        + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                        + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                        + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                        + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                        + "a6ad5cb4022b02709b",
                        "eead9d67890cbb22392336fea1851f38"),
                // McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B, test cases 2-4 (AES-128).
                vector("GCM spec test case 2", AeadAlgorithm.AES_128_GCM,
                        "00000000000000000000000000000000",
                        "000000000000000000000000",
                        "",
                        "00000000000000000000000000000000",
                        "0388dace60b6a392f328c2b971b2fe78",
                        "ab6e47d42cec13bdf53a67b21257bddf"),
                vector("GCM spec test case 3", AeadAlgorithm.AES_128_GCM,
                        "feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888",
                        "",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
                        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                        + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
                        "4d5c2af327cd64a62cf35abd2ba6fab4"),
                vector("GCM spec test case 4", AeadAlgorithm.AES_128_GCM,
                        "feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888",
                        "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                        + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                        "5bc94fbc3221a5db94fae95ae7121a47"),
                // The same document, test cases 14-16 (AES-256, 96-bit IV).
                vector("GCM spec test case 14", AeadAlgorithm.AES_256_GCM,
                        "0000000000000000000000000000000000000000000000000000000000000000",
                        "000000000000000000000000",
                        "",
                        "00000000000000000000000000000000",
                        "cea7403d4d606b6e074ec5d3baf39d18",
                        "d0d1c8a799996bf0265b98b5d48ab919"),
                vector("GCM spec test case 15", AeadAlgorithm.AES_256_GCM,
                        "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888",
                        "",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
                        "b094dac5d93471bdec1a502270e3cc6c"),
                vector("GCM spec test case 16", AeadAlgorithm.AES_256_GCM,
                        "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
                        "cafebabefacedbaddecaf888",
                        "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
                        "76fc6ece0f4e1768cddf8853bb2d551b"),
                // NIST SP 800-38C Appendix C, Example 3: 12-byte nonce, 8-byte tag, so exactly TLS's CCM_8 shape.
                vector("SP 800-38C C.3", AeadAlgorithm.AES_128_CCM_8,
                        "404142434445464748494a4b4c4d4e4f",
                        "101112131415161718191a1b",
                        "000102030405060708090a0b0c0d0e0f10111213",
                        "202122232425262728292a2b2c2d2e2f3031323334353637",
                        "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5",
                        "484392fbc1b09951"),
                // Project Wycheproof testvectors/aes_ccm_test.json, group ivSize 96 / tagSize 128, "valid" cases.
                vector("Wycheproof aes_ccm_test tcId 11", AeadAlgorithm.AES_128_CCM,
                        "9415f925bcb41dc25e86c826dbc8bf68",
                        "bdffaa763b916ff0ee3f3ce4",
                        "705d676cd8a94451",
                        "feb36167eafc02c8e2bd6e13817686ba",
                        "08db327a88be7b48f430fd7bfccdf502",
                        "b7c249f810adacf99abded1f3b9130f2"),
                vector("Wycheproof aes_ccm_test tcId 34", AeadAlgorithm.AES_128_CCM,
                        "875b0b4a84150524eb1f50f9d8de1388",
                        "fdc5014ed1ad706129d57322",
                        "35a6d9829c8449c4402e385cc5c6fe98",
                        "2f575dfb2dbe9d238de576fc63e4ac32",
                        "3469c3ff738aa32aacc1ac48d89b1d75",
                        "fa68720a3171a54c4b3690bffde7b610"),
                vector("Wycheproof aes_ccm_test tcId 36", AeadAlgorithm.AES_128_CCM,
                        "e3d3ec41f28eb35fb53f5fa91804e051",
                        "89d270fc8b583bc631cefd39",
                        "3d2f458c67c5b6c794b1f12dad409e0f",
                        "847acf521995b33f8bc474c8befbca3bb2",
                        "28aaec53493cd6252cf6410ed141bdafb7",
                        "47bf3e16c227ca11fd68a16d407c2cc3"),
                vector("Wycheproof aes_ccm_test tcId 164", AeadAlgorithm.AES_256_CCM,
                        "6905f2c4d63a7ba7e9366ba6c3bbf6e3552d569eb55321beba3f8d98a182b97d",
                        "49e08c06dbae3ff5cb7d9ecd",
                        "aba0c44e9f9399748f4a7e919ceb8a62",
                        "b56254e221cf558ea7d9194eecd63ed5",
                        "68e66f433c3cf9e4247225682f4c73a4",
                        "07f53a76b84460ecf4aa1813e5170b2f"),
                vector("Wycheproof aes_ccm_test tcId 166", AeadAlgorithm.AES_256_CCM,
                        "41d6c6babb7241539ac1664748dd1cf29ce7940e29153cd8180ed197dab5c73f",
                        "0005dea12eb69850647c7ad9",
                        "675f31d76bf483d2d2ab57cbe93cf2f1",
                        "e5c444a0458dcaf789c8f35666f15bccb4",
                        "99a49bde03728c479daf4c67d307f1285e",
                        "f0f3859d12cd4148b9e84d22ba7ad966"),
                vector("Wycheproof aes_ccm_test tcId 168", AeadAlgorithm.AES_256_CCM,
                        "f59abcbf4218bd5c7601f080b5fbd3ae088733702c8fbef0c5296a406f563827",
                        "a5eb0e6fe669e68239ace550",
                        "d603491fbf0950d36489abb40dd8d42b",
                        "97dcbacd70a678cfaed13c942cf920e851ec3e6fb1f6c6eb95f1c965fb1a13",
                        "c0b27edd6533cfba81323ac78d0aeb0371b1d7b89938e04c319148961513fb",
                        "56aabbde47ab2c53db48703033f8ca68")));
    }

    private static Named<AeadVector> vector(String name, AeadAlgorithm algorithm, String keyHex, String nonceHex,
            String aadHex, String plaintextHex, String ciphertextHex, String tagHex) {
        return Named.of(name, new AeadVector(algorithm, Hex.bytes(keyHex), Hex.bytes(nonceHex), Hex.bytes(aadHex),
                Hex.bytes(plaintextHex), Hex.bytes(ciphertextHex), Hex.bytes(tagHex)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void sealGivesCiphertextAndTag(CryptoBackend backend, AeadVector vector) {
        Aead aead = backend.aead(vector.algorithm(), vector.key());
        assertEquals(vector.algorithm(), aead.algorithm());
        assertEquals(vector.algorithm().tagLength(), vector.tag().length, "vector's tag length");
        assertHexEquals(Hex.string(vector.sealed()), aead.seal(vector.nonce(), vector.aad(), vector.plaintext()),
                "ciphertext || tag");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void openRecoversThePlaintext(CryptoBackend backend, AeadVector vector) throws AeadException {
        Aead aead = backend.aead(vector.algorithm(), vector.key());
        assertHexEquals(Hex.string(vector.plaintext()), aead.open(vector.nonce(), vector.aad(), vector.sealed()),
                "plaintext");
    }

    /** The ByteBuffer forms read from a direct buffer and write at the output's position. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void byteBufferFormsWriteAtThePosition(CryptoBackend backend, AeadVector vector) throws AeadException {
        Aead aead = backend.aead(vector.algorithm(), vector.key());
        ByteBuffer plaintext = direct(vector.plaintext());
        ByteBuffer sealedOut = ByteBuffer.allocate(5 + vector.sealed().length + 3);
        sealedOut.position(5);
        int sealedLength = aead.seal(vector.nonce(), vector.aad(), plaintext, sealedOut);
        assertEquals(vector.sealed().length, sealedLength, "seal's return value");
        assertEquals(5 + sealedLength, sealedOut.position(), "output position after seal");
        assertEquals(0, plaintext.remaining(), "plaintext consumed");
        assertArrayEquals(vector.sealed(), Arrays.copyOfRange(sealedOut.array(), 5, 5 + sealedLength));

        ByteBuffer sealed = direct(vector.sealed());
        ByteBuffer openedOut = ByteBuffer.allocateDirect(2 + vector.plaintext().length);
        openedOut.position(2);
        int openedLength = aead.open(vector.nonce(), vector.aad(), sealed, openedOut);
        assertEquals(vector.plaintext().length, openedLength, "open's return value");
        assertEquals(2 + openedLength, openedOut.position(), "output position after open");
        assertEquals(0, sealed.remaining(), "ciphertext consumed");
        byte[] opened = new byte[openedLength];
        openedOut.position(2);
        openedOut.get(opened);
        assertArrayEquals(vector.plaintext(), opened);
    }

    /** One key, many messages: an Aead is reusable with fresh nonces, in either direction. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void oneAeadServesRepeatedCalls(CryptoBackend backend, AeadVector vector) throws AeadException {
        Aead aead = backend.aead(vector.algorithm(), vector.key());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(vector.sealed(), aead.seal(vector.nonce(), vector.aad(), vector.plaintext()),
                    "seal " + i);
            assertArrayEquals(vector.plaintext(), aead.open(vector.nonce(), vector.aad(), vector.sealed()),
                    "open " + i);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void tamperingIsRejected(CryptoBackend backend, AeadVector vector) {
        Aead aead = backend.aead(vector.algorithm(), vector.key());
        byte[] sealed = vector.sealed();
        if (vector.ciphertext().length > 0) {
            assertRejected(aead, vector.nonce(), vector.aad(), flipBit(sealed, 0), "first ciphertext bit flipped");
        }
        assertRejected(aead, vector.nonce(), vector.aad(), flipBit(sealed, sealed.length * 8 - 1),
                "last tag bit flipped");
        assertRejected(aead, vector.nonce(), vector.aad(), flipBit(sealed, vector.ciphertext().length * 8),
                "first tag bit flipped");
        if (vector.aad().length > 0) {
            assertRejected(aead, vector.nonce(), flipBit(vector.aad(), 3), sealed, "AAD bit flipped");
        }
        assertRejected(aead, vector.nonce(), Arrays.copyOf(vector.aad(), vector.aad().length + 1), sealed,
                "AAD extended by a zero byte");
        assertRejected(aead, flipBit(vector.nonce(), 95), vector.aad(), sealed, "nonce bit flipped");
        assertRejected(aead, vector.nonce(), vector.aad(), Arrays.copyOf(sealed, sealed.length - 1), "last byte cut");
        assertRejected(aead, vector.nonce(), vector.aad(), Arrays.copyOf(sealed, vector.algorithm().tagLength() - 1),
                "shorter than a tag");
    }

    /** Aead.open's contract: on failure the output region holds zeros, never candidate plaintext. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void failedOpenLeavesNoPlaintextBehind(CryptoBackend backend, AeadVector vector) {
        Aead aead = backend.aead(vector.algorithm(), vector.key());
        byte[] sealed = vector.sealed();
        ByteBuffer output = ByteBuffer.allocate(vector.plaintext().length);
        Arrays.fill(output.array(), (byte) 0x5a);
        ByteBuffer tampered = ByteBuffer.wrap(flipBit(sealed, sealed.length * 8 - 1));
        assertThrows(AeadException.class, () -> aead.open(vector.nonce(), vector.aad(), tampered, output));
        assertArrayEquals(new byte[vector.plaintext().length], output.array(), "output after a failed open");
    }

    private static void assertRejected(Aead aead, byte[] nonce, byte[] aad, byte[] sealed, String what) {
        assertThrows(AeadException.class, () -> aead.open(nonce, aad, sealed), what);
    }

    private static byte[] flipBit(byte[] bytes, int bitIndex) {
        byte[] flipped = bytes.clone();
        flipped[bitIndex / 8] ^= (byte) (0x80 >>> (bitIndex % 8));
        return flipped;
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }
}
