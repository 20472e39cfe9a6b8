package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jtls demo}, run in-process: the README's first command. */
class DemoCommandTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aVerifiedConnectionThenAResumedOne() {
        CommandRun run = CommandRun.of("demo");
        assertEquals(0, run.exitStatus(), run.err() + run.out());
        assertEquals("", run.err());
        List<String> lines = run.outLines().stream().map(String::trim).toList();
        String out = run.out();

        int first = lines.indexOf("Connection 1: full handshake");
        int second = lines.indexOf("Connection 2: resuming the session of connection 1");
        assertTrue(first >= 0 && second > first, out);
        List<String> full = lines.subList(first, second);
        List<String> resumed = lines.subList(second, lines.size());

        for (List<String> connection : List.of(full, resumed)) {
            assertTrue(connection.contains("Protocol: TLSv1.3"), out);
            assertTrue(connection.contains("Cipher: TLS_AES_128_GCM_SHA256"), out);
            assertTrue(connection.contains("Group: X25519MLKEM768"), out);
            assertTrue(connection.contains("ALPN: http/1.1"), out);
            assertTrue(connection.contains("Early data: not sent"), out);
            assertTrue(connection.contains("Verification: OK"), out);
            assertTrue(connection.contains("OCSP: none"), out);
            assertTrue(connection.contains("Response: HTTP/1.0 200 ok"), out);
            assertTrue(connection.stream().anyMatch(line -> line.matches(
                    "Peer certificate: CN=localhost; issuer CN=jtls demo CA,O=jtls; SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}")),
                    out);
            assertTrue(connection.stream().anyMatch(line -> line.matches("Handshake: \\d+\\.\\d ms")), out);
        }
        assertTrue(full.contains("Resumed: no"), out);
        assertTrue(full.contains("Signature: ecdsa_secp256r1_sha256"), out);
        assertTrue(full.contains("Checks: signature of 0 by the anchor's key: good; dates: valid; "
                + "name \"localhost\": matches"), out);
        assertTrue(resumed.contains("Resumed: yes"), out);
        assertTrue(resumed.contains("Signature: none (resumed session)"), out);
        assertTrue(out.contains("connection 2, TLSv1.3, TLS_AES_128_GCM_SHA256, resumed: yes"), out);
        assertTrue(lines.get(lines.size() - 1).startsWith("Done: both connections were verified"), out);
        // The summary lines keep CLI.md's order.
        List<String> order = List.of("Protocol:", "Cipher:", "Group:", "Signature:", "ALPN:", "Resumed:", "Early data:",
                "Peer certificate:", "Verification:", "OCSP:");
        int previous = -1;
        for (String key : order) {
            int index = indexOfPrefix(full, key);
            assertTrue(index > previous, key + " out of order in\n" + out);
            previous = index;
        }
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void helpDescribesTheDemo() {
        CommandRun run = CommandRun.of("demo", "--help");
        assertEquals(0, run.exitStatus());
        assertTrue(run.out().contains("Usage: jtls demo"), run.out());
        assertTrue(CommandRun.of("--help").out().contains("demo"));
    }
}
