package org.jtls.cli.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jtls.cli.json.JsonException;
import org.jtls.cli.json.JsonReader;
import org.jtls.crypto.CryptoBackend;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.der.DerException;
import org.jtls.x509.path.Deadline;
import org.jtls.x509.path.ErrorKind;
import org.jtls.x509.path.PathValidator;
import org.jtls.x509.path.RevocationMode;
import org.jtls.x509.path.ValidationError;
import org.jtls.x509.path.ValidationParameters;
import org.jtls.x509.path.ValidationResult;
import org.jtls.x509.path.WorkBudget;
import org.jtls.x509.pem.PemException;

/**
 * Runs the batch format of {@code shared/x509-cases.md}: one JSON case per line in, one result line
 * per case out, thousands of cases in one JVM. Each case gets its own time limit and work budget and
 * a budget that runs out is reported as {@code TIMEOUT}. Malformed lines, certificates and CRLs are
 * {@code FAILURE}s with the reason, never a crash; a bug in jtls (an unchecked exception) is also a
 * {@code FAILURE}, marked as an internal error so that the command can report it.
 *
 * <p>Names: server names and peer names are checked by the {@link NameMatcher} given
 * ({@link HostnameNameMatcher} in {@code jtls verify}).
 */
public final class BatchRunner {
    /** Per-case limits and the signature policy. */
    public record Options(Duration caseTimeLimit, WorkBudget workBudget, boolean allowSha1Signatures) {
        /** 5 s and the default work budget per case; SHA-1 refused. */
        public static final Options DEFAULT = new Options(Duration.ofSeconds(5), WorkBudget.DEFAULT, false);

        public Options {
            Objects.requireNonNull(caseTimeLimit, "caseTimeLimit");
            Objects.requireNonNull(workBudget, "workBudget");
        }
    }

    /** Counts over a run. */
    public record Summary(int cases, int success, int failure, int timeout, int internalErrors) {
        @Override
        public String toString() {
            return cases + " cases: " + success + " SUCCESS, " + failure + " FAILURE, " + timeout + " TIMEOUT"
                    + (internalErrors > 0 ? "; " + internalErrors + " INTERNAL ERRORS" : "");
        }
    }

    private final PathValidator validator;
    private final Options options;
    private final NameMatcher nameMatcher;
    private final LongSupplier nanoClock;

    /**
     * @param nameMatcher checks server and peer names, or {@code null} when none is available
     * @param nanoClock a monotonic clock for the per-case time limit, such as {@code System::nanoTime}
     */
    public BatchRunner(CryptoBackend crypto, Options options, NameMatcher nameMatcher, LongSupplier nanoClock) {
        this.validator = new PathValidator(crypto);
        this.options = Objects.requireNonNull(options, "options");
        this.nameMatcher = Objects.requireNonNull(nameMatcher, "nameMatcher");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Reads every case line from {@code in} and writes one result line each to {@code out}. */
    public Summary runAll(BufferedReader in, Writer out) throws IOException {
        int cases = 0;
        int[] verdicts = new int[Verdict.values().length];
        int internalErrors = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            CaseResult result = run(line);
            out.write(result.toJsonLine());
            out.write('\n');
            cases++;
            verdicts[result.verdict().ordinal()]++;
            internalErrors += result.internalError() ? 1 : 0;
        }
        out.flush();
        return new Summary(cases, verdicts[Verdict.SUCCESS.ordinal()], verdicts[Verdict.FAILURE.ordinal()],
                verdicts[Verdict.TIMEOUT.ordinal()], internalErrors);
    }

