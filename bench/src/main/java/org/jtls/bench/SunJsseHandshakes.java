package org.jtls.bench;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.operator.OperatorCreationException;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsAlertException;

/**
 * The JDK's SunJSSE configured for one {@link HandshakeKind} as {@link JtlsHandshakes} configures
 * jtls; {@link #handshake()} runs one complete handshake between a new client and a new server
 * {@link SSLEngine} in memory.
 *
 * <p>What the JDK 17 API cannot set per engine comes from system properties, which the benchmark
 * classes pass to their forks and this class checks: {@code jdk.tls.namedGroups=x25519,secp256r1}
 * ({@code SSLParameters.setNamedGroups} is JDK 20+), and for session-id resumption
 * {@code jdk.tls.server.enableSessionTicketExtension=false} and
 * {@code jdk.tls.client.enableSessionTicketExtension=false} (tickets are on by default in JDK 13+).
 * SunJSSE on JDK 17 has no ML-KEM, so X25519MLKEM768 is refused here.
 *
 * <p>Resumption goes through SunJSSE's own session cache: the same client {@link SSLContext} and the
 * same peer host and port for every client engine. Full handshakes create client engines without a
 * peer host (SNI is still sent), so the client looks nothing up and always starts afresh; their
 * client session cache holds one entry, as jtls's full-handshake client keeps none.
 *
 * <p>SunJSSE reports neither the group nor whether a handshake resumed, nor how; the setup reads
 * them off the unencrypted part of the handshake ({@link ClearHandshake}) and fails unless they are
 * what the kind names. During measurement, a trust manager that accepts every chain (as
 * {@code PeerVerifier.ACCEPT_ANY} does for jtls) counts the server certificates the client saw: one
 * per full handshake, none per resumed one; each iteration is checked against that count.
 */
final class SunJsseHandshakes {
    static final String NAMED_GROUPS_PROPERTY = "jdk.tls.namedGroups";
    static final String NAMED_GROUPS = "x25519,secp256r1";
    static final String SERVER_TICKETS_PROPERTY = "jdk.tls.server.enableSessionTicketExtension";
    static final String CLIENT_TICKETS_PROPERTY = "jdk.tls.client.enableSessionTicketExtension";

    private final HandshakeKind kind;
    private final SSLContext clientContext;
    private final SSLContext serverContext;
    private final SSLParameters clientParameters;
    private final SSLParameters serverParameters;
    private final CountingTrustManager trustManager = new CountingTrustManager();
    private final SslEngineHandshake inMemory;
    private int handshakesThisIteration;
    private long certificatesSeenBeforeIteration;

    /**
     * Configures both sides and checks them: for a resumed kind a full handshake first makes the
     * session; then one handshake of {@code kind} must negotiate exactly what the kind names.
     *
     * @throws IllegalStateException if a handshake negotiates anything else, or the fork lacks the
     *                               system properties above
     * @throws IllegalArgumentException for a kind SunJSSE cannot do
     */
    SunJsseHandshakes(HandshakeKind kind, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        this.kind = kind;
        if (kind.group() != NamedGroup.X25519) {
            throw new IllegalArgumentException(kind + ": SunJSSE on JDK " + Runtime.version().feature()
                    + " has no " + kind.group().displayName());
        }
        requireProperty(NAMED_GROUPS_PROPERTY, NAMED_GROUPS);
        if (kind.resumption() == HandshakeKind.Resumption.SESSION_ID) {
            requireProperty(SERVER_TICKETS_PROPERTY, "false");
            requireProperty(CLIENT_TICKETS_PROPERTY, "false");
        } else {
            requireUnset(SERVER_TICKETS_PROPERTY);
            requireUnset(CLIENT_TICKETS_PROPERTY);
        }

        ServerCredentials credentials = ServerCredentials.selfSigned(kind.serverKey(), JtlsHandshakes.SERVER_NAME,
                random);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(credentials.keyManagers(), null, random);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, new TrustManager[] {trustManager}, random);
        if (!kind.resumes()) {
            clientContext.getClientSessionContext().setSessionCacheSize(1);
        }

        String[] protocols = {kind.jsseProtocol()};
        String[] suites = {kind.cipherSuite().ianaName()};
        serverParameters = new SSLParameters(suites, protocols);
        clientParameters = new SSLParameters(suites, protocols);
        clientParameters.setServerNames(List.of(new SNIHostName(JtlsHandshakes.SERVER_NAME)));

