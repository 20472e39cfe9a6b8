package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HKDF-Extract and HKDF-Expand against every test case of RFC 5869 Appendix A. */
class HkdfVectorsTest {

    /**
     * One RFC 5869 test case. {@code saltHex == null} is "salt not provided" (A.7), which the API
     * spells as {@code null}; an empty string is a zero-length salt (A.3, A.6).
     */
    record HkdfVector(HashAlgorithm algorithm, String ikmHex, String saltHex, String infoHex, int length,
            String prkHex, String okmHex) {
    }

    private static final String COUNTING_80_FROM_00 = "000102030405060708090a0b0c0d0e0f"
            + "101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f"
            + "303132333435363738393a3b3c3d3e3f"
            + "404142434445464748494a4b4c4d4e4f";
    private static final String COUNTING_80_FROM_60 = "606162636465666768696a6b6c6d6e6f"
            + "707172737475767778797a7b7c7d7e7f"
            + "808182838485868788898a8b8c8d8e8f"
            + "909192939495969798999a9b9c9d9e9f"
            + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
    private static final String COUNTING_80_FROM_B0 = "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
            + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
            + "d0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
            + "e0e1e2e3e4e5e6e7e8e9eaebecedeeef"
            + "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

    static Stream<Arguments> vectors() {
        return Backends.eachWith(List.of(
                Named.of("RFC 5869 A.1 (SHA-256, basic)", new HkdfVector(HashAlgorithm.SHA256,
                        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
                        "000102030405060708090a0b0c",
                        "f0f1f2f3f4f5f6f7f8f9",
                        42,
                        "077709362c2e32df0ddc3f0dc47bba63"
                        + "90b6c73bb50f9c3122ec844ad7c2b3e5",
                        "3cb25f25faacd57a90434f64d0362f2a"
                        + "2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                        + "34007208d5b887185865")),
                Named.of("RFC 5869 A.2 (SHA-256, longer inputs and outputs)", new HkdfVector(HashAlgorithm.SHA256,
                        COUNTING_80_FROM_00,
                        COUNTING_80_FROM_60,
                        COUNTING_80_FROM_B0,
                        82,
                        "06a6b88c5853361a06104c9ceb35b45c"
                        + "ef760014904671014a193f40c15fc244",
                        "b11e398dc80327a1c8e7f78c596a4934"
                        + "4f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09"
                        + "da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f"
                        + "1d87")),
                Named.of("RFC 5869 A.3 (SHA-256, zero-length salt and info)", new HkdfVector(HashAlgorithm.SHA256,
                        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
                        "",
                        "",
                        42,
                        "19ef24a32c717b167f33a91d6f648bdf"
                        + "96596776afdb6377ac434c1c293ccb04",
                        "8da4e775a563c18f715f802a063c5a31"
                        + "b8a11f5c5ee1879ec3454e5f3c738d2d"
                        + "9d201395faa4b61a96c8")),
                Named.of("RFC 5869 A.4 (SHA-1, basic)", new HkdfVector(HashAlgorithm.SHA1,
                        "0b0b0b0b0b0b0b0b0b0b0b",
                        "000102030405060708090a0b0c",
                        "f0f1f2f3f4f5f6f7f8f9",
                        42,
                        "9b6c18c432a7bf8f0e71c8eb88f4b30baa2ba243",
                        "085a01ea1b10f36933068b56efa5ad81"
                        + "a4f14b822f5b091568a9cdd4f155fda2"
                        + "c22e422478d305f3f896")),
                Named.of("RFC 5869 A.5 (SHA-1, longer inputs and outputs)", new HkdfVector(HashAlgorithm.SHA1,
                        COUNTING_80_FROM_00,
                        COUNTING_80_FROM_60,
                        COUNTING_80_FROM_B0,
                        82,
                        "8adae09a2a307059478d309b26c4115a224cfaf6",
                        "0bd770a74d1160f7c9f12cd5912a06eb"
                        + "ff6adcae899d92191fe4305673ba2ffe"
                        + "8fa3f1a4e5ad79f3f334b3b202b2173c"
                        + "486ea37ce3d397ed034c7f9dfeb15c5e"
                        + "927336d0441f4c4300e2cff0d0900b52"
                        + "d3b4")),
                Named.of("RFC 5869 A.6 (SHA-1, zero-length salt and info)", new HkdfVector(HashAlgorithm.SHA1,
                        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
                        "",
                        "",
                        42,
                        "da8c8a73c7fa77288ec6f5e7c297786aa0d32d01",
                        "0ac1af7002b3d761d1e55298da9d0506"
                        + "b9ae52057220a306e07b6b87e8df21d0"
                        + "ea00033de03984d34918")),
                Named.of("RFC 5869 A.7 (SHA-1, salt not provided)", new HkdfVector(HashAlgorithm.SHA1,
                        "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
                        null,
                        "",
                        42,
                        "2adccada18779e7c2077ad2eb19d3f3e731385dd",
                        "2c91117204d745f3500d636a62f64f0a"
                        + "b3bae548aa53d423b0d1f27ebba6f5e5"
                        + "673a081d70cce7acfc48"))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void extractGivesThePrk(CryptoBackend backend, HkdfVector vector) {
        byte[] salt = vector.saltHex() == null ? null : Hex.bytes(vector.saltHex());
        byte[] prk = backend.hkdfExtract(vector.algorithm(), salt, Hex.bytes(vector.ikmHex()));
        assertHexEquals(vector.prkHex(), prk, "PRK");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void expandGivesTheOkm(CryptoBackend backend, HkdfVector vector) {
        byte[] okm = backend.hkdfExpand(vector.algorithm(), Hex.bytes(vector.prkHex()), Hex.bytes(vector.infoHex()),
                vector.length());
        assertEquals(vector.length(), okm.length);
        assertHexEquals(vector.okmHex(), okm, "OKM");
    }

    /** RFC 5869 §2.3: the OKM is the first L bytes of T(1) | T(2) | ..., so shorter is a prefix. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void shorterOutputIsAPrefixOfTheOkm(CryptoBackend backend, HkdfVector vector) {
        byte[] prk = Hex.bytes(vector.prkHex());
        byte[] info = Hex.bytes(vector.infoHex());
        for (int length : new int[] {1, vector.algorithm().outputLength(), vector.algorithm().outputLength() + 1}) {
            byte[] okm = backend.hkdfExpand(vector.algorithm(), prk, info, length);
            assertArrayEquals(Arrays.copyOf(Hex.bytes(vector.okmHex()), length), okm, "L = " + length);
        }
    }

    /** The API treats an empty salt like an absent one (RFC 5869 §2.2: HashLen zeros either way). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void emptySaltAndAbsentSaltAgree(CryptoBackend backend) {
        byte[] ikm = Hex.bytes("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c");
        assertHexEquals("2adccada18779e7c2077ad2eb19d3f3e731385dd",
                backend.hkdfExtract(HashAlgorithm.SHA1, new byte[0], ikm), "PRK with an empty salt");
        assertHexEquals("2adccada18779e7c2077ad2eb19d3f3e731385dd",
                backend.hkdfExtract(HashAlgorithm.SHA1, new byte[20], ikm), "PRK with HashLen zero bytes");
    }
}
