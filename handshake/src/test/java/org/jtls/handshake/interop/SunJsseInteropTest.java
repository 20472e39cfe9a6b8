package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.KeyKind;
import org.jtls.handshake.interop.JsseScenarios.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLS 1.2 client and server against the JDK's SunJSSE {@link SSLEngine}, in process, with the
 * JDK's default security properties. TLS 1.1, 1.0 and SSL 3.0, which need those properties
 * relaxed, are in {@link SunJsseLegacyVersionsTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SunJsseInteropTest {
    private static final ProtocolVersion TLS12 = ProtocolVersion.TLS_1_2;

    static Stream<Case> cases() {
        NamedGroup x25519 = NamedGroup.X25519;
        NamedGroup p256 = NamedGroup.SECP256R1;
        NamedGroup ffdhe2048 = NamedGroup.FFDHE2048;
        return Stream.of(
                Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, x25519),
                new Case("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 with an RSASSA-PSS certificate", TLS12,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, List.of(x25519), KeyKind.RSA_PSS),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyKind.RSA, NamedGroup.X448),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.RSA, p256),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, KeyKind.RSA, NamedGroup.SECP384R1),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, KeyKind.RSA, NamedGroup.SECP521R1),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, KeyKind.ECDSA_P256, x25519, p256),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.ECDSA_P256, p256),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, KeyKind.ECDSA_P384,
                        NamedGroup.SECP384R1),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, KeyKind.ECDSA_P256, p256),
                new Case("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 with an Ed25519 certificate", TLS12,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, List.of(x25519), KeyKind.ED25519),
                Case.of(TLS12, CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, ffdhe2048),
                Case.of(TLS12, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, KeyKind.RSA, NamedGroup.FFDHE3072),
                Case.of(TLS12, CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, KeyKind.RSA, ffdhe2048),
                Case.of(TLS12, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256, KeyKind.RSA, ffdhe2048),
                Case.of(TLS12, CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA, KeyKind.RSA, ffdhe2048),
                Case.of(TLS12, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, x25519),
                Case.of(TLS12, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, KeyKind.RSA, x25519),
                Case.of(TLS12, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, KeyKind.RSA, x25519),
                Case.of(TLS12, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA, x25519));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourClientAgainstJsseServer(Case c) throws Exception {
        JsseScenarios.ourClientRun(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsseClientAgainstOurServer(Case c) throws Exception {
        JsseScenarios.ourServerRun(c);
    }

    static Stream<Arguments> tls12ClientCredentials() {
        return Stream.concat(clientCredentials(), Stream.of(Arguments.of("Ed25519", Credentials.CLIENT_ED25519)));
    }

    static Stream<Arguments> clientCredentials() {
        return Stream.of(Arguments.of("RSA", Credentials.CLIENT_RSA), Arguments.of("ECDSA", Credentials.CLIENT_ECDSA));
    }

    private static final Case CLIENT_AUTH = Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            KeyKind.RSA, NamedGroup.X25519, NamedGroup.SECP256R1);

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("tls12ClientCredentials")
    void ourClientPresentsItsCertificateToJsseServer(String name, Credential client) throws Exception {
        SSLEngine server = JsseScenarios.jsseServer(CLIENT_AUTH, Credentials.RSA, client);
        JsseLink link = JsseScenarios.ourClient(CLIENT_AUTH, Interop.config(TLS12, CLIENT_AUTH.suite(),
                CLIENT_AUTH.groups()).certificates(List.of(client.certifiedKey())), server);
        JsseScenarios.assertNegotiated(CLIENT_AUTH, link);
        assertArrayEquals(client.certificateDer(), link.theirs().getSession().getPeerCertificates()[0].getEncoded());
        JsseScenarios.exchangeAndClose(link);
    }

    @ParameterizedTest(name = "{0} client certificate")
    @MethodSource("tls12ClientCredentials")
    void jsseClientPresentsItsCertificateToOurServer(String name, Credential client) throws Exception {
        SSLEngine jsseClient = JsseScenarios.jsseClient(CLIENT_AUTH, client, Credentials.RSA);
        JsseLink link = JsseScenarios.ourServer(CLIENT_AUTH, Interop.config(TLS12, CLIENT_AUTH.suite(),
                CLIENT_AUTH.groups()).certificates(List.of(Credentials.RSA.certifiedKey()))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE), jsseClient);
        JsseScenarios.assertNegotiated(CLIENT_AUTH, link);
        assertArrayEquals(client.certificateDer(), link.ours().session().orElseThrow().peerCertificates().get(0));
        assertTrue(link.ours().session().orElseThrow().peerSignatureScheme().isPresent());
        JsseScenarios.exchangeAndClose(link);
    }

    private static final Case ALPN = Case.of(TLS12, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyKind.RSA,
            NamedGroup.X25519);

    @Test
    void ourClientNegotiatesAlpnAndSniWithJsseServer() throws Exception {
        SSLEngine server = JsseScenarios.jsseServer(ALPN, Credentials.RSA, null);
        SSLParameters parameters = server.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        server.setSSLParameters(parameters);
        JsseLink link = new JsseLink(TlsEngine.client(Interop.config(TLS12, ALPN.suite(), ALPN.groups())
                .alpnProtocols(List.of("h2", "http/1.1")).build(), Credentials.SNI_NAME), server);
        link.handshake();
        JsseScenarios.assertNegotiated(ALPN, link);
        assertEquals(Optional.of("http/1.1"), link.ours().session().orElseThrow().applicationProtocol());
        assertEquals("http/1.1", server.getApplicationProtocol());
        assertEquals(List.of(new SNIHostName(Credentials.SNI_NAME)),
                ((ExtendedSSLSession) server.getSession()).getRequestedServerNames());
        JsseScenarios.exchangeAndClose(link);
    }

    @Test
    void jsseClientNegotiatesAlpnAndSniWithOurServer() throws Exception {
        SSLEngine client = JsseScenarios.jsseClient(ALPN, null, Credentials.RSA);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        parameters.setServerNames(List.of(new SNIHostName(Credentials.SNI_NAME)));
        client.setSSLParameters(parameters);
        JsseLink link = JsseScenarios.ourServer(ALPN, Interop.config(TLS12, ALPN.suite(), ALPN.groups())
                .alpnProtocols(List.of("http/1.1", "h2")).certificates(List.of(Credentials.RSA.certifiedKey())),
                client);
        JsseScenarios.assertNegotiated(ALPN, link);
        assertEquals(Optional.of("http/1.1"), link.ours().session().orElseThrow().applicationProtocol());
        assertEquals("http/1.1", client.getApplicationProtocol());
        assertEquals(Optional.of(Credentials.SNI_NAME), link.ours().session().orElseThrow().serverName());
        JsseScenarios.exchangeAndClose(link);
    }

    /**
     * Values that are short one time in 256 (a DH shared secret or an ECDH x-coordinate with a
     * leading zero byte, an RSA ciphertext or signature below 2^(8(k-1))) must still be encoded at
     * their full length, or stripped where RFC 5246 §8.1.2 says so. 100 handshakes each way meet such
     * a value with a probability of about 1 - (255/256)^200 = 54% per run, so a wrong encoding shows
     * up within a few runs rather than as a rare failure in the field.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rareEncodingCases")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void manyHandshakesMeetShortValues(Case c) throws Exception {
        for (int i = 0; i < REPEATED_HANDSHAKES; i++) {
            JsseLink asClient = JsseScenarios.ourClient(c, Interop.config(c.version(), c.suite(), c.groups()),
                    JsseScenarios.jsseServer(c, c.key().credential(), null));
            JsseScenarios.assertNegotiated(c, asClient);
            Credential credential = c.key().credential();
            JsseLink asServer = JsseScenarios.ourServer(c, Interop.config(c.version(), c.suite(), c.groups())
                    .certificates(List.of(credential.certifiedKey())), JsseScenarios.jsseClient(c, null, credential));
            JsseScenarios.assertNegotiated(c, asServer);
        }
    }

    private static final int REPEATED_HANDSHAKES = 100;

    static Stream<Case> rareEncodingCases() {
        return Stream.of(
                Case.of(TLS12, CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, NamedGroup.FFDHE2048),
                Case.of(TLS12, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, KeyKind.ECDSA_P256,
                        NamedGroup.SECP256R1),
                Case.of(TLS12, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, KeyKind.RSA, NamedGroup.X25519));
    }

    /** Our default configuration against SunJSSE's defaults (which would prefer TLS 1.3). */
    @Test
    void defaultsMeetJsseDefaults() throws Exception {
        SSLEngine server = JsseLink.context(Credentials.ECDSA_P256, null).createSSLEngine();
        server.setUseClientMode(false);
        JsseLink asClient = new JsseLink(TlsEngine.client(Interop.defaults().build(), "localhost"), server);
        asClient.handshake();
        // Both sides default to TLS 1.3 (JDK 17 has no ML-KEM: our X25519 share is used).
        assertEquals(ProtocolVersion.TLS_1_3, asClient.ours().session().orElseThrow().version());
        assertEquals("TLSv1.3", server.getSession().getProtocol());
        assertEquals(server.getSession().getCipherSuite(),
                asClient.ours().session().orElseThrow().cipherSuite().ianaName());
        JsseScenarios.exchangeAndClose(asClient);

        SSLEngine client = JsseLink.context(null, Credentials.ECDSA_P256).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        JsseLink asServer = new JsseLink(TlsEngine.server(Interop.defaults()
                .certificates(List.of(Credentials.ECDSA_P256.certifiedKey())).build()), client);
        asServer.handshake();
        assertEquals(ProtocolVersion.TLS_1_3, asServer.ours().session().orElseThrow().version());
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256.ianaName(), client.getSession().getCipherSuite());
        JsseScenarios.exchangeAndClose(asServer);
    }
}