        SSLSession sizes = serverContext.createSSLEngine().getSession();
        inMemory = new SslEngineHandshake(sizes.getPacketBufferSize(), sizes.getApplicationBufferSize());
        checkSetup();
    }

    private static void requireProperty(String name, String value) {
        if (!value.equals(System.getProperty(name))) {
            throw new IllegalStateException("this fork needs -D" + name + "=" + value + " (SunJSSE reads it once, "
                    + "at first use); it has " + System.getProperty(name));
        }
    }

    private static void requireUnset(String name) {
        if (System.getProperty(name) != null) {
            throw new IllegalStateException("this fork must leave " + name + " at its default; it has "
                    + System.getProperty(name));
        }
    }

    /** One complete handshake; returns the client's session. */
    SSLSession handshake() throws SSLException {
        SSLEngine[] engines = connect(null);
        handshakesThisIteration++;
        return engines[0].getSession();
    }

    /**
     * Fails the iteration unless the client saw a server certificate in every full handshake and in
     * no resumed one.
     */
    void checkIteration() {
        long certificates = trustManager.serverChainsChecked() - certificatesSeenBeforeIteration;
        long expected = kind.resumes() ? 0 : handshakesThisIteration;
        certificatesSeenBeforeIteration = trustManager.serverChainsChecked();
        int total = handshakesThisIteration;
        handshakesThisIteration = 0;
        if (certificates != expected) {
            throw new IllegalStateException("SunJSSE " + kind + ": the client checked " + certificates
                    + " server certificates in " + total + " handshakes, expected " + expected);
        }
    }

    /** A new client and server, handshaken; {client, server}. */
    private SSLEngine[] connect(SslEngineHandshake.Recording recording) throws SSLException {
        SSLEngine client = kind.resumes()
                ? clientContext.createSSLEngine(JtlsHandshakes.SERVER_NAME, JtlsHandshakes.SERVER_PORT)
                : clientContext.createSSLEngine();
        client.setUseClientMode(true);
        client.setSSLParameters(clientParameters);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setSSLParameters(serverParameters);
        inMemory.run(client, server, recording);
        return new SSLEngine[] {client, server};
    }

    private void checkSetup() throws SSLException, TlsAlertException {
        byte[] firstSessionId = null;
        if (kind.resumes()) {
            firstSessionId = checkHandshake(false).getId();
        }
        SSLSession measured = checkHandshake(kind.resumes());
        if (kind.resumes() && kind.version() == ProtocolVersion.TLS_1_2) {
            expect(Arrays.equals(firstSessionId, measured.getId()), "the resumed session has another id");
        }
        certificatesSeenBeforeIteration = trustManager.serverChainsChecked();
    }

    /** One recorded handshake, checked against the kind; returns the client's session. */
    private SSLSession checkHandshake(boolean expectResumed) throws SSLException, TlsAlertException {
        SslEngineHandshake.Recording recording = new SslEngineHandshake.Recording();
        long certificatesBefore = trustManager.serverChainsChecked();
        SSLEngine[] engines = connect(recording);
        for (SSLEngine engine : engines) {
            String which = engine.getUseClientMode() ? "client" : "server";
            SSLSession session = engine.getSession();
            expect(session.getProtocol().equals(kind.jsseProtocol()), which + " protocol " + session.getProtocol());
            expect(session.getCipherSuite().equals(kind.cipherSuite().ianaName()),
                    which + " suite " + session.getCipherSuite());
        }
        long certificates = trustManager.serverChainsChecked() - certificatesBefore;
        expect(certificates == (expectResumed ? 0 : 1), "the client checked " + certificates + " server certificates");

        ClearHandshake wire = ClearHandshake.read(recording);
        expect(wire.version().equals(Optional.of(kind.version())), "version on the wire " + wire.version());
        expect(wire.serverHello().cipherSuite() == kind.cipherSuite().code(), "suite on the wire");
        Optional<NamedGroup> expectedGroup = expectResumed ? kind.keyExchangeGroup() : Optional.of(kind.group());
        if (expectedGroup.isPresent()) {
            expect(wire.keyExchangeGroup().equals(expectedGroup), "group on the wire " + wire.keyExchangeGroup());
        }
        if (kind.version() == ProtocolVersion.TLS_1_3) {
            expect(wire.serverSelectedPsk() == expectResumed, "PSK selected: " + wire.serverSelectedPsk());
        } else {
            boolean resumed = !wire.serverSentCertificateInTheClear() && wire.serverEchoedSessionId();
            expect(resumed == expectResumed, (resumed ? "resumed: " : "full handshake: ") + wire);
            if (!expectResumed) {
                // TLS 1.3 encrypts the CertificateVerify; under TLS 1.2 the signature is in the clear.
                expect(wire.serverKeyExchangeSignature().equals(Optional.of(kind.serverKey().handshakeSignature())),
                        "ServerKeyExchange signed with " + wire.serverKeyExchangeSignature());
            }
        }
        if (expectResumed && kind.resumption() == HandshakeKind.Resumption.SESSION_TICKET) {
            expect(wire.clientOfferedTicket(), "the client offered no ticket");
        }
        if (expectResumed && kind.resumption() == HandshakeKind.Resumption.SESSION_ID) {
            expect(!wire.clientSupportsTickets(), "the client offered tickets");
        }
        return engines[0].getSession();
    }

    private void expect(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("SunJSSE " + kind + " (" + kind.displayName() + "): " + failure);
        }
    }

    /**
     * Accepts every server chain, as {@code PeerVerifier.ACCEPT_ANY} does for jtls, so neither client
     * validates a certificate path in the measurement; counts the chains it was shown.
     */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {
        private long serverChainsChecked;

        long serverChainsChecked() {
            return serverChainsChecked;
        }

        private void serverChain(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            serverChainsChecked++;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            serverChain(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            serverChain(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            serverChain(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the benchmark client trusts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the benchmark client trusts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the benchmark client trusts no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
