package org.jtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jtls.crypto.bc.BcBackend;
import org.jtls.crypto.jca.JcaBackend;
import org.jtls.crypto.registry.NamedGroup;

/**
 * The two backends are interchangeable: for random inputs they compute the same bytes wherever the
 * primitive is deterministic, and each accepts what the other produced wherever it is randomized.
 * Known answers live in the test-vectors module; these properties cover the inputs no vector does.
 *
 * <p>Tries are set per property; the whole class takes well under a minute on two cores (about 7 s
 * when written). Randomness inside a try comes from a jqwik-supplied seed, so a failure replays
 * exactly.
 */
class BackendAgreementProperties {
    private static final CryptoBackend JCA = new JcaBackend();
    private static final CryptoBackend BC = new BcBackend();

    private static CryptoBackend backend(boolean jca) {
        return jca ? JCA : BC;
    }

    private static CryptoBackend other(CryptoBackend backend) {
        return backend == JCA ? BC : JCA;
    }

    // ---- AEAD ----

    @Property(tries = 200)
    void aeadSealIsIdenticalAndEachOpensTheOther(@ForAll AeadAlgorithm algorithm,
            @ForAll @Size(32) byte[] keyMaterial, @ForAll @Size(12) byte[] nonce,
            @ForAll @Size(max = 64) byte[] aad, @ForAll @Size(max = 600) byte[] plaintext) throws AeadException {
        byte[] key = Arrays.copyOf(keyMaterial, algorithm.keyLength());
        Aead jca = JCA.aead(algorithm, key);
        Aead bc = BC.aead(algorithm, key);

        byte[] sealedByJca = jca.seal(nonce, aad, plaintext);
        byte[] sealedByBc = bc.seal(nonce, aad, plaintext);
        assertEquals(plaintext.length + algorithm.tagLength(), sealedByJca.length);
        assertArrayEquals(sealedByJca, sealedByBc, "seal differs between jca and bc");
        assertArrayEquals(plaintext, bc.open(nonce, aad, sealedByJca), "bc opening jca's");
        assertArrayEquals(plaintext, jca.open(nonce, aad, sealedByBc), "jca opening bc's");
    }

