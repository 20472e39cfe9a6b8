package org.jtls.x509.pkcs12;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerLimits;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.PassphraseRequiredException;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;
import org.jtls.x509.key.WrongPassphraseException;
import org.jtls.x509.pbe.PasswordBasedEncryption;

/**
 * Imports a PKCS#12 file (RFC 7292) in password integrity and password privacy modes:
 *
 * <pre>
 * PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
 * AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- id-data or id-encryptedData
 * EncryptedData ::= SEQUENCE { version INTEGER, encryptedContentInfo EncryptedContentInfo,
 *   unprotectedAttrs [1] IMPLICIT ... OPTIONAL }                       (RFC 5652 §8)
 * EncryptedContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER,
 *   contentEncryptionAlgorithm AlgorithmIdentifier, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
 * </pre>
 * The MAC is checked before anything is decrypted. Encryption: PBES2 with PBKDF2 and AES-CBC (the
 * OpenSSL 3 and JDK default) and {@code pbeWithSHAAnd3-KeyTripleDES-CBC} (the legacy default for
 * keys); 40-bit RC2, which older tools use for the certificates, is reported as unsupported.
 *
 * <p><b>DER only.</b> jtls reads PKCS#12 with its strict DER reader. OpenSSL, the JDK and Bouncy
 * Castle write DER; files from some older tools use BER indefinite lengths and are refused with an
 * error that says so (re-exporting with {@code openssl pkcs12} fixes them).
 *
 * <p><b>Passwords.</b> The PKCS#12 KDF (MAC, triple-DES) takes the password as a BMPString with a
 * terminating 0x0000; PBES2 and PBMAC1 take its UTF-8 bytes, as OpenSSL 3 does.
 */
public final class Pkcs12Reader {
    /** Larger than the certificate default: a trust store in PKCS#12 holds a few hundred certificates. */
    private static final DerLimits LIMITS = new DerLimits(32, 16 << 20);
    private static final ObjectIdentifier DATA = ObjectIdentifier.of("1.2.840.113549.1.7.1");
    private static final ObjectIdentifier SIGNED_DATA = ObjectIdentifier.of("1.2.840.113549.1.7.2");
    private static final ObjectIdentifier ENVELOPED_DATA = ObjectIdentifier.of("1.2.840.113549.1.7.3");
    private static final ObjectIdentifier ENCRYPTED_DATA = ObjectIdentifier.of("1.2.840.113549.1.7.6");
    private static final int PFX_VERSION = 3;

    private Pkcs12Reader() {
    }

    /**
     * Reads, verifies and decrypts a PKCS#12 file and pairs each key with its certificate.
     *
     * @param password {@code null} only for a file that has neither a MAC nor encrypted contents
     */
    public static Pkcs12Contents read(byte[] pfx, char[] password, CryptoBackend crypto) throws KeyFormatException {
        Objects.requireNonNull(pfx, "pfx");
        SafeBagCollector bags = new SafeBagCollector(password, crypto);
        boolean macVerified;
        try {
            DerReader input = DerReader.of(pfx, LIMITS);
            DerReader sequence = input.readSequence();
            int versionOffset = sequence.position();
            if (sequence.readLong(0, Long.MAX_VALUE) != PFX_VERSION) {
                throw new DerException("PFX version must be 3", versionOffset);
            }
            byte[] authSafe = authSafeContent(sequence);
            macVerified = sequence.hasRemaining();
            if (macVerified) {
                if (password == null) {
                    throw new PassphraseRequiredException("the PKCS#12 file");
                }
                Pkcs12Mac.verify(sequence.readSequence(), authSafe, password, crypto);
            }
            sequence.end();
            input.end();
            readAuthenticatedSafe(DerReader.of(authSafe, LIMITS), bags, password, crypto);
        } catch (DerException e) {
            throw malformed(e);
        }
        return pair(bags, macVerified);
    }

    /** {@code authSafe ContentInfo}: id-data whose {@code [0] EXPLICIT OCTET STRING} holds the AuthenticatedSafe. */
    private static byte[] authSafeContent(DerReader pfx) throws DerException, KeyFormatException {
        DerReader contentInfo = pfx.readSequence();
        ObjectIdentifier type = contentInfo.readOid();
        if (type.equals(SIGNED_DATA)) {
            throw new UnsupportedKeyAlgorithmException("PKCS#12 public-key integrity mode (signedData) is not "
                    + "supported, only password integrity");
        }
        if (!type.equals(DATA)) {
            throw new KeyFormatException("PKCS#12 authSafe content type " + type + " is not id-data");
        }
        DerReader explicit = contentInfo.readExplicit(0);
        byte[] content = explicit.readOctetString();
        explicit.end();
        contentInfo.end();
        return content;
    }

