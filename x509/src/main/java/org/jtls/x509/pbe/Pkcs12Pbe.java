package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;

/**
 * The legacy PKCS#12 password-based ciphers (RFC 7292 Appendix C): key and IV from the PKCS#12
 * KDF with SHA-1, parameters {@code pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING,
 * iterations INTEGER }}. Three-key and two-key triple DES are supported; the RC2 and RC4 variants
 * (older OpenSSL and Windows encrypt certificates with 40-bit RC2) are not, since the crypto
 * backend has neither cipher.
 */
final class Pkcs12Pbe {
    private static final String PKCS12_PBE_IDS = "1.2.840.113549.1.12.1.";
    static final ObjectIdentifier SHA_AND_3KEY_TRIPLE_DES_CBC = ObjectIdentifier.of(PKCS12_PBE_IDS + "3");
    private static final ObjectIdentifier SHA_AND_2KEY_TRIPLE_DES_CBC = ObjectIdentifier.of(PKCS12_PBE_IDS + "4");
    private static final int TRIPLE_DES_KEY_LENGTH = 24;
    private static final int TWO_KEY_LENGTH = 16;

    private final int keyLength;
    private final byte[] salt;
    private final int iterations;

    private Pkcs12Pbe(int keyLength, byte[] salt, int iterations) {
        this.keyLength = keyLength;
        this.salt = salt;
        this.iterations = iterations;
    }

    static boolean isPkcs12Pbe(ObjectIdentifier oid) {
        return oid.toString().startsWith(PKCS12_PBE_IDS);
    }

    static Pkcs12Pbe decode(AlgorithmIdentifier id) throws KeyFormatException {
        int keyLength;
        if (id.algorithm().equals(SHA_AND_3KEY_TRIPLE_DES_CBC)) {
            keyLength = TRIPLE_DES_KEY_LENGTH;
        } else if (id.algorithm().equals(SHA_AND_2KEY_TRIPLE_DES_CBC)) {
            keyLength = TWO_KEY_LENGTH;
        } else {
            throw new UnsupportedKeyAlgorithmException(name(id.algorithm()) + " is not supported (of the PKCS#12 "
                    + "ciphers only pbeWithSHAAnd3-KeyTripleDES-CBC and pbeWithSHAAnd2-KeyTripleDES-CBC are)");
        }
        if (id.parameters() == null) {
            throw new KeyFormatException(name(id.algorithm()) + " without parameters");
        }
        try {
            DerReader sequence = id.parameters().asReader().readSequence();
            byte[] salt = sequence.readOctetString();
            int iterations = PasswordBasedEncryption.iterations(sequence.readLong(1, Long.MAX_VALUE));
            sequence.end();
            return new Pkcs12Pbe(keyLength, salt, iterations);
        } catch (DerException e) {
            throw new KeyFormatException("malformed pkcs-12PbeParams: " + e.getMessage(), e);
        }
    }

    byte[] decrypt(byte[] ciphertext, char[] password, CryptoBackend crypto) throws KeyFormatException {
        byte[] bmpPassword = Passwords.bmpWithTerminator(password);
        byte[] derived = Pkcs12Kdf.derive(crypto, HashAlgorithm.SHA1, Pkcs12Kdf.Purpose.ENCRYPTION_KEY, bmpPassword,
                salt, iterations, keyLength);
        byte[] iv = Pkcs12Kdf.derive(crypto, HashAlgorithm.SHA1, Pkcs12Kdf.Purpose.IV, bmpPassword, salt,
                iterations, PbeCipher.DES_EDE3_CBC.ivLength());
        Arrays.fill(bmpPassword, (byte) 0);
        byte[] key = derived;
        if (keyLength == TWO_KEY_LENGTH) {
            // Two-key triple DES is K1, K2, K1.
            key = Arrays.copyOf(derived, TRIPLE_DES_KEY_LENGTH);
            System.arraycopy(derived, 0, key, TWO_KEY_LENGTH, TRIPLE_DES_KEY_LENGTH - TWO_KEY_LENGTH);
            Arrays.fill(derived, (byte) 0);
        }
        return PbeCipher.DES_EDE3_CBC.decrypt(crypto, key, iv, ciphertext);
    }

    private static String name(ObjectIdentifier oid) {
        return switch (oid.toString().substring(PKCS12_PBE_IDS.length())) {
            case "1" -> "pbeWithSHAAnd128BitRC4";
            case "2" -> "pbeWithSHAAnd40BitRC4";
            case "3" -> "pbeWithSHAAnd3-KeyTripleDES-CBC";
            case "4" -> "pbeWithSHAAnd2-KeyTripleDES-CBC";
            case "5" -> "pbeWithSHAAnd128BitRC2-CBC";
            case "6" -> "pbewithSHAAnd40BitRC2-CBC";
            default -> oid.toString();
        };
    }

    @Override
    public String toString() {
        return "PKCS#12 PBE[SHA-1, " + (keyLength == TRIPLE_DES_KEY_LENGTH ? "3" : "2") + "-key triple DES, "
                + iterations + " iterations]";
    }
}
