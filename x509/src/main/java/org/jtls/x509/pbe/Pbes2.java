package org.jtls.x509.pbe;

import java.security.SecureRandom;
import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;

/**
 * PBES2 (RFC 8018 §6.2) with PBKDF2 as its key derivation function, as OpenSSL, the JDK and
 * Windows write it:
 *
 * <pre>
 * PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
 * PBKDF2-params ::= SEQUENCE {
 *   salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
 *   iterationCount INTEGER (1..MAX), keyLength INTEGER (1..MAX) OPTIONAL,
 *   prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
 * </pre>
 * The encryption scheme's parameters are the IV (an OCTET STRING). scrypt and the salt's
 * {@code otherSource} are refused as unsupported.
 */
final class Pbes2 {
    static final ObjectIdentifier PBES2 = ObjectIdentifier.of("1.2.840.113549.1.5.13");
    private static final ObjectIdentifier PBKDF2 = ObjectIdentifier.of("1.2.840.113549.1.5.12");
    private static final ObjectIdentifier SCRYPT = ObjectIdentifier.of("1.3.6.1.4.1.11591.4.11");
    private static final int SALT_LENGTH = 16;

    private final HashAlgorithm prf;
    private final byte[] salt;
    private final int iterations;
    private final PbeCipher cipher;
    private final byte[] iv;

    private Pbes2(HashAlgorithm prf, byte[] salt, int iterations, PbeCipher cipher, byte[] iv) {
        this.prf = prf;
        this.salt = salt;
        this.iterations = iterations;
        this.cipher = cipher;
        this.iv = iv;
    }

    static Pbes2 decode(DerElement parameters) throws KeyFormatException {
        if (parameters == null) {
            throw new KeyFormatException("PBES2 without parameters");
        }
        try {
            DerReader sequence = parameters.asReader().readSequence();
            AlgorithmIdentifier kdf = AlgorithmIdentifier.decode(sequence);
            AlgorithmIdentifier encryption = AlgorithmIdentifier.decode(sequence);
            sequence.end();
            if (kdf.algorithm().equals(SCRYPT)) {
                throw new UnsupportedKeyAlgorithmException("PBES2 with scrypt is not supported (only PBKDF2)");
            }
            if (!kdf.algorithm().equals(PBKDF2)) {
                throw new UnsupportedKeyAlgorithmException("PBES2 key derivation function " + kdf.algorithm()
                        + " is not supported (only PBKDF2)");
            }
            PbeCipher cipher = PbeCipher.forOid(encryption.algorithm());
            if (cipher == null) {
                throw new UnsupportedKeyAlgorithmException("PBES2 encryption scheme " + encryption.algorithm()
                        + " is not supported");
            }
            int keyLength = cipher.keyLength();
            if (encryption.parameters() == null || !encryption.parameters().tag().equals(Tag.OCTET_STRING)) {
                throw new KeyFormatException(cipher.openSslName() + " parameters must be the IV, an OCTET STRING");
            }
            byte[] iv = encryption.parameters().octetStringValue();
            if (iv.length != cipher.ivLength()) {
                throw new KeyFormatException(cipher.openSslName() + " IV must be " + cipher.ivLength()
                        + " bytes, found " + iv.length);
            }
            return decodePbkdf2(kdf.parameters(), keyLength, cipher, iv);
        } catch (DerException e) {
            throw new KeyFormatException("malformed PBES2 parameters: " + e.getMessage(), e);
        }
    }

    private static Pbes2 decodePbkdf2(DerElement parameters, int keyLength, PbeCipher cipher, byte[] iv)
            throws DerException, KeyFormatException {
        if (parameters == null) {
            throw new KeyFormatException("PBKDF2 without parameters");
        }
        DerReader sequence = parameters.asReader().readSequence();
        if (!sequence.nextIs(Tag.OCTET_STRING)) {
            throw new UnsupportedKeyAlgorithmException("PBKDF2 salt from another source (otherSource) is not supported");
        }
        byte[] salt = sequence.readOctetString();
        int iterations = PasswordBasedEncryption.iterations(sequence.readLong(1, Long.MAX_VALUE));
        if (sequence.nextIs(Tag.INTEGER)) {
            long declared = sequence.readLong(1, Long.MAX_VALUE);
            if (declared != keyLength) {
                throw new KeyFormatException("PBKDF2 keyLength " + declared + " does not match "
                        + cipher.openSslName() + "'s key length " + keyLength);
            }
        }
        HashAlgorithm prf = HashAlgorithm.SHA1;
        if (sequence.hasRemaining()) {
            prf = HmacPrf.decode(AlgorithmIdentifier.decode(sequence));
        }
        sequence.end();
        return new Pbes2(prf, salt, iterations, cipher, iv);
    }

    /** RFC 8018 §6.2.2: derive the key with PBKDF2, decrypt, check and strip the padding. */
    byte[] decrypt(byte[] ciphertext, char[] password, CryptoBackend crypto) throws KeyFormatException {
        byte[] passwordBytes = Passwords.utf8(password);
        byte[] key = Pbkdf2.derive(crypto, prf, passwordBytes, salt, iterations, cipher.keyLength());
        Arrays.fill(passwordBytes, (byte) 0);
        return cipher.decrypt(crypto, key, iv, ciphertext);
    }

    /** A fresh PBES2 setup: PBKDF2-HMAC-SHA256 with a random 16-byte salt, AES-256-CBC with a random IV. */
    static Pbes2 forEncryption(int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] iv = new byte[PbeCipher.AES_256_CBC.ivLength()];
        random.nextBytes(iv);
        return new Pbes2(HashAlgorithm.SHA256, salt, iterations, PbeCipher.AES_256_CBC, iv);
    }

    byte[] encrypt(byte[] plaintext, char[] password, CryptoBackend crypto) throws UnsupportedKeyAlgorithmException {
        byte[] passwordBytes = Passwords.utf8(password);
        byte[] key = Pbkdf2.derive(crypto, prf, passwordBytes, salt, iterations, cipher.keyLength());
        Arrays.fill(passwordBytes, (byte) 0);
        byte[] ciphertext = cipher.encrypt(crypto, key, iv, plaintext);
        Arrays.fill(key, (byte) 0);
        return ciphertext;
    }

    /** The algorithm identifier with all parameters written out, the PRF with NULL parameters (RFC 8018 B.1.2). */
    AlgorithmIdentifier algorithmIdentifier() {
        byte[] parameters = new DerWriter().writeSequence(pbes2 -> {
            pbes2.writeSequence(kdf -> kdf.writeOid(PBKDF2).writeSequence(pbkdf2 -> {
                pbkdf2.writeOctetString(salt).writeInteger(iterations);
                HmacPrf.identifier(prf).encode(pbkdf2);
            }));
            pbes2.writeSequence(encryption -> encryption.writeOid(cipher.oid()).writeOctetString(iv));
        }).toByteArray();
        return AlgorithmIdentifier.withParameters(PBES2, parameters);
    }

    @Override
    public String toString() {
        return "PBES2[PBKDF2-HMAC-" + prf.standardName() + ", " + iterations + " iterations, "
                + cipher.openSslName() + "]";
    }
}
