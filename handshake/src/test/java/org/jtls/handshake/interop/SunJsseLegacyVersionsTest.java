package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.KeyKind;
import org.jtls.handshake.interop.JsseScenarios.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.1, TLS 1.0 and SSL 3.0 against SunJSSE, the only peer here that still speaks SSL 3.0.
 *
 * <p>The JDK disables these versions through the security property
 * {@code jdk.tls.disabledAlgorithms}, which SunJSSE reads once, when it is first used in a JVM. This
 * class clears the property in its static initialiser, so it must run in a JVM where nothing has
 * touched JSSE yet. {@code handshake/pom.xml} runs the tag {@code jvm-wide-security-properties} in a
 * surefire execution, and so a JVM, of its own; {@link #jsseSawTheClearedProperty} fails the class
 * with a clear message if it ever shares a JVM with earlier JSSE use.
 */
@Tag("jvm-wide-security-properties")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SunJsseLegacyVersionsTest {
    static {
        Security.setProperty("jdk.tls.disabledAlgorithms", "");
    }

    @BeforeAll
    static void jsseSawTheClearedProperty() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, Interop.RANDOM);
        List<String> enabled = List.of(context.createSSLEngine().getEnabledProtocols());
        assertTrue(enabled.contains("TLSv1"),
                "SunJSSE was initialised before jdk.tls.disabledAlgorithms was cleared (enabled: " + enabled
                        + "); run " + SunJsseLegacyVersionsTest.class.getSimpleName() + " in a JVM of its own");
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (ProtocolVersion version : List.of(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0,
                ProtocolVersion.SSL_3_0)) {
            cases.add(Case.of(version, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA,
                    NamedGroup.X25519));
            cases.add(Case.of(version, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, KeyKind.RSA, NamedGroup.X25519));
            cases.add(Case.of(version, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, KeyKind.ECDSA_P256,
                    NamedGroup.SECP256R1));
            cases.add(Case.of(version, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA,
                    NamedGroup.FFDHE2048));
            cases.add(Case.of(version, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, KeyKind.RSA, NamedGroup.X25519));
        }
        return cases.stream();
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

    /** Client certificates before TLS 1.2: CertificateVerify signs MD5+SHA-1 (RSA) or SHA-1 (ECDSA). */
    static Stream<Arguments> clientCertificateCases() {
        List<Arguments> cases = new ArrayList<>();
        for (ProtocolVersion version : List.of(ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_0)) {
            Case c = Case.of(version, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, KeyKind.RSA,
                    NamedGroup.X25519, NamedGroup.SECP256R1);
            cases.add(Arguments.of(c, "RSA", Credentials.CLIENT_RSA));
            cases.add(Arguments.of(c, "ECDSA", Credentials.CLIENT_ECDSA));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with a {1} client certificate")
    @MethodSource("clientCertificateCases")
    void ourClientPresentsItsCertificateToJsseServer(Case c, String name, Credential client) throws Exception {
        SSLEngine server = JsseScenarios.jsseServer(c, Credentials.RSA, client);
        JsseLink link = JsseScenarios.ourClient(c, Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(client.certifiedKey())), server);
        JsseScenarios.assertNegotiated(c, link);
        assertArrayEquals(client.certificateDer(), link.theirs().getSession().getPeerCertificates()[0].getEncoded());
        JsseScenarios.exchangeAndClose(link);
    }

    @ParameterizedTest(name = "{0} with a {1} client certificate")
    @MethodSource("clientCertificateCases")
    void jsseClientPresentsItsCertificateToOurServer(Case c, String name, Credential client) throws Exception {
        SSLEngine jsseClient = JsseScenarios.jsseClient(c, client, Credentials.RSA);
        JsseLink link = JsseScenarios.ourServer(c, Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(Credentials.RSA.certifiedKey())).clientAuth(TlsConfig.ClientAuth.REQUIRE),
                jsseClient);
        JsseScenarios.assertNegotiated(c, link);
        assertArrayEquals(client.certificateDer(), link.ours().session().orElseThrow().peerCertificates().get(0));
        JsseScenarios.exchangeAndClose(link);
    }

    /**
     * An SSL 3.0 client asked for a certificate answers with a no_certificate warning alert instead
     * of an empty Certificate message (RFC 6101 §5.6.6). Client certificates in SSL 3.0: see
     * {@link SunJsseSsl3ClientAuthTest}.
     */
    @Test
    void ourSsl30ClientAnswersACertificateRequestWithNoCertificate() throws Exception {
        Case c = Case.of(ProtocolVersion.SSL_3_0, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA,
                NamedGroup.X25519);
        SSLEngine server = JsseScenarios.jsseServer(c, Credentials.RSA, null);
        server.setWantClientAuth(true);
        JsseLink link = JsseScenarios.ourClient(c, Interop.config(c.version(), c.suite(), c.groups()), server);
        JsseScenarios.assertNegotiated(c, link);
        assertThrows(SSLPeerUnverifiedException.class, () -> link.theirs().getSession().getPeerCertificates());
        JsseScenarios.exchangeAndClose(link);
    }
}
