package org.jtls.x509.key;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.Tag;
import org.jtls.x509.pbe.LegacyPemEncryption;
import org.jtls.x509.pbe.PasswordBasedEncryption;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;

/**
 * Reads private keys in the formats OpenSSL and most tools write:
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>PEM label</th><th>contents</th></tr>
 *   <tr><td>{@code PRIVATE KEY}</td><td>PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5958): RSA,
 *       RSASSA-PSS, EC, Ed25519, Ed448</td></tr>
 *   <tr><td>{@code ENCRYPTED PRIVATE KEY}</td><td>PKCS#8 EncryptedPrivateKeyInfo: PBES2 with PBKDF2
 *       (HMAC-SHA1/224/256/384/512) and AES-128/256-CBC or DES-EDE3-CBC; or the PKCS#12
 *       triple-DES ciphers</td></tr>
 *   <tr><td>{@code RSA PRIVATE KEY}</td><td>PKCS#1 RSAPrivateKey, two-prime</td></tr>
 *   <tr><td>{@code EC PRIVATE KEY}</td><td>SEC 1 ECPrivateKey with a named curve</td></tr>
 * </table>
 * The last two may carry OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} encryption. DER input is
 * recognised by its structure.
 *
 * <p>Every failure is a {@link KeyFormatException}: {@link PassphraseRequiredException} for an
 * encrypted key read without a passphrase, {@link WrongPassphraseException} when decryption fails
 * its padding check or yields something that is not a key, {@link UnsupportedKeyAlgorithmException}
 * for algorithms jtls lacks. Passphrases are taken as UTF-8, as OpenSSL does; {@code null} means
 * none was given.
 */
public final class PrivateKeyReader {
    private static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final String ENCRYPTED_PKCS8_LABEL = "ENCRYPTED PRIVATE KEY";
    private static final String PKCS1_LABEL = "RSA PRIVATE KEY";
    private static final String SEC1_LABEL = "EC PRIVATE KEY";

    private PrivateKeyReader() {
    }

    /** A parser for one DER structure. */
    private interface Decoder {
        DecodedPrivateKey decode(DerReader reader) throws DerException, KeyFormatException;
    }

    /** A key file in PEM or DER, told apart by content. */
    public static DecodedPrivateKey read(byte[] file, char[] passphrase, CryptoBackend crypto)
            throws KeyFormatException {
        if (file.length > 0 && file[0] == 0x30) {
            return readDer(file, passphrase, crypto);
        }
        return readPem(new String(file, StandardCharsets.ISO_8859_1), passphrase, crypto);
    }

