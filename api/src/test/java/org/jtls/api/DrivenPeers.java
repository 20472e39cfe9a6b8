package org.jtls.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jtls.api.SslSocket.SocketError;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.api.SslSocket.SslMode;
import org.jtls.record.AlertLevel;

/**
 * Both ends of a loopback TLS connection, each a blocking or an event-driven {@link SslSocket}
 * ({@link Drive}): the client is made on the test thread, the server socket takes over an accepted
 * channel (Qt's "wrap an accepted connection, then startServerEncryption") and is driven by a
 * handler on a server thread through the {@code waitFor...} methods, which work for both kinds.
 */
final class DrivenPeers implements AutoCloseable {
    static final int WAIT = 10_000;

    /** How a socket is driven. */
    enum Drive {
        BLOCKING, EVENT_DRIVEN
    }

    /** Serves one accepted connection; returns what the test wants to check. */
    @FunctionalInterface
    interface Handler<T> {
        T serve(SslSocket socket) throws Exception;
    }

    final Drive drive;
    private final SslEventLoop clientLoop;
    private final SslEventLoop serverLoop;
    private final ServerSocketChannel listener;
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread worker = new Thread(runnable, "driven-peers-server");
        worker.setDaemon(true);
        return worker;
    });

    DrivenPeers(Drive drive) throws IOException {
        this.drive = drive;
        this.clientLoop = drive == Drive.EVENT_DRIVEN ? SslEventLoop.start("client-loop") : null;
        this.serverLoop = drive == Drive.EVENT_DRIVEN ? SslEventLoop.start("server-loop") : null;
        this.listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(TestPki.loopback(), 0));
    }

    int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The name of the thread the client's listeners should run on, or null for "the caller's". */
    String clientLoopThreadName() {
        return clientLoop == null ? null : "client-loop";
    }

    SslSocket newClient(SslConfiguration configuration) {
        return clientLoop == null ? new SslSocket(configuration) : new SslSocket(configuration, clientLoop);
    }

    /** A client connecting to 127.0.0.1 and checking the certificate against {@code peerName}. */
    SslSocket connect(SslConfiguration configuration, String peerName, SslSocketListener... listeners) {
        SslSocket socket = newClient(configuration);
        for (SslSocketListener each : listeners) {
            socket.addListener(each);
        }
        socket.connectToHostEncrypted("127.0.0.1", port(), peerName);
        return socket;
    }

    /**
     * Accepts the next connection into a server socket of this drive with {@code listeners}
     * attached, starts the server handshake, and runs {@code handler} on the server thread.
     */
    <T> Future<T> accept(SslConfiguration configuration, List<SslSocketListener> listeners, Handler<T> handler) {
        return acceptPlain(configuration, listeners, socket -> {
            socket.startServerEncryption();
            return handler.serve(socket);
        });
    }

    /** As {@link #accept}, with listeners made for the server socket (they may call it). */
    <T> Future<T> accept(SslConfiguration configuration,
            java.util.function.Function<SslSocket, List<SslSocketListener>> listenersFor, Handler<T> handler) {
        return acceptPlain(configuration, listenersFor, socket -> {
            socket.startServerEncryption();
            return handler.serve(socket);
        });
    }

    /** As {@link #accept}, without starting the handshake (STARTTLS servers). */
    <T> Future<T> acceptPlain(SslConfiguration configuration, List<SslSocketListener> listeners, Handler<T> handler) {
        return acceptPlain(configuration, socket -> listeners, handler);
    }

    <T> Future<T> acceptPlain(SslConfiguration configuration,
            java.util.function.Function<SslSocket, List<SslSocketListener>> listenersFor, Handler<T> handler) {
        return serverThread.submit(() -> {
            SocketChannel accepted = listener.accept();
            try (SslSocket socket = serverLoop == null ? new SslSocket(configuration)
                    : new SslSocket(configuration, serverLoop)) {
                for (SslSocketListener each : listenersFor.apply(socket)) {
                    socket.addListener(each);
                }
                socket.setSocket(accepted);
                return handler.serve(socket);
            }
        });
    }

    /** Server: handshake, then echo everything until the peer closes; returns the socket's final state. */
    static final Handler<ServerView> ECHO = socket -> {
        if (!socket.waitForEncrypted(WAIT)) {
            return ServerView.of(socket);
        }
        while (socket.state() == SocketState.CONNECTED) {
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(WAIT)) {
                break;
            }
            byte[] data = socket.readAll();
            if (data.length > 0) {
                socket.write(data);
                socket.flush();
            }
        }
        if (socket.state() != SocketState.UNCONNECTED) {
            socket.disconnectFromHost();
            awaitUnconnected(socket);
        }
        return ServerView.of(socket);
    };

    /** What a server socket ended with. */
    record ServerView(boolean encrypted, SocketError error, SslSocket.PeerClose peerClose, SocketState state,
            List<SslError> sslErrors, java.util.Optional<SslCertificate> peerCertificate, boolean resumed) {
        static ServerView of(SslSocket socket) {
            return new ServerView(socket.isEncrypted(), socket.error(), socket.peerClose(), socket.state(),
                    socket.sslHandshakeErrors(), socket.peerCertificate(), socket.isSessionResumed());
        }
    }

    /** Waits until the socket is unconnected (true at once if it already is). */
    static boolean awaitUnconnected(SslSocket socket) {
        return socket.state() == SocketState.UNCONNECTED || socket.waitForDisconnected(WAIT);
    }

    /** Reads until {@code count} bytes have arrived (or the connection ends). */
    static byte[] readExactly(SslSocket socket, int count) {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        received.writeBytes(socket.read(count));
        while (received.size() < count && socket.waitForReadyRead(WAIT)) {
            received.writeBytes(socket.read(count - received.size()));
        }
        received.writeBytes(socket.read(count - received.size()));
        return received.toByteArray();
    }

    @Override
    public void close() throws IOException {
        serverThread.shutdownNow();
        listener.close();
        if (clientLoop != null) {
            clientLoop.close();
            serverLoop.close();
        }
    }

    /** Records every signal as text ("state CONNECTED", "alertSent FATAL 42 bad_certificate") and the threads they ran on. */
    static class Recorder implements SslSocketListener {
        final List<String> signals = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        void note(String signal) {
            signals.add(signal);
            threads.add(Thread.currentThread().getName());
        }

        List<String> signals() {
            synchronized (signals) {
                return List.copyOf(signals);
            }
        }

        /** The signals whose text starts with {@code prefix}, in order. */
        List<String> only(String prefix) {
            return signals().stream().filter(signal -> signal.startsWith(prefix)).toList();
        }

        int indexOf(String signal) {
            return signals().indexOf(signal);
        }

        long sum(String prefix) {
            return only(prefix + " ").stream().mapToLong(signal -> Long.parseLong(signal.substring(prefix.length() + 1)))
                    .sum();
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
        public void disconnected() {
            note("disconnected");
        }

        @Override
        public void stateChanged(SocketState state) {
            note("state " + state);
        }

        @Override
        public void errorOccurred(SocketError error) {
            note("error " + error);
        }

        @Override
        public void readyRead() {
            note("readyRead");
        }

        @Override
        public void bytesWritten(long bytes) {
            note("bytesWritten " + bytes);
        }

        @Override
        public void encrypted() {
            note("encrypted");
        }

        @Override
        public void encryptedBytesWritten(long bytes) {
            note("encryptedBytesWritten " + bytes);
        }

        @Override
        public void modeChanged(SslMode mode) {
            note("mode " + mode);
        }

        @Override
        public void peerVerifyError(SslError error) {
            note("peerVerifyError " + error.kind());
        }

        @Override
        public void sslErrors(List<SslError> errors) {
            note("sslErrors " + errors.stream().map(SslError::kind).toList());
        }

        @Override
        public void handshakeInterruptedOnError(SslError error) {
            note("handshakeInterruptedOnError " + error.kind());
        }

        @Override
        public void alertSent(AlertLevel level, int alertCode, String description) {
            note("alertSent " + level + " " + alertCode + " " + description);
        }

        @Override
        public void alertReceived(AlertLevel level, int alertCode, String description) {
            note("alertReceived " + level + " " + alertCode + " " + description);
        }

        @Override
        public void newSessionTicketReceived() {
            note("newSessionTicketReceived");
        }
    }
}
