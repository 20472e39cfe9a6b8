package org.jtls.x509.pkcs12;

import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.StringType;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.DecodedPrivateKey;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.PrivateKeyReader;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;

/**
 * Reads {@code SafeContents ::= SEQUENCE OF SafeBag} (RFC 7292 §4.2) and collects keys and
 * certificates:
 *
 * <pre>
 * SafeBag ::= SEQUENCE { bagId OBJECT IDENTIFIER, bagValue [0] EXPLICIT ANY,
 *   bagAttributes SET OF PKCS12Attribute OPTIONAL }
 * PKCS12Attribute ::= SEQUENCE { attrId OBJECT IDENTIFIER, attrValues SET OF ANY }
 * CertBag ::= SEQUENCE { certId OBJECT IDENTIFIER, certValue [0] EXPLICIT OCTET STRING }
 * </pre>
 * Key bags hold a PrivateKeyInfo, shrouded key bags an EncryptedPrivateKeyInfo; safe-contents
 * bags nest. CRL and secret bags are noted and skipped.
 */
final class SafeBagCollector {
    private static final String BAG_TYPES = "1.2.840.113549.1.12.10.1.";
    private static final ObjectIdentifier KEY_BAG = ObjectIdentifier.of(BAG_TYPES + "1");
    private static final ObjectIdentifier PKCS8_SHROUDED_KEY_BAG = ObjectIdentifier.of(BAG_TYPES + "2");
    private static final ObjectIdentifier CERT_BAG = ObjectIdentifier.of(BAG_TYPES + "3");
    private static final ObjectIdentifier CRL_BAG = ObjectIdentifier.of(BAG_TYPES + "4");
    private static final ObjectIdentifier SECRET_BAG = ObjectIdentifier.of(BAG_TYPES + "5");
    private static final ObjectIdentifier SAFE_CONTENTS_BAG = ObjectIdentifier.of(BAG_TYPES + "6");
    private static final ObjectIdentifier X509_CERTIFICATE = ObjectIdentifier.of("1.2.840.113549.1.9.22.1");
    private static final ObjectIdentifier FRIENDLY_NAME = ObjectIdentifier.of("1.2.840.113549.1.9.20");
    private static final ObjectIdentifier LOCAL_KEY_ID = ObjectIdentifier.of("1.2.840.113549.1.9.21");

    /** A key as found, before it is paired with a certificate. */
    record KeyBag(DecodedPrivateKey key, Pkcs12Attributes attributes) {
    }

    private final char[] password;
    private final CryptoBackend crypto;
    final List<KeyBag> keys = new ArrayList<>();
    final List<Pkcs12CertificateEntry> certificates = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();

    SafeBagCollector(char[] password, CryptoBackend crypto) {
        this.password = password;
        this.crypto = crypto;
    }

    /** Reads the one SafeContents that {@code reader} holds. */
    void readSafeContents(DerReader reader) throws DerException, KeyFormatException {
        DerReader safeContents = reader.readSequence();
        reader.end();
        while (safeContents.hasRemaining()) {
            readSafeBag(safeContents.readSequence());
        }
    }

    private void readSafeBag(DerReader bag) throws DerException, KeyFormatException {
        ObjectIdentifier bagId = bag.readOid();
        DerReader explicit = bag.readExplicit(0);
        DerElement value = explicit.read();
        explicit.end();
        Pkcs12Attributes attributes = bag.hasRemaining() ? attributes(bag.readSet()) : Pkcs12Attributes.NONE;
        bag.end();

        if (bagId.equals(KEY_BAG)) {
            keys.add(new KeyBag(PrivateKeyReader.readPkcs8(value.encoded()), attributes));
        } else if (bagId.equals(PKCS8_SHROUDED_KEY_BAG)) {
            keys.add(new KeyBag(PrivateKeyReader.readEncryptedPkcs8(value.encoded(), password, crypto), attributes));
        } else if (bagId.equals(CERT_BAG)) {
            certificates.add(new Pkcs12CertificateEntry(certificate(value), attributes));
        } else if (bagId.equals(SAFE_CONTENTS_BAG)) {
            readSafeContents(value.asReader());
        } else if (bagId.equals(CRL_BAG)) {
            ignored.add("crlBag");
        } else if (bagId.equals(SECRET_BAG)) {
            ignored.add("secretBag");
        } else {
            throw new UnsupportedKeyAlgorithmException("PKCS#12 bag type " + bagId + " is not supported");
        }
    }

    private static Certificate certificate(DerElement value) throws DerException, KeyFormatException {
        DerReader certBag = value.asReader().readSequence();
        ObjectIdentifier certId = certBag.readOid();
        DerReader explicit = certBag.readExplicit(0);
        byte[] der = explicit.readOctetString();
        explicit.end();
        certBag.end();
        if (!certId.equals(X509_CERTIFICATE)) {
            throw new UnsupportedKeyAlgorithmException("PKCS#12 certificate type " + certId
                    + " is not supported (only x509Certificate)");
        }
        try {
            return Certificate.parse(der);
        } catch (DerException e) {
            throw new KeyFormatException("a certificate in the PKCS#12 file is malformed: " + e.getMessage(), e);
        }
    }

    /** friendlyName and localKeyId, each with exactly one value (PKCS#9 makes both single-valued). */
    private static Pkcs12Attributes attributes(DerReader set) throws DerException, KeyFormatException {
        String friendlyName = null;
        byte[] localKeyId = null;
        while (set.hasRemaining()) {
            DerReader attribute = set.readSequence();
            ObjectIdentifier type = attribute.readOid();
            DerReader values = attribute.readSet();
            attribute.end();
            if (type.equals(FRIENDLY_NAME)) {
                friendlyName = values.readString(StringType.BMP_STRING);
                values.end();
            } else if (type.equals(LOCAL_KEY_ID)) {
                localKeyId = values.read(Tag.OCTET_STRING).octetStringValue();
                values.end();
            }
        }
        return new Pkcs12Attributes(friendlyName, localKeyId);
    }
}
