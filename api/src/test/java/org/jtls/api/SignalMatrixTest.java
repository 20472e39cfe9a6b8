package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.DrivenPeers.Drive;
import org.jtls.api.DrivenPeers.Recorder;
import org.jtls.api.DrivenPeers.ServerView;
import org.jtls.api.SslSocket.PeerClose;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.api.SslSocket.SocketState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every {@link SslSocketListener} signal fires in the situation its documentation names, with the
 * right arguments, for blocking and for event-driven sockets on both ends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignalMatrixTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = DrivenPeers.WAIT;

    private DrivenPeers peers;

    private DrivenPeers peers(Drive drive) throws Exception {
        peers = new DrivenPeers(drive);
        return peers;
    }

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    /** Echo "ping\n" once through the server, then close from the client. */
    private static void pingAndDisconnect(SslSocket client) {
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        client.write("ping\n");
        assertArrayEquals("ping\n".getBytes(StandardCharsets.US_ASCII), DrivenPeers.readExactly(client, 5));
        client.disconnectFromHost();
        assertTrue(DrivenPeers.awaitUnconnected(client), client.errorString());
    }

    // ---- the connection's life: hostFound, connected, stateChanged, disconnected, threads ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aConnectionRunsThroughEveryStateOnceWithHostFoundConnectedAndDisconnectedInPlace(Drive drive)
            throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        pingAndDisconnect(client);
        LoopbackServer.result(served);

        List<String> lifecycle = recorder.signals().stream().filter(signal -> signal.startsWith("state ")
                || List.of("hostFound", "connected", "disconnected", "encrypted").contains(signal)).toList();
        assertEquals(List.of("state HOST_LOOKUP", "hostFound", "state CONNECTING", "state CONNECTED", "connected",
                "encrypted", "state CLOSING", "state UNCONNECTED", "disconnected"), lifecycle);
        assertEquals(List.of(), recorder.only("error "), "a clean close reports no error");
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void listenersRunOnTheCallersThreadWhenBlockingAndOnTheLoopThreadWhenEventDriven(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Recorder serverRecorder = new Recorder();
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(serverRecorder),
                DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        pingAndDisconnect(client);
        LoopbackServer.result(served);

        String expectedClientThread = drive == Drive.BLOCKING ? Thread.currentThread().getName() : "client-loop";
        String expectedServerThread = drive == Drive.BLOCKING ? "driven-peers-server" : "server-loop";
        assertEquals(java.util.Set.of(expectedClientThread), recorder.threads);
        assertEquals(java.util.Set.of(expectedServerThread), serverRecorder.threads);
    }

    // ---- errorOccurred ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aClosedPortIsConnectionRefused(Drive drive) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        DrivenPeers peers = peers(drive);
        Recorder recorder = new Recorder();
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(recorder);
        client.connectToHostEncrypted("127.0.0.1", closedPort);
        assertFalse(client.waitForEncrypted(WAIT));
        assertEquals(SocketError.CONNECTION_REFUSED_ERROR, client.error());
        assertEquals(SocketState.UNCONNECTED, client.state());
        assertEquals(List.of("state HOST_LOOKUP", "hostFound", "state CONNECTING", "error CONNECTION_REFUSED_ERROR",
                "state UNCONNECTED"), recorder.signals(), "no connected, no disconnected for a connection never made");
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void anUnresolvableNameIsHostNotFound(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Recorder recorder = new Recorder();
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(recorder);
        client.connectToHostEncrypted("no-such-host.invalid", 443);
        assertFalse(client.waitForEncrypted(WAIT));
        assertEquals(SocketError.HOST_NOT_FOUND_ERROR, client.error());
        assertTrue(client.errorString().contains("no-such-host.invalid"), client.errorString());
        assertEquals(List.of("state HOST_LOOKUP", "error HOST_NOT_FOUND_ERROR", "state UNCONNECTED"),
                recorder.signals(), "no hostFound when the lookup fails");
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aRejectedServerCertificateIsAHandshakeFailureWithABadCertificateAlertOnBothSides(Drive drive)
            throws Exception {
        DrivenPeers peers = peers(drive);
        Recorder serverRecorder = new Recorder();
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(serverRecorder),
                DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        assertFalse(client.waitForEncrypted(WAIT));
        DrivenPeers.awaitUnconnected(client);
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, client.error());
        assertEquals(List.of("error SSL_HANDSHAKE_FAILED_ERROR"), recorder.only("error "));
        assertEquals(List.of("alertSent FATAL 42 bad_certificate"), recorder.only("alert"));
        assertEquals(-1, recorder.indexOf("encrypted"));
        assertTrue(recorder.indexOf("sslErrors [SELF_SIGNED_CERTIFICATE]") < recorder
                .indexOf("alertSent FATAL 42 bad_certificate"), recorder.signals()::toString);

        ServerView server = LoopbackServer.result(served);
        assertFalse(server.encrypted());
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, server.error());
        assertEquals(PeerClose.FATAL_ALERT, server.peerClose());
        assertEquals(List.of("alertReceived FATAL 42 bad_certificate"), serverRecorder.only("alert"));
        assertEquals(List.of("error SSL_HANDSHAKE_FAILED_ERROR"), serverRecorder.only("error "));
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aServerRequiringACertificateSendsCertificateRequiredToAClientWithout(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Recorder serverRecorder = new Recorder();
        SslConfiguration requiring = PKI.server.serverConfiguration().toBuilder()
                .peerVerifyMode(PeerVerifyMode.VERIFY_PEER).caCertificates(List.of(PKI.ca.certificate())).build();
        Future<ServerView> served = peers.accept(requiring, List.of(serverRecorder), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        // TLS 1.3: the client completes its side and learns of the refusal from the alert.
        client.waitForEncrypted(WAIT);
        client.write("x");
        client.waitForReadyRead(WAIT);
        assertTrue(DrivenPeers.awaitUnconnected(client));
        ServerView server = LoopbackServer.result(served);

        assertEquals(List.of("alertSent FATAL 116 certificate_required"), serverRecorder.only("alert"));
        assertEquals(List.of("alertReceived FATAL 116 certificate_required"), recorder.only("alert"));
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, server.error());
        assertEquals(PeerClose.FATAL_ALERT, client.peerClose());
    }

    // ---- readyRead, bytesWritten, encryptedBytesWritten, encrypted ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void bytesWrittenAddsUpToWhatWasWrittenAndReadyReadComesOnlyWithData(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        List<Long> availableAtReadyRead = Collections.synchronizedList(new ArrayList<>());
        Recorder recorder = new Recorder();
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(recorder);
        client.addListener(new SslSocketListener() {
            @Override
            public void readyRead() {
                availableAtReadyRead.add(client.bytesAvailable());
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        byte[] data = new byte[40_000]; // more than two records
        TestPki.RANDOM.nextBytes(data);
        assertEquals(100, client.write(Arrays.copyOfRange(data, 0, 100)));
        assertEquals(2_000, client.write(Arrays.copyOfRange(data, 100, 2_100)));
        assertEquals(data.length - 2_100, client.write(Arrays.copyOfRange(data, 2_100, data.length)));
        assertTrue(client.waitForBytesWritten(WAIT), client.errorString());
        assertEquals(data.length, recorder.sum("bytesWritten"));
        assertArrayEquals(data, DrivenPeers.readExactly(client, data.length));
        client.disconnectFromHost();
        DrivenPeers.awaitUnconnected(client);
        LoopbackServer.result(served);

        assertEquals(data.length, recorder.sum("bytesWritten"), "nothing more was counted");
        assertFalse(availableAtReadyRead.isEmpty());
        assertTrue(availableAtReadyRead.stream().allMatch(available -> available > 0), availableAtReadyRead::toString);
        assertTrue(recorder.indexOf("encrypted") < recorder.indexOf("readyRead"));
        assertTrue(recorder.indexOf("encrypted") < recorder.signals().indexOf(recorder.only("bytesWritten").get(0)));
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void encryptedBytesWrittenCountsWholeRecordsFromTheClientHelloOn(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        List<String> beforeEncrypted = recorder.signals().subList(0, recorder.indexOf("encrypted"));
        assertTrue(beforeEncrypted.stream().anyMatch(signal -> signal.startsWith("encryptedBytesWritten ")),
                "the ClientHello went out before the handshake completed: " + beforeEncrypted);
        assertEquals(1, recorder.signals().stream().filter("encrypted"::equals).count());

        int before = recorder.signals().size();
        client.write(new byte[1_000]);
        assertTrue(client.waitForBytesWritten(WAIT));
        // Only the write signals: a NewSessionTicket may be processed meanwhile (event-driven).
        List<String> afterWrite = recorder.signals().subList(before, recorder.signals().size()).stream()
                .filter(signal -> signal.contains("ytesWritten ")).toList();
        // One TLS 1.3 AES-GCM record: 5 header + 1000 data + 1 content type + 16 tag.
        assertEquals(List.of("encryptedBytesWritten 1022", "bytesWritten 1000"), afterWrite);
        DrivenPeers.readExactly(client, 1_000);
        client.disconnectFromHost();
        DrivenPeers.awaitUnconnected(client);
        LoopbackServer.result(served);
        // close_notify: 5 + 2 + 1 + 16.
        assertTrue(recorder.signals().contains("encryptedBytesWritten 24"), recorder.signals()::toString);
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void encryptedFiresOnceOnEachSideWhenTheSocketIsAlreadyEncrypted(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        List<String> seenInCallback = Collections.synchronizedList(new ArrayList<>());
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(),
                serverSocket -> List.of(new SslSocketListener() {
                    @Override
                    public void encrypted() {
                        seenInCallback.add("server " + serverSocket.isEncrypted() + " " + serverSocket.mode());
                    }
                }), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(new SslSocketListener() {
            @Override
            public void encrypted() {
                seenInCallback.add("client " + client.isEncrypted() + " " + client.sessionProtocol() + " "
                        + client.peerCertificate().isPresent());
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        pingAndDisconnect(client);
        LoopbackServer.result(served);
        List<String> seen = new ArrayList<>(seenInCallback);
        Collections.sort(seen);
        assertEquals(List.of("client true TLS_V1_3 true", "server true SSL_SERVER_MODE"), seen);
    }

    // ---- modeChanged ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void modeChangedSaysClientModeOnTheClientAndServerModeOnTheServer(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Recorder serverRecorder = new Recorder();
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(serverRecorder),
                DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        pingAndDisconnect(client);
        LoopbackServer.result(served);
        assertEquals(List.of("mode SSL_CLIENT_MODE"), recorder.only("mode "));
        assertEquals(List.of("mode SSL_SERVER_MODE"), serverRecorder.only("mode "));
        assertTrue(recorder.indexOf("mode SSL_CLIENT_MODE") > recorder.indexOf("connected"));
        assertTrue(recorder.indexOf("mode SSL_CLIENT_MODE") < recorder.indexOf("encrypted"));
        assertTrue(serverRecorder.indexOf("mode SSL_SERVER_MODE") < serverRecorder.indexOf("encrypted"));
    }

    // ---- peerVerifyError, sslErrors ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void peerVerifyErrorComesOncePerProblemAndThenSslErrorsWithTheWholeList(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.expired.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        List<List<SslError>> lists = Collections.synchronizedList(new ArrayList<>());
        List<SslError> oneByOne = Collections.synchronizedList(new ArrayList<>());
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "other.example", recorder, new SslSocketListener() {
            @Override
            public void peerVerifyError(SslError error) {
                oneByOne.add(error);
            }

            @Override
            public void sslErrors(List<SslError> errors) {
                lists.add(errors);
            }
        });
        assertFalse(client.waitForEncrypted(WAIT));
        LoopbackServer.result(served);

        List<SslError> expected = List.of(new SslError(SslError.Kind.CERTIFICATE_EXPIRED, PKI.expired.certificate()),
                new SslError(SslError.Kind.HOST_NAME_MISMATCH, PKI.expired.certificate()));
        assertEquals(1, lists.size(), "sslErrors comes once");
        assertEquals(java.util.Set.copyOf(expected), java.util.Set.copyOf(lists.get(0)));
        assertEquals(2, lists.get(0).size());
        assertEquals(lists.get(0), oneByOne, "one peerVerifyError per error, in the same order");
        assertEquals(lists.get(0), client.sslHandshakeErrors());
        List<String> verification = recorder.signals().stream()
                .filter(signal -> signal.startsWith("peerVerifyError") || signal.startsWith("sslErrors")).toList();
        assertEquals(3, verification.size(), verification::toString);
        assertTrue(verification.get(2).startsWith("sslErrors"), "sslErrors comes after every peerVerifyError");
    }

    // ---- alertSent, alertReceived ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aCloseNotifyGoesBothWaysAsWarningZero(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Recorder serverRecorder = new Recorder();
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(serverRecorder),
                DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        pingAndDisconnect(client);
        ServerView server = LoopbackServer.result(served);

        assertEquals(List.of("alertSent WARNING 0 close_notify", "alertReceived WARNING 0 close_notify"),
                recorder.only("alert"), "the client closed first");
        assertEquals(java.util.Set.of("alertSent WARNING 0 close_notify", "alertReceived WARNING 0 close_notify"),
                java.util.Set.copyOf(serverRecorder.only("alert")));
        assertEquals(2, serverRecorder.only("alert").size());
        assertEquals(PeerClose.CLOSE_NOTIFY, client.peerClose());
        assertEquals(PeerClose.CLOSE_NOTIFY, server.peerClose());
    }

    // ---- newSessionTicketReceived ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aTls13ClientHearsOfEachTicketAndCanExportItInTheCallback(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslConfiguration persisting = PKI.clientTrustingCa().toBuilder()
                .sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false).build();
        Recorder recorder = new Recorder();
        List<Integer> ticketLengths = Collections.synchronizedList(new ArrayList<>());
        SslSocket client = peers.newClient(persisting);
        client.addListener(recorder);
        client.addListener(new SslSocketListener() {
            @Override
            public void newSessionTicketReceived() {
                ticketLengths.add(client.sslConfiguration().sessionTicket().length);
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        pingAndDisconnect(client);
        LoopbackServer.result(served);

        assertFalse(ticketLengths.isEmpty(), recorder.signals()::toString);
        assertTrue(ticketLengths.stream().allMatch(length -> length > 0), ticketLengths::toString);
        assertTrue(recorder.indexOf("newSessionTicketReceived") > recorder.indexOf("encrypted"));
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void noTicketSignalWhenTheServerIssuesNone(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        SslConfiguration noTickets = PKI.server.serverConfiguration().toBuilder()
                .sslOption(SslOption.DISABLE_SESSION_TICKETS, true).build();
        Future<ServerView> served = peers.accept(noTickets, List.of(), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost", recorder);
        pingAndDisconnect(client);
        LoopbackServer.result(served);
        assertEquals(List.of(), recorder.only("newSessionTicketReceived"));
        assertEquals(SslProtocol.TLS_V1_3, client.sessionProtocol());
    }

    // ---- preSharedKeyAuthenticationRequired ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void pskAuthenticationIsAskedOfTheClientBeforeItsHelloAndOfTheServerForTheOfferedIdentity(Drive drive)
            throws Exception {
        byte[] identity = "device-42".getBytes(StandardCharsets.US_ASCII);
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        SslConfiguration tls13 = SslConfiguration.builder().protocol(SslProtocol.TLS_V1_3).build();
        DrivenPeers peers = peers(drive);
        List<String> serverAsked = Collections.synchronizedList(new ArrayList<>());
        SslSocketListener serverPsk = new SslSocketListener() {
            @Override
            public void preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator authenticator) {
                serverAsked.add(new String(authenticator.identity(), StandardCharsets.US_ASCII) + " on "
                        + Thread.currentThread().getName());
                if (Arrays.equals(identity, authenticator.identity())) {
                    authenticator.setPreSharedKey(key);
                }
            }
        };
        Future<ServerView> served = peers.accept(tls13, List.of(serverPsk), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.newClient(tls13);
        client.addListener(recorder);
        client.addListener(new SslSocketListener() {
            @Override
            public void preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator authenticator) {
                recorder.note("psk asked with identity length " + authenticator.identity().length);
                authenticator.setIdentity(identity);
                authenticator.setPreSharedKey(key);
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        pingAndDisconnect(client);
        ServerView server = LoopbackServer.result(served);

        assertEquals(List.of("psk asked with identity length 0"), recorder.only("psk"));
        int asked = recorder.indexOf("psk asked with identity length 0");
        int firstRecord = recorder.signals().indexOf(recorder.only("encryptedBytesWritten").get(0));
        assertTrue(asked > recorder.indexOf("mode SSL_CLIENT_MODE") && asked < firstRecord,
                recorder.signals()::toString);
        String serverThread = drive == Drive.BLOCKING ? "driven-peers-server" : "server-loop";
        assertEquals(List.of("device-42 on " + serverThread), serverAsked, "asked once for the one identity offered");
        assertTrue(server.encrypted());
        assertArrayEquals(identity, client.preSharedKeyIdentity().orElseThrow());
    }

    // ---- a listener's exception ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aListenerExceptionAbortsTheConnection(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        IllegalStateException thrown = new IllegalStateException("listener refuses");
        SslSocketListener refusing = new SslSocketListener() {
            @Override
            public void encrypted() {
                throw thrown;
            }
        };
        SslSocket client;
        if (drive == Drive.BLOCKING) {
            client = peers.connect(PKI.clientTrustingCa(), "localhost", refusing);
            IllegalStateException caught = assertThrows(IllegalStateException.class,
                    () -> client.waitForEncrypted(WAIT));
            assertSame(thrown, caught, "the listener's exception reaches the caller as is");
        } else {
            CompletableFuture<Throwable> uncaught = new CompletableFuture<>();
            Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
                if (thread.getName().equals("client-loop")) {
                    uncaught.complete(failure);
                } else if (previous != null) {
                    previous.uncaughtException(thread, failure);
                }
            });
            try {
                client = peers.connect(PKI.clientTrustingCa(), "localhost", refusing);
                assertSame(thrown, uncaught.get(WAIT, TimeUnit.MILLISECONDS),
                        "the loop thread's uncaught-exception handler gets the listener's exception");
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
            assertTrue(DrivenPeers.awaitUnconnected(client));
        }
        assertEquals(SocketState.UNCONNECTED, client.state());
        assertEquals(-1, client.write("after the abort"));
        ServerView server = LoopbackServer.result(served);
        assertEquals(PeerClose.TRUNCATED, server.peerClose(), "aborted: no close_notify was sent");
    }
}
