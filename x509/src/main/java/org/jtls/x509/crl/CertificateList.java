package org.jtls.x509.crl;

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
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.SignatureAlgorithms;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.AuthorityKeyIdentifier;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.DistributionPoint;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerLimits;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerTime;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.jtls.x509.key.SubjectPublicKeyInfo;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;

/**
 * A certificate revocation list (RFC 5280 §5), version 1 or 2, parsed strictly from DER and
 * immutable. It keeps the exact bytes ({@link #encoded()}) and the TBSCertList bytes the signature
 * covers ({@link #tbsCertList()}).
 *
 * <pre>
 * CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
 *                                signatureValue BIT STRING }
 * TBSCertList ::= SEQUENCE {
 *   version Version OPTIONAL,            -- if present, MUST be v2
 *   signature AlgorithmIdentifier, issuer Name, thisUpdate Time, nextUpdate Time OPTIONAL,
 *   revokedCertificates SEQUENCE OF SEQUENCE {
 *     userCertificate CertificateSerialNumber, revocationDate Time,
 *     crlEntryExtensions Extensions OPTIONAL } OPTIONAL,  -- if present, version MUST be v2
 *   crlExtensions [0] EXPLICIT Extensions OPTIONAL }       -- if present, version MUST be v2
 * </pre>
 *
 * <p>The CRL extensions of §5.2 are decoded (authority key identifier, issuer alternative name, CRL
 * number, delta CRL indicator, issuing distribution point, freshest CRL, authority information
 * access), as are the entry extensions of §5.3 (reason code, invalidity date, certificate issuer).
 * Critical extensions of other types are kept and listed by {@link #unhandledCriticalExtensions()}
 * and {@link RevokedCertificate#unhandledCriticalExtensions()}: such a CRL must not be used to decide
 * revocation (§5.2, §5.3). Malformed input is a {@link DerException} with the offending byte's offset.
 */
public final class CertificateList {
    static final ObjectIdentifier AUTHORITY_KEY_IDENTIFIER = ObjectIdentifier.of("2.5.29.35");
    static final ObjectIdentifier ISSUER_ALTERNATIVE_NAME = ObjectIdentifier.of("2.5.29.18");
    static final ObjectIdentifier CRL_NUMBER = ObjectIdentifier.of("2.5.29.20");
    static final ObjectIdentifier DELTA_CRL_INDICATOR = ObjectIdentifier.of("2.5.29.27");
    static final ObjectIdentifier ISSUING_DISTRIBUTION_POINT = ObjectIdentifier.of("2.5.29.28");
    static final ObjectIdentifier FRESHEST_CRL = ObjectIdentifier.of("2.5.29.46");
    static final ObjectIdentifier AUTHORITY_INFORMATION_ACCESS = ObjectIdentifier.of("1.3.6.1.5.5.7.1.1");
    static final ObjectIdentifier REASON_CODE = ObjectIdentifier.of("2.5.29.21");
    static final ObjectIdentifier INVALIDITY_DATE = ObjectIdentifier.of("2.5.29.24");
    static final ObjectIdentifier CERTIFICATE_ISSUER = ObjectIdentifier.of("2.5.29.29");

    private static final Set<ObjectIdentifier> HANDLED_CRL_EXTENSIONS = Set.of(AUTHORITY_KEY_IDENTIFIER,
            ISSUER_ALTERNATIVE_NAME, CRL_NUMBER, DELTA_CRL_INDICATOR, ISSUING_DISTRIBUTION_POINT, FRESHEST_CRL,
            AUTHORITY_INFORMATION_ACCESS);
    private static final Set<ObjectIdentifier> HANDLED_ENTRY_EXTENSIONS = Set.of(REASON_CODE, INVALIDITY_DATE,
            CERTIFICATE_ISSUER);
    /** RFC 5280 §5.2.3: CRL numbers are at most 20 octets; a little slack for sloppy issuers. */
    private static final int MAX_CRL_NUMBER_OCTETS = 32;