    /** Every single-bit change of ciphertext, tag or AAD is caught by both backends. */
    @Property(tries = 30)
    void everySingleBitFlipIsRejectedByBoth(@ForAll AeadAlgorithm algorithm, @ForAll @Size(32) byte[] keyMaterial,
            @ForAll @Size(12) byte[] nonce, @ForAll @Size(max = 12) byte[] aad,
            @ForAll @Size(max = 20) byte[] plaintext) {
        byte[] key = Arrays.copyOf(keyMaterial, algorithm.keyLength());
        Aead jca = JCA.aead(algorithm, key);
        Aead bc = BC.aead(algorithm, key);
        byte[] sealed = jca.seal(nonce, aad, plaintext);
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] tampered = flipBit(sealed, bit);
            assertThrows(AeadException.class, () -> jca.open(nonce, aad, tampered), "jca, sealed bit " + bit);
            assertThrows(AeadException.class, () -> bc.open(nonce, aad, tampered), "bc, sealed bit " + bit);
        }
        for (int bit = 0; bit < aad.length * 8; bit++) {
            byte[] tamperedAad = flipBit(aad, bit);
            assertThrows(AeadException.class, () -> jca.open(nonce, tamperedAad, sealed), "jca, AAD bit " + bit);
            assertThrows(AeadException.class, () -> bc.open(nonce, tamperedAad, sealed), "bc, AAD bit " + bit);
        }
    }

    /** The ByteBuffer forms, on heap buffers at an offset and on direct buffers, match the arrays. */
    @Property(tries = 100)
    void aeadByteBufferFormsMatchTheArrayForms(@ForAll AeadAlgorithm algorithm, @ForAll boolean jca,
            @ForAll @Size(32) byte[] keyMaterial, @ForAll @Size(12) byte[] nonce, @ForAll @Size(max = 32) byte[] aad,
            @ForAll @Size(max = 300) byte[] plaintext, @ForAll @IntRange(max = 17) int offset,
            @ForAll boolean direct) throws AeadException {
        byte[] key = Arrays.copyOf(keyMaterial, algorithm.keyLength());
        Aead aead = backend(jca).aead(algorithm, key);
        byte[] expected = other(backend(jca)).aead(algorithm, key).seal(nonce, aad, plaintext);

        ByteBuffer sealed = buffer(expected.length + offset, direct);
        sealed.position(offset);
        ByteBuffer input = buffer(plaintext.length, !direct);
        input.put(plaintext).flip();
        assertEquals(expected.length, aead.seal(nonce, aad, input, sealed));
        assertEquals(offset + expected.length, sealed.position());
        assertArrayEquals(expected, bytesBetween(sealed, offset, offset + expected.length));

        sealed.position(offset);
        ByteBuffer opened = buffer(plaintext.length + offset, !direct);
        opened.position(offset);
        assertEquals(plaintext.length, aead.open(nonce, aad, sealed, opened));
        assertArrayEquals(plaintext, bytesBetween(opened, offset, offset + plaintext.length));
    }

    // ---- CBC ----

    @Property(tries = 150)
    void cbcOutputsAreIdenticalAndDecryptionInverts(@ForAll CbcAlgorithm algorithm,
            @ForAll @Size(32) byte[] keyMaterial, @ForAll @Size(16) byte[] ivMaterial,
            @ForAll @Size(max = 400) byte[] data) {
        byte[] key = Arrays.copyOf(keyMaterial, algorithm.keyLength());
        byte[] iv = Arrays.copyOf(ivMaterial, algorithm.blockLength());
        byte[] plaintext = Arrays.copyOf(data, data.length - data.length % algorithm.blockLength());

        byte[] encryptedByJca = JCA.cbc(algorithm, key, true).process(iv, plaintext);
        byte[] encryptedByBc = BC.cbc(algorithm, key, true).process(iv, plaintext);
        assertArrayEquals(encryptedByJca, encryptedByBc, "encryption differs");
        assertArrayEquals(plaintext, BC.cbc(algorithm, key, false).process(iv, encryptedByJca), "bc decrypting jca's");
        assertArrayEquals(plaintext, JCA.cbc(algorithm, key, false).process(iv, encryptedByBc), "jca decrypting bc's");
        // Decryption of arbitrary blocks (as an attacker's record would be) agrees too.
        assertArrayEquals(JCA.cbc(algorithm, key, false).process(iv, plaintext),
                BC.cbc(algorithm, key, false).process(iv, plaintext), "decryption of arbitrary blocks differs");
    }

    // ---- hashes, HMAC, HKDF ----

    @Property(tries = 200)
    void hmacIsIdenticalAndIndependentOfChunking(@ForAll HashAlgorithm algorithm, @ForAll @Size(max = 200) byte[] key,
            @ForAll @Size(max = 700) byte[] message, @ForAll @IntRange(max = 700) int split) {
        int cut = Math.min(split, message.length);
        Mac jca = JCA.hmac(algorithm, key);
        jca.update(message);
        Mac bc = BC.hmac(algorithm, key);
        bc.update(message, 0, cut);
        bc.update(ByteBuffer.wrap(message, cut, message.length - cut));
        byte[] jcaTag = jca.finish();
        assertEquals(algorithm.outputLength(), jcaTag.length);
        assertArrayEquals(jcaTag, bc.finish());
    }

    @Property(tries = 200)
    void hkdfIsIdentical(@ForAll HashAlgorithm algorithm, @ForAll @Size(max = 80) byte[] salt,
            @ForAll @Size(max = 80) byte[] inputKeyingMaterial, @ForAll @Size(max = 80) byte[] info,
            @ForAll @IntRange(min = 1, max = 1200) int requestedLength) {
        byte[] jcaPrk = JCA.hkdfExtract(algorithm, salt, inputKeyingMaterial);
        assertArrayEquals(jcaPrk, BC.hkdfExtract(algorithm, salt, inputKeyingMaterial), "HKDF-Extract");
        int length = Math.min(requestedLength, 255 * algorithm.outputLength());
        byte[] jcaOkm = JCA.hkdfExpand(algorithm, jcaPrk, info, length);
        assertEquals(length, jcaOkm.length);
        assertArrayEquals(jcaOkm, BC.hkdfExpand(algorithm, jcaPrk, info, length), "HKDF-Expand");
    }

    /** Forking at any point on one backend equals hashing each whole message on the other. */
    @Property(tries = 200)
    void forkedDigestsEqualOneShotDigestsOfTheOtherBackend(@ForAll HashAlgorithm algorithm, @ForAll boolean jcaForks,
            @ForAll @Size(max = 300) byte[] prefix, @ForAll @Size(max = 300) byte[] suffixA,
            @ForAll @Size(max = 300) byte[] suffixB) {
        CryptoBackend forking = backend(jcaForks);
        Digest running = forking.digest(algorithm);
        running.update(prefix);
        byte[] atFork = running.current();
        Digest fork = running.fork();
        running.update(suffixA);
        fork.update(ByteBuffer.wrap(suffixB));

        CryptoBackend reference = other(forking);
        assertArrayEquals(oneShot(reference, algorithm, prefix), atFork, "current() at the fork point");
        assertArrayEquals(oneShot(reference, algorithm, concat(prefix, suffixA)), running.finish(), "original");
        assertArrayEquals(oneShot(reference, algorithm, concat(prefix, suffixB)), fork.finish(), "fork");
    }

    // ---- key exchange ----

    private static final Set<NamedGroup> SLOW_GROUPS = EnumSet.of(NamedGroup.FFDHE6144, NamedGroup.FFDHE8192);

    @Provide
    Arbitrary<NamedGroup> quickGroups() {
        return Arbitraries.of(EnumSet.complementOf(EnumSet.copyOf(SLOW_GROUPS)));
    }

    /** Initiator on one backend, responder on the other; both end with the same secret. */
    @Property(tries = 100)
    void keyExchangeAgreesAcrossBackends(@ForAll("quickGroups") NamedGroup group, @ForAll boolean jcaInitiates,
            @ForAll long seed) throws InvalidKeyShareException {
        assertAgreement(group, backend(jcaInitiates), new SeededRandom(seed));
    }

    /** Every group, in both directions, once: this is where ffdhe6144 and ffdhe8192 are covered. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void everyGroupAgreesInBothDirections(@ForAll NamedGroup group) throws InvalidKeyShareException {
        SeededRandom random = new SeededRandom(group.code());
        assertAgreement(group, JCA, random);
        assertAgreement(group, BC, random);
    }

    private static void assertAgreement(NamedGroup group, CryptoBackend initiatorBackend, SeededRandom random)
            throws InvalidKeyShareException {
        KeyExchange initiator = initiatorBackend.keyExchange(group);
        KeyExchange responder = other(initiatorBackend).keyExchange(group);
        KeyShare share = initiator.generate(random);
        KeyExchange.Response response = responder.respond(share.publicValue(), random);
        byte[] initiatorSecret = initiator.complete(share, response.publicValue());
        assertArrayEquals(response.sharedSecret(), initiatorSecret,
                group + " initiated on " + initiatorBackend.name());
        assertFalse(Arrays.equals(new byte[initiatorSecret.length], initiatorSecret), "all-zero secret");
    }

    // ---- signatures ----

    /** Keys made once per run by each backend; RSA key generation is far too slow to repeat per try. */
    private static final class Keys {
        static final KeyPairMaterial[] RSA = {
            JCA.generateKeyPair(KeyPairSpec.rsa(2048), new SeededRandom(1)),
            BC.generateKeyPair(KeyPairSpec.rsa(2048), new SeededRandom(2))};
        static final KeyPairMaterial[][] EC = {
            {JCA.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), new SeededRandom(3)),
                BC.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), new SeededRandom(4))},
            {JCA.generateKeyPair(KeyPairSpec.ec(EcCurve.P384), new SeededRandom(5)),
                BC.generateKeyPair(KeyPairSpec.ec(EcCurve.P384), new SeededRandom(6))},
            {JCA.generateKeyPair(KeyPairSpec.ec(EcCurve.P521), new SeededRandom(7)),
                BC.generateKeyPair(KeyPairSpec.ec(EcCurve.P521), new SeededRandom(8))}};
        static final KeyPairMaterial[] ED25519 = {
            JCA.generateKeyPair(KeyPairSpec.ed25519(), new SeededRandom(9)),
            BC.generateKeyPair(KeyPairSpec.ed25519(), new SeededRandom(10))};
        static final KeyPairMaterial[] ED448 = {
            JCA.generateKeyPair(KeyPairSpec.ed448(), new SeededRandom(11)),
            BC.generateKeyPair(KeyPairSpec.ed448(), new SeededRandom(12))};

        static KeyPairMaterial forAlgorithm(SignatureAlgorithm algorithm, EcCurve curve, boolean madeByJca) {
            int maker = madeByJca ? 0 : 1;
            return switch (algorithm.family()) {
                case RSA_PKCS1, RSA_PSS -> RSA[maker];
                case ECDSA -> EC[curve.ordinal()][maker];
                case EDDSA -> algorithm == SignatureAlgorithm.ED25519 ? ED25519[maker] : ED448[maker];
                case DSA -> throw new IllegalArgumentException("no DSA private keys: " + algorithm + " only verifies");
            };
        }
    }

    /**
     * A signature made on one backend, with a key generated by either, verifies on both; any single
     * flipped bit of the signature or of the message fails on both.
     */
    @Property(tries = 150)
    void signaturesVerifyAcrossBackendsAndBitFlipsFail(@ForAll("signingAlgorithms") SignatureAlgorithm algorithm, @ForAll EcCurve curve,
            @ForAll boolean keyMadeByJca, @ForAll boolean jcaSigns, @ForAll @Size(max = 300) byte[] message,
            @ForAll @IntRange(max = 100_000) int flipPosition, @ForAll long seed) {
        KeyPairMaterial keys = Keys.forAlgorithm(algorithm, curve, keyMadeByJca);
        byte[] signature = backend(jcaSigns).signer(algorithm, keys.privateKey()).sign(message, new SeededRandom(seed));
        Verifier jcaVerifier = JCA.verifier(algorithm, keys.publicKey());
        Verifier bcVerifier = BC.verifier(algorithm, keys.publicKey());
        assertTrue(jcaVerifier.verify(message, signature), "jca verifying");
        assertTrue(bcVerifier.verify(message, signature), "bc verifying");

        byte[] badSignature = flipBit(signature, flipPosition % (signature.length * 8));
        assertFalse(jcaVerifier.verify(message, badSignature), "jca accepted a flipped signature bit");
        assertFalse(bcVerifier.verify(message, badSignature), "bc accepted a flipped signature bit");
        if (message.length > 0) {
            byte[] badMessage = flipBit(message, flipPosition % (message.length * 8));
            assertFalse(jcaVerifier.verify(badMessage, signature), "jca accepted a flipped message bit");
            assertFalse(bcVerifier.verify(badMessage, signature), "bc accepted a flipped message bit");
        }
    }

    /**
     * Verifier's contract: a signature one byte too short or too long is invalid on both backends
     * (RFC 8032 §5.1.7 and §5.2.7 fix EdDSA signature lengths; RSA signatures are exactly k bytes,
     * RFC 8017 §8.2.2; a DER ECDSA signature with trailing bytes is not DER).
     */
    @Property(tries = 60)
    void signaturesOfTheWrongLengthAreInvalidOnBoth(@ForAll("signingAlgorithms") SignatureAlgorithm algorithm, @ForAll EcCurve curve,
            @ForAll boolean keyMadeByJca, @ForAll @Size(max = 100) byte[] message, @ForAll byte extraByte,
            @ForAll long seed) {
        KeyPairMaterial keys = Keys.forAlgorithm(algorithm, curve, keyMadeByJca);
        byte[] signature = BC.signer(algorithm, keys.privateKey()).sign(message, new SeededRandom(seed));
        // A trailing zero is the sneaky case: read as a longer little-endian S it changes nothing.
        byte[] zeroAppended = Arrays.copyOf(signature, signature.length + 1);
        byte[] byteAppended = zeroAppended.clone();
        byteAppended[signature.length] = extraByte;
        byte[] truncated = Arrays.copyOf(signature, signature.length - 1);
        for (CryptoBackend backend : new CryptoBackend[] {JCA, BC}) {
            Verifier verifier = backend.verifier(algorithm, keys.publicKey());
            assertFalse(verifier.verify(message, zeroAppended), backend.name() + " accepted a trailing zero byte");
            assertFalse(verifier.verify(message, byteAppended), backend.name() + " accepted a trailing byte");
            assertFalse(verifier.verify(message, truncated), backend.name() + " accepted a truncated signature");
        }
    }

    /** DSA is verify-only; DsaVerificationTest checks the backends agree on it. */
    @Provide
    Arbitrary<SignatureAlgorithm> signingAlgorithms() {
        return Arbitraries.of(SignatureAlgorithm.class).filter(algorithm -> algorithm.family().canSign());
    }

    @Provide
    Arbitrary<SignatureAlgorithm> deterministicAlgorithms() {
        return Arbitraries.of(SignatureAlgorithm.RSA_PKCS1_MD5_SHA1, SignatureAlgorithm.RSA_PKCS1_SHA1,
                SignatureAlgorithm.RSA_PKCS1_SHA256, SignatureAlgorithm.RSA_PKCS1_SHA384,
                SignatureAlgorithm.RSA_PKCS1_SHA512, SignatureAlgorithm.ED25519, SignatureAlgorithm.ED448);
    }

    /** PKCS#1 v1.5 and EdDSA are deterministic: both backends produce the very same bytes. */
    @Property(tries = 60)
    void deterministicSignaturesAreIdentical(@ForAll("deterministicAlgorithms") SignatureAlgorithm algorithm,
            @ForAll boolean keyMadeByJca, @ForAll @Size(max = 300) byte[] message) {
        KeyPairMaterial keys = Keys.forAlgorithm(algorithm, EcCurve.P256, keyMadeByJca);
        byte[] byJca = JCA.signer(algorithm, keys.privateKey()).sign(message, new SeededRandom(1));
        byte[] byBc = BC.signer(algorithm, keys.privateKey()).sign(message, new SeededRandom(2));
        assertArrayEquals(byJca, byBc, algorithm + " signatures differ");
    }

    // ---- RSA key transport ----

    /** RSA-encrypted pre-master secrets cross backends in either direction (RFC 5246 §7.4.7.1). */
    @Property(tries = 40)
    void premasterEncryptedOnOneDecryptsOnTheOther(@ForAll boolean jcaEncrypts, @ForAll boolean keyMadeByJca,
            @ForAll @Size(46) byte[] secret, @ForAll long seed) throws CryptoException {
        RsaPrivateKey key = (RsaPrivateKey) Keys.RSA[keyMadeByJca ? 0 : 1].privateKey();
        byte[] clientVersion = {0x03, 0x03};
        byte[] premaster = concat(clientVersion, secret);
        SeededRandom random = new SeededRandom(seed);
        byte[] encrypted = backend(jcaEncrypts).rsaEncryptPkcs1(key.publicKey(), premaster, random);
        assertEquals(key.publicKey().modulusLength(), encrypted.length);
        byte[] decrypted = other(backend(jcaEncrypts)).rsaDecryptPremasterSecret(key, encrypted, clientVersion, random);
        assertArrayEquals(premaster, decrypted);
    }

    // ---- helpers ----

    private static byte[] flipBit(byte[] bytes, int bitIndex) {
        byte[] flipped = bytes.clone();
        flipped[bitIndex / 8] ^= (byte) (1 << (bitIndex % 8));
        return flipped;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] oneShot(CryptoBackend backend, HashAlgorithm algorithm, byte[] message) {
        Digest digest = backend.digest(algorithm);
        digest.update(message);
        return digest.finish();
    }

    private static ByteBuffer buffer(int capacity, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    private static byte[] bytesBetween(ByteBuffer buffer, int from, int to) {
        byte[] bytes = new byte[to - from];
        buffer.duplicate().position(from).get(bytes);
        return bytes;
    }
}
