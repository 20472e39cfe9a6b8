package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.KeyFormatException;

/**
 * PBMAC1 (RFC 8018 §7.1) as a PKCS#12 integrity MAC (RFC 9579): {@code PBMAC1-params ::= SEQUENCE
 * { keyDerivationFunc AlgorithmIdentifier, messageAuthScheme AlgorithmIdentifier }}, PBKDF2 with
 * its keyLength present and the password as UTF-8, then HMAC with the message authentication
 * scheme's hash. The MacData's own salt and iteration count are not used.
 */
public final class Pbmac1 {
    public static final ObjectIdentifier PBMAC1 = ObjectIdentifier.of("1.2.840.113549.1.5.14");

    private final Pbkdf2Parameters kdf;
    private final HashAlgorithm hmac;

    private Pbmac1(Pbkdf2Parameters kdf, HashAlgorithm hmac) {
        this.kdf = kdf;
        this.hmac = hmac;
    }

    public static Pbmac1 decode(AlgorithmIdentifier id) throws KeyFormatException {
        if (id.parameters() == null) {
            throw new KeyFormatException("PBMAC1 without parameters");
        }
        AlgorithmIdentifier kdfId;
        AlgorithmIdentifier scheme;
        try {
            DerReader sequence = id.parameters().asReader().readSequence();
            kdfId = AlgorithmIdentifier.decode(sequence);
            scheme = AlgorithmIdentifier.decode(sequence);
            sequence.end();
        } catch (DerException e) {
            throw new KeyFormatException("malformed PBMAC1 parameters: " + e.getMessage(), e);
        }
        Pbkdf2Parameters kdf = Pbkdf2Parameters.decode(kdfId);
        if (kdf.keyLength() == 0) {
            throw new KeyFormatException("PBMAC1's PBKDF2 parameters must give the key length (RFC 9579 §5)");
        }
        return new Pbmac1(kdf, HmacPrf.decode(scheme));
    }

    /** The MAC of {@code data} under a key derived from {@code password}. */
    public byte[] mac(byte[] data, char[] password, CryptoBackend crypto) {
        byte[] key = kdf.deriveKey(password, kdf.keyLength(), crypto);
        Mac mac = crypto.hmac(hmac, key);
        Arrays.fill(key, (byte) 0);
        mac.update(data);
        return mac.finish();
    }
}
