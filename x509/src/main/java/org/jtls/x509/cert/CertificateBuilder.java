package org.jtls.x509.cert;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.key.SubjectPublicKeyInfo;
import org.jtls.x509.name.AttributeTypeAndValue;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.name.GeneralName;

/**
 * Makes and signs X.509 v3 certificates (RFC 5280 §4.1) with jtls's own DER writer: for test
 * fixtures, {@code jtls demo}, {@code jtls server --self-signed} and small private CAs. It writes
 * exactly what it is told plus a subject key identifier, and checks only what RFC 5280 makes
 * structural (a serial, a validity, a key, and a critical subjectAltName when the subject is empty,
 * §4.1.2.6); choosing sensible extensions is the caller's job.
 *
 * <pre>{@code
 * Certificate ca = CertificateBuilder.create()
 *         .randomSerialNumber(random)
 *         .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "Example CA"))
 *         .validity(now, now.plus(Duration.ofDays(365)))
 *         .basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
 *         .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN, KeyUsage.Bit.CRL_SIGN)
 *         .selfSign(caKey, crypto, random);
 * }</pre>
 *
 * A builder is mutable and not thread-safe; each {@code sign} call makes a new certificate from
 * its current settings.
 */
public final class CertificateBuilder {
    /** RFC 5280 §4.1.2.2: at most 20 octets; CA/Browser Forum: at least 64 random bits. 16 random octets fit both. */
    private static final int RANDOM_SERIAL_OCTETS = 16;

    private BigInteger serialNumber;
    private DistinguishedName subject = DistinguishedName.EMPTY;
    private DistinguishedName issuer;
    private Instant notBefore;
    private Instant notAfter;
    private PublicKeyMaterial publicKey;
    private BasicConstraints basicConstraints;
    private KeyUsage keyUsage;
    private ExtendedKeyUsage extendedKeyUsage;
    private final List<GeneralName> subjectAlternativeNames = new ArrayList<>();
    private boolean writeSubjectKeyIdentifier = true;
    private byte[] authorityKeyIdentifier;
    private final List<Extension> otherExtensions = new ArrayList<>();

    private CertificateBuilder() {
    }

    public static CertificateBuilder create() {
        return new CertificateBuilder();
    }

    // ---- the TBSCertificate fields ----

    /** A positive serial of at most 20 octets (RFC 5280 §4.1.2.2). */
    public CertificateBuilder serialNumber(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        if (serial.signum() <= 0 || serial.toByteArray().length > 20) {
            throw new IllegalArgumentException("a serial number must be positive and at most 20 octets");
        }
        this.serialNumber = serial;
        return this;
    }

