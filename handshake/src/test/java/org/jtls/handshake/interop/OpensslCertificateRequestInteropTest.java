package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.TwoIssuers;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.MessageLog;
import org.jtls.handshake.message.CertificateRequest;
import org.jtls.handshake.message.CertificateRequestTls13;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.extension.CertificateAuthorities;
import org.jtls.record.HandshakeMessage;
import org.jtls.x509.cert.Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CertificateRequests with certificate_authorities (RFC 5246 §7.4.4, RFC 8446 §4.2.4) and
 * signature_algorithms_cert (RFC 8446 §4.2.3) against OpenSSL 3.0, both ways, in the handshake and in
 * TLS 1.3 post-handshake authentication. The client side holds one ECDSA key certified twice, by the
 * ECDSA CA "Alpha" and by the RSA CA "Beta" ({@link TwoIssuers}); each test runs once naming Alpha and
 * once naming Beta.
 *
 * <p>Our server → s_client: s_client {@code -trace} decodes our CertificateRequest (we assert the
 * extensions and their content in its text), and for each {@code -xcert} chain s_client prints its
 * own check ("Issuer Name: OK" only for the named CA's chain; "CA signature" against our
 * signature_algorithms_cert). With {@code -strict} in TLS 1.2 that check decides which chain OpenSSL
 * sends, so the chain our server receives proves OpenSSL followed our names. In TLS 1.3 OpenSSL 3.0
 * marks every chain invalid under {@code -strict} ("Certificate Type: NOT OK"), and without it sends
 * the last chain that is valid in its loose sense, so there the named chain is listed last and the
 * proof of the names is OpenSSL's per-chain "Issuer Name" verdict.
 *
 * <p>s_server → our client: {@code -Verify 1 -verify_return_error -CAfile <named CA>} names one CA in
 * certificate_authorities (OpenSSL 3.0 never sends signature_algorithms_cert) and fails the handshake
 * if the chain we send does not verify to it; our client holds the other CA's chain first.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class OpensslCertificateRequestInteropTest {
    @org.junit.jupiter.api.io.TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey serverFiles;
    private static Path leafKey;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
        serverFiles = Interop.pem(Credentials.RSA, directory, "rsa");
        leafKey = directory.resolve("two-issuers-leaf.key.pem");
        Files.writeString(leafKey, PemFiles.pem("PRIVATE KEY", TwoIssuers.leafPkcs8()), StandardCharsets.US_ASCII);
        for (X500Name ca : List.of(TwoIssuers.ALPHA, TwoIssuers.BETA)) {
            CertifiedKey chain = TwoIssuers.issuedBy(ca);
            Files.writeString(leafFile(ca), PemFiles.pem("CERTIFICATE", chain.chain().get(0)), StandardCharsets.US_ASCII);
            Files.writeString(caFile(ca), PemFiles.pem("CERTIFICATE", chain.chain().get(1)), StandardCharsets.US_ASCII);
        }
    }

    static List<X500Name> authorities() {
        return List.of(TwoIssuers.ALPHA, TwoIssuers.BETA);
    }

    private static Path leafFile(X500Name ca) {
        return directory.resolve((ca.equals(TwoIssuers.ALPHA) ? "alpha" : "beta") + "-leaf.crt.pem");
    }

    private static Path caFile(X500Name ca) {
        return directory.resolve((ca.equals(TwoIssuers.ALPHA) ? "alpha" : "beta") + "-ca.crt.pem");
    }

    private static X500Name other(X500Name ca) {
        return ca.equals(TwoIssuers.ALPHA) ? TwoIssuers.BETA : TwoIssuers.ALPHA;
    }

    /** {@code -xcert leaf -xkey key -xchain ca} for each CA in order (s_client checks them in this order). */
    private static List<String> extraChains(X500Name... cas) {
        List<String> arguments = new ArrayList<>();
        for (X500Name ca : cas) {
            arguments.addAll(List.of("-xcert", leafFile(ca).toString(), "-xkey", leafKey.toString(),
                    "-xchain", caFile(ca).toString()));
        }
        return arguments;
    }

    private static String issuerOf(List<byte[]> chain) throws Exception {
        return Certificate.parse(chain.get(0)).issuer().toRfc4514String();
    }

    private static String rfc4514(X500Name name) throws Exception {
        return org.jtls.x509.name.DistinguishedName.decode(TwoIssuers.der(name)).toRfc4514String();
    }

    /** s_client's verdicts per chain, in the order of its -xcert options: the text of each "Checking cert chain" block. */
    private static List<String> chainChecks(String output) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("Checking cert chain \\d+:\\n(?:Subject:[^\\n]*\\n)?((?:\\t[^\\n]*\\n)+)")
                .matcher(output.replace("\r", ""));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    /** The -trace text of the first CertificateRequest s_client received, up to the next message. */
    private static String tracedCertificateRequest(String output) {
        int start = output.indexOf("CertificateRequest, Length=");
        assertTrue(start >= 0, "s_client traced no CertificateRequest\n" + output);
        int end = output.indexOf("<<<", start);
        int sent = output.indexOf(">>>", start);
        if (end < 0 || (sent >= 0 && sent < end)) {
            end = sent;
        }
        return end < 0 ? output.substring(start) : output.substring(start, end);
    }

    /**
     * What -trace shows of our request: both extensions (OpenSSL 3.0 names them but prints their bodies
     * as a hex dump), the named CA's DER name in certificate_authorities (readable in the dump's text
     * column) and exactly our two certificate schemes, ecdsa_secp256r1_sha256 (0x0403) and
     * rsa_pkcs1_sha256 (0x0401), in signature_algorithms_cert.
     */
    private static void assertTracedExtensions(String request, X500Name named) throws Exception {
        int cas = request.indexOf("extension_type=certificate_authorities(47)");
        int certSchemes = request.indexOf("extension_type=signature_algorithms_cert(50), length=6");
        assertTrue(cas >= 0, request);
        assertTrue(certSchemes >= 0, request);
        String certSchemesBody = request.substring(certSchemes, cas > certSchemes ? cas : request.length());
        assertTrue(certSchemesBody.contains("0000 - 00 04 04 03 04 01"), request);
        String casBody = request.substring(cas, cas > certSchemes ? request.length() : certSchemes);
        assertEquals(named.equals(TwoIssuers.ALPHA), casBody.contains("Alpha client"), request);
        assertEquals(named.equals(TwoIssuers.BETA), casBody.contains("Beta client"), request);
    }

    private static TlsConfig.Builder ourServer(ProtocolVersion version, X500Name named) {
        TlsConfig.Builder builder = Interop.defaults().versions(List.of(version))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .certificateAuthorities(List.of(TwoIssuers.der(named)))
                .certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
                        SignatureScheme.RSA_PKCS1_SHA256));
        if (version == ProtocolVersion.TLS_1_2) {
            builder.cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        }
        return builder;
    }

    private static PeerProcess.Command sClient(int port, String versionOption) {
        return new PeerProcess.Command("openssl", "s_client", "-connect", "127.0.0.1:" + port, versionOption,
                "-servername", "localhost");
    }

    // ---------------------------------------------------------------- our server → s_client

    /**
     * TLS 1.2: our CertificateRequest names one CA; s_client {@code -strict} holds both chains, the
     * named one first, and sends the one its own issuer-name check accepts.
     */
    @ParameterizedTest
    @MethodSource("authorities")
    void strictOpensslClientSendsTheChainOurTls12ServerNames(X500Name named) throws Exception {
        TlsConfig config = ourServer(ProtocolVersion.TLS_1_2, named).clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        // The named chain first: OpenSSL keeps the last chain it finds valid, so only its check can pick this one.
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING)) {
            List<String> command = new ArrayList<>(sClient(server.port(), "-tls1_2").toList());
            command.add("-strict");
            command.addAll(extraChains(named, other(named)));
            try (PeerProcess peer = PeerProcess.start(command, directory)) {
                peer.writeToStdin(Interop.PING);
                SessionInfo session = server.await();
                assertEquals(rfc4514(named), issuerOf(session.peerCertificates()));
                assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
                String output = peer.output();
                List<String> checks = chainChecks(output);
                assertEquals(2, checks.size(), output);
                assertTrue(checks.get(0).contains("Issuer Name: OK"), output);
                assertTrue(checks.get(0).contains("Overall Validity: OK"), output);
                assertTrue(checks.get(1).contains("Issuer Name: NOT OK"), output);
                assertTrue(checks.get(1).contains("Overall Validity: NOT OK"), output);
                assertTrue(output.contains("Acceptable client certificate CA names\n" + rfc4514Openssl(named)), output);
            }
        }
    }

    /** TLS 1.3, in the handshake: both extensions on the wire as s_client decodes them, and its verdicts. */
    @ParameterizedTest
    @MethodSource("authorities")
    void opensslClientReadsOurTls13CertificateRequestExtensions(X500Name named) throws Exception {
        TlsConfig config = ourServer(ProtocolVersion.TLS_1_3, named).clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING)) {
            List<String> command = new ArrayList<>(sClient(server.port(), "-tls1_3").toList());
            command.add("-trace");
            command.addAll(extraChains(other(named), named));
            try (PeerProcess peer = PeerProcess.start(command, directory)) {
                peer.writeToStdin(Interop.PING);
                SessionInfo session = server.await();
                assertEquals(rfc4514(named), issuerOf(session.peerCertificates()));
                assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
                String output = peer.output();
                String request = tracedCertificateRequest(output);
                assertTrue(request.contains("request_context (len=0)"), request);
                assertTracedExtensions(request, named);
                assertChecksFollowTheRequest(chainChecks(output), named, output);
            }
        }
    }

    /**
     * TLS 1.3 post-handshake authentication (s_client {@code -enable_pha}): our request after the
     * handshake carries both extensions too, and the chain that arrives is the named CA's.
     */
    @ParameterizedTest
    @MethodSource("authorities")
    void opensslClientAnswersOurPostHandshakeRequestWithTheNamedChain(X500Name named) throws Exception {
        List<TlsEvent> events = Collections.synchronizedList(new ArrayList<>());
        OurServer.Conversation conversation = connection -> {
            byte[] hello = connection.readExactly("hello\n".length());
            connection.engine().requestClientCertificate();
            connection.readUntil(() -> {
                for (TlsEvent event = connection.engine().pollEvent(); event != null;
                        event = connection.engine().pollEvent()) {
                    events.add(event);
                }
                return events.stream().anyMatch(e -> e instanceof TlsEvent.PeerCertificateUpdated);
            }, "s_client's certificate");
            connection.write(hello);
            OurServer.ECHO_PING.run(connection);
        };
        TlsConfig config = ourServer(ProtocolVersion.TLS_1_3, named).build();
        try (OurServer server = OurServer.start(config, conversation)) {
            List<String> command = new ArrayList<>(sClient(server.port(), "-tls1_3").toList());
            command.addAll(List.of("-trace", "-enable_pha"));
            command.addAll(extraChains(other(named), named));
            try (PeerProcess peer = PeerProcess.start(command, directory)) {
                peer.writeToStdin("hello\n");
                peer.awaitOutput(text -> text.contains("Checking cert chain 2"), "s_client's chain checks",
                        Duration.ofSeconds(10));
                peer.writeToStdin(Interop.PING);
                assertTrue(server.await().peerCertificates().isEmpty(), "no certificate in the handshake");
                TlsEvent.PeerCertificateUpdated updated = events.stream()
                        .filter(TlsEvent.PeerCertificateUpdated.class::isInstance)
                        .map(TlsEvent.PeerCertificateUpdated.class::cast).findFirst().orElseThrow();
                assertEquals(rfc4514(named), issuerOf(updated.chain()));
                assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
                String output = peer.output();
                String request = tracedCertificateRequest(output);
                assertTrue(request.contains("request_context (len=8)"), "a post-handshake request has a context\n"
                        + request);
                assertTracedExtensions(request, named);
                assertChecksFollowTheRequest(chainChecks(output), named, output);
            }
        }
    }

    /**
     * s_client's verdicts, chains listed as {other, named}: only the named one passes "Issuer Name";
     * the RSA-signed Beta chain passes "CA signature" too because our signature_algorithms_cert lists
     * rsa_pkcs1_sha256 next to ecdsa_secp256r1_sha256.
     */
    private static void assertChecksFollowTheRequest(List<String> checks, X500Name named, String output) {
        assertEquals(2, checks.size(), output);
        assertTrue(checks.get(0).contains("Issuer Name: NOT OK"), output);
        assertTrue(checks.get(1).contains("Issuer Name: OK"), output);
        for (String check : checks) {
            assertTrue(check.contains("CA signature: OK"), output);
        }
    }

    /** OpenSSL's one-line form of a name, as s_client prints "Acceptable client certificate CA names". */
    private static String rfc4514Openssl(X500Name name) {
        return name.equals(TwoIssuers.ALPHA) ? "CN = Alpha client CA, O = jtls test" : "CN = Beta client CA, O = jtls test";
    }

    // ---------------------------------------------------------------- s_server → our client

    static List<Object[]> authoritiesAndVersions() {
        List<Object[]> cases = new ArrayList<>();
        for (X500Name name : authorities()) {
            cases.add(new Object[] {name, ProtocolVersion.TLS_1_2});
            cases.add(new Object[] {name, ProtocolVersion.TLS_1_3});
        }
        return cases;
    }

    /**
     * s_server {@code -Verify 1 -verify_return_error -CAfile <named CA>}: its CertificateRequest names that
     * CA, and the handshake fails unless our client sends the chain issued by it. Our client holds the
     * other chain first.
     */
    @ParameterizedTest
    @MethodSource("authoritiesAndVersions")
    void ourClientSendsTheChainOpensslServerNames(X500Name named, ProtocolVersion version) throws Exception {
        MessageLog log = new MessageLog();
        List<HandshakeMessage> requests = Collections.synchronizedList(new ArrayList<>());
        TlsConfig config = Interop.defaults().versions(List.of(version))
                .certificates(List.of(TwoIssuers.notIssuedBy(named), TwoIssuers.issuedBy(named)))
                .observer(new RequestKeeper(requests, log)).build();
        String versionOption = version == ProtocolVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-cert", serverFiles.certificate().toString(), "-key",
                serverFiles.privateKey().toString(), versionOption, "-naccept", "1", "-Verify", "1",
                "-verify_return_error", "-CAfile", caFile(named).toString()), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                        peer.port())) {
            assertEquals(version, connection.handshake().version());
            connection.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("hello");
            peer.writeToStdin("from the server\n");
            assertArrayEquals("from the server\n".getBytes(StandardCharsets.US_ASCII),
                    connection.readExactly("from the server\n".length()));
            connection.closeGracefully();
            peer.awaitExit(Duration.ofSeconds(10));
            String output = peer.output();
            assertFalse(output.contains("verify error"), output);
            assertTrue(output.contains("issuer=" + rfc4514Openssl(named)), output);
            assertEquals(1, requests.size());
            assertArrayEquals(TwoIssuers.der(named), namesIn(requests.get(0), version).get(0));
        }
    }

    /**
     * s_server's interactive {@code c} asks for our certificate after a TLS 1.3 handshake; its request
     * names the {@code -CAfile} CA and our client answers with that CA's chain (checked by s_server
     * with {@code -verify_return_error}).
     */
    @ParameterizedTest
    @MethodSource("authorities")
    void ourClientAnswersOpensslServersPostHandshakeRequestWithTheNamedChain(X500Name named) throws Exception {
        MessageLog log = new MessageLog();
        List<HandshakeMessage> requests = Collections.synchronizedList(new ArrayList<>());
        TlsConfig config = Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3)).postHandshakeAuthentication(true)
                .certificates(List.of(TwoIssuers.notIssuedBy(named), TwoIssuers.issuedBy(named)))
                .observer(new RequestKeeper(requests, log)).build();
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-cert", serverFiles.certificate().toString(), "-key",
                serverFiles.privateKey().toString(), "-tls1_3", "-naccept", "1", "-verify_return_error",
                "-CAfile", caFile(named).toString()), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                        peer.port())) {
            connection.handshake();
            assertEquals(0, log.sentCount(HandshakeType.CERTIFICATE), "no certificate in the handshake");
            connection.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("hello");
            peer.writeToStdin("c\n");
            connection.readUntil(() -> log.sentCount(HandshakeType.CERTIFICATE_VERIFY) == 1,
                    "our answer to s_server's CertificateRequest");
            connection.write("after authenticating\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("after authenticating");
            peer.writeToStdin("from the server\n");
            assertArrayEquals("from the server\n".getBytes(StandardCharsets.US_ASCII),
                    connection.readExactly("from the server\n".length()));
            connection.closeGracefully();
            peer.awaitExit(Duration.ofSeconds(10));
            String output = peer.output();
            assertFalse(output.contains("verify error"), output);
            assertEquals(1, requests.size());
            assertArrayEquals(TwoIssuers.der(named), namesIn(requests.get(0), ProtocolVersion.TLS_1_3).get(0));
            CertificateRequestTls13 request = Messages.decode(requests.get(0), CertificateRequestTls13::decode);
            assertFalse(request.certificateRequestContext().isEmpty(), "a post-handshake request");
        }
    }

    /** Keeps the CertificateRequests our client receives and logs every message type. */
    private record RequestKeeper(List<HandshakeMessage> requests, MessageLog log)
            implements org.jtls.handshake.HandshakeObserver {
        @Override
        public void messageSent(HandshakeMessage message) {
            log.messageSent(message);
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            log.messageReceived(message);
            if (message.type() == HandshakeType.CERTIFICATE_REQUEST.code()) {
                requests.add(message);
            }
        }
    }

    private static List<byte[]> namesIn(HandshakeMessage message, ProtocolVersion version) throws Exception {
        List<Opaque> names = version == ProtocolVersion.TLS_1_3
                ? Messages.decode(message, CertificateRequestTls13::decode).extensions()
                        .find(CertificateAuthorities.class).orElseThrow().distinguishedNames()
                : Messages.decode(message, body -> CertificateRequest.decode(body, version)).certificateAuthorities();
        return names.stream().map(Opaque::toByteArray).toList();
    }
}