    private static void readAuthenticatedSafe(DerReader input, SafeBagCollector bags, char[] password,
            CryptoBackend crypto) throws DerException, KeyFormatException {
        DerReader authenticatedSafe = input.readSequence();
        input.end();
        while (authenticatedSafe.hasRemaining()) {
            DerReader contentInfo = authenticatedSafe.readSequence();
            ObjectIdentifier type = contentInfo.readOid();
            DerReader explicit = contentInfo.readExplicit(0);
            if (type.equals(DATA)) {
                bags.readSafeContents(DerReader.of(explicit.readOctetString(), LIMITS));
            } else if (type.equals(ENCRYPTED_DATA)) {
                byte[] plaintext = decrypt(explicit.readSequence(), password, crypto);
                try {
                    bags.readSafeContents(DerReader.of(plaintext, LIMITS));
                } catch (DerException e) {
                    // Padding that checks out by chance under a wrong password leaves bytes that are not DER.
                    throw new WrongPassphraseException("the decrypted PKCS#12 contents are not SafeContents", e);
                }
            } else if (type.equals(ENVELOPED_DATA)) {
                throw new UnsupportedKeyAlgorithmException("PKCS#12 public-key privacy mode (envelopedData) is not "
                        + "supported, only password privacy");
            } else {
                throw new KeyFormatException("PKCS#12 content type " + type + " is neither data nor encryptedData");
            }
            explicit.end();
            contentInfo.end();
        }
    }

    private static byte[] decrypt(DerReader encryptedData, char[] password, CryptoBackend crypto)
            throws DerException, KeyFormatException {
        encryptedData.readLong(0, 2);
        DerReader info = encryptedData.readSequence();
        ObjectIdentifier contentType = info.readOid();
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.decode(info);
        Tag encryptedContentTag = Tag.contextSpecific(0, false);
        if (!info.nextIs(encryptedContentTag)) {
            throw new KeyFormatException("PKCS#12 encryptedData without encryptedContent");
        }
        byte[] ciphertext = info.read(encryptedContentTag).octetStringValue();
        info.end();
        encryptedData.readOptional(Tag.contextSpecific(1, true));
        encryptedData.end();
        if (!contentType.equals(DATA)) {
            throw new KeyFormatException("PKCS#12 encrypted content type " + contentType + " is not id-data");
        }
        return PasswordBasedEncryption.decrypt(algorithm, ciphertext, password, crypto, "the PKCS#12 contents");
    }

    /**
     * Gives each key the certificate whose public key is the key's (the one with the same
     * localKeyId first, as that is what tools intend) and the chain that certificate starts.
     */
    private static Pkcs12Contents pair(SafeBagCollector bags, boolean macVerified) {
        List<Certificate> allCertificates = new ArrayList<>();
        bags.certificates.forEach(entry -> allCertificates.add(entry.certificate()));
        List<Pkcs12KeyEntry> entries = new ArrayList<>();
        for (SafeBagCollector.KeyBag bag : bags.keys) {
            Certificate leaf = null;
            for (Pkcs12CertificateEntry candidate : candidatesFor(bag, bags.certificates)) {
                PublicKeyMaterial publicKey = candidate.certificate().publicKey().orElse(null);
                if (publicKey != null && bag.key().matches(publicKey)) {
                    leaf = candidate.certificate();
                    break;
                }
            }
            List<Certificate> chain = leaf == null ? List.of() : CertificateChains.order(leaf, allCertificates);
            entries.add(new Pkcs12KeyEntry(bag.key(), chain, bag.attributes()));
        }
        return new Pkcs12Contents(entries, bags.certificates, macVerified, bags.ignored);
    }

    private static List<Pkcs12CertificateEntry> candidatesFor(SafeBagCollector.KeyBag bag,
            List<Pkcs12CertificateEntry> certificates) {
        List<Pkcs12CertificateEntry> ordered = new ArrayList<>();
        for (Pkcs12CertificateEntry entry : certificates) {
            if (entry.attributes().sameLocalKeyId(bag.attributes())) {
                ordered.add(entry);
            }
        }
        for (Pkcs12CertificateEntry entry : certificates) {
            if (!ordered.contains(entry)) {
                ordered.add(entry);
            }
        }
        return ordered;
    }

    private static KeyFormatException malformed(DerException e) {
        if (e.problem().contains("indefinite length") || e.problem().contains("end-of-contents")) {
            return new KeyFormatException("the PKCS#12 file uses BER indefinite-length encoding, which jtls does not "
                    + "read (DER only); re-export it with openssl pkcs12 (" + e.getMessage() + ")", e);
        }
        return new KeyFormatException("malformed PKCS#12 file: " + e.getMessage(), e);
    }
}