    /** A random positive serial of 16 octets, unique in practice. */
    public CertificateBuilder randomSerialNumber(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_SERIAL_OCTETS];
        random.nextBytes(bytes);
        bytes[0] &= 0x7F;
        bytes[0] |= 0x01; // never zero, never a leading zero octet to strip
        return serialNumber(new BigInteger(bytes));
    }

    public CertificateBuilder subject(DistinguishedName name) {
        this.subject = Objects.requireNonNull(name, "name");
        return this;
    }

    /** A subject of single-attribute RDNs, most significant first ({@code C}, then {@code O}, then {@code CN}). */
    public CertificateBuilder subject(AttributeTypeAndValue... attributes) {
        return subject(DistinguishedName.of(attributes));
    }

    /** The issuer name; {@link #selfSign} and {@link #issuedBy} set it for you. */
    public CertificateBuilder issuer(DistinguishedName name) {
        this.issuer = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Both bounds inclusive (RFC 5280 §4.1.2.5); whole seconds are written, fractions dropped. */
    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " precedes notBefore " + notBefore);
        }
        this.notBefore = notBefore.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        this.notAfter = notAfter.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return this;
    }

    /** The subject's public key; {@link #selfSign} uses the signing key's when none is set. */
    public CertificateBuilder publicKey(PublicKeyMaterial key) {
        this.publicKey = Objects.requireNonNull(key, "key");
        return this;
    }

    // ---- extensions ----

    /** Written critical, as RFC 5280 §4.2.1.9 requires for CA certificates. */
    public CertificateBuilder basicConstraints(BasicConstraints constraints) {
        this.basicConstraints = Objects.requireNonNull(constraints, "constraints");
        return this;
    }

    /** Written critical (RFC 5280 §4.2.1.3: "SHOULD mark this extension critical"). */
    public CertificateBuilder keyUsage(KeyUsage.Bit... usages) {
        if (usages.length == 0) {
            throw new IllegalArgumentException("a key usage extension needs at least one bit");
        }
        this.keyUsage = KeyUsage.of(usages);
        return this;
    }

    public CertificateBuilder extendedKeyUsage(KeyPurpose... purposes) {
        this.extendedKeyUsage = ExtendedKeyUsage.of(purposes);
        return this;
    }

    /** Adds subjectAltName entries; the extension is critical only when the subject is empty (§4.2.1.6). */
    public CertificateBuilder subjectAlternativeNames(GeneralName... names) {
        subjectAlternativeNames.addAll(Arrays.asList(names));
        return this;
    }

    public CertificateBuilder dnsNames(String... names) {
        for (String name : names) {
            subjectAlternativeNames.add(new GeneralName.DnsName(name));
        }
        return this;
    }

    public CertificateBuilder ipAddresses(InetAddress... addresses) {
        for (InetAddress address : addresses) {
            subjectAlternativeNames.add(new GeneralName.IpAddress(address.getAddress()));
        }
        return this;
    }

    /**
     * Whether to write a subject key identifier (on by default): the SHA-1 hash of the
     * subjectPublicKey bits, RFC 5280 §4.2.1.2 method (1).
     */
    public CertificateBuilder subjectKeyIdentifier(boolean write) {
        this.writeSubjectKeyIdentifier = write;
        return this;
    }

    /** An authority key identifier with this keyIdentifier; {@link #issuedBy} sets it from the issuer. */
    public CertificateBuilder authorityKeyIdentifier(byte[] keyIdentifier) {
        this.authorityKeyIdentifier = Objects.requireNonNull(keyIdentifier, "keyIdentifier").clone();
        return this;
    }

    /** Any other extension, written after those above in the order added. */
    public CertificateBuilder extension(Extension extension) {
        otherExtensions.add(Objects.requireNonNull(extension, "extension"));
        return this;
    }

    /**
     * Names {@code issuerCertificate}'s subject as the issuer and links to its key: the authority
     * key identifier is the issuer's subject key identifier, or the SHA-1 of its key when it has none.
     */
    public CertificateBuilder issuedBy(Certificate issuerCertificate, CryptoBackend crypto) {
        issuer(issuerCertificate.subject());
        byte[] keyId = issuerCertificate.subjectKeyIdentifier().map(SubjectKeyIdentifier::keyIdentifier)
                .orElseGet(() -> keyIdentifier(issuerCertificate.subjectPublicKeyInfo(), crypto));
        return authorityKeyIdentifier(keyId);
    }

    // ---- signing ----

    /**
     * Signs with the issuer's key, with the usual algorithm for it: ECDSA with SHA-256/384/512 for
     * P-256/384/521, RSA PKCS#1 v1.5 with SHA-256, Ed25519, Ed448.
     */
    public Certificate sign(PrivateKeyMaterial issuerKey, CryptoBackend crypto, SecureRandom random) {
        return sign(issuerKey, defaultAlgorithm(issuerKey.publicKey()), crypto, random);
    }

    public Certificate sign(PrivateKeyMaterial issuerKey, SignatureAlgorithm algorithm, CryptoBackend crypto,
            SecureRandom random) {
        Objects.requireNonNull(issuerKey, "issuerKey");
        Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.acceptsKey(issuerKey.publicKey())) {
            throw new IllegalArgumentException(algorithm + " cannot sign with a " + issuerKey.algorithm() + " key");
        }
        requireSet(serialNumber, "serial number");
        requireSet(issuer, "issuer (or use selfSign / issuedBy)");
        requireSet(notBefore, "validity");
        requireSet(publicKey, "public key");
        AlgorithmIdentifier signatureAlgorithm = SignatureAlgorithms.fromCrypto(algorithm);
        SubjectPublicKeyInfo keyInfo = SubjectPublicKeyInfo.of(publicKey);
        byte[] tbsCertificate = tbsCertificate(signatureAlgorithm, keyInfo, extensions(keyInfo, crypto));
        byte[] signature = crypto.signer(algorithm, issuerKey).sign(tbsCertificate, random);

        DerWriter writer = new DerWriter();
        writer.writeSequence(certificate -> {
            certificate.writeEncoded(tbsCertificate);
            signatureAlgorithm.encode(certificate);
            certificate.writeBitString(BitString.ofBytes(signature));
        });
        try {
            return Certificate.parse(writer.toByteArray());
        } catch (DerException e) {
            throw new IllegalStateException("the builder wrote a certificate its own parser refuses: " + e.getMessage(), e);
        }
    }

    /** Issuer = subject, the key = the signing key's public key (unless one was set), AKI = its own SKI. */
    public Certificate selfSign(PrivateKeyMaterial key, CryptoBackend crypto, SecureRandom random) {
        return selfSign(key, defaultAlgorithm(key.publicKey()), crypto, random);
    }

    public Certificate selfSign(PrivateKeyMaterial key, SignatureAlgorithm algorithm, CryptoBackend crypto,
            SecureRandom random) {
        issuer = subject;
        if (publicKey == null) {
            publicKey = key.publicKey();
        }
        if (authorityKeyIdentifier == null && writeSubjectKeyIdentifier) {
            authorityKeyIdentifier = keyIdentifier(SubjectPublicKeyInfo.of(publicKey), crypto);
        }
        return sign(key, algorithm, crypto, random);
    }

    /** The algorithm {@link #sign(PrivateKeyMaterial, CryptoBackend, SecureRandom)} uses for a key. */
    public static SignatureAlgorithm defaultAlgorithm(PublicKeyMaterial key) {
        if (key instanceof EcPublicKey ec) {
            return switch (ec.curve()) {
                case P256 -> SignatureAlgorithm.ECDSA_SHA256;
                case P384 -> SignatureAlgorithm.ECDSA_SHA384;
                case P521 -> SignatureAlgorithm.ECDSA_SHA512;
            };
        }
        if (key instanceof EdPublicKey ed) {
            return ed.curve() == EdwardsCurve.ED25519 ? SignatureAlgorithm.ED25519 : SignatureAlgorithm.ED448;
        }
        if (key instanceof RsaPublicKey) {
            return SignatureAlgorithm.RSA_PKCS1_SHA256;
        }
        throw new IllegalArgumentException("no certificate signature algorithm for " + key.algorithm());
    }

    /** RFC 5280 §4.2.1.2 method (1): SHA-1 over the subjectPublicKey BIT STRING's value. */
    public static byte[] keyIdentifier(SubjectPublicKeyInfo keyInfo, CryptoBackend crypto) {
        Digest sha1 = crypto.digest(HashAlgorithm.SHA1);
        sha1.update(keyInfo.subjectPublicKey().bytes());
        return sha1.finish();
    }

    private List<Extension> extensions(SubjectPublicKeyInfo keyInfo, CryptoBackend crypto) {
        List<Extension> extensions = new ArrayList<>();
        if (basicConstraints != null) {
            extensions.add(Extension.of(basicConstraints, true));
        }
        if (keyUsage != null) {
            extensions.add(Extension.of(keyUsage, true));
        }
        if (extendedKeyUsage != null) {
            extensions.add(Extension.of(extendedKeyUsage, false));
        }
        if (!subjectAlternativeNames.isEmpty()) {
            extensions.add(Extension.of(new SubjectAlternativeName(subjectAlternativeNames), subject.isEmpty()));
        } else if (subject.isEmpty()) {
            throw new IllegalStateException("a certificate with an empty subject needs a subjectAltName (RFC 5280 §4.1.2.6)");
        }
        if (writeSubjectKeyIdentifier) {
            extensions.add(Extension.of(new SubjectKeyIdentifier(keyIdentifier(keyInfo, crypto)), false));
        }
        if (authorityKeyIdentifier != null) {
            extensions.add(Extension.of(AuthorityKeyIdentifier.ofKeyIdentifier(authorityKeyIdentifier), false));
        }
        extensions.addAll(otherExtensions);
        return extensions;
    }

    private byte[] tbsCertificate(AlgorithmIdentifier signatureAlgorithm, SubjectPublicKeyInfo keyInfo,
            List<Extension> extensions) {
        DerWriter writer = new DerWriter();
        writer.writeSequence(tbs -> {
            tbs.writeExplicit(0, version -> version.writeInteger(2)); // v3
            tbs.writeInteger(serialNumber);
            signatureAlgorithm.encode(tbs);
            issuer.encode(tbs);
            Validity.of(notBefore, notAfter).encode(tbs);
            subject.encode(tbs);
            keyInfo.encode(tbs);
            if (!extensions.isEmpty()) {
                tbs.writeExplicit(3, explicit -> explicit.writeSequence(
                        sequence -> extensions.forEach(extension -> extension.encode(sequence))));
            }
        });
        return writer.toByteArray();
    }

    private static void requireSet(Object value, String what) {
        if (value == null) {
            throw new IllegalStateException("the certificate has no " + what);
        }
    }
}
