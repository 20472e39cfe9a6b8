package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two TLS 1.3 details against OpenSSL 3.0 (and GnuTLS for the first), both directions:
 * <ul>
 *   <li>status_request in TLS 1.3, where the staple travels as an extension of the leaf's
 *       CertificateEntry (RFC 8446 §4.4.2.1) rather than in a CertificateStatus message;</li>
 *   <li>the keying-material exporter (RFC 8446 §7.5 in TLS 1.3, RFC 5705 in TLS 1.2), compared with
 *       what {@code -keymatexport} makes OpenSSL print for the same connection.</li>
 * </ul>
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class OpensslTls13StaplingAndExporterInteropTest {
    private static final String LABEL = "EXPORTER-jtls-interop";
    private static final int LENGTH = 48;
    private static final Pattern KEYING_MATERIAL = Pattern.compile("Keying material: ([0-9A-F]+)");
    private static final String GNUTLS_LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey serverFiles;
    private static byte[] ocspResponse;
    private static Path ocspFile;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
        serverFiles = Interop.pem(Credentials.RSA, directory, "rsa");
        ocspResponse = ocspResponse(Credentials.RSA);
        ocspFile = directory.resolve("ocsp.der");
        Files.write(ocspFile, ocspResponse);
    }

    /** A "good" OCSP response for the certificate, signed by its own (self-signed) key. */
    private static byte[] ocspResponse(Credential credential) throws Exception {
        X509CertificateHolder certificate = new JcaX509CertificateHolder(credential.certificate());
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), certificate, certificate.getSerialNumber());
        Date now = new Date();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(certificate.getSubject()));
        builder.addResponse(id, CertificateStatus.GOOD, now, new Date(now.getTime() + Duration.ofDays(1).toMillis()),
                null);
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(credential.privateKey()), new X509CertificateHolder[] {certificate}, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static PeerProcess.Command sServer(String... more) {
        return new PeerProcess.Command("openssl", "s_server", "-accept", "127.0.0.1:" + PeerProcess.PORT, "-cert",
                serverFiles.certificate().toString(), "-key", serverFiles.privateKey().toString(), "-naccept", "1")
                .add(more);
    }

    private static SessionInfo echo(TlsEngine engine, int port) throws Exception {
        try (SocketTlsConnection connection = SocketTlsConnection.connect(engine, port)) {
            SessionInfo session = connection.handshake();
            connection.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            connection.readUntilClosed();
            return session;
        }
    }

    // ---------------------------------------------------------------- OCSP stapling in TLS 1.3

    @Test
    void ourTls13ClientReceivesTheStapleOfOpensslServer() throws Exception {
        try (PeerProcess peer = PeerProcess.listen(sServer("-tls1_3", "-www", "-status_file", ocspFile.toString()),
                "ACCEPT", directory)) {
            SessionInfo session = echo(TlsEngine.client(tls13().requestOcspStapling(true).build(), "localhost"),
                    peer.port());
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            String description = peer.describe();
            assertArrayEquals(ocspResponse, session.stapledOcspResponse().orElseThrow(
                    () -> new AssertionError("no staple in TLS 1.3\n" + description)));
        }
    }

    @Test
    void ourTls13ServerStaplesForOpensslClient() throws Exception {
        TlsConfig config = tls13().certificates(List.of(Credentials.RSA.certifiedKey().withOcspResponse(ocspResponse)))
                .build();
        for (boolean asks : List.of(true, false)) {
            try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                    PeerProcess peer = PeerProcess.start(new PeerProcess.Command("openssl", "s_client", "-connect",
                            "127.0.0.1:" + server.port(), "-tls1_3", "-servername", "localhost")
                            .addIf(asks, "-status").toList(), directory)) {
                peer.writeToStdin(Interop.PING);
                assertEquals(ProtocolVersion.TLS_1_3, server.await().version());
                assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
                String stdout = peer.stdout();
                if (asks) {
                    assertTrue(stdout.contains("OCSP Response Status: successful (0x0)"), stdout);
                    assertTrue(stdout.contains("Cert Status: good"), stdout);
                } else {
                    // Unasked, nothing is stapled (s_client would fail on an unsolicited one).
                    assertFalse(stdout.contains("OCSP Response Status"), stdout);
                }
            }
        }
    }

    @Test
    void ourTls13ServerStaplesForGnutlsClient() throws Exception {
        PeerProcess.assumeInstalled("gnutls-cli", "apt-get install gnutls-bin");
        Path saved = directory.resolve("gnutls-tls13-ocsp.der");
        TlsConfig config = tls13().certificates(List.of(Credentials.RSA.certifiedKey().withOcspResponse(ocspResponse)))
                .build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(List.of("gnutls-cli", "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3",
                        "--insecure", "--save-ocsp=" + saved, "--port", Integer.toString(server.port()), "127.0.0.1"),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            assertEquals(ProtocolVersion.TLS_1_3, server.await().version());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(Files.exists(saved), "gnutls-cli saved no OCSP response\n" + peer.describe());
            assertArrayEquals(ocspResponse, Files.readAllBytes(saved));
        }
    }

    @Test
    void ourTls13ClientReceivesTheStapleOfGnutlsServer() throws Exception {
        PeerProcess.assumeInstalled("gnutls-serv", "apt-get install gnutls-bin");
        try (PeerProcess peer = PeerProcess.listen(new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--x509certfile", serverFiles.certificate().toString(), "--x509keyfile",
                serverFiles.privateKey().toString(), "--echo", "--priority", "NORMAL:-VERS-ALL:+VERS-TLS1.3",
                "--ocsp-response", ocspFile.toString(), "--ignore-ocsp-response-errors"), GNUTLS_LISTENING, directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(
                        TlsEngine.client(tls13().requestOcspStapling(true).build(), "localhost"), peer.port())) {
            SessionInfo session = connection.handshake();
            assertEquals(ProtocolVersion.TLS_1_3, session.version());
            String description = peer.describe();
            assertArrayEquals(ocspResponse, session.stapledOcspResponse().orElseThrow(
                    () -> new AssertionError("no staple in TLS 1.3\n" + description)));
            connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
            assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                    StandardCharsets.US_ASCII));
            connection.closeGracefully();
        }
    }

    // ---------------------------------------------------------------- exporters

    private static byte[] printedKeyingMaterial(String output) {
        Matcher matcher = KEYING_MATERIAL.matcher(output);
        assertTrue(matcher.find(), "openssl printed no keying material\n" + output);
        return HexFormat.of().parseHex(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
    }

    private static TlsConfig.Builder config(ProtocolVersion version) {
        TlsConfig.Builder builder = Interop.defaults().versions(List.of(version));
        if (version == ProtocolVersion.TLS_1_2) {
            builder.cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));
        }
        return builder;
    }

    private static String option(ProtocolVersion version) {
        return version == ProtocolVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
    }

    /** OpenSSL exports without a context value: RFC 5705's "no context" (null here), TLS 1.3's empty one. */
    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void ourClientExportsWhatOpensslServerExports(ProtocolVersion version) throws Exception {
        byte[] ours;
        try (PeerProcess peer = PeerProcess.listen(sServer(option(version), "-keymatexport", LABEL, "-keymatexportlen",
                Integer.toString(LENGTH)), "ACCEPT", directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(
                        TlsEngine.client(config(version).build(), "localhost"), peer.port())) {
            assertEquals(version, connection.handshake().version());
            ours = connection.engine().exportKeyingMaterial(LABEL, null, LENGTH);
            connection.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            peer.awaitOutput("hello");
            connection.closeGracefully();
            peer.awaitExit(Duration.ofSeconds(10));
            assertArrayEquals(printedKeyingMaterial(peer.output()), ours);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void ourServerExportsWhatOpensslClientExports(ProtocolVersion version) throws Exception {
        byte[][] ours = new byte[2][];
        OurServer.Conversation conversation = connection -> {
            ours[0] = connection.engine().exportKeyingMaterial(LABEL, null, LENGTH);
            ours[1] = connection.engine().exportKeyingMaterial(LABEL, new byte[0], LENGTH);
            OurServer.ECHO_PING.run(connection);
        };
        TlsConfig config = config(version).certificates(List.of(Credentials.RSA.certifiedKey())).build();
        try (OurServer server = OurServer.start(config, conversation);
                PeerProcess peer = PeerProcess.start(List.of("openssl", "s_client", "-connect", "127.0.0.1:"
                        + server.port(), option(version), "-servername", "localhost", "-keymatexport", LABEL,
                        "-keymatexportlen", Integer.toString(LENGTH)), directory)) {
            peer.writeToStdin(Interop.PING);
            assertEquals(version, server.await().version());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertArrayEquals(printedKeyingMaterial(peer.output()), ours[0]);
        }
        // TLS 1.3 makes no difference between no context and an empty one (§7.5); RFC 5705 does.
        assertEquals(version == ProtocolVersion.TLS_1_3, java.util.Arrays.equals(ours[0], ours[1]));
    }
}
