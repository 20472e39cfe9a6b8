package org.jtls.x509.pkcs12;

import java.util.Arrays;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;
import org.jtls.x509.key.WrongPassphraseException;
import org.jtls.x509.pbe.PasswordBasedEncryption;
import org.jtls.x509.pbe.Passwords;
import org.jtls.x509.pbe.Pbmac1;
import org.jtls.x509.pbe.Pkcs12Kdf;

/**
 * The password integrity check of a PFX (RFC 7292 §4):
 *
 * <pre>
 * MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
 * DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }
 * </pre>
 * An HMAC over the authSafe content octets, with the hash the DigestInfo names and a key from the
 * PKCS#12 KDF (Appendix B, ID 3); or PBMAC1 (RFC 9579) when the DigestInfo names id-PBMAC1.
 */
final class Pkcs12Mac {
    private Pkcs12Mac() {
    }

    /** @throws WrongPassphraseException if the MAC does not verify under {@code password} */
    static void verify(DerReader macData, byte[] authSafe, char[] password, CryptoBackend crypto)
            throws KeyFormatException, DerException {
        DerReader digestInfo = macData.readSequence();
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.decode(digestInfo);
        byte[] expected = digestInfo.readOctetString();
        digestInfo.end();
        byte[] salt = macData.readOctetString();
        long iterations = macData.nextIs(Tag.INTEGER) ? macData.readLong(1, Long.MAX_VALUE) : 1;
        macData.end();

        if (algorithm.algorithm().equals(Pbmac1.PBMAC1)) {
            byte[] actual = Pbmac1.decode(algorithm).mac(authSafe, password, crypto);
            if (!ConstantTime.equals(actual, expected)) {
                throw new WrongPassphraseException("the PKCS#12 PBMAC1 MAC does not verify");
            }
            return;
        }
        HashAlgorithm hash = macHash(algorithm);
        if (expected.length != hash.outputLength()) {
            throw new KeyFormatException("PKCS#12 MAC of " + expected.length + " bytes for " + hash.standardName());
        }
        int rounds = PasswordBasedEncryption.MAX_ITERATIONS;
        if (iterations > rounds) {
            throw new KeyFormatException("MAC iteration count " + iterations + " exceeds jtls's limit of " + rounds);
        }
        byte[] bmpPassword = Passwords.bmpWithTerminator(password);
        boolean verified = hmacMatches(crypto, hash, bmpPassword, salt, (int) iterations, authSafe, expected);
        if (!verified && password.length == 0) {
            // OpenSSL's PKCS12_parse also accepts a MAC made with no password at all (zero bytes),
            // which is what some tools write for an empty one.
            verified = hmacMatches(crypto, hash, new byte[0], salt, (int) iterations, authSafe, expected);
        }
        Arrays.fill(bmpPassword, (byte) 0);
        if (!verified) {
            throw new WrongPassphraseException("the PKCS#12 MAC does not verify");
        }
    }

    private static boolean hmacMatches(CryptoBackend crypto, HashAlgorithm hash, byte[] password, byte[] salt,
            int iterations, byte[] authSafe, byte[] expected) {
        byte[] key = Pkcs12Kdf.derive(crypto, hash, Pkcs12Kdf.Purpose.MAC_KEY, password, salt, iterations,
                hash.outputLength());
        Mac mac = crypto.hmac(hash, key);
        Arrays.fill(key, (byte) 0);
        mac.update(authSafe);
        return ConstantTime.equals(mac.finish(), expected);
    }

    private static HashAlgorithm macHash(AlgorithmIdentifier algorithm) throws KeyFormatException {
        KnownAlgorithm known = algorithm.knownAlgorithm();
        boolean isHash = known == KnownAlgorithm.SHA1 || known == KnownAlgorithm.SHA224 || known == KnownAlgorithm.SHA256
                || known == KnownAlgorithm.SHA384 || known == KnownAlgorithm.SHA512 || known == KnownAlgorithm.MD5;
        if (!isHash) {
            throw new UnsupportedKeyAlgorithmException("PKCS#12 MAC algorithm " + algorithm.name()
                    + " is not supported (SHA-1, SHA-2 and PBMAC1 are)");
        }
        if (algorithm.hasParameters() && !algorithm.hasNullParameters()) {
            throw new KeyFormatException("PKCS#12 MAC digest algorithm parameters must be NULL or absent");
        }
        return known.hash();
    }
}
