package org.jtls.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jtls.cli.json.JsonException;
import org.jtls.cli.json.JsonReader;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.path.WorkBudget;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * NIST PKITS (all 249 cases of {@code shared/test-data/pkits/pkits-cases.jsonl}) through the batch
 * runner: every case's result must equal PKITS's expected verdict, and for valid paths the
 * user-constrained policy set must equal the one PKITS.pdf gives.
 *
 * <p>PKITS is RFC 5280 conformance from 2011: its DSA certificates are signed with SHA-1, so the
 * runner is configured as {@code jtls verify --batch --allow-sha1} would be. Cases jtls knowingly
 * answers differently are listed in {@link #KNOWN_FAILURES} with the reason, so that a regression
 * and an improvement both fail this test.
 */
class PkitsBatchTest {
    /**
     * Case id → why jtls's answer differs from PKITS's. Empty: every case gets PKITS's verdict
     * (4.1.4 and 4.1.5 since jtls verifies DSA and inherits DSA parameters along a path).
     */
    private static final Map<String, String> KNOWN_FAILURES = Map.of();

    @Test
    void everyPkitsCaseGetsThePkitsVerdict() throws IOException, JsonException {
        Path cases = locatePkitsCases();
        Assumptions.assumeTrue(cases != null,
                "PKITS cases not found: no shared/test-data/pkits/pkits-cases.jsonl above " + Path.of("").toAbsolutePath());
        BatchRunner runner = new BatchRunner(CryptoBackends.defaultBackend(),
                new BatchRunner.Options(Duration.ofSeconds(30), WorkBudget.DEFAULT, true), new HostnameNameMatcher(), System::nanoTime);
        Map<String, String> mismatches = new TreeMap<>();
        int total = 0;
        for (String line : Files.readAllLines(cases, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            total++;
            @SuppressWarnings("unchecked")
            Map<String, Object> testCase = (Map<String, Object>) JsonReader.parse(line);
            String id = (String) testCase.get("id");
            String expected = (String) testCase.get("expected");
            CaseResult result = runner.run(line);
            assertFalse(result.internalError(), id + ": " + result.reason());
            assertEquals(id, result.id());
            if (!result.verdict().name().equals(expected)) {
                mismatches.put(id, "expected " + expected + ", got " + result.verdict() + ": " + result.reason());
                continue;
            }
            if (result.verdict() == Verdict.SUCCESS) {
                Set<String> expectedPolicies = expectedPolicies(testCase);
                Set<String> policies = result.validation().orElseThrow().userConstrainedPolicySet().stream()
                        .map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
                if (expectedPolicies != null && !expectedPolicies.equals(policies)) {
                    mismatches.put(id, "user-constrained policy set " + policies + ", expected " + expectedPolicies);
                }
            }
        }
        int passed = total - mismatches.size();
        System.out.printf("PKITS: %d of %d cases pass%n", passed, total);
        mismatches.forEach((id, problem) -> System.out.println("  " + id + ": " + problem));
        assertEquals(249, total, "PKITS case count");
        assertEquals(new TreeSet<>(KNOWN_FAILURES.keySet()), mismatches.keySet(),
                "cases differing from PKITS (known: " + KNOWN_FAILURES + ")");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> expectedPolicies(Map<String, Object> testCase) {
        if (!(testCase.get("policy") instanceof Map<?, ?> policy)
                || !(policy.get("expected_user_constrained_policy_set") instanceof List<?> list)) {
            return null;
        }
        return ((List<Object>) list).stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Walks up from the working directory to {@code shared/test-data/pkits/pkits-cases.jsonl}. */
    static Path locatePkitsCases() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("shared/test-data/pkits/pkits-cases.jsonl");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }


}
