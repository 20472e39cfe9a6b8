package org.jtls.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jtls.record.AlertLevel;

/**
 * A TLS server on one {@link SslEventLoop}, in the manner of Qt 6.4's {@code QSslServer}: it
 * accepts TCP connections, runs each handshake on the loop, and hands out only connections whose
 * handshake completed, through {@link #nextPendingConnection()}. Many connections share the loop;
 * a client that stalls mid-handshake holds up nobody and is dropped after
 * {@link #handshakeTimeout()}.
 *
 * <pre>{@code
 * SslEventLoop loop = SslEventLoop.start();
 * SslServer server = new SslServer(configuration, loop);
 * server.addListener(new SslServerListener() {
 *     public void pendingConnectionAvailable() {
 *         SslSocket socket = server.nextPendingConnection();
 *         socket.addListener(new SslSocketListener() {
 *             public void readyRead() { socket.write(socket.readAll()); } // echo
 *         });
 *     }
 * });
 * server.listen(InetAddress.getLoopbackAddress(), 0);
 * }</pre>
 *
 * At most {@link #maxPendingConnections()} connections are in their handshake or waiting to be
 * taken; further clients wait in the listen backlog. Stalled clients hold a slot until
 * {@link #handshakeTimeout()}, so a server facing many slow clients raises the limit or lowers
 * the timeout.
 *
 * <p>A handed-out socket keeps working on the server's loop; a socket's data that arrived with the
 * handshake is already in its read buffer, so check {@link SslSocket#bytesAvailable()} after
 * adding a listener.
 */
public final class SslServer implements AutoCloseable {
    /** Qt's default handshake timeout: 5 seconds. */
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
    /** Qt's default for {@code maxPendingConnections}. */
    public static final int DEFAULT_MAX_PENDING_CONNECTIONS = 30;

    private final SslEventLoop loop;
    private volatile SslConfiguration configuration;
    private final List<SslServerListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<SslSocket> pending = new ConcurrentLinkedDeque<>();
    /** Loop thread only: connections whose handshake runs, with their timeout timers. */
    private final Map<SslSocket, SslEventLoop.Timer> handshaking = new HashMap<>();
    private volatile int handshakeTimeoutMs = DEFAULT_HANDSHAKE_TIMEOUT_MS;
    private volatile int maxPendingConnections = DEFAULT_MAX_PENDING_CONNECTIONS;
    private ServerSocketChannel acceptor;
    private SelectionKey acceptKey;
    private volatile InetSocketAddress boundAddress;
    private volatile boolean acceptingPaused;
    private volatile String errorString = "";
    private volatile SslSocket.SocketError serverError;

    public SslServer(SslConfiguration configuration, SslEventLoop loop) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** A server with the process-wide {@link SslConfiguration#defaultConfiguration()}. */
    public SslServer(SslEventLoop loop) {
        this(SslConfiguration.defaultConfiguration(), loop);
    }

    public void addListener(SslServerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SslServerListener listener) {
        listeners.remove(listener);
    }

    /** The configuration new connections get (needs a local certificate and key, or a PSK listener). */
    public SslConfiguration sslConfiguration() {
        return configuration;
    }

    public void setSslConfiguration(SslConfiguration value) {
        this.configuration = Objects.requireNonNull(value, "configuration");
    }

    /** How long a connection may take from accept to a completed handshake, in milliseconds. */
    public int handshakeTimeout() {
        return handshakeTimeoutMs;
    }

    public void setHandshakeTimeout(int msecs) {
        if (msecs <= 0) {
            throw new IllegalArgumentException("handshake timeout must be positive, got " + msecs);
        }
        this.handshakeTimeoutMs = msecs;
    }

    /**
     * The most connections waiting: in their handshake or encrypted and not yet taken. Accepting
     * pauses while that many wait (further clients stay in the listen backlog) and resumes when
     * one is taken or dropped.
     */
    public int maxPendingConnections() {
        return maxPendingConnections;
    }

    public void setMaxPendingConnections(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("maxPendingConnections must be positive, got " + value);
        }
        this.maxPendingConnections = value;
    }

