package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jtls.crypto.registry.CipherSuite;
import org.junit.jupiter.api.Test;

class CiphersCommandTest {

    @Test
    void oneNamedSuitePrintsTheHeaderAndExactlyOneRow() {
        CommandRun run = CommandRun.of("ciphers", "ECDHE-RSA-AES128-GCM-SHA256");
        assertEquals(0, run.exitStatus(), run.err());
        List<String> lines = run.outLines();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("IANA name"), lines.get(0));
        List<String> cells = List.of(lines.get(1).trim().split("\\s{2,}"));
        assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "0xC0,0x2F",
                "TLSv1.2", "ECDHE", "RSA", "AES-128-GCM", "AEAD"), cells);
        assertEquals("", run.err());
    }

    @Test
    void withoutAnArgumentListsEverySupportedSuite() {
        CommandRun run = CommandRun.of("ciphers");
        assertEquals(0, run.exitStatus(), run.err());
        List<String> lines = run.outLines();
        assertEquals(CipherSuite.values().length + 1, lines.size());
        assertTrue(lines.get(1).startsWith("TLS_AES_128_GCM_SHA256 "), lines.get(1));
        assertTrue(run.out().contains("0x13,0x01"));
        assertTrue(run.out().contains("TLS_RSA_WITH_NULL_MD5"));
    }

    @Test
    void columnsAreAligned() {
        List<String> lines = CommandRun.of("ciphers", "ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA:TLS_AES_128_CCM_8_SHA256")
                .outLines();
        assertEquals(4, lines.size());
        for (String column : List.of("OpenSSL name", "Code", "Versions", "Kx", "Au", "Cipher", "MAC")) {
            int start = lines.get(0).indexOf(column);
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(line.length() > start && line.charAt(start) != ' ' && line.charAt(start - 1) == ' ',
                        "column " + column + " misaligned in\n" + String.join("\n", lines));
            }
        }
        for (String line : lines) {
            assertFalse(line.endsWith(" "), "trailing space: [" + line + "]");
        }
    }

    @Test
    void versionsColumnShowsRanges() {
        CommandRun run = CommandRun.of("ciphers", "ECDHE-RSA-AES256-SHA:TLS_AES_256_GCM_SHA384:AES128-SHA256");
        List<String> lines = run.outLines();
        assertTrue(lines.get(1).contains(" SSLv3-TLSv1.2 "), lines.get(1));
        assertTrue(lines.get(2).contains(" TLSv1.3 "), lines.get(2));
        assertTrue(lines.get(2).contains(" any "), lines.get(2));
        assertTrue(lines.get(3).contains(" TLSv1.2 ") && lines.get(3).contains("HMAC-SHA256"), lines.get(3));
    }

    @Test
    void keepsTheCipherStringOrder() {
        List<String> lines = CommandRun.of("ciphers", "AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256").outLines();
        assertTrue(lines.get(1).startsWith("TLS_RSA_WITH_AES_256_CBC_SHA "), lines.get(1));
        assertTrue(lines.get(2).startsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "), lines.get(2));
    }

    @Test
    void defaultOptionKeepsOnlyDefaultSuites() {
        CommandRun run = CommandRun.of("ciphers", "--default");
        assertEquals(0, run.exitStatus(), run.err());
        assertEquals(CipherSuite.defaults().size() + 1, run.outLines().size());
        CommandRun filtered = CommandRun.of("ciphers", "--default", "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA");
        assertEquals(2, filtered.outLines().size(), filtered.out());
    }

    @Test
    void verboseAddsPrfStrengthAndDefaultColumns() {
        List<String> lines = CommandRun.of("ciphers", "-v", "ECDHE-ECDSA-AES256-GCM-SHA384:DES-CBC3-SHA").outLines();
        assertTrue(lines.get(0).endsWith("PRF      Bits  Default") || lines.get(0).matches(".*PRF\\s+Bits\\s+Default$"),
                lines.get(0));
        assertTrue(lines.get(1).matches(".*SHA-384\\s+256\\s+yes$"), lines.get(1));
        assertTrue(lines.get(2).matches(".*SHA-256\\s+112\\s+no$"), lines.get(2));
    }

    @Test
    void unknownNameIsBadUsageWithTheParserMessage() {
        CommandRun run = CommandRun.of("ciphers", "ECDHE-RSA-AES128-GCM-SHA256:NOT-A-CIPHER");
        assertEquals(2, run.exitStatus());
        assertEquals("", run.out());
        assertTrue(run.err().contains("\"NOT-A-CIPHER\""), run.err());
        assertTrue(run.err().contains("jtls ciphers"), run.err());
        assertTrue(run.err().startsWith("jtls ciphers: "), run.err());
    }

    @Test
    void aStringSelectingNothingIsBadUsage() {
        CommandRun run = CommandRun.of("ciphers", "aNULL");
        assertEquals(2, run.exitStatus());
        assertTrue(run.err().contains("selects no cipher suites"), run.err());
    }

    @Test
    void unknownOptionIsBadUsage() {
        CommandRun run = CommandRun.of("ciphers", "--no-such-option");
        assertEquals(2, run.exitStatus());
        assertTrue(run.err().contains("--no-such-option"), run.err());
        assertTrue(run.err().contains("--help"), run.err());
    }

    @Test
    void codeIsPrintedAsOpensslPrintsIt() {
        assertEquals("0xC0,0x2F", CiphersCommand.code(0xC02F));
        assertEquals("0x00,0x0A", CiphersCommand.code(0x000A));
        assertEquals("0xCC,0xA9", CiphersCommand.code(0xCCA9));
    }
}
