package org.jtls.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jtls.api.EncodingFormat;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslCipher;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslProtocol;
import org.jtls.crypto.registry.CipherString;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.TlsConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options {@code jtls client} and {@code jtls server} share (CLI.md): versions, suites, groups,
 * signature schemes, ALPN, the key log and the trust anchors, and how they become an
 * {@link SslConfiguration}. Names and values follow OpenSSL's, so a malformed value is a usage
 * error (exit 2) found while parsing.
 */
final class TlsOptions {
    @Option(names = "--protocols", paramLabel = "LIST", split = ",", hideParamSyntax = true, converter = VersionConverter.class,
            description = "Protocol versions, e.g. TLSv1.2,TLSv1.3 (the default). SSLv3, TLSv1 and TLSv1.1 "
                    + "are used only when named.")
    List<ProtocolVersion> protocols = new ArrayList<>();

    @Option(names = "--ciphers", paramLabel = "STR", converter = CipherStringConverter.class,
            description = "TLS <= 1.2 suites, OpenSSL cipher-string syntax (ECDHE+AESGCM:!SHA1); "
                    + "ALL enables every implemented suite but the NULL ones (COMPLEMENTOFALL adds those).")
    CipherSelection ciphers;

    /** What a cipher string selected, in order. */
    record CipherSelection(List<CipherSuite> suites) {
    }

    @Option(names = "--ciphersuites", paramLabel = "LIST", split = ",", hideParamSyntax = true, converter = Tls13SuiteConverter.class,
            description = "TLS 1.3 suites, IANA names, in preference order (TLS_AES_128_GCM_SHA256,...).")
    List<CipherSuite> ciphersuites = new ArrayList<>();

    @Option(names = "--groups", paramLabel = "LIST", split = ",", hideParamSyntax = true, converter = GroupConverter.class,
            description = "Key-exchange groups in preference order: X25519MLKEM768, x25519, secp256r1, "
                    + "secp384r1, secp521r1, x448, ffdhe2048, ... A client sends a key share for the first.")
    List<NamedGroup> groups = new ArrayList<>();

    @Option(names = "--sigalgs", paramLabel = "LIST", split = ",", hideParamSyntax = true, converter = SignatureSchemeConverter.class,
            description = "Signature schemes, IANA names (ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, ed25519, ...).")
    List<SignatureScheme> sigalgs = new ArrayList<>();

    @Option(names = "--alpn", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            description = "ALPN protocols, comma-separated, in preference order (h2,http/1.1).")
    List<String> alpn = new ArrayList<>();

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Append the connection secrets to FILE in the NSS key-log format (for Wireshark).")
    Path keyLog;

    /**
     * Applies these options to {@code builder} and returns the engine changes the API has no setting
     * for (the exact version list), to run in the configuration's engine customizer.
     */
    UnaryOperator<TlsConfig.Builder> applyTo(SslConfiguration.Builder builder) {
        UnaryOperator<TlsConfig.Builder> engineChanges = UnaryOperator.identity();
        if (!protocols.isEmpty()) {
            List<ProtocolVersion> newestFirst = protocols.stream().distinct()
                    .sorted(Comparator.reverseOrder()).toList();
            builder.protocol(coveringProtocol(newestFirst));
            // SslProtocol is a range; a list with a gap (TLSv1,TLSv1.2) is exact only in the engine.
            engineChanges = engine -> engine.versions(newestFirst);
        }
        if (ciphers != null || !ciphersuites.isEmpty()) {
            builder.ciphers(cipherList());
        }
        if (!groups.isEmpty()) {
            builder.groups(groups);
        }
        if (!sigalgs.isEmpty()) {
            builder.signatureSchemes(sigalgs);
        }
        if (!alpn.isEmpty()) {
            builder.allowedNextProtocols(alpn);
        }
        if (keyLog != null) {
            builder.keyLogFile(keyLog);
        }
        return engineChanges;
    }

