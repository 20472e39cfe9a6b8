package org.jtls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.registry.NamedGroup;
import org.junit.jupiter.api.Test;

class PerPrimitiveBackendTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Delegates to a real backend and notes which primitives were asked of it. */
    private static final class Recording implements CryptoBackend {
        private final String name;
        private final CryptoBackend real;
        final List<String> calls = new ArrayList<>();

        Recording(String name, CryptoBackend real) {
            this.name = name;
            this.real = real;
        }

        @Override
        public byte[] rsaSignPkcs1Raw(RsaPrivateKey key, byte[] data, SecureRandom random) throws CryptoException {
            calls.add("rsaSignPkcs1Raw");
            return real.rsaSignPkcs1Raw(key, data, random);
        }

        @Override
        public boolean rsaVerifyPkcs1Raw(RsaPublicKey key, byte[] data, byte[] signature) {
            calls.add("rsaVerifyPkcs1Raw");
            return real.rsaVerifyPkcs1Raw(key, data, signature);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Digest digest(HashAlgorithm algorithm) {
            calls.add("digest");
            return real.digest(algorithm);
        }

        @Override
        public Mac hmac(HashAlgorithm algorithm, byte[] key) {
            calls.add("hmac");
            return real.hmac(algorithm, key);
        }

        @Override
        public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] ikm) {
            calls.add("hkdf");
            return real.hkdfExtract(algorithm, salt, ikm);
        }

        @Override
        public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] prk, byte[] info, int length) {
            calls.add("hkdf");
            return real.hkdfExpand(algorithm, prk, info, length);
        }

        @Override
        public Aead aead(AeadAlgorithm algorithm, byte[] key) {
            calls.add("aead:" + algorithm);
            return real.aead(algorithm, key);
        }

        @Override
        public CbcCipher cbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
            calls.add("cbc");
            return real.cbc(algorithm, key, forEncryption);
        }

        @Override
        public KeyExchange keyExchange(NamedGroup group) {
            calls.add("group:" + group);
            return real.keyExchange(group);
        }

        @Override
        public KeyExchange finiteFieldKeyExchange(FiniteFieldGroup group) {
            calls.add("dh");
            return real.finiteFieldKeyExchange(group);
        }

        @Override
        public Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
            calls.add("sign:" + algorithm.family());
            return real.signer(algorithm, key);
        }

        @Override
        public Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
            calls.add("verify:" + algorithm.family());
            return real.verifier(algorithm, key);
        }

        @Override
        public byte[] rsaEncryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random)
                throws CryptoException {
            calls.add("rsa-encrypt");
            return real.rsaEncryptPkcs1(key, message, random);
        }

        @Override
        public byte[] rsaDecryptPremasterSecret(RsaPrivateKey key, byte[] encrypted, byte[] version,
                SecureRandom random) {
            calls.add("rsa-decrypt");
            return real.rsaDecryptPremasterSecret(key, encrypted, version, random);
        }

        @Override
        public KeyPairMaterial generateKeyPair(KeyPairSpec spec, SecureRandom random) {
            calls.add("keygen");
            return real.generateKeyPair(spec, random);
        }
    }

    @Test
    void eachPrimitiveGoesToTheBackendChosenForIt() {
        Recording chosen = new Recording("chosen", CryptoBackends.bouncyCastle());
        Recording fallback = new Recording("fallback", CryptoBackends.jca());
        PerPrimitiveBackend backend = PerPrimitiveBackend.builder(fallback)
                .aead(AeadAlgorithm.AES_128_GCM, chosen)
                .keyExchange(NamedGroup.X25519, chosen)
                .signatures(SignatureAlgorithm.Family.EDDSA, chosen)
                .keyGeneration(chosen)
                .build();

        backend.aead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        backend.aead(AeadAlgorithm.CHACHA20_POLY1305, new byte[32]);
        backend.keyExchange(NamedGroup.X25519);
        backend.keyExchange(NamedGroup.SECP256R1);
        KeyPairMaterial ed = backend.generateKeyPair(KeyPairSpec.ed25519(), RANDOM);
        backend.signer(SignatureAlgorithm.ED25519, ed.privateKey());
        backend.digest(HashAlgorithm.SHA256);

        assertEquals(List.of("aead:AES_128_GCM", "group:X25519", "keygen", "sign:EDDSA"), chosen.calls);
        assertEquals(List.of("aead:CHACHA20_POLY1305", "group:SECP256R1", "digest"), fallback.calls);
        assertEquals("chosen", backend.choices().get("AES_128_GCM"));
        assertEquals("fallback", backend.choices().get("AES_256_GCM"));
        assertTrue(backend.name().startsWith("per-primitive("), backend.name());
    }

    @Test
    void keysFromOneBackendWorkThroughAnother() {
        PerPrimitiveBackend backend = PerPrimitiveBackend.builder(CryptoBackends.jca())
                .keyGeneration(CryptoBackends.bouncyCastle())
                .build();
        KeyPairMaterial keys = backend.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), RANDOM);
        byte[] message = {1, 2, 3};
        byte[] signature = backend.signer(SignatureAlgorithm.ECDSA_SHA256, keys.privateKey()).sign(message, RANDOM);
        assertTrue(backend.verifier(SignatureAlgorithm.ECDSA_SHA256, keys.publicKey()).verify(message, signature));
    }

    @Test
    void defaultBackendAgreesWithBothBackendsOnDeterministicOutputs() throws Exception {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] nonce = new byte[12];
        byte[] plaintext = "default backend".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (AeadAlgorithm algorithm : AeadAlgorithm.values()) {
            byte[] algorithmKey = java.util.Arrays.copyOf(key, algorithm.keyLength());
            byte[] expected = CryptoBackends.jca().aead(algorithm, algorithmKey).seal(nonce, null, plaintext);
            byte[] actual = CryptoBackends.defaultBackend().aead(algorithm, algorithmKey).seal(nonce, null, plaintext);
            assertArrayEquals(expected, actual, algorithm.name());
        }
    }
}
