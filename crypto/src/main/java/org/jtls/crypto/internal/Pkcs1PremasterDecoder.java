package org.jtls.crypto.internal;

import java.security.SecureRandom;
import org.jtls.crypto.ConstantTime;

/**
 * The constant-time half of RSA pre-master secret decryption (RFC 5246 §7.4.7.1), shared by both
 * backends: they perform the raw RSA private operation, this class checks the PKCS#1 v1.5 type-2
 * padding and chooses between the decrypted secret and a random one without branching on secret
 * data.
 */
public final class Pkcs1PremasterDecoder {
    /** Length of a TLS pre-master secret. */
    public static final int PREMASTER_LENGTH = 48;

    private Pkcs1PremasterDecoder() {
    }

    /**
     * @param encodedMessage the raw RSA output EM, exactly the modulus length (leading zeros kept)
     * @param clientVersion  the two ClientHello.client_version bytes
     */
    public static byte[] decode(byte[] encodedMessage, byte[] clientVersion, SecureRandom random) {
        if (clientVersion.length != 2) {
            throw new IllegalArgumentException("client version is two bytes");
        }
        // Step 1 of §7.4.7.1: the random fallback is drawn before looking at the plaintext.
        byte[] fallback = new byte[PREMASTER_LENGTH];
        random.nextBytes(fallback);

        int length = encodedMessage.length;
        // EM = 0x00 || 0x02 || PS (≥ 8 non-zero bytes) || 0x00 || M, with |M| = 48.
        int good = ConstantTime.equalMask(encodedMessage[0] & 0xFF, 0x00);
        good &= ConstantTime.equalMask(encodedMessage[1] & 0xFF, 0x02);
        int messageStart = length - PREMASTER_LENGTH;
        // The separator must sit exactly before M, and every padding byte before it must be non-zero.
        good &= ConstantTime.equalMask(encodedMessage[messageStart - 1] & 0xFF, 0x00);
        for (int i = 2; i < messageStart - 1; i++) {
            good &= ~ConstantTime.equalMask(encodedMessage[i] & 0xFF, 0x00);
        }
        // At least 8 padding bytes: messageStart - 1 - 2 >= 8, public (depends on key size only).
        good &= ~ConstantTime.lessThanMask(messageStart - 3, 8);

        byte[] decoded = new byte[PREMASTER_LENGTH];
        System.arraycopy(encodedMessage, messageStart, decoded, 0, PREMASTER_LENGTH);
        byte[] result = new byte[PREMASTER_LENGTH];
        ConstantTime.select(good, decoded, fallback, result);
        // Either way the version is the one the client offered; a client that put another version
        // in the secret gets a Finished mismatch, indistinguishable from bad padding.
        result[0] = clientVersion[0];
        result[1] = clientVersion[1];
        java.util.Arrays.fill(decoded, (byte) 0);
        return result;
    }
}
