package org.jtls.x509.cert;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.RsaPssParameters;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerLimits;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.SubjectPublicKeyInfo;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;

/**
 * An X.509 certificate (RFC 5280 §4.1), parsed strictly from DER and immutable. It keeps the exact
 * bytes it was read from ({@link #encode()}) and the exact TBSCertificate bytes the signature covers
 * ({@link #tbsCertificate()}); {@link #reencode()} builds the DER again from the parsed fields,
 * which for DER input gives the same bytes.
 *
 * <p>What parsing enforces beyond DER: version 1, 2 or 3; unique identifiers only from v2 and
 * extensions only in v3; the inner and outer signature algorithm identifiers identical (§4.1.1.2);
 * no extension twice (§4.2); every extension of a known type decodes; keys of known algorithms are
 * well-formed (see {@link SubjectPublicKeyInfo}).
 *
 * <p>Serial numbers: any INTEGER of up to {@value #MAX_SERIAL_OCTETS} content octets is accepted,
 * including zero and negative ones, which RFC 5280 §4.1.2.2 forbids CAs to issue but tells users to
 * handle gracefully. {@link #hasConformingSerialNumber()} says whether the serial is positive and at
 * most 20 octets; path validation decides what a non-conforming one costs, so a certificate with
 * one can still be read and displayed. Longer serials are refused as hostile.
 */
public final class Certificate {
    /** Far beyond RFC 5280's 20, to tolerate sloppy CAs; more is treated as hostile. */
    static final int MAX_SERIAL_OCTETS = 64;
    private static final int RFC_5280_SERIAL_OCTETS = 20;

    private final byte[] encoded;
    private final byte[] tbsCertificate;
    private final int version;
    private final BigInteger serialNumber;
    private final int serialNumberOctets;
    private final AlgorithmIdentifier tbsSignatureAlgorithm;
    private final DistinguishedName issuer;
    private final Validity validity;
    private final DistinguishedName subject;
    private final SubjectPublicKeyInfo subjectPublicKeyInfo;
    private final BitString issuerUniqueId;
    private final BitString subjectUniqueId;
    private final List<Extension> extensions;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final BitString signatureValue;

    private Certificate(Builder parts) {
        this.encoded = parts.encoded;
        this.tbsCertificate = parts.tbsCertificate;
        this.version = parts.version;
        this.serialNumber = parts.serialNumber;
        this.serialNumberOctets = parts.serialNumberOctets;
        this.tbsSignatureAlgorithm = parts.tbsSignatureAlgorithm;
        this.issuer = parts.issuer;
        this.validity = parts.validity;
        this.subject = parts.subject;
        this.subjectPublicKeyInfo = parts.subjectPublicKeyInfo;
        this.issuerUniqueId = parts.issuerUniqueId;
        this.subjectUniqueId = parts.subjectUniqueId;
        this.extensions = List.copyOf(parts.extensions);
        this.signatureAlgorithm = parts.signatureAlgorithm;
        this.signatureValue = parts.signatureValue;
    }

    /** The fields as they are read, before the certificate is assembled. */
    private static final class Builder {
        byte[] encoded;
        byte[] tbsCertificate;
        int version = 1;
        BigInteger serialNumber;
        int serialNumberOctets;
        AlgorithmIdentifier tbsSignatureAlgorithm;
        DistinguishedName issuer;
        Validity validity;
        DistinguishedName subject;
        SubjectPublicKeyInfo subjectPublicKeyInfo;
        BitString issuerUniqueId;
        BitString subjectUniqueId;
        List<Extension> extensions = List.of();
        AlgorithmIdentifier signatureAlgorithm;
        BitString signatureValue;
    }

    // ---- parsing ----

    public static Certificate parse(byte[] der) throws DerException {
        return parse(der, DerLimits.DEFAULT);
    }

