package org.jtls.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jtls.cli.verify.BatchRunner;
import org.jtls.cli.verify.HostnameNameMatcher;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificatePolicies;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.path.ErrorKind;
import org.jtls.x509.path.PathValidator;
import org.jtls.x509.path.PolicyInputs;
import org.jtls.x509.path.Purpose;
import org.jtls.x509.path.RevocationMode;
import org.jtls.x509.path.ValidationError;
import org.jtls.x509.path.ValidationParameters;
import org.jtls.x509.path.ValidationResult;
import org.jtls.x509.path.WorkBudget;
import org.jtls.x509.pem.PemException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtls verify}: builds and validates a certification path (RFC 5280) and prints it with
 * every error, or runs a file of cases in the batch format of {@code shared/x509-cases.md}.
 * Exit status: 0 valid, 1 invalid, 2 bad usage; in batch mode 0 when every case got a result, 1
 * when some case hit an internal error.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Build and validate a certification path from a leaf to a trusted certificate (RFC 5280): "
                    + "signatures, validity, basic constraints, key usage, name constraints, policies, "
                    + "and revocation by CRLs when --crl is given.",
            "With --batch, validate every case of a JSON-lines file and write one result line per case."
        },
        footer = {"", "Examples:",
            "  jtls verify --ca roots.pem --chain chain.pem --purpose server",
            "  jtls verify --ca root.pem --chain chain.pem --crl ca.crl --at 2024-06-01T00:00:00Z",
            "  jtls verify --batch cases.jsonl --out results.jsonl"})
final class VerifyCommand implements Callable<Integer> {
    static final int EXIT_VALID = 0;
    static final int EXIT_INVALID = 1;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Trusted certificates: a PEM file, or a directory of PEM files.")
    private Path caFile;

    @Option(names = "--chain", paramLabel = "FILE",
            description = "PEM file: the leaf first, then untrusted intermediates in any order.")
    private Path chainFile;

    @Option(names = "--crl", paramLabel = "FILE",
            description = "PEM CRLs; may repeat. Turns on revocation checking: every certificate but the "
                    + "trust anchor must be decided not revoked by them.")
    private List<Path> crlFiles = new ArrayList<>();

    @Option(names = "--at", paramLabel = "TIME",
            description = "Validation time: ISO-8601 (2024-06-01T00:00:00Z) or seconds since the epoch. "
                    + "Default: now.")
    private String at;

    @Option(names = "--purpose", paramLabel = "PURPOSE", defaultValue = "any",
            description = "server (TLS server certificate), client (TLS client certificate) or any. "
                    + "Default: ${DEFAULT-VALUE}.")
    private String purpose;

    @Option(names = "--host", paramLabel = "NAME",
            description = "The name the client connected to: a DNS name (RFC 6125/9525 matching against "
                    + "subjectAltName) or an IP address.")
    private String host;

    @Option(names = "--allow-sha1", description = "Accept SHA-1 signatures (refused by default; MD5 never).")
    private boolean allowSha1;

    @Option(names = "--max-depth", paramLabel = "N",
            description = "Most intermediates a path may have. Default: "
                    + ValidationParameters.DEFAULT_MAX_INTERMEDIATES + ".")
    private Integer maxDepth;

    @Option(names = "--policy", paramLabel = "OID",
            description = "An acceptable certificate policy (user-initial-policy-set); may repeat. Default: any.")
    private List<String> policies = new ArrayList<>();

    @Option(names = "--explicit-policy", description = "Require a valid policy (initial-explicit-policy).")
    private boolean explicitPolicy;

    @Option(names = "--inhibit-map", description = "Forbid policy mapping (initial-policy-mapping-inhibit).")
    private boolean inhibitMapping;

    @Option(names = "--inhibit-any", description = "Ignore anyPolicy (initial-any-policy-inhibit).")
    private boolean inhibitAnyPolicy;

    @Option(names = "--batch", paramLabel = "CASES",
            description = "JSON-lines file of cases (shared/x509-cases.md); needs --out.")
    private Path batchFile;

