package org.jtls.x509.pbe;

import java.util.Arrays;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;

/**
 * A PBKDF2 algorithm identifier's parameters (RFC 8018 Appendix A.2), as PBES2 and PBMAC1 carry them:
 *
 * <pre>
 * PBKDF2-params ::= SEQUENCE {
 *   salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
 *   iterationCount INTEGER (1..MAX), keyLength INTEGER (1..MAX) OPTIONAL,
 *   prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
 * </pre>
 * {@code keyLength} is 0 here when absent. The salt's {@code otherSource} is refused as unsupported.
 */
record Pbkdf2Parameters(byte[] salt, int iterations, int keyLength, HashAlgorithm prf) {
    static final ObjectIdentifier PBKDF2 = ObjectIdentifier.of("1.2.840.113549.1.5.12");
    private static final ObjectIdentifier SCRYPT = ObjectIdentifier.of("1.3.6.1.4.1.11591.4.11");
    private static final int MAX_KEY_LENGTH = 1024;

    /** Decodes a key derivation function identifier, which must be PBKDF2. */
    static Pbkdf2Parameters decode(AlgorithmIdentifier kdf) throws KeyFormatException {
        if (kdf.algorithm().equals(SCRYPT)) {
            throw new UnsupportedKeyAlgorithmException("scrypt is not supported (only PBKDF2)");
        }
        if (!kdf.algorithm().equals(PBKDF2)) {
            throw new UnsupportedKeyAlgorithmException("key derivation function " + kdf.algorithm()
                    + " is not supported (only PBKDF2)");
        }
        if (kdf.parameters() == null) {
            throw new KeyFormatException("PBKDF2 without parameters");
        }
        try {
            DerReader sequence = kdf.parameters().asReader().readSequence();
            if (!sequence.nextIs(Tag.OCTET_STRING)) {
                throw new UnsupportedKeyAlgorithmException("PBKDF2 salt from another source (otherSource) is not "
                        + "supported");
            }
            byte[] salt = sequence.readOctetString();
            int iterations = PasswordBasedEncryption.iterations(sequence.readLong(1, Long.MAX_VALUE));
            int keyLength = 0;
            if (sequence.nextIs(Tag.INTEGER)) {
                keyLength = (int) sequence.readLong(1, MAX_KEY_LENGTH);
            }
            HashAlgorithm prf = HashAlgorithm.SHA1;
            if (sequence.hasRemaining()) {
                prf = HmacPrf.decode(AlgorithmIdentifier.decode(sequence));
            }
            sequence.end();
            return new Pbkdf2Parameters(salt, iterations, keyLength, prf);
        } catch (DerException e) {
            throw new KeyFormatException("malformed PBKDF2 parameters: " + e.getMessage(), e);
        }
    }

    /** PBKDF2 over the passphrase's UTF-8 bytes. */
    byte[] deriveKey(char[] password, int length, CryptoBackend crypto) {
        byte[] passwordBytes = Passwords.utf8(password);
        byte[] key = Pbkdf2.derive(crypto, prf, passwordBytes, salt, iterations, length);
        Arrays.fill(passwordBytes, (byte) 0);
        return key;
    }

    /** The identifier with the key length omitted (the cipher implies it) and the PRF with NULL parameters. */
    void encode(DerWriter writer) {
        writer.writeSequence(kdf -> kdf.writeOid(PBKDF2).writeSequence(pbkdf2 -> {
            pbkdf2.writeOctetString(salt).writeInteger(iterations);
            HmacPrf.identifier(prf).encode(pbkdf2);
        }));
    }
}
