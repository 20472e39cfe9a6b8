package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jtls.cli.json.JsonException;
import org.jtls.cli.json.JsonReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtls client} against {@code jtls server}, both in-process over 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandLoopbackTest {
    private static final String GET = "GET / HTTP/1.0\r\n\r\n";
    private static final String PEER_LINE = "Peer certificate: CN=localhost; issuer CN=" + TestPki.CA_NAME
            + "; SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}";

    @TempDir
    static Path pkiDirectory;
    static TestPki pki;

    @TempDir
    Path scratch;

    @BeforeAll
    static void makeCertificates() throws IOException {
        pki = TestPki.create(pkiDirectory);
    }

    private static ServerRun server(String... extra) throws InterruptedException {
        String[] args = new String[extra.length + 4];
        args[0] = "--cert";
        args[1] = pki.path("server.pem");
        args[2] = "--key";
        args[3] = pki.path("server.key");
        System.arraycopy(extra, 0, args, 4, extra.length);
        return ServerRun.start(args);
    }

    /** The client, trusting the test CA and verifying "localhost", plus {@code extra}. */
    private static ClientRun client(ServerRun server, String stdin, String... extra) {
        String[] args = new String[extra.length + 7];
        args[0] = server.address();
        args[1] = "--ca";
        args[2] = pki.path("ca.pem");
        args[3] = "--servername";
        args[4] = "localhost";
        args[5] = "--wait-ms";
        args[6] = "1000";
        System.arraycopy(extra, 0, args, 7, extra.length);
        return ClientRun.of(stdin, args);
    }

    private static String line(ClientRun run, String prefix) {
        return run.errLines().stream().filter(line -> line.startsWith(prefix)).findFirst().orElse("(no " + prefix + ")");
    }

    @Test
    void printsTheSummaryAndEchoes() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "hello, echo\n");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("hello, echo\n", run.data(), run.toString());
            assertEquals("Protocol: TLSv1.3", line(run, "Protocol:"), run.toString());
            assertEquals("Cipher: TLS_AES_128_GCM_SHA256", line(run, "Cipher:"), run.toString());
            assertEquals("Group: X25519MLKEM768", line(run, "Group:"), run.toString());
            assertEquals("Signature: ecdsa_secp256r1_sha256", line(run, "Signature:"), run.toString());
            assertEquals("ALPN: none", line(run, "ALPN:"), run.toString());
            assertEquals("Resumed: no", line(run, "Resumed:"), run.toString());
            assertEquals("Early data: not sent", line(run, "Early data:"), run.toString());
            assertTrue(line(run, "Peer certificate:").matches(PEER_LINE), run.toString());
            assertEquals("Verification: OK", line(run, "Verification:"), run.toString());
            assertEquals("OCSP: none", line(run, "OCSP:"), run.toString());
            // TLS 1.3 has neither line.
            assertFalse(run.err().contains("Extended master secret:"), run.toString());
            assertTrue(server.awaitErr("[1] 127.0.0.1:", 5_000), server.err());
        }
    }

    @Test
    void wwwAnswersGetWithTheServersSummary() throws Exception {
        try (ServerRun server = server("--www")) {
            ClientRun run = client(server, GET);
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.data().startsWith("HTTP/1.0 200 ok\r\n"), run.toString());
            assertTrue(run.data().contains("\r\nProtocol: TLSv1.3\r\n"), run.toString());
            assertTrue(run.data().contains("\r\nCipher: TLS_AES_128_GCM_SHA256\r\n"), run.toString());
            // The server's view: the client sent no certificate.
            assertTrue(run.data().contains("\r\nPeer certificate: none\r\nVerification: none\r\n"), run.toString());
        }
    }

    @Test
    void alpnIsNegotiatedWhenBothSidesOfferIt() throws Exception {
        try (ServerRun server = server("--alpn", "h2,http/1.1", "--www")) {
            ClientRun offered = client(server, GET, "--alpn", "http/1.1");
            assertEquals("ALPN: http/1.1", line(offered, "ALPN:"), offered.toString());
            assertTrue(offered.data().contains("\r\nALPN: http/1.1\r\n"), offered.toString());
            ClientRun none = client(server, GET);
            assertEquals("ALPN: none", line(none, "ALPN:"), none.toString());
        }
    }

    @Test
    void protocolsTls12ReportsTheTls12Lines() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "x", "--protocols", "TLSv1.2");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Protocol: TLSv1.2", line(run, "Protocol:"), run.toString());
            assertTrue(line(run, "Cipher:").startsWith("Cipher: TLS_ECDHE_ECDSA_WITH_AES_"), run.toString());
            assertEquals("Extended master secret: yes", line(run, "Extended master secret:"), run.toString());
            assertEquals("Secure renegotiation: yes", line(run, "Secure renegotiation:"), run.toString());
        }
    }

    @Test
    void ciphersCiphersuitesAndGroupsChooseWhatIsNegotiated() throws Exception {
        try (ServerRun server = server()) {
            ClientRun tls12 = client(server, "x", "--protocols", "TLSv1.2", "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384");
            assertEquals(0, tls12.exitStatus(), tls12.toString());
            assertEquals("Cipher: TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", line(tls12, "Cipher:"), tls12.toString());
            ClientRun chacha = client(server, "x", "--protocols", "TLSv1.2", "--ciphers", "ECDHE+CHACHA20");
            assertEquals("Cipher: TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", line(chacha, "Cipher:"),
                    chacha.toString());

            ClientRun tls13 = client(server, "x", "--ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "--groups", "x25519");
            assertEquals(0, tls13.exitStatus(), tls13.toString());
            assertEquals("Cipher: TLS_CHACHA20_POLY1305_SHA256", line(tls13, "Cipher:"), tls13.toString());
            assertEquals("Group: x25519", line(tls13, "Group:"), tls13.toString());

            // TLS 1.2: an ECDSA certificate's curve must be among the client's groups (here P-256).
            ClientRun wrongCurve = client(server, "x", "--protocols", "TLSv1.2", "--groups", "secp384r1");
            assertEquals(1, wrongCurve.exitStatus(), wrongCurve.toString());
            assertTrue(wrongCurve.err().contains("handshake_failure"), wrongCurve.toString());
        }
        try (ServerRun server = server("--groups", "secp384r1,secp256r1")) {
            ClientRun run = client(server, "x", "--protocols", "TLSv1.2", "--groups", "secp256r1,secp384r1");
            assertEquals("Group: secp384r1", line(run, "Group:"), run.toString());
        }
    }

    @Test
    void serverPreferenceOrderComesFromItsOwnOptions() throws Exception {
        try (ServerRun server = server("--ciphersuites", "TLS_AES_256_GCM_SHA384,TLS_AES_128_GCM_SHA256")) {
            ClientRun run = client(server, "x");
            assertEquals("Cipher: TLS_AES_256_GCM_SHA384", line(run, "Cipher:"), run.toString());
        }
    }

    @Test
    void sessOutThenSessInResumes() throws Exception {
        try (ServerRun server = server()) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                Path session = scratch.resolve("session-" + protocol);
                ClientRun first = client(server, "one", "--protocols", protocol, "--sess-out", session.toString());
                assertEquals(0, first.exitStatus(), first.toString());
                assertEquals("Resumed: no", line(first, "Resumed:"), first.toString());
                assertTrue(Files.size(session) > 0);
                ClientRun second = client(server, "two", "--protocols", protocol, "--sess-in", session.toString());
                assertEquals(0, second.exitStatus(), second.toString());
                assertEquals("Resumed: yes", line(second, "Resumed:"), second.toString());
                assertEquals("two", second.data());
            }
        }
    }

    @Test
    void reconnectReportsAFullThenAResumedHandshake() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "again", "--reconnect");
            assertEquals(0, run.exitStatus(), run.toString());
            List<String> resumed = run.errLines().stream().filter(line -> line.startsWith("Resumed:")).toList();
            assertEquals(List.of("Resumed: no", "Resumed: yes"), resumed, run.toString());
            assertEquals("again", run.data());
        }
    }

    @Test
    void noTicketsLeavesNothingToSave() throws Exception {
        try (ServerRun server = server("--no-tickets")) {
            Path session = scratch.resolve("none");
            ClientRun run = client(server, "x", "--sess-out", session.toString());
            assertEquals(1, run.exitStatus(), run.toString());
            assertTrue(run.err().contains("the server offered no session to resume"), run.toString());
            assertFalse(Files.exists(session));
        }
    }

    @Test
    void noSessionCacheRefusesSessionIdResumption() throws Exception {
        try (ServerRun server = server("--no-tickets", "--no-session-cache")) {
            Path session = scratch.resolve("id");
            ClientRun first = client(server, "x", "--protocols", "TLSv1.2", "--sess-out", session.toString());
            assertEquals(0, first.exitStatus(), first.toString());
            ClientRun second = client(server, "x", "--protocols", "TLSv1.2", "--sess-in", session.toString());
            assertEquals(0, second.exitStatus(), second.toString());
            assertEquals("Resumed: no", line(second, "Resumed:"), second.toString());
        }
    }

    @Test
    void verifyClientAcceptsATrustedCertificateAndRefusesNone() throws Exception {
        try (ServerRun server = server("--verify-client", "--ca", pki.path("ca.pem"), "--www")) {
            ClientRun with = client(server, GET, "--cert", pki.path("client.pem"), "--key", pki.path("client.key"));
            assertEquals(0, with.exitStatus(), with.toString());
            assertTrue(with.data().contains("\r\nPeer certificate: CN=" + TestPki.CLIENT_NAME + "; issuer CN="
                    + TestPki.CA_NAME), with.toString());
            assertTrue(with.data().contains("\r\nVerification: OK\r\n"), with.toString());

            ClientRun without = client(server, GET);
            assertEquals(1, without.exitStatus(), without.toString());
            assertTrue(without.err().contains("certificate_required"), without.toString());

            ClientRun stranger = client(server, GET, "--cert", pki.path("stranger.pem"), "--key",
                    pki.path("stranger.key"));
            assertEquals(1, stranger.exitStatus(), stranger.toString());
        }
    }

    @Test
    void requestClientCertAcceptsNoneAndReportsAnUntrustedOne() throws Exception {
        try (ServerRun server = server("--request-client-cert", "--ca", pki.path("ca.pem"), "--www")) {
            ClientRun without = client(server, GET);
            assertEquals(0, without.exitStatus(), without.toString());
            assertTrue(without.data().contains("\r\nPeer certificate: none\r\n"), without.toString());
            ClientRun stranger = client(server, GET, "--cert", pki.path("stranger.pem"), "--key",
                    pki.path("stranger.key"));
            assertEquals(0, stranger.exitStatus(), stranger.toString());
            assertTrue(stranger.data().contains("\r\nVerification: FAILED: "), stranger.toString());
        }
    }

    @Test
    void insecureContinuesWhereVerificationFails() throws Exception {
        try (ServerRun server = ServerRun.start("--self-signed")) {
            assertTrue(server.err().startsWith("Listening on 127.0.0.1:" + server.port() + "\n"), server.err());
            assertTrue(server.err().contains("Self-signed certificate: CN=localhost; issuer CN=localhost; SHA-256 "),
                    server.err());
            ClientRun strict = client(server, "x");
            assertEquals(1, strict.exitStatus(), strict.toString());
            assertTrue(strict.err().contains("SelfSignedCertificate"), strict.toString());
            assertTrue(strict.err().contains("handshake failed"), strict.toString());
            assertEquals("", strict.data());

            ClientRun insecure = client(server, "x", "--insecure");
            assertEquals(0, insecure.exitStatus(), insecure.toString());
            assertEquals("Verification: FAILED: SelfSignedCertificate", line(insecure, "Verification:"),
                    insecure.toString());
            assertEquals("x", insecure.data());
        }
    }

    @Test
    void aWrongServerNameFailsVerification() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = ClientRun.of("x", server.address(), "--ca", pki.path("ca.pem"), "--servername",
                    "wrong.example", "--wait-ms", "1000");
            assertEquals(1, run.exitStatus(), run.toString());
            assertTrue(run.err().contains("HostNameMismatch"), run.toString());
            // An IP address with no --servername is verified against the certificate's addresses.
            ClientRun byAddress = ClientRun.of("x", server.address(), "--ca", pki.path("ca.pem"), "--wait-ms", "1000");
            assertEquals(0, byAddress.exitStatus(), byAddress.toString());
            assertEquals("Verification: OK", line(byAddress, "Verification:"), byAddress.toString());
        }
    }

    @Test
    void printsThePeersChainAsSentEvenWhenVerificationFails() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "x");
            assertEquals(0, run.exitStatus(), run.toString());
            List<String> lines = run.errLines();
            int header = lines.indexOf("Certificate chain:");
            assertTrue(header > lines.indexOf("Verification: OK"), run.toString());
            assertTrue(lines.get(header + 1).startsWith("  0 CN=localhost; issuer CN=" + TestPki.CA_NAME), run.toString());

            // A client that trusts another CA: the handshake fails, and the chain is still shown.
            ClientRun refused = ClientRun.of("x", server.address(), "--ca", pki.path("other-ca.pem"), "--servername",
                    "localhost", "--wait-ms", "500");
            assertEquals(1, refused.exitStatus(), refused.toString());
            assertTrue(refused.errLines().contains("Certificate chain:"), refused.toString());
            assertTrue(refused.errLines().stream().anyMatch(line -> line.startsWith("  0 CN=localhost")),
                    refused.toString());
        }
    }

    @Test
    void jsonPrintsOneObjectWithCamelCaseKeys() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "x", "--json", "--protocols", "TLSv1.2");
            assertEquals(0, run.exitStatus(), run.toString());
            String json = run.errLines().stream().filter(line -> line.startsWith("{")).findFirst().orElseThrow();
            Map<?, ?> summary = (Map<?, ?>) parse(json);
            assertEquals(List.of("protocol", "cipher", "group", "signature", "alpn", "resumed", "earlyData",
                    "peerCertificate", "verification", "ocsp", "extendedMasterSecret", "secureRenegotiation",
                    "certificateChain"), List.copyOf(summary.keySet()));
            List<?> chain = (List<?>) summary.get("certificateChain");
            assertTrue(((String) chain.get(0)).startsWith("CN=localhost; issuer CN=" + TestPki.CA_NAME), chain.toString());
            assertEquals("TLSv1.2", summary.get("protocol"));
            assertEquals(false, summary.get("resumed"));
            assertEquals(true, summary.get("extendedMasterSecret"));
            assertEquals("OK", summary.get("verification"));
            assertEquals("not sent", summary.get("earlyData"));
            assertFalse(run.err().contains("Protocol: "), run.toString());
        }
    }

    private static Object parse(String json) throws JsonException {
        return JsonReader.parse(json);
    }

    @Test
    void badUsageExitsWithTwo() throws Exception {
        for (String[] args : List.of(
                new String[] {"127.0.0.1"},
                new String[] {"127.0.0.1:notaport"},
                new String[] {"127.0.0.1:443", "--groups", "nosuchgroup"},
                new String[] {"127.0.0.1:443", "--protocols", "TLSv9"},
                new String[] {"127.0.0.1:443", "--ciphers", "NOT-A-CIPHER"},
                new String[] {"127.0.0.1:443", "--ciphersuites", "ECDHE-RSA-AES128-GCM-SHA256"},
                new String[] {"127.0.0.1:443", "--cert", "client.pem"},
                new String[] {"127.0.0.1:443", "--starttls", "ftp"},
                new String[] {"127.0.0.1:443", "--no-such-flag"})) {
            ClientRun run = ClientRun.of("", args);
            assertEquals(2, run.exitStatus(), String.join(" ", args) + "\n" + run);
        }
        CommandRun noCertificate = CommandRun.of("server", "--port", "0");
        assertEquals(2, noCertificate.exitStatus(), noCertificate.err());
        CommandRun unpairedKey = CommandRun.of("server", "--cert", pki.path("server.pem"), "--key",
                pki.path("client.key"), "--port", "0");
        assertEquals(2, unpairedKey.exitStatus(), unpairedKey.err());
        assertTrue(unpairedKey.err().contains("does not belong"), unpairedKey.err());
    }

    @Test
    void aRefusedConnectionExitsWithOne() throws Exception {
        int port;
        try (java.net.ServerSocket unused = new java.net.ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        ClientRun run = ClientRun.of("", "127.0.0.1:" + port, "--insecure");
        assertEquals(1, run.exitStatus(), run.toString());
        assertTrue(run.err().contains("cannot connect"), run.toString());
    }

    @Test
    void keyUpdateAfterTheHandshakeIsAnsweredAndDataStillFlows() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "after the update\n", "--key-update", "--trace");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("after the update\n", run.data());
            assertTrue(run.errLines().contains("C → S  KeyUpdate (1 bytes)"), run.toString());
            // update_requested: the server renews its keys too.
            assertTrue(run.errLines().contains("C ← S  KeyUpdate (1 bytes)"), run.toString());

            ClientRun tls12 = client(server, "x", "--key-update", "--protocols", "TLSv1.2");
            assertEquals(1, tls12.exitStatus(), tls12.toString());
            assertTrue(tls12.err().contains("--key-update needs TLS 1.3"), tls12.toString());
        }
    }

    @Test
    void clientRenegotiationNeedsTheServersConsent() throws Exception {
        try (ServerRun server = server("--allow-client-renegotiation")) {
            ClientRun run = client(server, "renegotiated\n", "--renegotiate", "--protocols", "TLSv1.2", "--trace");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("renegotiated\n", run.data());
            assertEquals(2, run.errLines().stream().filter(line -> line.startsWith("C → S  ClientHello")).count(),
                    run.toString());
        }
    }

    @Test
    void traceDrawsTheLadder() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "x", "--trace");
            List<String> ladder = run.errLines().stream().filter(line -> line.startsWith("C ")).toList();
            assertTrue(ladder.get(0).matches("C → S {2}ClientHello \\(\\d+ bytes\\)"), run.toString());
            assertTrue(ladder.get(1).matches("C ← S {2}ServerHello \\(\\d+ bytes\\)"), run.toString());
            for (String expected : List.of("C ← S  EncryptedExtensions", "C ← S  Certificate ",
                    "C ← S  CertificateVerify", "C ← S  Finished", "C → S  Finished")) {
                assertTrue(ladder.stream().anyMatch(line -> line.startsWith(expected)), expected + "\n" + run);
            }
            // The trace comes before the summary.
            assertTrue(run.err().indexOf("C → S  ClientHello") < run.err().indexOf("Protocol:"), run.toString());
        }
    }

    @Test
    void earlyDataIsAcceptedWhenResuming() throws Exception {
        try (ServerRun server = server("--early-data", "--www")) {
            Path session = scratch.resolve("early-session");
            ClientRun first = client(server, GET, "--sess-out", session.toString());
            assertEquals(0, first.exitStatus(), first.toString());
            Path request = scratch.resolve("request");
            Files.writeString(request, GET, StandardCharsets.US_ASCII);
            ClientRun second = client(server, "", "--sess-in", session.toString(), "--early-data", request.toString());
            assertEquals(0, second.exitStatus(), second.toString());
            assertEquals("Early data: accepted", line(second, "Early data:"), second.toString());
            assertEquals("Resumed: yes", line(second, "Resumed:"), second.toString());
            assertTrue(second.data().startsWith("HTTP/1.0 200 ok\r\n"), second.toString());
            assertTrue(second.data().contains("\r\nEarly data: accepted\r\n"), second.toString());
        }
    }

    @Test
    void earlyDataIsRejectedByAServerWithoutIt() throws Exception {
        try (ServerRun server = server("--www")) {
            Path session = scratch.resolve("session");
            assertEquals(0, client(server, GET, "--sess-out", session.toString()).exitStatus());
            Path request = scratch.resolve("request");
            Files.writeString(request, GET, StandardCharsets.US_ASCII);
            ClientRun second = client(server, "", "--sess-in", session.toString(), "--early-data", request.toString());
            assertEquals(0, second.exitStatus(), second.toString());
            // A ticket without an early-data allowance: the client does not even try.
            assertEquals("Early data: not sent", line(second, "Early data:"), second.toString());
            // The request went out after the handshake instead.
            assertTrue(second.data().startsWith("HTTP/1.0 200 ok\r\n"), second.toString());
        }
    }

    @Test
    void afterHandshakeKeyUpdateIsReportedOnThePage() throws Exception {
        try (ServerRun server = server("--www", "--after-handshake", "key-update")) {
            ClientRun run = client(server, GET);
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.data().startsWith("HTTP/1.0 200 ok (after server KeyUpdate)\r\n"), run.toString());
        }
    }

    @Test
    void afterHandshakeRequestClientCertGetsTheCertificate() throws Exception {
        try (ServerRun server = server("--www", "--after-handshake", "request-client-cert")) {
            ClientRun run = client(server, GET, "--cert", pki.path("client.pem"), "--key", pki.path("client.key"));
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.data().startsWith("HTTP/1.0 200 ok (post-handshake auth done)\r\n"), run.toString());
            assertTrue(run.data().contains("\r\nPeer certificate: CN=" + TestPki.CLIENT_NAME), run.toString());
            // The server asked only after the handshake, so it did not verify: it says so.
            assertTrue(run.data().contains("\r\nVerification: not checked\r\n"), run.toString());
        }
    }

    @Test
    void afterHandshakeRenegotiateRenegotiatesTls12() throws Exception {
        try (ServerRun server = server("--www", "--after-handshake", "renegotiate")) {
            ClientRun run = client(server, GET, "--protocols", "TLSv1.2", "--trace");
            assertEquals(0, run.exitStatus(), run.toString());
            assertTrue(run.data().startsWith("HTTP/1.0 200 ok (after server renegotiation)\r\n"), run.toString());
            assertTrue(run.errLines().stream().anyMatch(line -> line.startsWith("C ← S  HelloRequest")), run.toString());

            // TLS 1.3 has no renegotiation: the page is served without the note.
            ClientRun tls13 = client(server, GET);
            assertTrue(tls13.data().startsWith("HTTP/1.0 200 ok\r\n"), tls13.toString());
        }
    }

    @Test
    void sniRequiresTheNamedHost() throws Exception {
        try (ServerRun server = server("--sni", "localhost")) {
            ClientRun right = client(server, "x");
            assertEquals(0, right.exitStatus(), right.toString());
            ClientRun wrong = ClientRun.of("x", server.address(), "--insecure", "--servername", "other.example");
            assertEquals(1, wrong.exitStatus(), wrong.toString());
            assertTrue(wrong.err().contains("unrecognized_name"), wrong.toString());
        }
    }

    @Test
    void sniWithItsOwnCertificate() throws Exception {
        try (ServerRun server = ServerRun.start("--self-signed", "--sni",
                "localhost:" + pki.path("server-rsa.pem") + ":" + pki.path("server-rsa.key"))) {
            ClientRun run = client(server, "x");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Signature: rsa_pss_rsae_sha256", line(run, "Signature:"), run.toString());
        }
    }

    @Test
    void repeatedCertAndKeyServeRsaAndEcdsa() throws Exception {
        try (ServerRun server = server("--cert", pki.path("server-rsa.pem"), "--key", pki.path("server-rsa.key"))) {
            ClientRun rsa = client(server, "x", "--sigalgs", "rsa_pss_rsae_sha256");
            assertEquals(0, rsa.exitStatus(), rsa.toString());
            assertEquals("Signature: rsa_pss_rsae_sha256", line(rsa, "Signature:"), rsa.toString());
            ClientRun ecdsa = client(server, "x", "--sigalgs", "ecdsa_secp256r1_sha256");
            assertEquals("Signature: ecdsa_secp256r1_sha256", line(ecdsa, "Signature:"), ecdsa.toString());
        }
    }

    @Test
    void fallbackScsvIsRefusedByAServerThatSpeaksANewerVersion() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "x", "--protocols", "TLSv1.2", "--fallback-scsv");
            assertEquals(1, run.exitStatus(), run.toString());
            assertTrue(run.err().contains("inappropriate_fallback"), run.toString());
            ClientRun plain = client(server, "x", "--protocols", "TLSv1.2");
            assertEquals(0, plain.exitStatus(), plain.toString());
        }
    }

    @Test
    void keylogWritesNssLines() throws Exception {
        try (ServerRun server = server()) {
            Path keyLog = scratch.resolve("keys.log");
            ClientRun run = client(server, "x", "--keylog", keyLog.toString());
            assertEquals(0, run.exitStatus(), run.toString());
            String log = Files.readString(keyLog);
            assertTrue(log.contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET "), log);
            assertTrue(log.contains("CLIENT_TRAFFIC_SECRET_0 "), log);
        }
    }

    @Test
    void statusRequiresAStapledResponse() throws Exception {
        try (ServerRun server = server()) {
            ClientRun run = client(server, "x", "--status");
            assertEquals(1, run.exitStatus(), run.toString());
            assertTrue(run.err().contains("Ocsp"), run.toString());
            ClientRun insecure = client(server, "x", "--status", "--insecure");
            assertEquals(0, insecure.exitStatus(), insecure.toString());
            assertEquals("OCSP: none", line(insecure, "OCSP:"), insecure.toString());
        }
    }

    @Test
    void serverStopsAfterNaccept() throws Exception {
        try (ServerRun server = server("--naccept", "2")) {
            assertEquals(0, client(server, "a").exitStatus());
            assertEquals(0, client(server, "b").exitStatus());
            assertEquals(0, server.exitStatus().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void serverHandlesConcurrentConnections() throws Exception {
        try (ServerRun server = server()) {
            List<java.util.concurrent.CompletableFuture<ClientRun>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = "client " + i + "\n";
                runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> client(server, text)));
            }
            for (int i = 0; i < runs.size(); i++) {
                ClientRun run = runs.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(0, run.exitStatus(), run.toString());
                assertEquals("client " + i + "\n", run.data(), run.toString());
            }
        }
    }

    @Test
    void anEncryptedKeyNeedsPass() throws Exception {
        try (ServerRun server = ServerRun.start("--cert", pki.path("server.pem"), "--key",
                pki.path("server-encrypted.key"), "--pass", TestPki.PASSPHRASE)) {
            ClientRun run = client(server, "x");
            assertEquals(0, run.exitStatus(), run.toString());
        }
        CommandRun withoutPass = CommandRun.of("server", "--port", "0", "--cert", pki.path("server.pem"), "--key",
                pki.path("server-encrypted.key"));
        assertEquals(2, withoutPass.exitStatus(), withoutPass.err());
        CommandRun wrongPass = CommandRun.of("server", "--port", "0", "--cert", pki.path("server.pem"), "--key",
                pki.path("server-encrypted.key"), "--pass", "wrong");
        assertEquals(2, wrongPass.exitStatus(), wrongPass.err());
    }

    @Test
    void caMayBeADirectory() throws Exception {
        Path anchors = Files.createDirectory(scratch.resolve("anchors"));
        Files.copy(Path.of(pki.path("ca.pem")), anchors.resolve("ca.pem"));
        Files.writeString(anchors.resolve("README"), "not a certificate");
        try (ServerRun server = server()) {
            ClientRun run = ClientRun.of("x", server.address(), "--ca", anchors.toString(), "--servername", "localhost",
                    "--wait-ms", "1000");
            assertEquals(0, run.exitStatus(), run.toString());
            assertEquals("Verification: OK", line(run, "Verification:"), run.toString());
            Path empty = Files.createDirectory(scratch.resolve("empty"));
            ClientRun none = ClientRun.of("x", server.address(), "--ca", empty.toString(), "--servername", "localhost",
                    "--wait-ms", "1000");
            assertEquals(1, none.exitStatus(), none.toString());
        }
    }

    @Test
    void serverTraceIsPrefixedWithTheConnection() throws Exception {
        try (ServerRun server = server("--trace")) {
            assertEquals(0, client(server, "x").exitStatus());
            assertTrue(server.awaitErr("[1] C → S  ClientHello", 5_000), server.err());
            assertTrue(server.awaitErr("[1] C ← S  ServerHello", 5_000), server.err());
        }
    }

    @Test
    void maxEarlyDataStillDeliversTheWholeRequest() throws Exception {
        try (ServerRun server = server("--early-data", "--max-early-data", "4", "--www")) {
            Path session = scratch.resolve("small-allowance");
            assertEquals(0, client(server, GET, "--sess-out", session.toString()).exitStatus());
            Path request = scratch.resolve("request");
            Files.writeString(request, GET, StandardCharsets.US_ASCII);
            ClientRun second = client(server, "", "--sess-in", session.toString(), "--early-data", request.toString(),
                    "--trace");
            assertEquals(0, second.exitStatus(), second.toString());
            // 4 bytes went early, the rest after the handshake; the request arrived whole.
            assertEquals("Early data: accepted", line(second, "Early data:"), second.toString());
            assertTrue(second.data().startsWith("HTTP/1.0 200 ok\r\n"), second.toString());
        }
        CommandRun withoutEarlyData = CommandRun.of("server", "--port", "0", "--self-signed", "--max-early-data", "4");
        assertEquals(2, withoutEarlyData.exitStatus(), withoutEarlyData.err());
    }

    @Test
    void legacyVersionsMustBeNamedWithTheirSuites() throws Exception {
        try (ServerRun server = server("--protocols", "TLSv1,TLSv1.2,TLSv1.3", "--ciphers", "ALL")) {
            ClientRun tls10 = client(server, "old\n", "--protocols", "TLSv1", "--ciphers", "ECDHE-ECDSA-AES128-SHA");
            assertEquals(0, tls10.exitStatus(), tls10.toString());
            assertEquals("Protocol: TLSv1", line(tls10, "Protocol:"), tls10.toString());
            assertEquals("Cipher: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", line(tls10, "Cipher:"), tls10.toString());
            assertEquals("old\n", tls10.data());
            // The default versions are TLS 1.2 and 1.3 only.
            ClientRun modern = client(server, "x");
            assertEquals("Protocol: TLSv1.3", line(modern, "Protocol:"), modern.toString());
        }
        try (ServerRun server = server()) {
            // TLSv1.1 alone, against a server of TLS 1.2 and 1.3: refused.
            ClientRun refused = client(server, "x", "--protocols", "TLSv1.1", "--ciphers", "ECDHE-ECDSA-AES128-SHA");
            assertEquals(1, refused.exitStatus(), refused.toString());
            assertTrue(refused.err().contains("protocol_version"), refused.toString());
        }
        // TLS 1.0 with only TLS 1.2 suites cannot work: bad usage, not a failed handshake.
        ClientRun noSuites = ClientRun.of("", "127.0.0.1:1", "--protocols", "TLSv1");
        assertEquals(2, noSuites.exitStatus(), noSuites.toString());
    }

    @Test
    void helpDocumentsEveryFlagOfCliMd() {
        CommandRun client = CommandRun.of("client", "--help");
        assertEquals(0, client.exitStatus());
        for (String flag : List.of("--servername", "--ca", "--insecure", "--cert", "--key", "--pass", "--protocols",
                "--ciphers", "--ciphersuites", "--groups", "--sigalgs", "--alpn", "--status", "--sess-out", "--sess-in",
                "--reconnect", "--early-data", "--key-update", "--renegotiate", "--fallback-scsv", "--starttls",
                "--keylog", "--trace", "--wait-ms", "--json")) {
            assertTrue(documents(client.out(), flag), flag);
        }
        CommandRun server = CommandRun.of("server", "--help");
        assertEquals(0, server.exitStatus());
        for (String flag : List.of("--host", "--port", "--cert", "--key", "--pass", "--self-signed", "--www",
                "--protocols", "--ciphers", "--ciphersuites", "--groups", "--sigalgs", "--alpn", "--keylog",
                "--verify-client", "--request-client-cert", "--ca", "--ocsp-response", "--sni", "--no-tickets",
                "--no-session-cache", "--early-data", "--max-early-data", "--allow-client-renegotiation",
                "--after-handshake")) {
            assertTrue(documents(server.out(), flag), flag);
        }
    }

    /** Whether the help text describes {@code flag} itself (not just a longer flag it is a prefix of). */
    private static boolean documents(String help, String flag) {
        return java.util.regex.Pattern.compile("^ +" + java.util.regex.Pattern.quote(flag) + "[=\\s]",
                java.util.regex.Pattern.MULTILINE).matcher(help).find();
    }
}
