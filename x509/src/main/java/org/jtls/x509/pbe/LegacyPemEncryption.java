package org.jtls.x509.pbe;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.PassphraseRequiredException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;
import org.jtls.x509.pem.PemBlock;

/**
 * OpenSSL's "traditional" PEM encryption of PKCS#1 and SEC1 keys, in RFC 1421 headers:
 *
 * <pre>
 * Proc-Type: 4,ENCRYPTED
 * DEK-Info: AES-128-CBC,2C2F6A3C9F2B4D3E8A1B7C6D5E4F3A2B
 * </pre>
 * The hex value is the IV; the key is OpenSSL's {@code EVP_BytesToKey} with MD5, one iteration and
 * the first 8 bytes of the IV as salt: {@code D_1 = MD5(passphrase || salt)},
 * {@code D_i = MD5(D_(i-1) || passphrase || salt)}, concatenated to the key length. The passphrase
 * is taken as UTF-8. A weak scheme (one MD5 round), read here only to load existing files.
 */
public final class LegacyPemEncryption {
    private static final String PROC_TYPE = "Proc-Type";
    private static final String DEK_INFO = "DEK-Info";
    private static final int SALT_LENGTH = 8;

    private LegacyPemEncryption() {
    }

    /** Whether the block carries a {@code Proc-Type} header (every legacy-encrypted block does). */
    public static boolean isEncrypted(PemBlock block) {
        return block.headers().containsKey(PROC_TYPE);
    }

    public static byte[] decrypt(PemBlock block, char[] passphrase, CryptoBackend crypto) throws KeyFormatException {
        String procType = block.headers().get(PROC_TYPE).replace(" ", "");
        if (!procType.equals("4,ENCRYPTED")) {
            throw new UnsupportedKeyAlgorithmException("PEM Proc-Type '" + procType + "' is not supported "
                    + "(only 4,ENCRYPTED)");
        }
        String dekInfo = block.headers().get(DEK_INFO);
        if (dekInfo == null) {
            throw new KeyFormatException("encrypted PEM block (line " + block.beginLine() + ") has no DEK-Info header");
        }
        int comma = dekInfo.indexOf(',');
        if (comma < 0) {
            throw new KeyFormatException("DEK-Info '" + dekInfo + "' is not 'CIPHER,IV'");
        }
        String cipherName = dekInfo.substring(0, comma).trim().toUpperCase(Locale.ROOT);
        PbeCipher cipher = PbeCipher.forOpenSslName(cipherName);
        if (cipher == null) {
            throw new UnsupportedKeyAlgorithmException("PEM encryption with " + cipherName + " is not supported "
                    + "(AES-128-CBC, AES-256-CBC and DES-EDE3-CBC are)");
        }
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("DEK-Info IV is not hexadecimal: " + e.getMessage(), e);
        }
        if (iv.length != cipher.ivLength()) {
            throw new KeyFormatException("DEK-Info IV for " + cipherName + " must be " + cipher.ivLength()
                    + " bytes, found " + iv.length);
        }
        int keyLength = cipher.keyLength();
        if (passphrase == null) {
            throw new PassphraseRequiredException("the " + block.label() + " (" + cipherName + ")");
        }
        byte[] passphraseBytes = Passwords.utf8(passphrase);
        byte[] key = bytesToKey(crypto, passphraseBytes, Arrays.copyOf(iv, SALT_LENGTH), keyLength);
        Arrays.fill(passphraseBytes, (byte) 0);
        return cipher.decrypt(crypto, key, iv, block.data());
    }

    /** {@code EVP_BytesToKey(cipher, EVP_md5(), salt, passphrase, 1, key, NULL)}. */
    static byte[] bytesToKey(CryptoBackend crypto, byte[] passphrase, byte[] salt, int keyLength) {
        Digest md5 = crypto.digest(HashAlgorithm.MD5);
        byte[] key = new byte[keyLength];
        byte[] previous = new byte[0];
        for (int written = 0; written < keyLength; ) {
            md5.update(previous);
            md5.update(passphrase);
            md5.update(salt);
            previous = md5.finish();
            int take = Math.min(previous.length, keyLength - written);
            System.arraycopy(previous, 0, key, written, take);
            written += take;
        }
        Arrays.fill(previous, (byte) 0);
        return key;
    }
}
