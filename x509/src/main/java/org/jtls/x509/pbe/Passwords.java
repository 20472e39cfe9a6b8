package org.jtls.x509.pbe;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte strings a passphrase becomes. Each scheme fixes its own: PBES2 and OpenSSL's legacy PEM
 * encryption take the passphrase's UTF-8 bytes (what OpenSSL passes through from its command line);
 * the PKCS#12 key derivation takes a BMPString, big-endian UTF-16 with two zero bytes appended
 * (RFC 7292 Appendix B.1).
 */
public final class Passwords {
    private Passwords() {
    }

    /** @throws IllegalArgumentException if the passphrase holds an unpaired surrogate */
    public static byte[] utf8(char[] passphrase) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(passphrase));
            byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.arrayOffset(),
                    encoded.arrayOffset() + encoded.remaining());
            Arrays.fill(encoded.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("passphrase is not valid UTF-16 text (unpaired surrogate)", e);
        }
    }

    /** RFC 7292 Appendix B.1: the BMPString, then 0x0000. A character beyond the BMP becomes its surrogate pair. */
    public static byte[] bmpWithTerminator(char[] passphrase) {
        byte[] bytes = new byte[2 * passphrase.length + 2];
        for (int i = 0; i < passphrase.length; i++) {
            bytes[2 * i] = (byte) (passphrase[i] >>> 8);
            bytes[2 * i + 1] = (byte) passphrase[i];
        }
        return bytes;
    }
}
