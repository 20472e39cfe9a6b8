package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheSubcommands() {
        CommandRun run = CommandRun.of("--help");
        assertEquals(0, run.exitStatus());
        assertTrue(run.out().contains("Usage: jtls"), run.out());
        assertTrue(run.out().contains("ciphers"), run.out());
        assertTrue(run.out().contains("version"), run.out());
    }

    @Test
    void versionOptionPrintsTheFilledInVersion() {
        CommandRun run = CommandRun.of("--version");
        assertEquals(0, run.exitStatus());
        assertTrue(run.out().matches("jtls \\d+\\.\\d+\\.\\d+\\S*\\R"), run.out());
    }

    @Test
    void versionCommandReportsJtlsJavaAndBackends() {
        CommandRun run = CommandRun.of("version");
        assertEquals(0, run.exitStatus(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.size() > 4, run.out());
        assertTrue(lines.get(0).matches("jtls: \\d+\\.\\d+\\.\\d+\\S*"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Java: " + System.getProperty("java.version") + " ("), lines.get(1));
        assertEquals("Crypto backends: jca, bc", lines.get(2));
        assertEquals("Default backend, per primitive:", lines.get(3));
        assertTrue(lines.contains("  AES_128_GCM: jca"), String.join("\n", lines));
        assertTrue(lines.contains("  x25519: bc"), String.join("\n", lines));
        assertTrue(lines.contains("  ECDSA: bc"), String.join("\n", lines));
    }

    @Test
    void noSubcommandIsBadUsage() {
        CommandRun run = CommandRun.of();
        assertEquals(2, run.exitStatus());
        assertTrue(run.err().contains("a command is required"), run.err());
        assertTrue(run.err().contains("Usage: jtls"), run.err());
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        CommandRun run = CommandRun.of("frobnicate");
        assertEquals(2, run.exitStatus());
        assertTrue(run.err().contains("frobnicate"), run.err());
    }

    @Test
    void subcommandHelpDocumentsItsOptions() {
        CommandRun run = CommandRun.of("ciphers", "--help");
        assertEquals(0, run.exitStatus());
        assertTrue(run.out().contains("--default"), run.out());
        assertTrue(run.out().contains("--verbose"), run.out());
        assertTrue(run.out().contains("CIPHER_STRING"), run.out());
        assertEquals(0, CommandRun.of("help", "ciphers").exitStatus());
    }
}
