package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with GnuTLS (INTEROP.md): {@code jtls client} against {@code gnutls-serv --http}
 * and {@code gnutls-cli} against {@code jtls server --www}. Skipped when gnutls-bin is not installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandGnutlsTest {
    private static final String GET = "GET / HTTP/1.0\r\n\r\n";

    @TempDir
    static Path pkiDirectory;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() throws IOException {
        Assumptions.assumeTrue(installed("gnutls-serv") && installed("gnutls-cli"),
                "gnutls-serv/gnutls-cli are not installed (Debian package gnutls-bin): GnuTLS interop tests skipped");
        pki = TestPki.create(pkiDirectory);
    }

    private static boolean installed(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String line(ClientRun run, String prefix) {
        return run.errLines().stream().filter(line -> line.startsWith(prefix)).findFirst().orElse("(no " + prefix + ")");
    }

    @Test
    void jtlsClientAgainstGnutlsServ() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path output = Files.createTempFile(pkiDirectory, "gnutls-serv", ".out");
        // gnutls-serv listens on every address; the port is a free one, and we connect to 127.0.0.1 only.
        Process server = new ProcessBuilder("gnutls-serv", "--http", "--x509certfile", pki.path("server.pem"),
                "--x509keyfile", pki.path("server.key"), "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            awaitListening(port, server, output);
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                ClientRun run = ClientRun.of(GET, "127.0.0.1:" + port, "--ca", pki.path("ca.pem"), "--servername",
                        "localhost", "--protocols", protocol, "--wait-ms", "3000");
                assertEquals(0, run.exitStatus(), run.toString());
                assertEquals("Protocol: " + protocol, line(run, "Protocol:"), run.toString());
                assertEquals("Verification: OK", line(run, "Verification:"), run.toString());
                assertTrue(run.data().startsWith("HTTP/1.0 200 OK"), run.toString());
                assertTrue(run.data().contains("This is <a href=\"http://www.gnu.org/software/gnutls\">GnuTLS</a>"),
                        run.toString());
            }
        } finally {
            server.destroyForcibly();
        }
    }

    private static void awaitListening(int port, Process server, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("gnutls-serv did not start: " + Files.readString(output));
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void gnutlsCliAgainstJtlsServer() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"),
                "--www", "--alpn", "http/1.1")) {
            Process client = new ProcessBuilder("gnutls-cli", "--x509cafile", pki.path("ca.pem"), "--sni-hostname",
                    "localhost", "--verify-hostname", "localhost", "--alpn", "http/1.1", "-p",
                    Integer.toString(server.port()), "127.0.0.1").redirectErrorStream(true).start();
            StringBuilder text = new StringBuilder();
            Thread reader = new Thread(() -> copy(client.getInputStream(), text));
            reader.start();
            try {
                OutputStream stdin = client.getOutputStream();
                stdin.write(GET.getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                // gnutls-cli stops at stdin EOF: keep stdin open until the page has arrived.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!snapshot(text).contains("Verification: ") && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                stdin.close();
                client.waitFor(10, TimeUnit.SECONDS);
                reader.join(5_000);
                String output = snapshot(text);
                assertTrue(output.contains("The certificate is trusted"), output);
                assertTrue(output.contains("HTTP/1.0 200 ok"), output);
                assertTrue(output.contains("Protocol: TLSv1.3"), output);
                assertTrue(output.contains("ALPN: http/1.1"), output);
            } finally {
                client.destroyForcibly();
            }
        }
    }

    private static void copy(InputStream in, StringBuilder text) {
        byte[] buffer = new byte[4096];
        try {
            for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                synchronized (text) {
                    text.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static String snapshot(StringBuilder text) {
        synchronized (text) {
            return text.toString();
        }
    }
}