    public static Certificate parse(byte[] der, DerLimits limits) throws DerException {
        DerReader input = DerReader.of(der, limits);
        Builder parts = new Builder();
        DerElement certificate = input.read(Tag.SEQUENCE);
        input.end();
        parts.encoded = certificate.encoded();

        DerReader certificateFields = certificate.contentReader();
        DerElement tbs = certificateFields.read(Tag.SEQUENCE);
        parts.tbsCertificate = tbs.encoded();
        int signatureAlgorithmOffset = certificateFields.position();
        parts.signatureAlgorithm = AlgorithmIdentifier.decode(certificateFields);
        parts.signatureValue = certificateFields.readBitString();
        certificateFields.end();

        readTbsCertificate(tbs.contentReader(), parts);
        if (!parts.tbsSignatureAlgorithm.equals(parts.signatureAlgorithm)) {
            throw new DerException("signatureAlgorithm differs from the TBSCertificate's signature field "
                    + "(RFC 5280 §4.1.1.2)", signatureAlgorithmOffset);
        }
        return new Certificate(parts);
    }

    /**
     * <pre>
     * TBSCertificate ::= SEQUENCE {
     *   version [0] EXPLICIT Version DEFAULT v1, serialNumber, signature AlgorithmIdentifier,
     *   issuer Name, validity Validity, subject Name, subjectPublicKeyInfo,
     *   issuerUniqueID [1] IMPLICIT UniqueIdentifier OPTIONAL, -- v2, v3
     *   subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL, -- v2, v3
     *   extensions [3] EXPLICIT Extensions OPTIONAL }           -- v3
     * </pre>
     */
    private static void readTbsCertificate(DerReader tbs, Builder parts) throws DerException {
        DerReader versionField = tbs.readOptionalExplicit(0);
        if (versionField != null) {
            int versionOffset = versionField.position();
            long versionNumber = versionField.readLong(0, 2);
            versionField.end();
            if (versionNumber == 0) {
                throw new DerException("version v1 must be omitted in DER (it is the DEFAULT)", versionOffset);
            }
            parts.version = (int) versionNumber + 1;
        }
        DerElement serial = tbs.read(Tag.INTEGER);
        parts.serialNumber = serial.integerValue();
        parts.serialNumberOctets = serial.contentLength();
        if (parts.serialNumberOctets > MAX_SERIAL_OCTETS) {
            throw new DerException("serial number of " + parts.serialNumberOctets + " octets (RFC 5280 allows 20)",
                    serial.offset());
        }
        parts.tbsSignatureAlgorithm = AlgorithmIdentifier.decode(tbs);
        parts.issuer = DistinguishedName.decode(tbs);
        parts.validity = Validity.decode(tbs);
        parts.subject = DistinguishedName.decode(tbs);
        parts.subjectPublicKeyInfo = SubjectPublicKeyInfo.decode(tbs);
        parts.issuerUniqueId = uniqueId(tbs, 1, parts.version);
        parts.subjectUniqueId = uniqueId(tbs, 2, parts.version);
        if (tbs.hasRemaining() && tbs.peekTag().equals(Tag.contextSpecific(3, true))) {
            int extensionsOffset = tbs.position();
            if (parts.version != 3) {
                throw new DerException("extensions in a v" + parts.version + " certificate", extensionsOffset);
            }
            DerReader explicit = tbs.readExplicit(3);
            parts.extensions = readExtensions(explicit.readSequence(), extensionsOffset);
            explicit.end();
        }
        tbs.end();
    }

    private static BitString uniqueId(DerReader tbs, int tagNumber, int version) throws DerException {
        Tag tag = Tag.contextSpecific(tagNumber, false);
        if (!tbs.nextIs(tag)) {
            return null;
        }
        int offset = tbs.position();
        if (version < 2) {
            throw new DerException("unique identifier in a v1 certificate", offset);
        }
        return tbs.read(tag).bitStringValue();
    }

