package org.jtls.crypto.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.internal.Pkcs1PremasterDecoder;

/**
 * The TLS "RSA" key exchange (RFC 5246 §7.4.7.1): PKCS#1 v1.5 encryption of the pre-master secret
 * with SunJCE's {@code RSA/ECB/PKCS1Padding}, and its decryption as a raw private-key operation
 * ({@code RSA/ECB/NoPadding}, which SunJCE blinds) followed by {@link Pkcs1PremasterDecoder}'s
 * constant-time padding check and choice.
 */
final class JcaRsaKeyTransport {
    /** SunRsaSign refuses smaller keys, and nothing smaller holds a padded 48-byte secret safely. */
    static final int MINIMUM_MODULUS_BITS = 512;

    private JcaRsaKeyTransport() {
    }

    /**
     * RSAES-PKCS1-v1_5 encryption with SunJCE.
     *
     * @throws CryptoException if SunRsaSign refuses the (peer's) key: a modulus outside 512..16384
     *                         bits, an exponent below 3, a long exponent with a long modulus
     */
    static byte[] encryptPkcs1(RsaPublicKey key, byte[] message, SecureRandom random) throws CryptoException {
        int maximum = key.modulusLength() - 11;
        if (message.length > maximum) {
            throw new IllegalArgumentException("a " + key.bitLength() + "-bit RSA key encrypts at most " + maximum
                    + " bytes with PKCS#1 v1.5, got " + message.length);
        }
        PublicKey publicKey;
        try {
            publicKey = JcaKeys.rsaPublicKey(key);
        } catch (IllegalArgumentException providerRefusedKey) {
            throw new CryptoException(providerRefusedKey.getMessage(), providerRefusedKey);
        }
        try {
            Cipher cipher = JcaProviders.cipher("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, publicKey, random);
            return cipher.doFinal(message);
        } catch (InvalidKeyException e) {
            throw new CryptoException("RSA PKCS#1 v1.5 encryption refused the key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("RSA PKCS#1 v1.5 encryption refused the message", e);
        }
    }

    /**
     * Always returns 48 bytes and never throws for the ciphertext. A ciphertext that cannot be an RSA
     * input at all (longer than the modulus, or not below it) is replaced by a zero ciphertext of the
     * modulus length, whose decryption (zero) has no valid padding: the same private operation and the
     * same decoder run, and the decoder returns its random fallback. Those two conditions depend only
     * on public values, so testing them is not an oracle.
     */
    static byte[] decryptPremasterSecret(RsaPrivateKey key, byte[] encryptedPremaster, byte[] clientVersion,
            SecureRandom random) {
        if (key.bitLength() < MINIMUM_MODULUS_BITS) {
            throw new IllegalArgumentException("RSA key exchange needs a modulus of at least " + MINIMUM_MODULUS_BITS
                    + " bits, got " + key.bitLength());
        }
        if (clientVersion.length != 2) {
            throw new IllegalArgumentException("client version is two bytes");
        }
        int modulusLength = key.publicKey().modulusLength();
        boolean usableInput = encryptedPremaster.length <= modulusLength
                && new BigInteger(1, encryptedPremaster).compareTo(key.modulus()) < 0;
        byte[] input = usableInput ? encryptedPremaster : new byte[modulusLength];

        PrivateKey privateKey = JcaKeys.rsaPrivateKey(key);
        byte[] encodedMessage;
        try {
            Cipher cipher = JcaProviders.cipher("RSA/ECB/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, privateKey, random);
            encodedMessage = Bytes.fitToLength(cipher.doFinal(input), modulusLength);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            // Unreachable for inputs below the modulus; should a provider still refuse one, the
            // all-zero message takes the decoder's fallback path like any bad padding.
            encodedMessage = new byte[modulusLength];
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("SunJCE refused this RSA private key", e);
        }
        return Pkcs1PremasterDecoder.decode(encodedMessage, clientVersion, random);
    }
}
