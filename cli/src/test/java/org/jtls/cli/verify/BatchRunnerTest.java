package org.jtls.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jtls.cli.json.JsonException;
import org.jtls.cli.json.JsonReader;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.path.Deadline;
import org.jtls.x509.path.WorkBudget;
import org.junit.jupiter.api.Test;

class BatchRunnerTest {
    private static final TestChains CHAIN = new TestChains();
    private static final BatchRunner RUNNER = new BatchRunner(CryptoBackends.defaultBackend(),
            BatchRunner.Options.DEFAULT, new HostnameNameMatcher(), System::nanoTime);

    private static CaseResult run(Map<String, Object> overrides) {
        return RUNNER.run(CHAIN.caseLine("case-1", overrides));
    }

    @Test
    void validCaseSucceedsAndTheResultLineHasExactlyIdResultAndReason() throws JsonException {
        CaseResult result = run(Map.of());
        assertEquals(Verdict.SUCCESS, result.verdict(), result.reason());
        Map<?, ?> line = (Map<?, ?>) JsonReader.parse(result.toJsonLine());
        assertEquals(List.of("id", "result", "reason"), List.copyOf(line.keySet()));
        assertEquals("case-1", line.get("id"));
        assertEquals("SUCCESS", line.get("result"));
        assertTrue(((String) line.get("reason")).contains("CN=leaf.example <- CN=CLI CA <- CN=CLI Root"),
                result.reason());
    }

    @Test
    void expectedIsNeverReadAndUnknownFieldsAreIgnored() {
        CaseResult plain = run(Map.of());
        CaseResult saysFailure = run(Map.of("expected", "FAILURE", "features", List.of("x"), "whatever", Map.of()));
        CaseResult oddExpected = run(Map.of("expected", 42));
        assertEquals(Verdict.SUCCESS, saysFailure.verdict());
        assertEquals(plain.reason(), saysFailure.reason());
        assertEquals(Verdict.SUCCESS, oddExpected.verdict());
    }

    @Test
    void validationFailuresGiveTheErrors() {
        CaseResult late = run(Map.of("time", TestChains.NOW.plus(Duration.ofDays(60)).getEpochSecond()));
        assertEquals(Verdict.FAILURE, late.verdict());
        assertTrue(late.reason().startsWith("CertificateExpired"), late.reason());
        CaseResult noIntermediate = run(Map.of("intermediates", List.of()));
        assertEquals(Verdict.FAILURE, noIntermediate.verdict());
        assertTrue(noIntermediate.reason().contains("UnableToVerifyFirstCertificate"), noIntermediate.reason());
        CaseResult clientPurpose = run(Map.of("purpose", "clientAuth"));
        assertTrue(clientPurpose.reason().contains("InvalidPurpose"), clientPurpose.reason());
        CaseResult depth = run(Map.of("max_chain_depth", 0));
        assertTrue(depth.reason().contains("ChainTooLong"), depth.reason());
        CaseResult keyUsage = run(Map.of("required_key_usage", List.of("keyEncipherment")));
        assertTrue(keyUsage.reason().contains("InvalidPurpose"), keyUsage.reason());
        CaseResult eku = run(Map.of("required_eku", List.of("codeSigning")));
        assertTrue(eku.reason().contains("InvalidPurpose"), eku.reason());
        assertEquals(Verdict.SUCCESS, run(Map.of("required_eku", List.of("serverAuth"),
                "required_key_usage", List.of("digitalSignature"))).verdict());
    }

    @Test
    void policyInputsAreRead() {
        CaseResult explicit = run(Map.of("policy", Map.of("initial_policy_set", List.of("2.5.29.32.0"),
                "initial_explicit_policy", true, "initial_policy_mapping_inhibit", false,
                "initial_inhibit_any_policy", false, "expected_user_constrained_policy_set", List.of())));
        assertEquals(Verdict.FAILURE, explicit.verdict());
        assertTrue(explicit.reason().contains("PolicyFailure"), explicit.reason());
    }

    @Test
    void crlRevocationIsCheckedWhenAsked() {
        CaseResult revoked = run(Map.of("revocation", "crl",
                "crls", List.of(CHAIN.crlPem(false), CHAIN.crlPem(true, CHAIN.leafSerial))));
        assertEquals(Verdict.FAILURE, revoked.verdict());
        assertTrue(revoked.reason().startsWith("CertificateRevoked"), revoked.reason());
        CaseResult good = run(Map.of("revocation", "crl", "crls", List.of(CHAIN.crlPem(false), CHAIN.crlPem(true))));
        assertEquals(Verdict.SUCCESS, good.verdict(), good.reason());
        CaseResult missing = run(Map.of("revocation", "crl", "crls", List.of(CHAIN.crlPem(true))));
        assertTrue(missing.reason().startsWith("RevocationStatusUnknown"), missing.reason());
        // With revocation off, CRLs are not even read.
        assertEquals(Verdict.SUCCESS, run(Map.of("crls", List.of("not a CRL"))).verdict());
        CaseResult badCrl = run(Map.of("revocation", "crl", "crls", List.of("not a CRL")));
        assertTrue(badCrl.reason().startsWith("CrlInvalid"), badCrl.reason());
    }

