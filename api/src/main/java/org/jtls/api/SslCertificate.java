package org.jtls.api;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.SubjectAlternativeName;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerLimits;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.RelativeDistinguishedName;
import org.jtls.x509.pem.PemException;
import org.jtls.x509.pkcs12.Pkcs12Contents;
import org.jtls.x509.pkcs12.Pkcs12KeyEntry;
import org.jtls.x509.pkcs12.Pkcs12Reader;

/**
 * An X.509 certificate as Qt's {@code QSslCertificate} presents it, over the x509 module's strictly
 * parsed {@link Certificate} ({@link #certificate()}). Immutable; equal when the DER encodings are.
 */
public final class SslCertificate {
    /** Limits for files of several concatenated DER certificates (a trust bundle). */
    private static final DerLimits BUNDLE_LIMITS = new DerLimits(32, 16 << 20);

    /** The name attributes Qt's {@code QSslCertificate::SubjectInfo} names. */
    public enum SubjectInfo {
        ORGANIZATION(AttributeType.ORGANIZATION),
        COMMON_NAME(AttributeType.COMMON_NAME),
        LOCALITY_NAME(AttributeType.LOCALITY),
        ORGANIZATIONAL_UNIT_NAME(AttributeType.ORGANIZATIONAL_UNIT),
        COUNTRY_NAME(AttributeType.COUNTRY),
        STATE_OR_PROVINCE_NAME(AttributeType.STATE_OR_PROVINCE),
        DISTINGUISHED_NAME_QUALIFIER(AttributeType.DN_QUALIFIER),
        SERIAL_NUMBER(AttributeType.SERIAL_NUMBER),
        EMAIL_ADDRESS(AttributeType.EMAIL_ADDRESS);

        private final AttributeType attributeType;

        SubjectInfo(AttributeType attributeType) {
            this.attributeType = attributeType;
        }

        public AttributeType attributeType() {
            return attributeType;
        }
    }

    /** How {@link #fromPath(String, EncodingFormat, PatternSyntax)} reads its path (Qt's {@code QSsl::PatternSyntax}). */
    public enum PatternSyntax {
        /** A Java regular expression that the whole file path must match. */
        REGULAR_EXPRESSION,
        /** Shell wildcards: {@code *} and {@code ?} within one path segment, {@code [...]} sets. */
        WILDCARD,
        /** The path of one file, taken literally. */
        FIXED_STRING
    }

    /** The subjectAltName entry kinds Qt reports (Qt's {@code QSsl::AlternativeNameEntryType}). */
    public enum AlternativeNameEntryType {
        EMAIL_ENTRY,
        DNS_ENTRY,
        IP_ADDRESS_ENTRY
    }

    /**
     * What a PKCS#12 file held (Qt's {@code importPkcs12} out-parameters).
     *
     * @param caCertificates the rest of the key's chain, then any other certificates of the file
     */
    public record Pkcs12Identity(SslKey key, SslCertificate certificate, List<SslCertificate> caCertificates) {
        public Pkcs12Identity {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(certificate, "certificate");
            caCertificates = List.copyOf(caCertificates);
        }
    }

    private final Certificate certificate;

    private SslCertificate(Certificate certificate) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    public static SslCertificate of(Certificate certificate) {
        return new SslCertificate(certificate);
    }