    private final byte[] encoded;
    private final byte[] tbsCertList;
    private final int version;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final DistinguishedName issuer;
    private final DerTime thisUpdate;
    private final DerTime nextUpdate;
    private final List<RevokedCertificate> revokedCertificates;
    private final List<Extension> extensions;
    private final BitString signatureValue;
    private final BigInteger crlNumber;
    private final BigInteger baseCrlNumber;
    private final IssuingDistributionPoint issuingDistributionPoint;
    private final List<DistributionPoint> freshestCrl;

    private CertificateList(Parts parts) {
        this.encoded = parts.encoded;
        this.tbsCertList = parts.tbsCertList;
        this.version = parts.version;
        this.signatureAlgorithm = parts.signatureAlgorithm;
        this.issuer = parts.issuer;
        this.thisUpdate = parts.thisUpdate;
        this.nextUpdate = parts.nextUpdate;
        this.revokedCertificates = List.copyOf(parts.revokedCertificates);
        this.extensions = List.copyOf(parts.extensions);
        this.signatureValue = parts.signatureValue;
        this.crlNumber = parts.crlNumber;
        this.baseCrlNumber = parts.baseCrlNumber;
        this.issuingDistributionPoint = parts.issuingDistributionPoint;
        this.freshestCrl = List.copyOf(parts.freshestCrl);
    }

    /** The fields as they are read, before the CRL is assembled. */
    private static final class Parts {
        byte[] encoded;
        byte[] tbsCertList;
        int version = 1;
        AlgorithmIdentifier tbsSignatureAlgorithm;
        AlgorithmIdentifier signatureAlgorithm;
        DistinguishedName issuer;
        DerTime thisUpdate;
        DerTime nextUpdate;
        List<RevokedCertificate> revokedCertificates = new ArrayList<>();
        List<Extension> extensions = List.of();
        BitString signatureValue;
        BigInteger crlNumber;
        BigInteger baseCrlNumber;
        IssuingDistributionPoint issuingDistributionPoint;
        List<DistributionPoint> freshestCrl = List.of();
    }

    // ---- parsing ----

    /** Parses one DER-encoded CertificateList filling all of {@code der}. */
    public static CertificateList parse(byte[] der) throws DerException {
        Objects.requireNonNull(der, "der");
        // A CRL may list many thousands of revoked certificates: allow inputs beyond a certificate's 1 MiB.
        DerReader input = DerReader.of(der, new DerLimits(DerLimits.DEFAULT.maxDepth(), 64 << 20));
        Parts parts = new Parts();
        DerElement list = input.read(Tag.SEQUENCE);
        input.end();
        parts.encoded = list.encoded();

        DerReader fields = list.contentReader();
        DerElement tbs = fields.read(Tag.SEQUENCE);
        parts.tbsCertList = tbs.encoded();
        int signatureAlgorithmOffset = fields.position();
        parts.signatureAlgorithm = AlgorithmIdentifier.decode(fields);
        parts.signatureValue = fields.readBitString();
        fields.end();

        readTbsCertList(tbs.contentReader(), parts);
        if (!parts.tbsSignatureAlgorithm.equals(parts.signatureAlgorithm)) {
            throw new DerException("signatureAlgorithm differs from the TBSCertList's signature field "
                    + "(RFC 5280 §5.1.1.2)", signatureAlgorithmOffset);
        }
        return new CertificateList(parts);
    }

    /** Every {@code X509 CRL} block in a PEM text, in order; other blocks are skipped. */
    public static List<CertificateList> parsePem(String pem) throws PemException, DerException {
        List<CertificateList> crls = new ArrayList<>();
        for (PemBlock block : Pem.parse(pem)) {
            if (block.label().equals("X509 CRL")) {
                crls.add(parse(block.data()));
            }
        }
        return crls;
    }

