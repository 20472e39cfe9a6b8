package org.jtls.x509.key;

import java.security.SecureRandom;
import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.pbe.PasswordBasedEncryption;
import org.jtls.x509.pem.Pem;

/**
 * Writes private keys as PKCS#8, in the clear or encrypted with PBES2 (PBKDF2-HMAC-SHA256 and
 * AES-256-CBC, RFC 8018 §6.2), the form OpenSSL 3 writes and every current tool reads. Keys are
 * written as OpenSSL writes them, byte for byte: PKCS#8 version 0, so Ed25519/Ed448 keys carry only
 * their seed (OpenSSL 3.0 cannot read the v2 {@code publicKey} field); RSASSA-PSS keys keep their
 * id-RSASSA-PSS identifier and parameters.
 */
public final class PrivateKeyWriter {
    private static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final String ENCRYPTED_PKCS8_LABEL = "ENCRYPTED PRIVATE KEY";

    private PrivateKeyWriter() {
    }

    public static byte[] pkcs8Der(DecodedPrivateKey key) {
        DerWriter writer = new DerWriter();
        Pkcs8PrivateKeys.encode(key, writer);
        return writer.toByteArray();
    }

    public static byte[] pkcs8Der(PrivateKeyMaterial key) {
        return pkcs8Der(DecodedPrivateKey.of(key));
    }

    public static String pkcs8Pem(DecodedPrivateKey key) {
        byte[] der = pkcs8Der(key);
        String pem = Pem.encode(PKCS8_LABEL, der);
        Arrays.fill(der, (byte) 0);
        return pem;
    }

    public static String pkcs8Pem(PrivateKeyMaterial key) {
        return pkcs8Pem(DecodedPrivateKey.of(key));
    }

    /**
     * An {@code EncryptedPrivateKeyInfo} (RFC 5958 §3) under PBES2: PBKDF2-HMAC-SHA256 with
     * {@code iterations} rounds and a random 16-byte salt, AES-256-CBC with a random IV.
     *
     * @param iterations 1 to {@value PasswordBasedEncryption#MAX_ITERATIONS}; current advice for
     *        PBKDF2-HMAC-SHA256 is 600 000 (OWASP, 2023), OpenSSL's default is 2 048
     * @param random for the salt and IV
     */
    public static byte[] encryptedPkcs8Der(DecodedPrivateKey key, char[] passphrase, int iterations,
            SecureRandom random, CryptoBackend crypto) {
        byte[] plaintext = pkcs8Der(key);
        PasswordBasedEncryption.Encrypted encrypted = PasswordBasedEncryption.encryptPbes2(plaintext, passphrase,
                iterations, random, crypto);
        Arrays.fill(plaintext, (byte) 0);
        DerWriter writer = new DerWriter();
        writer.writeSequence(sequence -> {
            encrypted.algorithm().encode(sequence);
            sequence.writeOctetString(encrypted.ciphertext());
        });
        return writer.toByteArray();
    }

    public static byte[] encryptedPkcs8Der(PrivateKeyMaterial key, char[] passphrase, int iterations,
            SecureRandom random, CryptoBackend crypto) {
        return encryptedPkcs8Der(DecodedPrivateKey.of(key), passphrase, iterations, random, crypto);
    }

    public static String encryptedPkcs8Pem(DecodedPrivateKey key, char[] passphrase, int iterations,
            SecureRandom random, CryptoBackend crypto) {
        return Pem.encode(ENCRYPTED_PKCS8_LABEL, encryptedPkcs8Der(key, passphrase, iterations, random, crypto));
    }

    public static String encryptedPkcs8Pem(PrivateKeyMaterial key, char[] passphrase, int iterations,
            SecureRandom random, CryptoBackend crypto) {
        return encryptedPkcs8Pem(DecodedPrivateKey.of(key), passphrase, iterations, random, crypto);
    }
}