    @Option(names = "--out", paramLabel = "RESULTS", description = "Where --batch writes its result lines.")
    private Path outFile;

    @Option(names = "--case-timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "Per-case time limit in --batch mode. Default: ${DEFAULT-VALUE}.")
    private long caseTimeoutMillis;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (batchFile != null) {
            return runBatch();
        }
        if (outFile != null) {
            throw usage("--out is only for --batch");
        }
        if (caFile == null || chainFile == null) {
            throw usage("--ca and --chain are required (or --batch with --out)");
        }
        return verifyChain();
    }

    private int verifyChain() {
        PrintWriter out = spec.commandLine().getOut();
        List<Certificate> anchors;
        List<Certificate> chain;
        try {
            anchors = readCertificates(caFile);
            chain = readCertificates(chainFile);
        } catch (UnreadableInputException e) {
            out.println("Verification: FAILED: " + ErrorKind.MalformedCertificate);
            out.println("  " + e.getMessage());
            out.flush();
            return EXIT_INVALID;
        }
        if (chain.isEmpty()) {
            throw usage(chainFile + " holds no certificate");
        }
        List<CertificateList> crls = new ArrayList<>();
        for (Path crlFile : crlFiles) {
            try {
                crls.addAll(readCrls(crlFile));
            } catch (UnreadableInputException e) {
                out.println("Verification: FAILED: " + ErrorKind.CrlInvalid);
                out.println("  " + e.getMessage());
                out.flush();
                return EXIT_INVALID;
            }
        }
        ValidationParameters.Builder parameters = ValidationParameters.builder(validationTime())
                .trustAnchors(anchors)
                .purpose(purpose())
                .crls(crls)
                .revocation(crlFiles.isEmpty() ? RevocationMode.NONE : RevocationMode.CRL)
                .policy(policyInputs())
                .allowSha1Signatures(allowSha1);
        if (maxDepth != null) {
            if (maxDepth < 0) {
                throw usage("--max-depth must not be negative");
            }
            parameters.maxIntermediates(maxDepth);
        }
        ValidationResult result = new PathValidator(CryptoBackends.defaultBackend())
                .validate(chain.get(0), chain.subList(1, chain.size()), parameters.build());
        Optional<String> nameProblem = host == null ? Optional.empty()
                : new HostnameNameMatcher().checkServerName(chain.get(0), host, "dns");
        print(out, result, anchors, nameProblem);
        out.flush();
        return result.isValid() && nameProblem.isEmpty() ? EXIT_VALID : EXIT_INVALID;
    }

    private static void print(PrintWriter out, ValidationResult result, List<Certificate> anchors,
            Optional<String> nameProblem) {
        out.println(result.isValid() ? "Path:" : "Path (best attempt; no path validated):");
        List<Certificate> path = result.path();
        for (int i = 0; i < path.size(); i++) {
            Certificate certificate = path.get(i);
            boolean anchor = i == path.size() - 1 && (result.isValid() || anchors.contains(certificate));
            out.println("  " + i + ": " + certificate.subject() + (anchor ? " [trust anchor]"
                    : " (issuer " + certificate.issuer() + ")"));
        }
        if (result.isValid()) {
            Set<ObjectIdentifier> policySet = result.userConstrainedPolicySet();
            out.println("Policies: " + (policySet.isEmpty() ? "none"
                    : policySet.contains(CertificatePolicies.ANY_POLICY) ? "anyPolicy"
                    : policySet.stream().map(ObjectIdentifier::toString).sorted().collect(Collectors.joining(", "))));
            if (nameProblem.isEmpty()) {
                out.println("Verification: OK");
            } else {
                out.println("Verification: FAILED: " + ErrorKind.HostNameMismatch);
                out.println("  " + nameProblem.get());
            }
            return;
        }
        Set<String> kinds = new LinkedHashSet<>();
        nameProblem.ifPresent(problem -> kinds.add(ErrorKind.HostNameMismatch.name()));
        for (ValidationError error : result.errors()) {
            kinds.add(error.kind().name());
        }
        out.println("Verification: FAILED: " + String.join(", ", kinds));
        for (ValidationError error : result.errors()) {
            out.println("  " + error);
        }
        nameProblem.ifPresent(problem -> out.println("  " + problem));
    }