    private static void readTbsCertList(DerReader tbs, Parts parts) throws DerException {
        if (tbs.nextIs(Tag.INTEGER)) {
            int versionOffset = tbs.position();
            long versionNumber = tbs.readLong(0, Long.MAX_VALUE);
            if (versionNumber != 1) {
                throw new DerException("CRL version field must be v2 (1) when present, found " + versionNumber,
                        versionOffset);
            }
            parts.version = 2;
        }
        parts.tbsSignatureAlgorithm = AlgorithmIdentifier.decode(tbs);
        parts.issuer = DistinguishedName.decode(tbs);
        parts.thisUpdate = tbs.readTime();
        if (tbs.nextIs(Tag.UTC_TIME) || tbs.nextIs(Tag.GENERALIZED_TIME)) {
            parts.nextUpdate = tbs.readTime();
        }
        if (tbs.nextIs(Tag.SEQUENCE)) {
            DerReader revoked = tbs.readSequence();
            while (revoked.hasRemaining()) {
                parts.revokedCertificates.add(readEntry(revoked, parts.version));
            }
        }
        if (tbs.nextIs(Tag.contextSpecific(0, true))) {
            int extensionsOffset = tbs.position();
            if (parts.version != 2) {
                throw new DerException("crlExtensions in a v1 CRL", extensionsOffset);
            }
            DerReader explicit = tbs.readExplicit(0);
            List<ParsedExtension> extensions = readExtensions(explicit.readSequence(), extensionsOffset);
            explicit.end();
            parts.extensions = extensions.stream().map(ParsedExtension::extension).toList();
            decodeCrlExtensions(parts, extensions);
        }
        tbs.end();
    }

    private static RevokedCertificate readEntry(DerReader revoked, int version) throws DerException {
        DerReader entry = revoked.readSequence();
        DerElement serial = entry.read(Tag.INTEGER);
        if (serial.contentLength() > 64) {
            throw new DerException("serial number of " + serial.contentLength() + " octets (RFC 5280 allows 20)",
                    serial.offset());
        }
        BigInteger serialNumber = serial.integerValue();
        DerTime revocationDate = entry.readTime();
        List<ParsedExtension> extensions = List.of();
        if (entry.hasRemaining()) {
            int extensionsOffset = entry.position();
            if (version != 2) {
                throw new DerException("crlEntryExtensions in a v1 CRL", extensionsOffset);
            }
            extensions = readExtensions(entry.readSequence(), extensionsOffset);
        }
        entry.end();

        Optional<ReasonCode> reason = Optional.empty();
        Optional<Instant> invalidityDate = Optional.empty();
        List<GeneralName> certificateIssuer = List.of();
        List<Extension> unhandled = new ArrayList<>();
        for (ParsedExtension parsed : extensions) {
            Extension extension = parsed.extension();
            DerReader value = parsed.value().contentReader();
            if (extension.oid().equals(REASON_CODE)) {
                // CRLReason ::= ENUMERATED (§5.3.1)
                DerElement codeElement = value.read(Tag.ENUMERATED);
                long code = codeElement.longValue(0, Integer.MAX_VALUE);
                ReasonCode known = ReasonCode.forCode(code);
                if (known == null) {
                    throw new DerException("unknown CRL reason code " + code, codeElement.offset());
                }
                reason = Optional.of(known);
            } else if (extension.oid().equals(INVALIDITY_DATE)) {
                invalidityDate = Optional.of(value.readGeneralizedTime());
            } else if (extension.oid().equals(CERTIFICATE_ISSUER)) {
                certificateIssuer = GeneralNames.decodeSequence(value);
            } else {
                if (extension.critical()) {
                    unhandled.add(extension);
                }
                continue;
            }
            value.end();
        }
        return new RevokedCertificate(serialNumber, revocationDate,
                extensions.stream().map(ParsedExtension::extension).toList(), reason, invalidityDate,
                certificateIssuer, unhandled);
    }

    /** An extension with the element of its {@code extnValue} OCTET STRING, whose offsets are the CRL's. */
    private record ParsedExtension(Extension extension, DerElement value) {
    }

