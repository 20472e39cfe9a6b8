package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.KeyKind;

/** The conversations the SunJSSE interop tests hold, in both directions. */
final class JsseScenarios {
    private static final byte[] REQUEST =
            "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private JsseScenarios() {
    }

    /** One negotiation: both sides allow exactly {@code suite} at {@code version}. */
    record Case(String name, ProtocolVersion version, CipherSuite suite, List<NamedGroup> groups, KeyKind key) {
        @Override
        public String toString() {
            return name;
        }

        static Case of(ProtocolVersion version, CipherSuite suite, KeyKind key, NamedGroup... groups) {
            String name = (version == ProtocolVersion.TLS_1_2 ? "" : version.displayName() + " ") + suite.ianaName();
            return new Case(name, version, suite, List.of(groups), key);
        }
    }

    /**
     * A SunJSSE server that presents {@code serverKey} and, if {@code trustedClient} is set, requires
     * a client certificate.
     */
    static SSLEngine jsseServer(Case c, Credential serverKey, Credential trustedClient) throws Exception {
        SSLEngine engine = JsseLink.context(serverKey, trustedClient).createSSLEngine();
        engine.setUseClientMode(false);
        restrict(engine, c);
        if (trustedClient != null) {
            engine.setNeedClientAuth(true);
        }
        return engine;
    }

    /** A SunJSSE client that trusts {@code trustedServer} and presents {@code clientKey} when asked (if set). */
    static SSLEngine jsseClient(Case c, Credential clientKey, Credential trustedServer) throws Exception {
        SSLEngine engine = JsseLink.context(clientKey, trustedServer).createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        restrict(engine, c);
        return engine;
    }

    private static void restrict(SSLEngine engine, Case c) {
        engine.setEnabledProtocols(new String[] {c.version().opensslName()});
        // Groups stay SunJSSE's defaults (JDK 17 sets them only JVM-wide, jdk.tls.namedGroups); our
        // side offers or accepts only the case's groups, which decides the group either way.
        engine.setEnabledCipherSuites(new String[] {c.suite().ianaName()});
    }

    /** Our client, configured for the case, linked to {@code jsseServer}; handshake done. */
    static JsseLink ourClient(Case c, TlsConfig.Builder config, SSLEngine jsseServer) throws Exception {
        JsseLink link = new JsseLink(TlsEngine.client(config.build(), "localhost"), jsseServer);
        link.handshake();
        return link;
    }

    /** Our server, configured for the case, linked to {@code jsseClient}; handshake done. */
    static JsseLink ourServer(Case c, TlsConfig.Builder config, SSLEngine jsseClient) throws Exception {
        JsseLink link = new JsseLink(TlsEngine.server(config.build()), jsseClient);
        link.handshake();
        return link;
    }

    /** Both views of the session agree with the case. */
    static void assertNegotiated(Case c, JsseLink link) {
        SessionInfo ours = link.ours().session().orElseThrow();
        SSLSession theirs = link.theirs().getSession();
        assertEquals(c.version(), ours.version());
        assertEquals(c.suite(), ours.cipherSuite());
        assertEquals(Interop.expectedGroup(c.suite(), c.groups()), ours.group());
        // SunJSSE uses RFC 7627 from TLS 1.0 on (jdk.tls.useExtendedMasterSecret defaults to true).
        assertEquals(c.version() != ProtocolVersion.SSL_3_0, ours.extendedMasterSecret());
        assertEquals(c.version().opensslName(), theirs.getProtocol());
        // SunJSSE still names a few old suites SSL_* (SSL_RSA_WITH_3DES_EDE_CBC_SHA).
        assertEquals(c.suite().ianaName(), theirs.getCipherSuite().replaceFirst("^SSL_", "TLS_"));
    }

    /** A request from the client, a 40 kB response from the server, and a clean close from our side. */
    static void exchangeAndClose(JsseLink link) throws Exception {
        byte[] response = new byte[40_000];
        Interop.RANDOM.nextBytes(response);
        boolean oursIsClient = link.ours().role() == org.jtls.handshake.Role.CLIENT;
        if (oursIsClient) {
            assertArrayEquals(REQUEST, link.sendFromOurs(REQUEST));
            assertArrayEquals(response, link.sendFromTheirs(response));
        } else {
            assertArrayEquals(REQUEST, link.sendFromTheirs(REQUEST));
            assertArrayEquals(response, link.sendFromOurs(response));
        }
        assertTrue(link.closeFromOurs(), "close_notify in both directions");
    }

    /** A full run of the case with our side as the client. */
    static JsseLink ourClientRun(Case c) throws Exception {
        JsseLink link = ourClient(c, Interop.config(c.version(), c.suite(), c.groups()),
                jsseServer(c, c.key().credential(), null));
        assertNegotiated(c, link);
        exchangeAndClose(link);
        return link;
    }

    /** A full run of the case with our side as the server. */
    static JsseLink ourServerRun(Case c) throws Exception {
        Credential credential = c.key().credential();
        JsseLink link = ourServer(c, Interop.config(c.version(), c.suite(), c.groups())
                .certificates(List.of(credential.certifiedKey())), jsseClient(c, null, credential));
        assertNegotiated(c, link);
        exchangeAndClose(link);
        return link;
    }
}
