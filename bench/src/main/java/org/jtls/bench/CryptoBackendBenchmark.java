package org.jtls.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.Digest;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.Mac;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;
import org.jtls.crypto.registry.NamedGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two crypto backends side by side on the primitives a TLS connection spends its time in. The
 * results decide {@link CryptoBackends#defaultBackend()}'s per-primitive choices.
 *
 * <p>Throughput benchmarks report operations per second; for the 16 KiB AEAD seals, multiply by
 * 16384 to get bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CryptoBackendBenchmark {
    private static final int RECORD_SIZE = 16 * 1024;

    @Param({"jca", "bc"})
    public String backend;

    private final SecureRandom random = new SecureRandom();
    private Aead aes128Gcm;
    private Aead aes256Gcm;
    private Aead chacha20Poly1305;
    private Aead aes128Ccm;
    private CbcCipher aes128CbcEncryptor;
    private Digest sha256;
    private Mac hmacSha256;
    private final byte[] iv = new byte[16];
    private byte[] nonce;
    private final byte[] aad = new byte[13];
    private ByteBuffer plaintext;
    private ByteBuffer ciphertext;
    private long sequence;

    private KeyExchange x25519;
    private byte[] x25519PeerShare;
    private KeyExchange p256;
    private byte[] p256PeerShare;
    private KeyExchange p384;
    private byte[] p384PeerShare;
    private KeyExchange ffdhe2048;
    private byte[] ffdhe2048PeerShare;
    private KeyExchange mlkem768;
    private byte[] mlkemPeerShare;

    private Signer ecdsaP256Signer;
    private Verifier ecdsaP256Verifier;
    private byte[] ecdsaP256Signature;
    private Signer rsa2048Pkcs1Signer;
    private Signer rsa2048PssSigner;
    private Signer ed25519Signer;
    private final byte[] message = new byte[128];

    @Setup
    public void setUp() {
        CryptoBackend crypto = CryptoBackends.byName(backend);
        aes128Gcm = crypto.aead(AeadAlgorithm.AES_128_GCM, randomBytes(16));
        aes256Gcm = crypto.aead(AeadAlgorithm.AES_256_GCM, randomBytes(32));
        chacha20Poly1305 = crypto.aead(AeadAlgorithm.CHACHA20_POLY1305, randomBytes(32));
        aes128Ccm = crypto.aead(AeadAlgorithm.AES_128_CCM, randomBytes(16));
        aes128CbcEncryptor = crypto.cbc(CbcAlgorithm.AES_128_CBC, randomBytes(16), true);
        sha256 = crypto.digest(HashAlgorithm.SHA256);
        hmacSha256 = crypto.hmac(HashAlgorithm.SHA256, randomBytes(32));
        nonce = randomBytes(12);
        plaintext = ByteBuffer.wrap(randomBytes(RECORD_SIZE));
        ciphertext = ByteBuffer.allocate(RECORD_SIZE + 16);

        // Peer shares always come from the JCA backend, so both backends do identical work.
        CryptoBackend peer = CryptoBackends.jca();
        x25519 = crypto.keyExchange(NamedGroup.X25519);
        x25519PeerShare = peer.keyExchange(NamedGroup.X25519).generate(random).publicValue();
        p256 = crypto.keyExchange(NamedGroup.SECP256R1);
        p256PeerShare = peer.keyExchange(NamedGroup.SECP256R1).generate(random).publicValue();
        p384 = crypto.keyExchange(NamedGroup.SECP384R1);
        p384PeerShare = peer.keyExchange(NamedGroup.SECP384R1).generate(random).publicValue();
        ffdhe2048 = crypto.keyExchange(NamedGroup.FFDHE2048);
        ffdhe2048PeerShare = peer.keyExchange(NamedGroup.FFDHE2048).generate(random).publicValue();
        mlkem768 = crypto.keyExchange(NamedGroup.MLKEM768);
        mlkemPeerShare = peer.keyExchange(NamedGroup.MLKEM768).generate(random).publicValue();

        random.nextBytes(message);
        KeyPairMaterial ecKeys = peer.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), random);
        ecdsaP256Signer = crypto.signer(SignatureAlgorithm.ECDSA_SHA256, ecKeys.privateKey());
        ecdsaP256Verifier = crypto.verifier(SignatureAlgorithm.ECDSA_SHA256, ecKeys.publicKey());
        ecdsaP256Signature = ecdsaP256Signer.sign(message, random);
        KeyPairMaterial rsaKeys = peer.generateKeyPair(KeyPairSpec.rsa(2048), random);
        rsa2048Pkcs1Signer = crypto.signer(SignatureAlgorithm.RSA_PKCS1_SHA256, rsaKeys.privateKey());
        rsa2048PssSigner = crypto.signer(SignatureAlgorithm.RSA_PSS_SHA256, rsaKeys.privateKey());
        KeyPairMaterial edKeys = peer.generateKeyPair(KeyPairSpec.ed25519(), random);
        ed25519Signer = crypto.signer(SignatureAlgorithm.ED25519, edKeys.privateKey());
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A fresh nonce per record, as TLS derives them: the last 8 bytes carry the sequence number. */
    private byte[] nextNonce() {
        long counter = ++sequence;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }

    private int seal(Aead aead) {
        plaintext.clear();
        ciphertext.clear();
        return aead.seal(nextNonce(), aad, plaintext, ciphertext);
    }

    @Benchmark
    public int aes128GcmSeal16k() {
        return seal(aes128Gcm);
    }

    @Benchmark
    public int aes256GcmSeal16k() {
        return seal(aes256Gcm);
    }

    @Benchmark
    public int chacha20Poly1305Seal16k() {
        return seal(chacha20Poly1305);
    }

    @Benchmark
    public int aes128CcmSeal16k() {
        return seal(aes128Ccm);
    }

    @Benchmark
    public ByteBuffer aes128CbcEncrypt16k() {
        plaintext.clear();
        ciphertext.clear();
        aes128CbcEncryptor.process(iv, plaintext, ciphertext);
        return ciphertext;
    }

    @Benchmark
    public byte[] sha256Digest16k() {
        plaintext.clear();
        sha256.update(plaintext);
        return sha256.finish();
    }

    @Benchmark
    public byte[] hmacSha256_16k() {
        plaintext.clear();
        hmacSha256.update(plaintext);
        return hmacSha256.finish();
    }

    /** A server's whole X25519 share: generate its key pair and agree with the client's value. */
    @Benchmark
    public KeyExchange.Response x25519Respond() throws InvalidKeyShareException {
        return x25519.respond(x25519PeerShare, random);
    }

    @Benchmark
    public KeyExchange.Response p256EcdhRespond() throws InvalidKeyShareException {
        return p256.respond(p256PeerShare, random);
    }

    @Benchmark
    public KeyExchange.Response p384EcdhRespond() throws InvalidKeyShareException {
        return p384.respond(p384PeerShare, random);
    }

    @Benchmark
    public KeyExchange.Response ffdhe2048Respond() throws InvalidKeyShareException {
        return ffdhe2048.respond(ffdhe2048PeerShare, random);
    }

    @Benchmark
    public KeyExchange.Response mlkem768Encapsulate() throws InvalidKeyShareException {
        return mlkem768.respond(mlkemPeerShare, random);
    }

    @Benchmark
    public byte[] ecdsaP256Sign() {
        return ecdsaP256Signer.sign(message, random);
    }

    @Benchmark
    public boolean ecdsaP256Verify() {
        return ecdsaP256Verifier.verify(message, ecdsaP256Signature);
    }

    @Benchmark
    public byte[] rsa2048Pkcs1Sign() {
        return rsa2048Pkcs1Signer.sign(message, random);
    }

    @Benchmark
    public byte[] rsa2048PssSign() {
        return rsa2048PssSigner.sign(message, random);
    }

    @Benchmark
    public byte[] ed25519Sign() {
        return ed25519Signer.sign(message, random);
    }
}
