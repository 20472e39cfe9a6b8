package org.jtls.crypto.jca;

import java.util.Objects;
import org.jtls.crypto.HashAlgorithm;

/** HKDF (RFC 5869) written over {@link JcaMac}; JDK 17 has no KDF API. */
final class JcaHkdf {
    private JcaHkdf() {
    }

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); a missing salt is HashLen zero bytes. */
    static byte[] extract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial) {
        Objects.requireNonNull(inputKeyingMaterial, "inputKeyingMaterial");
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[algorithm.outputLength()] : salt;
        JcaMac mac = new JcaMac(algorithm, effectiveSalt);
        mac.update(inputKeyingMaterial);
        return mac.finish();
    }

    /** RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) || info || i), output = first L bytes of T(1) || T(2) || ... */
    static byte[] expand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length) {
        Objects.requireNonNull(pseudoRandomKey, "pseudoRandomKey");
        int hashLength = algorithm.outputLength();
        if (length < 0 || length > 255 * hashLength) {
            throw new IllegalArgumentException("HKDF-Expand with " + algorithm.standardName() + " yields 0 to "
                    + 255 * hashLength + " bytes, asked for " + length);
        }
        byte[] effectiveInfo = info == null ? new byte[0] : info;
        JcaMac mac = new JcaMac(algorithm, pseudoRandomKey);
        byte[] output = new byte[length];
        byte[] block = new byte[hashLength];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            if (counter > 1) {
                mac.update(block);
            }
            mac.update(effectiveInfo);
            mac.update(new byte[] {(byte) counter});
            mac.finish(block, 0);
            int take = Math.min(hashLength, length - written);
            System.arraycopy(block, 0, output, written, take);
            written += take;
        }
        return output;
    }
}
