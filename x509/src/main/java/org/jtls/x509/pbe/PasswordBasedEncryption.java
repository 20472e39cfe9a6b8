package org.jtls.x509.pbe;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.PassphraseRequiredException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;

/**
 * Decryption under the password-based schemes that protect PKCS#8 keys and PKCS#12 contents:
 * PBES2 with PBKDF2 (RFC 8018 §6.2) and the legacy PKCS#12 triple-DES ciphers (RFC 7292
 * Appendix C); and encryption with PBES2, PBKDF2-HMAC-SHA256 and AES-256-CBC.
 */
public final class PasswordBasedEncryption {
    /**
     * Iteration counts above this are refused: a hostile file could otherwise make loading it take
     * hours. Real files use 2 048 (OpenSSL) to 600 000 (recent recommendations).
     */
    public static final int MAX_ITERATIONS = 10_000_000;

    /** RFC 8018 Appendix A.3: pbeWith{MD2,MD5,SHA1}And{DES,RC2}-CBC. */
    private static final Set<String> PBES1 = Set.of("1.2.840.113549.1.5.1", "1.2.840.113549.1.5.4",
            "1.2.840.113549.1.5.3", "1.2.840.113549.1.5.6", "1.2.840.113549.1.5.10", "1.2.840.113549.1.5.11");

    private PasswordBasedEncryption() {
    }

    /** A ciphertext and the algorithm identifier that says how to decrypt it. */
    public record Encrypted(AlgorithmIdentifier algorithm, byte[] ciphertext) {
        public Encrypted {
            Objects.requireNonNull(algorithm, "algorithm");
            ciphertext = ciphertext.clone();
        }

        @Override
        public byte[] ciphertext() {
            return ciphertext.clone();
        }
    }

    /**
     * Decrypts {@code ciphertext} under {@code scheme}.
     *
     * @param what what is being decrypted, for messages ({@code "the private key"})
     * @throws PassphraseRequiredException if {@code password} is {@code null}
     * @throws org.jtls.x509.key.WrongPassphraseException if the padding check fails
     * @throws UnsupportedKeyAlgorithmException for a scheme, KDF or cipher jtls does not implement
     */
    public static byte[] decrypt(AlgorithmIdentifier scheme, byte[] ciphertext, char[] password, CryptoBackend crypto,
            String what) throws KeyFormatException {
        if (password == null) {
            throw new PassphraseRequiredException(what);
        }
        ObjectIdentifier oid = scheme.algorithm();
        if (oid.equals(Pbes2.PBES2)) {
            return Pbes2.decode(scheme.parameters()).decrypt(ciphertext, password, crypto);
        }
        if (Pkcs12Pbe.isPkcs12Pbe(oid)) {
            return Pkcs12Pbe.decode(scheme).decrypt(ciphertext, password, crypto);
        }
        if (PBES1.contains(oid.toString())) {
            throw new UnsupportedKeyAlgorithmException("PBES1 (" + oid + ", DES or RC2 with MD5 or SHA-1) is not "
                    + "supported; re-encrypt the key with PBES2");
        }
        throw new UnsupportedKeyAlgorithmException("encryption scheme " + oid + " is not supported");
    }

    /**
     * Encrypts under PBES2 with PBKDF2-HMAC-SHA256 ({@code iterations} rounds, a random 16-byte
     * salt) and AES-256-CBC (a random IV), the passphrase taken as UTF-8.
     */
    public static Encrypted encryptPbes2(byte[] plaintext, char[] password, int iterations, SecureRandom random,
            CryptoBackend crypto) {
        Objects.requireNonNull(password, "password");
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in 1.." + MAX_ITERATIONS + ", got " + iterations);
        }
        Pbes2 pbes2 = Pbes2.forEncryption(iterations, random);
        try {
            return new Encrypted(pbes2.algorithmIdentifier(), pbes2.encrypt(plaintext, password, crypto));
        } catch (UnsupportedKeyAlgorithmException e) {
            throw new IllegalStateException("AES-256-CBC is always available", e);
        }
    }

    /** An iteration count read from a file, refused above {@link #MAX_ITERATIONS}. */
    static int iterations(long count) throws KeyFormatException {
        if (count > MAX_ITERATIONS) {
            throw new KeyFormatException("iteration count " + count + " exceeds jtls's limit of " + MAX_ITERATIONS);
        }
        return (int) count;
    }
}
