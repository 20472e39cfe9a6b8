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
 * PBES2 (RFC 8018 §6.2) with PBKDF2, as OpenSSL, the JDK and Windows write it:
 * {@code PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme
 * AlgorithmIdentifier }}, the encryption scheme's parameters being the IV (an OCTET STRING,
 * RFC 8018 Appendix B.2). The passphrase is taken as UTF-8.
 */
final class Pbes2 {
    static final ObjectIdentifier PBES2 = ObjectIdentifier.of("1.2.840.113549.1.5.13");
    private static final int SALT_LENGTH = 16;

    private final Pbkdf2Parameters kdf;
    private final PbeCipher cipher;
    private final byte[] iv;

    private Pbes2(Pbkdf2Parameters kdf, PbeCipher cipher, byte[] iv) {
        this.kdf = kdf;
        this.cipher = cipher;
        this.iv = iv;
    }

    static Pbes2 decode(DerElement parameters) throws KeyFormatException {
        if (parameters == null) {
            throw new KeyFormatException("PBES2 without parameters");
        }
        AlgorithmIdentifier kdfId;
        AlgorithmIdentifier encryption;
        try {
            DerReader sequence = parameters.asReader().readSequence();
            kdfId = AlgorithmIdentifier.decode(sequence);
            encryption = AlgorithmIdentifier.decode(sequence);
            sequence.end();
        } catch (DerException e) {
            throw new KeyFormatException("malformed PBES2 parameters: " + e.getMessage(), e);
        }
        PbeCipher cipher = PbeCipher.forOid(encryption.algorithm());
        if (cipher == null) {
            throw new UnsupportedKeyAlgorithmException("PBES2 encryption scheme " + encryption.algorithm()
                    + " is not supported");
        }
        int keyLength = cipher.keyLength();
        DerElement ivElement = encryption.parameters();
        if (ivElement == null || !ivElement.tag().equals(Tag.OCTET_STRING)) {
            throw new KeyFormatException(cipher.openSslName() + " parameters must be the IV, an OCTET STRING");
        }
        byte[] iv;
        try {
            iv = ivElement.octetStringValue();
        } catch (DerException e) {
            throw new KeyFormatException("malformed " + cipher.openSslName() + " IV: " + e.getMessage(), e);
        }
        Pbkdf2Parameters kdf = Pbkdf2Parameters.decode(kdfId);
        if (kdf.keyLength() != 0 && kdf.keyLength() != keyLength) {
            throw new KeyFormatException("PBKDF2 keyLength " + kdf.keyLength() + " does not match "
                    + cipher.openSslName() + "'s key length " + keyLength);
        }
        return new Pbes2(kdf, cipher, iv);
    }

    /** RFC 8018 §6.2.2: derive the key with PBKDF2, decrypt, check and strip the padding. */
    byte[] decrypt(byte[] ciphertext, char[] password, CryptoBackend crypto) throws KeyFormatException {
        byte[] key = kdf.deriveKey(password, cipher.keyLength(), crypto);
        return cipher.decrypt(crypto, key, iv, ciphertext);
    }

    /** A fresh setup: PBKDF2-HMAC-SHA256 with a random 16-byte salt, AES-256-CBC with a random IV. */
    static Pbes2 forEncryption(int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        byte[] iv = new byte[PbeCipher.AES_256_CBC.ivLength()];
        random.nextBytes(iv);
        return new Pbes2(new Pbkdf2Parameters(salt, iterations, 0, HashAlgorithm.SHA256), PbeCipher.AES_256_CBC, iv);
    }

    byte[] encrypt(byte[] plaintext, char[] password, CryptoBackend crypto) throws UnsupportedKeyAlgorithmException {
        byte[] key = kdf.deriveKey(password, cipher.keyLength(), crypto);
        byte[] ciphertext = cipher.encrypt(crypto, key, iv, plaintext);
        Arrays.fill(key, (byte) 0);
        return ciphertext;
    }

    AlgorithmIdentifier algorithmIdentifier() {
        byte[] parameters = new DerWriter().writeSequence(pbes2 -> {
            kdf.encode(pbes2);
            pbes2.writeSequence(encryption -> encryption.writeOid(cipher.oid()).writeOctetString(iv));
        }).toByteArray();
        return AlgorithmIdentifier.withParameters(PBES2, parameters);
    }

    @Override
    public String toString() {
        return "PBES2[PBKDF2-HMAC-" + kdf.prf().standardName() + ", " + kdf.iterations() + " iterations, "
                + cipher.openSslName() + "]";
    }
}
