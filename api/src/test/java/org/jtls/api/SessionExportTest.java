package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jtls.api.DrivenPeers.Drive;
import org.jtls.api.DrivenPeers.ServerView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session exported from one socket ({@code sslConfiguration().sessionTicket()}) and resumed in
 * another through a configuration built with {@code sessionTicket(bytes)}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionExportTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = DrivenPeers.WAIT;

    private DrivenPeers peers;

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    static Stream<Arguments> protocolsAndDrives() {
        return Stream.of(SslProtocol.TLS_V1_2, SslProtocol.TLS_V1_3)
                .flatMap(protocol -> Stream.of(Drive.values()).map(drive -> Arguments.of(protocol, drive)));
    }

    private static SslConfiguration persisting(SslProtocol protocol) {
        return PKI.clientTrustingCa().toBuilder().protocol(protocol)
                .sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false).build();
    }

    /** One connection through the echo server; returns the client after it has closed. */
    private SslSocket connectOnce(SslConfiguration client, SslConfiguration server, boolean[] serverResumed)
            throws Exception {
        Future<ServerView> served = peers.accept(server, List.of(), DrivenPeers.ECHO);
        SslSocket socket = peers.connect(client, "localhost");
        assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
        socket.write("data\n");
        assertArrayEquals("data\n".getBytes(), DrivenPeers.readExactly(socket, 5));
        socket.disconnectFromHost();
        DrivenPeers.awaitUnconnected(socket);
        ServerView view = LoopbackServer.result(served);
        assertTrue(view.encrypted());
        if (serverResumed != null) {
            serverResumed[0] = view.resumed();
        }
        return socket;
    }

    @ParameterizedTest
    @MethodSource("protocolsAndDrives")
    void aSessionExportedFromOneSocketResumesInANewOneBuiltFromTheBytes(SslProtocol protocol, Drive drive)
            throws Exception {
        peers = new DrivenPeers(drive);
        SslConfiguration server = PKI.server.serverConfiguration();
        boolean[] serverResumed = new boolean[1];
        SslSocket first = connectOnce(persisting(protocol), server, serverResumed);
        assertFalse(first.isSessionResumed());
        assertFalse(serverResumed[0]);
        byte[] exported = first.sslConfiguration().sessionTicket();
        assertTrue(exported.length > 0, "the session is exported after the connection closed");
        if (protocol == SslProtocol.TLS_V1_3) {
            assertTrue(first.sslConfiguration().sessionTicketLifeTimeHint() > 0, "TLS 1.3 tickets carry a lifetime");
        }

        SslConfiguration resuming = SslConfiguration.builder().caCertificates(List.of(PKI.ca.certificate()))
                .protocol(protocol).sessionTicket(exported).build();
        SslSocket second = connectOnce(resuming, server, serverResumed);
        assertTrue(second.isSessionResumed(), "the client resumed");
        assertTrue(serverResumed[0], "the server resumed");
        assertEquals(protocol, second.sessionProtocol());
        assertEquals(PKI.server.certificate(), second.peerCertificate().orElseThrow(),
                "a resumed session remembers the server's certificate");
        assertEquals(List.of(), second.sslHandshakeErrors());
    }

    @ParameterizedTest
    @EnumSource(value = SslProtocol.class, names = {"TLS_V1_2", "TLS_V1_3"})
    void aResumedSessionCanBeExportedAndResumedAgain(SslProtocol protocol) throws Exception {
        peers = new DrivenPeers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration();
        byte[] ticket = connectOnce(persisting(protocol), server, null).sslConfiguration().sessionTicket();
        SslSocket second = connectOnce(persisting(protocol).withSessionTicket(ticket), server, null);
        assertTrue(second.isSessionResumed());
        byte[] again = second.sslConfiguration().sessionTicket();
        assertTrue(again.length > 0);
        SslSocket third = connectOnce(persisting(protocol).withSessionTicket(again), server, null);
        assertTrue(third.isSessionResumed());
    }

    @ParameterizedTest
    @EnumSource(value = SslProtocol.class, names = {"TLS_V1_2", "TLS_V1_3"})
    void aTicketAnotherServerCannotOpenFallsBackToAFullHandshake(SslProtocol protocol) throws Exception {
        peers = new DrivenPeers(Drive.BLOCKING);
        byte[] ticket = connectOnce(persisting(protocol), PKI.server.serverConfiguration(), null).sslConfiguration()
                .sessionTicket();
        // A new server configuration has its own ticket keys and session cache.
        boolean[] serverResumed = new boolean[1];
        SslSocket other = connectOnce(persisting(protocol).withSessionTicket(ticket), PKI.server.serverConfiguration(),
                serverResumed);
        assertTrue(other.isEncrypted());
        assertFalse(other.isSessionResumed());
        assertFalse(serverResumed[0]);
        assertEquals(PKI.server.certificate(), other.peerCertificate().orElseThrow());
    }

    @Test
    void aTls13TicketOfferedByATls12OnlyClientIsNotUsed() throws Exception {
        peers = new DrivenPeers(Drive.BLOCKING);
        SslConfiguration server = PKI.server.serverConfiguration();
        byte[] ticket = connectOnce(persisting(SslProtocol.TLS_V1_3), server, null).sslConfiguration().sessionTicket();
        SslSocket downgraded = connectOnce(persisting(SslProtocol.TLS_V1_2).withSessionTicket(ticket), server, null);
        assertEquals(SslProtocol.TLS_V1_2, downgraded.sessionProtocol());
        assertFalse(downgraded.isSessionResumed());
    }

    @Test
    void bytesThatAreNotASessionAreRefusedWhenTheConfigurationIsBuilt() throws Exception {
        peers = new DrivenPeers(Drive.BLOCKING);
        byte[] ticket = connectOnce(persisting(SslProtocol.TLS_V1_3), PKI.server.serverConfiguration(), null)
                .sslConfiguration().sessionTicket();

        byte[] garbage = new byte[ticket.length];
        TestPki.RANDOM.nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SslConfiguration.builder().sessionTicket(garbage));
        assertTrue(refused.getMessage().startsWith("not a jtls session encoding"), refused.getMessage());

        byte[] truncated = Arrays.copyOf(ticket, ticket.length / 2);
        assertThrows(IllegalArgumentException.class, () -> SslConfiguration.builder().sessionTicket(truncated));
        byte[] extended = Arrays.copyOf(ticket, ticket.length + 1);
        assertThrows(IllegalArgumentException.class, () -> SslConfiguration.builder().sessionTicket(extended));
        assertThrows(IllegalArgumentException.class,
                () -> PKI.clientTrustingCa().withSessionTicket(new byte[] {1, 2, 3}));

        // The intact bytes are accepted, and empty bytes mean "no session".
        assertArrayEquals(ticket, SslConfiguration.builder().sessionTicket(ticket).build().sessionTicket());
        assertTrue(SslConfiguration.builder().sessionTicket(new byte[0]).build().resumptionSession().isEmpty());
    }
}
