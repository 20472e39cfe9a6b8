package org.jtls.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.AeadException;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.Digest;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.Mac;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;
import org.jtls.crypto.registry.NamedGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Behaviour specific to the Bouncy Castle backend: round trips, the rejection rules for peer values,
 * and the RSA pre-master secret path. Known-answer vectors and cross-backend equality live in
 * test-vectors.
 */
class BcBackendTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BcBackend BACKEND = new BcBackend();

    private static RsaPrivateKey rsa2048;
    private static RsaPrivateKey rsa1024;

    @BeforeAll
    static void generateRsaKeys() {
        rsa2048 = (RsaPrivateKey) BACKEND.generateKeyPair(KeyPairSpec.rsa(2048), RANDOM).privateKey();
        rsa1024 = (RsaPrivateKey) BACKEND.generateKeyPair(KeyPairSpec.rsa(1024), RANDOM).privateKey();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ByteBuffer direct(byte[] contents) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(contents.length);
        buffer.put(contents).flip();
        return buffer;
    }

    private static byte[] remainingBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    void isNamedBc() {
        assertEquals("bc", BACKEND.name());
    }

    @Nested
    class HashesAndMacs {
        @ParameterizedTest
        @EnumSource(HashAlgorithm.class)
        void forkedDigestContinuesIndependently(HashAlgorithm algorithm) {
            byte[] first = randomBytes(100);
            byte[] second = randomBytes(77);
            Digest whole = BACKEND.digest(algorithm);
            whole.update(first);
            whole.update(second);
            byte[] expected = whole.finish();

            Digest running = BACKEND.digest(algorithm);
            running.update(first);
            Digest fork = running.fork();
            byte[] prefixHash = running.current();
            running.update(second);
            assertArrayEquals(expected, running.finish());
            fork.update(second);
            assertArrayEquals(expected, fork.finish());

            Digest prefixOnly = BACKEND.digest(algorithm);
            prefixOnly.update(first);
            assertArrayEquals(prefixOnly.finish(), prefixHash);
            assertEquals(algorithm.outputLength(), expected.length);
        }

        @ParameterizedTest
        @EnumSource(HashAlgorithm.class)
        void digestAndMacReadDirectBuffersLikeArrays(HashAlgorithm algorithm) {
            byte[] message = randomBytes(3000);
            Digest fromArray = BACKEND.digest(algorithm);
            fromArray.update(message);
            Digest fromBuffer = BACKEND.digest(algorithm);
            ByteBuffer buffer = direct(message);
            fromBuffer.update(buffer);
            assertFalse(buffer.hasRemaining());
            assertArrayEquals(fromArray.finish(), fromBuffer.finish());

            byte[] key = randomBytes(40);
            Mac macFromArray = BACKEND.hmac(algorithm, key);
            macFromArray.update(message);
            Mac macFromBuffer = BACKEND.hmac(algorithm, key);
            macFromBuffer.update(direct(message));
            assertArrayEquals(macFromArray.finish(), macFromBuffer.finish());
        }

        @ParameterizedTest
        @EnumSource(HashAlgorithm.class)
        void macIsReadyForTheNextMessageAfterFinish(HashAlgorithm algorithm) {
            Mac mac = BACKEND.hmac(algorithm, randomBytes(16));
            byte[] message = randomBytes(50);
            mac.update(message);
            byte[] first = mac.finish();
            mac.update(randomBytes(10));
            mac.reset();
            mac.update(message);
            assertArrayEquals(first, mac.finish());
            assertEquals(algorithm.outputLength(), mac.macLength());
        }

        @Test
        void hkdfExtractTreatsMissingSaltAsZeros() {
            byte[] ikm = randomBytes(32);
            byte[] withZeros = BACKEND.hkdfExtract(HashAlgorithm.SHA256, new byte[32], ikm);
            assertArrayEquals(withZeros, BACKEND.hkdfExtract(HashAlgorithm.SHA256, null, ikm));
            assertArrayEquals(withZeros, BACKEND.hkdfExtract(HashAlgorithm.SHA256, new byte[0], ikm));
        }

        @ParameterizedTest
        @EnumSource(value = HashAlgorithm.class, names = {"SHA256", "SHA384"})
        void hkdfExpandStopsAt255HashLengths(HashAlgorithm algorithm) {
            byte[] prk = randomBytes(algorithm.outputLength());
            int maximum = 255 * algorithm.outputLength();
            byte[] longest = BACKEND.hkdfExpand(algorithm, prk, "info".getBytes(StandardCharsets.US_ASCII), maximum);
            assertEquals(maximum, longest.length);
            byte[] prefix = BACKEND.hkdfExpand(algorithm, prk, "info".getBytes(StandardCharsets.US_ASCII), 42);
            assertArrayEquals(Arrays.copyOf(longest, 42), prefix);
            assertThrows(IllegalArgumentException.class, () -> BACKEND.hkdfExpand(algorithm, prk, null, maximum + 1));
            assertThrows(IllegalArgumentException.class, () -> BACKEND.hkdfExpand(algorithm, prk, null, -1));
        }
    }

    @Nested
    class Aeads {
        @ParameterizedTest
        @EnumSource(AeadAlgorithm.class)
        void sealThenOpenRestoresThePlaintext(AeadAlgorithm algorithm) throws AeadException {
            Aead aead = BACKEND.aead(algorithm, randomBytes(algorithm.keyLength()));
            for (int length : new int[] {0, 1, 15, 16, 17, 1000}) {
                byte[] nonce = randomBytes(12);
                byte[] aad = randomBytes(13);
                byte[] plaintext = randomBytes(length);
                byte[] sealed = aead.seal(nonce, aad, plaintext);
                assertEquals(length + algorithm.tagLength(), sealed.length);
                assertArrayEquals(plaintext, aead.open(nonce, aad, sealed));
            }
        }

        @ParameterizedTest
        @EnumSource(AeadAlgorithm.class)
        void directBuffersAndSlicedHeapBuffersGiveTheSameResult(AeadAlgorithm algorithm) throws AeadException {
            byte[] key = randomBytes(algorithm.keyLength());
            byte[] nonce = randomBytes(12);
            byte[] aad = randomBytes(5);
            byte[] plaintext = randomBytes(333);
            byte[] expected = BACKEND.aead(algorithm, key).seal(nonce, aad, plaintext);

            Aead aead = BACKEND.aead(algorithm, key);
            ByteBuffer directOut = ByteBuffer.allocateDirect(expected.length);
            ByteBuffer directIn = direct(plaintext);
            assertEquals(expected.length, aead.seal(nonce, aad, directIn, directOut));
            assertFalse(directIn.hasRemaining());
            directOut.flip();
            assertArrayEquals(expected, remainingBytes(directOut));

            // Heap buffers that start inside their arrays, and a read-only input.
            byte[] inputArray = new byte[expected.length + 20];
            System.arraycopy(expected, 0, inputArray, 7, expected.length);
            ByteBuffer slicedIn = ByteBuffer.wrap(inputArray, 7, expected.length).slice().asReadOnlyBuffer();
            byte[] outputArray = new byte[plaintext.length + 30];
            ByteBuffer slicedOut = ByteBuffer.wrap(outputArray, 11, plaintext.length + 19).slice();
            slicedOut.position(3);
            assertEquals(plaintext.length, aead.open(nonce, aad, slicedIn, slicedOut));
            assertEquals(3 + plaintext.length, slicedOut.position());
            assertArrayEquals(plaintext, Arrays.copyOfRange(outputArray, 14, 14 + plaintext.length));
        }

        @ParameterizedTest
        @EnumSource(AeadAlgorithm.class)
        void sealingTwiceUnderOneNonceIsAllowedAndDeterministic(AeadAlgorithm algorithm) throws AeadException {
            Aead aead = BACKEND.aead(algorithm, randomBytes(algorithm.keyLength()));
            byte[] nonce = randomBytes(12);
            byte[] plaintext = randomBytes(40);
            byte[] first = aead.seal(nonce, null, plaintext);
            byte[] second = aead.seal(nonce, null, plaintext);
            assertArrayEquals(first, second);
            assertArrayEquals(plaintext, aead.open(nonce, null, first));
            assertArrayEquals(first, aead.seal(nonce, null, plaintext));
        }

        @ParameterizedTest
        @EnumSource(AeadAlgorithm.class)
        void tamperingIsDetectedAndTheOutputIsZeroed(AeadAlgorithm algorithm) throws AeadException {
            Aead aead = BACKEND.aead(algorithm, randomBytes(algorithm.keyLength()));
            byte[] nonce = randomBytes(12);
            byte[] aad = randomBytes(13);
            byte[] plaintext = randomBytes(64);
            byte[] sealed = aead.seal(nonce, aad, plaintext);

            for (int position : new int[] {0, 40, sealed.length - 1}) {
                byte[] tampered = sealed.clone();
                tampered[position] ^= 0x20;
                byte[] output = new byte[plaintext.length];
                Arrays.fill(output, (byte) 0x55);
                ByteBuffer outputBuffer = ByteBuffer.wrap(output);
                AeadException failure = assertThrows(AeadException.class,
                        () -> aead.open(nonce, aad, ByteBuffer.wrap(tampered), outputBuffer));
                assertEquals("bad tag", failure.getMessage());
                assertArrayEquals(new byte[plaintext.length], output);
                assertEquals(0, outputBuffer.position());
            }
            byte[] otherAad = aad.clone();
            otherAad[0] ^= 1;
            assertThrows(AeadException.class, () -> aead.open(nonce, otherAad, sealed));
            byte[] otherNonce = nonce.clone();
            otherNonce[11] ^= 1;
            assertThrows(AeadException.class, () -> aead.open(otherNonce, aad, sealed));
            // A failure leaves the instance usable.
            assertArrayEquals(plaintext, aead.open(nonce, aad, sealed));
        }

        @ParameterizedTest
        @EnumSource(AeadAlgorithm.class)
        void ciphertextShorterThanTheTagIsRejected(AeadAlgorithm algorithm) {
            Aead aead = BACKEND.aead(algorithm, randomBytes(algorithm.keyLength()));
            ByteBuffer shortInput = ByteBuffer.wrap(new byte[algorithm.tagLength() - 1]);
            assertThrows(AeadException.class,
                    () -> aead.open(new byte[12], null, shortInput, ByteBuffer.allocate(16)));
            assertThrows(AeadException.class, () -> aead.open(new byte[12], null, new byte[0]));
        }

        @ParameterizedTest
        @EnumSource(AeadAlgorithm.class)
        void wrongKeyNonceOrOutputSizeIsAProgrammingError(AeadAlgorithm algorithm) {
            assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.aead(algorithm, new byte[algorithm.keyLength() + 1]));
            Aead aead = BACKEND.aead(algorithm, randomBytes(algorithm.keyLength()));
            assertThrows(IllegalArgumentException.class, () -> aead.seal(new byte[8], null, new byte[10]));
            assertThrows(IllegalArgumentException.class, () -> aead.seal(new byte[13], null, new byte[10]));
            assertThrows(IllegalArgumentException.class, () -> aead.seal(new byte[12], null,
                    ByteBuffer.allocate(10), ByteBuffer.allocate(10 + algorithm.tagLength() - 1)));
        }
    }

    @Nested
    class CbcCiphers {
        @ParameterizedTest
        @EnumSource(CbcAlgorithm.class)
        void decryptionInvertsEncryption(CbcAlgorithm algorithm) {
            byte[] key = randomBytes(algorithm.keyLength());
            CbcCipher encryptor = BACKEND.cbc(algorithm, key, true);
            CbcCipher decryptor = BACKEND.cbc(algorithm, key, false);
            assertTrue(encryptor.forEncryption());
            assertFalse(decryptor.forEncryption());
            for (int blocks : new int[] {0, 1, 5}) {
                byte[] iv = randomBytes(algorithm.blockLength());
                byte[] plaintext = randomBytes(blocks * algorithm.blockLength());
                byte[] ciphertext = encryptor.process(iv, plaintext);
                assertEquals(plaintext.length, ciphertext.length);
                assertArrayEquals(plaintext, decryptor.process(iv, ciphertext));
            }
        }

        @ParameterizedTest
        @EnumSource(CbcAlgorithm.class)
        void chainingIvsAcrossCallsEqualsOneLongCall(CbcAlgorithm algorithm) {
            // SSL 3.0 / TLS 1.0 carry the last ciphertext block over as the next record's IV.
            byte[] key = randomBytes(algorithm.keyLength());
            int block = algorithm.blockLength();
            byte[] iv = randomBytes(block);
            byte[] plaintext = randomBytes(4 * block);
            byte[] whole = BACKEND.cbc(algorithm, key, true).process(iv, plaintext);

            CbcCipher encryptor = BACKEND.cbc(algorithm, key, true);
            byte[] firstHalf = encryptor.process(iv, Arrays.copyOf(plaintext, 2 * block));
            byte[] chainedIv = Arrays.copyOfRange(firstHalf, block, 2 * block);
            ByteBuffer secondHalf = ByteBuffer.allocateDirect(2 * block);
            encryptor.process(chainedIv, direct(Arrays.copyOfRange(plaintext, 2 * block, 4 * block)), secondHalf);
            secondHalf.flip();
            assertArrayEquals(Arrays.copyOfRange(whole, 0, 2 * block), firstHalf);
            assertArrayEquals(Arrays.copyOfRange(whole, 2 * block, 4 * block), remainingBytes(secondHalf));
        }

        @ParameterizedTest
        @EnumSource(CbcAlgorithm.class)
        void partialBlocksAndWrongSizesAreProgrammingErrors(CbcAlgorithm algorithm) {
            byte[] key = randomBytes(algorithm.keyLength());
            CbcCipher cipher = BACKEND.cbc(algorithm, key, true);
            byte[] iv = new byte[algorithm.blockLength()];
            assertThrows(IllegalArgumentException.class,
                    () -> cipher.process(iv, new byte[algorithm.blockLength() + 1]));
            assertThrows(IllegalArgumentException.class,
                    () -> cipher.process(new byte[algorithm.blockLength() - 1], new byte[algorithm.blockLength()]));
            assertThrows(IllegalArgumentException.class, () -> BACKEND.cbc(algorithm, new byte[5], true));
        }
    }

    @Nested
    class KeyAgreement {
        @ParameterizedTest
        @EnumSource(NamedGroup.class)
        void bothPartiesDeriveTheSameSecret(NamedGroup group) throws InvalidKeyShareException {
            KeyExchange initiator = BACKEND.keyExchange(group);
            KeyExchange responder = BACKEND.keyExchange(group);
            assertEquals(group.ianaName(), initiator.name());
            KeyShare share = initiator.generate(RANDOM);
            KeyExchange.Response response = responder.respond(share.publicValue(), RANDOM);
            byte[] initiatorSecret = initiator.complete(share, response.publicValue());
            assertArrayEquals(response.sharedSecret(), initiatorSecret);
            assertEquals(expectedSecretLength(group), initiatorSecret.length);
            assertEquals(expectedShareLength(group), share.publicValue().length);
            assertFalse(Arrays.equals(new byte[initiatorSecret.length], initiatorSecret));
        }

        private int expectedShareLength(NamedGroup group) {
            return switch (group.kind()) {
                case ECDHE -> group.curve().orElseThrow().uncompressedPointLength();
                case XDH -> group == NamedGroup.X25519 ? 32 : 56;
                case FFDHE -> group.finiteFieldGroup().orElseThrow().byteLength();
                case KEM -> 1184;
                case HYBRID -> group == NamedGroup.X25519MLKEM768 ? 1184 + 32 : 65 + 1184;
            };
        }

        private int expectedSecretLength(NamedGroup group) {
            return switch (group.kind()) {
                case ECDHE -> group.curve().orElseThrow().fieldLength();
                case XDH -> group == NamedGroup.X25519 ? 32 : 56;
                case FFDHE -> group.finiteFieldGroup().orElseThrow().byteLength();
                case KEM -> 32;
                case HYBRID -> 64;
            };
        }

        @Test
        void aShareFromAnotherGroupIsAProgrammingError() {
            KeyShare p256Share = BACKEND.keyExchange(NamedGroup.SECP256R1).generate(RANDOM);
            KeyExchange p384 = BACKEND.keyExchange(NamedGroup.SECP384R1);
            assertThrows(IllegalArgumentException.class, () -> p384.complete(p256Share, new byte[97]));
            KeyExchange x448 = BACKEND.keyExchange(NamedGroup.X448);
            KeyShare x25519Share = BACKEND.keyExchange(NamedGroup.X25519).generate(RANDOM);
            assertThrows(IllegalArgumentException.class, () -> x448.complete(x25519Share, new byte[56]));
        }
    }

    @Nested
    class EcdhRejections {
        @ParameterizedTest
        @EnumSource(value = NamedGroup.class, names = {"SECP256R1", "SECP384R1", "SECP521R1"})
        void rejectsPointsOffTheCurveAndForeignEncodings(NamedGroup group) {
            EcCurve curve = group.curve().orElseThrow();
            KeyExchange exchange = BACKEND.keyExchange(group);
            byte[] valid = exchange.generate(RANDOM).publicValue();
            int coordinate = curve.fieldLength();

            byte[] offCurve = valid.clone();
            offCurve[offCurve.length - 1] ^= 1;
            assertRejected(exchange, offCurve);

            // The point at infinity: its one-byte SEC 1 encoding, and all-zero coordinates.
            assertRejected(exchange, new byte[] {0x00});
            byte[] zeros = new byte[curve.uncompressedPointLength()];
            zeros[0] = 0x04;
            assertRejected(exchange, zeros);

            byte[] compressed = new byte[1 + coordinate];
            compressed[0] = (byte) (2 + (valid[valid.length - 1] & 1));
            System.arraycopy(valid, 1, compressed, 1, coordinate);
            assertRejected(exchange, compressed);

            byte[] hybrid = valid.clone();
            hybrid[0] = (byte) (6 + (valid[valid.length - 1] & 1));
            assertRejected(exchange, hybrid);

            // x ≥ p: all-ones coordinates exceed every NIST prime.
            byte[] oversized = valid.clone();
            Arrays.fill(oversized, 1, 1 + coordinate, (byte) 0xFF);
            assertRejected(exchange, oversized);

            assertRejected(exchange, Arrays.copyOf(valid, valid.length - 1));
            assertRejected(exchange, Arrays.copyOf(valid, valid.length + 1));
            assertRejected(exchange, new byte[0]);
        }

        @Test
        void completeRejectsAnInvalidResponseToo() {
            KeyExchange exchange = BACKEND.keyExchange(NamedGroup.SECP256R1);
            KeyShare share = exchange.generate(RANDOM);
            byte[] response = exchange.generate(RANDOM).publicValue();
            response[40] ^= 1;
            assertThrows(InvalidKeyShareException.class, () -> exchange.complete(share, response));
        }
    }

    @Nested
    class XdhRejections {
        @ParameterizedTest
        @EnumSource(value = NamedGroup.class, names = {"X25519", "X448"})
        void lowOrderPointsGiveAnAllZeroSecretAndAreRejected(NamedGroup group) {
            KeyExchange exchange = BACKEND.keyExchange(group);
            int length = group == NamedGroup.X25519 ? 32 : 56;
            byte[] zero = new byte[length];
            byte[] one = new byte[length];
            one[0] = 1;
            assertRejected(exchange, zero);
            assertRejected(exchange, one);
            KeyShare share = exchange.generate(RANDOM);
            assertThrows(InvalidKeyShareException.class, () -> exchange.complete(share, zero));
        }

        @ParameterizedTest
        @EnumSource(value = NamedGroup.class, names = {"X25519", "X448"})
        void wrongLengthsAreRejected(NamedGroup group) {
            KeyExchange exchange = BACKEND.keyExchange(group);
            byte[] valid = exchange.generate(RANDOM).publicValue();
            assertRejected(exchange, Arrays.copyOf(valid, valid.length - 1));
            assertRejected(exchange, Arrays.copyOf(valid, valid.length + 1));
            assertRejected(exchange, new byte[0]);
        }
    }

    @Nested
    class FiniteFieldRejections {
        private final FiniteFieldGroup group = FiniteFieldGroup.FFDHE2048;
        private final KeyExchange exchange = BACKEND.keyExchange(NamedGroup.FFDHE2048);

        private byte[] padded(BigInteger value) {
            byte[] magnitude = value.toByteArray();
            byte[] result = new byte[group.byteLength()];
            int copied = Math.min(magnitude.length, result.length);
            System.arraycopy(magnitude, magnitude.length - copied, result, result.length - copied, copied);
            return result;
        }

        @Test
        void rejectsValuesOutsideOneToPMinusOne() {
            BigInteger p = group.prime();
            for (BigInteger y : List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p)) {
                assertRejected(exchange, padded(y));
            }
            // 2^2048 - 1 > p, still byteLength(p) bytes.
            byte[] allOnes = new byte[group.byteLength()];
            Arrays.fill(allOnes, (byte) 0xFF);
            assertRejected(exchange, allOnes);
            assertRejected(exchange, new byte[] {1});
            assertRejected(exchange, new byte[0]);
        }

        @Test
        void rejectsValuesLongerThanThePrime() {
            byte[] valid = exchange.generate(RANDOM).publicValue();
            byte[] withExtraZero = new byte[valid.length + 1];
            System.arraycopy(valid, 0, withExtraZero, 1, valid.length);
            assertRejected(exchange, withExtraZero);
        }

        @Test
        void acceptsTheSmallestAndLargestValidValuesWithOrWithoutLeadingZeros() throws InvalidKeyShareException {
            KeyShare share = exchange.generate(RANDOM);
            byte[] shortForm = exchange.complete(share, new byte[] {2});
            byte[] paddedForm = exchange.complete(share, padded(BigInteger.TWO));
            assertArrayEquals(shortForm, paddedForm);
            assertEquals(group.byteLength(), shortForm.length);
            byte[] pMinusTwo = padded(group.prime().subtract(BigInteger.TWO));
            assertDoesNotThrow(() -> exchange.respond(pMinusTwo, RANDOM));
        }

        @Test
        void aServerChosenGroupAgreesAndPadsToItsPrime() throws InvalidKeyShareException {
            BigInteger prime = BigInteger.probablePrime(768, RANDOM);
            FiniteFieldGroup custom = FiniteFieldGroup.custom(prime, BigInteger.valueOf(5));
            KeyExchange initiator = BACKEND.finiteFieldKeyExchange(custom);
            KeyExchange responder = BACKEND.finiteFieldKeyExchange(custom);
            KeyShare share = initiator.generate(RANDOM);
            assertEquals(96, share.publicValue().length);
            KeyExchange.Response response = responder.respond(share.publicValue(), RANDOM);
            assertArrayEquals(response.sharedSecret(), initiator.complete(share, response.publicValue()));
            assertEquals(96, response.sharedSecret().length);
            assertRejected(responder, padded(BigInteger.ONE));
        }

        @Test
        void privateExponentsMeetRfc7919Minimums() {
            assertTrue(BcFiniteFieldDh.exponentBits(2048) >= 225);
            assertTrue(BcFiniteFieldDh.exponentBits(3072) >= 275);
            assertTrue(BcFiniteFieldDh.exponentBits(4096) >= 325);
            assertTrue(BcFiniteFieldDh.exponentBits(6144) >= 375);
            assertTrue(BcFiniteFieldDh.exponentBits(8192) >= 400);
            assertEquals(99, BcFiniteFieldDh.exponentBits(100));
        }
    }

    @Nested
    class MlKemRejections {
        private final KeyExchange mlkem = BACKEND.keyExchange(NamedGroup.MLKEM768);

        /** Sets coefficient {@code index} (0..767) of the encoded vector t̂ to {@code value}. */
        private byte[] withCoefficient(byte[] encapsulationKey, int index, int value) {
            byte[] modified = encapsulationKey.clone();
            int offset = index / 2 * 3;
            if (index % 2 == 0) {
                modified[offset] = (byte) value;
                modified[offset + 1] = (byte) ((modified[offset + 1] & 0xF0) | (value >>> 8));
            } else {
                modified[offset + 1] = (byte) ((modified[offset + 1] & 0x0F) | (value & 0x0F) << 4);
                modified[offset + 2] = (byte) (value >>> 4);
            }
            return modified;
        }

        @Test
        void rejectsEncapsulationKeysWithACoefficientOfAtLeastQ() {
            byte[] valid = mlkem.generate(RANDOM).publicValue();
            assertRejected(mlkem, withCoefficient(valid, 0, 3329));
            assertRejected(mlkem, withCoefficient(valid, 1, 3329));
            assertRejected(mlkem, withCoefficient(valid, 767, 4095));
            assertDoesNotThrow(() -> mlkem.respond(withCoefficient(valid, 0, 3328), RANDOM));
        }

        @Test
        void encapsulationKeyCheckCoversEveryCoefficientButNotTheSeed() {
            byte[] valid = mlkem.generate(RANDOM).publicValue();
            assertDoesNotThrow(() -> BcMlKem768.checkEncapsulationKey(valid));
            assertThrows(InvalidKeyShareException.class,
                    () -> BcMlKem768.checkEncapsulationKey(withCoefficient(valid, 500, 3329)));
            assertThrows(InvalidKeyShareException.class,
                    () -> BcMlKem768.checkEncapsulationKey(withCoefficient(valid, 501, 0xFFF)));
            // ρ, the last 32 bytes, is a seed and may hold any value.
            byte[] seedOfOnes = valid.clone();
            Arrays.fill(seedOfOnes, 1152, 1184, (byte) 0xFF);
            assertDoesNotThrow(() -> BcMlKem768.checkEncapsulationKey(seedOfOnes));
        }

        @Test
        void rejectsWrongLengths() {
            byte[] valid = mlkem.generate(RANDOM).publicValue();
            assertRejected(mlkem, Arrays.copyOf(valid, 1183));
            assertRejected(mlkem, Arrays.copyOf(valid, 1185));
            KeyShare share = mlkem.generate(RANDOM);
            assertThrows(InvalidKeyShareException.class, () -> mlkem.complete(share, new byte[1087]));
            assertThrows(InvalidKeyShareException.class, () -> mlkem.complete(share, new byte[1089]));
        }

        @Test
        void aForgedCiphertextYieldsADifferentSecretWithoutFailing() throws InvalidKeyShareException {
            KeyShare share = mlkem.generate(RANDOM);
            KeyExchange.Response response = mlkem.respond(share.publicValue(), RANDOM);
            byte[] forged = response.publicValue();
            forged[100] ^= 1;
            byte[] secret = mlkem.complete(share, forged);
            assertEquals(32, secret.length);
            assertFalse(Arrays.equals(response.sharedSecret(), secret));
        }

        @Test
        void hybridsRejectABadClassicalHalf() {
            KeyExchange x25519Hybrid = BACKEND.keyExchange(NamedGroup.X25519MLKEM768);
            byte[] share = x25519Hybrid.generate(RANDOM).publicValue();
            Arrays.fill(share, 1184, share.length, (byte) 0);
            assertRejected(x25519Hybrid, share);

            KeyExchange p256Hybrid = BACKEND.keyExchange(NamedGroup.SECP256R1MLKEM768);
            byte[] p256Share = p256Hybrid.generate(RANDOM).publicValue();
            p256Share[64] ^= 1;
            assertRejected(p256Hybrid, p256Share);
            assertRejected(p256Hybrid, Arrays.copyOf(p256Share, p256Share.length - 1));
        }
    }

    private static void assertRejected(KeyExchange exchange, byte[] peerValue) {
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(peerValue, RANDOM),
                () -> exchange.name() + " accepted " + peerValue.length + " bytes");
    }

    @Nested
    class Signatures {
        private PrivateKeyMaterial keyFor(SignatureAlgorithm algorithm, EcCurve curve) {
            return switch (algorithm.family()) {
                case RSA_PKCS1, RSA_PSS -> rsa2048;
                case ECDSA -> BACKEND.generateKeyPair(KeyPairSpec.ec(curve), RANDOM).privateKey();
                case EDDSA -> BACKEND.generateKeyPair(algorithm == SignatureAlgorithm.ED25519
                        ? KeyPairSpec.ed25519() : KeyPairSpec.ed448(), RANDOM).privateKey();
                case DSA -> throw new IllegalArgumentException("no DSA private keys: " + algorithm + " only verifies");
            };
        }

        @ParameterizedTest
        // DSA is verify-only; DsaVerificationTest covers it.
        @EnumSource(value = SignatureAlgorithm.class, mode = EnumSource.Mode.MATCH_NONE, names = "DSA_.*")
        void signaturesVerifyAndTamperingIsDetected(SignatureAlgorithm algorithm) {
            for (EcCurve curve : algorithm.family() == SignatureAlgorithm.Family.ECDSA
                    ? EcCurve.values() : new EcCurve[] {EcCurve.P256}) {
                PrivateKeyMaterial key = keyFor(algorithm, curve);
                Signer signer = BACKEND.signer(algorithm, key);
                Verifier verifier = BACKEND.verifier(algorithm, key.publicKey());
                assertEquals(algorithm, signer.algorithm());
                assertEquals(algorithm, verifier.algorithm());

                byte[] message = randomBytes(200);
                byte[] signature = signer.sign(message, RANDOM);
                assertTrue(verifier.verify(message, signature), algorithm + " on " + key);

                byte[] otherMessage = message.clone();
                otherMessage[0] ^= 1;
                assertFalse(verifier.verify(otherMessage, signature));
                for (int position : new int[] {0, signature.length / 2, signature.length - 1}) {
                    byte[] tampered = signature.clone();
                    tampered[position] ^= 0x04;
                    assertFalse(verifier.verify(message, tampered), algorithm + " tampered at " + position);
                }
                assertMalformedSignaturesAreFalse(verifier, message, signature);
            }
        }

        private void assertMalformedSignaturesAreFalse(Verifier verifier, byte[] message, byte[] signature) {
            assertFalse(verifier.verify(message, new byte[0]));
            assertFalse(verifier.verify(message, Arrays.copyOf(signature, signature.length - 1)));
            assertFalse(verifier.verify(message, Arrays.copyOf(signature, signature.length + 1)));
            byte[] allOnes = new byte[signature.length];
            Arrays.fill(allOnes, (byte) 0xFF);
            assertFalse(verifier.verify(message, allOnes));
            assertFalse(verifier.verify(message, new byte[signature.length]));
            assertFalse(verifier.verify(message, randomBytes(signature.length)));
        }

        @Test
        void ecdsaSignaturesAreStrictDer() {
            PrivateKeyMaterial key = keyFor(SignatureAlgorithm.ECDSA_SHA256, EcCurve.P256);
            byte[] message = randomBytes(10);
            byte[] signature = BACKEND.signer(SignatureAlgorithm.ECDSA_SHA256, key).sign(message, RANDOM);
            assertEquals(0x30, signature[0]);
            assertEquals(signature.length - 2, signature[1] & 0xFF);

            // The same SEQUENCE with a long-form length is valid BER but not DER.
            byte[] longForm = new byte[signature.length + 1];
            longForm[0] = 0x30;
            longForm[1] = (byte) 0x81;
            System.arraycopy(signature, 1, longForm, 2, signature.length - 1);
            Verifier verifier = BACKEND.verifier(SignatureAlgorithm.ECDSA_SHA256, key.publicKey());
            assertFalse(verifier.verify(message, longForm));
            assertFalse(verifier.verify(message, new byte[] {0x30, 0x00}));
        }

        @Test
        void md5Sha1FormSignsTheConcatenatedHashesWithoutDigestInfo() {
            byte[] message = randomBytes(64);
            byte[] signature = BACKEND.signer(SignatureAlgorithm.RSA_PKCS1_MD5_SHA1, rsa2048).sign(message, RANDOM);
            BigInteger encoded = new BigInteger(1, signature).modPow(rsa2048.publicExponent(), rsa2048.modulus());
            byte[] block = padded(encoded, rsa2048.publicKey().modulusLength());
            assertEquals(0x00, block[0]);
            assertEquals(0x01, block[1]);
            byte[] hashes = new byte[36];
            System.arraycopy(hash(HashAlgorithm.MD5, message), 0, hashes, 0, 16);
            System.arraycopy(hash(HashAlgorithm.SHA1, message), 0, hashes, 16, 20);
            assertArrayEquals(hashes, Arrays.copyOfRange(block, block.length - 36, block.length));
            assertEquals(0x00, block[block.length - 37]);
        }

        @Test
        void keysThatCannotPerformTheAlgorithmAreRejected() {
            PrivateKeyMaterial ecKey = keyFor(SignatureAlgorithm.ECDSA_SHA256, EcCurve.P256);
            PrivateKeyMaterial ed25519 = keyFor(SignatureAlgorithm.ED25519, EcCurve.P256);
            assertThrows(IllegalArgumentException.class, () -> BACKEND.signer(SignatureAlgorithm.RSA_PSS_SHA256, ecKey));
            assertThrows(IllegalArgumentException.class, () -> BACKEND.signer(SignatureAlgorithm.ECDSA_SHA256, rsa2048));
            assertThrows(IllegalArgumentException.class, () -> BACKEND.signer(SignatureAlgorithm.ED448, ed25519));
            assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.verifier(SignatureAlgorithm.ED25519, rsa2048.publicKey()));
            // PSS with SHA-512 needs emLen ≥ 2·64 + 2 = 130 bytes; a 1024-bit key has 128.
            assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.signer(SignatureAlgorithm.RSA_PSS_SHA512, rsa1024));
            // A peer's key too small for the padding cannot have signed anything: the verifier says no.
            byte[] message = {1, 2, 3};
            assertFalse(BACKEND.verifier(SignatureAlgorithm.RSA_PSS_SHA512, rsa1024.publicKey())
                    .verify(message, new byte[128]));
            assertDoesNotThrow(() -> BACKEND.signer(SignatureAlgorithm.RSA_PSS_SHA384, rsa1024));
        }

        @Test
        void publicKeysThatAreNotCurvePointsCannotVerify() {
            // y = 2 does not decode to an Ed25519 point (RFC 8032 §5.1.3: x² is not a square).
            byte[] notAPoint = new byte[32];
            notAPoint[0] = 2;
            EdPublicKey badEd = new EdPublicKey(EdwardsCurve.ED25519, notAPoint);
            byte[] message = {1, 2, 3};
            assertFalse(BACKEND.verifier(SignatureAlgorithm.ED25519, badEd).verify(message, new byte[64]));

            EcPrivateKey ecKey = (EcPrivateKey) keyFor(SignatureAlgorithm.ECDSA_SHA256, EcCurve.P256);
            byte[] point = ecKey.publicKey().point();
            point[64] ^= 1;
            EcPublicKey offCurve = new EcPublicKey(EcCurve.P256, point);
            Signer honest = BACKEND.signer(SignatureAlgorithm.ECDSA_SHA256, ecKey);
            byte[] signature = honest.sign(message, RANDOM);
            assertFalse(BACKEND.verifier(SignatureAlgorithm.ECDSA_SHA256, offCurve).verify(message, signature));
        }

        @Test
        void oneSignerServesManyThreads() throws Exception {
            PrivateKeyMaterial key = keyFor(SignatureAlgorithm.ECDSA_SHA256, EcCurve.P256);
            Signer signer = BACKEND.signer(SignatureAlgorithm.ECDSA_SHA256, key);
            Verifier verifier = BACKEND.verifier(SignatureAlgorithm.ECDSA_SHA256, key.publicKey());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    byte[] message = randomBytes(32 + i);
                    results.add(pool.submit(() -> verifier.verify(message, signer.sign(message, RANDOM))));
                }
                for (Future<Boolean> result : results) {
                    assertTrue(result.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Nested
    class RsaKeyTransport {
        private static final byte[] CLIENT_VERSION = {0x03, 0x03};

        private byte[] premaster(byte[] version) {
            byte[] premaster = randomBytes(48);
            premaster[0] = version[0];
            premaster[1] = version[1];
            return premaster;
        }

        @Test
        void decryptsAValidlyEncryptedPremasterSecret() throws CryptoException {
            byte[] premaster = premaster(CLIENT_VERSION);
            byte[] encrypted = BACKEND.rsaEncryptPkcs1(rsa2048.publicKey(), premaster, RANDOM);
            assertEquals(256, encrypted.length);
            assertArrayEquals(premaster, BACKEND.rsaDecryptPremasterSecret(rsa2048, encrypted, CLIENT_VERSION, RANDOM));
        }

        @Test
        void theVersionInTheResultIsAlwaysTheClientHelloVersion() throws CryptoException {
            byte[] premaster = premaster(new byte[] {0x03, 0x01});
            byte[] encrypted = BACKEND.rsaEncryptPkcs1(rsa2048.publicKey(), premaster, RANDOM);
            byte[] decrypted = BACKEND.rsaDecryptPremasterSecret(rsa2048, encrypted, CLIENT_VERSION, RANDOM);
            assertArrayEquals(CLIENT_VERSION, Arrays.copyOf(decrypted, 2));
            assertArrayEquals(Arrays.copyOfRange(premaster, 2, 48), Arrays.copyOfRange(decrypted, 2, 48));
        }

        @Test
        void garbageGivesARandomSecretUnrelatedToTheCiphertext() {
            byte[] garbage = randomBytes(256);
            garbage[0] = 0x01;
            byte[] first = BACKEND.rsaDecryptPremasterSecret(rsa2048, garbage, CLIENT_VERSION, RANDOM);
            byte[] second = BACKEND.rsaDecryptPremasterSecret(rsa2048, garbage, CLIENT_VERSION, RANDOM);
            assertRandomFallback(first);
            assertRandomFallback(second);
            assertFalse(Arrays.equals(first, second));
            byte[] rawDecryption = padded(new BigInteger(1, garbage).modPow(rsa2048.privateExponent(),
                    rsa2048.modulus()), 256);
            assertFalse(Arrays.equals(Arrays.copyOfRange(rawDecryption, 210, 256), Arrays.copyOfRange(first, 2, 48)));
            assertFalse(Arrays.equals(Arrays.copyOfRange(garbage, 210, 256), Arrays.copyOfRange(first, 2, 48)));
        }

        @Test
        void aValidlyPaddedMessageOfTheWrongLengthIsTreatedAsGarbage() throws CryptoException {
            byte[] shortMessage = randomBytes(47);
            byte[] encrypted = BACKEND.rsaEncryptPkcs1(rsa2048.publicKey(), shortMessage, RANDOM);
            byte[] decrypted = BACKEND.rsaDecryptPremasterSecret(rsa2048, encrypted, CLIENT_VERSION, RANDOM);
            assertRandomFallback(decrypted);
            assertFalse(Arrays.equals(Arrays.copyOfRange(shortMessage, 1, 47), Arrays.copyOfRange(decrypted, 2, 48)));
        }

        @Test
        void ciphertextsThatAreNotBelowTheModulusNeverThrow() {
            byte[] modulus = padded(rsa2048.modulus(), 256);
            byte[] allOnes = new byte[256];
            Arrays.fill(allOnes, (byte) 0xFF);
            byte[] tooLong = randomBytes(257);
            for (byte[] ciphertext : List.of(modulus, allOnes, tooLong, new byte[0], new byte[1])) {
                byte[] result = BACKEND.rsaDecryptPremasterSecret(rsa2048, ciphertext, CLIENT_VERSION, RANDOM);
                assertRandomFallback(result);
            }
        }

        @Test
        void moduliBelow512BitsAreRefused() {
            BigInteger p = BigInteger.probablePrime(200, RANDOM);
            BigInteger q = BigInteger.probablePrime(200, RANDOM);
            BigInteger e = BigInteger.valueOf(65537);
            BigInteger d = e.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
            RsaPrivateKey tiny = new RsaPrivateKey(p.multiply(q), e, d, p, q,
                    d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p));
            assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.rsaDecryptPremasterSecret(tiny, new byte[50], CLIENT_VERSION, RANDOM));
        }

        @Test
        void encryptionRefusesMessagesTooLongForPadding() throws CryptoException {
            assertThrows(IllegalArgumentException.class,
                    () -> BACKEND.rsaEncryptPkcs1(rsa2048.publicKey(), new byte[246], RANDOM));
            assertEquals(256, BACKEND.rsaEncryptPkcs1(rsa2048.publicKey(), new byte[245], RANDOM).length);
        }

        @Test
        void encryptionToAKeyBouncyCastleRefusesIsACryptoException() {
            // A peer's certificate may hold any key: Bouncy Castle refuses an even modulus.
            RsaPublicKey evenModulus = new RsaPublicKey(rsa2048.modulus().add(BigInteger.ONE),
                    BigInteger.valueOf(65537));
            assertThrows(CryptoException.class, () -> BACKEND.rsaEncryptPkcs1(evenModulus, new byte[48], RANDOM));
        }

        private void assertRandomFallback(byte[] result) {
            assertEquals(48, result.length);
            assertArrayEquals(CLIENT_VERSION, Arrays.copyOf(result, 2));
        }
    }

    @Nested
    class KeyGeneration {
        @Test
        void rsaKeysCarryConsistentCrtValues() {
            RsaPrivateKey key = rsa2048;
            assertEquals(2048, key.bitLength());
            assertEquals(BigInteger.valueOf(65537), key.publicExponent());
            assertEquals(key.modulus(), key.primeP().multiply(key.primeQ()));
            BigInteger pMinusOne = key.primeP().subtract(BigInteger.ONE);
            BigInteger qMinusOne = key.primeQ().subtract(BigInteger.ONE);
            assertEquals(key.privateExponent().mod(pMinusOne), key.primeExponentP());
            assertEquals(key.privateExponent().mod(qMinusOne), key.primeExponentQ());
            assertEquals(BigInteger.ONE, key.publicExponent().multiply(key.primeExponentP()).mod(pMinusOne));
            assertEquals(BigInteger.ONE, key.crtCoefficient().multiply(key.primeQ()).mod(key.primeP()));
        }

        @ParameterizedTest
        @EnumSource(EcCurve.class)
        void ecPublicPointIsTheScalarTimesTheGenerator(EcCurve curve) {
            KeyPairMaterial pair = BACKEND.generateKeyPair(KeyPairSpec.ec(curve), RANDOM);
            EcPrivateKey key = (EcPrivateKey) pair.privateKey();
            ECDomainParameters domain = BcCurves.domain(curve);
            ECPoint expected = domain.getG().multiply(key.scalar()).normalize();
            assertArrayEquals(expected.getEncoded(false), key.publicKey().point());
            assertEquals(key.publicKey(), pair.publicKey());
            assertTrue(key.scalar().compareTo(domain.getN()) < 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ED25519", "ED448"})
        void edwardsPublicKeyDerivesFromTheSeed(String curveName) {
            EdwardsCurve curve = EdwardsCurve.valueOf(curveName);
            KeyPairSpec spec = curve == EdwardsCurve.ED25519 ? KeyPairSpec.ed25519() : KeyPairSpec.ed448();
            EdPrivateKey key = (EdPrivateKey) BACKEND.generateKeyPair(spec, RANDOM).privateKey();
            assertEquals(curve.privateKeyLength(), key.seed().length);
            byte[] derived = curve == EdwardsCurve.ED25519
                    ? new Ed25519PrivateKeyParameters(key.seed()).generatePublicKey().getEncoded()
                    : new Ed448PrivateKeyParameters(key.seed()).generatePublicKey().getEncoded();
            assertArrayEquals(derived, key.publicKey().encoded());
            assertNotEquals(0, new BigInteger(1, key.seed()).signum());
        }
    }

    private static byte[] hash(HashAlgorithm algorithm, byte[] message) {
        Digest digest = BACKEND.digest(algorithm);
        digest.update(message);
        return digest.finish();
    }

    private static byte[] padded(BigInteger value, int length) {
        byte[] magnitude = value.toByteArray();
        byte[] result = new byte[length];
        int copied = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copied, result, length - copied, copied);
        return result;
    }
}
