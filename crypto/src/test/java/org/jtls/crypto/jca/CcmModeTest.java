package org.jtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.jtls.crypto.AeadException;
import org.junit.jupiter.api.Test;

/** {@link CcmMode} against the NIST SP 800-38C Appendix C examples and RFC 3610's first packet vector. */
class CcmModeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] APPENDIX_C_KEY = HEX.parseHex("404142434445464748494a4b4c4d4e4f");

    @Test
    void sp800_38cExample1SevenByteNonceFourByteTag() throws AeadException {
        checkVector(APPENDIX_C_KEY, 4, "10111213141516", HEX.parseHex("0001020304050607"), "20212223",
                "7162015b4dac255d");
    }

    @Test
    void sp800_38cExample2EightByteNonceSixByteTag() throws AeadException {
        checkVector(APPENDIX_C_KEY, 6, "1011121314151617", HEX.parseHex("000102030405060708090a0b0c0d0e0f"),
                "202122232425262728292a2b2c2d2e2f", "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd");
    }

    @Test
    void sp800_38cExample3TwelveByteNonceEightByteTag() throws AeadException {
        checkVector(APPENDIX_C_KEY, 8, "101112131415161718191a1b",
                HEX.parseHex("000102030405060708090a0b0c0d0e0f10111213"),
                "202122232425262728292a2b2c2d2e2f3031323334353637",
                "e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951");
    }

    @Test
    void sp800_38cExample4LongAssociatedDataUsesSixByteLengthEncoding() throws AeadException {
        // 2^16 bytes of associated data: 256 repetitions of 00..ff, past the 2-byte length encoding.
        byte[] aad = new byte[65536];
        for (int i = 0; i < aad.length; i++) {
            aad[i] = (byte) i;
        }
        checkVector(APPENDIX_C_KEY, 14, "101112131415161718191a1b1c", aad,
                "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
                "69915dad1e84c6376a68c2967e4dab615ae0fd1faec44cc484828529463ccf72"
                        + "b4ac6bec93e8598e7f0dadbcea5b");
    }

    @Test
    void rfc3610PacketVector1ThirteenByteNoncePartialBlock() throws AeadException {
        byte[] packet = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e");
        byte[] aad = java.util.Arrays.copyOf(packet, 8);
        String payload = HEX.formatHex(packet, 8, packet.length);
        checkVector(HEX.parseHex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"), 8, "00000003020100a0a1a2a3a4a5", aad, payload,
                "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384" + "17e8d12cfdf926e0");
    }

    @Test
    void rejectsNonceLengthsOutsideSevenToThirteen() {
        CcmMode ccm = new CcmMode(APPENDIX_C_KEY, 8);
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThrows(IllegalArgumentException.class,
                () -> ccm.seal(new byte[6], new byte[0], ByteBuffer.allocate(4), out));
        assertThrows(IllegalArgumentException.class,
                () -> ccm.seal(new byte[14], new byte[0], ByteBuffer.allocate(4), out));
    }

    @Test
    void rejectsOddOrOutOfRangeTagLengths() {
        assertThrows(IllegalArgumentException.class, () -> new CcmMode(APPENDIX_C_KEY, 5));
        assertThrows(IllegalArgumentException.class, () -> new CcmMode(APPENDIX_C_KEY, 2));
        assertThrows(IllegalArgumentException.class, () -> new CcmMode(APPENDIX_C_KEY, 18));
    }

    @Test
    void rejectsPayloadTooLongForTheLengthField() {
        // A 13-byte nonce leaves q = 2 bytes: payloads up to 65535 bytes.
        CcmMode ccm = new CcmMode(APPENDIX_C_KEY, 8);
        assertThrows(IllegalArgumentException.class, () -> ccm.seal(new byte[13], null,
                ByteBuffer.allocate(65536), ByteBuffer.allocate(65536 + 8)));
    }

    private static void checkVector(byte[] key, int tagLength, String nonceHex, byte[] aad, String plaintextHex,
            String expectedHex) throws AeadException {
        byte[] nonce = HEX.parseHex(nonceHex);
        byte[] plaintext = HEX.parseHex(plaintextHex);
        byte[] expected = HEX.parseHex(expectedHex);
        CcmMode ccm = new CcmMode(key, tagLength);

        ByteBuffer sealed = ByteBuffer.allocate(plaintext.length + tagLength);
        assertEquals(expected.length, ccm.seal(nonce, aad, ByteBuffer.wrap(plaintext), sealed));
        assertArrayEquals(expected, sealed.array());

        ByteBuffer opened = ByteBuffer.allocate(plaintext.length);
        assertEquals(plaintext.length, ccm.open(nonce, aad, ByteBuffer.wrap(expected), opened));
        assertArrayEquals(plaintext, opened.array());

        byte[] tampered = expected.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThrows(AeadException.class,
                () -> ccm.open(nonce, aad, ByteBuffer.wrap(tampered), ByteBuffer.allocate(plaintext.length)));
    }
}
