package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.api.SslSocket.SocketState;

/**
 * Hostile bytes from the other end of the TCP connection: a socket (blocking or event-driven) and
 * an {@link SslServer} end the connection with a handshake error, never with an exception escaping
 * into the event loop, never hanging.
 */
class HostilePeerSocketProperties {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 10_000;
    /** What a client may see when a peer sends garbage and closes. */
    private static final Set<SocketError> CLIENT_OUTCOMES = Set.of(SocketError.SSL_HANDSHAKE_FAILED_ERROR,
            SocketError.REMOTE_HOST_CLOSED_ERROR);

    private static SslEventLoop loop;
    private static SslServer server;
    private static final List<Throwable> escaped = Collections.synchronizedList(new ArrayList<>());
    /** The client port of each connection the server dropped, as the server reported it. */
    private static final Set<Integer> droppedPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static Thread.UncaughtExceptionHandler previousHandler;

    @BeforeContainer
    static void start() {
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        // The loop reports what escapes a task to its thread's handler, the default one here.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> escaped.add(failure));
        loop = SslEventLoop.start("hostile-peer-loop");
        server = new SslServer(PKI.server.serverConfiguration(), loop);
        server.addListener(new SslServerListener() {
            @Override
            public void errorOccurred(SslSocket socket, SocketError error) {
                droppedPorts.add(socket.peerPort());
            }
        });
        assertTrue(server.listen(TestPki.loopback(), 0));
    }

    @AfterContainer
    static void stop() {
        server.close();
        loop.close();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Property(tries = 60)
    void aClientFedGarbageFailsTheHandshakeCleanly(@ForAll @Size(max = 3000) byte[] garbage,
            @ForAll boolean looksLikeARecord, @ForAll boolean eventDriven) throws Exception {
        byte[] bytes = garbage.clone();
        if (looksLikeARecord && bytes.length >= 5) {
            // A plausible record header (handshake, TLS 1.2) over random content gets further in.
            bytes[0] = 22;
            bytes[1] = 3;
            bytes[2] = 3;
            bytes[3] = (byte) ((bytes.length - 5) >>> 8);
            bytes[4] = (byte) (bytes.length - 5);
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(TestPki.loopback(), 0));
            CompletableFuture<Void> hostile = CompletableFuture.runAsync(() -> {
                try (Socket connection = listener.accept()) {
                    connection.setSoTimeout(WAIT);
                    InputStream in = connection.getInputStream();
                    in.read(new byte[4096]); // the ClientHello, or its start
                    OutputStream out = connection.getOutputStream();
                    out.write(bytes);
                    out.flush();
                } catch (java.io.IOException e) {
                    // The client may have given up and reset the connection first: that is fine.
                    return;
                }
            });
            SslConfiguration configuration = PKI.clientTrustingCa().withSslOption(SslOption.DISABLE_SESSION_SHARING,
                    true);
            try (SslSocket socket = eventDriven ? new SslSocket(configuration, loop) : new SslSocket(configuration)) {
                socket.connectToHostEncrypted("localhost", listener.getLocalPort());
                assertFalse(socket.waitForEncrypted(WAIT), "garbage must not complete a handshake");
                waitUntilUnconnected(socket);
                assertEquals(SocketState.UNCONNECTED, socket.state());
                assertTrue(CLIENT_OUTCOMES.contains(socket.error()), () -> socket.error() + ": " + socket.errorString());
                assertFalse(socket.isEncrypted());
            }
            hostile.get(WAIT, TimeUnit.MILLISECONDS);
        }
        assertTrue(escaped.isEmpty(), () -> "escaped into the event loop: " + escaped);
    }

    @Property(tries = 60)
    void aServerFedGarbageDropsTheConnectionAndKeepsServing(@ForAll @Size(max = 3000) byte[] garbage,
            @ForAll @IntRange(min = 0, max = 2) int ending) throws Exception {
        int port;
        boolean ended = true;
        try (Socket hostile = new Socket()) {
            hostile.connect(new InetSocketAddress(TestPki.loopback(), server.serverPort()));
            port = hostile.getLocalPort();
            OutputStream out = hostile.getOutputStream();
            out.write(garbage);
            out.flush();
            if (ending == 1) {
                hostile.setSoLinger(true, 0); // closing now sends a reset
            } else if (ending == 0 || cannotBeARecordStart(garbage)) {
                if (ending == 0) {
                    hostile.shutdownOutput();
                }
                // The server answers with an alert and closes, or just closes: the stream ends.
                hostile.setSoTimeout(WAIT);
                byte[] sink = new byte[4096];
                try {
                    while (hostile.getInputStream().read(sink) >= 0) {
                        continue;
                    }
                } catch (java.net.SocketException reset) {
                    // The server closed with some of our bytes unread, which TCP turns into a reset.
                    assertTrue(reset.getMessage() == null || reset.getMessage().contains("reset"), reset::toString);
                }
            } else {
                // Still open, and the bytes may yet become a record: a server may wait for more
                // (until its handshake timeout, which this property does not wait for).
                ended = false;
            }
        }
        if (ended) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
            while (!droppedPorts.contains(port) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(droppedPorts.contains(port), "the server did not report the dropped connection");
        }
        // Whatever happened to that connection, the server still completes a real handshake.
        try (SslSocket client = new SslSocket(PKI.clientTrustingCa().withSslOption(SslOption.DISABLE_SESSION_SHARING,
                true))) {
            client.connectToHostEncrypted("localhost", server.serverPort());
            assertTrue(client.waitForEncrypted(WAIT), client::errorString);
        }
        while (server.hasPendingConnections()) {
            server.nextPendingConnection().abort();
        }
        assertTrue(escaped.isEmpty(), () -> "escaped into the event loop: " + escaped);
    }

    /** Whether no record can start with these bytes: a server must refuse them without waiting for more. */
    private static boolean cannotBeARecordStart(byte[] bytes) {
        if (bytes.length < 5) {
            return false;
        }
        boolean knownType = bytes[0] >= 20 && bytes[0] <= 23;
        return !knownType || bytes[1] != 3;
    }

    private static void waitUntilUnconnected(SslSocket socket) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT);
        while (socket.state() != SocketState.UNCONNECTED && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
