package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.CryptoBackend;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw AES-CBC (no padding) against NIST SP 800-38A Appendix F.2: F.2.1/F.2.2 (CBC-AES128) and
 * F.2.5/F.2.6 (CBC-AES256), the four-block example with IV 00 01 .. 0f.
 */
class CbcVectorsTest {

    record CbcVector(CbcAlgorithm algorithm, String keyHex, String ivHex, String plaintextHex, String ciphertextHex) {
    }

    private static final String SP800_38A_IV = "000102030405060708090a0b0c0d0e0f";
    private static final String SP800_38A_PLAINTEXT = "6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710";

    static Stream<Arguments> vectors() {
        return Backends.eachWith(List.of(
                Named.of("SP 800-38A F.2.1/F.2.2 CBC-AES128", new CbcVector(CbcAlgorithm.AES_128_CBC,
                        "2b7e151628aed2a6abf7158809cf4f3c", SP800_38A_IV, SP800_38A_PLAINTEXT,
                        "7649abac8119b246cee98e9b12e9197d"
                        + "5086cb9b507219ee95db113a917678b2"
                        + "73bed6b8e3c1743b7116e69e22229516"
                        + "3ff1caa1681fac09120eca307586e1a7")),
                Named.of("SP 800-38A F.2.5/F.2.6 CBC-AES256", new CbcVector(CbcAlgorithm.AES_256_CBC,
                        "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", SP800_38A_IV,
                        SP800_38A_PLAINTEXT,
                        "f58c4c04d6e5f1ba779eabfb5f7bfbd6"
                        + "9cfc4e967edb808d679f777bc6702c7d"
                        + "39f23369a9d9bacfa530e26304231461"
                        + "b2eb05e2c39be9fcda6c19078c6a9d1b"))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void encryptMatchesTheExample(CryptoBackend backend, CbcVector vector) {
        CbcCipher encryptor = backend.cbc(vector.algorithm(), Hex.bytes(vector.keyHex()), true);
        assertEquals(vector.algorithm(), encryptor.algorithm());
        assertTrue(encryptor.forEncryption());
        assertHexEquals(vector.ciphertextHex(),
                encryptor.process(Hex.bytes(vector.ivHex()), Hex.bytes(vector.plaintextHex())), "ciphertext");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void decryptMatchesTheExample(CryptoBackend backend, CbcVector vector) {
        CbcCipher decryptor = backend.cbc(vector.algorithm(), Hex.bytes(vector.keyHex()), false);
        assertFalse(decryptor.forEncryption());
        assertHexEquals(vector.plaintextHex(),
                decryptor.process(Hex.bytes(vector.ivHex()), Hex.bytes(vector.ciphertextHex())), "plaintext");
    }

    /**
     * The IV is per call, so SSL 3.0 / TLS 1.0 chaining (the next record's IV is the last ciphertext
     * block) must give the same bytes as one long call.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void chainingIvsAcrossCallsEqualsOneCall(CryptoBackend backend, CbcVector vector) {
        CbcCipher encryptor = backend.cbc(vector.algorithm(), Hex.bytes(vector.keyHex()), true);
        byte[] plaintext = Hex.bytes(vector.plaintextHex());
        byte[] first = encryptor.process(Hex.bytes(vector.ivHex()), Arrays.copyOf(plaintext, 32));
        byte[] second = encryptor.process(Arrays.copyOfRange(first, 16, 32), Arrays.copyOfRange(plaintext, 32, 64));
        byte[] both = Arrays.copyOf(first, 64);
        System.arraycopy(second, 0, both, 32, 32);
        assertHexEquals(vector.ciphertextHex(), both, "two chained calls");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void byteBufferFormWritesAtThePosition(CryptoBackend backend, CbcVector vector) {
        CbcCipher decryptor = backend.cbc(vector.algorithm(), Hex.bytes(vector.keyHex()), false);
        ByteBuffer input = ByteBuffer.allocateDirect(64);
        input.put(Hex.bytes(vector.ciphertextHex())).flip();
        ByteBuffer output = ByteBuffer.allocate(70);
        output.position(3);
        decryptor.process(Hex.bytes(vector.ivHex()), input, output);
        assertEquals(0, input.remaining());
        assertEquals(67, output.position());
        assertArrayEquals(Hex.bytes(vector.plaintextHex()), Arrays.copyOfRange(output.array(), 3, 67));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void partialBlockIsAProgrammingError(CryptoBackend backend, CbcVector vector) {
        CbcCipher encryptor = backend.cbc(vector.algorithm(), Hex.bytes(vector.keyHex()), true);
        assertThrows(IllegalArgumentException.class, () -> encryptor.process(Hex.bytes(vector.ivHex()), new byte[17]));
    }
}
