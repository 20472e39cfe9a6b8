package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jtls.cli.verify.TestChains;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final TestChains CHAIN = new TestChains();
    private static final String AT = "--at=" + TestChains.NOW;

    @TempDir
    static Path directory;
    static Path root;
    static Path chain;

    @BeforeAll
    static void writeFiles() throws IOException {
        root = write("root.pem", CHAIN.rootPem);
        // Leaf first; the intermediate after it.
        chain = write("chain.pem", CHAIN.leafPem + CHAIN.caPem);
    }

    private static Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return file;
    }

    @Test
    void validChainPrintsThePathAndExitsZero() {
        CommandRun run = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(), AT,
                "--purpose", "server");
        assertEquals(0, run.exitStatus(), run.out() + run.err());
        assertEquals(List.of("Path:", "  0: CN=leaf.example (issuer CN=CLI CA)", "  1: CN=CLI CA (issuer CN=CLI Root)",
                "  2: CN=CLI Root [trust anchor]", "Policies: none", "Verification: OK"), run.outLines());
    }

    @Test
    void everyErrorIsPrintedAndTheExitStatusIsOne() {
        CommandRun run = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(),
                "--at=2030-01-01T00:00:00Z", "--purpose", "client");
        assertEquals(1, run.exitStatus());
        List<String> lines = run.outLines();
        assertTrue(lines.contains("Verification: FAILED: CertificateExpired, InvalidPurpose"), run.out());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  CertificateExpired: CN=leaf.example: expired at")),
                run.out());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  CertificateExpired: CN=CLI CA:")), run.out());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("  InvalidPurpose: CN=leaf.example:")), run.out());
    }

    @Test
    void crlsTurnOnRevocationChecking() throws IOException {
        Path rootCrl = write("root.crl", CHAIN.crlPem(false));
        Path revoking = write("revoking.crl", CHAIN.crlPem(true, CHAIN.leafSerial));
        Path clean = write("clean.crl", CHAIN.crlPem(true));
        CommandRun revoked = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(), AT,
                "--crl", rootCrl.toString(), "--crl", revoking.toString());
        assertEquals(1, revoked.exitStatus());
        assertTrue(revoked.out().contains("Verification: FAILED: CertificateRevoked"), revoked.out());
        CommandRun good = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(), AT,
                "--crl", rootCrl.toString(), "--crl", clean.toString());
        assertEquals(0, good.exitStatus(), good.out());
        CommandRun missing = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(), AT,
                "--crl", clean.toString());
        assertTrue(missing.out().contains("Verification: FAILED: RevocationStatusUnknown"), missing.out());
    }

    @Test
    void trustAnchorsMayComeFromADirectoryAndTimeAsEpochSeconds() throws IOException {
        Path anchors = Files.createDirectories(directory.resolve("anchors"));
        Files.writeString(anchors.resolve("a.pem"), CHAIN.rootPem);
        Files.writeString(anchors.resolve("notes.txt"), "not a certificate");
        CommandRun run = CommandRun.of("verify", "--ca", anchors.toString(), "--chain", chain.toString(),
                "--at", Long.toString(TestChains.NOW.getEpochSecond()));
        assertEquals(0, run.exitStatus(), run.out() + run.err());
    }

    @Test
    void malformedCertificateIsAVerificationFailure() throws IOException {
        Path broken = write("broken.pem", "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n");
        CommandRun run = CommandRun.of("verify", "--ca", root.toString(), "--chain", broken.toString(), AT);
        assertEquals(1, run.exitStatus());
        assertTrue(run.out().startsWith("Verification: FAILED: MalformedCertificate"), run.out());
    }

    @Test
    void badUsageExitsTwo() {
        assertUsage("--ca and --chain are required", "verify", "--chain", chain.toString());
        assertUsage("--purpose must be server, client or any", "verify", "--ca", root.toString(), "--chain",
                chain.toString(), "--purpose", "web");
        assertUsage("--at: 'yesterday'", "verify", "--ca", root.toString(), "--chain", chain.toString(), "--at",
                "yesterday");
        assertUsage("--batch needs --out", "verify", "--batch", chain.toString());
        assertUsage("--out is only for --batch", "verify", "--ca", root.toString(), "--chain", chain.toString(),
                "--out", "x");
        assertUsage("cannot read", "verify", "--ca", directory.resolve("absent.pem").toString(), "--chain",
                chain.toString());
        assertUsage("--policy", "verify", "--ca", root.toString(), "--chain", chain.toString(), "--policy", "x.y");
    }

    private static void assertUsage(String message, String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(2, run.exitStatus(), run.out() + run.err());
        assertTrue(run.err().contains(message), run.err());
    }

    @Test
    void batchModeWritesOneResultPerCaseAndASummary() throws IOException {
        Path cases = write("cases.jsonl", CHAIN.caseLine("good", Map.of()) + "\n"
                + CHAIN.caseLine("late", Map.of("time", 2_000_000_000L)) + "\n"
                + CHAIN.caseLine("named", Map.of("server_name", "leaf.example", "server_name_type", "dns")) + "\n"
                + CHAIN.caseLine("misnamed", Map.of("server_name", "other.example", "server_name_type", "dns")) + "\n");
        Path results = directory.resolve("results.jsonl");
        CommandRun run = CommandRun.of("verify", "--batch", cases.toString(), "--out", results.toString());
        assertEquals(0, run.exitStatus(), run.err());
        List<String> lines = Files.readAllLines(results);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("{\"id\":\"good\",\"result\":\"SUCCESS\",\"reason\":"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"id\":\"late\",\"result\":\"FAILURE\",\"reason\":\"CertificateExpired"),
                lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"id\":\"named\",\"result\":\"SUCCESS\""), lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"id\":\"misnamed\",\"result\":\"FAILURE\",\"reason\":\"HostNameMismatch"),
                lines.get(3));
        assertTrue(run.err().contains("4 cases: 2 SUCCESS, 2 FAILURE, 0 TIMEOUT"), run.err());
    }

    @Test
    void hostNamesAreCheckedAgainstTheLeaf() throws IOException {
        CommandRun good = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(), AT,
                "--host", "leaf.example");
        assertEquals(0, good.exitStatus(), good.out());
        assertTrue(good.out().contains("Verification: OK"), good.out());
        CommandRun wrong = CommandRun.of("verify", "--ca", root.toString(), "--chain", chain.toString(), AT,
                "--host", "www.leaf.example");
        assertEquals(1, wrong.exitStatus(), wrong.out());
        assertTrue(wrong.out().contains("Verification: FAILED: HostNameMismatch"), wrong.out());
    }

    @Test
    void helpDocumentsTheOptions() {
        CommandRun run = CommandRun.of("verify", "--help");
        assertEquals(0, run.exitStatus());
        for (String option : List.of("--ca", "--chain", "--crl", "--at", "--purpose", "--allow-sha1", "--max-depth",
                "--policy", "--explicit-policy", "--inhibit-map", "--inhibit-any", "--batch", "--out",
                "--case-timeout-ms")) {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(CommandRun.of("--help").out().contains("verify"));
    }
}
