package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability on 127.0.0.1 (INTEROP.md): {@code jtls client} against {@code openssl s_server},
 * and {@code openssl s_client} against {@code jtls server}. Skipped when openssl is not installed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClientCommandOpensslTest {
    private static final String GET = "GET / HTTP/1.0\r\n\r\n";

    @TempDir
    static Path pkiDirectory;
    static TestPki pki;

    @TempDir
    Path scratch;

    @BeforeAll
    static void makeCertificates() throws IOException {
        Assumptions.assumeTrue(opensslAvailable(), "openssl is not installed (on PATH): interop tests skipped");
        pki = TestPki.create(pkiDirectory);
    }

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code openssl s_server} on a free port, running until closed. */
    private final class OpensslServer implements AutoCloseable {
        final int port;
        final Process process;
        final Path output;

        OpensslServer(String... options) throws IOException, InterruptedException {
            port = freePort();
            output = Files.createTempFile(scratch, "s_server", ".out");
            List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-cert", pki.path("server.pem"), "-key", pki.path("server.key")));
            command.addAll(List.of(options));
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!Files.readString(output).contains("ACCEPT")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("openssl s_server did not start: " + Files.readString(output));
                }
                Thread.sleep(20);
            }
        }

        String address() {
            return "127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** Runs {@code openssl s_client ...} with {@code stdin}; its stdout and stderr together. */
    private static String opensslClient(String stdin, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl s_client did not finish");
        return new String(output, StandardCharsets.UTF_8);
    }

    private static String line(ClientRun run, String prefix) {
        return run.errLines().stream().filter(line -> line.startsWith(prefix)).findFirst().orElse("(no " + prefix + ")");
    }

    private ClientRun jtlsClient(OpensslServer server, String stdin, String... extra) {
        List<String> args = new ArrayList<>(List.of(server.address(), "--ca", pki.path("ca.pem"), "--servername",
                "localhost", "--wait-ms", "2000"));
        args.addAll(List.of(extra));
        return ClientRun.of(stdin, args.toArray(String[]::new));
    }

    // ---- jtls client → openssl s_server ----

    @Test
    void jtlsClientGetsTheOpensslWwwPageOverTls13() throws Exception {
        try (OpensslServer server = new OpensslServer("-www", "-tls1_3")) {
            ClientRun run = jtlsClient(server, GET);
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Protocol: TLSv1.3", line(run, "Protocol:"), run.toString());
            assertEquals("Verification: OK", line(run, "Verification:"), run.toString());
            assertTrue(line(run, "Peer certificate:").startsWith("Peer certificate: CN=localhost; issuer CN="
                    + TestPki.CA_NAME), run.toString());
            assertTrue(run.data().startsWith("HTTP/1.0 200 ok"), run.toString());
            // openssl's page describes the same connection.
            assertTrue(run.data().contains("TLSv1.3"), run.toString());
        }
    }

    @Test
    void jtlsClientOverTls12WithOpenssl() throws Exception {
        try (OpensslServer server = new OpensslServer("-www", "-tls1_2")) {
            ClientRun run = jtlsClient(server, GET);
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Protocol: TLSv1.2", line(run, "Protocol:"), run.toString());
            assertTrue(line(run, "Cipher:").startsWith("Cipher: TLS_ECDHE_ECDSA_WITH_"), run.toString());
            assertEquals("Extended master secret: yes", line(run, "Extended master secret:"), run.toString());
            assertEquals("Secure renegotiation: yes", line(run, "Secure renegotiation:"), run.toString());
            assertTrue(run.data().startsWith("HTTP/1.0 200 ok"), run.toString());
        }
    }

    @Test
    void jtlsClientNegotiatesAlpnWithOpenssl() throws Exception {
        try (OpensslServer server = new OpensslServer("-www", "-alpn", "http/1.1")) {
            ClientRun run = jtlsClient(server, GET, "--alpn", "h2,http/1.1");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("ALPN: http/1.1", line(run, "ALPN:"), run.toString());
        }
    }

    @Test
    void jtlsClientResumesWithOpenssl() throws Exception {
        try (OpensslServer server = new OpensslServer("-www")) {
            ClientRun run = jtlsClient(server, GET, "--reconnect");
            assertEquals(0, run.exitStatus(), run.toString());
            List<String> resumed = run.errLines().stream().filter(line -> line.startsWith("Resumed:")).toList();
            assertEquals(List.of("Resumed: no", "Resumed: yes"), resumed, run.toString());
        }
    }

    @Test
    void jtlsClientRefusesAnUntrustedOpensslServer() throws Exception {
        try (OpensslServer server = new OpensslServer("-www")) {
            ClientRun run = ClientRun.of(GET, server.address(), "--ca", pki.path("other-ca.pem"), "--servername",
                    "localhost");
            assertEquals(1, run.exitStatus(), run.toString());
            assertTrue(run.err().contains("Verification: FAILED"), run.toString());
        }
    }

    // ---- openssl s_client → jtls server ----

    @Test
    void opensslClientGetsTheJtlsWwwPage() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"),
                "--www")) {
            String output = opensslClient(GET, "-connect", server.address(), "-CAfile", pki.path("ca.pem"),
                    "-servername", "localhost", "-verify_return_error", "-ign_eof");
            assertTrue(output.contains("Verify return code: 0 (ok)"), output);
            assertTrue(output.contains("New, TLSv1.3, Cipher is TLS_AES_"), output);
            assertTrue(output.contains("HTTP/1.0 200 ok"), output);
            assertTrue(output.contains("Protocol: TLSv1.3"), output);
            assertTrue(output.contains("Peer certificate: none"), output);
        }
    }

    @Test
    void opensslClientGetsEchoedDataOverTls12() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"))) {
            List<String> command = List.of("openssl", "s_client", "-connect", server.address(), "-CAfile",
                    pki.path("ca.pem"), "-servername", "localhost", "-tls1_2");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    for (int count = process.getInputStream().read(buffer); count >= 0;
                            count = process.getInputStream().read(buffer)) {
                        synchronized (output) {
                            output.append(new String(buffer, 0, count, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // The process ended.
                }
            });
            reader.start();
            try {
                String token = "echo-token-4711";
                process.getOutputStream().write((token + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!snapshot(output).contains(token) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                process.getOutputStream().close();
                process.waitFor(20, TimeUnit.SECONDS);
                reader.join(5_000);
                String text = snapshot(output);
                assertTrue(text.contains(token), text);
                assertTrue(text.contains("New, TLSv1.2, Cipher is ECDHE-ECDSA-"), text);
                assertTrue(text.contains("Verify return code: 0 (ok)"), text);
                assertTrue(server.awaitErr(": TLSv1.2 TLS_ECDHE_ECDSA_WITH_", 5_000), server.err());
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static String snapshot(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    @Test
    void opensslClientNegotiatesAlpnAndSendsItsCertificate() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"),
                "--www", "--alpn", "http/1.1", "--verify-client", "--ca", pki.path("ca.pem"))) {
            String output = opensslClient(GET, "-connect", server.address(), "-CAfile", pki.path("ca.pem"),
                    "-servername", "localhost", "-alpn", "h2,http/1.1", "-cert", pki.path("client.pem"), "-key",
                    pki.path("client.key"), "-ign_eof");
            assertTrue(output.contains("ALPN protocol: http/1.1"), output);
            assertTrue(output.contains("ALPN: http/1.1"), output);
            assertTrue(output.contains("Peer certificate: CN=" + TestPki.CLIENT_NAME), output);
            assertTrue(output.contains("Verification: OK"), output);
        }
    }

    @Test
    void opensslClientWithoutACertificateIsRefusedByVerifyClient() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"),
                "--www", "--verify-client", "--ca", pki.path("ca.pem"))) {
            String output = opensslClient(GET, "-connect", server.address(), "-CAfile", pki.path("ca.pem"),
                    "-servername", "localhost", "-ign_eof");
            assertTrue(!output.contains("HTTP/1.0 200 ok"), output);
            assertTrue(server.awaitErr("handshake failed", 5_000), server.err());
        }
    }

    // ---- OCSP stapling: a response made by openssl ocsp, stapled by jtls server ----

    /** An OCSP response for server.pem signed by the CA, saying {@code V} (good) or {@code R} (revoked). */
    private Path ocspResponse(char status) throws IOException, InterruptedException {
        String serial = run("openssl", "x509", "-in", pki.path("server.pem"), "-noout", "-serial").strip();
        serial = serial.substring(serial.indexOf('=') + 1);
        String expiry = java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now().plusSeconds(86_400));
        String revoked = status == 'R' ? java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now().minusSeconds(3_600)) : "";
        Path index = scratch.resolve("index-" + status + ".txt");
        Files.writeString(index, status + "\t" + expiry + "\t" + revoked + "\t" + serial + "\tunknown\t/CN=localhost\n");
        Path response = scratch.resolve("ocsp-" + status + ".der");
        run("openssl", "ocsp", "-index", index.toString(), "-rsigner", pki.path("ca.pem"), "-rkey", pki.path("ca.key"),
                "-CA", pki.path("ca.pem"), "-issuer", pki.path("ca.pem"), "-cert", pki.path("server.pem"),
                "-respout", response.toString(), "-ndays", "1");
        assertTrue(Files.size(response) > 0, "openssl ocsp wrote no response");
        return response;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                String.join(" ", command) + ":\n" + output);
        return output;
    }

    @Test
    void aStapledGoodResponseIsVerified() throws Exception {
        Path response = ocspResponse('V');
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"),
                "--ocsp-response", response.toString())) {
            ClientRun run = ClientRun.of("x", server.address(), "--ca", pki.path("ca.pem"), "--servername", "localhost",
                    "--status", "--wait-ms", "1000");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("OCSP: good", line(run, "OCSP:"), run.toString());
            assertEquals("Verification: OK", line(run, "Verification:"), run.toString());

            String output = opensslClient("", "-connect", server.address(), "-servername", "localhost", "-status");
            assertTrue(output.contains("OCSP Response Status: successful"), output);
            assertTrue(output.contains("Cert Status: good"), output);
        }
    }

    @Test
    void aStapledRevokedResponseFailsVerification() throws Exception {
        Path response = ocspResponse('R');
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key", pki.path("server.key"),
                "--ocsp-response", response.toString())) {
            ClientRun strict = ClientRun.of("x", server.address(), "--ca", pki.path("ca.pem"), "--servername",
                    "localhost", "--status", "--wait-ms", "1000");
            assertEquals(1, strict.exitStatus(), strict.toString());
            assertTrue(strict.err().contains("CertificateRevoked"), strict.toString());
            ClientRun insecure = ClientRun.of("x", server.address(), "--ca", pki.path("ca.pem"), "--servername",
                    "localhost", "--status", "--insecure", "--wait-ms", "1000");
            assertEquals(0, insecure.exitStatus(), insecure.toString());
            assertEquals("OCSP: revoked", line(insecure, "OCSP:"), insecure.toString());
        }
    }
}
