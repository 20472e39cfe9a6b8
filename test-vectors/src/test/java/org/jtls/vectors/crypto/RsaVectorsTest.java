package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Verifier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RSA with the 1024-bit server key of RFC 8448 §2:
 * <ul>
 *   <li>the RSA-PSS signature in the CertificateVerify of RFC 8448 §3 verifies (rsa_pss_rsae_sha256
 *       over the RFC 8446 §4.4.3 content);</li>
 *   <li>PKCS#1 v1.5 signatures equal a reference computed in this test straight from RFC 8017 §8.2.1
 *       and §9.2 (DigestInfo prefixes from §9.2 note 1) with BigInteger; for the TLS 1.0/1.1 MD5+SHA-1
 *       form, RFC 4346 §7.4.3's 36-byte value without DigestInfo;</li>
 *   <li>RSAES-PKCS1-v1_5 pre-master secrets encrypted by hand (RFC 8017 §7.2.1) decrypt through
 *       {@code rsaDecryptPremasterSecret}, and badly padded ones yield a random secret instead
 *       (RFC 5246 §7.4.7.1).</li>
 * </ul>
 */
class RsaVectorsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RsaPrivateKey KEY = Rfc8448SimpleHandshake.rsaPrivateKey();
    private static final RsaPublicKey PUBLIC_KEY = KEY.publicKey();
    private static final int MODULUS_LENGTH = 128;
    private static final byte[] MESSAGE = "RFC 8448 section 2 key, PKCS#1 v1.5".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_VERSION = {0x03, 0x03};

    /** RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, then the transcript hash. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void certificateVerifyOfTheTraceVerifies(CryptoBackend backend) {
        byte[] certificateVerify = Hex.bytes(Rfc8448SimpleHandshake.CERTIFICATE_VERIFY);
        // Handshake header (4 bytes), SignatureScheme 0x0804 rsa_pss_rsae_sha256, u16 length, signature.
        assertEquals(0x0804, ((certificateVerify[4] & 0xff) << 8) | (certificateVerify[5] & 0xff));
        byte[] signature = Arrays.copyOfRange(certificateVerify, 8, certificateVerify.length);
        assertEquals(MODULUS_LENGTH, signature.length);

        Digest transcript = backend.digest(HashAlgorithm.SHA256);
        for (String message : new String[] {Rfc8448SimpleHandshake.CLIENT_HELLO, Rfc8448SimpleHandshake.SERVER_HELLO,
                Rfc8448SimpleHandshake.ENCRYPTED_EXTENSIONS, Rfc8448SimpleHandshake.CERTIFICATE}) {
            transcript.update(Hex.bytes(message));
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(" ".repeat(64).getBytes(StandardCharsets.US_ASCII));
        content.writeBytes("TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII));
        content.write(0);
        content.writeBytes(transcript.finish());
        byte[] signedContent = content.toByteArray();

        Verifier verifier = backend.verifier(SignatureAlgorithm.RSA_PSS_SHA256, PUBLIC_KEY);
        assertTrue(verifier.verify(signedContent, signature), "the trace's signature");
        byte[] flipped = signature.clone();
        flipped[40] ^= 0x10;
        assertFalse(verifier.verify(signedContent, flipped), "one bit flipped");
        assertFalse(backend.verifier(SignatureAlgorithm.RSA_PSS_SHA384, PUBLIC_KEY).verify(signedContent, signature),
                "the same bytes are not an RSA-PSS-SHA384 signature");
        assertFalse(backend.verifier(SignatureAlgorithm.RSA_PKCS1_SHA256, PUBLIC_KEY).verify(signedContent, signature),
                "nor a PKCS#1 v1.5 signature");
    }

    static Stream<Arguments> pkcs1Algorithms() {
        return Backends.eachWith(List.of(
                Named.of("RSA_PKCS1_MD5_SHA1", SignatureAlgorithm.RSA_PKCS1_MD5_SHA1),
                Named.of("RSA_PKCS1_SHA1", SignatureAlgorithm.RSA_PKCS1_SHA1),
                Named.of("RSA_PKCS1_SHA256", SignatureAlgorithm.RSA_PKCS1_SHA256),
                Named.of("RSA_PKCS1_SHA384", SignatureAlgorithm.RSA_PKCS1_SHA384),
                Named.of("RSA_PKCS1_SHA512", SignatureAlgorithm.RSA_PKCS1_SHA512)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pkcs1Algorithms")
    void pkcs1SignatureEqualsTheRfc8017Computation(CryptoBackend backend, SignatureAlgorithm algorithm) {
        byte[] expected = referencePkcs1Signature(backend, algorithm, MESSAGE);
        byte[] signature = backend.signer(algorithm, KEY).sign(MESSAGE, RANDOM);
        assertHexEquals(Hex.string(expected), signature, algorithm + " signature");
        assertTrue(backend.verifier(algorithm, PUBLIC_KEY).verify(MESSAGE, expected), "reference signature verifies");
        byte[] flipped = expected.clone();
        flipped[MODULUS_LENGTH - 1] ^= 0x01;
        assertFalse(backend.verifier(algorithm, PUBLIC_KEY).verify(MESSAGE, flipped), "one bit flipped");
    }

    /** A signature one byte short or long is invalid, not an exception (Verifier's contract). */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pkcs1Algorithms")
    void malformedSignatureLengthIsInvalid(CryptoBackend backend, SignatureAlgorithm algorithm) {
        byte[] signature = referencePkcs1Signature(backend, algorithm, MESSAGE);
        Verifier verifier = backend.verifier(algorithm, PUBLIC_KEY);
        assertFalse(verifier.verify(MESSAGE, Arrays.copyOf(signature, MODULUS_LENGTH - 1)), "short");
        assertFalse(verifier.verify(MESSAGE, Arrays.copyOf(signature, MODULUS_LENGTH + 1)), "long");
        assertFalse(verifier.verify(MESSAGE, new byte[0]), "empty");
        byte[] aboveModulus = new byte[MODULUS_LENGTH];
        Arrays.fill(aboveModulus, (byte) 0xff);
        assertFalse(verifier.verify(MESSAGE, aboveModulus), "signature representative >= n");
    }

    /** RSA-PSS is randomized; what we can check is that each backend's signature verifies. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void pssSignaturesVerify(CryptoBackend backend) {
        // RSA-PSS-SHA512 with a 64-byte salt needs emLen >= 130 (RFC 8017 §9.1.1 step 3): too big for
        // this 128-byte key, so only SHA-256 and SHA-384 are exercised here.
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.RSA_PSS_SHA256,
                SignatureAlgorithm.RSA_PSS_SHA384}) {
            byte[] first = backend.signer(algorithm, KEY).sign(MESSAGE, RANDOM);
            byte[] second = backend.signer(algorithm, KEY).sign(MESSAGE, RANDOM);
            assertEquals(MODULUS_LENGTH, first.length);
            assertFalse(Arrays.equals(first, second), algorithm + ": a fresh salt each time");
            assertTrue(backend.verifier(algorithm, PUBLIC_KEY).verify(MESSAGE, first), algorithm.toString());
            assertTrue(backend.verifier(algorithm, PUBLIC_KEY).verify(MESSAGE, second), algorithm.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void handEncryptedPremasterSecretDecrypts(CryptoBackend backend) {
        byte[] premaster = premaster(CLIENT_VERSION);
        byte[] encrypted = encryptRaw(typeTwoBlock(premaster));
        assertArrayEquals(premaster, backend.rsaDecryptPremasterSecret(KEY, encrypted, CLIENT_VERSION, RANDOM));
    }

    /**
     * RFC 5246 §7.4.7.1: the version bytes come from the ClientHello, whatever the message says, so a
     * rollback is caught later by the Finished check rather than by a distinguishable error here.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void versionBytesComeFromTheClientHello(CryptoBackend backend) {
        byte[] premaster = premaster(new byte[] {0x03, 0x01});
        byte[] decrypted = backend.rsaDecryptPremasterSecret(KEY, encryptRaw(typeTwoBlock(premaster)), CLIENT_VERSION,
                RANDOM);
        assertArrayEquals(CLIENT_VERSION, Arrays.copyOf(decrypted, 2));
        assertArrayEquals(Arrays.copyOfRange(premaster, 2, 48), Arrays.copyOfRange(decrypted, 2, 48));
    }

    record BadPadding(byte[] encodedMessage) {
    }

    static Stream<Arguments> badPaddings() {
        byte[] premaster = premaster(CLIENT_VERSION);
        byte[] blockTypeOne = typeTwoBlock(premaster);
        blockTypeOne[1] = 0x01;
        byte[] leadingNonZero = typeTwoBlock(premaster);
        leadingNonZero[0] = 0x01;
        byte[] zeroInPadding = typeTwoBlock(premaster);
        zeroInPadding[5] = 0x00;
        byte[] noSeparator = typeTwoBlock(premaster);
        noSeparator[MODULUS_LENGTH - 49] = 0x07;
        byte[] messageOneByteShort = typeTwoBlock(Arrays.copyOf(premaster, 47));
        byte[] messageOneByteLong = typeTwoBlock(Arrays.copyOf(premaster, 49));
        return Backends.eachWith(List.of(
                Named.of("block type 1", new BadPadding(blockTypeOne)),
                Named.of("first byte not zero", new BadPadding(leadingNonZero)),
                Named.of("zero byte inside the padding", new BadPadding(zeroInPadding)),
                Named.of("no zero separator", new BadPadding(noSeparator)),
                Named.of("47-byte message", new BadPadding(messageOneByteShort)),
                Named.of("49-byte message", new BadPadding(messageOneByteLong))));
    }

    /** A bad block yields 48 bytes (client version || random), never the message and never an error. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badPaddings")
    void badPaddingYieldsARandomPremasterSecret(CryptoBackend backend, BadPadding bad) {
        byte[] encrypted = encryptRaw(bad.encodedMessage());
        byte[] first = backend.rsaDecryptPremasterSecret(KEY, encrypted, CLIENT_VERSION, RANDOM);
        byte[] second = backend.rsaDecryptPremasterSecret(KEY, encrypted, CLIENT_VERSION, RANDOM);
        assertEquals(48, first.length);
        assertArrayEquals(CLIENT_VERSION, Arrays.copyOf(first, 2));
        byte[] embedded = Arrays.copyOfRange(bad.encodedMessage(), MODULUS_LENGTH - 46, MODULUS_LENGTH);
        assertFalse(Arrays.equals(embedded, Arrays.copyOfRange(first, 2, 48)), "the message leaked through");
        assertFalse(Arrays.equals(first, second), "fresh randomness per call");
    }

    /** The backend's own encryption: the right length, randomized, and it decrypts to the message. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void encryptionRoundTrips(CryptoBackend backend) throws CryptoException {
        byte[] premaster = premaster(CLIENT_VERSION);
        byte[] first = backend.rsaEncryptPkcs1(PUBLIC_KEY, premaster, RANDOM);
        byte[] second = backend.rsaEncryptPkcs1(PUBLIC_KEY, premaster, RANDOM);
        assertEquals(MODULUS_LENGTH, first.length);
        assertFalse(Arrays.equals(first, second), "random padding");
        assertArrayEquals(premaster, backend.rsaDecryptPremasterSecret(KEY, first, CLIENT_VERSION, RANDOM));
        // Independently of the backend: raw RSA on the ciphertext shows a well-formed type-2 block.
        byte[] block = decryptRaw(first);
        assertEquals(0x00, block[0]);
        assertEquals(0x02, block[1]);
        assertArrayEquals(premaster, Arrays.copyOfRange(block, MODULUS_LENGTH - 48, MODULUS_LENGTH));
        assertEquals(0x00, block[MODULUS_LENGTH - 49]);
        for (int i = 2; i < MODULUS_LENGTH - 49; i++) {
            assertTrue(block[i] != 0, "padding byte " + i + " is non-zero");
        }
    }

    // ---- references written from RFC 8017 ----

    private static byte[] premaster(byte[] version) {
        byte[] premaster = new byte[48];
        RANDOM.nextBytes(premaster);
        premaster[0] = version[0];
        premaster[1] = version[1];
        return premaster;
    }

    /** EM = 0x00 || 0x02 || PS || 0x00 || M with PS non-zero (RFC 8017 §7.2.1 step 2). */
    private static byte[] typeTwoBlock(byte[] message) {
        int paddingLength = MODULUS_LENGTH - 3 - message.length;
        byte[] block = new byte[MODULUS_LENGTH];
        block[1] = 0x02;
        for (int i = 0; i < paddingLength; i++) {
            block[2 + i] = (byte) (1 + RANDOM.nextInt(255));
        }
        System.arraycopy(message, 0, block, MODULUS_LENGTH - message.length, message.length);
        return block;
    }

    /** RSAEP (RFC 8017 §5.1.1) and I2OSP. */
    private static byte[] encryptRaw(byte[] encodedMessage) {
        BigInteger m = new BigInteger(1, encodedMessage);
        return toOctets(m.modPow(KEY.publicExponent(), KEY.modulus()));
    }

    /** RSADP (RFC 8017 §5.1.2) without CRT, and I2OSP. */
    private static byte[] decryptRaw(byte[] ciphertext) {
        return toOctets(new BigInteger(1, ciphertext).modPow(KEY.privateExponent(), KEY.modulus()));
    }

    /**
     * RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.1): EM = 0x00 || 0x01 || 0xff.. || 0x00 || T, s = EM^d mod n.
     * T is DigestInfo (§9.2 note 1) or, for MD5+SHA-1, the bare 36-byte concatenation (RFC 4346
     * §7.4.3). The hash itself comes from the backend, whose digests have their own known answers.
     */
    private static byte[] referencePkcs1Signature(CryptoBackend backend, SignatureAlgorithm algorithm, byte[] message) {
        byte[] t = switch (algorithm) {
            case RSA_PKCS1_MD5_SHA1 -> concat(hash(backend, HashAlgorithm.MD5, message),
                    hash(backend, HashAlgorithm.SHA1, message));
            case RSA_PKCS1_SHA1 -> concat(Hex.bytes("3021300906052b0e03021a05000414"),
                    hash(backend, HashAlgorithm.SHA1, message));
            case RSA_PKCS1_SHA256 -> concat(Hex.bytes("3031300d060960864801650304020105000420"),
                    hash(backend, HashAlgorithm.SHA256, message));
            case RSA_PKCS1_SHA384 -> concat(Hex.bytes("3041300d060960864801650304020205000430"),
                    hash(backend, HashAlgorithm.SHA384, message));
            case RSA_PKCS1_SHA512 -> concat(Hex.bytes("3051300d060960864801650304020305000440"),
                    hash(backend, HashAlgorithm.SHA512, message));
            default -> throw new IllegalArgumentException(algorithm + " is not PKCS#1 v1.5");
        };
        byte[] block = new byte[MODULUS_LENGTH];
        block[1] = 0x01;
        Arrays.fill(block, 2, MODULUS_LENGTH - t.length - 1, (byte) 0xff);
        System.arraycopy(t, 0, block, MODULUS_LENGTH - t.length, t.length);
        return toOctets(new BigInteger(1, block).modPow(KEY.privateExponent(), KEY.modulus()));
    }

    private static byte[] hash(CryptoBackend backend, HashAlgorithm algorithm, byte[] message) {
        Digest digest = backend.digest(algorithm);
        digest.update(message);
        return digest.finish();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** I2OSP to the modulus length. */
    private static byte[] toOctets(BigInteger value) {
        byte[] minimal = value.toByteArray();
        byte[] octets = new byte[MODULUS_LENGTH];
        int copy = Math.min(MODULUS_LENGTH, minimal.length);
        System.arraycopy(minimal, minimal.length - copy, octets, MODULUS_LENGTH - copy, copy);
        return octets;
    }
}
