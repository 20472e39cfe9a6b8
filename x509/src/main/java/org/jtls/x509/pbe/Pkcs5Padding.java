package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.x509.key.WrongPassphraseException;

/**
 * The padding PBES2, the PKCS#12 ciphers and OpenSSL's PEM encryption all use (RFC 8018 §6.1.1
 * step 4, RFC 5652 §6.3): n bytes of value n, 1 ≤ n ≤ block length.
 */
final class Pkcs5Padding {
    private Pkcs5Padding() {
    }

    static byte[] pad(byte[] plaintext, int blockLength) {
        int padding = blockLength - plaintext.length % blockLength;
        byte[] padded = Arrays.copyOf(plaintext, plaintext.length + padding);
        Arrays.fill(padded, plaintext.length, padded.length, (byte) padding);
        return padded;
    }

    /**
     * The plaintext without its padding. A bad pad almost always means the wrong passphrase; the
     * decrypted bytes are wiped before the exception leaves.
     */
    static byte[] unpad(byte[] decrypted, int blockLength) throws WrongPassphraseException {
        int padding = decrypted.length == 0 ? 0 : decrypted[decrypted.length - 1] & 0xFF;
        boolean valid = padding >= 1 && padding <= blockLength && padding <= decrypted.length;
        for (int i = 0; valid && i < padding; i++) {
            valid = (decrypted[decrypted.length - 1 - i] & 0xFF) == padding;
        }
        if (!valid) {
            Arrays.fill(decrypted, (byte) 0);
            throw new WrongPassphraseException("bad padding after decryption");
        }
        byte[] plaintext = Arrays.copyOf(decrypted, decrypted.length - padding);
        Arrays.fill(decrypted, (byte) 0);
        return plaintext;
    }
}
