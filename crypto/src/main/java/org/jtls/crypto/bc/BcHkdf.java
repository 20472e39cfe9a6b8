package org.jtls.crypto.bc;

import java.util.Objects;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jtls.crypto.HashAlgorithm;

/** HKDF (RFC 5869) with Bouncy Castle's {@link HKDFBytesGenerator}, extract and expand kept apart as TLS 1.3 uses them. */
final class BcHkdf {
    private static final byte[] NO_INFO = new byte[0];

    private BcHkdf() {
    }

    /** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); a missing salt is HashLen zero bytes. */
    static byte[] extract(HashAlgorithm algorithm, byte[] salt, byte[] inputKeyingMaterial) {
        Objects.requireNonNull(inputKeyingMaterial, "inputKeyingMaterial");
        byte[] effectiveSalt = salt == null || salt.length == 0 ? new byte[algorithm.outputLength()] : salt;
        return new HKDFBytesGenerator(BcDigest.newBcDigest(algorithm)).extractPRK(effectiveSalt, inputKeyingMaterial);
    }

    /** RFC 5869 §2.3: OKM of {@code length} bytes, at most 255 × HashLen. */
    static byte[] expand(HashAlgorithm algorithm, byte[] pseudoRandomKey, byte[] info, int length) {
        Objects.requireNonNull(pseudoRandomKey, "pseudoRandomKey");
        int maximum = 255 * algorithm.outputLength();
        if (length < 0 || length > maximum) {
            throw new IllegalArgumentException("HKDF-Expand length must be in 0.." + maximum + " for "
                    + algorithm.standardName() + ", got " + length);
        }
        byte[] output = new byte[length];
        if (length == 0) {
            return output;
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(BcDigest.newBcDigest(algorithm));
        generator.init(HKDFParameters.skipExtractParameters(pseudoRandomKey, info == null ? NO_INFO : info));
        generator.generateBytes(output, 0, length);
        return output;
    }
}