    /** {@code Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension}, each OID at most once. */
    private static List<ParsedExtension> readExtensions(DerReader sequence, int offset) throws DerException {
        List<ParsedExtension> extensions = new ArrayList<>();
        Set<ObjectIdentifier> seen = new HashSet<>();
        while (sequence.hasRemaining()) {
            int extensionOffset = sequence.position();
            DerElement element = sequence.read(Tag.SEQUENCE);
            Extension extension = Extension.decode(element.asReader());
            DerReader fields = element.contentReader();
            fields.readOid();
            fields.readOptional(Tag.BOOLEAN);
            DerElement value = fields.read(Tag.OCTET_STRING);
            if (!seen.add(extension.oid())) {
                throw new DerException("extension " + extension.name() + " appears twice (RFC 5280 §4.2)",
                        extensionOffset);
            }
            extensions.add(new ParsedExtension(extension, value));
        }
        if (extensions.isEmpty()) {
            throw new DerException("empty extensions (SIZE (1..MAX))", offset);
        }
        return extensions;
    }

    private static void decodeCrlExtensions(Parts parts, List<ParsedExtension> extensions) throws DerException {
        for (ParsedExtension parsed : extensions) {
            ObjectIdentifier oid = parsed.extension().oid();
            DerReader value = parsed.value().contentReader();
            if (oid.equals(CRL_NUMBER)) {
                parts.crlNumber = readCrlNumber(value);
            } else if (oid.equals(DELTA_CRL_INDICATOR)) {
                parts.baseCrlNumber = readCrlNumber(value);
            } else if (oid.equals(ISSUING_DISTRIBUTION_POINT)) {
                parts.issuingDistributionPoint = IssuingDistributionPoint.decode(value);
            } else if (oid.equals(FRESHEST_CRL)) {
                parts.freshestCrl = DistributionPointNames.decodeDistributionPoints(value);
            } else {
                continue;
            }
            value.end();
        }
    }

    /** {@code CRLNumber ::= INTEGER (0..MAX)} (§5.2.3), also the delta CRL indicator's BaseCRLNumber. */
    private static BigInteger readCrlNumber(DerReader value) throws DerException {
        DerElement number = value.read(Tag.INTEGER);
        BigInteger result = number.integerValue();
        if (result.signum() < 0 || number.contentLength() > MAX_CRL_NUMBER_OCTETS) {
            throw new DerException("CRL number must be a non-negative INTEGER of at most 20 octets", number.offset());
        }
        return result;
    }

    // ---- fields ----

    /** The exact DER this CRL was parsed from. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The exact TBSCertList DER, which the signature covers. */
    public byte[] tbsCertList() {
        return tbsCertList.clone();
    }

    /** 1 or 2. */
    public int version() {
        return version;
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public BitString signatureValue() {
        return signatureValue;
    }

    public DistinguishedName issuer() {
        return issuer;
    }

    public Instant thisUpdate() {
        return thisUpdate.instant();
    }

    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(nextUpdate).map(DerTime::instant);
    }

