package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;
import org.jtls.x509.key.WrongPassphraseException;

/**
 * The CBC ciphers that protect private keys, by the OID PBES2 names them with (RFC 8018 Appendix
 * B.2) and the name OpenSSL's {@code DEK-Info} header uses. The ones the crypto backend lacks are
 * listed so that files using them get a precise error rather than "unknown algorithm".
 */
public enum PbeCipher {
    AES_128_CBC("2.16.840.1.101.3.4.1.2", "AES-128-CBC", CbcAlgorithm.AES_128_CBC, 16),
    AES_192_CBC("2.16.840.1.101.3.4.1.22", "AES-192-CBC", null, 16),
    AES_256_CBC("2.16.840.1.101.3.4.1.42", "AES-256-CBC", CbcAlgorithm.AES_256_CBC, 16),
    DES_EDE3_CBC("1.2.840.113549.3.7", "DES-EDE3-CBC", CbcAlgorithm.TRIPLE_DES_EDE_CBC, 8),
    DES_CBC("1.3.14.3.2.7", "DES-CBC", null, 8),
    RC2_CBC("1.2.840.113549.3.2", "RC2-CBC", null, 8);

    private final ObjectIdentifier oid;
    private final String openSslName;
    private final CbcAlgorithm algorithm;
    private final int blockLength;

    PbeCipher(String oid, String openSslName, CbcAlgorithm algorithm, int blockLength) {
        this.oid = ObjectIdentifier.of(oid);
        this.openSslName = openSslName;
        this.algorithm = algorithm;
        this.blockLength = blockLength;
    }

    public ObjectIdentifier oid() {
        return oid;
    }

    /** {@code AES-256-CBC}, as in {@code DEK-Info} headers. */
    public String openSslName() {
        return openSslName;
    }

    /** The IV length, equal to the block length. */
    public int ivLength() {
        return blockLength;
    }

    /** @throws UnsupportedKeyAlgorithmException for a cipher the crypto backend does not offer */
    public int keyLength() throws UnsupportedKeyAlgorithmException {
        return supported().keyLength();
    }

    public static PbeCipher forOid(ObjectIdentifier oid) {
        for (PbeCipher cipher : values()) {
            if (cipher.oid.equals(oid)) {
                return cipher;
            }
        }
        return null;
    }

    public static PbeCipher forOpenSslName(String name) {
        for (PbeCipher cipher : values()) {
            if (cipher.openSslName.equals(name)) {
                return cipher;
            }
        }
        return null;
    }

    private CbcAlgorithm supported() throws UnsupportedKeyAlgorithmException {
        if (algorithm == null) {
            throw new UnsupportedKeyAlgorithmException(openSslName + " is not supported (jtls decrypts keys "
                    + "protected with AES-128-CBC, AES-256-CBC or DES-EDE3-CBC)");
        }
        return algorithm;
    }

    /**
     * Decrypts and removes the PKCS#5 padding, then wipes {@code key}.
     *
     * @throws WrongPassphraseException if the padding is wrong (the usual sign of a wrong passphrase)
     */
    public byte[] decrypt(CryptoBackend crypto, byte[] key, byte[] iv, byte[] ciphertext) throws KeyFormatException {
        CbcAlgorithm cbc = supported();
        if (iv.length != blockLength) {
            throw new KeyFormatException(openSslName + " needs a " + blockLength + "-byte IV, found " + iv.length);
        }
        if (ciphertext.length == 0 || ciphertext.length % blockLength != 0) {
            throw new KeyFormatException("encrypted data of " + ciphertext.length + " bytes is not a whole number of "
                    + openSslName + " blocks");
        }
        byte[] decrypted = crypto.cbc(cbc, key, false).process(iv, ciphertext);
        Arrays.fill(key, (byte) 0);
        return Pkcs5Padding.unpad(decrypted, blockLength);
    }

    /** Pads and encrypts. */
    public byte[] encrypt(CryptoBackend crypto, byte[] key, byte[] iv, byte[] plaintext)
            throws UnsupportedKeyAlgorithmException {
        CbcAlgorithm cbc = supported();
        byte[] padded = Pkcs5Padding.pad(plaintext, blockLength);
        byte[] ciphertext = crypto.cbc(cbc, key, true).process(iv, padded);
        Arrays.fill(padded, (byte) 0);
        return ciphertext;
    }
}
