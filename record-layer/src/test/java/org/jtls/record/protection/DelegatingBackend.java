package org.jtls.record.protection;

import java.security.SecureRandom;
import org.jtls.crypto.Aead;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CbcCipher;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.Digest;
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
import org.jtls.crypto.registry.NamedGroup;

/** A backend that passes every call to a real one; tests override the primitives they observe. */
public class DelegatingBackend implements CryptoBackend {
    private final CryptoBackend delegate;

    public DelegatingBackend(CryptoBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] rsaSignPkcs1Raw(RsaPrivateKey key, byte[] data, SecureRandom random) throws CryptoException {
        return delegate.rsaSignPkcs1Raw(key, data, random);
    }

    @Override
    public boolean rsaVerifyPkcs1Raw(RsaPublicKey key, byte[] data, byte[] signature) {
        return delegate.rsaVerifyPkcs1Raw(key, data, signature);
    }

    @Override
    public String name() {
        return getClass().getSimpleName() + "(" + delegate.name() + ")";
    }

    @Override
    public Digest digest(HashAlgorithm algorithm) {
        return delegate.digest(algorithm);
    }

    @Override
    public Mac hmac(HashAlgorithm algorithm, byte[] key) {
        return delegate.hmac(algorithm, key);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial) {
        return delegate.hkdfExtract(algorithm, salt, inputKeyingMaterial);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length) {
        return delegate.hkdfExpand(algorithm, pseudoRandomKey, info, length);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return delegate.aead(algorithm, key);
    }

    @Override
    public CbcCipher cbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
        return delegate.cbc(algorithm, key, forEncryption);
    }

    @Override
    public KeyExchange keyExchange(NamedGroup group) {
        return delegate.keyExchange(group);
    }

    @Override
    public KeyExchange finiteFieldKeyExchange(FiniteFieldGroup group) {
        return delegate.finiteFieldKeyExchange(group);
    }

    @Override
    public Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
        return delegate.signer(algorithm, key);
    }

    @Override
    public Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        return delegate.verifier(algorithm, key);
    }

    @Override
    public byte[] rsaEncryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random)
            throws CryptoException {
        return delegate.rsaEncryptPkcs1(key, message, random);
    }

    @Override
    public byte[] rsaDecryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random) {
        return delegate.rsaDecryptPremasterSecret(key, encryptedPremaster, clientVersion, random);
    }

    @Override
    public KeyPairMaterial generateKeyPair(KeyPairSpec spec, SecureRandom random) {
        return delegate.generateKeyPair(spec, random);
    }
}
