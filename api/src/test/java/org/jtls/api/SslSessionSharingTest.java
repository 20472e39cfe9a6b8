package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.jtls.handshake.SessionCache;
import org.jtls.handshake.TlsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client sessions shared between sockets through the client session cache, keyed by name and port. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SslSessionSharingTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 5_000;

    private LoopbackServer server;

    /** Server: handshake, read one line, echo it, close; reports whether the session was resumed. */
    private static final LoopbackServer.Handler<Boolean> ECHO_ONE_LINE = socket -> {
        if (!socket.waitForEncrypted(WAIT)) {
            throw new AssertionError("server handshake failed: " + socket.errorString());
        }
        String line = SslSocketTest.readLine(socket);
        socket.write("echo: " + line);
        socket.disconnectFromHost();
        socket.waitForDisconnected(WAIT);
        return socket.isSessionResumed();
    };

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    /** Connects to {@code port}, exchanges a line, and says whether the session was resumed. */
    private static boolean connect(SslConfiguration configuration, int port) {
        try (SslSocket socket = new SslSocket(configuration)) {
            socket.connectToHostEncrypted("127.0.0.1", port, "localhost");
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            socket.write("ping\n");
            assertEquals("echo: ping\n", SslSocketTest.readLine(socket));
            return socket.isSessionResumed();
        }
    }

    private boolean connectAndServe(LoopbackServer to, SslConfiguration client, SslConfiguration serverSide)
            throws Exception {
        Future<Boolean> served = to.accept(serverSide, ECHO_ONE_LINE);
        boolean resumed = connect(client, to.port());
        assertEquals(resumed, LoopbackServer.result(served), "both sides agree on resumption");
        return resumed;
    }

    /** A client with a cache of its own, so tests do not see each other's sessions. */
    private static SslConfiguration client(SslProtocol protocol) {
        return PKI.clientTrustingCa().toBuilder().protocol(protocol)
                .clientSessionCache(new SessionCache(16, Duration.ofHours(1), Clock.systemUTC())).build();
    }

    @Test
    void aSecondSocketToTheSameServerResumesWithTls13() throws Exception {
        SslConfiguration serverSide = PKI.server.serverConfiguration();
        SslConfiguration client = client(SslProtocol.TLS_V1_3);
        assertFalse(connectAndServe(server, client, serverSide));
        assertTrue(connectAndServe(server, client, serverSide));
        assertTrue(connectAndServe(server, client, serverSide), "the ticket received on resumption is kept too");
    }

    @Test
    void aSecondSocketToTheSameServerResumesWithTls12() throws Exception {
        SslConfiguration serverSide = PKI.server.serverConfiguration();
        SslConfiguration client = client(SslProtocol.TLS_V1_2);
        assertFalse(connectAndServe(server, client, serverSide));
        assertTrue(connectAndServe(server, client, serverSide));
        SslConfiguration noTickets = serverSide.withSslOption(SslOption.DISABLE_SESSION_TICKETS, true);
        SslConfiguration fresh = client(SslProtocol.TLS_V1_2);
        assertFalse(connectAndServe(server, fresh, noTickets));
        assertTrue(connectAndServe(server, fresh, noTickets), "session-id resumption through the cache");
    }

    @Test
    void sessionSharingCanBeSwitchedOff() throws Exception {
        SslConfiguration serverSide = PKI.server.serverConfiguration();
        for (SslProtocol protocol : List.of(SslProtocol.TLS_V1_2, SslProtocol.TLS_V1_3)) {
            SslConfiguration client = client(protocol).withSslOption(SslOption.DISABLE_SESSION_SHARING, true);
            assertFalse(connectAndServe(server, client, serverSide));
            assertFalse(connectAndServe(server, client, serverSide), protocol.toString());
            assertEquals(0, client.clientSessionCache().size(), "nothing was put in the cache");
        }
    }

    @Test
    void aSessionIsNotOfferedToAnotherPort() throws Exception {
        SslConfiguration serverSide = PKI.server.serverConfiguration();
        SslConfiguration client = client(SslProtocol.TLS_V1_3);
        try (LoopbackServer other = new LoopbackServer()) {
            assertFalse(connectAndServe(server, client, serverSide));
            assertFalse(connectAndServe(other, client, serverSide),
                    "same server keys, but the session was cached for the first port");
            assertTrue(connectAndServe(other, client, serverSide));
            assertEquals(2, client.clientSessionCache().size());
        }
    }

    @Test
    void anExplicitSessionTicketTakesPrecedence() throws Exception {
        SslConfiguration serverSide = PKI.server.serverConfiguration();
        SslConfiguration otherServerSide = PKI.server.serverConfiguration();
        SslConfiguration client = client(SslProtocol.TLS_V1_2);
        assertFalse(connectAndServe(server, client, serverSide));
        // A session from a server with other ticket keys: offered instead of the cached one, it is refused.
        SslConfiguration exporting = client(SslProtocol.TLS_V1_2).toBuilder()
                .sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false).build();
        byte[] foreign;
        try (LoopbackServer other = new LoopbackServer()) {
            Future<Boolean> served = other.accept(otherServerSide, ECHO_ONE_LINE);
            try (SslSocket socket = new SslSocket(exporting)) {
                socket.connectToHostEncrypted("127.0.0.1", other.port(), "localhost");
                assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
                socket.write("ping\n");
                SslSocketTest.readLine(socket);
                foreign = socket.sslConfiguration().sessionTicket();
            }
            LoopbackServer.result(served);
        }
        assertTrue(foreign.length > 0);
        assertFalse(connectAndServe(server, client.withSessionTicket(foreign), serverSide));
        assertTrue(connectAndServe(server, client, serverSide), "the cached session still works on its own");
    }

    @Test
    void clientsShareTheProcessWideCacheByDefault() {
        SslConfiguration first = PKI.clientTrustingCa();
        SslConfiguration second = PKI.clientTrustingCa();
        assertSame(first.clientSessionCache(), second.clientSessionCache(), "same verification settings");
        assertNotSame(first.clientSessionCache(), first.withPeerVerifyMode(PeerVerifyMode.VERIFY_NONE)
                .clientSessionCache(), "a socket that verifies nothing does not feed one that verifies");
        assertNotSame(first.clientSessionCache(), SslConfiguration.builder().caCertificates(List.of())
                .build().clientSessionCache(), "other CA certificates, other sessions");
        SessionCache own = new SessionCache(4, Duration.ofMinutes(1), Clock.systemUTC());
        assertSame(own, first.toBuilder().clientSessionCache(own).build().clientSessionCache());

        TlsConfig sharing = first.toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null);
        assertSame(first.clientSessionCache(), sharing.sessionCache());
        TlsConfig notSharing = first.withSslOption(SslOption.DISABLE_SESSION_SHARING, true)
                .toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null);
        assertNull(notSharing.sessionCache());
        assertFalse(SslConfiguration.DEFAULT_OPTIONS.contains(SslOption.DISABLE_SESSION_SHARING),
                "Qt shares sessions by default");
    }

    @Test
    void theDefaultSharedCacheResumesAcrossSockets() throws Exception {
        SslConfiguration serverSide = PKI.server.serverConfiguration();
        // No cache set: the process-wide one for these settings (this test's CA is unique to it).
        SslConfiguration client = PKI.clientTrustingCa();
        assertFalse(connectAndServe(server, client, serverSide));
        assertTrue(connectAndServe(server, PKI.clientTrustingCa(), serverSide), "a separately built configuration");
    }
}
