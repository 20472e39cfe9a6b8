package org.jtls.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
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
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;
import org.jtls.crypto.registry.NamedGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JcaBackendTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final JcaBackend BACKEND = new JcaBackend();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] NONCE = HEX.parseHex("000102030405060708090a0b");
    private static final byte[] AAD = HEX.parseHex("170303001c");

    /** Keys are slow to make; each kind is generated once for the whole class. */
    private static final Map<EcCurve, KeyPairMaterial> EC_KEYS = new EnumMap<>(EcCurve.class);
    private static final KeyPairMaterial RSA_KEY = BACKEND.generateKeyPair(KeyPairSpec.rsa(2048), RANDOM);
    private static final KeyPairMaterial ED25519_KEY = BACKEND.generateKeyPair(KeyPairSpec.ed25519(), RANDOM);
    private static final KeyPairMaterial ED448_KEY = BACKEND.generateKeyPair(KeyPairSpec.ed448(), RANDOM);

    static {
        for (EcCurve curve : EcCurve.values()) {
            EC_KEYS.put(curve, BACKEND.generateKeyPair(KeyPairSpec.ec(curve), RANDOM));
        }
    }

    @Test
    void nameIsJca() {
        assertEquals("jca", BACKEND.name());
    }

    // ---- digests, HMAC, HKDF ----

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void forkedDigestContinuesIndependently(HashAlgorithm algorithm) {
        Digest running = BACKEND.digest(algorithm);
        running.update("hello ".getBytes());
        Digest fork = running.fork();
        running.update(ByteBuffer.wrap("world".getBytes()));
        fork.update("there".getBytes());

        Digest whole = BACKEND.digest(algorithm);
        whole.update("hello world".getBytes());
        byte[] expectedRunning = whole.finish();
        whole.update("hello there".getBytes());
        byte[] expectedFork = whole.finish();

        assertEquals(algorithm.outputLength(), expectedRunning.length);
        assertArrayEquals(expectedRunning, running.current());
        assertArrayEquals(expectedRunning, running.finish());
        assertArrayEquals(expectedFork, fork.finish());
        // finish() resets: the next hash starts from nothing.
        running.update("hello world".getBytes());
        assertArrayEquals(expectedRunning, running.finish());
    }

    @Test
    void sha256OfAbcIsTheFips180Value() {
        Digest sha256 = BACKEND.digest(HashAlgorithm.SHA256);
        sha256.update("abc".getBytes());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HEX.formatHex(sha256.finish()));
    }

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void hmacWithEmptyKeyEqualsHmacWithZeroKeyBlock(HashAlgorithm algorithm) {
        // RFC 2104 §2: the key is zero-padded to the block length, so "" and 00 are the same key.
        org.jtls.crypto.Mac empty = BACKEND.hmac(algorithm, new byte[0]);
        org.jtls.crypto.Mac zero = BACKEND.hmac(algorithm, new byte[1]);
        empty.update("message".getBytes());
        zero.update(ByteBuffer.wrap("message".getBytes()));
        byte[] tag = empty.finish();
        assertEquals(algorithm.outputLength(), tag.length);
        assertArrayEquals(zero.finish(), tag);
        // finish() leaves the MAC ready for the next message under the same key.
        empty.update("message".getBytes());
        assertArrayEquals(tag, empty.finish());
    }

    @Test
    void hkdfMissingSaltMeansHashLengthZeros() {
        byte[] ikm = "input keying material".getBytes();
        byte[] withZeros = BACKEND.hkdfExtract(HashAlgorithm.SHA384, new byte[48], ikm);
        assertArrayEquals(withZeros, BACKEND.hkdfExtract(HashAlgorithm.SHA384, null, ikm));
        assertArrayEquals(withZeros, BACKEND.hkdfExtract(HashAlgorithm.SHA384, new byte[0], ikm));
        assertEquals(48, withZeros.length);
    }

    @Test
    void hkdfExpandOutputsArePrefixesOfOneAnother() {
        byte[] prk = BACKEND.hkdfExtract(HashAlgorithm.SHA256, "salt".getBytes(), "ikm".getBytes());
        byte[] longest = BACKEND.hkdfExpand(HashAlgorithm.SHA256, prk, "info".getBytes(), 255 * 32);
        for (int length : new int[] {0, 1, 31, 32, 33, 100}) {
            assertArrayEquals(Arrays.copyOf(longest, length),
                    BACKEND.hkdfExpand(HashAlgorithm.SHA256, prk, "info".getBytes(), length));
        }
        assertFalse(Arrays.equals(Arrays.copyOf(longest, 32),
                BACKEND.hkdfExpand(HashAlgorithm.SHA256, prk, "other".getBytes(), 32)));
    }

    @Test
    void hkdfExpandRejectsMoreThan255Blocks() {
        byte[] prk = new byte[32];
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], 255 * 32 + 1));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.hkdfExpand(HashAlgorithm.SHA256, prk, new byte[0], -1));
    }

    // ---- AEAD ----

    @Property(tries = 40)
    void aeadRoundTrips(@ForAll AeadAlgorithm algorithm, @ForAll @Size(max = 600) byte[] plaintext,
            @ForAll @Size(max = 40) byte[] aad) throws AeadException {
        Aead aead = BACKEND.aead(algorithm, key(algorithm));
        byte[] sealed = aead.seal(NONCE, aad, plaintext);
        assertEquals(plaintext.length + algorithm.tagLength(), sealed.length);
        assertArrayEquals(plaintext, aead.open(NONCE, aad, sealed));
        // An independent instance with the same key opens it too.
        assertArrayEquals(plaintext, BACKEND.aead(algorithm, key(algorithm)).open(NONCE, aad, sealed));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void aeadWorksOnDirectBuffersAtOffsets(AeadAlgorithm algorithm) throws AeadException {
        Aead aead = BACKEND.aead(algorithm, key(algorithm));
        byte[] plaintext = new byte[1000];
        RANDOM.nextBytes(plaintext);
        ByteBuffer input = ByteBuffer.allocateDirect(1010);
        input.position(10);
        input.put(plaintext).flip().position(10);
        ByteBuffer sealed = ByteBuffer.allocateDirect(1100);
        sealed.position(7);
        assertEquals(1000 + algorithm.tagLength(), aead.seal(NONCE, AAD, input, sealed));
        assertEquals(1010, input.position());
        assertEquals(7 + 1000 + algorithm.tagLength(), sealed.position());

        sealed.flip().position(7);
        ByteBuffer opened = ByteBuffer.allocate(1003);
        opened.position(3);
        assertEquals(1000, aead.open(NONCE, AAD, sealed, opened));
        assertArrayEquals(plaintext, Arrays.copyOfRange(opened.array(), 3, 1003));
        assertArrayEquals(aead.seal(NONCE, AAD, plaintext), heapCopy(sealed.flip().position(7)));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealingTwiceWithOneNonceIsAllowedAndDeterministic(AeadAlgorithm algorithm) throws AeadException {
        // SunJCE refuses to re-initialise GCM/ChaCha20 with the previous key and nonce; the Aead
        // contract leaves nonce discipline to the caller, so this must work.
        Aead aead = BACKEND.aead(algorithm, key(algorithm));
        byte[] plaintext = "same record".getBytes();
        byte[] first = aead.seal(NONCE, AAD, plaintext);
        byte[] second = aead.seal(NONCE, AAD, plaintext);
        assertArrayEquals(first, second);
        assertArrayEquals(plaintext, aead.open(NONCE, AAD, first));
        assertArrayEquals(plaintext, aead.open(NONCE, AAD, first));
        assertArrayEquals(first, aead.seal(NONCE, AAD, plaintext));
        byte[] otherNonce = NONCE.clone();
        otherNonce[0] ^= 1;
        aead.seal(otherNonce, AAD, plaintext);
        assertArrayEquals(plaintext, aead.open(NONCE, AAD, first));
        assertArrayEquals(first, aead.seal(NONCE, AAD, plaintext));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void badTagZeroesOutputAndRevealsNothing(AeadAlgorithm algorithm) {
        Aead aead = BACKEND.aead(algorithm, key(algorithm));
        byte[] plaintext = new byte[100];
        Arrays.fill(plaintext, (byte) 0x41);
        byte[] sealed = aead.seal(NONCE, AAD, plaintext);
        byte[] otherNonce = NONCE.clone();
        otherNonce[11] ^= 1;

        for (int position : new int[] {0, 50, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 0x01;
            expectBadTag(aead, NONCE, AAD, tampered, plaintext.length);
        }
        expectBadTag(aead, NONCE, "other aad".getBytes(), sealed, plaintext.length);
        expectBadTag(aead, otherNonce, AAD, sealed, plaintext.length);
    }

    private static void expectBadTag(Aead aead, byte[] nonce, byte[] aad, byte[] sealed, int plaintextLength) {
        ByteBuffer input = ByteBuffer.wrap(sealed);
        ByteBuffer output = ByteBuffer.allocate(plaintextLength + 20);
        Arrays.fill(output.array(), (byte) 0x55);
        output.position(10);
        AeadException e = assertThrows(AeadException.class, () -> aead.open(nonce, aad, input, output));
        assertEquals("bad tag", e.getMessage());
        assertEquals(10, output.position());
        assertEquals(0, input.position());
        byte[] region = Arrays.copyOfRange(output.array(), 10, 10 + plaintextLength);
        assertArrayEquals(new byte[plaintextLength], region, "plaintext region must be zeroed");
        assertEquals(0x55, output.array()[9]);
        assertEquals(0x55, output.array()[10 + plaintextLength]);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void inputShorterThanTagIsABadRecord(AeadAlgorithm algorithm) {
        Aead aead = BACKEND.aead(algorithm, key(algorithm));
        byte[] shortInput = new byte[algorithm.tagLength() - 1];
        assertThrows(AeadException.class, () -> aead.open(NONCE, AAD, shortInput));
        assertThrows(AeadException.class,
                () -> aead.open(NONCE, AAD, ByteBuffer.wrap(shortInput), ByteBuffer.allocate(16)));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void wrongKeyOrNonceLengthIsAProgrammingError(AeadAlgorithm algorithm) {
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.aead(algorithm, new byte[algorithm.keyLength() + 1]));
        Aead aead = BACKEND.aead(algorithm, key(algorithm));
        assertThrows(IllegalArgumentException.class, () -> aead.seal(new byte[8], AAD, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> aead.open(new byte[13], AAD, new byte[40]));
    }

    @Test
    void aes128Ccm8MatchesSp800_38cExample3() throws AeadException {
        // The one Appendix C example with TLS's parameters: 12-byte nonce, 8-byte tag.
        Aead aead = BACKEND.aead(AeadAlgorithm.AES_128_CCM_8, HEX.parseHex("404142434445464748494a4b4c4d4e4f"));
        byte[] nonce = HEX.parseHex("101112131415161718191a1b");
        byte[] aad = HEX.parseHex("000102030405060708090a0b0c0d0e0f10111213");
        byte[] plaintext = HEX.parseHex("202122232425262728292a2b2c2d2e2f3031323334353637");
        byte[] expected = HEX.parseHex("e3b201a9f5b71a7a9b1ceaeccd97e70b6176aad9a4428aa5484392fbc1b09951");
        assertArrayEquals(expected, aead.seal(nonce, aad, plaintext));
        assertArrayEquals(plaintext, aead.open(nonce, aad, expected));
    }

    // ---- CBC ----

    @Test
    void aes128CbcMatchesSp800_38aF21FirstBlock() {
        CbcCipher cbc = BACKEND.cbc(CbcAlgorithm.AES_128_CBC, HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c"), true);
        byte[] ciphertext = cbc.process(HEX.parseHex("000102030405060708090a0b0c0d0e0f"),
                HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"));
        assertEquals("7649abac8119b246cee98e9b12e9197d", HEX.formatHex(ciphertext));
    }

    @ParameterizedTest
    @EnumSource(CbcAlgorithm.class)
    void cbcRoundTripsAndChainsAcrossCalls(CbcAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        RANDOM.nextBytes(key);
        int block = algorithm.blockLength();
        byte[] iv = new byte[block];
        RANDOM.nextBytes(iv);
        byte[] plaintext = new byte[block * 5];
        RANDOM.nextBytes(plaintext);
        CbcCipher encrypt = BACKEND.cbc(algorithm, key, true);
        CbcCipher decrypt = BACKEND.cbc(algorithm, key, false);
        assertTrue(encrypt.forEncryption());
        assertFalse(decrypt.forEncryption());

        byte[] ciphertext = encrypt.process(iv, plaintext);
        assertArrayEquals(plaintext, decrypt.process(iv, ciphertext));
        // SSL 3.0 / TLS 1.0 chaining: the last ciphertext block is the next call's IV.
        byte[] firstPart = encrypt.process(iv, Arrays.copyOf(plaintext, 2 * block));
        byte[] secondPart = encrypt.process(Arrays.copyOfRange(firstPart, block, 2 * block),
                Arrays.copyOfRange(plaintext, 2 * block, plaintext.length));
        assertArrayEquals(ciphertext, concat(firstPart, secondPart));

        ByteBuffer output = ByteBuffer.allocateDirect(plaintext.length);
        decrypt.process(iv, ByteBuffer.wrap(ciphertext), output);
        assertArrayEquals(plaintext, heapCopy(output.flip()));
    }

    @ParameterizedTest
    @EnumSource(CbcAlgorithm.class)
    void cbcRejectsPartialBlocksAndWrongLengths(CbcAlgorithm algorithm) {
        CbcCipher cbc = BACKEND.cbc(algorithm, new byte[algorithm.keyLength()], true);
        byte[] iv = new byte[algorithm.blockLength()];
        assertThrows(IllegalArgumentException.class, () -> cbc.process(iv, new byte[algorithm.blockLength() + 1]));
        assertThrows(IllegalArgumentException.class, () -> cbc.process(new byte[3], new byte[algorithm.blockLength()]));
        assertThrows(IllegalArgumentException.class, () -> BACKEND.cbc(algorithm, new byte[5], true));
    }

    // ---- signatures ----

    @ParameterizedTest
    // DSA is verify-only; DsaVerificationTest covers it with keys and signatures made elsewhere.
    @EnumSource(value = SignatureAlgorithm.class, mode = EnumSource.Mode.MATCH_NONE, names = "DSA_.*")
    void signsAndVerifiesAndRejectsTampering(SignatureAlgorithm algorithm) {
        for (KeyPairMaterial pair : keysFor(algorithm)) {
            Signer signer = BACKEND.signer(algorithm, pair.privateKey());
            Verifier verifier = BACKEND.verifier(algorithm, pair.publicKey());
            assertEquals(algorithm, signer.algorithm());
            byte[] message = "TLS 1.3, server CertificateVerify".getBytes();
            byte[] signature = signer.sign(message, RANDOM);

            assertTrue(verifier.verify(message, signature), algorithm + " with " + pair.publicKey());
            byte[] tampered = signature.clone();
            tampered[tampered.length / 2] ^= 0x04;
            assertFalse(verifier.verify(message, tampered));
            byte[] otherMessage = message.clone();
            otherMessage[0] ^= 1;
            assertFalse(verifier.verify(otherMessage, signature));
        }
    }

    @ParameterizedTest
    // DSA is verify-only; DsaVerificationTest covers it with keys and signatures made elsewhere.
    @EnumSource(value = SignatureAlgorithm.class, mode = EnumSource.Mode.MATCH_NONE, names = "DSA_.*")
    void malformedSignaturesAreFalseNotExceptions(SignatureAlgorithm algorithm) {
        KeyPairMaterial pair = keysFor(algorithm)[0];
        Verifier verifier = BACKEND.verifier(algorithm, pair.publicKey());
        byte[] message = "message".getBytes();
        byte[] valid = BACKEND.signer(algorithm, pair.privateKey()).sign(message, RANDOM);
        byte[] garbage = new byte[valid.length];
        RANDOM.nextBytes(garbage);
        byte[] allOnes = new byte[valid.length];
        Arrays.fill(allOnes, (byte) 0xFF);
        for (byte[] bad : new byte[][] {new byte[0], new byte[1], garbage, allOnes,
                Arrays.copyOf(valid, valid.length - 1),
                Arrays.copyOf(valid, valid.length + 1), concat(valid, valid), new byte[valid.length]}) {
            assertFalse(verifier.verify(message, bad), HEX.formatHex(bad));
        }
    }

    @Provide
    Arbitrary<SignatureAlgorithm> signingAlgorithms() {
        return Arbitraries.of(SignatureAlgorithm.class).filter(algorithm -> algorithm.family().canSign());
    }

    @Property(tries = 300)
    void corruptedSignaturesNeverVerifyNorThrow(@ForAll("signingAlgorithms") SignatureAlgorithm algorithm, @ForAll Random random) {
        KeyPairMaterial pair = keysFor(algorithm)[0];
        byte[] message = "message".getBytes();
        byte[] signature = BACKEND.signer(algorithm, pair.privateKey()).sign(message, RANDOM);
        byte[] corrupted;
        switch (random.nextInt(3)) {
            case 0 -> {
                corrupted = signature.clone();
                corrupted[random.nextInt(corrupted.length)] ^= (byte) (1 << random.nextInt(8));
            }
            case 1 -> corrupted = Arrays.copyOf(signature, random.nextInt(signature.length));
            default -> {
                corrupted = new byte[random.nextInt(2 * signature.length)];
                random.nextBytes(corrupted);
            }
        }
        assertFalse(BACKEND.verifier(algorithm, pair.publicKey()).verify(message, corrupted));
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"RSA_PSS_SHA256", "ECDSA_SHA384", "ED25519"})
    void signersAndVerifiersAreSharedAcrossThreads(SignatureAlgorithm algorithm) {
        KeyPairMaterial pair = keysFor(algorithm)[0];
        Signer signer = BACKEND.signer(algorithm, pair.privateKey());
        Verifier verifier = BACKEND.verifier(algorithm, pair.publicKey());
        assertTrue(java.util.stream.IntStream.range(0, 64).parallel().allMatch(i -> {
            byte[] message = ("message " + i).getBytes();
            return verifier.verify(message, signer.sign(message, RANDOM));
        }));
    }

    @Test
    void md5Sha1SignatureIsRawPkcs1OverBothHashes() throws Exception {
        // RFC 4346 §7.4.3: no DigestInfo; the signed block is MD5(m) || SHA-1(m).
        byte[] message = "server params".getBytes();
        byte[] signature = BACKEND.signer(SignatureAlgorithm.RSA_PKCS1_MD5_SHA1, RSA_KEY.privateKey())
                .sign(message, RANDOM);
        RsaPublicKey publicKey = (RsaPublicKey) RSA_KEY.publicKey();
        byte[] encoded = Bytes.unsigned(new BigInteger(1, signature).modPow(publicKey.publicExponent(),
                publicKey.modulus()), publicKey.modulusLength());
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(message);
        byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(message);
        assertEquals(0x00, encoded[0]);
        assertEquals(0x01, encoded[1]);
        assertEquals(0x00, encoded[encoded.length - 37]);
        assertArrayEquals(concat(md5, sha1), Arrays.copyOfRange(encoded, encoded.length - 36, encoded.length));
    }

    @Test
    void keyOfTheWrongKindIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.signer(SignatureAlgorithm.ECDSA_SHA256, RSA_KEY.privateKey()));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.verifier(SignatureAlgorithm.RSA_PSS_SHA256, EC_KEYS.get(EcCurve.P256).publicKey()));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.signer(SignatureAlgorithm.ED448, ED25519_KEY.privateKey()));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.verifier(SignatureAlgorithm.ED25519, ED448_KEY.publicKey()));
    }

    @Test
    void rsaKeyTooSmallForTheEncodingCannotSign() {
        KeyPairMaterial small = BACKEND.generateKeyPair(KeyPairSpec.rsa(1024), RANDOM);
        // PSS with SHA-512 needs emLen ≥ 2·64 + 2 = 130 bytes; a 1024-bit key has 128.
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.signer(SignatureAlgorithm.RSA_PSS_SHA512, small.privateKey()));
        Signer pss256 = BACKEND.signer(SignatureAlgorithm.RSA_PSS_SHA256, small.privateKey());
        assertTrue(BACKEND.verifier(SignatureAlgorithm.RSA_PSS_SHA256, small.publicKey())
                .verify("m".getBytes(), pss256.sign("m".getBytes(), RANDOM)));
        // Verifying PSS-SHA512 with that key is simply false.
        assertFalse(BACKEND.verifier(SignatureAlgorithm.RSA_PSS_SHA512, small.publicKey())
                .verify("m".getBytes(), new byte[128]));
    }

    @Test
    void unusablePublicKeysVerifyNothing() {
        EcPublicKey good = (EcPublicKey) EC_KEYS.get(EcCurve.P256).publicKey();
        byte[] offCurve = good.point();
        offCurve[offCurve.length - 1] ^= 1;
        Verifier ecVerifier = BACKEND.verifier(SignatureAlgorithm.ECDSA_SHA256,
                new EcPublicKey(EcCurve.P256, offCurve));
        byte[] message = "m".getBytes();
        byte[] signature = BACKEND.signer(SignatureAlgorithm.ECDSA_SHA256, EC_KEYS.get(EcCurve.P256).privateKey())
                .sign(message, RANDOM);
        assertFalse(ecVerifier.verify(message, signature));

        // y = 2 with an odd x, which SunEC cannot decode into a point; and y ≥ p, out of range.
        byte[] noPoint = new byte[32];
        noPoint[0] = 2;
        noPoint[31] = (byte) 0x80;
        byte[] tooLarge = new byte[32];
        Arrays.fill(tooLarge, (byte) 0xFF);
        tooLarge[31] = 0x7F;
        byte[] edSignature = BACKEND.signer(SignatureAlgorithm.ED25519, ED25519_KEY.privateKey()).sign(message, RANDOM);
        for (byte[] encoded : new byte[][] {noPoint, tooLarge}) {
            Verifier edVerifier = BACKEND.verifier(SignatureAlgorithm.ED25519,
                    new EdPublicKey(EdwardsCurve.ED25519, encoded));
            assertFalse(edVerifier.verify(message, edSignature));
        }
    }

    // ---- key generation ----

    @Test
    void generatedRsaKeyHasConsistentCrtValues() {
        RsaPrivateKey key = (RsaPrivateKey) RSA_KEY.privateKey();
        assertEquals(2048, key.bitLength());
        assertEquals(BigInteger.valueOf(65537), key.publicExponent());
        assertEquals(key.modulus(), key.primeP().multiply(key.primeQ()));
        BigInteger pMinus1 = key.primeP().subtract(BigInteger.ONE);
        assertEquals(key.primeExponentP(), key.privateExponent().mod(pMinus1));
        assertEquals(BigInteger.ONE, key.crtCoefficient().multiply(key.primeQ()).mod(key.primeP()));
        assertEquals(RSA_KEY.publicKey(), key.publicKey());
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void generatedEcKeyIsAFixedLengthPointOnTheCurve(EcCurve curve) {
        EcPrivateKey key = (EcPrivateKey) EC_KEYS.get(curve).privateKey();
        byte[] point = key.publicKey().point();
        assertEquals(curve.uncompressedPointLength(), point.length);
        assertTrue(JcaKeys.decodeUncompressed(point, curve, JcaKeys.ecParameters(curve)) != null);
    }

    @Test
    void generatedEdwardsPublicKeysMatchTheirSeeds() {
        // Sign with the seed alone, verify with the encoded public key: both encodings must agree.
        for (KeyPairMaterial pair : new KeyPairMaterial[] {ED25519_KEY, ED448_KEY}) {
            EdPublicKey publicKey = (EdPublicKey) pair.publicKey();
            SignatureAlgorithm algorithm = publicKey.curve() == EdwardsCurve.ED25519
                    ? SignatureAlgorithm.ED25519
                    : SignatureAlgorithm.ED448;
            assertEquals(publicKey.curve().publicKeyLength(), publicKey.encoded().length);
            byte[] signature = BACKEND.signer(algorithm, pair.privateKey()).sign("m".getBytes(), RANDOM);
            assertEquals(publicKey.curve().signatureLength(), signature.length);
            assertTrue(BACKEND.verifier(algorithm, publicKey).verify("m".getBytes(), signature));
        }
    }

    @Test
    void ed25519PublicKeyFromRfc8032Test1Seed() {
        // RFC 8032 §7.1 TEST 1: checks the point encoding (y little-endian, x parity in the top bit).
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] expectedPublic = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        EdPublicKey publicKey = new EdPublicKey(EdwardsCurve.ED25519, expectedPublic);
        org.jtls.crypto.EdPrivateKey privateKey = new org.jtls.crypto.EdPrivateKey(EdwardsCurve.ED25519, seed,
                publicKey);
        byte[] signature = BACKEND.signer(SignatureAlgorithm.ED25519, privateKey).sign(new byte[0], RANDOM);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                + "d25bf5f0595bbe24655141438e7a100b", HEX.formatHex(signature));
        assertTrue(BACKEND.verifier(SignatureAlgorithm.ED25519, publicKey).verify(new byte[0], signature));
    }

    // ---- key exchange ----

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void bothPartiesAgree(NamedGroup group) throws InvalidKeyShareException {
        KeyExchange initiator = BACKEND.keyExchange(group);
        KeyExchange responder = BACKEND.keyExchange(group);
        KeyShare share = initiator.generate(RANDOM);
        KeyExchange.Response response = responder.respond(share.publicValue(), RANDOM);
        byte[] initiatorSecret = initiator.complete(share, response.publicValue());

        assertArrayEquals(response.sharedSecret(), initiatorSecret);
        assertEquals(expectedSecretLength(group), initiatorSecret.length);
        assertEquals(expectedShareLength(group), share.publicValue().length);
        assertEquals(group.ianaName(), initiator.name());
        // A second run gives a different secret.
        KeyShare again = initiator.generate(RANDOM);
        assertFalse(Arrays.equals(initiatorSecret, responder.respond(again.publicValue(), RANDOM).sharedSecret()));
    }

    @Property(tries = 150)
    void arbitraryPeerValuesAreAgreedOrRejectedWithTheCheckedException(@ForAll NamedGroup group,
            @ForAll Random random) {
        // Half the values have exactly the share length, so they reach the group's own checks.
        int length = random.nextBoolean() ? expectedShareLength(group) : random.nextInt(1300);
        byte[] value = new byte[length];
        random.nextBytes(value);
        if (group.kind() == NamedGroup.Kind.ECDHE && length > 0) {
            value[0] = 0x04;
        }
        try {
            KeyExchange.Response response = BACKEND.keyExchange(group).respond(value, RANDOM);
            assertEquals(expectedSecretLength(group), response.sharedSecret().length);
        } catch (InvalidKeyShareException expected) {
            // Rejected as the contract says.
        }
    }

    @ParameterizedTest
    @EnumSource(value = EcCurve.class)
    void ecdhRejectsBadPoints(EcCurve curve) throws InvalidKeyShareException {
        NamedGroup group = switch (curve) {
            case P256 -> NamedGroup.SECP256R1;
            case P384 -> NamedGroup.SECP384R1;
            case P521 -> NamedGroup.SECP521R1;
        };
        KeyExchange exchange = BACKEND.keyExchange(group);
        KeyShare own = exchange.generate(RANDOM);
        byte[] valid = exchange.generate(RANDOM).publicValue();
        int field = curve.fieldLength();

        byte[] offCurve = valid.clone();
        offCurve[offCurve.length - 1] ^= 1;
        byte[] compressed = new byte[1 + field];
        compressed[0] = (byte) (0x02 | (valid[valid.length - 1] & 1));
        System.arraycopy(valid, 1, compressed, 1, field);
        byte[] hybridForm = valid.clone();
        hybridForm[0] = 0x06;
        byte[] zeroPoint = new byte[curve.uncompressedPointLength()];
        zeroPoint[0] = 0x04;
        byte[] xAtLeastP = valid.clone();
        BigInteger p = ((java.security.spec.ECFieldFp) JcaKeys.ecParameters(curve).getCurve().getField()).getP();
        System.arraycopy(Bytes.unsigned(p.add(new BigInteger(1, valid, 1, field)), field + 1), 1, xAtLeastP, 1, field);

        for (byte[] bad : new byte[][] {offCurve, compressed, hybridForm, zeroPoint, xAtLeastP, new byte[] {0x00},
                new byte[0], Arrays.copyOf(valid, valid.length - 1), Arrays.copyOf(valid, valid.length + 1)}) {
            assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad, RANDOM), HEX.formatHex(bad));
            assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, bad));
        }
    }

    @Test
    void x25519RejectsLowOrderPoints() throws InvalidKeyShareException {
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.X25519);
        KeyShare own = exchange.generate(RANDOM);
        BigInteger p = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        byte[] uZero = new byte[32];
        byte[] uOne = Bytes.littleEndian(BigInteger.ONE, 32);
        byte[] uP = Bytes.littleEndian(p, 32);
        byte[] uPPlusOne = Bytes.littleEndian(p.add(BigInteger.ONE), 32);
        // The top bit is masked (RFC 7748 §5), so this is u = 0 again.
        byte[] uZeroWithTopBit = new byte[32];
        uZeroWithTopBit[31] = (byte) 0x80;
        // A point of order 8 on Curve25519: any scalar multiple the clamping allows is the identity.
        byte[] order8 = HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        for (byte[] bad : new byte[][] {uZero, uOne, uP, uPPlusOne, uZeroWithTopBit, order8, new byte[31],
                new byte[33]}) {
            assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad, RANDOM), HEX.formatHex(bad));
            assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, bad));
        }
    }

    @Test
    void x25519IgnoresTheTopBitOfThePeerValue() throws InvalidKeyShareException {
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.X25519);
        KeyShare own = exchange.generate(RANDOM);
        byte[] peer = exchange.generate(RANDOM).publicValue();
        byte[] flagged = peer.clone();
        flagged[31] |= (byte) 0x80;
        assertArrayEquals(exchange.complete(own, peer), exchange.complete(own, flagged));
    }

    @Test
    void x448RejectsLowOrderPoints() throws InvalidKeyShareException {
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.X448);
        KeyShare own = exchange.generate(RANDOM);
        for (byte[] bad : new byte[][] {new byte[56], Bytes.littleEndian(BigInteger.ONE, 56), new byte[32]}) {
            assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad, RANDOM));
            assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, bad));
        }
    }

    @Test
    void finiteFieldDhRejectsValuesOutsideTwoToPMinusTwo() throws InvalidKeyShareException {
        FiniteFieldGroup group = FiniteFieldGroup.FFDHE2048;
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.FFDHE2048);
        KeyShare own = exchange.generate(RANDOM);
        BigInteger p = group.prime();
        int length = group.byteLength();
        for (byte[] bad : new byte[][] {Bytes.unsigned(BigInteger.ZERO, length), Bytes.unsigned(BigInteger.ONE, length),
                Bytes.unsigned(p.subtract(BigInteger.ONE), length), Bytes.unsigned(p, length),
                Bytes.unsigned(BigInteger.ONE, 1), new byte[0], new byte[length + 1]}) {
            assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad, RANDOM));
            assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, bad));
        }
        // y = 2 and y = p-2 are the edges of the valid range.
        exchange.complete(own, Bytes.unsigned(BigInteger.TWO, length));
        exchange.complete(own, Bytes.unsigned(p.subtract(BigInteger.TWO), length));
    }

    @Test
    void finiteFieldDhAcceptsShortPeerValuesAndPadsItsOwn() throws InvalidKeyShareException {
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.FFDHE2048);
        KeyShare own = exchange.generate(RANDOM);
        // y = 2 sent minimally (TLS 1.2 dh_Ys) or padded (TLS 1.3) is the same value.
        byte[] minimal = {2};
        byte[] padded = Bytes.unsigned(BigInteger.TWO, 256);
        byte[] secret = exchange.complete(own, minimal);
        assertArrayEquals(secret, exchange.complete(own, padded));
        assertEquals(256, secret.length);
        assertEquals(256, own.publicValue().length);
    }

    @Test
    void customGroupsOfSizesSunJceCannotGenerateStillAgree() throws InvalidKeyShareException {
        Random seeded = new Random(7919);
        for (int bits : new int[] {1000, 1024}) {
            // The prime only needs to be prime for the agreement to be checked against modPow.
            BigInteger prime = BigInteger.probablePrime(bits, seeded);
            FiniteFieldGroup group = FiniteFieldGroup.custom(prime, BigInteger.TWO);
            KeyExchange initiator = BACKEND.finiteFieldKeyExchange(group);
            KeyShare share = initiator.generate(RANDOM);
            KeyExchange.Response response = BACKEND.finiteFieldKeyExchange(group).respond(share.publicValue(), RANDOM);
            assertArrayEquals(response.sharedSecret(), initiator.complete(share, response.publicValue()));
            assertEquals(group.byteLength(), share.publicValue().length);
            assertEquals(group.byteLength(), response.sharedSecret().length);
            assertEquals("custom", initiator.name());
        }
    }

    @Test
    void exponentSizesFollowRfc7919AppendixA() {
        assertEquals(256, JcaFiniteFieldDh.exponentBits(2048));
        assertEquals(275, JcaFiniteFieldDh.exponentBits(3072));
        assertEquals(325, JcaFiniteFieldDh.exponentBits(4096));
        assertEquals(375, JcaFiniteFieldDh.exponentBits(6144));
        assertEquals(400, JcaFiniteFieldDh.exponentBits(8192));
        assertEquals(254, JcaFiniteFieldDh.exponentBits(256));
    }

    @Test
    void mlKemRejectsCoefficientsOfAtLeastQ() throws InvalidKeyShareException {
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.MLKEM768);
        byte[] valid = exchange.generate(RANDOM).publicValue();
        assertEquals(1184, valid.length);

        // Coefficient 0 of the second triple becomes 3329 = 0xD01: low byte 0x01, low nibble 0xD.
        byte[] atQ = valid.clone();
        atQ[3] = 0x01;
        atQ[4] = (byte) ((atQ[4] & 0xF0) | 0x0D);
        // The second coefficient of the last triple becomes 0xFFF.
        byte[] maximal = valid.clone();
        maximal[1150] |= (byte) 0xF0;
        maximal[1151] = (byte) 0xFF;
        for (byte[] bad : new byte[][] {atQ, maximal, Arrays.copyOf(valid, 1183), Arrays.copyOf(valid, 1185)}) {
            assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad, RANDOM));
        }
        // The 32-byte seed ρ after the polynomials is not range-checked.
        byte[] otherSeed = valid.clone();
        Arrays.fill(otherSeed, 1152, 1184, (byte) 0xFF);
        assertEquals(1088, exchange.respond(otherSeed, RANDOM).publicValue().length);
    }

    @Test
    void mlKemCiphertextLengthIsCheckedAndCorruptionGivesAnotherSecret() throws InvalidKeyShareException {
        KeyExchange exchange = BACKEND.keyExchange(NamedGroup.MLKEM768);
        KeyShare share = exchange.generate(RANDOM);
        KeyExchange.Response response = exchange.respond(share.publicValue(), RANDOM);
        byte[] ciphertext = response.publicValue();
        assertThrows(InvalidKeyShareException.class, () -> exchange.complete(share, Arrays.copyOf(ciphertext, 1087)));
        assertThrows(InvalidKeyShareException.class, () -> exchange.complete(share, Arrays.copyOf(ciphertext, 1089)));
        // FIPS 203 implicit rejection: no error, an unrelated secret.
        ciphertext[500] ^= 1;
        byte[] rejected = exchange.complete(share, ciphertext);
        assertEquals(32, rejected.length);
        assertFalse(Arrays.equals(response.sharedSecret(), rejected));
    }

    @Test
    void hybridsRejectBadComponentsAndLengths() throws InvalidKeyShareException {
        KeyExchange x25519Hybrid = BACKEND.keyExchange(NamedGroup.X25519MLKEM768);
        byte[] share = x25519Hybrid.generate(RANDOM).publicValue();
        Arrays.fill(share, 1184, 1216, (byte) 0);
        assertThrows(InvalidKeyShareException.class, () -> x25519Hybrid.respond(share, RANDOM));
        assertThrows(InvalidKeyShareException.class,
                () -> x25519Hybrid.respond(Arrays.copyOf(share, 1215), RANDOM));

        KeyExchange p256Hybrid = BACKEND.keyExchange(NamedGroup.SECP256R1MLKEM768);
        byte[] p256Share = p256Hybrid.generate(RANDOM).publicValue();
        p256Share[64] ^= 1;
        assertThrows(InvalidKeyShareException.class, () -> p256Hybrid.respond(p256Share, RANDOM));
    }

    @Test
    void sharesFromAnotherKindOfExchangeAreRefused() {
        KeyShare x25519Share = BACKEND.keyExchange(NamedGroup.X25519).generate(RANDOM);
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.keyExchange(NamedGroup.SECP256R1).complete(x25519Share, new byte[65]));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.keyExchange(NamedGroup.X448).complete(x25519Share, new byte[56]));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.keyExchange(NamedGroup.MLKEM768).complete(x25519Share, new byte[1088]));
    }

    // ---- RSA key transport ----

    @Test
    void premasterSecretDecryptsWithTheClientVersion() throws CryptoException {
        RsaPublicKey publicKey = (RsaPublicKey) RSA_KEY.publicKey();
        RsaPrivateKey privateKey = (RsaPrivateKey) RSA_KEY.privateKey();
        byte[] premaster = new byte[48];
        RANDOM.nextBytes(premaster);
        premaster[0] = 3;
        premaster[1] = 3;
        byte[] encrypted = BACKEND.rsaEncryptPkcs1(publicKey, premaster, RANDOM);
        assertEquals(256, encrypted.length);

        assertArrayEquals(premaster,
                BACKEND.rsaDecryptPremasterSecret(privateKey, encrypted, new byte[] {3, 3}, RANDOM));
        // The version always comes from the ClientHello, whatever the secret holds.
        byte[] withOfferedVersion = BACKEND.rsaDecryptPremasterSecret(privateKey, encrypted, new byte[] {3, 1}, RANDOM);
        assertArrayEquals(new byte[] {3, 1}, Arrays.copyOf(withOfferedVersion, 2));
        assertArrayEquals(Arrays.copyOfRange(premaster, 2, 48), Arrays.copyOfRange(withOfferedVersion, 2, 48));
    }

    @Test
    void badPremasterCiphertextsGiveFreshRandomSecrets() throws CryptoException {
        RsaPublicKey publicKey = (RsaPublicKey) RSA_KEY.publicKey();
        RsaPrivateKey privateKey = (RsaPrivateKey) RSA_KEY.privateKey();
        byte[] garbage = new byte[256];
        RANDOM.nextBytes(garbage);
        garbage[0] = 0x01;
        byte[] tooLong = new byte[257];
        RANDOM.nextBytes(tooLong);
        byte[] notBelowModulus = new byte[256];
        Arrays.fill(notBelowModulus, (byte) 0xFF);
        byte[] modulusItself = Bytes.unsigned(publicKey.modulus(), 256);
        byte[] wrongLengthSecret = BACKEND.rsaEncryptPkcs1(publicKey, new byte[47], RANDOM);
        for (byte[] bad : new byte[][] {garbage, tooLong, notBelowModulus, modulusItself, wrongLengthSecret,
                new byte[0], new byte[256]}) {
            byte[] first = BACKEND.rsaDecryptPremasterSecret(privateKey, bad, new byte[] {3, 3}, RANDOM);
            byte[] second = BACKEND.rsaDecryptPremasterSecret(privateKey, bad, new byte[] {3, 3}, RANDOM);
            assertEquals(48, first.length);
            assertEquals(3, first[0]);
            assertEquals(3, first[1]);
            assertNotEquals(HEX.formatHex(first), HEX.formatHex(second));
        }
    }

    @Test
    void rsaKeyTransportRefusesTinyModuliAndOversizedMessages() {
        BigInteger p = BigInteger.probablePrime(128, new Random(1));
        BigInteger q = BigInteger.probablePrime(128, new Random(2));
        BigInteger n = p.multiply(q);
        BigInteger e = BigInteger.valueOf(65537);
        BigInteger d = e.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
        RsaPrivateKey tiny = new RsaPrivateKey(n, e, d, p, q, d.mod(p.subtract(BigInteger.ONE)),
                d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.rsaDecryptPremasterSecret(tiny, new byte[32], new byte[] {3, 3}, RANDOM));
        assertThrows(IllegalArgumentException.class,
                () -> BACKEND.rsaEncryptPkcs1((RsaPublicKey) RSA_KEY.publicKey(), new byte[246], RANDOM));
    }

    @Test
    void encryptionToAKeySunRsaSignRefusesIsACryptoException() {
        BigInteger modulus = ((RsaPublicKey) RSA_KEY.publicKey()).modulus();
        // A peer's certificate may hold any key: SunRsaSign refuses exponents below 3.
        assertThrows(CryptoException.class,
                () -> BACKEND.rsaEncryptPkcs1(new RsaPublicKey(modulus, BigInteger.ONE), new byte[48], RANDOM));
    }

    // ---- helpers ----

    private static byte[] key(AeadAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + algorithm.ordinal());
        }
        return key;
    }

    private static KeyPairMaterial[] keysFor(SignatureAlgorithm algorithm) {
        return switch (algorithm.family()) {
            case RSA_PKCS1, RSA_PSS -> new KeyPairMaterial[] {RSA_KEY};
            case ECDSA -> EC_KEYS.values().toArray(new KeyPairMaterial[0]);
            case EDDSA -> new KeyPairMaterial[] {algorithm == SignatureAlgorithm.ED25519 ? ED25519_KEY : ED448_KEY};
            case DSA -> throw new IllegalArgumentException("no DSA private keys: " + algorithm + " only verifies");
        };
    }

    private static int expectedSecretLength(NamedGroup group) {
        return switch (group.kind()) {
            case ECDHE -> group.curve().orElseThrow().fieldLength();
            case XDH -> group == NamedGroup.X25519 ? 32 : 56;
            case FFDHE -> group.finiteFieldGroup().orElseThrow().byteLength();
            case KEM -> 32;
            // ML-KEM-768's 32 bytes and the 32-byte X25519 or P-256 secret, in the group's order.
            case HYBRID -> 64;
        };
    }

    private static int expectedShareLength(NamedGroup group) {
        return switch (group.kind()) {
            case ECDHE -> group.curve().orElseThrow().uncompressedPointLength();
            case XDH -> group == NamedGroup.X25519 ? 32 : 56;
            case FFDHE -> group.finiteFieldGroup().orElseThrow().byteLength();
            case KEM -> 1184;
            case HYBRID -> group == NamedGroup.X25519MLKEM768 ? 1184 + 32 : 65 + 1184;
        };
    }

    private static byte[] heapCopy(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