    public List<RevokedCertificate> revokedCertificates() {
        return revokedCertificates;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    /** The cRLNumber extension (§5.2.3). */
    public Optional<BigInteger> crlNumber() {
        return Optional.ofNullable(crlNumber);
    }

    /** The delta CRL indicator's BaseCRLNumber (§5.2.4): present exactly when this is a delta CRL. */
    public Optional<BigInteger> baseCrlNumber() {
        return Optional.ofNullable(baseCrlNumber);
    }

    public boolean isDeltaCrl() {
        return baseCrlNumber != null;
    }

    public Optional<IssuingDistributionPoint> issuingDistributionPoint() {
        return Optional.ofNullable(issuingDistributionPoint);
    }

    /** The freshest CRL extension's distribution points (§5.2.6); empty when absent. */
    public List<DistributionPoint> freshestCrl() {
        return freshestCrl;
    }

    public Optional<AuthorityKeyIdentifier> authorityKeyIdentifier() {
        for (Extension extension : extensions) {
            if (extension.decoded().isPresent() && extension.decoded().get() instanceof AuthorityKeyIdentifier aki) {
                return Optional.of(aki);
            }
        }
        return Optional.empty();
    }

    /** Whether the issuing distribution point marks this as an indirect CRL (§5.2.5). */
    public boolean isIndirect() {
        return issuingDistributionPoint != null && issuingDistributionPoint.indirectCrl();
    }

    /** Critical CRL extensions jtls does not process (§5.2: such a CRL must not be used). */
    public List<Extension> unhandledCriticalExtensions() {
        return extensions.stream()
                .filter(extension -> extension.critical() && !HANDLED_CRL_EXTENSIONS.contains(extension.oid()))
                .toList();
    }

    /** Whether the CRL or any of its entries carries a critical extension jtls does not process. */
    public boolean hasUnhandledCriticalExtensions() {
        return !unhandledCriticalExtensions().isEmpty()
                || revokedCertificates.stream().anyMatch(entry -> !entry.unhandledCriticalExtensions().isEmpty());
    }

    /**
     * The entry for the certificate with this issuer and serial number (§5.3.3): in an indirect
     * CRL an entry's certificate issuer is given by its certificate issuer extension, or else is the
     * previous entry's, starting from the CRL issuer; in a direct CRL it is the CRL issuer.
     */
    public Optional<RevokedCertificate> entryFor(DistinguishedName certificateIssuer, BigInteger serialNumber) {
        List<GeneralName> currentIssuer = List.of(new GeneralName.DirectoryName(issuer));
        boolean indirect = isIndirect();
        for (RevokedCertificate entry : revokedCertificates) {
            if (indirect && !entry.certificateIssuer().isEmpty()) {
                currentIssuer = entry.certificateIssuer();
            }
            if (entry.serialNumber().equals(serialNumber) && names(currentIssuer, certificateIssuer)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static boolean names(List<GeneralName> names, DistinguishedName name) {
        for (GeneralName candidate : names) {
            if (candidate instanceof GeneralName.DirectoryName directoryName && directoryName.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    // ---- signatures ----

    /**
     * Whether the signature is valid under {@code issuerKey}; {@code false} also when the key cannot
     * make this kind of signature or the signature value is not whole octets.
     *
     * @throws UnsupportedAlgorithmException if jtls cannot check this signature algorithm
     */
    public boolean verifySignature(PublicKeyMaterial issuerKey, CryptoBackend crypto)
            throws UnsupportedAlgorithmException {
        Objects.requireNonNull(issuerKey, "issuerKey");
        SignatureAlgorithm algorithm = SignatureAlgorithms.toCrypto(signatureAlgorithm);
        if (!algorithm.acceptsKey(issuerKey) || !signatureValue.isOctetAligned()) {
            return false;
        }
        return crypto.verifier(algorithm, issuerKey).verify(tbsCertList, signatureValue.bytes());
    }

    /**
     * {@link #verifySignature(PublicKeyMaterial, CryptoBackend)} with a certificate's key; an
     * id-RSASSA-PSS key verifies only RSASSA-PSS signatures (RFC 4055 §3.3).
     *
     * @throws UnsupportedAlgorithmException also when the key's algorithm is one jtls does not use
     */
    public boolean verifySignature(Certificate signer, CryptoBackend crypto) throws UnsupportedAlgorithmException {
        SubjectPublicKeyInfo keyInfo = signer.subjectPublicKeyInfo();
        PublicKeyMaterial key = keyInfo.publicKey().orElseThrow(() -> new UnsupportedAlgorithmException(
                "CRL signer key algorithm " + keyInfo.algorithm().name() + " is not supported"));
        if (keyInfo.isRsaPssKey() && signatureAlgorithm.knownAlgorithm() != KnownAlgorithm.RSASSA_PSS) {
            return false;
        }
        return verifySignature(key, crypto);
    }

    /** CRLs are equal when their DER encodings are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateList that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "CertificateList[issuer=" + issuer + ", thisUpdate=" + thisUpdate.instant()
                + (crlNumber != null ? ", number=" + crlNumber : "") + (baseCrlNumber != null ? ", delta of "
                + baseCrlNumber : "") + ", " + revokedCertificates.size() + " entries]";
    }
}