    @Test
    void malformedLinesAndFieldsAreFailuresNotCrashes() {
        CaseResult notJson = RUNNER.run("{\"id\": \"x\",");
        assertEquals(Verdict.FAILURE, notJson.verdict());
        assertNull(notJson.id());
        assertTrue(notJson.reason().startsWith("malformed case: not JSON"), notJson.reason());
        CaseResult notObject = RUNNER.run("[1, 2]");
        assertEquals(Verdict.FAILURE, notObject.verdict());
        CaseResult noLeaf = RUNNER.run("{\"id\": \"no-leaf\", \"trusted\": [], \"time\": 1}");
        assertEquals("no-leaf", noLeaf.id());
        assertEquals("malformed case: leaf is required", noLeaf.reason());
        assertEquals(Verdict.FAILURE, run(Map.of("time", "yesterday")).verdict());
        CaseResult farFuture = RUNNER.run(CHAIN.caseLine("far", Map.of()).replaceFirst("\"time\":[0-9]+",
                "\"time\":1e999999"));
        assertEquals("malformed case: time 1E+999999 is out of range", farFuture.reason());
        assertEquals(Verdict.FAILURE, run(Map.of("purpose", "codeSigning")).verdict());
        assertEquals(Verdict.FAILURE, run(Map.of("required_eku", List.of("not-a-purpose"))).verdict());
        assertEquals(Verdict.FAILURE, run(Map.of("max_chain_depth", -1)).verdict());
        CaseResult garbageLeaf = run(Map.of("leaf", "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"));
        assertEquals(Verdict.FAILURE, garbageLeaf.verdict());
        assertTrue(garbageLeaf.reason().startsWith("MalformedCertificate"), garbageLeaf.reason());
        CaseResult garbageIntermediate = run(Map.of("intermediates", List.of("no PEM here")));
        assertTrue(garbageIntermediate.reason().startsWith("MalformedCertificate"), garbageIntermediate.reason());
        for (CaseResult result : List.of(notJson, notObject, noLeaf, garbageLeaf, garbageIntermediate)) {
            assertFalse(result.internalError(), result.reason());
        }
    }

    @Test
    void serverAndPeerNamesAreMatchedAgainstTheLeaf() {
        CaseResult server = run(Map.of("server_name", "leaf.example", "server_name_type", "dns"));
        assertEquals(Verdict.SUCCESS, server.verdict(), server.reason());
        CaseResult other = run(Map.of("server_name", "www.leaf.example", "server_name_type", "dns"));
        assertEquals(Verdict.FAILURE, other.verdict());
        assertTrue(other.reason().startsWith("HostNameMismatch"), other.reason());
        assertTrue(other.reason().contains("the path itself is valid"), other.reason());
        CaseResult peer = run(Map.of("purpose", "clientAuth",
                "peer_names", List.of(Map.of("type", "email", "value", "a@example.com"))));
        assertEquals(Verdict.FAILURE, peer.verdict());
        assertTrue(peer.reason().contains("HostNameMismatch"), peer.reason());
    }

    @Test
    void aNameMatcherDecidesTheNames() {
        NameMatcher onlyLeafExample = new NameMatcher() {
            @Override
            public Optional<String> checkServerName(Certificate leaf, String name, String type) {
                return name.equals("leaf.example") ? Optional.empty() : Optional.of(name + " is not in the certificate");
            }

            @Override
            public Optional<String> checkPeerName(Certificate leaf, PeerName name) {
                return Optional.of(name.value() + " is not in the certificate");
            }
        };
        BatchRunner runner = new BatchRunner(CryptoBackends.defaultBackend(), BatchRunner.Options.DEFAULT,
                onlyLeafExample, System::nanoTime);
        CaseResult match = runner.run(CHAIN.caseLine("m", Map.of("server_name", "leaf.example",
                "server_name_type", "dns")));
        assertEquals(Verdict.SUCCESS, match.verdict(), match.reason());
        CaseResult mismatch = runner.run(CHAIN.caseLine("m", Map.of("server_name", "other.example")));
        assertEquals(Verdict.FAILURE, mismatch.verdict());
        assertTrue(mismatch.reason().startsWith("HostNameMismatch: other.example"), mismatch.reason());
    }

    @Test
    void anExhaustedBudgetIsATimeout() {
        BatchRunner starved = new BatchRunner(CryptoBackends.defaultBackend(),
                new BatchRunner.Options(Duration.ofSeconds(5), new WorkBudget(1, 100, 1000, Deadline.NONE), false),
                new HostnameNameMatcher(), System::nanoTime);
        CaseResult result = starved.run(CHAIN.caseLine("t", Map.of()));
        assertEquals(Verdict.TIMEOUT, result.verdict());
        assertTrue(result.reason().startsWith("WorkBudgetExceeded"), result.reason());
        // A clock that has already run past the case's time limit.
        long[] now = {0};
        BatchRunner late = new BatchRunner(CryptoBackends.defaultBackend(), BatchRunner.Options.DEFAULT,
                new HostnameNameMatcher(),
                () -> now[0] += Duration.ofSeconds(10).toNanos());
        assertEquals(Verdict.TIMEOUT, late.run(CHAIN.caseLine("t", Map.of())).verdict());
    }

    @Test
    void runAllWritesOneLinePerCaseAndCounts() throws IOException {
        String input = CHAIN.caseLine("a", Map.of()) + "\n\n" + "not json\n"
                + CHAIN.caseLine("b", Map.of("server_name", "leaf.example")) + "\n"
                + CHAIN.caseLine("c", Map.of("intermediates", List.of())) + "\n";
        StringWriter out = new StringWriter();
        BatchRunner.Summary summary = RUNNER.runAll(new BufferedReader(new StringReader(input)), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("{\"id\":\"a\",\"result\":\"SUCCESS\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"id\":null,\"result\":\"FAILURE\""), lines.get(1));
        assertEquals(new BatchRunner.Summary(4, 2, 2, 0, 0), summary);
        assertEquals("4 cases: 2 SUCCESS, 2 FAILURE, 0 TIMEOUT", summary.toString());
    }
}
