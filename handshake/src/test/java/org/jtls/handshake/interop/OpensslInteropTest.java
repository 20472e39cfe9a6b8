package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.KeyKind;
import org.jtls.handshake.interop.Interop.MasterSecretLog;
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
 * Our TLS ≤ 1.2 client against {@code openssl s_server} and {@code openssl s_client} against our
 * server, on 127.0.0.1. OpenSSL reports what it negotiated: {@code s_server -www} answers
 * {@code GET /} with a page naming the cipher and the master key, {@code s_client} prints the same
 * session summary; both are compared with our {@link SessionInfo} and with the master secret our
 * key log saw.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpensslInteropTest {
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path directory;
    private static Path ffdhe2048Params;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
        ffdhe2048Params = directory.resolve("ffdhe2048.pem");
        try (PeerProcess genpkey = PeerProcess.start(List.of("openssl", "genpkey", "-genparam", "-algorithm", "DH",
                "-pkeyopt", "group:ffdhe2048", "-out", ffdhe2048Params.toString()), directory)) {
            assertEquals(0, genpkey.awaitExit(Duration.ofSeconds(10)), genpkey.describe());
        }
    }

    /**
     * One negotiation: our side offers exactly {@code suite} at {@code version} with {@code groups};
     * the openssl side gets the matching {@code -cipher} and {@code peerOptions}.
     */
    record Case(String name, ProtocolVersion version, CipherSuite suite, List<NamedGroup> groups, KeyKind key,
            List<String> peerOptions, boolean serverDhParams) {
        @Override
        public String toString() {
            return name;
        }

        boolean encryptThenMac() {
            return suite.cipher().isCbc() && !peerOptions.contains("-no_etm");
        }

        /** The options both s_server and s_client get: cipher, version, and the case's own. */
        List<String> opensslOptions() {
            List<String> options = new ArrayList<>();
            // OpenSSL 3 refuses TLS 1.0/1.1 (their MD5/SHA-1 signatures) above security level 0.
            String seclevel = version.isBefore(ProtocolVersion.TLS_1_2) ? ":@SECLEVEL=0" : "";
            options.addAll(List.of("-cipher", suite.opensslName() + seclevel));
            switch (version) {
                case TLS_1_0 -> options.add("-tls1");
                case TLS_1_1 -> options.add("-tls1_1");
                default -> { }
            }
            options.addAll(peerOptions);
            return options;
        }
    }

    private static final ProtocolVersion TLS12 = ProtocolVersion.TLS_1_2;

    static Case tls12(CipherSuite suite, KeyKind key, NamedGroup... groups) {
        return new Case(suite.opensslName(), TLS12, suite, List.of(groups), key, List.of(), false);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>(List.of(
                tls12(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, KeyKind.ECDSA_P256,
                        NamedGroup.X25519, NamedGroup.SECP256R1),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyKind.RSA, NamedGroup.X25519),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.RSA, NamedGroup.X25519),
                tls12(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.ECDSA_P256,
                        NamedGroup.SECP256R1),
                tls12(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, KeyKind.ECDSA_P384, NamedGroup.SECP384R1),
                new Case("ECDHE-ECDSA-AES128-GCM-SHA256 with an Ed25519 certificate", TLS12,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, List.of(NamedGroup.X25519),
                        KeyKind.ED25519, List.of(), false),
                new Case("ECDHE-RSA-AES128-GCM-SHA256 with an RSASSA-PSS certificate", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, List.of(NamedGroup.X25519),
                        KeyKind.RSA_PSS, List.of(), false),
                new Case("DHE-RSA-AES128-GCM-SHA256 (ffdhe2048)", TLS12,
                        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                        List.of(NamedGroup.FFDHE2048), KeyKind.RSA, List.of(), true),
                new Case("DHE-RSA-CHACHA20-POLY1305 (ffdhe2048)", TLS12,
                        CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                        List.of(NamedGroup.FFDHE2048), KeyKind.RSA, List.of(), true),
                tls12(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, NamedGroup.X25519),
                tls12(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA, NamedGroup.X25519),
                new Case("ECDHE-RSA-AES128-SHA with encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.X25519), KeyKind.RSA,
                        List.of(), false),
                new Case("ECDHE-RSA-AES128-SHA without encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.X25519), KeyKind.RSA,
                        List.of("-no_etm"), false),
                tls12(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, KeyKind.RSA, NamedGroup.X25519),
                new Case("ECDHE-RSA-AES256-SHA384 without encrypt-then-MAC", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, List.of(NamedGroup.X25519), KeyKind.RSA,
                        List.of("-no_etm"), false),
                new Case("DHE-RSA-AES256-SHA256 (ffdhe2048)", TLS12, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,
                        List.of(NamedGroup.FFDHE2048), KeyKind.RSA, List.of(), true)));
        for (NamedGroup group : List.of(NamedGroup.X25519, NamedGroup.X448, NamedGroup.SECP256R1,
                NamedGroup.SECP384R1, NamedGroup.SECP521R1)) {
            cases.add(new Case("ECDHE-RSA-AES128-GCM-SHA256 over " + group.displayName(), TLS12,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, List.of(group), KeyKind.RSA,
                    List.of("-groups", group.displayName()), false));
        }
        for (ProtocolVersion legacy : List.of(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0)) {
            cases.add(new Case(legacy.displayName() + " ECDHE-RSA-AES128-SHA", legacy,
                    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.X25519), KeyKind.RSA,
                    List.of(), false));
            cases.add(new Case(legacy.displayName() + " ECDHE-ECDSA-AES256-SHA", legacy,
                    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, List.of(NamedGroup.SECP256R1),
                    KeyKind.ECDSA_P256, List.of(), false));
            cases.add(new Case(legacy.displayName() + " DHE-RSA-AES256-SHA (ffdhe2048)", legacy,
                    CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA, List.of(NamedGroup.FFDHE2048), KeyKind.RSA,
                    List.of(), true));
            cases.add(new Case(legacy.displayName() + " AES128-SHA without encrypt-then-MAC", legacy,
                    CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.X25519), KeyKind.RSA,
                    List.of("-no_etm"), false));
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------- our client, openssl s_server

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourClientAgainstOpensslServer(Case c) throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(c.key().credential(), directory, c.key().name());
        PeerProcess.Command command = sServer(server).add(c.opensslOptions().toArray(String[]::new))
                .addIf(c.serverDhParams(), "-dhparam", ffdhe2048Params.toString());
        MasterSecretLog keyLog = new MasterSecretLog();
        TlsConfig config = Interop.config(c.version(), c.suite(), c.groups()).keyLog(keyLog).build();

        ClientRun run = runClient(command, config, "localhost");

        SessionInfo session = run.session();
        assertEquals(c.version(), session.version());
        assertEquals(c.suite(), session.cipherSuite());
        assertEquals(Interop.expectedGroup(c.suite(), c.groups()), session.group());
        assertTrue(session.extendedMasterSecret(), "OpenSSL 3 negotiates extended master secret by default");
        assertTrue(session.secureRenegotiation());
        if (c.version() == TLS12 && c.suite().keyExchange() != CipherSuite.KeyExchange.RSA) {
            Interop.assertSchemeFitsKey(c.key(), session.peerSignatureScheme().orElseThrow().code());
        }
        assertArrayEquals(c.key().credential().certificateDer(), session.peerCertificates().get(0));
        assertEquals(c.encryptThenMac(), Interop.serverHelloExtensions(run.serverBytes())
                .find(EncryptThenMac.class).isPresent(), "encrypt_then_mac in the ServerHello");
        assertOpensslReports(run.page(), c.version(), c.suite(), keyLog);
    }

    /** openssl's auto DH (no -dhparam) uses the 2048-bit MODP group of RFC 3526, not a named RFC 7919 group. */
    @Test
    void ourClientAcceptsOpensslsAutomaticDhGroup() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384;
        MasterSecretLog keyLog = new MasterSecretLog();
        ClientRun run = runClient(sServer(server).add("-cipher", suite.opensslName()),
                Interop.config(TLS12, suite, List.of(NamedGroup.FFDHE2048)).keyLog(keyLog).build(), "localhost");
        assertEquals(suite, run.session().cipherSuite());
        assertEquals(Optional.empty(), run.session().group(), "a DH group that is not one of RFC 7919's");
        assertOpensslReports(run.page(), TLS12, suite, keyLog);
    }

    @Test
    void ourClientNegotiatesAlpnWithOpensslServer() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .alpnProtocols(List.of("h2", "http/1.1")).build();
        ClientRun run = runClient(sServer(server).add("-alpn", "http/1.1"), config, "localhost");
        // We prefer h2; http/1.1 can only come from the server's choice (RFC 7301 §3.2).
        assertEquals(Optional.of("http/1.1"), run.session().applicationProtocol());
    }

    @Test
    void ourClientGetsTheSniCertificateFromOpensslServer() throws Exception {
        PemFiles.CertificateAndKey main = Interop.pem(Credentials.RSA, directory, "rsa");
        PemFiles.CertificateAndKey sni = Interop.pem(Credentials.SNI_RSA, directory, "sni");
        PeerProcess.Command command = sServer(main).add("-servername", Credentials.SNI_NAME,
                "-cert2", sni.certificate().toString(), "-key2", sni.privateKey().toString());
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519)).build();

        ClientRun named = runClient(command, config, Credentials.SNI_NAME);
        assertArrayEquals(Credentials.SNI_RSA.certificateDer(), named.session().peerCertificates().get(0));
        assertTrue(named.peerOutput().contains("Hostname in TLS extension: \"" + Credentials.SNI_NAME + "\""),
                named.peerOutput());

        ClientRun other = runClient(command, config, "other.jtls.test");
        assertArrayEquals(Credentials.RSA.certificateDer(), other.session().peerCertificates().get(0));
    }

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("tls12ClientCredentials")
    void ourClientPresentsItsCertificateToOpensslServer(String name, Credential client) throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .certificates(List.of(client.certifiedKey())).build();
        ClientRun run = runClient(sServer(server).add("-Verify", "1", "-CAfile", clientFiles.certificate().toString()),
                config, "localhost");
        assertEquals(suite, run.session().cipherSuite());
        // The -www page ends with the client's certificate in PEM when the server verified one.
        assertTrue(run.page().contains(PemFiles.pem("CERTIFICATE", client.certificateDer())), run.page());
    }

    static Stream<Arguments> tls12ClientCredentials() {
        return Stream.concat(clientCredentials(), Stream.of(Arguments.of("Ed25519", Credentials.CLIENT_ED25519)));
    }

    static Stream<Arguments> clientCredentials() {
        return Stream.of(Arguments.of("RSA", Credentials.CLIENT_RSA),
                Arguments.of("ECDSA", Credentials.CLIENT_ECDSA));
    }

    @Test
    void tls13OnlyOpensslServerRefusesOurClient() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        TlsConfig config = Interop.config(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                List.of(NamedGroup.X25519)).build();
        PeerProcess.Command command = sServer(server).add("-tls1_3");
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory)) {
            try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                    peer.port())) {
                TlsAlertException refused = assertThrows(TlsAlertException.class, connection::handshake);
                assertFalse(refused.isLocal());
                assertEquals(AlertDescription.PROTOCOL_VERSION, refused.alert());
            }
        }
    }

    // ---------------------------------------------------------------- openssl s_client, our server

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensslClientAgainstOurServer(Case c) throws Exception {
        MasterSecretLog keyLog = new MasterSecretLog();
        List<NamedGroup> groups = c.groups();
        if (c.key() == KeyKind.ECDSA_P256 && !groups.contains(NamedGroup.SECP256R1)) {
            groups = Stream.concat(groups.stream(), Stream.of(NamedGroup.SECP256R1)).toList();
        }
        TlsConfig config = Interop.config(c.version(), c.suite(), groups).keyLog(keyLog)
                .certificates(List.of(c.key().credential().certifiedKey())).build();
        ServerRun run = runServer(config, sClient().add(c.opensslOptions().toArray(String[]::new)));

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
        assertOpensslReports(run.peerStdout(), c.version(), c.suite(), keyLog);
    }

    @Test
    void opensslClientNegotiatesAlpnAndSniWithOurServer() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .alpnProtocols(List.of("http/1.1", "h2")).certificates(List.of(Credentials.RSA.certifiedKey())).build();
        ServerRun run = runServer(config, sClient().add("-alpn", "h2,http/1.1", "-servername", Credentials.SNI_NAME));
        // Server preference (RFC 7301 §3.2): the first of ours that the client offers.
        assertEquals(Optional.of("http/1.1"), run.session().applicationProtocol());
        assertEquals(Optional.of(Credentials.SNI_NAME), run.session().serverName());
        assertTrue(run.peerStdout().contains("ALPN protocol: http/1.1"), run.peerStdout());
    }

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("tls12ClientCredentials")
    void opensslClientPresentsItsCertificateToOurServer(String name, Credential client) throws Exception {
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        ServerRun run = runServer(config, sClient().add("-cert", clientFiles.certificate().toString(),
                "-key", clientFiles.privateKey().toString()));
        assertArrayEquals(client.certificateDer(), run.session().peerCertificates().get(0));
        assertTrue(run.session().peerSignatureScheme().isPresent(), "the client's CertificateVerify scheme");
    }

    @Test
    void ourServerRefusesOpensslClientWithoutTheRequiredCertificate() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient().add("-connect", "127.0.0.1:" + server.port()).toList(),
                        directory)) {
            TlsAlertException failure = assertThrows(TlsAlertException.class, server::await);
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, failure.alert());
            peer.awaitExit(Duration.ofSeconds(10));
            assertTrue(peer.output().contains("alert handshake failure"), peer.describe());
        }
    }

    @Test
    void ourServerRequestingACertificateAcceptsOpensslClientWithout() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUEST).build();
        ServerRun run = runServer(config, sClient());
        assertEquals(List.of(), run.session().peerCertificates());
    }

    /** Our default configuration against s_server's and s_client's defaults (which would prefer TLS 1.3). */
    @Test
    void defaultsMeetOpensslDefaults() throws Exception {
        // Both sides default to TLS 1.3; openssl 3.0 has no ML-KEM, so our X25519 share is used.
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.ECDSA_P256, directory, "ECDSA_P256");
        ClientRun asClient = runClient(sServer(server), Interop.defaults().build(), "localhost");
        assertEquals(ProtocolVersion.TLS_1_3, asClient.session().version());
        assertEquals(Optional.of(NamedGroup.X25519), asClient.session().group());
        assertTrue(asClient.page().contains("TLSv1.3"), asClient.page());
        assertTrue(asClient.page().contains(asClient.session().cipherSuite().ianaName()), asClient.page());

        ServerRun asServer = runServer(Interop.defaults()
                .certificates(List.of(Credentials.ECDSA_P256.certifiedKey())).build(), sClient());
        assertEquals(ProtocolVersion.TLS_1_3, asServer.session().version());
        // Server preference: the first of our default TLS 1.3 suites.
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, asServer.session().cipherSuite());
        assertEquals(Optional.of(NamedGroup.X25519), asServer.session().group());
        assertTrue(asServer.peerStdout().contains("TLSv1.3"), asServer.peerStdout());
    }

    // ---------------------------------------------------------------- before TLS 1.2

    private static final Case TLS11_CLIENT_AUTH = new Case("TLS 1.1 ECDHE-RSA-AES128-SHA", ProtocolVersion.TLS_1_1,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.X25519, NamedGroup.SECP256R1),
            KeyKind.RSA, List.of(), false);
    private static final Case TLS10_CLIENT_AUTH = new Case("TLS 1.0 ECDHE-RSA-AES128-SHA", ProtocolVersion.TLS_1_0,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, List.of(NamedGroup.X25519, NamedGroup.SECP256R1),
            KeyKind.RSA, List.of(), false);

    /** Before TLS 1.2, CertificateVerify signs MD5+SHA-1 with RSA keys and SHA-1 with ECDSA keys. */
    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("clientCredentials")
    void ourClientPresentsItsCertificateInTls11(String name, Credential client) throws Exception {
        Case c = TLS11_CLIENT_AUTH;
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        TlsConfig config = Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(client.certifiedKey())).build();
        ClientRun run = runClient(sServer(server).add(c.opensslOptions().toArray(String[]::new))
                .add("-Verify", "1", "-CAfile", clientFiles.certificate().toString()), config, "localhost");
        assertEquals(c.version(), run.session().version());
        assertTrue(run.page().contains(PemFiles.pem("CERTIFICATE", client.certificateDer())), run.page());
    }

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("clientCredentials")
    void opensslClientPresentsItsCertificateInTls10(String name, Credential client) throws Exception {
        Case c = TLS10_CLIENT_AUTH;
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + name);
        TlsConfig config = Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        ServerRun run = runServer(config, sClient().add(c.opensslOptions().toArray(String[]::new))
                .add("-cert", clientFiles.certificate().toString(), "-key", clientFiles.privateKey().toString()));
        assertEquals(c.version(), run.session().version());
        assertArrayEquals(client.certificateDer(), run.session().peerCertificates().get(0));
        assertEquals(Optional.empty(), run.session().peerSignatureScheme(), "no signature scheme before TLS 1.2");
    }

    @Test
    void ourClientSettlesOnTheHighestVersionAnOpensslServerAllows() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        MasterSecretLog keyLog = new MasterSecretLog();
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519)).keyLog(keyLog)
                .versions(List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0)).build();
        ClientRun run = runClient(sServer(server).add("-tls1_1", "-cipher", suite.opensslName() + ":@SECLEVEL=0"),
                config, "localhost");
        assertEquals(ProtocolVersion.TLS_1_1, run.session().version());
        assertOpensslReports(run.page(), ProtocolVersion.TLS_1_1, suite, keyLog);
    }

    /** RFC 7507 §3: a server that supports a higher version refuses a fallback retry. */
    @Test
    void opensslServerRefusesOurFallbackRetry() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig config = Interop.config(ProtocolVersion.TLS_1_1, suite, List.of(NamedGroup.X25519))
                .sendFallbackScsv(true).build();
        PeerProcess.Command command = sServer(server).add("-cipher", suite.opensslName() + ":@SECLEVEL=0");
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory)) {
            try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, "localhost"),
                    peer.port())) {
                TlsAlertException refused = assertThrows(TlsAlertException.class, connection::handshake);
                assertFalse(refused.isLocal());
                assertEquals(AlertDescription.INAPPROPRIATE_FALLBACK, refused.alert());
            }
        }
    }

    @Test
    void ourServerRefusesOpensslFallbackRetry() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .versions(List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1))
                .certificates(List.of(Credentials.RSA.certifiedKey())).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient().add("-connect", "127.0.0.1:" + server.port(),
                        "-tls1_1", "-fallback_scsv", "-cipher", suite.opensslName() + ":@SECLEVEL=0").toList(),
                        directory)) {
            TlsAlertException refused = assertThrows(TlsAlertException.class, server::await);
            assertTrue(refused.isLocal());
            assertEquals(AlertDescription.INAPPROPRIATE_FALLBACK, refused.alert());
            peer.awaitExit(Duration.ofSeconds(10));
            assertTrue(peer.output().contains("alert inappropriate fallback"), peer.describe());
        }
    }

    /**
     * RSA key exchange after a version fallback: the pre-master secret carries the highest version
     * the client offered, not the one negotiated (RFC 5246 §7.4.7.1), and the server checks it.
     */
    @Test
    void rsaPremasterSecretCarriesTheOfferedVersionWithOpensslServer() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        MasterSecretLog keyLog = new MasterSecretLog();
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519)).keyLog(keyLog)
                .versions(List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0)).build();
        ClientRun run = runClient(sServer(server).add("-tls1", "-cipher", suite.opensslName() + ":@SECLEVEL=0"),
                config, "localhost");
        assertEquals(ProtocolVersion.TLS_1_0, run.session().version());
        assertOpensslReports(run.page(), ProtocolVersion.TLS_1_0, suite, keyLog);
    }

    @Test
    void rsaPremasterSecretCarriesTheOfferedVersionWithOpensslClient() throws Exception {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        MasterSecretLog keyLog = new MasterSecretLog();
        TlsConfig config = Interop.config(ProtocolVersion.TLS_1_0, suite, List.of(NamedGroup.X25519)).keyLog(keyLog)
                .certificates(List.of(Credentials.RSA.certifiedKey())).build();
        // s_client offers up to TLS 1.3; ClientHello.legacy_version is TLS 1.2, and so is the secret's version.
        ServerRun run = runServer(config, sClient().add("-cipher", suite.opensslName() + ":@SECLEVEL=0"));
        assertEquals(ProtocolVersion.TLS_1_0, run.session().version());
        assertOpensslReports(run.peerStdout(), ProtocolVersion.TLS_1_0, suite, keyLog);
    }

    // ---------------------------------------------------------------- signature schemes

    static Stream<Arguments> serverSignatureSchemes() {
        return Stream.of(
                Arguments.of("RSA+SHA512", KeyKind.RSA, SignatureScheme.RSA_PKCS1_SHA512),
                Arguments.of("RSA+SHA1", KeyKind.RSA, SignatureScheme.RSA_PKCS1_SHA1),
                Arguments.of("rsa_pss_rsae_sha384", KeyKind.RSA, SignatureScheme.RSA_PSS_RSAE_SHA384),
                Arguments.of("ECDSA+SHA384", KeyKind.ECDSA_P256, SignatureScheme.ECDSA_SECP384R1_SHA384),
                Arguments.of("ECDSA+SHA1", KeyKind.ECDSA_P256, SignatureScheme.ECDSA_SHA1),
                Arguments.of("ed25519", KeyKind.ED25519, SignatureScheme.ED25519));
    }

    /** openssl's -sigalgs limits what it offers (as a client) or signs with (as a server). */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("serverSignatureSchemes")
    void serverSignatureFollowsTheOfferedSchemes(String opensslSigalgs, KeyKind key, SignatureScheme expected)
            throws Exception {
        CipherSuite suite = key == KeyKind.RSA ? CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                : CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);
        List<SignatureScheme> all = List.of(SignatureScheme.values());
        // Our client offers every scheme; s_server may sign only with the one named.
        PemFiles.CertificateAndKey server = Interop.pem(key.credential(), directory, key.name());
        ClientRun asClient = runClient(sServer(server).add("-sigalgs", opensslSigalgs, "-cipher",
                suite.opensslName() + ":@SECLEVEL=0"), Interop.config(TLS12, suite, groups).signatureSchemes(all)
                .build(), "localhost");
        assertEquals(Optional.of(expected), asClient.session().peerSignatureScheme());
        // s_client offers only the one named; our server signs with it.
        TlsConfig serverConfig = Interop.config(TLS12, suite, groups).signatureSchemes(all)
                .certificates(List.of(key.credential().certifiedKey())).build();
        ServerRun asServer = runServer(serverConfig, sClient().add("-sigalgs", opensslSigalgs, "-cipher",
                suite.opensslName() + ":@SECLEVEL=0"));
        assertEquals(expected.code(), Interop.serverKeyExchangeScheme(asServer.serverBytes()),
                "the scheme our ServerKeyExchange names");
    }

    /** s_server -client_sigalgs narrows the CertificateRequest; our client signs with what it allows. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("clientSignatureSchemes")
    void clientCertificateVerifyFollowsTheRequestedSchemes(String opensslSigalgs, Credential client,
            SignatureScheme expected) throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        PemFiles.CertificateAndKey clientFiles = Interop.pem(client, directory, "client-" + expected.name());
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .signatureSchemes(List.of(SignatureScheme.values()))
                .certificates(List.of(client.certifiedKey())).build();
        ClientRun run = runClient(sServer(server).add("-Verify", "1", "-CAfile", clientFiles.certificate().toString(),
                "-client_sigalgs", opensslSigalgs, "-cipher", suite.opensslName() + ":@SECLEVEL=0"),
                config, "localhost");
        assertTrue(run.page().contains(PemFiles.pem("CERTIFICATE", client.certificateDer())), run.page());
        assertEquals(expected.code(), Interop.certificateVerifyScheme(run.clientBytes()),
                "the scheme our CertificateVerify names");
    }

    static Stream<Arguments> clientSignatureSchemes() {
        return Stream.of(
                Arguments.of("RSA+SHA384", Credentials.CLIENT_RSA, SignatureScheme.RSA_PKCS1_SHA384),
                Arguments.of("rsa_pss_rsae_sha512", Credentials.CLIENT_RSA, SignatureScheme.RSA_PSS_RSAE_SHA512),
                Arguments.of("ECDSA+SHA512", Credentials.CLIENT_ECDSA, SignatureScheme.ECDSA_SECP521R1_SHA512));
    }

    // ---------------------------------------------------------------- record sizes and certificate choice

    /** s_server -max_send_frag 512 splits its Certificate message over several records. */
    @Test
    void ourClientReassemblesHandshakeMessagesFromSmallRecords() throws Exception {
        PemFiles.CertificateAndKey server = Interop.pem(Credentials.RSA, directory, "rsa");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        MasterSecretLog keyLog = new MasterSecretLog();
        ClientRun run = runClient(sServer(server).add("-max_send_frag", "512"),
                Interop.config(TLS12, suite, List.of(NamedGroup.X25519)).keyLog(keyLog).build(), "localhost");
        List<Integer> sizes = Interop.recordLengths(run.serverBytes());
        assertTrue(sizes.stream().allMatch(size -> size <= 512) && sizes.size() >= 4, "record sizes " + sizes);
        assertOpensslReports(run.page(), TLS12, suite, keyLog);
    }

    /** s_client -max_send_frag 512 splits its client Certificate message over several records. */
    @Test
    void ourServerReassemblesHandshakeMessagesFromSmallRecords() throws Exception {
        PemFiles.CertificateAndKey clientFiles = Interop.pem(Credentials.CLIENT_RSA, directory, "client-RSA");
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
        TlsConfig config = Interop.config(TLS12, suite, List.of(NamedGroup.X25519))
                .certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient().add("-connect", "127.0.0.1:" + server.port(),
                        "-max_send_frag", "512", "-cert", clientFiles.certificate().toString(),
                        "-key", clientFiles.privateKey().toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(), session.peerCertificates().get(0));
            List<Integer> sizes = Interop.recordLengths(server.connection().handshakeBytesReceived());
            assertTrue(sizes.stream().allMatch(size -> size <= 512) && sizes.size() >= 4, "record sizes " + sizes);
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
    }

    /** With an RSA and an ECDSA certificate, our server presents the one the client's suites can use. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("certificateChoices")
    void ourServerPresentsTheCertificateThatFitsTheClientsSuite(CipherSuite offered, Credential expected)
            throws Exception {
        TlsConfig config = Interop.config(TLS12, offered, List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256))
                .certificates(List.of(Credentials.RSA.certifiedKey(), Credentials.ECDSA_P256.certifiedKey())).build();
        ServerRun run = runServer(config, sClient().add("-cipher", offered.opensslName()));
        assertEquals(offered, run.session().cipherSuite());
        assertTrue(run.peerStdout().contains(PemFiles.pem("CERTIFICATE", expected.certificateDer())), run.peerStdout());
    }

    static Stream<Arguments> certificateChoices() {
        return Stream.of(
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        Credentials.ECDSA_P256),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                        Credentials.RSA));
    }

    // ---------------------------------------------------------------- plumbing

    private static PeerProcess.Command sServer(PemFiles.CertificateAndKey credential) {
        return new PeerProcess.Command("openssl", "s_server", "-accept", "127.0.0.1:" + PeerProcess.PORT,
                "-cert", credential.certificate().toString(), "-key", credential.privateKey().toString(), "-www",
                // One connection, then exit: s_server flushes what it printed only when it exits.
                "-naccept", "1");
    }

    /** s_client without -brief: its session summary names the master key and the ALPN protocol. */
    private static PeerProcess.Command sClient() {
        return new PeerProcess.Command("openssl", "s_client");
    }

    record ClientRun(SessionInfo session, byte[] serverBytes, byte[] clientBytes, String page, String peerOutput) {
    }

    /** Starts s_server, connects our client, sends GET / and reads the page until the server closes. */
    private static ClientRun runClient(PeerProcess.Command command, TlsConfig config, String serverName)
            throws Exception {
        try (PeerProcess peer = PeerProcess.listen(command, "ACCEPT", directory)) {
            try (SocketTlsConnection connection = SocketTlsConnection.connect(TlsEngine.client(config, serverName),
                    peer.port())) {
                SessionInfo session = connection.handshake();
                connection.write(HTTP_GET);
                String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
                assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
                connection.close();
                assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
                return new ClientRun(session, connection.handshakeBytesReceived(), connection.handshakeBytesSent(),
                        page, peer.output());
            }
        }
    }

    record ServerRun(SessionInfo session, byte[] serverBytes, String peerStdout) {
    }

    /** Starts our echo server, runs s_client against it, sends {@link Interop#PING} and expects it back. */
    private static ServerRun runServer(TlsConfig config, PeerProcess.Command sClient) throws Exception {
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(sClient.add("-connect", "127.0.0.1:" + server.port()).toList(),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            SessionInfo session = server.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            String stdout = peer.stdout();
            assertTrue(stdout.contains(Interop.PING), "the echo came back\n" + peer.describe());
            return new ServerRun(session, server.connection().handshakeBytesSent(), stdout);
        }
    }

    /** The session summary s_client prints and the s_server -www page both contain. */
    private static void assertOpensslReports(String page, ProtocolVersion version, CipherSuite suite,
            MasterSecretLog keyLog) {
        // SSL_SESSION_print's lines; "New, ..., Cipher is" names the suite's first version, not the session's.
        assertTrue(page.contains("Protocol  : " + version.opensslName() + "\n"), page);
        assertTrue(page.contains("Cipher    : " + suite.opensslName() + "\n"), page);
        assertTrue(page.contains("Extended master secret: yes"), page);
        assertTrue(page.contains("Master-Key: " + keyLog.masterSecretHex()), "same master secret\n" + page);
    }
}