    /**
     * Starts listening on {@code address}:{@code port} (0 for an ephemeral port; see
     * {@link #serverPort()}). Returns false, with {@link #errorString()} set, when the address
     * cannot be bound.
     *
     * @throws IllegalStateException if the server is already listening
     */
    public boolean listen(InetAddress address, int port) {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return onLoop(() -> {
            if (acceptor != null) {
                throw new IllegalStateException("the server is already listening on " + boundAddress);
            }
            ServerSocketChannel opened = null;
            try {
                opened = ServerSocketChannel.open();
                opened.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                opened.bind(new InetSocketAddress(address, port), 128);
                opened.configureBlocking(false);
                acceptKey = loop.register(opened, SelectionKey.OP_ACCEPT, this::acceptReady);
                acceptor = opened;
                boundAddress = (InetSocketAddress) opened.getLocalAddress();
                acceptingPaused = false;
                return true;
            } catch (IOException e) {
                closeQuietly(opened);
                serverError = e instanceof BindException ? SslSocket.SocketError.ADDRESS_IN_USE_ERROR
                        : SslSocket.SocketError.NETWORK_ERROR;
                errorString = "cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage();
                return false;
            }
        });
    }

    /** Listens on the loopback address. */
    public boolean listen(int port) {
        return listen(InetAddress.getLoopbackAddress(), port);
    }

    public boolean isListening() {
        return boundAddress != null;
    }

    public Optional<InetAddress> serverAddress() {
        InetSocketAddress bound = boundAddress;
        return bound == null ? Optional.empty() : Optional.of(bound.getAddress());
    }

    /** The port listened on (the ephemeral one chosen for port 0), or 0 when not listening. */
    public int serverPort() {
        InetSocketAddress bound = boundAddress;
        return bound == null ? 0 : bound.getPort();
    }

    public String errorString() {
        return errorString;
    }

    public Optional<SslSocket.SocketError> serverError() {
        return Optional.ofNullable(serverError);
    }

    /** Stops accepting (connections already accepted go on). */
    public void pauseAccepting() {
        onLoop(() -> {
            acceptingPaused = true;
            updateAcceptInterest();
            return null;
        });
    }

    public void resumeAccepting() {
        onLoop(() -> {
            acceptingPaused = false;
            updateAcceptInterest();
            return null;
        });
    }

    public boolean hasPendingConnections() {
        return !pending.isEmpty();
    }

    /**
     * The next connection whose handshake completed, or null when none waits. The socket is the
     * caller's now: add listeners, read what it already buffered, and close it when done.
     */
    public SslSocket nextPendingConnection() {
        SslSocket next = pending.poll();
        if (next != null && !loop.isClosed()) {
            loop.execute(this::updateAcceptInterest);
        }
        return next;
    }

    /**
     * Stops listening. Connections still in their handshake are aborted; pending and handed-out
     * connections stay open.
     */
    @Override
    public void close() {
        if (loop.isTerminated()) {
            boundAddress = null;
            return;
        }
        onLoop(() -> {
            if (acceptKey != null) {
                acceptKey.cancel();
            }
            closeQuietly(acceptor);
            acceptor = null;
            acceptKey = null;
            boundAddress = null;
            for (Map.Entry<SslSocket, SslEventLoop.Timer> entry : List.copyOf(handshaking.entrySet())) {
                entry.getValue().cancel();
                entry.getKey().abort();
            }
            handshaking.clear();
            return null;
        });
    }

    // ---- on the loop ----

    private <T> T onLoop(Supplier<T> action) {
        return loop.call(action);
    }

    private void updateAcceptInterest() {
        if (acceptKey == null || !acceptKey.isValid()) {
            return;
        }
        // As in Qt 6.4, connections still in their handshake count towards the limit too.
        boolean accept = !acceptingPaused && pending.size() + handshaking.size() < maxPendingConnections;
        acceptKey.interestOps(accept ? SelectionKey.OP_ACCEPT : 0);
    }

    private void acceptReady(SelectionKey key) {
        // A bounded batch per wake-up, so a flood of connections does not starve established ones.
        for (int accepted = 0; accepted < 64 && acceptKey != null && acceptKey.isValid()
                && (acceptKey.interestOps() & SelectionKey.OP_ACCEPT) != 0; accepted++) {
            SocketChannel connection;
            try {
                connection = acceptor.accept();
            } catch (IOException e) {
                serverError = SslSocket.SocketError.SOCKET_RESOURCE_ERROR;
                errorString = "accept failed: " + e.getMessage();
                SslSocket.SocketError kind = serverError;
                emit(listener -> listener.acceptError(kind));
                return;
            }
            if (connection == null) {
                return;
            }
            startHandshake(connection);
            updateAcceptInterest();
        }
    }