    /** {@code Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension}, each OID at most once (§4.2). */
    private static List<Extension> readExtensions(DerReader sequence, int offset) throws DerException {
        List<Extension> extensions = new ArrayList<>();
        Set<ObjectIdentifier> seen = new HashSet<>();
        while (sequence.hasRemaining()) {
            int extensionOffset = sequence.position();
            Extension extension = Extension.decode(sequence);
            if (!seen.add(extension.oid())) {
                throw new DerException("extension " + extension.name() + " appears twice (RFC 5280 §4.2)",
                        extensionOffset);
            }
            extensions.add(extension);
        }
        if (extensions.isEmpty()) {
            throw new DerException("empty extensions (SIZE (1..MAX))", offset);
        }
        return extensions;
    }

    /** Every {@code CERTIFICATE} block in a PEM text, in order; other blocks are skipped. */
    public static List<Certificate> parsePem(String pem) throws PemException, DerException {
        List<Certificate> certificates = new ArrayList<>();
        for (PemBlock block : Pem.parse(pem)) {
            if (block.label().equals("CERTIFICATE")) {
                certificates.add(parse(block.data()));
            }
        }
        return certificates;
    }

    // ---- encoding ----

    /** The exact DER this certificate was parsed from. */
    public byte[] encode() {
        return encoded.clone();
    }

    /** The certificate as PEM. */
    public String toPem() {
        return Pem.encode("CERTIFICATE", encoded);
    }

    /**
     * The DER built again from the parsed fields with {@link DerWriter}, extension values from their
     * decoded form. Equal to {@link #encode()} for any certificate in DER; a difference reveals an
     * encoding that was tolerated though not DER (a key usage with trailing zero bits, say).
     */
    public byte[] reencode() {
        DerWriter writer = new DerWriter();
        writer.writeSequence(certificate -> {
            certificate.writeSequence(this::writeTbsCertificate);
            signatureAlgorithm.encode(certificate);
            certificate.writeBitString(signatureValue);
        });
        return writer.toByteArray();
    }

    private void writeTbsCertificate(DerWriter tbs) {
        if (version > 1) {
            tbs.writeExplicit(0, field -> field.writeInteger(version - 1));
        }
        tbs.writeInteger(serialNumber);
        tbsSignatureAlgorithm.encode(tbs);
        issuer.encode(tbs);
        validity.encode(tbs);
        subject.encode(tbs);
        subjectPublicKeyInfo.encode(tbs);
        if (issuerUniqueId != null) {
            tbs.writeImplicit(1, field -> field.writeBitString(issuerUniqueId));
        }
        if (subjectUniqueId != null) {
            tbs.writeImplicit(2, field -> field.writeBitString(subjectUniqueId));
        }
        if (!extensions.isEmpty()) {
            tbs.writeExplicit(3, explicit -> explicit.writeSequence(
                    sequence -> extensions.forEach(extension -> extension.reencode(sequence))));
        }
    }

    // ---- fields ----

    /** 1, 2 or 3. */
    public int version() {
        return version;
    }

    public BigInteger serialNumber() {
        return serialNumber;
    }

    /** Whether the serial is positive and at most 20 octets, as RFC 5280 §4.1.2.2 requires of CAs. */
    public boolean hasConformingSerialNumber() {
        return serialNumber.signum() > 0 && serialNumberOctets <= RFC_5280_SERIAL_OCTETS;
    }

    /** The outer signatureAlgorithm (identical to the TBSCertificate's signature field). */
    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public DistinguishedName issuer() {
        return issuer;
    }

    public DistinguishedName subject() {
        return subject;
    }

    public Validity validity() {
        return validity;
    }

    public Instant notBefore() {
        return validity.notBefore().instant();
    }

    public Instant notAfter() {
        return validity.notAfter().instant();
    }

    public SubjectPublicKeyInfo subjectPublicKeyInfo() {
        return subjectPublicKeyInfo;
    }

    /** The subject's key, when its algorithm is one jtls uses. */
    public Optional<PublicKeyMaterial> publicKey() {
        return subjectPublicKeyInfo.publicKey();
    }