    /** TLS 1.3 suites (--ciphersuites, else those --ciphers names, else the defaults), then TLS <= 1.2 ones. */
    private List<SslCipher> cipherList() {
        List<CipherSuite> tls13 = new ArrayList<>(ciphersuites);
        if (tls13.isEmpty() && ciphers != null) {
            ciphers.suites().stream().filter(TlsOptions::isTls13Suite).forEach(tls13::add);
        }
        if (tls13.isEmpty()) {
            CipherSuite.defaults().stream().filter(TlsOptions::isTls13Suite).forEach(tls13::add);
        }
        List<CipherSuite> older = ciphers != null
                ? ciphers.suites().stream().filter(suite -> !isTls13Suite(suite)).toList()
                : CipherSuite.defaults().stream().filter(suite -> !isTls13Suite(suite)).toList();
        List<SslCipher> all = new ArrayList<>();
        tls13.stream().distinct().map(SslCipher::of).forEach(all::add);
        older.stream().map(SslCipher::of).forEach(all::add);
        return all;
    }

    private static boolean isTls13Suite(CipherSuite suite) {
        return suite.minimumVersion() == ProtocolVersion.TLS_1_3;
    }

    /** The narrowest supported {@link SslProtocol} range holding every version asked for. */
    private static SslProtocol coveringProtocol(List<ProtocolVersion> versions) {
        SslProtocol best = SslProtocol.ANY_PROTOCOL;
        for (SslProtocol candidate : SslProtocol.values()) {
            if (candidate.isSupported() && candidate.versions().containsAll(versions)
                    && candidate.versions().size() < best.versions().size()) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Trust anchors from a PEM file, or from every file in a directory that holds PEM certificates.
     *
     * @throws IOException when a file cannot be read or holds a malformed certificate
     */
    static List<SslCertificate> readCaCertificates(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + ": no such file");
            }
            return SslCertificate.fromPath(path, EncodingFormat.PEM);
        }
        List<SslCertificate> anchors = new ArrayList<>();
        List<Path> files;
        try (var listing = Files.list(path)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            if (Files.size(file) < 1_000_000
                    && Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains("-----BEGIN CERTIFICATE-----")) {
                for (SslCertificate certificate : SslCertificate.fromPath(file, EncodingFormat.PEM)) {
                    if (!anchors.contains(certificate)) {
                        anchors.add(certificate);
                    }
                }
            }
        }
        return anchors;
    }

    static final class VersionConverter implements ITypeConverter<ProtocolVersion> {
        @Override
        public ProtocolVersion convert(String value) {
            return ProtocolVersion.fromName(value).orElseThrow(() -> new TypeConversionException(
                    "unknown protocol version '" + value + "' (SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)"));
        }
    }

    static final class CipherStringConverter implements ITypeConverter<CipherSelection> {
        @Override
        public CipherSelection convert(String value) {
            try {
                return new CipherSelection(CipherString.parse(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("bad cipher string '" + value + "': " + e.getMessage());
            }
        }
    }

    static final class Tls13SuiteConverter implements ITypeConverter<CipherSuite> {
        @Override
        public CipherSuite convert(String value) {
            CipherSuite suite = CipherSuite.fromName(value).orElseThrow(
                    () -> new TypeConversionException("unknown cipher suite '" + value + "'"));
            if (!isTls13Suite(suite)) {
                throw new TypeConversionException(value + " is not a TLS 1.3 suite (use --ciphers for TLS <= 1.2)");
            }
            return suite;
        }
    }

    static final class GroupConverter implements ITypeConverter<NamedGroup> {
        @Override
        public NamedGroup convert(String value) {
            return NamedGroup.fromName(value).orElseThrow(
                    () -> new TypeConversionException("unknown group '" + value + "'"));
        }
    }

    static final class SignatureSchemeConverter implements ITypeConverter<SignatureScheme> {
        @Override
        public SignatureScheme convert(String value) {
            return SignatureScheme.fromName(value).orElseThrow(
                    () -> new TypeConversionException("unknown signature scheme '" + value + "'"));
        }
    }
}
