package org.jtls.crypto;

import java.security.SecureRandom;
import org.jtls.crypto.registry.NamedGroup;

/**
 * Every cryptographic primitive jtls uses, behind one interface. Two complete implementations:
 * {@link CryptoBackends#jca()} over the JDK's JCA providers and {@link CryptoBackends#bouncyCastle()}
 * over Bouncy Castle's lightweight API; {@link CryptoBackends#defaultBackend()} picks the faster of
 * the two per primitive.
 *
 * <p>Rules every implementation keeps: randomness is always a parameter (no hidden
 * {@code SecureRandom}); peer-supplied values are validated and rejected with a checked
 * {@link CryptoException}; programming errors (a wrong key length, a key that cannot perform the
 * algorithm) are {@link IllegalArgumentException}s. Backends are thread-safe; the objects they
 * return ({@link Digest}, {@link Mac}, {@link Aead}, {@link CbcCipher}) are not.
 */
public interface CryptoBackend {
    /** {@code "jca"}, {@code "bc"}, or a description of a delegating backend. */
    String name();

    // ---- hashes, HMAC, HKDF ----

    Digest digest(HashAlgorithm algorithm);

    Mac hmac(HashAlgorithm algorithm, byte[] key);

    /** HKDF-Extract (RFC 5869 §2.2); an empty or {@code null} salt means HashLen zero bytes. */
    byte[] hkdfExtract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial);

    /** HKDF-Expand (RFC 5869 §2.3); {@code length} at most 255 × HashLen. */
    byte[] hkdfExpand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length);

    // ---- symmetric ciphers ----

    /** An AEAD keyed with {@code key}, which must be {@link AeadAlgorithm#keyLength()} bytes. */
    Aead aead(AeadAlgorithm algorithm, byte[] key);

    /** A raw CBC cipher (no padding) for one direction. */
    CbcCipher cbc(CbcAlgorithm algorithm, byte[] key, boolean forEncryption);

    // ---- key agreement ----

    /** Key agreement for a named group (ECDHE, X25519/X448, ffdhe, ML-KEM, hybrids). */
    KeyExchange keyExchange(NamedGroup group);

    /** Finite-field Diffie-Hellman in any group, such as a TLS 1.2 server's own (p, g). */
    KeyExchange finiteFieldKeyExchange(FiniteFieldGroup group);

    // ---- signatures ----

    /** @throws IllegalArgumentException if the key cannot perform {@code algorithm} */
    Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key);

    /**
     * A verifier for a (typically peer-supplied) public key. A key of the right type that is
     * nevertheless unusable — an EC or Edwards point not on its curve, an RSA modulus too small for
     * the padding — yields a verifier that rejects every signature, since such a key cannot have
     * made a valid one; peer input never causes an unchecked exception here.
     *
     * @throws IllegalArgumentException if the key's type cannot perform {@code algorithm}
     */
    Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key);

    /**
     * RSASSA-PKCS1-v1_5 with block type 1 over {@code data} exactly as given: no hashing, no
     * DigestInfo. SSL 3.0's CertificateVerify signs its own 36-byte MD5 and SHA hashes of the
     * handshake this way (RFC 6101 §5.6.8, §5.4.1 "digitally-signed").
     *
     * @throws IllegalArgumentException if {@code data} is longer than the modulus length minus 11
     */
    byte[] rsaSignPkcs1Raw(RsaPrivateKey key, byte[] data, SecureRandom random) throws CryptoException;

    /** Whether {@code signature} is {@link #rsaSignPkcs1Raw} of {@code data}; never throws for bad input. */
    boolean rsaVerifyPkcs1Raw(RsaPublicKey key, byte[] data, byte[] signature);

    // ---- RSA key transport (TLS ≤ 1.2 "RSA" key exchange) ----

    /**
     * RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1) to a typically peer-supplied key (TLS ≤ 1.2 RSA
     * key exchange encrypts to the server certificate's key).
     *
     * @throws CryptoException          if the backend cannot use the key: an even or prime modulus,
     *                                  one with a small factor, an exponent below 3 or even, a size it
     *                                  does not support. Backends differ in what they refuse.
     * @throws IllegalArgumentException if {@code message} is longer than the modulus length minus 11
     */
    byte[] rsaEncryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random) throws CryptoException;

    /**
     * Decrypts a ClientKeyExchange's encrypted pre-master secret without revealing whether the
     * padding was valid (RFC 5246 §7.4.7.1, the Bleichenbacher/ROBOT countermeasure). Always
     * returns 48 bytes: {@code clientVersion || M[2..47]} when the PKCS#1 v1.5 padding is valid and
     * the message is 48 bytes, otherwise {@code clientVersion || R} for 46 random bytes R; the
     * choice is made in constant time and the caller cannot tell which happened.
     *
     * @param clientVersion the two version bytes of the ClientHello ({@code client_version})
     */
    byte[] rsaDecryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random);

    // ---- keys ----

    KeyPairMaterial generateKeyPair(KeyPairSpec spec, SecureRandom random);
}
