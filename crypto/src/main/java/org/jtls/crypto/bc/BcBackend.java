package org.jtls.crypto.bc;

import java.security.SecureRandom;
import java.util.Objects;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.Digest;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.Mac;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;
import org.jtls.crypto.internal.HybridKeyExchange;
import org.jtls.crypto.registry.NamedGroup;

/**
 * {@link CryptoBackend} over Bouncy Castle's lightweight API ({@code org.bouncycastle.crypto},
 * {@code org.bouncycastle.math.ec}), never its JCA provider. This class only dispatches; each
 * primitive lives in its own package-private class beside it. Stateless, hence thread-safe.
 */
public final class BcBackend implements CryptoBackend {
    public BcBackend() {
    }

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public Digest digest(HashAlgorithm algorithm) {
        return new BcDigest(algorithm);
    }

    @Override
    public Mac hmac(HashAlgorithm algorithm, byte[] key) {
        return new BcMac(algorithm, key);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial) {
        return BcHkdf.extract(algorithm, salt, inputKeyingMaterial);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length) {
        return BcHkdf.expand(algorithm, pseudoRandomKey, info, length);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return new BcAead(algorithm, key);
    }

    @Override
    public CbcCipher cbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
        return new BcCbc(algorithm, key, forEncryption);
    }

    @Override
    public KeyExchange keyExchange(NamedGroup group) {
        Objects.requireNonNull(group, "group");
        String name = group.ianaName();
        return switch (group) {
            case SECP256R1, SECP384R1, SECP521R1 -> new BcEcdh(name, group.curve().orElseThrow());
            case X25519 -> new BcXdh(name, BcXdh.Curve.X25519);
            case X448 -> new BcXdh(name, BcXdh.Curve.X448);
            case FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192 ->
                    new BcFiniteFieldDh(name, group.finiteFieldGroup().orElseThrow());
            case MLKEM768 -> new BcMlKem768(name);
            case X25519MLKEM768 -> HybridKeyExchange.of(group, new BcMlKem768(NamedGroup.MLKEM768.ianaName()),
                    new BcXdh(NamedGroup.X25519.ianaName(), BcXdh.Curve.X25519));
            case SECP256R1MLKEM768 -> HybridKeyExchange.of(group, new BcMlKem768(NamedGroup.MLKEM768.ianaName()),
                    new BcEcdh(NamedGroup.SECP256R1.ianaName(), EcCurve.P256));
        };
    }

    @Override
    public KeyExchange finiteFieldKeyExchange(FiniteFieldGroup group) {
        Objects.requireNonNull(group, "group");
        return new BcFiniteFieldDh(group.name(), group);
    }

    @Override
    public Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
        return BcSigners.signer(algorithm, key);
    }

    @Override
    public Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        return BcSigners.verifier(algorithm, key);
    }

    @Override
    public byte[] rsaSignPkcs1Raw(RsaPrivateKey key, byte[] data, SecureRandom random) throws CryptoException {
        Objects.requireNonNull(key, "key");
        if (data.length > (key.bitLength() + 7) / 8 - 11) {
            throw new IllegalArgumentException("a " + key.bitLength() + "-bit RSA key cannot sign " + data.length
                    + " bytes");
        }
        org.bouncycastle.crypto.encodings.PKCS1Encoding encoding = new org.bouncycastle.crypto.encodings.PKCS1Encoding(
                new org.bouncycastle.crypto.engines.RSABlindedEngine());
        // A private-key PKCS1Encoding pads with block type 1.
        encoding.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(BcRsa.privateParameters(key), random));
        try {
            return encoding.processBlock(data, 0, data.length);
        } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
            throw new CryptoException("PKCS#1 v1.5 signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean rsaVerifyPkcs1Raw(RsaPublicKey key, byte[] data, byte[] signature) {
        if (signature.length != key.modulusLength()) {
            return false;
        }
        try {
            org.bouncycastle.crypto.encodings.PKCS1Encoding encoding =
                    new org.bouncycastle.crypto.encodings.PKCS1Encoding(new org.bouncycastle.crypto.engines.RSABlindedEngine());
            encoding.init(false, BcRsa.publicParameters(key));
            byte[] recovered = encoding.processBlock(signature, 0, signature.length);
            return java.security.MessageDigest.isEqual(recovered, data);
        } catch (org.bouncycastle.crypto.InvalidCipherTextException | org.bouncycastle.crypto.DataLengthException e) {
            return false;
        }
    }

    @Override
    public byte[] rsaEncryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random)
            throws CryptoException {
        Objects.requireNonNull(key, "key");
        return BcRsa.encryptPkcs1(key, message, random);
    }

    @Override
    public byte[] rsaDecryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random) {
        Objects.requireNonNull(key, "key");
        return BcRsa.decryptPremasterSecret(key, encryptedPremaster, clientVersion, random);
    }

    @Override
    public KeyPairMaterial generateKeyPair(KeyPairSpec spec, SecureRandom random) {
        return BcKeyPairs.generate(spec, random);
    }

    @Override
    public String toString() {
        return "BcBackend";
    }
}