    /** One DER certificate. */
    public static SslCertificate fromDer(byte[] der) throws SslFormatException {
        try {
            return new SslCertificate(Certificate.parse(der));
        } catch (DerException e) {
            throw new SslFormatException("not a DER certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Every certificate in {@code data}: each {@code CERTIFICATE} block of a PEM text, or each of
     * one or more concatenated DER certificates.
     *
     * @throws SslFormatException when a certificate in the data is malformed
     */
    public static List<SslCertificate> fromData(byte[] data, EncodingFormat format) throws SslFormatException {
        Objects.requireNonNull(data, "data");
        List<SslCertificate> certificates = new ArrayList<>();
        try {
            if (format == EncodingFormat.PEM) {
                for (Certificate parsed : Certificate.parsePem(new String(data, StandardCharsets.ISO_8859_1))) {
                    certificates.add(new SslCertificate(parsed));
                }
            } else {
                DerReader reader = DerReader.of(data, BUNDLE_LIMITS);
                while (reader.hasRemaining()) {
                    certificates.add(new SslCertificate(Certificate.parse(reader.read().encoded())));
                }
            }
        } catch (DerException | PemException e) {
            throw new SslFormatException("malformed certificate data: " + e.getMessage(), e);
        }
        return List.copyOf(certificates);
    }

    /** Every certificate the stream holds until its end; see {@link #fromData}. */
    public static List<SslCertificate> fromDevice(InputStream in, EncodingFormat format) throws IOException {
        return fromData(in.readAllBytes(), format);
    }

    /** {@link #fromPath(String, EncodingFormat, PatternSyntax)} with {@link PatternSyntax#FIXED_STRING}. */
    public static List<SslCertificate> fromPath(Path file, EncodingFormat format) throws IOException {
        return fromPath(file.toString(), format, PatternSyntax.FIXED_STRING);
    }

    /**
     * The certificates in the file {@code path} names, or in every file below the longest
     * pattern-free directory prefix of {@code path} whose path matches it (symbolic links followed,
     * as in {@code /etc/ssl/certs}). A path that names nothing gives an empty list, as in Qt; a file
     * that holds a malformed certificate is an error that names the file.
     */
    public static List<SslCertificate> fromPath(String path, EncodingFormat format, PatternSyntax syntax)
            throws IOException {
        Objects.requireNonNull(path, "path");
        if (syntax == PatternSyntax.FIXED_STRING) {
            Path file = Path.of(path);
            return Files.isRegularFile(file) ? readFile(file, format) : List.of();
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(syntax == PatternSyntax.WILDCARD ? wildcardToRegex(path) : path);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern '" + path + "': " + e.getDescription(), e);
        }
        String prefix = fixedDirectoryPrefix(path, syntax);
        Path directory = Path.of(prefix.isEmpty() ? "." : prefix);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> matches;
        try (Stream<Path> files = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            matches = files.filter(Files::isRegularFile)
                    .filter(file -> pattern.matcher(displayPath(prefix, directory, file)).matches())
                    .sorted()
                    .toList();
        }
        List<SslCertificate> certificates = new ArrayList<>();
        for (Path file : matches) {
            certificates.addAll(readFile(file, format));
        }
        return List.copyOf(certificates);
    }

    private static List<SslCertificate> readFile(Path file, EncodingFormat format) throws IOException {
        try {
            return fromData(Files.readAllBytes(file), format);
        } catch (SslFormatException e) {
            throw new SslFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** The path as the pattern sees it: the prefix as written, then the path below it. */
    private static String displayPath(String prefix, Path directory, Path file) {
        String relative = directory.relativize(file).toString();
        if (prefix.isEmpty()) {
            return relative;
        }
        return prefix.endsWith("/") ? prefix + relative : prefix + "/" + relative;
    }

    /**
     * The part of {@code path} up to the last {@code /} before the first character with a meaning
     * in the pattern syntax: the directory to search below.
     */
    private static String fixedDirectoryPrefix(String path, PatternSyntax syntax) {
        String special = syntax == PatternSyntax.WILDCARD ? "*?[" : "*?[]{}()+|^$\\.";
        int firstSpecial = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (special.indexOf(path.charAt(i)) >= 0) {
                firstSpecial = i;
                break;
            }
        }
        int slash = path.lastIndexOf('/', firstSpecial);
        if (slash < 0) {
            return "";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static String wildcardToRegex(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < wildcard.length(); i++) {
            char c = wildcard.charAt(i);
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = wildcard.indexOf(']', i + 1);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = wildcard.substring(i + 1, close);
                        regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /**
     * Reads a PKCS#12 file: its one private key, the certificate for that key, and the other
     * certificates (Qt's {@code QSslCertificate::importPkcs12}).
     *
     * @throws SslFormatException when the file is malformed, the passphrase wrong, or it does not
     *         hold exactly one key with a certificate
     */
    public static Pkcs12Identity importPkcs12(byte[] pfx, char[] passphrase) throws SslFormatException {
        try {
            Pkcs12Contents contents = Pkcs12Reader.read(pfx, passphrase, CryptoBackends.defaultBackend());
            Pkcs12KeyEntry entry = contents.singleKeyEntry();
            if (entry.chain().isEmpty()) {
                throw new SslFormatException("the PKCS#12 file has no certificate for its private key");
            }
            Set<Certificate> others = new LinkedHashSet<>(entry.chain().subList(1, entry.chain().size()));
            contents.certificates().forEach(bag -> others.add(bag.certificate()));
            others.remove(entry.chain().get(0));
            return new Pkcs12Identity(SslKey.ofPrivateKey(entry.privateKey()), of(entry.chain().get(0)),
                    others.stream().map(SslCertificate::of).toList());
        } catch (KeyFormatException e) {
            throw new SslFormatException("cannot read the PKCS#12 file: " + e.getMessage(), e);
        }
    }

    public static Pkcs12Identity importPkcs12(InputStream in, char[] passphrase) throws IOException {
        return importPkcs12(in.readAllBytes(), passphrase);
    }

    /**
     * Qt's {@code QSslCertificate::verify}: checks {@code chain} (leaf first, without the root) with
     * the CA certificates and verifier of {@link SslConfiguration#defaultConfiguration()}, and the
     * leaf against {@code hostName} unless it is null. An empty list means the chain is valid.
     */
    public static List<SslError> verify(List<SslCertificate> chain, String hostName) {
        SslConfiguration configuration = SslConfiguration.defaultConfiguration();
        CertificateVerifier.Request request = new CertificateVerifier.Request(chain,
                configuration.caCertificates(), hostName, CertificateVerifier.Purpose.ANY, 0,
                configuration.clock().instant(), null, false, configuration.cryptoBackend());
        return configuration.certificateVerifier().verify(request);
    }

    /** The parsed certificate (Qt's {@code handle()}). */
    public Certificate certificate() {
        return certificate;
    }

    // ---- names ----

    public List<String> subjectInfo(SubjectInfo info) {
        return certificate.subject().values(info.attributeType());
    }

    /** The values of an attribute named by its short name ({@code CN}, {@code O}) or dotted OID. */
    public List<String> subjectInfo(String attribute) {
        return valuesOf(certificate.subject(), attribute);
    }

    public List<String> issuerInfo(SubjectInfo info) {
        return certificate.issuer().values(info.attributeType());
    }

    public List<String> issuerInfo(String attribute) {
        return valuesOf(certificate.issuer(), attribute);
    }

    /** The attribute types of the subject, short names where known, in order, each once. */
    public List<String> subjectInfoAttributes() {
        return attributesOf(certificate.subject());
    }

    public List<String> issuerInfoAttributes() {
        return attributesOf(certificate.issuer());
    }

    /** Qt 5.12: the common name, else the first organization, else the first organizational unit. */
    public String subjectDisplayName() {
        return displayName(certificate.subject());
    }

    public String issuerDisplayName() {
        return displayName(certificate.issuer());
    }

    private static String displayName(DistinguishedName name) {
        for (AttributeType type : List.of(AttributeType.COMMON_NAME, AttributeType.ORGANIZATION,
                AttributeType.ORGANIZATIONAL_UNIT)) {
            List<String> values = name.values(type);
            if (!values.isEmpty()) {
                return type == AttributeType.COMMON_NAME ? values.get(values.size() - 1) : values.get(0);
            }
        }
        return name.toRfc4514String();
    }

    private static List<String> valuesOf(DistinguishedName name, String attribute) {
        AttributeType known = AttributeType.forShortName(attribute);
        ObjectIdentifier oid;
        if (known != null) {
            oid = known.oid();
        } else {
            try {
                oid = ObjectIdentifier.of(attribute);
            } catch (IllegalArgumentException notAnOid) {
                return List.of();
            }
        }
        List<String> values = new ArrayList<>();
        for (RelativeDistinguishedName rdn : name.rdns()) {
            for (AttributeTypeAndValue value : rdn.attributes()) {
                if (value.type().equals(oid) && value.stringValue() != null) {
                    values.add(value.stringValue());
                }
            }
        }
        return values;
    }

    private static List<String> attributesOf(DistinguishedName name) {
        Set<String> attributes = new LinkedHashSet<>();
        for (RelativeDistinguishedName rdn : name.rdns()) {
            for (AttributeTypeAndValue value : rdn.attributes()) {
                attributes.add(value.typeName());
            }
        }
        return List.copyOf(attributes);
    }

    /**
     * The subjectAltName entries Qt reports: e-mail addresses, DNS names, and IP addresses in the
     * textual form Java writes ({@code 192.0.2.1}, {@code 2001:db8:0:0:0:0:0:1}).
     */
    public Map<AlternativeNameEntryType, List<String>> subjectAlternativeNames() {
        Map<AlternativeNameEntryType, List<String>> names = new EnumMap<>(AlternativeNameEntryType.class);
        SubjectAlternativeName san = certificate.subjectAlternativeName().orElse(null);
        if (san == null) {
            return names;
        }
        if (!san.emailAddresses().isEmpty()) {
            names.put(AlternativeNameEntryType.EMAIL_ENTRY, san.emailAddresses());
        }
        if (!san.dnsNames().isEmpty()) {
            names.put(AlternativeNameEntryType.DNS_ENTRY, san.dnsNames());
        }
        List<String> addresses = san.ipAddresses().stream().map(SslCertificate::ipText).toList();
        if (!addresses.isEmpty()) {
            names.put(AlternativeNameEntryType.IP_ADDRESS_ENTRY, addresses);
        }
        return names;
    }

    private static String ipText(GeneralName.IpAddress address) {
        try {
            return java.net.InetAddress.getByAddress(address.octets()).getHostAddress();
        } catch (java.net.UnknownHostException impossible) {
            // getByAddress fails only for lengths other than 4 and 16, which an alternative name cannot have
            throw new IllegalStateException("an iPAddress of " + address.octets().length + " octets", impossible);
        }
    }

    // ---- fields ----

    /** Colon-separated lower-case hex of the serial's DER octets, as Qt prints it ({@code 0a:1b:...}). */
    public String serialNumber() {
        return HexFormat.ofDelimiter(":").formatHex(certificate.serialNumber().toByteArray());
    }

    public BigInteger serialNumberValue() {
        return certificate.serialNumber();
    }

    /** 1, 2 or 3. */
    public int version() {
        return certificate.version();
    }

    /** notBefore. */
    public Instant effectiveDate() {
        return certificate.notBefore();
    }

    /** notAfter. */
    public Instant expiryDate() {
        return certificate.notAfter();
    }

    /**
     * Whether the certificate names itself as issuer and its signature verifies under its own key
     * (Qt asks OpenSSL's {@code X509_check_issued(cert, cert)}, which checks the names and key
     * identifiers; checking the signature is the stronger form of the same question).
     */
    public boolean isSelfSigned() {
        if (!certificate.isSelfIssued()) {
            return false;
        }
        try {
            return certificate.verifySignature(certificate, CryptoBackends.defaultBackend());
        } catch (UnsupportedAlgorithmException e) {
            return false;
        }
    }

    /** The hash of the DER encoding (a fingerprint). */
    public byte[] digest(HashAlgorithm algorithm) {
        return certificate.fingerprint(algorithm, CryptoBackends.defaultBackend());
    }

    /** {@code SHA-256 3F:A0:...}: the fingerprint as the summary lines print it. */
    public String sha256Fingerprint() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest(HashAlgorithm.SHA256));
    }

    /**
     * The subject's public key.
     *
     * @throws IllegalStateException when the key's algorithm is one jtls does not use (DSA, say);
     *         {@link #certificate()} still shows its OID and bits
     */
    public SslKey publicKey() {
        return SslKey.ofPublicKey(certificate.publicKey().orElseThrow(() -> new IllegalStateException(
                "unsupported public key algorithm " + certificate.subjectPublicKeyInfo().algorithm().name())));
    }

    public List<SslCertificateExtension> extensions() {
        return certificate.extensions().stream().map(SslCertificateExtension::of).toList();
    }

    public String toPem() {
        return certificate.toPem();
    }

    public byte[] toDer() {
        return certificate.encode();
    }

    /** The layout of {@code openssl x509 -text -noout}. */
    public String toText() {
        return certificate.toText();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SslCertificate that && certificate.equals(that.certificate);
    }

    @Override
    public int hashCode() {
        return certificate.hashCode();
    }

    /** The subject in RFC 4514 form, or the fingerprint when the subject is empty. */
    @Override
    public String toString() {
        return certificate.subject().isEmpty() ? "(empty subject) SHA-256 " + sha256Fingerprint()
                : certificate.subject().toRfc4514String();
    }
}