    private void startHandshake(SocketChannel connection) {
        SslSocket socket = new SslSocket(configuration, loop);
        boolean psk = listeners.stream().anyMatch(SslServer::handlesPsk);
        HandshakeRelay relay = psk ? new PskHandshakeRelay(socket) : new HandshakeRelay(socket);
        socket.addListener(relay);
        try {
            socket.setSocket(connection);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            errorString = "cannot take over an accepted connection: " + e.getMessage();
            SslSocket.SocketError kind = SslSocket.SocketError.SOCKET_RESOURCE_ERROR;
            emit(listener -> listener.acceptError(kind));
            return;
        }
        SslEventLoop.Timer timer = loop.schedule(Duration.ofMillis(handshakeTimeoutMs), () -> timedOut(socket, relay));
        handshaking.put(socket, timer);
        emit(listener -> listener.startedEncryptionHandshake(socket));
        if (socket.state() == SslSocket.SocketState.CONNECTED && handshaking.containsKey(socket)) {
            socket.startServerEncryption();
        }
    }

    private void timedOut(SslSocket socket, HandshakeRelay relay) {
        if (handshaking.remove(socket) == null) {
            return;
        }
        updateAcceptInterest();
        socket.removeListener(relay);
        SslSocket.SocketError kind = SslSocket.SocketError.SOCKET_TIMEOUT_ERROR;
        emit(listener -> listener.errorOccurred(socket, kind));
        socket.abort();
    }

    private void handshakeDone(SslSocket socket, HandshakeRelay relay) {
        SslEventLoop.Timer timer = handshaking.remove(socket);
        if (timer == null) {
            return;
        }
        timer.cancel();
        socket.removeListener(relay);
        pending.add(socket);
        updateAcceptInterest();
        emit(SslServerListener::pendingConnectionAvailable);
        emit(SslServerListener::newConnection);
    }

    private void handshakeFailed(SslSocket socket, HandshakeRelay relay, SslSocket.SocketError error) {
        SslEventLoop.Timer timer = handshaking.remove(socket);
        if (timer == null) {
            return;
        }
        timer.cancel();
        socket.removeListener(relay);
        updateAcceptInterest();
        emit(listener -> listener.errorOccurred(socket, error));
        socket.abort();
    }

    private void emit(Consumer<SslServerListener> signal) {
        for (SslServerListener listener : listeners) {
            signal.accept(listener);
        }
    }

    private static boolean handlesPsk(SslServerListener listener) {
        try {
            return listener.getClass().getMethod("preSharedKeyAuthenticationRequired", SslSocket.class,
                    SslPreSharedKeyAuthenticator.class).getDeclaringClass() != SslServerListener.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException alreadyBroken) {
            // Nothing more to do with a channel that fails to close: it is unusable either way.
            return;
        }
    }

    /** Passes a handshaking socket's signals to the server's listeners; removed once the socket is handed out. */
    private class HandshakeRelay implements SslSocketListener {
        final SslSocket socket;

        HandshakeRelay(SslSocket socket) {
            this.socket = socket;
        }

        @Override
        public void encrypted() {
            handshakeDone(socket, this);
        }

        @Override
        public void errorOccurred(SslSocket.SocketError error) {
            handshakeFailed(socket, this, error);
        }

        @Override
        public void disconnected() {
            handshakeFailed(socket, this, SslSocket.SocketError.REMOTE_HOST_CLOSED_ERROR);
        }

        @Override
        public void sslErrors(List<SslError> errors) {
            emit(listener -> listener.sslErrors(socket, errors));
        }

        @Override
        public void peerVerifyError(SslError error) {
            emit(listener -> listener.peerVerifyError(socket, error));
        }

        @Override
        public void alertSent(AlertLevel level, int alertCode, String description) {
            emit(listener -> listener.alertSent(socket, level, alertCode, description));
        }

        @Override
        public void alertReceived(AlertLevel level, int alertCode, String description) {
            emit(listener -> listener.alertReceived(socket, level, alertCode, description));
        }

        @Override
        public void handshakeInterruptedOnError(SslError error) {
            emit(listener -> listener.handshakeInterruptedOnError(socket, error));
        }
    }

    /** The relay for servers whose listeners answer PSK identities (the socket asks only such listeners). */
    private final class PskHandshakeRelay extends HandshakeRelay {
        PskHandshakeRelay(SslSocket socket) {
            super(socket);
        }

        @Override
        public void preSharedKeyAuthenticationRequired(SslPreSharedKeyAuthenticator authenticator) {
            emit(listener -> listener.preSharedKeyAuthenticationRequired(socket, authenticator));
        }
    }

    @Override
    public String toString() {
        return "SslServer[" + (boundAddress == null ? "not listening" : boundAddress) + ", " + pending.size()
                + " pending]";
    }
}
