package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jtls.crypto.registry.BulkCipher;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.KeyKind;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLS ≤ 1.2 client against {@code gnutls-serv --echo} and {@code gnutls-cli} against our echo
 * server, on 127.0.0.1. GnuTLS prints one line per session, e.g.
 * {@code - Description: (TLS1.2-X.509)-(ECDHE-SECP256R1)-(RSA-SHA256)-(AES-256-GCM)}, and an
 * {@code - Options:} line naming extended master secret and EtM; both are checked against our
 * {@link SessionInfo} and the hello on the wire.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GnutlsInteropTest {
    @TempDir
    static Path directory;

    @BeforeAll
    static void requireGnutls() {
        PeerProcess.assumeInstalled("gnutls-serv", "apt-get install gnutls-bin");
        PeerProcess.assumeInstalled("gnutls-cli", "apt-get install gnutls-bin");
    }

    /** One negotiation: our side offers exactly {@code suite} at {@code version}; GnuTLS gets {@code priority}. */
    record Case(String name, ProtocolVersion version, CipherSuite suite, List<NamedGroup> groups, KeyKind key,
            String priority) {
        @Override
        public String toString() {
            return name;
        }

        boolean encryptThenMac() {
            return suite.cipher().isCbc() && !priority.contains("%NO_ETM");
        }

        /** The pieces of GnuTLS's "- Description:" line this session must produce. */
        List<String> descriptionParts() {
            List<String> parts = new ArrayList<>();
            parts.add("(" + gnutlsVersion(version) + "-X.509)");
            parts.add(switch (suite.keyExchange()) {
                case ECDHE -> "(ECDHE-" + groups.get(0).ianaName().toUpperCase(Locale.ROOT) + ")";
                case DHE -> "(DHE-" + Interop.expectedGroup(suite, groups).orElseThrow().ianaName()
                        .toUpperCase(Locale.ROOT) + ")";
                default -> "(RSA)";
            });
            String cipher = suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC ? "3DES-CBC" : suite.cipher().displayName();
            parts.add("(" + cipher + ")");
            if (suite.cipher().isCbc()) {
                parts.add("(" + suite.mac().hash().orElseThrow().name() + ")");
            }
            return parts;
        }
    }

    static String gnutlsVersion(ProtocolVersion version) {
        return switch (version) {
            case TLS_1_0 -> "TLS1.0";
            case TLS_1_1 -> "TLS1.1";
            case TLS_1_2 -> "TLS1.2";
            default -> throw new IllegalArgumentException(version + " is not tested with GnuTLS");
        };
    }

    private static final ProtocolVersion TLS12 = ProtocolVersion.TLS_1_2;
    /** What gnutls-serv prints once it listens on IPv4 (it goes on with IPv6 alone if that bind fails). */
    private static final String LISTENING =
            "Echo Server listening on IPv4 0.0.0.0 port " + PeerProcess.PORT + "...done";
    private static final String NORMAL_TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2";

    static Case tls12(CipherSuite suite, KeyKind key, List<NamedGroup> groups, String priority) {
        return new Case(suite.ianaName(), TLS12, suite, groups, key, priority);
    }

    static Stream<Case> cases() {
        List<NamedGroup> x25519 = List.of(NamedGroup.X25519);
        List<Case> cases = new ArrayList<>(List.of(
                tls12(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, KeyKind.ECDSA_P256,
                        List.of(NamedGroup.X25519, NamedGroup.SECP256R1), NORMAL_TLS12),
                tls12(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, KeyKind.ECDSA_P384,
                        List.of(NamedGroup.SECP384R1), NORMAL_TLS12),
                tls12(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.ECDSA_P256,
                        List.of(NamedGroup.SECP256R1), NORMAL_TLS12),
                new Case("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 with an Ed25519 certificate", TLS12,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, x25519, KeyKind.ED25519, NORMAL_TLS12),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, x25519, NORMAL_TLS12),
                new Case("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 with an RSASSA-PSS certificate", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, x25519, KeyKind.RSA_PSS, NORMAL_TLS12),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyKind.RSA, x25519, NORMAL_TLS12),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.RSA, x25519, NORMAL_TLS12),
                tls12(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, List.of(NamedGroup.FFDHE2048),
                        NORMAL_TLS12 + ":-KX-ALL:+DHE-RSA"),
                new Case("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 over ffdhe3072", TLS12,
                        CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, List.of(NamedGroup.FFDHE3072), KeyKind.RSA,
                        NORMAL_TLS12 + ":-KX-ALL:+DHE-RSA"),
                tls12(CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.RSA,
                        List.of(NamedGroup.FFDHE2048), NORMAL_TLS12 + ":-KX-ALL:+DHE-RSA"),
                tls12(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, x25519,
                        NORMAL_TLS12 + ":-KX-ALL:+RSA"),
                tls12(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA, x25519, NORMAL_TLS12 + ":-KX-ALL:+RSA"),
                new Case("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA with encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, x25519, KeyKind.RSA, NORMAL_TLS12),
                new Case("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA without encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, x25519, KeyKind.RSA, NORMAL_TLS12 + ":%NO_ETM"),
                new Case("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA without encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, List.of(NamedGroup.SECP256R1),
                        KeyKind.ECDSA_P256, NORMAL_TLS12 + ":%NO_ETM"),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, KeyKind.RSA, x25519,
                        NORMAL_TLS12 + ":+SHA384"),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, KeyKind.RSA, x25519,
                        NORMAL_TLS12 + ":+3DES-CBC"),
                new Case("TLS_RSA_WITH_3DES_EDE_CBC_SHA without encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, x25519, KeyKind.RSA,
                        NORMAL_TLS12 + ":+3DES-CBC:-KX-ALL:+RSA:%NO_ETM")));
        for (NamedGroup group : List.of(NamedGroup.X25519, NamedGroup.X448, NamedGroup.SECP256R1,
                NamedGroup.SECP384R1, NamedGroup.SECP521R1)) {
            cases.add(new Case("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 over " + group.displayName(), TLS12,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, List.of(group), KeyKind.RSA,
                    NORMAL_TLS12 + ":-GROUP-ALL:+GROUP-" + group.ianaName().toUpperCase(Locale.ROOT)));
        }
        for (ProtocolVersion legacy : List.of(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0)) {
            String versionOnly = "NORMAL:-VERS-ALL:+VERS-" + gnutlsVersion(legacy);
            cases.add(new Case(legacy.displayName() + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", legacy,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, x25519, KeyKind.RSA, versionOnly));
            cases.add(new Case(legacy.displayName() + " TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA without encrypt-then-MAC",
                    legacy, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, List.of(NamedGroup.SECP256R1),
                    KeyKind.ECDSA_P256, versionOnly + ":%NO_ETM"));
            cases.add(new Case(legacy.displayName() + " TLS_DHE_RSA_WITH_AES_128_CBC_SHA", legacy,
                    CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.FFDHE2048), KeyKind.RSA,
                    versionOnly + ":-KX-ALL:+DHE-RSA"));
            cases.add(new Case(legacy.displayName() + " TLS_RSA_WITH_3DES_EDE_CBC_SHA", legacy,
                    CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, x25519, KeyKind.RSA,
                    versionOnly + ":+3DES-CBC:-KX-ALL:+RSA"));
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------- our client, gnutls-serv

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourClientAgainstGnutlsServer(Case c) throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(c.key().credential(), directory, c.key().name());
        TlsConfig config = Interop.config(c.version(), c.suite(), c.groups()).build();
        ClientRun run = runClient(gnutlsServ(server, c.priority()), config, "localhost");

        SessionInfo session = run.session();
        assertEquals(c.version(), session.version());
        assertEquals(c.suite(), session.cipherSuite());
        assertEquals(Interop.expectedGroup(c.suite(), c.groups()), session.group());
        assertTrue(session.extendedMasterSecret());
        if (c.version() == TLS12 && c.suite().keyExchange() != CipherSuite.KeyExchange.RSA) {
            Interop.assertSchemeFitsKey(c.key(), session.peerSignatureScheme().orElseThrow().code());
        }
        assertArrayEquals(c.key().credential().certificateDer(), session.peerCertificates().get(0));
        assertEquals(c.encryptThenMac(), Interop.serverHelloExtensions(run.serverBytes())
                .find(EncryptThenMac.class).isPresent(), "encrypt_then_mac in the ServerHello");
        assertGnutlsReports(run.peerOutput(), c);
    }

    @Test
    void ourClientNegotiatesAlpnAndSniWithGnutlsServer() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .alpnProtocols(List.of("h2", "http/1.1")).build();
        PeerProcess.Command command = gnutlsServ(server, NORMAL_TLS12)
                .add("--alpn", "http/1.1", "--alpn-fatal")
                .add("--sni-hostname", Credentials.SNI_NAME, "--sni-hostname-fatal");
        ClientRun run = runClient(command, config, Credentials.SNI_NAME);
        // We prefer h2; http/1.1 can only be the server's choice (RFC 7301 §3.2).
        assertEquals(Optional.of("http/1.1"), run.session().applicationProtocol());
        assertTrue(run.peerOutput().contains("- Application protocol: http/1.1"), run.peerOutput());
    }

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("tls12ClientCredentials")
    void ourClientPresentsItsCertificateToGnutlsServer(String name, Credential client) throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .certificates(List.of(client.certifiedKey())).build();
        PeerProcess.Command command = gnutlsServ(server, NORMAL_TLS12).add("--require-client-cert",
                "--verify-client-cert", "--x509cafile", clientFiles.certificate().toString());
        ClientRun run = runClient(command, config, "localhost");
        assertEquals(suite, run.session().cipherSuite());
        assertTrue(run.peerOutput().contains("Subject: O=jtls test,CN=jtls test client"), run.peerOutput());
        assertTrue(run.peerOutput().contains("- Status: The certificate is trusted."), run.peerOutput());
    }

    static Stream<Arguments> tls12ClientCredentials() {
        return Stream.concat(clientCredentials(), Stream.of(Arguments.of("Ed25519", Credentials.CLIENT_ED25519)));
    }

    static Stream<Arguments> clientCredentials() {
        return Stream.of(Arguments.of("RSA", Credentials.CLIENT_RSA), Arguments.of("ECDSA", Credentials.CLIENT_ECDSA));
    }

    // ---------------------------------------------------------------- gnutls-cli, our server

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gnutlsClientAgainstOurServer(Case c) throws Exception {
        List<NamedGroup> groups = c.groups();
        if (c.key() == KeyKind.ECDSA_P256 && !groups.contains(NamedGroup.SECP256R1)) {
            groups = Stream.concat(groups.stream(), Stream.of(NamedGroup.SECP256R1)).toList();
        }
        Credential credential = c.key().credential();
        TlsConfig config = Interop.config(c.version(), c.suite(), groups)
                .certificates(List.of(credential.certifiedKey())).build();
        PemFiles.CertificateAndKey trusted = Interop.pem(credential, directory, c.key().name());
        ServerRun run = runServer(config, gnutlsCli(c.priority())
                .add("--x509cafile", trusted.certificate().toString()));

        SessionInfo session = run.session();
        assertEquals(c.version(), session.version());
        assertEquals(c.suite(), session.cipherSuite());
        assertEquals(Interop.expectedGroup(c.suite(), c.groups()), session.group());
        assertTrue(session.extendedMasterSecret());
        assertEquals(c.encryptThenMac(), Interop.serverHelloExtensions(run.serverBytes())
                .find(EncryptThenMac.class).isPresent(), "encrypt_then_mac in our ServerHello");
        if (c.version() == TLS12 && c.suite().keyExchange() == CipherSuite.KeyExchange.ECDHE) {
            Interop.assertSchemeFitsKey(c.key(), Interop.serverKeyExchangeScheme(run.serverBytes()));
        }
        assertGnutlsReports(run.peerOutput(), c);
        // The client verified our chain against the trusted certificate and the name "localhost".
        assertTrue(run.peerOutput().contains("- Status: The certificate is trusted."), run.peerOutput());
    }

    @Test
    void gnutlsClientNegotiatesAlpnAndSniWithOurServer() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .alpnProtocols(List.of("http/1.1", "h2")).certificates(List.of(Credentials.RSA.certifiedKey())).build();
        ServerRun run = runServer(config, gnutlsCli("NORMAL").add("--insecure", "--alpn", "h2", "--alpn", "http/1.1",
                "--sni-hostname", Credentials.SNI_NAME));
        assertEquals(Optional.of("http/1.1"), run.session().applicationProtocol());
        assertEquals(Optional.of(Credentials.SNI_NAME), run.session().serverName());
        assertTrue(run.peerOutput().contains("- Application protocol: http/1.1"), run.peerOutput());
    }

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("tls12ClientCredentials")
    void gnutlsClientPresentsItsCertificateToOurServer(String name, Credential client) throws Exception {
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        ServerRun run = runServer(config, gnutlsCli(NORMAL_TLS12).add("--insecure",
                "--x509certfile", clientFiles.certificate().toString(),
                "--x509keyfile", clientFiles.privateKey().toString()));
        assertArrayEquals(client.certificateDer(), run.session().peerCertificates().get(0));
        assertTrue(run.session().peerSignatureScheme().isPresent(), "the client's CertificateVerify scheme");
        assertTrue(run.peerOutput().contains("- Successfully sent 1 certificate(s) to server."), run.peerOutput());
    }

    /** Our default configuration against GnuTLS's NORMAL priorities (which would prefer TLS 1.3). */
    @Test
    void defaultsMeetGnutlsDefaults() throws Exception {
        // Both sides default to TLS 1.3; GnuTLS 3.7 has no ML-KEM, so our X25519 share is used.
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        ClientRun asClient = runClient(gnutlsServ(server, "NORMAL"), Interop.defaults().build(), "localhost");
        assertEquals(ProtocolVersion.TLS_1_3, asClient.session().version());
        assertEquals(Optional.of(NamedGroup.X25519), asClient.session().group());
        assertTrue(asClient.peerOutput().contains("- Description: (TLS1.3-X.509)-(ECDHE-X25519)"),
                asClient.peerOutput());

        ServerRun asServer = runServer(Interop.defaults().certificates(List.of(Credentials.RSA.certifiedKey())).build(),
                gnutlsCli("NORMAL").add("--insecure"));
        assertEquals(ProtocolVersion.TLS_1_3, asServer.session().version());
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, asServer.session().cipherSuite());
        assertTrue(asServer.peerOutput().contains("- Description: (TLS1.3-X.509)-(ECDHE-X25519)"),
                asServer.peerOutput());
    }

    // ---------------------------------------------------------------- client certificates before TLS 1.2

    static Stream<Arguments> legacyClientCertificateCases() {
        List<Arguments> cases = new ArrayList<>();
        for (ProtocolVersion version : List.of(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0)) {
            cases.add(Arguments.of(version, "RSA", Credentials.CLIENT_RSA));
            cases.add(Arguments.of(version, "ECDSA", Credentials.CLIENT_ECDSA));
        }
        return cases.stream();
    }

    /** Before TLS 1.2, CertificateVerify signs MD5+SHA-1 with RSA keys and SHA-1 with ECDSA keys. */
    @ParameterizedTest(name = "{0} with a {1} client certificate")
    @MethodSource("legacyClientCertificateCases")
    void ourClientPresentsItsCertificateBeforeTls12(ProtocolVersion version, String name, Credential client)
            throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig config = Interop.config(version, suite, List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .certificates(List.of(client.certifiedKey())).build();
        PeerProcess.Command command = gnutlsServ(server, "NORMAL:-VERS-ALL:+VERS-" + gnutlsVersion(version))
                .add("--require-client-cert", "--verify-client-cert")
                .add("--x509cafile", clientFiles.certificate().toString());
        ClientRun run = runClient(command, config, "localhost");
        assertEquals(version, run.session().version());
        assertTrue(run.peerOutput().contains("Subject: O=jtls test,CN=jtls test client"), run.peerOutput());
        assertTrue(run.peerOutput().contains("- Status: The certificate is trusted."), run.peerOutput());
    }

    @ParameterizedTest(name = "{0} with a {1} client certificate")
    @MethodSource("legacyClientCertificateCases")
    void gnutlsClientPresentsItsCertificateBeforeTls12(ProtocolVersion version, String name, Credential client)
            throws Exception {
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig config = Interop.config(version, suite, List.of(NamedGroup.X25519))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        String priority = "NORMAL:-VERS-ALL:+VERS-" + gnutlsVersion(version);
        ServerRun run = runServer(config, gnutlsCli(priority).add("--insecure",
                "--x509certfile", clientFiles.certificate().toString(),
                "--x509keyfile", clientFiles.privateKey().toString()));
        assertEquals(version, run.session().version());
        assertArrayEquals(client.certificateDer(), run.session().peerCertificates().get(0));
        assertTrue(run.peerOutput().contains("- Successfully sent 1 certificate(s) to server."), run.peerOutput());
    }

    /** gnutls-serv --echo sends back what arrives: 100 kB crosses many full-size records each way. */
    @Test
    void bulkDataCrossesManyRecordsBothWays() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519)).build();
        PeerProcess.Command command = gnutlsServ(server, NORMAL_TLS12);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            // Lines of printable text: the echo server answers line by line and rewrites CR LF.
            data[i] = i % 100 == 99 ? (byte) '\n' : (byte) ('a' + Interop.RANDOM.nextInt(26));
        }
        try (PeerProcess peer = PeerProcess.listen(command, LISTENING, directory)) {
            try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                    peer.port())) {
                connection.handshake();
                connection.write(data);
                assertArrayEquals(data, connection.readExactly(data.length));
                assertTrue(connection.closeGracefully(), "gnutls-serv answers close_notify");
            }
        }
    }

    // ---------------------------------------------------------------- extended master secret (RFC 7627)

    private static final String WITHOUT_EMS = NORMAL_TLS12 + ":%NO_SESSION_HASH";

    /** RFC 7627 §5.2: a client that requires the extension aborts when the server does not answer it. */
    @Test
    void ourClientRequiringExtendedMasterSecretRefusesAGnutlsServerWithout() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        TlsConfig config = Interop.config(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                List.of(NamedGroup.X25519)).requireExtendedMasterSecret(true).build();
        PeerProcess.Command command = gnutlsServ(server, WITHOUT_EMS);
        try (PeerProcess peer = PeerProcess.listen(command, LISTENING, directory)) {
            try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                    peer.port())) {
                TlsAlertException refused = assertThrows(TlsAlertException.class, connection::handshake);
                assertTrue(refused.isLocal());
                assertEquals(AlertDescription.HANDSHAKE_FAILURE, refused.alert());
            }
        }
    }

    @Test
    void ourClientConnectsToAGnutlsServerWithoutExtendedMasterSecretWhenAllowed() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        TlsConfig config = Interop.config(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                List.of(NamedGroup.X25519)).requireExtendedMasterSecret(false).build();
        ClientRun run = runClient(gnutlsServ(server, WITHOUT_EMS), config, "localhost");
        assertFalse(run.session().extendedMasterSecret());
        assertFalse(run.peerOutput().contains("extended master secret"), run.peerOutput());
    }

    /** RFC 7627 §5.2: a server that requires the extension aborts when the client does not offer it. */
    @Test
    void ourServerRequiringExtendedMasterSecretRefusesAGnutlsClientWithout() throws Exception {
        TlsConfig config = Interop.config(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                List.of(NamedGroup.X25519)).requireExtendedMasterSecret(true)
                .certificates(List.of(Credentials.RSA.certifiedKey())).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(gnutlsCli(WITHOUT_EMS).add("--insecure",
                        "--port", Integer.toString(server.port()), "127.0.0.1").toList(), directory)) {
            TlsAlertException refused = assertThrows(TlsAlertException.class, server::await);
            assertTrue(refused.isLocal());
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, refused.alert());
            peer.awaitExit(Duration.ofSeconds(10));
            assertTrue(peer.output().contains("Handshake failed"), peer.describe());
        }
    }

    @Test
    void ourServerAcceptsAGnutlsClientWithoutExtendedMasterSecretWhenAllowed() throws Exception {
        TlsConfig config = Interop.config(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                List.of(NamedGroup.X25519)).requireExtendedMasterSecret(false)
                .certificates(List.of(Credentials.RSA.certifiedKey())).build();
        ServerRun run = runServer(config, gnutlsCli(WITHOUT_EMS).add("--insecure"));
        assertFalse(run.session().extendedMasterSecret());
        assertFalse(run.peerOutput().contains("extended master secret"), run.peerOutput());
    }

    // ---------------------------------------------------------------- plumbing

    /** gnutls-serv --echo on a free port; it asks for (but does not require) a client certificate. */
    private static PeerProcess.Command gnutlsServ(PemFiles.CertificateAndKey credential, String priority) {
        return new PeerProcess.Command("gnutls-serv", "--port", PeerProcess.PORT,
                "--x509certfile", credential.certificate().toString(),
                "--x509keyfile", credential.privateKey().toString(), "--echo", "--priority", priority);
    }

    private static PeerProcess.Command gnutlsCli(String priority) {
        return new PeerProcess.Command("gnutls-cli", "--priority", priority);
    }

    record ClientRun(SessionInfo session, byte[] serverBytes, String peerOutput) {
    }

    /** Starts gnutls-serv, connects our client, sends {@link Interop#PING} and expects the echo. */
    private static ClientRun runClient(PeerProcess.Command command, TlsConfig config, String serverName)
            throws Exception {
        try (PeerProcess peer = PeerProcess.listen(command, LISTENING, directory)) {
            try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, serverName),
                    peer.port())) {
                SessionInfo session = connection.handshake();
                connection.write(Interop.PING.getBytes(StandardCharsets.US_ASCII));
                assertEquals(Interop.PING, new String(connection.readExactly(Interop.PING.length()),
                        StandardCharsets.US_ASCII));
                connection.closeGracefully();
                peer.awaitOutput(text -> text.contains("- Options:"), "its session summary", Duration.ofSeconds(5));
                return new ClientRun(session, connection.handshakeBytesReceived(), peer.output());
            }
        }
    }

    record ServerRun(SessionInfo session, byte[] serverBytes, String peerOutput) {
    }

    /** Starts our echo server, runs gnutls-cli against it, sends {@link Interop#PING} and expects it back. */
    private static ServerRun runServer(TlsConfig config, PeerProcess.Command gnutlsCli) throws Exception {
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(gnutlsCli.add("--port", Integer.toString(server.port()),
                        "--verify-hostname", "localhost", "127.0.0.1").toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            String stdout = peer.stdout();
            assertTrue(stdout.contains("- Simple Client Mode:\n\n" + Interop.PING),
                    "the echo came back\n" + peer.describe());
            return new ServerRun(session, server.connection().handshakeBytesSent(), peer.output());
        }
    }

    private static void assertGnutlsReports(String output, Case c) {
        String description = output.lines().filter(line -> line.startsWith("- Description: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no Description line\n" + output));
        for (String part : c.descriptionParts()) {
            assertTrue(description.contains(part), "'" + part + "' in " + description);
        }
        String options = output.lines().filter(line -> line.startsWith("- Options: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no Options line\n" + output));
        assertTrue(options.contains("extended master secret"), options);
        assertTrue(options.contains("safe renegotiation"), options);
        assertEquals(c.encryptThenMac(), options.contains("EtM"), options);
    }
}
