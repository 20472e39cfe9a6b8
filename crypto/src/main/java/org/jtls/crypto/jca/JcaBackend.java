package org.jtls.crypto.jca;

import java.security.SecureRandom;
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
 * {@link CryptoBackend} over JDK 17's own JCA providers (SUN, SunRsaSign, SunEC, SunJCE), with
 * algorithms requested by name from the installed providers. Two things are built here rather than
 * taken from a provider: AES-CCM ({@link CcmMode}, on the provider's AES block function; JDK 17 has
 * no CCM) and HKDF ({@link JcaHkdf}, on the provider's HMAC). One algorithm, ML-KEM-768, comes from
 * Bouncy Castle's JCA provider because JDK 17 has none; see {@link JcaMlKem}.
 *
 * <p>Stateless and thread-safe; every object it returns holds its own provider objects.
 */
public final class JcaBackend implements CryptoBackend {
    public JcaBackend() {
    }

    @Override
    public String name() {
        return "jca";
    }

    @Override
    public Digest digest(HashAlgorithm algorithm) {
        return new JcaDigest(algorithm);
    }

    @Override
    public Mac hmac(HashAlgorithm algorithm, byte[] key) {
        return new JcaMac(algorithm, key);
    }

    @Override
    public byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial) {
        return JcaHkdf.extract(algorithm, salt, inputKeyingMaterial);
    }

    @Override
    public byte[] hkdfExpand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length) {
        return JcaHkdf.expand(algorithm, pseudoRandomKey, info, length);
    }

    @Override
    public Aead aead(AeadAlgorithm algorithm, byte[] key) {
        return algorithm.isCcm() ? new JcaCcm(algorithm, key) : new JcaAead(algorithm, key);
    }

    @Override
    public CbcCipher cbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption) {
        return new JcaCbc(algorithm, key, forEncryption);
    }

    @Override
    public KeyExchange keyExchange(NamedGroup group) {
        return switch (group.kind()) {
            case ECDHE -> new JcaEcdh(group.ianaName(), group.curve().orElseThrow());
            case XDH -> new JcaXdh(group.ianaName(),
                    group == NamedGroup.X25519 ? JcaXdh.Curve.X25519 : JcaXdh.Curve.X448);
            case FFDHE -> new JcaFiniteFieldDh(group.ianaName(), group.finiteFieldGroup().orElseThrow());
            case KEM -> new JcaMlKem(group.ianaName());
            case HYBRID -> HybridKeyExchange.of(group, new JcaMlKem(NamedGroup.MLKEM768.ianaName()),
                    group == NamedGroup.X25519MLKEM768
                            ? new JcaXdh(NamedGroup.X25519.ianaName(), JcaXdh.Curve.X25519)
                            : new JcaEcdh(NamedGroup.SECP256R1.ianaName(), EcCurve.P256));
        };
    }

    @Override
    public KeyExchange finiteFieldKeyExchange(FiniteFieldGroup group) {
        return new JcaFiniteFieldDh(group.name(), group);
    }

    @Override
    public Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
        return JcaSigners.signer(algorithm, key);
    }

    @Override
    public Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        return JcaSigners.verifier(algorithm, key);
    }

    @Override
    public byte[] rsaSignPkcs1Raw(RsaPrivateKey key, byte[] data, SecureRandom random) throws CryptoException {
        return JcaSigners.rsaSignPkcs1Raw(key, data, random);
    }

    @Override
    public boolean rsaVerifyPkcs1Raw(RsaPublicKey key, byte[] data, byte[] signature) {
        return JcaSigners.rsaVerifyPkcs1Raw(key, data, signature);
    }

    @Override
    public byte[] rsaEncryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random)
            throws CryptoException {
        return JcaRsaKeyTransport.encryptPkcs1(key, message, random);
    }

    @Override
    public byte[] rsaDecryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random) {
        return JcaRsaKeyTransport.decryptPremasterSecret(key, encryptedPremaster, clientVersion, random);
    }

    @Override
    public KeyPairMaterial generateKeyPair(KeyPairSpec spec, SecureRandom random) {
        return JcaKeys.generate(spec, random);
    }

    @Override
    public String toString() {
        return "JcaBackend";
    }
}
