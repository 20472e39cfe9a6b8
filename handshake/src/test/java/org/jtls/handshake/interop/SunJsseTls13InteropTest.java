package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.Session;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.jtls.handshake.interop.Interop.MessageLog;
import org.jtls.handshake.message.HandshakeType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS 1.3 features beyond the plain handshake against the JDK's SunJSSE {@link SSLEngine},
 * in-process: HelloRetryRequest, ticket resumption, KeyUpdate (SunJSSE starts one from
 * {@link SSLEngine#beginHandshake} on a TLS 1.3 connection) and client certificates. SunJSSE (JDK
 * 17) has neither post-handshake authentication nor 0-RTT, and sets its groups only JVM-wide.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SunJsseTls13InteropTest {
    private static final byte[] DATA = "data under the current keys\n".getBytes(StandardCharsets.US_ASCII);

    private static TlsConfig.Builder tls13() {
        return Interop.defaults().versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static SSLEngine jsseServer(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        return engine;
    }

    private static SSLEngine jsseClient(SSLContext context) {
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        return engine;
    }

    private static void exchange(JsseLink link) throws Exception {
        assertArrayEquals(DATA, link.sendFromOurs(DATA));
        assertArrayEquals(DATA, link.sendFromTheirs(DATA));
    }

    /** SunJSSE shares X25519 first; our server accepts P-384 only and sends a HelloRetryRequest. */
    @Test
    void jsseClientRetriesWhenOurServerWantsAnotherGroup() throws Exception {
        MessageLog log = new MessageLog();
        JsseLink link = new JsseLink(TlsEngine.server(tls13().certificates(List.of(Credentials.ECDSA_P256
                .certifiedKey())).groups(List.of(NamedGroup.SECP384R1)).observer(log).build()),
                jsseClient(JsseLink.context(null, Credentials.ECDSA_P256)));
        link.handshake();
        assertEquals(Optional.of(NamedGroup.SECP384R1), link.ours().session().orElseThrow().group());
        assertEquals(2, log.receivedCount(HandshakeType.CLIENT_HELLO), "a second ClientHello after the HRR");
        exchange(link);
        assertTrue(link.closeFromOurs());
    }

    /** The other direction needs a SunJSSE server without X25519, which JDK 17 allows only JVM-wide. */
    @Test
    void ourClientRetriesWhenJsseServerWantsAnotherGroup() {
        Assumptions.abort("SunJSSE (JDK 17) restricts its groups only through the JVM-wide jdk.tls.namedGroups "
                + "(SSLParameters.setNamedGroups is JDK 20+); covered against openssl and gnutls-serv");
    }

    /** A ticket from a SunJSSE server resumes our next connection to a server of the same SSLContext. */
    @Test
    void ourClientResumesWithJsseServersTicket() throws Exception {
        SSLContext server = JsseLink.context(Credentials.ECDSA_P256, null);
        MessageLog firstLog = new MessageLog();
        JsseLink first = new JsseLink(TlsEngine.client(tls13().observer(firstLog).build(), "localhost"),
                jsseServer(server));
        first.handshake();
        exchange(first);
        Session ticket = first.ours().resumableSession().orElseThrow(() -> new AssertionError("no ticket "
                + firstLog.received));
        assertTrue(ticket.hasTicket());
        assertTrue(first.closeFromOurs());

        MessageLog log = new MessageLog();
        JsseLink second = new JsseLink(TlsEngine.client(tls13().resumptionSession(ticket).observer(log).build(),
                "localhost"), jsseServer(server));
        second.handshake();
        assertTrue(second.ours().session().orElseThrow().resumed(), "our client resumed");
        assertEquals(0, log.receivedCount(HandshakeType.CERTIFICATE), "a PSK handshake has no Certificate");
        exchange(second);
    }

    /** A SunJSSE client resumes with our server's ticket on its next engine for the same host and port. */
    @Test
    void jsseClientResumesWithOurServersTicket() throws Exception {
        SSLContext client = JsseLink.context(null, Credentials.ECDSA_P256);
        TlsConfig config = tls13().certificates(List.of(Credentials.ECDSA_P256.certifiedKey()))
                .ticketKeys(Interop.ticketKeys()).build();
        JsseLink first = new JsseLink(TlsEngine.server(config), jsseClient(client));
        first.handshake();
        exchange(first);
        assertFalse(first.ours().session().orElseThrow().resumed());
        assertTrue(first.closeFromOurs());

        JsseLink second = new JsseLink(TlsEngine.server(config), jsseClient(client));
        second.handshake();
        assertTrue(second.ours().session().orElseThrow().resumed(), "our server resumed");
        exchange(second);
    }

    /** Our KeyUpdate with update_requested: SunJSSE answers with its own, and data flows both ways. */
    @Test
    void ourClientUpdatesKeysWithJsseServer() throws Exception {
        MessageLog log = new MessageLog();
        JsseLink link = new JsseLink(TlsEngine.client(tls13().observer(log).build(), "localhost"),
                jsseServer(JsseLink.context(Credentials.ECDSA_P256, null)));
        link.handshake();
        link.ours().updateKeys(true);
        exchange(link);
        assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE));
        assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "SunJSSE answered update_requested");
        exchange(link);
    }

    /** Our server's KeyUpdate with update_requested: the SunJSSE client answers, and data flows both ways. */
    @Test
    void ourServerUpdatesKeysWithJsseClient() throws Exception {
        MessageLog log = new MessageLog();
        JsseLink link = new JsseLink(TlsEngine.server(tls13().certificates(List.of(Credentials.ECDSA_P256
                .certifiedKey())).observer(log).build()), jsseClient(JsseLink.context(null, Credentials.ECDSA_P256)));
        link.handshake();
        link.ours().updateKeys(true);
        exchange(link);
        assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE));
        assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "SunJSSE answered update_requested");
        exchange(link);
        assertTrue(link.closeFromOurs());
    }

    /** SunJSSE's beginHandshake on TLS 1.3 sends a KeyUpdate asking for ours; both keep talking. */
    @Test
    void ourServerAnswersJsseClientsKeyUpdate() throws Exception {
        MessageLog log = new MessageLog();
        JsseLink link = new JsseLink(TlsEngine.server(tls13().certificates(List.of(Credentials.ECDSA_P256
                .certifiedKey())).observer(log).build()), jsseClient(JsseLink.context(null, Credentials.ECDSA_P256)));
        link.handshake();
        exchange(link);
        link.theirs().beginHandshake();
        exchange(link);
        assertEquals(1, log.receivedCount(HandshakeType.KEY_UPDATE), "SunJSSE's KeyUpdate");
        assertEquals(1, log.sentCount(HandshakeType.KEY_UPDATE), "our answer to update_requested");
        exchange(link);
        assertTrue(link.closeFromOurs());
    }

    /** A SunJSSE server that needs a client certificate gets ours in the TLS 1.3 handshake. */
    @Test
    void ourClientPresentsItsCertificateToJsseServer() throws Exception {
        SSLEngine server = jsseServer(JsseLink.context(Credentials.ECDSA_P256, Credentials.CLIENT_ECDSA));
        server.setNeedClientAuth(true);
        JsseLink link = new JsseLink(TlsEngine.client(tls13().certificates(List.of(Credentials.CLIENT_ECDSA
                .certifiedKey())).build(), "localhost"), server);
        link.handshake();
        exchange(link);
        assertArrayEquals(Credentials.CLIENT_ECDSA.certificateDer(),
                server.getSession().getPeerCertificates()[0].getEncoded());
    }

    /** Our server requires a certificate; SunJSSE's arrives in the TLS 1.3 handshake. */
    @Test
    void jsseClientPresentsItsCertificateToOurServer() throws Exception {
        JsseLink link = new JsseLink(TlsEngine.server(tls13().certificates(List.of(Credentials.ECDSA_P256
                .certifiedKey())).clientAuth(TlsConfig.ClientAuth.REQUIRE).build()),
                jsseClient(JsseLink.context(Credentials.CLIENT_RSA, Credentials.ECDSA_P256)));
        link.handshake();
        exchange(link);
        assertArrayEquals(Credentials.CLIENT_RSA.certificateDer(),
                link.ours().session().orElseThrow().peerCertificates().get(0));
    }
}