    public Optional<BitString> issuerUniqueId() {
        return Optional.ofNullable(issuerUniqueId);
    }

    public Optional<BitString> subjectUniqueId() {
        return Optional.ofNullable(subjectUniqueId);
    }

    public List<Extension> extensions() {
        return extensions;
    }

    public Optional<Extension> extension(ExtensionType type) {
        return extensions.stream().filter(extension -> extension.oid().equals(type.oid())).findFirst();
    }

    /** The decoded value of the extension of this class, if present. */
    public <T extends ExtensionValue> Optional<T> extensionValue(Class<T> valueClass) {
        for (Extension extension : extensions) {
            Optional<ExtensionValue> decoded = extension.decoded();
            if (decoded.isPresent() && valueClass.isInstance(decoded.get())) {
                return Optional.of(valueClass.cast(decoded.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Critical extensions of types jtls does not decode. RFC 5280 §4.2 requires a validator to
     * reject a certificate with a critical extension it does not process.
     */
    public List<Extension> unhandledCriticalExtensions() {
        return extensions.stream().filter(extension -> extension.critical() && extension.decoded().isEmpty()).toList();
    }

    public Optional<BasicConstraints> basicConstraints() {
        return extensionValue(BasicConstraints.class);
    }

    public Optional<KeyUsage> keyUsage() {
        return extensionValue(KeyUsage.class);
    }

    public Optional<ExtendedKeyUsage> extendedKeyUsage() {
        return extensionValue(ExtendedKeyUsage.class);
    }

    public Optional<SubjectAlternativeName> subjectAlternativeName() {
        return extensionValue(SubjectAlternativeName.class);
    }

    public Optional<IssuerAlternativeName> issuerAlternativeName() {
        return extensionValue(IssuerAlternativeName.class);
    }

    public Optional<NameConstraints> nameConstraints() {
        return extensionValue(NameConstraints.class);
    }

    public Optional<CertificatePolicies> certificatePolicies() {
        return extensionValue(CertificatePolicies.class);
    }

    public Optional<PolicyMappings> policyMappings() {
        return extensionValue(PolicyMappings.class);
    }

    public Optional<PolicyConstraints> policyConstraints() {
        return extensionValue(PolicyConstraints.class);
    }

    public Optional<InhibitAnyPolicy> inhibitAnyPolicy() {
        return extensionValue(InhibitAnyPolicy.class);
    }

    public Optional<AuthorityKeyIdentifier> authorityKeyIdentifier() {
        return extensionValue(AuthorityKeyIdentifier.class);
    }

    public Optional<SubjectKeyIdentifier> subjectKeyIdentifier() {
        return extensionValue(SubjectKeyIdentifier.class);
    }

    public Optional<AuthorityInformationAccess> authorityInformationAccess() {
        return extensionValue(AuthorityInformationAccess.class);
    }

    public Optional<CrlDistributionPoints> crlDistributionPoints() {
        return extensionValue(CrlDistributionPoints.class);
    }

    public Optional<TlsFeature> tlsFeature() {
        return extensionValue(TlsFeature.class);
    }

    public Optional<SignedCertificateTimestamps> signedCertificateTimestamps() {
        return extensionValue(SignedCertificateTimestamps.class);
    }

    /** The exact TBSCertificate DER, which the signature covers. */
    public byte[] tbsCertificate() {
        return tbsCertificate.clone();
    }

    public BitString signatureValue() {
        return signatureValue;
    }

    /** Whether issuer and subject are the same name (RFC 5280 §7.1 matching); true for roots. */
    public boolean isSelfIssued() {
        return issuer.equals(subject);
    }

    // ---- fingerprints ----

    /** The hash of the whole DER encoding. */
    public byte[] fingerprint(HashAlgorithm hash, CryptoBackend crypto) {
        Digest digest = crypto.digest(hash);
        digest.update(encoded);
        return digest.finish();
    }

    public byte[] sha1Fingerprint() {
        return fingerprint(HashAlgorithm.SHA1, CryptoBackends.defaultBackend());
    }

    public byte[] sha256Fingerprint() {
        return fingerprint(HashAlgorithm.SHA256, CryptoBackends.defaultBackend());
    }

    // ---- signatures ----

    /**
     * Whether the signature is valid under {@code issuerKey}. {@code false} also when the key's
     * type cannot make this kind of signature or the signature value is not whole octets.
     *
     * @throws UnsupportedAlgorithmException if jtls cannot check this signature algorithm (MD5,
     *         unusual RSASSA-PSS parameters, an unknown OID)
     */
    public boolean verifySignature(PublicKeyMaterial issuerKey, CryptoBackend crypto)
            throws UnsupportedAlgorithmException {
        Objects.requireNonNull(issuerKey, "issuerKey");
        SignatureAlgorithm algorithm = SignatureAlgorithms.toCrypto(signatureAlgorithm);
        if (!algorithm.acceptsKey(issuerKey) || !signatureValue.isOctetAligned()) {
            return false;
        }
        return crypto.verifier(algorithm, issuerKey).verify(tbsCertificate, signatureValue.bytes());
    }

    /**
     * {@link #verifySignature(PublicKeyMaterial, CryptoBackend)} with the issuer certificate's key,
     * applying what an id-RSASSA-PSS key allows (RFC 4055 §3.3): only RSASSA-PSS signatures, and
     * when the key has parameters, the same hash and MGF and a salt at least as long.
     *
     * @throws UnsupportedAlgorithmException also when the issuer's key algorithm is one jtls does not use
     */
    public boolean verifySignature(Certificate issuerCertificate, CryptoBackend crypto)
            throws UnsupportedAlgorithmException {
        SubjectPublicKeyInfo issuerKeyInfo = issuerCertificate.subjectPublicKeyInfo();
        if (issuerKeyInfo.inheritsDsaParameters()) {
            throw new UnsupportedAlgorithmException("the issuer's DSA key has no parameters of its own; they come "
                    + "from its issuer along a certification path (RFC 3279 §2.3.2, RFC 5280 §6.1.4 (e))");
        }
        PublicKeyMaterial issuerKey = issuerKeyInfo.publicKey().orElseThrow(() -> new UnsupportedAlgorithmException(
                "issuer key algorithm " + issuerKeyInfo.algorithm().name() + " is not supported"));
        if (issuerKeyInfo.isRsaPssKey() && !pssSignatureAllowedBy(issuerKeyInfo)) {
            return false;
        }
        return verifySignature(issuerKey, crypto);
    }

    private boolean pssSignatureAllowedBy(SubjectPublicKeyInfo issuerKeyInfo) throws UnsupportedAlgorithmException {
        if (signatureAlgorithm.knownAlgorithm() != KnownAlgorithm.RSASSA_PSS) {
            return false;
        }
        Optional<RsaPssParameters> keyParameters = issuerKeyInfo.pssParameters();
        if (keyParameters.isEmpty()) {
            return true;
        }
        RsaPssParameters signatureParameters;
        try {
            signatureParameters = RsaPssParameters.decode(signatureAlgorithm.parameters());
        } catch (DerException e) {
            throw new UnsupportedAlgorithmException("malformed RSASSA-PSS parameters: " + e.getMessage(), e);
        }
        RsaPssParameters key = keyParameters.get();
        return signatureParameters.hash() == key.hash() && signatureParameters.maskGenHash() == key.maskGenHash()
                && signatureParameters.trailerField() == key.trailerField()
                && signatureParameters.saltLength() >= key.saltLength();
    }

    // ---- text ----

    /** A readable dump in the layout of {@code openssl x509 -text -noout}. */
    public String toText() {
        return CertificateText.format(this);
    }

    /** Certificates are equal when their DER encodings are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Certificate that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Certificate[subject=" + subject + ", issuer=" + issuer + ", serial=" + serialNumber.toString(16) + "]";
    }
}
