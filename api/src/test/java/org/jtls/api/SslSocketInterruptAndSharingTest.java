package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Qt 6's handshakeMustInterruptOnError / continueInterruptedHandshake, the client session cache
 * keeping out sessions whose certificate problems were ignored, and SSL options that reach the
 * engine.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SslSocketInterruptAndSharingTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 10_000;

    private SslEventLoop loop;
    private SslServer server;

    @BeforeEach
    void startSelfSignedEchoServer() {
        loop = SslEventLoop.start("interrupt-test-server");
        server = new SslServer(PKI.selfSigned.serverConfiguration(), loop);
        server.addListener(new SslServerListener() {
            @Override
            public void pendingConnectionAvailable() {
                SslSocket socket = server.nextPendingConnection();
                socket.addListener(new SslSocketListener() {
                    @Override
                    public void readyRead() {
                        socket.write(socket.readAll());
                    }
                });
            }
        });
        assertTrue(server.listen(TestPki.loopback(), 0));
    }

    @AfterEach
    void stop() {
        server.close();
        loop.close();
    }

    /** Records the verification callbacks; continues an interrupted handshake when told to. */
    private static final class Recorder implements SslSocketListener {
        final SslSocket socket;
        final boolean continueHandshake;
        final List<SslError> interruptedOn = new ArrayList<>();
        final List<SslError> peerVerifyErrors = new ArrayList<>();
        int sslErrorsCalls;

        Recorder(SslSocket socket, boolean continueHandshake) {
            this.socket = socket;
            this.continueHandshake = continueHandshake;
            socket.addListener(this);
        }

        @Override
        public void handshakeInterruptedOnError(SslError error) {
            interruptedOn.add(error);
            if (continueHandshake) {
                socket.continueInterruptedHandshake();
            }
        }

        @Override
        public void peerVerifyError(SslError error) {
            peerVerifyErrors.add(error);
        }

        @Override
        public void sslErrors(List<SslError> errors) {
            sslErrorsCalls++;
        }
    }

    private SslConfiguration interrupting() {
        return PKI.clientTrustingCa().toBuilder().handshakeMustInterruptOnError(true)
                .sslOption(SslOption.DISABLE_SESSION_SHARING, true).build();
    }

    @Test
    void anInterruptedHandshakeFailsUnlessTheCallbackContinuesIt() {
        try (SslSocket socket = new SslSocket(interrupting())) {
            Recorder recorder = new Recorder(socket, false);
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, socket.error());
            assertEquals(1, recorder.interruptedOn.size());
            assertEquals(recorder.peerVerifyErrors.get(0), recorder.interruptedOn.get(0));
            assertEquals(0, recorder.sslErrorsCalls, "sslErrors is not emitted when the handshake interrupts");
            assertEquals(PKI.selfSigned.certificate(), recorder.interruptedOn.get(0).certificate().orElseThrow());
        }
    }

    @Test
    void continueInterruptedHandshakeFromTheCallbackCompletesTheConnection() {
        try (SslSocket socket = new SslSocket(interrupting())) {
            Recorder recorder = new Recorder(socket, true);
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
            assertEquals(1, recorder.interruptedOn.size());
            assertFalse(socket.sslHandshakeErrors().isEmpty(), "the problems stay on record");
            socket.write("still here\n");
            assertTrue(socket.waitForReadyRead(WAIT));
        }
    }

    @Test
    void continuingBeforeTheHandshakeHasNoEffect() {
        try (SslSocket socket = new SslSocket(interrupting())) {
            socket.continueInterruptedHandshake();
            new Recorder(socket, false);
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertFalse(socket.waitForEncrypted(WAIT), "only a continue from the callback counts");
        }
    }

    @Test
    void anEventDrivenSocketIsInterruptedOnItsLoopToo() throws Exception {
        SslEventLoop clientLoop = SslEventLoop.start("interrupt-test-client");
        try (SslSocket socket = new SslSocket(interrupting(), clientLoop)) {
            Recorder recorder = new Recorder(socket, true);
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
            assertEquals(1, recorder.interruptedOn.size());
        } finally {
            clientLoop.close();
        }
    }

    @Test
    void aSessionWhoseErrorsWereIgnoredIsNotResumedByAStricterSocket() {
        SslConfiguration sharing = PKI.clientTrustingCa().toBuilder().clientSessionCache(
                new org.jtls.handshake.SessionCache(16, java.time.Duration.ofHours(1), java.time.Clock.systemUTC()))
                .build();
        try (SslSocket lenient = new SslSocket(sharing)) {
            lenient.ignoreSslErrors();
            lenient.connectToHostEncrypted("localhost", server.serverPort());
            assertTrue(lenient.waitForEncrypted(WAIT), lenient::errorString);
            lenient.write("x\n");
            assertTrue(lenient.waitForReadyRead(WAIT), "TLS 1.3 tickets arrive with the first data");
        }
        try (SslSocket strict = new SslSocket(sharing)) {
            strict.connectToHostEncrypted("localhost", server.serverPort());
            assertFalse(strict.waitForEncrypted(WAIT),
                    "a self-signed server must not get past a strict socket through a shared session");
            assertFalse(strict.isSessionResumed());
            assertFalse(strict.sslHandshakeErrors().isEmpty());
        }
    }

    @Test
    void recordSplittingIsOnUnlessSwitchedOff() {
        SslConfiguration defaults = PKI.clientTrustingCa();
        assertTrue(defaults.toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null).recordSettings()
                .splitApplicationData());
        SslConfiguration off = defaults.withSslOption(SslOption.DISABLE_RECORD_SPLITTING, true);
        assertFalse(off.toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null).recordSettings()
                .splitApplicationData());
    }
}
