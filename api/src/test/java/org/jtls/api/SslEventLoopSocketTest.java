package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.api.SslSocket.SslMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Event-driven SslSockets and SslServer on SslEventLoops over 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SslEventLoopSocketTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 10_000;

    private SslEventLoop serverLoop;
    private SslEventLoop clientLoop;
    private SslServer server;
    /** Failures inside callbacks, which JUnit would not see. */
    private final List<Throwable> callbackFailures = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        serverLoop = SslEventLoop.start("test-server-loop");
        clientLoop = SslEventLoop.start("test-client-loop");
        server = new SslServer(PKI.server.serverConfiguration(), serverLoop);
    }

    @AfterEach
    void stop() {
        server.close();
        serverLoop.close();
        clientLoop.close();
        assertTrue(callbackFailures.isEmpty(), () -> "callbacks failed: " + callbackFailures);
    }

    /** Every pending connection echoes what it receives until the peer closes. */
    private void echoServer() {
        server.addListener(new SslServerListener() {
            @Override
            public void pendingConnectionAvailable() {
                SslSocket socket = server.nextPendingConnection();
                socket.addListener(new SslSocketListener() {
                    @Override
                    public void readyRead() {
                        socket.write(socket.readAll());
                    }

                    @Override
                    public void disconnected() {
                        socket.close();
                    }
                });
                if (socket.bytesAvailable() > 0) {
                    socket.write(socket.readAll());
                }
            }
        });
        assertTrue(server.listen(TestPki.loopback(), 0), server::errorString);
    }

    private SslSocket eventClient() {
        return new SslSocket(PKI.clientTrustingCa(), clientLoop);
    }

    @Test
    void referenceEventDrivenExampleRunsItsCallbacksOnTheLoopThread() throws Exception {
        echoServer();
        SslSocket socket = eventClient();
        List<String> signals = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> reply = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        socket.addListener(new SslSocketListener() {
            private void note(String signal) {
                signals.add(signal);
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void hostFound() {
                note("hostFound");
            }

            @Override
            public void connected() {
                note("connected");
            }

            @Override
            public void stateChanged(SocketState state) {
                note("state " + state);
            }

            @Override
            public void modeChanged(SslMode mode) {
                note("mode " + mode);
            }

            @Override
            public void encrypted() {
                note("encrypted");
                // Qt's example: write the request from the encrypted() slot.
                socket.write("hello, event loop\n");
            }

            @Override
            public void encryptedBytesWritten(long bytes) {
                note("encryptedBytesWritten");
            }

            @Override
            public void bytesWritten(long bytes) {
                note("bytesWritten " + bytes);
            }

            @Override
            public void readyRead() {
                note("readyRead");
                byte[] bytes = socket.readAll();
                received.write(bytes, 0, bytes.length);
                if (received.toString(StandardCharsets.UTF_8).endsWith("\n")) {
                    reply.complete(received.toString(StandardCharsets.UTF_8));
                }
            }

            @Override
            public void disconnected() {
                note("disconnected");
            }
        });
        socket.connectToHostEncrypted("localhost", server.serverPort());
        assertEquals("hello, event loop\n", reply.get(WAIT, TimeUnit.MILLISECONDS));
        socket.disconnectFromHost();
        // As in Qt, waitForDisconnected is false on a socket that is already unconnected: the
        // loop may have finished the close before this thread gets here.
        assertTrue(socket.state() == SocketState.UNCONNECTED || socket.waitForDisconnected(WAIT), socket::errorString);

        List<String> seen = List.copyOf(signals);
        assertEquals(List.of("state HOST_LOOKUP", "hostFound", "state CONNECTING", "state CONNECTED", "connected",
                "mode SSL_CLIENT_MODE"), seen.subList(0, 6), seen::toString);
        assertTrue(seen.indexOf("encrypted") < seen.indexOf("bytesWritten 18"), seen::toString);
        assertTrue(seen.contains("readyRead") && seen.contains("encryptedBytesWritten"), seen::toString);
        assertEquals("disconnected", seen.get(seen.size() - 1), seen::toString);
        assertTrue(threads.stream().allMatch("test-client-loop"::equals), threads::toString);
        assertEquals(SocketState.UNCONNECTED, socket.state());
        assertEquals(SslSocket.PeerClose.CLOSE_NOTIFY, socket.peerClose());
    }

    @Test
    void blockingWaitsWorkFromAnotherThreadOnAnEventDrivenSocket() {
        echoServer();
        try (SslSocket socket = eventClient()) {
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
            assertEquals(SslProtocol.TLS_V1_3, socket.sessionProtocol());
            socket.write("line one\n");
            assertTrue(socket.waitForBytesWritten(WAIT) || socket.bytesToWrite() == 0);
            StringBuilder echoed = new StringBuilder();
            while (!echoed.toString().endsWith("\n") && socket.waitForReadyRead(WAIT)) {
                echoed.append(new String(socket.readAll(), StandardCharsets.UTF_8));
            }
            assertEquals("line one\n", echoed.toString());
            socket.disconnectFromHost();
            assertTrue(socket.state() == SocketState.UNCONNECTED || socket.waitForDisconnected(WAIT));
            assertEquals(SocketState.UNCONNECTED, socket.state());
        }
    }

    @Test
    void waitingOnTheLoopThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        echoServer();
        SslSocket socket = eventClient();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        socket.addListener(new SslSocketListener() {
            @Override
            public void encrypted() {
                try {
                    socket.waitForReadyRead(100);
                    thrown.complete(null);
                } catch (IllegalStateException expected) {
                    thrown.complete(expected);
                }
            }
        });
        socket.connectToHostEncrypted("localhost", server.serverPort());
        Throwable failure = thrown.get(WAIT, TimeUnit.MILLISECONDS);
        assertNotNull(failure, "waitFor on the loop thread must be refused");
        assertTrue(failure.getMessage().contains("loop"), failure.getMessage());
        socket.abort();
    }

    @Test
    void twoHundredConcurrentClientsAllCompleteAndEchoTheirOwnData() throws Exception {
        echoServer();
        int clients = 200;
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger correct = new AtomicInteger();
        List<SslSocket> sockets = new ArrayList<>();
        for (int index = 0; index < clients; index++) {
            String message = "client " + index + " says " + "x".repeat(index) + "\n";
            SslSocket socket = eventClient();
            sockets.add(socket);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.addListener(new SslSocketListener() {
                @Override
                public void encrypted() {
                    socket.write(message);
                }

                @Override
                public void readyRead() {
                    byte[] bytes = socket.readAll();
                    received.write(bytes, 0, bytes.length);
                    String text = received.toString(StandardCharsets.UTF_8);
                    if (text.endsWith("\n")) {
                        if (text.equals(message)) {
                            correct.incrementAndGet();
                        }
                        done.countDown();
                    }
                }

                @Override
                public void errorOccurred(SocketError error) {
                    callbackFailures.add(new AssertionError(message.trim() + ": " + error + " " + socket.errorString()));
                    done.countDown();
                }
            });
            socket.connectToHostEncrypted("localhost", server.serverPort());
        }
        assertTrue(done.await(45, TimeUnit.SECONDS), () -> "still waiting for " + done.getCount() + " clients");
        assertEquals(clients, correct.get());
        for (SslSocket socket : sockets) {
            socket.abort();
        }
    }

    @Test
    void aStalledClientHoldsUpNobodyAndIsDroppedAtTheHandshakeTimeout() throws Exception {
        server.setHandshakeTimeout(60_000);
        echoServer();
        AtomicReference<SocketError> stalledError = new AtomicReference<>();
        CountDownLatch dropped = new CountDownLatch(1);
        server.addListener(new SslServerListener() {
            @Override
            public void errorOccurred(SslSocket socket, SocketError error) {
                stalledError.set(error);
                dropped.countDown();
            }
        });
        try (Socket stalled = new Socket()) {
            // Connects and then sends nothing: a client stuck before its ClientHello.
            stalled.connect(new InetSocketAddress(TestPki.loopback(), server.serverPort()));
            for (int index = 0; index < 20; index++) {
                try (SslSocket socket = eventClient()) {
                    socket.connectToHostEncrypted("localhost", server.serverPort());
                    assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
                    socket.write("ping " + index + "\n");
                    assertTrue(socket.waitForReadyRead(WAIT));
                }
            }
            // Twenty handshakes completed while the stalled one is still waiting within its timeout.
            assertEquals(1, dropped.getCount(), "the stalled client must not have been dropped yet");

            // Now a short timeout for the next accepted connection: it is dropped.
            server.setHandshakeTimeout(200);
            try (Socket second = new Socket()) {
                second.connect(new InetSocketAddress(TestPki.loopback(), server.serverPort()));
                second.setSoTimeout(WAIT);
                assertTrue(dropped.await(WAIT, TimeUnit.MILLISECONDS), "no timeout reported");
                assertEquals(SocketError.SOCKET_TIMEOUT_ERROR, stalledError.get());
                assertEquals(-1, second.getInputStream().read(), "the dropped connection must be closed");
            }
        }
    }

    @Test
    void aFailedHandshakeIsReportedByTheServerAndNeverHandedOut() throws Exception {
        echoServer();
        CompletableFuture<SocketError> serverSaw = new CompletableFuture<>();
        server.addListener(new SslServerListener() {
            @Override
            public void errorOccurred(SslSocket socket, SocketError error) {
                serverSaw.complete(error);
            }
        });
        // A client that trusts nothing the server has: it rejects the certificate.
        SslConfiguration untrusting = SslConfiguration.builder().caCertificates(List.of(PKI.selfSigned.certificate()))
                .build();
        try (SslSocket socket = new SslSocket(untrusting, clientLoop)) {
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertFalse(socket.waitForEncrypted(WAIT));
            assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, socket.error());
        }
        assertNotNull(serverSaw.get(WAIT, TimeUnit.MILLISECONDS));
        assertFalse(server.hasPendingConnections());
    }

    @Test
    void aSmallReadBufferPausesReadingWithoutLosingData() throws Exception {
        byte[] payload = new byte[256 * 1024];
        for (int index = 0; index < payload.length; index++) {
            payload[index] = (byte) (index * 31 + (index >>> 8));
        }
        server.addListener(new SslServerListener() {
            @Override
            public void pendingConnectionAvailable() {
                SslSocket socket = server.nextPendingConnection();
                socket.write(payload);
                socket.disconnectFromHost();
            }
        });
        assertTrue(server.listen(TestPki.loopback(), 0));
        try (SslSocket socket = eventClient()) {
            socket.setReadBufferSize(4096);
            socket.connectToHostEncrypted("localhost", server.serverPort());
            assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (received.size() < payload.length) {
                if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(WAIT)) {
                    break;
                }
                // The loop stops reading at the limit; what one network read brings (≤ 18 KiB) and a
                // record the engine held from the read before may overshoot it, nothing more.
                assertTrue(socket.bytesAvailable() < 4096 + 2 * (16 * 1024 + 2048), () -> "buffered " + socket.bytesAvailable());
                byte[] bytes = socket.read(1000);
                received.write(bytes, 0, bytes.length);
            }
            assertArrayEquals(payload, received.toByteArray());
        }
    }

    @Test
    void startTlsOnAnEventDrivenSocketAfterAPlaintextExchange() throws Exception {
        // The server: a plaintext greeting, then "STARTTLS" switches the same connection to TLS.
        server.close();
        try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(TestPki.loopback(), 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            CompletableFuture<String> serverGot = CompletableFuture.supplyAsync(() -> {
                try (SslSocket serverSide = new SslSocket(PKI.server.serverConfiguration())) {
                    serverSide.setSocket(listener.accept());
                    serverSide.write("* OK IMAP-like server ready\r\n");
                    String command = SslSocketTest.readLine(serverSide);
                    serverSide.write("a1 OK begin TLS\r\n");
                    serverSide.flush();
                    serverSide.startServerEncryption();
                    if (!serverSide.waitForEncrypted(WAIT)) {
                        return "handshake failed: " + serverSide.errorString();
                    }
                    String secret = SslSocketTest.readLine(serverSide);
                    serverSide.disconnectFromHost();
                    return command + "|" + secret;
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            try (SslSocket client = eventClient()) {
                client.connectToHost("localhost", port);
                assertTrue(client.waitForConnected(WAIT));
                assertTrue(SslSocketTest.readLine(client).startsWith("* OK"));
                client.write("a1 STARTTLS\r\n");
                assertTrue(SslSocketTest.readLine(client).startsWith("a1 OK"));
                client.startClientEncryption();
                assertTrue(client.waitForEncrypted(WAIT), client::errorString);
                client.write("a2 LOGIN secret\r\n");
                assertEquals("a1 STARTTLS\r\n|a2 LOGIN secret\r\n", serverGot.get(WAIT, TimeUnit.MILLISECONDS));
            }
        }
    }

    @Test
    void acceptingPausesWhileMaxPendingConnectionsWaitAndResumesWhenOneIsTaken() throws Exception {
        server.setMaxPendingConnections(2);
        CountDownLatch twoPending = new CountDownLatch(2);
        CountDownLatch threePending = new CountDownLatch(3);
        server.addListener(new SslServerListener() {
            @Override
            public void pendingConnectionAvailable() {
                twoPending.countDown();
                threePending.countDown();
            }
        });
        assertTrue(server.listen(TestPki.loopback(), 0));
        List<SslSocket> clients = new ArrayList<>();
        try {
            for (int index = 0; index < 3; index++) {
                SslSocket socket = eventClient();
                socket.connectToHostEncrypted("localhost", server.serverPort());
                clients.add(socket);
            }
            assertTrue(twoPending.await(WAIT, TimeUnit.MILLISECONDS));
            // The third connection waits in the listen backlog: not accepted, so not encrypted.
            assertFalse(threePending.await(300, TimeUnit.MILLISECONDS), "a third connection was accepted while two waited");
            assertEquals(1, clients.stream().filter(socket -> !socket.isEncrypted()).count());
            SslSocket taken = server.nextPendingConnection();
            assertNotNull(taken);
            assertTrue(taken.isEncrypted());
            assertTrue(threePending.await(WAIT, TimeUnit.MILLISECONDS), "accepting did not resume");
            for (SslSocket socket : clients) {
                assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
            }
            taken.abort();
        } finally {
            clients.forEach(SslSocket::abort);
            while (server.hasPendingConnections()) {
                server.nextPendingConnection().abort();
            }
        }
    }

    @Test
    void serverReportsItsAddressAndRefusesASecondListen() {
        assertFalse(server.isListening());
        assertEquals(0, server.serverPort());
        assertTrue(server.listen(TestPki.loopback(), 0));
        assertTrue(server.isListening());
        assertTrue(server.serverPort() > 0);
        assertThrows(IllegalStateException.class, () -> server.listen(TestPki.loopback(), 0));
        try (SslServer other = new SslServer(PKI.server.serverConfiguration(), serverLoop)) {
            assertFalse(other.listen(TestPki.loopback(), server.serverPort()));
            assertEquals(SocketError.ADDRESS_IN_USE_ERROR, other.serverError().orElseThrow());
            assertFalse(other.errorString().isEmpty());
        }
        server.close();
        assertFalse(server.isListening());
    }

    @Test
    void aClosedLoopRefusesNewWorkWithAClearError() {
        SslEventLoop loop = SslEventLoop.start("short-lived");
        SslSocket socket = new SslSocket(PKI.clientTrustingCa(), loop);
        loop.close();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> socket.connectToHostEncrypted("localhost", 443));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
        assertEquals(-1, socket.write("x"));
    }
}