    /** The one private key in a PEM text; other blocks (certificates, EC PARAMETERS) are ignored. */
    public static DecodedPrivateKey readPem(String text, char[] passphrase, CryptoBackend crypto)
            throws KeyFormatException {
        List<PemBlock> keys = new ArrayList<>();
        try {
            for (PemBlock block : Pem.parse(text)) {
                if (block.label().endsWith(PKCS8_LABEL)) {
                    keys.add(block);
                }
            }
        } catch (PemException e) {
            throw new KeyFormatException("malformed PEM: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new KeyFormatException("no PRIVATE KEY block in the PEM text");
        }
        if (keys.size() > 1) {
            throw new KeyFormatException(keys.size() + " private keys in one PEM text (lines "
                    + keys.get(0).beginLine() + " and " + keys.get(1).beginLine() + "); expected one");
        }
        return readPem(keys.get(0), passphrase, crypto);
    }

    public static DecodedPrivateKey readPem(PemBlock block, char[] passphrase, CryptoBackend crypto)
            throws KeyFormatException {
        String label = block.label();
        boolean legacyEncrypted = LegacyPemEncryption.isEncrypted(block);
        if (legacyEncrypted && !label.equals(PKCS1_LABEL) && !label.equals(SEC1_LABEL)) {
            throw new KeyFormatException("a " + label + " block cannot carry Proc-Type encryption headers");
        }
        Decoder decoder = switch (label) {
            case PKCS8_LABEL -> Pkcs8PrivateKeys::decode;
            case PKCS1_LABEL -> reader -> DecodedPrivateKey.of(Pkcs1RsaPrivateKeys.decode(reader));
            case SEC1_LABEL -> PrivateKeyReader::decodeSec1;
            case ENCRYPTED_PKCS8_LABEL -> null;
            default -> throw new UnsupportedKeyAlgorithmException("PEM '" + label + "' keys are not supported "
                    + "(PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY and EC PRIVATE KEY are)");
        };
        if (decoder == null) {
            return readEncryptedPkcs8(block.data(), passphrase, crypto);
        }
        if (legacyEncrypted) {
            return decodeDecrypted(LegacyPemEncryption.decrypt(block, passphrase, crypto), decoder);
        }
        return decode(block.data(), decoder, label);
    }

    /** DER of any of the four structures, recognised by the types of its first fields. */
    public static DecodedPrivateKey readDer(byte[] der, char[] passphrase, CryptoBackend crypto)
            throws KeyFormatException {
        Tag first;
        Tag second;
        try {
            DerReader sequence = DerReader.of(der).readSequence();
            first = sequence.peekTag();
            sequence.read();
            second = sequence.hasRemaining() ? sequence.peekTag() : null;
        } catch (DerException e) {
            throw new KeyFormatException("not a DER private key: " + e.getMessage(), e);
        }
        if (first.equals(Tag.SEQUENCE)) {
            return readEncryptedPkcs8(der, passphrase, crypto);
        }
        if (first.equals(Tag.INTEGER) && second != null) {
            if (second.equals(Tag.SEQUENCE)) {
                return readPkcs8(der);
            }
            if (second.equals(Tag.INTEGER)) {
                return decode(der, reader -> DecodedPrivateKey.of(Pkcs1RsaPrivateKeys.decode(reader)), "RSAPrivateKey");
            }
            if (second.equals(Tag.OCTET_STRING)) {
                return decode(der, PrivateKeyReader::decodeSec1, "ECPrivateKey");
            }
        }
        throw new KeyFormatException("DER is not a PKCS#8, PKCS#1 or SEC 1 private key");
    }

    /** An unencrypted PKCS#8 PrivateKeyInfo / OneAsymmetricKey. */
    public static DecodedPrivateKey readPkcs8(byte[] der) throws KeyFormatException {
        return decode(der, Pkcs8PrivateKeys::decode, "PrivateKeyInfo");
    }

    /**
     * {@code EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier,
     * encryptedData OCTET STRING }} (RFC 5958 §3), as in PEM {@code ENCRYPTED PRIVATE KEY} and
     * PKCS#12 shrouded key bags.
     */
    public static DecodedPrivateKey readEncryptedPkcs8(byte[] der, char[] passphrase, CryptoBackend crypto)
            throws KeyFormatException {
        AlgorithmIdentifier algorithm;
        byte[] encryptedData;
        try {
            DerReader input = DerReader.of(der);
            DerReader sequence = input.readSequence();
            algorithm = AlgorithmIdentifier.decode(sequence);
            encryptedData = sequence.readOctetString();
            sequence.end();
            input.end();
        } catch (DerException e) {
            throw new KeyFormatException("malformed EncryptedPrivateKeyInfo: " + e.getMessage(), e);
        }
        byte[] plaintext = PasswordBasedEncryption.decrypt(algorithm, encryptedData, passphrase, crypto,
                "the private key");
        return decodeDecrypted(plaintext, Pkcs8PrivateKeys::decode);
    }

    private static DecodedPrivateKey decodeSec1(DerReader reader) throws DerException, KeyFormatException {
        return DecodedPrivateKey.of(Sec1EcPrivateKeys.decode(reader, null).toKey(null));
    }

    private static DecodedPrivateKey decode(byte[] der, Decoder decoder, String what) throws KeyFormatException {
        try {
            DerReader reader = DerReader.of(der);
            DecodedPrivateKey key = decoder.decode(reader);
            reader.end();
            return key;
        } catch (DerException e) {
            throw new KeyFormatException("malformed " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses what a decryption produced. Padding that checks out by chance under a wrong
     * passphrase (about 1 in 256) leaves bytes that are not DER, so a DER error here is reported
     * as a wrong passphrase; the plaintext is wiped either way.
     */
    private static DecodedPrivateKey decodeDecrypted(byte[] plaintext, Decoder decoder) throws KeyFormatException {
        try {
            DerReader reader = DerReader.of(plaintext);
            DecodedPrivateKey key = decoder.decode(reader);
            reader.end();
            return key;
        } catch (DerException e) {
            throw new WrongPassphraseException("the decrypted data is not a private key", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