    /** The result of one case line; never throws. */
    public CaseResult run(String line) {
        String id = null;
        try {
            Object json = JsonReader.parse(line);
            if (!(json instanceof Map<?, ?> map)) {
                return failure(null, "malformed case: a case is a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            id = BatchCase.idOf(object);
            return run(BatchCase.fromJson(object));
        } catch (JsonException e) {
            return failure(id, "malformed case: not JSON: " + e.getMessage());
        } catch (MalformedCaseException e) {
            return failure(id, "malformed case: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug in jtls: report it for this case and go on with the others.
            return new CaseResult(id, Verdict.FAILURE, "internal error: " + e, Optional.empty(), true);
        }
    }

    private CaseResult run(BatchCase testCase) {
        List<Certificate> trusted;
        List<Certificate> intermediates;
        Certificate leaf;
        List<CertificateList> crls = List.of();
        try {
            trusted = certificates(testCase.trusted(), "trusted");
            intermediates = certificates(testCase.intermediates(), "intermediates");
            List<Certificate> leaves = certificates(List.of(testCase.leaf()), "leaf");
            if (leaves.size() != 1) {
                return failure(testCase.id(), ErrorKind.MalformedCertificate + ": leaf must hold one certificate");
            }
            leaf = leaves.get(0);
        } catch (MalformedCaseException e) {
            return failure(testCase.id(), ErrorKind.MalformedCertificate + ": " + e.getMessage());
        }
        if (testCase.revocation() == RevocationMode.CRL) {
            try {
                crls = crls(testCase.crls());
            } catch (MalformedCaseException e) {
                return failure(testCase.id(), ErrorKind.CrlInvalid + ": " + e.getMessage());
            }
        }
        ValidationParameters.Builder parameters = ValidationParameters.builder(testCase.time())
                .trustAnchors(trusted)
                .crls(crls)
                .purpose(testCase.purpose())
                .revocation(testCase.revocation())
                .policy(testCase.policy())
                .allowSha1Signatures(options.allowSha1Signatures())
                .workBudget(options.workBudget().withDeadline(Deadline.after(options.caseTimeLimit(), nanoClock)));
        testCase.maxChainDepth().ifPresent(parameters::maxIntermediates);
        testCase.requiredExtendedKeyUsages().forEach(parameters::requireExtendedKeyUsage);
        testCase.requiredKeyUsages().forEach(parameters::requireKeyUsage);
        ValidationResult result = validator.validate(leaf, intermediates, parameters.build());

        if (result.has(ErrorKind.WorkBudgetExceeded)) {
            return new CaseResult(testCase.id(), Verdict.TIMEOUT, describe(result.errors()), Optional.of(result),
                    false);
        }
        List<String> nameProblems = new ArrayList<>();
        if (testCase.serverName().isPresent()) {
            nameMatcher.checkServerName(leaf, testCase.serverName().get(), testCase.serverNameType().orElse("dns"))
                    .ifPresent(problem -> nameProblems.add(ErrorKind.HostNameMismatch + ": " + problem));
        }
        for (PeerName peerName : testCase.peerNames()) {
            nameMatcher.checkPeerName(leaf, peerName)
                    .ifPresent(problem -> nameProblems.add(ErrorKind.HostNameMismatch + ": " + problem));
        }
        if (result.isValid() && nameProblems.isEmpty()) {
            return new CaseResult(testCase.id(), Verdict.SUCCESS, "valid path: " + describePath(result),
                    Optional.of(result), false);
        }
        List<String> reasons = new ArrayList<>(nameProblems);
        if (!result.isValid()) {
            reasons.add(describe(result.errors()));
        } else {
            reasons.add("the path itself is valid: " + describePath(result));
        }
        return new CaseResult(testCase.id(), Verdict.FAILURE, String.join("; ", reasons), Optional.of(result),
                false);
    }

    private static List<Certificate> certificates(List<String> pems, String field) throws MalformedCaseException {
        List<Certificate> certificates = new ArrayList<>();
        for (int i = 0; i < pems.size(); i++) {
            try {
                List<Certificate> parsed = Certificate.parsePem(pems.get(i));
                if (parsed.isEmpty()) {
                    throw new MalformedCaseException(field + "[" + i + "] holds no CERTIFICATE block");
                }
                certificates.addAll(parsed);
            } catch (PemException | DerException e) {
                throw new MalformedCaseException(field + "[" + i + "]: " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    private static List<CertificateList> crls(List<String> pems) throws MalformedCaseException {
        List<CertificateList> crls = new ArrayList<>();
        for (int i = 0; i < pems.size(); i++) {
            try {
                List<CertificateList> parsed = CertificateList.parsePem(pems.get(i));
                if (parsed.isEmpty()) {
                    throw new MalformedCaseException("crls[" + i + "] holds no X509 CRL block");
                }
                crls.addAll(parsed);
            } catch (PemException | DerException e) {
                throw new MalformedCaseException("crls[" + i + "]: " + e.getMessage(), e);
            }
        }
        return crls;
    }

    private static CaseResult failure(String id, String reason) {
        return new CaseResult(id, Verdict.FAILURE, reason, Optional.empty(), false);
    }

    static String describePath(ValidationResult result) {
        return result.path().stream().map(certificate -> certificate.subject().toString())
                .collect(Collectors.joining(" <- "));
    }

    static String describe(List<ValidationError> errors) {
        return errors.stream().map(ValidationError::toString).collect(Collectors.joining("; "));
    }
}
