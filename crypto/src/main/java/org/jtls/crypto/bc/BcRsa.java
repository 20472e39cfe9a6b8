package org.jtls.crypto.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.internal.Pkcs1PremasterDecoder;

/** RSA key conversion and RSAES-PKCS1-v1_5 key transport (TLS ≤ 1.2 "RSA" key exchange). */
final class BcRsa {
    /** Smallest modulus we decrypt with: 64 bytes leave room for PKCS#1 padding around 48 bytes. */
    private static final int MINIMUM_DECRYPTION_BITS = 512;
    /** RFC 8017 §7.2.1: a message is at most k - 11 bytes. */
    private static final int PKCS1_PADDING_OVERHEAD = 11;

    private BcRsa() {
    }

    static RSAKeyParameters publicParameters(RsaPublicKey key) {
        return new RSAKeyParameters(false, key.modulus(), key.publicExponent());
    }

    static RSAPrivateCrtKeyParameters privateParameters(RsaPrivateKey key) {
        return new RSAPrivateCrtKeyParameters(key.modulus(), key.publicExponent(), key.privateExponent(),
                key.primeP(), key.primeQ(), key.primeExponentP(), key.primeExponentQ(), key.crtCoefficient());
    }

    /**
     * RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1) with padding bytes from {@code random}.
     *
     * @throws CryptoException if Bouncy Castle refuses the (peer's) key: an even or prime modulus, a
     *                         small factor, an even exponent
     */
    static byte[] encryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random) throws CryptoException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(random, "random");
        int maximum = key.modulusLength() - PKCS1_PADDING_OVERHEAD;
        if (message.length > maximum) {
            throw new IllegalArgumentException("a " + key.bitLength() + "-bit RSA key encrypts at most " + maximum
                    + " bytes, got " + message.length);
        }
        RSAKeyParameters publicKey;
        try {
            publicKey = publicParameters(key);
        } catch (IllegalArgumentException refusedKey) {
            throw new CryptoException("not a usable RSA public key: " + refusedKey.getMessage(), refusedKey);
        }
        PKCS1Encoding encoding = new PKCS1Encoding(new RSABlindedEngine());
        encoding.init(true, new ParametersWithRandom(publicKey, random));
        try {
            return encoding.processBlock(message, 0, message.length);
        } catch (InvalidCipherTextException e) {
            // Only decryption checks padding; encryption of a message that fits cannot fail.
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    /**
     * The raw, blinded RSA private operation on the ClientKeyExchange ciphertext, then the
     * constant-time PKCS#1 check and choice in {@link Pkcs1PremasterDecoder}. A ciphertext that is
     * not an integer below n (too long, or ≥ n) is not decrypted at all: an all-zero encoded message
     * goes through the same decoder, fails its padding check, and yields the random fallback. Those
     * properties of the ciphertext are public, so skipping the RSA operation reveals nothing.
     */
    static byte[] decryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random) {
        Objects.requireNonNull(encryptedPremaster, "encryptedPremaster");
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(random, "random");
        if (key.bitLength() < MINIMUM_DECRYPTION_BITS) {
            throw new IllegalArgumentException("RSA key exchange needs a modulus of at least " + MINIMUM_DECRYPTION_BITS
                    + " bits, got " + key.bitLength());
        }
        if (clientVersion.length != 2) {
            throw new IllegalArgumentException("client version is two bytes, got " + clientVersion.length);
        }
        int modulusLength = key.publicKey().modulusLength();
        byte[] encodedMessage = new byte[modulusLength];
        if (isBelowModulus(encryptedPremaster, key.modulus())) {
            RSABlindedEngine engine = new RSABlindedEngine();
            engine.init(false, new ParametersWithRandom(privateParameters(key), random));
            try {
                byte[] raw = engine.processBlock(encryptedPremaster, 0, encryptedPremaster.length);
                // Bouncy Castle strips leading zeros; the decoder needs EM at its full length k.
                System.arraycopy(raw, 0, encodedMessage, modulusLength - raw.length, raw.length);
                Arrays.fill(raw, (byte) 0);
            } catch (DataLengthException e) {
                // Out-of-range input by Bouncy Castle's own measure: EM stays all zero, i.e. bad padding.
                Arrays.fill(encodedMessage, (byte) 0);
            }
        }
        byte[] premaster = Pkcs1PremasterDecoder.decode(encodedMessage, clientVersion, random);
        Arrays.fill(encodedMessage, (byte) 0);
        return premaster;
    }

    private static boolean isBelowModulus(byte[] ciphertext, BigInteger modulus) {
        int modulusLength = (modulus.bitLength() + 7) / 8;
        return ciphertext.length <= modulusLength && new BigInteger(1, ciphertext).compareTo(modulus) < 0;
    }
}
