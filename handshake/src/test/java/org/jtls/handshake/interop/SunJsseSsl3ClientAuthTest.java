package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Security;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.KeyKind;
import org.jtls.handshake.interop.JsseScenarios.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SSL 3.0 client authentication against SunJSSE in both roles: an RSA client certificate and the
 * SSL 3.0 CertificateVerify (RFC 6101 §5.6.8: RSA over MD5 and SHA hashes of the handshake messages
 * with the master secret and pads), each side checking the other's signature.
 *
 * <p>SunJSSE speaks SSL 3.0 only once {@code jdk.tls.disabledAlgorithms} is cleared before its first
 * use, so this class carries the tag that {@code handshake/pom.xml} runs in a JVM of its own (see
 * {@link SunJsseLegacyVersionsTest}).
 */
@Tag("jvm-wide-security-properties")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SunJsseSsl3ClientAuthTest {
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
                        + "); run " + SunJsseSsl3ClientAuthTest.class.getSimpleName() + " in a JVM of its own");
    }

    static Stream<Case> cases() {
        return Stream.of(
                Case.of(ProtocolVersion.SSL_3_0, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, KeyKind.RSA,
                        NamedGroup.X25519, NamedGroup.SECP256R1),
                Case.of(ProtocolVersion.SSL_3_0, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, KeyKind.RSA,
                        NamedGroup.X25519),
                Case.of(ProtocolVersion.SSL_3_0, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA, KeyKind.RSA,
                        NamedGroup.FFDHE2048));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourSsl3ClientPresentsItsRsaCertificateToJsseServer(Case c) throws Exception {
        SSLEngine server = JsseScenarios.jsseServer(c, Credentials.RSA, Credentials.CLIENT_RSA);
        server.setNeedClientAuth(true);
        JsseLink link = JsseScenarios.ourClient(c, Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(Credentials.CLIENT_RSA.certifiedKey())), server);
        JsseScenarios.assertNegotiated(c, link);
        assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(),
                link.theirs().getSession().getPeerCertificates()[0].getEncoded());
        assertArrayEquals(Credentials.RSA.certificateDer(), link.ours().session().orElseThrow().peerCertificates().get(0));
        JsseScenarios.exchangeAndClose(link);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsseSsl3ClientPresentsItsRsaCertificateToOurServer(Case c) throws Exception {
        SSLEngine jsseClient = JsseScenarios.jsseClient(c, Credentials.CLIENT_RSA, Credentials.RSA);
        JsseLink link = JsseScenarios.ourServer(c, Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(Credentials.RSA.certifiedKey())).clientAuth(TlsConfig.ClientAuth.REQUIRE),
                jsseClient);
        JsseScenarios.assertNegotiated(c, link);
        assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(),
                link.ours().session().orElseThrow().peerCertificates().get(0));
        assertArrayEquals(Credentials.RSA.certificateDer(),
                link.theirs().getSession().getPeerCertificates()[0].getEncoded());
        JsseScenarios.exchangeAndClose(link);
    }
}