    private int runBatch() {
        if (outFile == null) {
            throw usage("--batch needs --out");
        }
        if (caFile != null || chainFile != null || !crlFiles.isEmpty()) {
            throw usage("--batch reads certificates from the cases; --ca, --chain and --crl do not apply");
        }
        if (caseTimeoutMillis <= 0 || caseTimeoutMillis > Duration.ofDays(1).toMillis()) {
            throw usage("--case-timeout-ms must be between 1 and 86400000");
        }
        BatchRunner runner = new BatchRunner(CryptoBackends.defaultBackend(),
                new BatchRunner.Options(Duration.ofMillis(caseTimeoutMillis), WorkBudget.DEFAULT, allowSha1),
                new HostnameNameMatcher(), System::nanoTime);
        BatchRunner.Summary summary;
        try (BufferedReader in = Files.newBufferedReader(batchFile, StandardCharsets.UTF_8);
                BufferedWriter results = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            summary = runner.runAll(in, results);
        } catch (IOException e) {
            throw usage("cannot run " + batchFile + " into " + outFile + ": " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("jtls verify --batch: " + summary);
        err.flush();
        return summary.internalErrors() > 0 ? EXIT_INVALID : EXIT_VALID;
    }

    private Purpose purpose() {
        return switch (purpose) {
            case "server" -> Purpose.SERVER_AUTH;
            case "client" -> Purpose.CLIENT_AUTH;
            case "any" -> Purpose.ANY;
            default -> throw usage("--purpose must be server, client or any, not '" + purpose + "'");
        };
    }

    private Instant validationTime() {
        if (at == null) {
            return Instant.now();
        }
        try {
            if (at.chars().allMatch(Character::isDigit) && !at.isEmpty()) {
                return Instant.ofEpochSecond(Long.parseLong(at));
            }
            return Instant.parse(at);
        } catch (DateTimeException | NumberFormatException e) {
            throw usage("--at: '" + at + "' is neither ISO-8601 nor seconds since the epoch");
        }
    }

    private PolicyInputs policyInputs() {
        Set<ObjectIdentifier> initial = new LinkedHashSet<>();
        for (String policy : policies) {
            try {
                initial.add(ObjectIdentifier.of(policy));
            } catch (IllegalArgumentException e) {
                throw usage("--policy: " + e.getMessage());
            }
        }
        if (initial.isEmpty()) {
            initial.add(CertificatePolicies.ANY_POLICY);
        }
        return new PolicyInputs(initial, explicitPolicy, inhibitMapping, inhibitAnyPolicy);
    }

    /** A file that was read but does not hold valid PEM certificates or CRLs. */
    private static final class UnreadableInputException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableInputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private List<Certificate> readCertificates(Path file) throws UnreadableInputException {
        List<Certificate> certificates = new ArrayList<>();
        for (Path source : sources(file)) {
            try {
                certificates.addAll(Certificate.parsePem(readText(source)));
            } catch (PemException | DerException e) {
                throw new UnreadableInputException(source + ": " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    private List<CertificateList> readCrls(Path file) throws UnreadableInputException {
        try {
            List<CertificateList> crls = CertificateList.parsePem(readText(file));
            if (crls.isEmpty()) {
                throw usage(file + " holds no X509 CRL");
            }
            return crls;
        } catch (PemException | DerException e) {
            throw new UnreadableInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** A file, or the regular files of a directory in name order. */
    private List<Path> sources(Path file) {
        if (!Files.isDirectory(file)) {
            return List.of(file);
        }
        try (Stream<Path> listing = Files.list(file)) {
            return listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw usage("cannot list " + file + ": " + e.getMessage());
        }
    }

    private String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
