package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jtls.api.DrivenPeers.Drive;
import org.jtls.api.DrivenPeers.Recorder;
import org.jtls.api.DrivenPeers.ServerView;
import org.jtls.api.SslError.Kind;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.api.SslSocket.SocketState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PeerVerifyMode} on clients (against a self-signed server) and servers (client
 * certificates: none, untrusted, valid), and {@link SslSocket#ignoreSslErrors()} in its forms.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VerifyModeTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = DrivenPeers.WAIT;
    private static final SslError SELF_SIGNED = new SslError(Kind.SELF_SIGNED_CERTIFICATE, PKI.selfSigned.certificate());
    private static final SslError SELF_SIGNED_WRONG_NAME = new SslError(Kind.HOST_NAME_MISMATCH,
            PKI.selfSigned.certificate());

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

    static Stream<Arguments> modesAndDrives() {
        return Stream.of(PeerVerifyMode.values())
                .flatMap(mode -> Stream.of(Drive.values()).map(drive -> Arguments.of(mode, drive)));
    }

    private static SslConfiguration clientWith(PeerVerifyMode mode) {
        return PKI.clientTrustingCa().toBuilder().peerVerifyMode(mode).build();
    }

    private static SslConfiguration serverWith(PeerVerifyMode mode) {
        return PKI.server.serverConfiguration().toBuilder().peerVerifyMode(mode)
                .caCertificates(List.of(PKI.ca.certificate())).build();
    }

    private static SslConfiguration clientPresenting(TestPki.Identity identity) {
        return PKI.clientTrustingCa().toBuilder().localCertificateChain(identity.chain()).privateKey(identity.key())
                .build();
    }

    /** Handshake, one byte each way, close: whether the client got through, as the server saw it. */
    private static boolean exchange(SslSocket client) {
        if (!client.waitForEncrypted(WAIT)) {
            return false;
        }
        client.write("x");
        boolean echoed = DrivenPeers.readExactly(client, 1).length == 1;
        client.disconnectFromHost();
        DrivenPeers.awaitUnconnected(client);
        return echoed;
    }

    // ---- the client's mode against a self-signed server ----

    @ParameterizedTest
    @MethodSource("modesAndDrives")
    void aClientVerifiesASelfSignedServerAsItsModeSays(PeerVerifyMode mode, Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        Recorder recorder = new Recorder();
        SslSocket client = peers.connect(clientWith(mode), "localhost", recorder);
        boolean through = exchange(client);
        ServerView server = LoopbackServer.result(served);

        switch (mode) {
            case VERIFY_NONE -> {
                assertTrue(through, client.errorString());
                assertEquals(List.of(), client.sslHandshakeErrors(), "nothing is checked");
                assertEquals(List.of(), recorder.only("sslErrors"));
                assertEquals(List.of(), recorder.only("peerVerifyError"));
                assertEquals(Optional.of(PKI.selfSigned.certificate()), client.peerCertificate(),
                        "the certificate is still shown");
            }
            case QUERY_PEER -> {
                assertTrue(through, client.errorString());
                assertEquals(List.of(SELF_SIGNED), client.sslHandshakeErrors(), "problems are reported");
                assertEquals(List.of("sslErrors [SELF_SIGNED_CERTIFICATE]"), recorder.only("sslErrors"));
            }
            case VERIFY_PEER, AUTO_VERIFY_PEER -> {
                assertFalse(through, "a client in " + mode + " refuses an untrusted server");
                assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, client.error());
                assertEquals(List.of(SELF_SIGNED), client.sslHandshakeErrors());
                assertEquals(List.of("sslErrors [SELF_SIGNED_CERTIFICATE]"), recorder.only("sslErrors"));
                assertFalse(server.encrypted());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PeerVerifyMode.class)
    void everyClientModeAcceptsAServerWithAValidCertificate(PeerVerifyMode mode) throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.connect(clientWith(mode), "localhost");
        assertTrue(exchange(client), client.errorString());
        assertEquals(List.of(), client.sslHandshakeErrors());
        assertTrue(LoopbackServer.result(served).encrypted());
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aQueryingClientReportsAWrongNameAndStillConnects(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.server.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.connect(clientWith(PeerVerifyMode.QUERY_PEER), "other.example");
        assertTrue(exchange(client), client.errorString());
        assertEquals(List.of(new SslError(Kind.HOST_NAME_MISMATCH, PKI.server.certificate())),
                client.sslHandshakeErrors());
        LoopbackServer.result(served);
    }

    // ---- the server's mode and client certificates ----

    enum ClientIdentity {
        NONE, UNTRUSTED, VALID
    }

    static Stream<Arguments> serverModesAndIdentities() {
        return Stream.of(PeerVerifyMode.values()).flatMap(
                mode -> Stream.of(ClientIdentity.values()).map(identity -> Arguments.of(mode, identity)));
    }

    @ParameterizedTest
    @MethodSource("serverModesAndIdentities")
    void aServerAsksForAndChecksClientCertificatesAsItsModeSays(PeerVerifyMode mode, ClientIdentity identity)
            throws Exception {
        DrivenPeers peers = peers(Drive.BLOCKING);
        Recorder serverRecorder = new Recorder();
        Future<ServerView> served = peers.accept(serverWith(mode), List.of(serverRecorder), DrivenPeers.ECHO);
        SslConfiguration clientConfiguration = switch (identity) {
            case NONE -> PKI.clientTrustingCa();
            case UNTRUSTED -> clientPresenting(PKI.selfSigned);
            case VALID -> clientPresenting(PKI.client);
        };
        SslSocket client = peers.connect(clientConfiguration, "localhost");
        boolean through = exchange(client);
        ServerView server = LoopbackServer.result(served);

        PeerVerifyMode effective = mode.effective(true);
        if (effective == PeerVerifyMode.VERIFY_NONE) {
            assertTrue(through && server.encrypted(), client.errorString());
            assertEquals(Optional.empty(), server.peerCertificate(), "VerifyNone does not ask for a certificate");
            assertEquals(List.of(), server.sslErrors());
            return;
        }
        switch (identity) {
            case NONE -> {
                if (effective == PeerVerifyMode.QUERY_PEER) {
                    assertTrue(through && server.encrypted(), mode + " accepts a client without a certificate");
                    assertEquals(Optional.empty(), server.peerCertificate());
                } else {
                    assertFalse(server.encrypted(), "VerifyPeer requires a certificate");
                    assertEquals(List.of("alertSent FATAL 116 certificate_required"), serverRecorder.only("alert"));
                    assertFalse(through);
                }
            }
            case UNTRUSTED -> {
                assertEquals(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE, PKI.selfSigned.certificate())),
                        server.sslErrors(), "the certificate was asked for and checked");
                assertEquals(List.of("sslErrors [SELF_SIGNED_CERTIFICATE]"), serverRecorder.only("sslErrors"));
                if (effective == PeerVerifyMode.QUERY_PEER) {
                    assertTrue(through && server.encrypted(), mode + " accepts an untrusted certificate");
                    assertEquals(Optional.of(PKI.selfSigned.certificate()), server.peerCertificate());
                } else {
                    assertFalse(server.encrypted(), "VerifyPeer refuses an untrusted certificate");
                    assertEquals(List.of("alertSent FATAL 42 bad_certificate"), serverRecorder.only("alert"));
                    assertFalse(through);
                }
            }
            case VALID -> {
                assertTrue(through && server.encrypted(), client.errorString());
                assertEquals(Optional.of(PKI.client.certificate()), server.peerCertificate());
                assertEquals(List.of(), server.sslErrors());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aVerifyingServerCanIgnoreAnUntrustedClientCertificateInSslErrors(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(serverWith(PeerVerifyMode.VERIFY_PEER),
                serverSocket -> List.of(new SslSocketListener() {
                    @Override
                    public void sslErrors(List<SslError> errors) {
                        if (errors.equals(List.of(
                                new SslError(Kind.SELF_SIGNED_CERTIFICATE, PKI.selfSigned.certificate())))) {
                            serverSocket.ignoreSslErrors();
                        }
                    }
                }), DrivenPeers.ECHO);
        SslSocket client = peers.connect(clientPresenting(PKI.selfSigned), "localhost");
        assertTrue(exchange(client), client.errorString());
        ServerView server = LoopbackServer.result(served);
        assertTrue(server.encrypted());
        assertEquals(Optional.of(PKI.selfSigned.certificate()), server.peerCertificate());
    }

    // ---- ignoreSslErrors ----

    @ParameterizedTest
    @EnumSource(Drive.class)
    void ignoringAllBeforeConnectingLetsEveryProblemThroughButStillListsThem(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.ignoreSslErrors();
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "other.example");
        assertTrue(exchange(client), client.errorString());
        assertEquals(java.util.Set.of(SELF_SIGNED, SELF_SIGNED_WRONG_NAME),
                java.util.Set.copyOf(client.sslHandshakeErrors()));
        assertTrue(LoopbackServer.result(served).encrypted());
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void anIgnoreListCoveringEveryProblemConnects(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.ignoreSslErrors(List.of(SELF_SIGNED_WRONG_NAME, SELF_SIGNED));
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "other.example");
        assertTrue(exchange(client), client.errorString());
        LoopbackServer.result(served);
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void anIgnoreListMissingOneProblemFails(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.ignoreSslErrors(List.of(SELF_SIGNED));
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "other.example");
        assertFalse(client.waitForEncrypted(WAIT));
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, client.error());
        assertTrue(client.sslHandshakeErrors().contains(SELF_SIGNED_WRONG_NAME), client.sslHandshakeErrors()::toString);
        assertFalse(LoopbackServer.result(served).encrypted());
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void anIgnoreListForAnotherCertificateDoesNotCoverTheSameKind(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.ignoreSslErrors(List.of(new SslError(Kind.SELF_SIGNED_CERTIFICATE, PKI.server.certificate())));
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertFalse(client.waitForEncrypted(WAIT));
        LoopbackServer.result(served);
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void ignoringAllInsideSslErrorsContinuesTheHandshake(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        List<String> threads = new ArrayList<>();
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(new SslSocketListener() {
            @Override
            public void sslErrors(List<SslError> errors) {
                threads.add(Thread.currentThread().getName());
                client.ignoreSslErrors();
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "other.example");
        assertTrue(exchange(client), client.errorString());
        assertEquals(1, threads.size());
        LoopbackServer.result(served);
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void ignoringExactlyTheReportedListInsideSslErrorsContinuesTheHandshake(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(new SslSocketListener() {
            @Override
            public void sslErrors(List<SslError> errors) {
                client.ignoreSslErrors(errors);
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "other.example");
        assertTrue(exchange(client), client.errorString());
        LoopbackServer.result(served);
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void ignoringPartOfTheListInsideSslErrorsStillFails(Drive drive) throws Exception {
        DrivenPeers peers = peers(drive);
        Future<ServerView> served = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(new SslSocketListener() {
            @Override
            public void sslErrors(List<SslError> errors) {
                client.ignoreSslErrors(errors.stream().filter(error -> error.kind() != Kind.HOST_NAME_MISMATCH).toList());
            }
        });
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "other.example");
        assertFalse(client.waitForEncrypted(WAIT));
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, client.error());
        LoopbackServer.result(served);
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void ignoringAllCoversOneConnectionNotTheNextOneOnTheSameSocket(Drive drive) throws Exception {
        // Qt resets ignoreSslErrors() at each connectToHostEncrypted (QSslSocketPrivate::init); a
        // socket reused for another connection verifies again.
        DrivenPeers peers = peers(drive);
        Future<ServerView> first = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.ignoreSslErrors();
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertTrue(exchange(client), client.errorString());
        LoopbackServer.result(first);
        assertEquals(SocketState.UNCONNECTED, client.state());

        Future<ServerView> second = peers.accept(PKI.selfSigned.serverConfiguration(), List.of(), DrivenPeers.ECHO);
        client.connectToHostEncrypted("127.0.0.1", peers.port(), "localhost");
        assertFalse(client.waitForEncrypted(WAIT), "the second connection was not covered by the first ignore");
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, client.error());
        LoopbackServer.result(second);
    }
}
