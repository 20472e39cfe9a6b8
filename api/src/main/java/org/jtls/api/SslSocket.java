package org.jtls.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jtls.handshake.KeyLog;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.TlsEvent;
import org.jtls.record.AlertLevel;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * A TLS connection over TCP in the manner of Qt's {@code QSslSocket}: connect, handshake, read and
 * write, with the peer's certificate checked as {@link PeerVerifyMode} says and problems reported
 * as {@link SslError}s.
 *
 * <h2>Blocking use</h2>
 * A socket made without an event loop is driven from the caller's thread, as Qt does without an
 * event loop: {@code connectToHost...} and {@code write} only record what to do, and the work
 * happens inside {@link #waitForConnected}, {@link #waitForEncrypted}, {@link #waitForReadyRead},
 * {@link #waitForBytesWritten}, {@link #waitForDisconnected}, {@link #flush} and
 * {@link #disconnectFromHost}. Reads never block: they return what is buffered. Every
 * {@code waitFor} method takes a timeout in milliseconds, {@code -1} for none, returns whether what
 * it waited for happened, and leaves {@link #error()} set when it did not.
 *
 * <pre>{@code
 * SslSocket socket = new SslSocket();
 * socket.connectToHostEncrypted("imap.example.com", 993);
 * if (!socket.waitForEncrypted(30_000)) {
 *     System.err.println(socket.errorString());
 *     return;
 * }
 * socket.write("1 CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
 * while (socket.waitForReadyRead(30_000)) {
 *     System.out.print(new String(socket.readAll(), StandardCharsets.US_ASCII));
 * }
 * }</pre>
 *
 * <h2>Event-driven use</h2>
 * A socket made with an {@link SslEventLoop} works by itself on the loop's thread, and the
 * listeners hear about it there, as Qt's signals reach their slots:
 *
 * <pre>{@code
 * SslEventLoop loop = SslEventLoop.start();
 * SslSocket socket = new SslSocket(SslConfiguration.defaultConfiguration(), loop);
 * socket.addListener(new SslSocketListener() {
 *     public void encrypted() { socket.write("GET / HTTP/1.0\r\n\r\n"); }
 *     public void readyRead() { System.out.print(new String(socket.readAll(), StandardCharsets.UTF_8)); }
 * });
 * socket.connectToHostEncrypted("example.com", 443);
 * }</pre>
 *
 * The {@code waitFor...} methods work too, from any thread but the loop's (they would stop the
 * loop they wait for): they block the caller until the loop has done the work.
 *
 * <h2>Threads</h2>
 * A blocking socket is driven by one thread at a time; {@link #abort()} may be called from another
 * thread to unblock it. An event-driven socket may be called from any thread: what changes the
 * connection runs on the loop thread (the caller waits for it), reads are synchronized. Listeners
 * run on the driving thread (blocking) or the loop thread (event-driven); see
 * {@link SslSocketListener}.
 */
public class SslSocket implements AutoCloseable {
    /** Qt's default for the {@code waitFor...} methods without an argument: 30 seconds. */
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    /** One TLS record with room to spare: what one network read asks for. */
    private static final int NETWORK_READ_SIZE = 16 * 1024 + 2048;

    /** Qt's {@code QAbstractSocket::SocketState}. */
    public enum SocketState { UNCONNECTED, HOST_LOOKUP, CONNECTING, CONNECTED, BOUND, LISTENING, CLOSING }

    /** Qt's {@code QSslSocket::SslMode}. */
    public enum SslMode { UNENCRYPTED_MODE, SSL_CLIENT_MODE, SSL_SERVER_MODE }

    /** Qt's {@code QAbstractSocket::SocketError}. */
    public enum SocketError {
        CONNECTION_REFUSED_ERROR, REMOTE_HOST_CLOSED_ERROR, HOST_NOT_FOUND_ERROR, SOCKET_ACCESS_ERROR,
        SOCKET_RESOURCE_ERROR, SOCKET_TIMEOUT_ERROR, DATAGRAM_TOO_LARGE_ERROR, NETWORK_ERROR, ADDRESS_IN_USE_ERROR,
        SOCKET_ADDRESS_NOT_AVAILABLE_ERROR, UNSUPPORTED_SOCKET_OPERATION_ERROR, PROXY_AUTHENTICATION_REQUIRED_ERROR,
        SSL_HANDSHAKE_FAILED_ERROR, UNFINISHED_SOCKET_OPERATION_ERROR, PROXY_CONNECTION_REFUSED_ERROR,
        PROXY_CONNECTION_CLOSED_ERROR, PROXY_CONNECTION_TIMEOUT_ERROR, PROXY_NOT_FOUND_ERROR, PROXY_PROTOCOL_ERROR,
        OPERATION_ERROR, SSL_INTERNAL_ERROR, SSL_INVALID_USER_DATA_ERROR, TEMPORARY_ERROR, UNKNOWN_SOCKET_ERROR
    }

    /**
     * How the peer ended its side of the connection (DESIGN.md: a close_notify is told apart from
     * a truncation). Beyond Qt, which reports all three as {@code RemoteHostClosedError}.
     */
    public enum PeerClose {
        /** The peer has not closed. */
        NONE,
        /** The peer sent close_notify: everything it sent has arrived. */
        CLOSE_NOTIFY,
        /** The peer ended the connection with a fatal alert. */
        FATAL_ALERT,
        /** The TCP connection ended without close_notify: data may have been cut off by an attacker. */
        TRUNCATED
    }

    private volatile SslConfiguration configuration;
    private final List<SslSocketListener> listeners = new CopyOnWriteArrayList<>();
    /** null: blocking use. */
    private final SslEventLoop loop;

    // ---- the connection ----
    private String hostName;
    private int port;
    private String peerVerifyName;
    private Socket transport;
    private InputStream input;
    private OutputStream output;
    private volatile SocketState state = SocketState.UNCONNECTED;
    private SslMode mode = SslMode.UNENCRYPTED_MODE;
    private boolean encryptWhenConnected;
    private boolean inputEnded;
    private volatile boolean aborted;
    private SocketError error = SocketError.UNKNOWN_SOCKET_ERROR;
    private String errorString = "Unknown error";

    // ---- TLS ----
    private TlsEngine engine;
    private boolean encrypted;
    private SessionInfo sessionInfo;
    private List<SslCertificate> peerChain = List.of();
    private List<SslError> handshakeErrors = List.of();
    private boolean verificationRejected;
    private boolean ignoreAllErrors;
    private List<SslError> errorsToIgnore = List.of();
    private PeerClose peerClose = PeerClose.NONE;
    private TlsException tlsFailure;
    private Writer keyLogWriter;

    // ---- buffers ----
    private final ByteQueue readBuffer = new ByteQueue();
    private final ByteQueue writeBuffer = new ByteQueue();
    private final byte[] networkBuffer = new byte[NETWORK_READ_SIZE];

    // ---- event-driven transport ----
    private SocketChannel channel;
    private SelectionKey selectionKey;
    /** Network bytes the channel has not taken yet. */
    private final ArrayDeque<ByteBuffer> outbound = new ArrayDeque<>();
    private long outboundBytes;
    /** Half-close TCP once {@link #outbound} is empty. */
    private boolean shutdownWhenFlushed;
    private boolean flushPosted;
    /** Reading stopped because the read buffer is full. */
    private boolean readingPaused;
    /** Bumped whenever a connection starts, so a late name lookup for an old one is dropped. */
    private int connectionAttempt;
    private boolean interruptedHandshakeContinued;
    /** Client 0-RTT: what went out as early data, to send again if the server rejects it. */
    private byte[] earlyDataSent;
    private EarlyDataStatus earlyDataStatus = EarlyDataStatus.NOT_SENT;
    /** {@link #receivedTotal} at the last read call: event-driven waitForReadyRead counts from there. */
    private long receivedAtLastRead;
    private long readBufferSize;
    /** Bytes ever added to the read buffer: how waitForReadyRead notices new data. */
    private long receivedTotal;
    /** {@link #receivedTotal} when readyRead was last emitted. */
    private long announcedTotal;

    /** A socket with the process-wide {@link SslConfiguration#defaultConfiguration()}. */
    public SslSocket() {
        this(SslConfiguration.defaultConfiguration());
    }

    /** A blocking socket: it works inside its {@code waitFor...} methods. */
    public SslSocket(SslConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.loop = null;
    }

    /**
     * An event-driven socket: it works on {@code loop}'s thread and calls its listeners there.
     */
    public SslSocket(SslConfiguration configuration, SslEventLoop loop) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** The loop this socket works on; empty for a blocking socket. */
    public Optional<SslEventLoop> eventLoop() {
        return Optional.ofNullable(loop);
    }

    public void addListener(SslSocketListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SslSocketListener listener) {
        listeners.remove(listener);
    }

    // =====================================================================================
    // Where the work runs
    // =====================================================================================

    /**
     * Runs an action that changes the connection: at once when blocking or already on the loop
     * thread, otherwise on the loop thread while the caller waits for its result (exceptions reach
     * the caller).
     */
    private <T> T call(Supplier<T> action) {
        if (loop == null) {
            return action.get();
        }
        return loop.call(() -> {
            synchronized (this) {
                try {
                    return action.get();
                } finally {
                    notifyAll();
                }
            }
        });
    }

    private void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Loop thread: runs network work for this socket under its lock and wakes waiting callers. A
     * listener's exception aborts the connection and goes on to the loop's exception handler.
     */
    private void onLoop(Runnable work) {
        synchronized (this) {
            try {
                work.run();
            } catch (RuntimeException | Error failure) {
                abortNow();
                throw failure;
            } finally {
                notifyAll();
            }
        }
    }

    /** Posts {@code work} to the loop; false when the loop is closed. */
    private boolean post(Runnable work) {
        try {
            loop.execute(() -> onLoop(work));
            return true;
        } catch (IllegalStateException loopClosed) {
            return false;
        }
    }

    // =====================================================================================
    // Connecting
    // =====================================================================================

    /**
     * Starts a plain TCP connection; the work happens in {@link #waitForConnected}. Follow with
     * {@link #startClientEncryption()} for STARTTLS.
     *
     * @throws IllegalStateException unless the socket is unconnected
     */
    public void connectToHost(String host, int port) {
        beginConnect(host, port, false, null);
    }

    /** Connects and then handshakes as a client; {@link #waitForEncrypted} does both. */
    public void connectToHostEncrypted(String host, int port) {
        beginConnect(host, port, true, null);
    }

    /**
     * As {@link #connectToHostEncrypted(String, int)}, with {@code sslPeerName} sent as SNI and
     * checked against the server's certificate instead of {@code host} (connect to an address,
     * verify a name).
     */
    public void connectToHostEncrypted(String host, int port, String sslPeerName) {
        beginConnect(host, port, true, Objects.requireNonNull(sslPeerName, "sslPeerName"));
    }

    private void beginConnect(String host, int port, boolean encrypt, String sslPeerName) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        run(() -> {
            if (state != SocketState.UNCONNECTED) {
                throw new IllegalStateException("connectToHost needs an unconnected socket; it is " + state);
            }
            resetConnection();
            this.hostName = host;
            this.port = port;
            if (sslPeerName != null) {
                this.peerVerifyName = sslPeerName;
            }
            this.encryptWhenConnected = encrypt;
            setState(SocketState.HOST_LOOKUP);
            if (loop != null) {
                resolveThenConnect();
            }
        });
    }

    /** Event-driven: the name lookup runs off the loop, the connect on it. */
    private void resolveThenConnect() {
        int attempt = ++connectionAttempt;
        String host = hostName;
        SslEventLoop.resolve(() -> {
            InetAddress found;
            try {
                found = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                found = null;
            }
            InetAddress address = found;
            post(() -> {
                if (attempt != connectionAttempt || state != SocketState.HOST_LOOKUP) {
                    return;
                }
                if (address == null) {
                    failConnection(SocketError.HOST_NOT_FOUND_ERROR, "Host not found: " + host);
                    return;
                }
                emit(SslSocketListener::hostFound);
                openChannel(address);
            });
        });
    }

    private void openChannel(InetAddress address) {
        setState(SocketState.CONNECTING);
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connectedAtOnce = channel.connect(new InetSocketAddress(address, port));
            selectionKey = loop.register(channel, connectedAtOnce ? 0 : SelectionKey.OP_CONNECT, this::channelReady);
            if (connectedAtOnce) {
                transportEstablished();
            }
        } catch (ConnectException e) {
            failConnection(SocketError.CONNECTION_REFUSED_ERROR, "Connection refused");
        } catch (IOException e) {
            failConnection(SocketError.NETWORK_ERROR, describe(e));
        }
    }

    private static String describe(IOException failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }

    /** TCP is up: report it, and start the client handshake if one was asked for. */
    private void transportEstablished() {
        setState(SocketState.CONNECTED);
        emit(SslSocketListener::connected);
        updateInterest();
        if (encryptWhenConnected && state == SocketState.CONNECTED) {
            startEncryptionNow(Role.CLIENT);
        }
    }

    /** Loop thread: the selector says the channel is ready. */
    private void channelReady(SelectionKey key) {
        onLoop(() -> {
            if (!key.isValid() || key != selectionKey) {
                return;
            }
            if (key.isConnectable()) {
                try {
                    if (channel.finishConnect()) {
                        transportEstablished();
                    }
                } catch (ConnectException e) {
                    failConnection(SocketError.CONNECTION_REFUSED_ERROR, "Connection refused");
                } catch (IOException e) {
                    failConnection(SocketError.NETWORK_ERROR, describe(e));
                }
                return;
            }
            if (key.isWritable()) {
                try {
                    flushOutbound();
                } catch (IOException e) {
                    if (!aborted && state != SocketState.UNCONNECTED) {
                        networkFailure(e);
                    }
                    return;
                }
            }
            if (key.isValid() && key.isReadable()) {
                readChannel();
            }
            updateInterest();
        });
    }

    /** Loop thread: reads what the channel has (a bounded number of times, to be fair to others). */
    private void readChannel() {
        for (int round = 0; round < 16; round++) {
            if (!(state == SocketState.CONNECTED || state == SocketState.CLOSING) || inputEnded || readBufferFull()) {
                return;
            }
            int count;
            try {
                count = channel.read(ByteBuffer.wrap(networkBuffer));
            } catch (IOException e) {
                if (!aborted && state != SocketState.UNCONNECTED) {
                    networkFailure(e);
                }
                return;
            }
            if (count == 0) {
                return;
            }
            if (count < 0) {
                endOfStream();
                return;
            }
            received(count);
        }
    }

    /** Loop thread: what the selector should watch for now. */
    private void updateInterest() {
        if (selectionKey == null || !selectionKey.isValid()) {
            return;
        }
        int ops = 0;
        if (state == SocketState.CONNECTING) {
            ops = SelectionKey.OP_CONNECT;
        } else if (state == SocketState.CONNECTED || state == SocketState.CLOSING) {
            readingPaused = readBufferFull();
            if (!inputEnded && !readingPaused) {
                ops |= SelectionKey.OP_READ;
            }
            if (!outbound.isEmpty()) {
                ops |= SelectionKey.OP_WRITE;
            }
        }
        if (selectionKey.interestOps() != ops) {
            selectionKey.interestOps(ops);
        }
    }

    /** After a read made room in a full read buffer: event-driven sockets read again. */
    private void resumeReadingIfRoom() {
        if (loop != null && readingPaused && !readBufferFull()) {
            readingPaused = false;
            post(this::updateInterest);
        }
    }

    /** Hands network bytes to the transport: written at once (blocking) or queued for the channel. */
    private void transmit(byte[] bytes) throws IOException {
        if (loop == null) {
            output.write(bytes);
            output.flush();
            return;
        }
        outbound.add(ByteBuffer.wrap(bytes));
        outboundBytes += bytes.length;
        flushOutbound();
    }

    /** Event-driven: writes queued bytes while the channel takes them. */
    private void flushOutbound() throws IOException {
        while (!outbound.isEmpty()) {
            ByteBuffer head = outbound.peek();
            int written = channel.write(head);
            outboundBytes -= written;
            if (head.hasRemaining()) {
                break;
            }
            outbound.poll();
        }
        if (outbound.isEmpty() && shutdownWhenFlushed) {
            shutdownWhenFlushed = false;
            channel.shutdownOutput();
        }
        updateInterest();
    }

    /** Whether bytes can be written to the network now. */
    private boolean transportWritable() {
        if (state == SocketState.UNCONNECTED) {
            return false;
        }
        if (loop == null) {
            return output != null && !transport.isClosed();
        }
        return channel != null && channel.isOpen() && channel.isConnected();
    }

    /** Half-closes TCP once everything queued has gone. */
    private void shutdownTransportOutput() throws IOException {
        if (loop == null) {
            transport.shutdownOutput();
        } else if (outbound.isEmpty()) {
            channel.shutdownOutput();
        } else {
            shutdownWhenFlushed = true;
        }
    }

    /**
     * Takes over a connected TCP socket (Qt's {@code setSocketDescriptor}), as a server does with
     * an accepted one; follow with {@link #startServerEncryption()}, or
     * {@link #startClientEncryption()} for a client.
     *
     * @throws IllegalStateException unless this socket is unconnected and {@code connected} is connected
     */
    public void setSocket(Socket connected) {
        Objects.requireNonNull(connected, "connected");
        if (loop != null) {
            if (connected.getChannel() == null) {
                throw new IllegalArgumentException("an event-driven SslSocket needs a socket with a channel "
                        + "(accepted by a ServerSocketChannel); use setSocket(SocketChannel) or SslServer");
            }
            setSocket(connected.getChannel());
            return;
        }
        if (state != SocketState.UNCONNECTED) {
            throw new IllegalStateException("setSocket needs an unconnected SslSocket; it is " + state);
        }
        if (!connected.isConnected() || connected.isClosed()) {
            throw new IllegalStateException("the socket is not connected");
        }
        resetConnection();
        try {
            attach(connected);
        } catch (IOException e) {
            setErrorAndEmit(SocketError.NETWORK_ERROR, e.getMessage());
            return;
        }
        hostName = null;
        port = connected.getPort();
        setState(SocketState.CONNECTED);
    }

    /**
     * Takes over a connected {@link SocketChannel}: an event-driven socket registers it with its
     * loop (non-blocking); a blocking socket switches it to blocking mode and uses its socket.
     *
     * @throws IllegalStateException unless this socket is unconnected and {@code connected} is connected
     */
    public void setSocket(SocketChannel connected) {
        Objects.requireNonNull(connected, "connected");
        if (loop == null) {
            try {
                connected.configureBlocking(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the channel blocking", e);
            }
            setSocket(connected.socket());
            return;
        }
        run(() -> {
            if (state != SocketState.UNCONNECTED) {
                throw new IllegalStateException("setSocket needs an unconnected SslSocket; it is " + state);
            }
            if (!connected.isOpen() || !connected.isConnected()) {
                throw new IllegalStateException("the channel is not connected");
            }
            resetConnection();
            try {
                connected.configureBlocking(false);
                connected.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel = connected;
                selectionKey = loop.register(connected, SelectionKey.OP_READ, this::channelReady);
                port = connected.socket().getPort();
            } catch (IOException e) {
                setErrorAndEmit(SocketError.NETWORK_ERROR, describe(e));
                return;
            }
            hostName = null;
            setState(SocketState.CONNECTED);
            updateInterest();
        });
    }

    /** Starts the client handshake on a connected socket (STARTTLS). */
    public void startClientEncryption() {
        run(() -> startEncryptionNow(Role.CLIENT));
    }

    /** Starts the server handshake on a connected socket; needs a local certificate and key. */
    public void startServerEncryption() {
        run(() -> startEncryptionNow(Role.SERVER));
    }

    private void resetConnection() {
        engine = null;
        encrypted = false;
        sessionInfo = null;
        peerChain = List.of();
        handshakeErrors = List.of();
        verificationRejected = false;
        peerClose = PeerClose.NONE;
        tlsFailure = null;
        inputEnded = false;
        aborted = false;
        mode = SslMode.UNENCRYPTED_MODE;
        encryptWhenConnected = false;
        readBuffer.clear();
        writeBuffer.clear();
        error = SocketError.UNKNOWN_SOCKET_ERROR;
        errorString = "Unknown error";
        outbound.clear();
        outboundBytes = 0;
        shutdownWhenFlushed = false;
        readingPaused = false;
        interruptedHandshakeContinued = false;
        earlyDataSent = null;
        earlyDataStatus = EarlyDataStatus.NOT_SENT;
        channel = null;
        selectionKey = null;
        transport = null;
        input = null;
        output = null;
    }

    private void attach(Socket socket) throws IOException {
        transport = socket;
        input = socket.getInputStream();
        output = socket.getOutputStream();
        socket.setTcpNoDelay(true);
    }

    /** Resolves and connects; false (with the error set and the socket unconnected) on failure. */
    private boolean establishTransport(long deadline) {
        InetAddress address;
        try {
            address = InetAddress.getByName(hostName);
        } catch (UnknownHostException e) {
            failConnection(SocketError.HOST_NOT_FOUND_ERROR, "Host not found: " + hostName);
            return false;
        }
        emit(SslSocketListener::hostFound);
        setState(SocketState.CONNECTING);
        Socket socket = new Socket();
        try {
            int timeout = remainingMillis(deadline);
            if (timeout < 0) {
                throw new SocketTimeoutException("connect timed out");
            }
            socket.connect(new InetSocketAddress(address, port), timeout);
            attach(socket);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            failConnection(SocketError.SOCKET_TIMEOUT_ERROR, "Connection timed out");
            return false;
        } catch (ConnectException e) {
            closeQuietly(socket);
            failConnection(SocketError.CONNECTION_REFUSED_ERROR, "Connection refused");
            return false;
        } catch (IOException e) {
            closeQuietly(socket);
            failConnection(SocketError.NETWORK_ERROR, e.getMessage());
            return false;
        }
        transportEstablished();
        return true;
    }

    // =====================================================================================
    // The handshake and peer verification
    // =====================================================================================

    private void startEncryptionNow(Role role) {
        if (state != SocketState.CONNECTED) {
            throw new IllegalStateException("encryption needs a connected socket; it is " + state);
        }
        if (mode != SslMode.UNENCRYPTED_MODE) {
            throw new IllegalStateException("the socket is already in " + mode);
        }
        mode = role == Role.CLIENT ? SslMode.SSL_CLIENT_MODE : SslMode.SSL_SERVER_MODE;
        emit(listener -> listener.modeChanged(mode));
        try {
            KeyLog keyLog = openKeyLog();
            TlsConfig tls = configuration.toTlsConfig(role, new SocketPeerVerifier(), keyLog,
                    role == Role.CLIENT ? askClientPsk() : null, role == Role.SERVER ? serverPskLookup() : null);
            engine = role == Role.CLIENT ? TlsEngine.client(tls, serverNameIndication(), port) : TlsEngine.server(tls);
            engine.beginHandshake();
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            setErrorAndEmit(SocketError.SSL_INVALID_USER_DATA_ERROR, e.getMessage());
            finishDisconnect();
            return;
        }
        // Bytes that arrived after the plaintext part and were not read belong to the TLS stream.
        if (readBuffer.size() > 0) {
            byte[] early = readBuffer.readAll();
            feedEngine(early, early.length);
        }
        pushPendingOutput();
    }

    /** Client: the PSK the listeners set, or null; IllegalArgumentException for a too-short key. */
    private org.jtls.handshake.ExternalPsk askClientPsk() {
        SslPreSharedKeyAuthenticator authenticator = new SslPreSharedKeyAuthenticator();
        emit(listener -> listener.preSharedKeyAuthenticationRequired(authenticator));
        return authenticator.isComplete() ? authenticator.toExternalPsk() : null;
    }

    /** Server: a lookup asking the listeners that handle PSKs, or null when none does. */
    private java.util.function.Function<byte[], Optional<org.jtls.handshake.ExternalPsk>> serverPskLookup() {
        List<SslSocketListener> handlers = listeners.stream().filter(SslSocket::handlesPsk).toList();
        if (handlers.isEmpty()) {
            return null;
        }
        // The engine may look an identity up more than once (suite choice, then the binder); ask once.
        java.util.Map<ByteBuffer, Optional<org.jtls.handshake.ExternalPsk>> answers = new java.util.HashMap<>();
        return identity -> answers.computeIfAbsent(ByteBuffer.wrap(identity.clone()), key -> {
            SslPreSharedKeyAuthenticator authenticator = new SslPreSharedKeyAuthenticator(identity);
            for (SslSocketListener listener : handlers) {
                listener.preSharedKeyAuthenticationRequired(authenticator);
            }
            if (authenticator.preSharedKey().length == 0) {
                return Optional.empty();
            }
            return Optional.of(new org.jtls.handshake.ExternalPsk(identity, authenticator.preSharedKey(),
                    authenticator.hash()));
        });
    }

    private static boolean handlesPsk(SslSocketListener listener) {
        try {
            return listener.getClass().getMethod("preSharedKeyAuthenticationRequired",
                    SslPreSharedKeyAuthenticator.class).getDeclaringClass() != SslSocketListener.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The identity of the external PSK that authenticated the connection, if one did. */
    public synchronized Optional<byte[]> preSharedKeyIdentity() {
        return sessionInfo == null ? Optional.empty() : sessionInfo.pskIdentity();
    }

    private KeyLog openKeyLog() throws IOException {
        Optional<Path> file = configuration.keyLogFile();
        if (file.isEmpty()) {
            return null;
        }
        keyLogWriter = Files.newBufferedWriter(file.get(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return KeyLog.to(keyLogWriter);
    }

    /** Qt sends the peer verify name, else the host name; none when SNI is switched off. */
    private String serverNameIndication() {
        if (configuration.testSslOption(SslOption.DISABLE_SERVER_NAME_INDICATION)) {
            return null;
        }
        return peerVerifyName != null ? peerVerifyName : hostName;
    }

    /** The name the server's certificate must carry; "" (which matches nothing) when none is known. */
    private String nameToVerify() {
        if (peerVerifyName != null) {
            return peerVerifyName;
        }
        return hostName != null ? hostName : "";
    }

    /** Runs inside the engine when the peer's chain arrives; applies the verify mode and ignores. */
    private final class SocketPeerVerifier implements PeerVerifier {
        @Override
        public List<String> verify(List<byte[]> chain, String serverName, Role peerRole) {
            return verify(chain, serverName, peerRole, null);
        }

        @Override
        public List<String> verify(List<byte[]> chain, String serverName, Role peerRole, byte[] stapledOcspResponse) {
            return verifyPeer(chain, peerRole, stapledOcspResponse);
        }
    }

    private List<String> verifyPeer(List<byte[]> chainDer, Role peerRole, byte[] stapledOcspResponse) {
        boolean server = mode == SslMode.SSL_SERVER_MODE;
        PeerVerifyMode verifyMode = configuration.peerVerifyMode().effective(server);
        List<SslError> errors = new ArrayList<>();
        List<SslCertificate> chain = new ArrayList<>();
        for (int index = 0; index < chainDer.size(); index++) {
            try {
                chain.add(SslCertificate.fromDer(chainDer.get(index)));
            } catch (SslFormatException e) {
                errors.add(new SslError(SslError.Kind.UNSPECIFIED_ERROR, null,
                        "certificate " + index + " of the peer's chain cannot be parsed: " + e.getMessage()));
            }
        }
        peerChain = List.copyOf(chain);
        if (verifyMode == PeerVerifyMode.VERIFY_NONE) {
            return List.of();
        }
        boolean peerIsServer = peerRole == Role.SERVER;
        CertificateVerifier.Request request = new CertificateVerifier.Request(chain, configuration.caCertificates(),
                peerIsServer ? nameToVerify() : null,
                peerIsServer ? CertificateVerifier.Purpose.SERVER_AUTH : CertificateVerifier.Purpose.CLIENT_AUTH,
                configuration.peerVerifyDepth(), configuration.clock().instant(), stapledOcspResponse,
                peerIsServer && configuration.ocspStaplingEnabled(), configuration.cryptoBackend());
        errors.addAll(configuration.certificateVerifier().verify(request));
        handshakeErrors = List.copyOf(errors);
        if (errors.isEmpty()) {
            return List.of();
        }
        for (SslError problem : handshakeErrors) {
            emit(listener -> listener.peerVerifyError(problem));
        }
        if (verifyMode == PeerVerifyMode.VERIFY_PEER && configuration.handshakeMustInterruptOnError()) {
            // Qt 6: the handshake pauses on the first problem; only continueInterruptedHandshake()
            // called from the callback lets it go on.
            interruptedHandshakeContinued = false;
            SslError first = handshakeErrors.get(0);
            emit(listener -> listener.handshakeInterruptedOnError(first));
            if (interruptedHandshakeContinued) {
                return List.of();
            }
            verificationRejected = true;
            return handshakeErrors.stream().map(SslError::toString).toList();
        }
        emit(listener -> listener.sslErrors(handshakeErrors));
        if (verifyMode == PeerVerifyMode.QUERY_PEER || ignoreAllErrors || errorsToIgnore.containsAll(handshakeErrors)) {
            return List.of();
        }
        verificationRejected = true;
        return handshakeErrors.stream().map(SslError::toString).toList();
    }

    /**
     * Qt 6: lets a handshake that {@link SslSocketListener#handshakeInterruptedOnError} paused go
     * on despite the certificate problem. Only has an effect when called from that callback
     * ({@link SslConfiguration#handshakeMustInterruptOnError()}); otherwise the handshake has
     * already failed or was never interrupted.
     */
    public synchronized void continueInterruptedHandshake() {
        interruptedHandshakeContinued = true;
    }

    /**
     * A client that went on despite certificate problems must not leave its session where a
     * stricter socket with the same settings would resume it without verifying anything.
     */
    private void forgetSessionIfUnverified() {
        if (mode != SslMode.SSL_CLIENT_MODE || handshakeErrors.isEmpty()
                || configuration.testSslOption(SslOption.DISABLE_SESSION_SHARING)) {
            return;
        }
        String name = serverNameIndication();
        if (name != null) {
            configuration.clientSessionCache().remove(name + ":" + port);
        }
    }

    /**
     * Continue the handshake despite the certificate problems reported so far (and any that
     * follow): call it from {@link SslSocketListener#sslErrors}, or before the handshake to ignore
     * everything. Never ignore errors you have not looked at: that is how connections get
     * intercepted.
     */
    public synchronized void ignoreSslErrors() {
        ignoreAllErrors = true;
    }

    /**
     * Continue only if every problem found is in {@code errors} (same kind, same certificate);
     * any other problem still ends the handshake. May be called before connecting, for errors
     * that are expected (a known self-signed certificate, say).
     */
    public synchronized void ignoreSslErrors(Collection<SslError> errors) {
        this.errorsToIgnore = List.copyOf(errors);
    }

    /** The certificate problems of the last handshake, including ignored ones. */
    public synchronized List<SslError> sslHandshakeErrors() {
        return handshakeErrors;
    }

    /** Qt 4.5's name for {@link #sslHandshakeErrors()}. */
    public List<SslError> sslErrors() {
        return sslHandshakeErrors();
    }

    /**
     * The stapled OCSP answers about the server's certificate (Qt 5.13's {@code ocspResponses()}):
     * empty unless this client asked for stapling ({@link SslConfiguration#ocspStaplingEnabled()})
     * and the server sent a response.
     */
    public synchronized List<SslOcspResponse> ocspResponses() {
        if (sessionInfo == null || peerChain.isEmpty()) {
            return List.of();
        }
        Optional<byte[]> stapled = sessionInfo.stapledOcspResponse();
        if (stapled.isEmpty()) {
            return List.of();
        }
        SslCertificate issuer = peerChain.size() > 1 ? peerChain.get(1) : findIssuer(peerChain.get(0));
        return SslOcspResponse.of(stapled.get(), peerChain.get(0), issuer, configuration.cryptoBackend());
    }

    private SslCertificate findIssuer(SslCertificate leaf) {
        for (SslCertificate candidate : configuration.caCertificates()) {
            if (candidate.certificate().subject().equals(leaf.certificate().issuer())) {
                return candidate;
            }
        }
        return null;
    }

    // =====================================================================================
    // Waiting: where the work happens
    // =====================================================================================

    public boolean waitForConnected() {
        return waitForConnected(DEFAULT_TIMEOUT_MS);
    }

    /** Until the TCP connection is established; {@code msecs} -1 for no limit. */
    public boolean waitForConnected(int msecs) {
        if (state == SocketState.CONNECTED || state == SocketState.CLOSING) {
            return true;
        }
        return waitUntil(() -> state == SocketState.CONNECTED || state == SocketState.CLOSING, msecs);
    }

    public boolean waitForEncrypted() {
        return waitForEncrypted(DEFAULT_TIMEOUT_MS);
    }

    /** Until the handshake completes (connecting first if needed); false if it failed or timed out. */
    public boolean waitForEncrypted(int msecs) {
        if (encrypted) {
            return true;
        }
        if (mode == SslMode.UNENCRYPTED_MODE && !encryptWhenConnected) {
            return false;
        }
        return waitUntil(() -> encrypted, msecs);
    }

    public boolean waitForReadyRead() {
        return waitForReadyRead(DEFAULT_TIMEOUT_MS);
    }

    /**
     * Until new data can be read (sending what was written first); false on timeout, when the
     * connection closes without new data, or when the read buffer is full
     * ({@link #setReadBufferSize}).
     */
    public boolean waitForReadyRead(int msecs) {
        long before;
        synchronized (this) {
            if (state == SocketState.UNCONNECTED || readBufferFull()) {
                return false;
            }
            // Event-driven data may arrive between a read and this call; it counts as new.
            before = loop == null ? receivedTotal : receivedAtLastRead;
        }
        return waitUntil(() -> receivedTotal > before, msecs);
    }

    public boolean waitForBytesWritten() {
        return waitForBytesWritten(DEFAULT_TIMEOUT_MS);
    }

    /** Until what was written has gone to the network (after the handshake, for TLS); false if nothing was pending. */
    public boolean waitForBytesWritten(int msecs) {
        if (!hasPendingOutput()) {
            return false;
        }
        return waitUntil(() -> !hasPendingOutput(), msecs);
    }

    public boolean waitForDisconnected() {
        return waitForDisconnected(DEFAULT_TIMEOUT_MS);
    }

    /** Until the connection is closed (by {@link #disconnectFromHost} and the peer, or by the peer). */
    public boolean waitForDisconnected(int msecs) {
        if (state == SocketState.UNCONNECTED) {
            return false;
        }
        return waitUntil(() -> state == SocketState.UNCONNECTED, msecs);
    }

    private boolean hasPendingOutput() {
        return writeBuffer.size() > 0 || engine != null && engine.pendingOutput() > 0 || outboundBytes > 0;
    }

    private boolean readBufferFull() {
        return readBufferSize > 0 && readBuffer.size() >= readBufferSize;
    }

    private boolean waitUntil(BooleanSupplier done, int msecs) {
        if (msecs < -1) {
            throw new IllegalArgumentException("timeout must be -1 (none) or at least 0 ms, got " + msecs);
        }
        return loop == null ? driveUntil(done, msecs) : awaitEvents(done, msecs);
    }

    /**
     * Event-driven: the loop does the work; the caller sleeps until {@code done} or the timeout.
     * Never on the loop thread, which would wait for itself.
     */
    private boolean awaitEvents(BooleanSupplier done, int msecs) {
        if (loop.inLoopThread()) {
            throw new IllegalStateException("waitFor... on the event loop's own thread would stop the loop it "
                    + "waits for; react in the listener callbacks instead");
        }
        run(() -> {
            pushPendingOutput();
        });
        long deadline = msecs == -1 ? Long.MAX_VALUE : System.nanoTime() + msecs * 1_000_000L;
        synchronized (this) {
            boolean interrupted = false;
            try {
                while (true) {
                    if (done.getAsBoolean()) {
                        return true;
                    }
                    if (state == SocketState.UNCONNECTED || loop.isTerminated()) {
                        return false;
                    }
                    long waitMillis;
                    if (deadline == Long.MAX_VALUE) {
                        waitMillis = 0;
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            SocketError kind = SocketError.SOCKET_TIMEOUT_ERROR;
                            setError(kind, "Socket operation timed out");
                            emit(listener -> listener.errorOccurred(kind));
                            return false;
                        }
                        waitMillis = Math.max(1, remaining / 1_000_000L);
                    }
                    try {
                        // Bounded, so a loop that dies unnoticed cannot leave the caller here forever.
                        wait(waitMillis == 0 ? 1_000 : Math.min(waitMillis, 1_000));
                    } catch (InterruptedException e) {
                        interrupted = true;
                        return done.getAsBoolean();
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Blocking: the driving loop of every waiting method: send, check, then connect or receive once. */
    private boolean driveUntil(BooleanSupplier done, int msecs) {
        long deadline = msecs == -1 ? Long.MAX_VALUE : System.nanoTime() + msecs * 1_000_000L;
        try {
            while (true) {
                pushPendingOutput();
                if (done.getAsBoolean()) {
                    return true;
                }
                switch (state) {
                    case HOST_LOOKUP, CONNECTING -> {
                        if (!establishTransport(deadline)) {
                            return false;
                        }
                    }
                    case CONNECTED, CLOSING -> {
                        if (inputEnded || readBufferFull() || !receiveOnce(deadline)) {
                            return done.getAsBoolean();
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            }
        } catch (RuntimeException listenerOrBug) {
            abort();
            throw listenerOrBug;
        }
    }

    /** Milliseconds until {@code deadline}: 0 for no limit (as sockets read it), -1 when it has passed. */
    private static int remainingMillis(long deadline) {
        if (deadline == Long.MAX_VALUE) {
            return 0;
        }
        long remaining = (deadline - System.nanoTime()) / 1_000_000L;
        if (remaining <= 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    /** One read from the network, blocking until {@code deadline}; false when nothing came. */
    private boolean receiveOnce(long deadline) {
        int count;
        try {
            int timeout = remainingMillis(deadline);
            if (timeout < 0) {
                if (input.available() <= 0) {
                    setErrorAndEmit(SocketError.SOCKET_TIMEOUT_ERROR, "Socket operation timed out");
                    return false;
                }
                timeout = 1;
            }
            transport.setSoTimeout(timeout);
            count = input.read(networkBuffer);
        } catch (SocketTimeoutException e) {
            setErrorAndEmit(SocketError.SOCKET_TIMEOUT_ERROR, "Socket operation timed out");
            return false;
        } catch (IOException e) {
            if (!aborted && state != SocketState.UNCONNECTED) {
                networkFailure(e);
            }
            return false;
        }
        if (count < 0) {
            endOfStream();
            return true;
        }
        received(count);
        return true;
    }

    /** {@code count} bytes arrived in {@link #networkBuffer}. */
    private void received(int count) {
        if (mode == SslMode.UNENCRYPTED_MODE) {
            appendReceived(networkBuffer, 0, count);
            announceNewData();
            return;
        }
        feedEngine(networkBuffer, count);
    }

    /** Hands received TLS bytes to the engine and acts on the result. */
    private void feedEngine(byte[] bytes, int length) {
        ByteBuffer received = ByteBuffer.wrap(bytes, 0, length);
        boolean failed = false;
        int idleRounds = 0;
        while (!failed) {
            int taken = engine.receive(received);
            failed = !processEngine();
            if (!received.hasRemaining() || engine.isInboundClosed()) {
                break;
            }
            idleRounds = taken == 0 ? idleRounds + 1 : 0;
            if (idleRounds > 1) {
                throw new IllegalStateException("the engine takes no more input although its records were processed");
            }
        }
        if (!failed) {
            pushPendingOutput();
        }
        announceNewData();
        if (!failed && engine.isInboundClosed() && state != SocketState.UNCONNECTED) {
            peerClosed();
        }
    }

    /** Runs the engine over buffered input; false when the connection failed. */
    private boolean processEngine() {
        try {
            do {
                engine.process();
            } while (drainApplicationData() > 0 && !engine.isInboundClosed());
            drainApplicationData();
            handleEvents();
            return true;
        } catch (TlsException e) {
            drainApplicationData();
            handleEvents();
            tlsFailed(e);
            return false;
        }
    }

    private int drainApplicationData() {
        int total = 0;
        while (engine.applicationDataAvailable() > 0) {
            int count = readBuffer.appendFrom(engine.applicationDataAvailable(), engine::readApplicationData);
            if (count <= 0) {
                break;
            }
            receivedTotal += count;
            total += count;
        }
        return total;
    }

    /** readyRead, once for all data added since the last one. */
    private void announceNewData() {
        if (receivedTotal > announcedTotal) {
            announcedTotal = receivedTotal;
            emit(SslSocketListener::readyRead);
        }
    }

    private void appendReceived(byte[] bytes, int offset, int length) {
        readBuffer.append(bytes, offset, length);
        receivedTotal += length;
    }

    private void handleEvents() {
        for (TlsEvent event = engine.pollEvent(); event != null; event = engine.pollEvent()) {
            if (event instanceof TlsEvent.HandshakeCompleted completed) {
                forgetSessionIfUnverified();
                sessionInfo = completed.session();
                peerChain = parseChain(sessionInfo.peerCertificates());
                if (!encrypted) {
                    encrypted = true;
                    emit(SslSocketListener::encrypted);
                }
            } else if (event instanceof TlsEvent.AlertSent sent) {
                AlertLevel level = sent.fatal() ? AlertLevel.FATAL : AlertLevel.WARNING;
                emit(listener -> listener.alertSent(level, sent.description().code(), sent.description().rfcName()));
            } else if (event instanceof TlsEvent.ApplicationDataAvailable) {
                // Data that came before what follows (an alert, say) is announced first.
                announceNewData();
            } else if (event instanceof TlsEvent.AlertReceived received) {
                String name = received.alert().description().map(description -> description.rfcName())
                        .orElse("unknown(" + received.alert().code() + ")");
                emit(listener -> listener.alertReceived(received.alert().level(), received.alert().code(), name));
            } else if (event instanceof TlsEvent.SessionTicketReceived) {
                forgetSessionIfUnverified();
                emit(SslSocketListener::newSessionTicketReceived);
            } else if (event instanceof TlsEvent.PeerCertificateUpdated updated) {
                peerChain = parseChain(updated.chain());
            } else if (event instanceof TlsEvent.EarlyDataAnswered answer) {
                earlyDataStatus = answer.accepted() ? EarlyDataStatus.ACCEPTED : EarlyDataStatus.REJECTED;
                if (!answer.accepted() && earlyDataSent != null) {
                    // RFC 8446 §4.2.10: rejected 0-RTT data is the application's to send again; we do it.
                    byte[] later = writeBuffer.readAll();
                    writeBuffer.append(earlyDataSent, 0, earlyDataSent.length);
                    writeBuffer.append(later, 0, later.length);
                }
                earlyDataSent = null;
            } else if (event instanceof TlsEvent.InboundClosed closed) {
                peerClose = closed.cleanly() ? PeerClose.CLOSE_NOTIFY
                        : closed.truncated() ? PeerClose.TRUNCATED : PeerClose.FATAL_ALERT;
            }
        }
    }

    private static List<SslCertificate> parseChain(List<byte[]> chainDer) {
        List<SslCertificate> chain = new ArrayList<>();
        for (byte[] der : chainDer) {
            try {
                chain.add(SslCertificate.fromDer(der));
            } catch (SslFormatException unparseable) {
                // Reported as an SslError during verification; the parsed part of the chain is still shown.
                continue;
            }
        }
        return List.copyOf(chain);
    }

    /** The peer's close_notify: answer it (the engine queued our close_notify) and close. */
    private void peerClosed() {
        pushPendingOutput();
        if (state != SocketState.CLOSING) {
            setErrorAndEmit(SocketError.REMOTE_HOST_CLOSED_ERROR, "The remote host closed the connection");
        }
        finishDisconnect();
    }

    /** The TCP stream ended. */
    private void endOfStream() {
        inputEnded = true;
        if (engine != null && !engine.isInboundClosed()) {
            try {
                engine.receiveEndOfStream();
                handleEvents();
            } catch (TlsException e) {
                handleEvents();
                tlsFailed(e);
                return;
            }
        }
        if (state != SocketState.CLOSING) {
            setErrorAndEmit(SocketError.REMOTE_HOST_CLOSED_ERROR, "The remote host closed the connection");
        }
        finishDisconnect();
    }

    /** The engine ended the connection: send its alert if it has one, report, close. */
    private void tlsFailed(TlsException failure) {
        tlsFailure = failure;
        if (failure instanceof TlsAlertException alert && !alert.isLocal() && peerClose == PeerClose.NONE) {
            peerClose = PeerClose.FATAL_ALERT;
        }
        pushPendingOutput();
        String message = verificationRejected && !handshakeErrors.isEmpty()
                ? handshakeErrors.get(0).errorString() : failure.getMessage();
        setErrorAndEmit(encrypted ? SocketError.SSL_INTERNAL_ERROR : SocketError.SSL_HANDSHAKE_FAILED_ERROR, message);
        finishDisconnect();
    }

    private void networkFailure(IOException failure) {
        if (engine != null && !engine.isInboundClosed() && peerClose == PeerClose.NONE) {
            // A reset or broken connection is a TLS stream that ended without close_notify.
            peerClose = PeerClose.TRUNCATED;
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        boolean reset = message.contains("reset") || message.contains("Broken pipe");
        setErrorAndEmit(reset ? SocketError.REMOTE_HOST_CLOSED_ERROR : SocketError.NETWORK_ERROR, message);
        finishDisconnect();
    }

    // =====================================================================================
    // Writing
    // =====================================================================================

    /**
     * Queues data to send. A blocking socket sends it with the next {@link #flush},
     * {@code waitFor...} or {@link #disconnectFromHost}; an event-driven one soon after, on its
     * loop. For TLS it goes out once the handshake has completed, or as TLS 1.3 early data when
     * the configuration enables 0-RTT and the resumed session allows it.
     *
     * @return {@code length}, or -1 when the socket cannot send (unconnected, closing, or its
     *         sending side closed)
     */
    public synchronized long write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        boolean open = state == SocketState.HOST_LOOKUP || state == SocketState.CONNECTING
                || state == SocketState.CONNECTED;
        if (!open || engine != null && engine.isOutboundClosed() || loop != null && loop.isClosed()) {
            return -1;
        }
        writeBuffer.append(data, offset, length);
        scheduleFlush();
        return length;
    }

    public long write(byte[] data) {
        return write(data, 0, data.length);
    }

    /** The string's UTF-8 bytes. */
    public long write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean putChar(byte value) {
        return write(new byte[] {value}) == 1;
    }

    /** Event-driven: one flush on the loop for any number of writes before it runs. */
    private void scheduleFlush() {
        if (loop == null || flushPosted) {
            return;
        }
        flushPosted = post(() -> {
            flushPosted = false;
            pushPendingOutput();
        });
    }

    /**
     * Sends what can be sent now: queued data once the handshake has completed (or in
     * unencrypted mode), and any TLS records waiting. Returns whether anything was written.
     */
    public boolean flush() {
        return call(() -> pushPendingOutput() > 0);
    }

    /** Writes queued plaintext (when allowed) and the engine's records; returns the network bytes written. */
    private int pushPendingOutput() {
        if (!transportWritable()) {
            return 0;
        }
        try {
            if (mode == SslMode.UNENCRYPTED_MODE) {
                if (writeBuffer.size() == 0) {
                    return 0;
                }
                byte[] plaintext = writeBuffer.readAll();
                transmit(plaintext);
                emit(listener -> listener.bytesWritten(plaintext.length));
                return plaintext.length;
            }
            if (engine == null) {
                return 0;
            }
            int plaintextSent = 0;
            if (encrypted && writeBuffer.size() > 0 && engine.status() == TlsEngine.Status.CONNECTED
                    && !engine.isOutboundClosed()) {
                // Straight from the write buffer's array: the engine seals it into records.
                ByteBuffer plaintext = writeBuffer.view();
                plaintextSent = plaintext.remaining();
                engine.writeApplicationData(plaintext);
                writeBuffer.skip(plaintextSent);
            } else if (!encrypted && writeBuffer.size() > 0 && engine.canWriteEarlyData()
                    && engine.earlyDataRemaining() > 0) {
                plaintextSent = writeEarlyData();
            }
            int sent = 0;
            if (engine.pendingOutput() > 0) {
                byte[] records = engine.drainOutput();
                transmit(records);
                sent = records.length;
                emit(listener -> listener.encryptedBytesWritten(records.length));
            }
            if (plaintextSent > 0) {
                int bytes = plaintextSent;
                emit(listener -> listener.bytesWritten(bytes));
            }
            return sent;
        } catch (TlsException e) {
            tlsFailed(e);
            return 0;
        } catch (IOException e) {
            if (!aborted) {
                networkFailure(e);
            }
            return 0;
        }
    }

    /** TLS 1.3 0-RTT: sends queued data (up to the ticket's allowance) before the handshake ends. */
    private int writeEarlyData() throws TlsException {
        byte[] early = writeBuffer.read((int) Math.min(writeBuffer.size(), engine.earlyDataRemaining()));
        engine.writeApplicationData(ByteBuffer.wrap(early));
        earlyDataSent = earlyDataSent == null ? early : concat(earlyDataSent, early);
        earlyDataStatus = EarlyDataStatus.PENDING;
        return early.length;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** What became of the 0-RTT data this client sent. */
    public enum EarlyDataStatus {
        /** None was sent (no 0-RTT in the configuration, no resumable session allowing it, or nothing written in time). */
        NOT_SENT,
        /** Sent; the server has not answered yet. */
        PENDING,
        /** The server accepted it: it was delivered once. */
        ACCEPTED,
        /** The server rejected it; the socket sent the same data again after the handshake. */
        REJECTED
    }

    /** Client: whether the data written before the handshake completed went out as 0-RTT and was accepted. */
    public synchronized EarlyDataStatus earlyDataStatus() {
        return earlyDataStatus;
    }

    /**
     * TLS 1.3 KeyUpdate (RFC 8446 §4.6.3): new keys for what we send, and with
     * {@code requestPeerUpdate} a request that the peer renew its keys too. Beyond Qt.
     *
     * @throws IllegalStateException unless a TLS 1.3 connection is established
     */
    public void updateKeys(boolean requestPeerUpdate) {
        run(() -> {
            requireEngine();
            try {
                engine.updateKeys(requestPeerUpdate);
                handleEvents();
            } catch (TlsException e) {
                tlsFailed(e);
                return;
            }
            pushPendingOutput();
        });
    }

    /**
     * TLS ≤ 1.2 renegotiation (RFC 5746): a client sends a new ClientHello, a server a
     * HelloRequest. Data keeps flowing; {@link SslSocketListener#encrypted} is not repeated. Beyond Qt.
     *
     * @throws IllegalStateException unless a TLS ≤ 1.2 connection is established, or when the peer
     *         lacks secure renegotiation
     */
    public void renegotiate() {
        run(() -> {
            requireEngine();
            try {
                engine.renegotiate();
                handleEvents();
            } catch (TlsException e) {
                tlsFailed(e);
                return;
            }
            pushPendingOutput();
        });
    }

    /**
     * Server, TLS 1.3: asks the client for a certificate after the handshake (RFC 8446 §4.6.2);
     * {@link #peerCertificateChain()} changes when it answers. Beyond Qt.
     *
     * @throws IllegalStateException unless this is an established TLS 1.3 server connection whose
     *         client offered post-handshake authentication
     */
    public void requestClientCertificate() {
        run(() -> {
            requireEngine();
            try {
                engine.requestClientCertificate();
                handleEvents();
            } catch (TlsException e) {
                tlsFailed(e);
                return;
            }
            pushPendingOutput();
        });
    }

    private void requireEngine() {
        if (engine == null || !encrypted || state != SocketState.CONNECTED) {
            throw new IllegalStateException("needs an encrypted, connected socket; it is " + state
                    + (encrypted ? "" : ", not encrypted"));
        }
    }

    // =====================================================================================
    // Reading: from the buffer, never blocking
    // =====================================================================================

    /** Bytes that can be read now. */
    public synchronized long bytesAvailable() {
        return readBuffer.size();
    }

    /** Bytes written but not yet sent. */
    public synchronized long bytesToWrite() {
        return writeBuffer.size();
    }

    /** Up to {@code length} bytes into {@code buffer}; returns how many (0 when none are buffered). */
    public synchronized int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int count = readBuffer.read(buffer, offset, length);
        afterRead();
        return count;
    }

    public synchronized byte[] read(int maxSize) {
        byte[] bytes = readBuffer.read(maxSize);
        afterRead();
        return bytes;
    }

    public synchronized byte[] readAll() {
        byte[] bytes = readBuffer.readAll();
        afterRead();
        return bytes;
    }

    private void afterRead() {
        receivedAtLastRead = receivedTotal;
        resumeReadingIfRoom();
    }

    /** Up to {@code maxSize} bytes without removing them. */
    public synchronized byte[] peek(int maxSize) {
        return readBuffer.peek(maxSize);
    }

    /** Whether a whole line (ending in {@code \n}) is buffered. */
    public synchronized boolean canReadLine() {
        return readBuffer.indexOf((byte) '\n') >= 0;
    }

    /** The next line with its {@code \n}, or all buffered bytes when no line is complete. */
    public byte[] readLine() {
        return readLine(Integer.MAX_VALUE);
    }

    /** As {@link #readLine()}, at most {@code maxSize} bytes. */
    public synchronized byte[] readLine(int maxSize) {
        int newline = readBuffer.indexOf((byte) '\n');
        int length = newline >= 0 ? newline + 1 : readBuffer.size();
        byte[] line = readBuffer.read(Math.min(length, maxSize));
        afterRead();
        return line;
    }

    /** The next byte (0..255), or -1 when none is buffered. */
    public synchronized int getChar() {
        byte[] one = readBuffer.read(1);
        afterRead();
        return one.length == 0 ? -1 : one[0] & 0xFF;
    }

    /** Puts a byte back to be read next. */
    public synchronized void ungetChar(byte value) {
        readBuffer.prepend(value);
    }

    /** Whether nothing is buffered and nothing more can arrive. */
    public synchronized boolean atEnd() {
        return readBuffer.size() == 0 && (state == SocketState.UNCONNECTED || inputEnded);
    }

    /**
     * Limits how much received data is buffered: while {@code size} bytes are unread, the socket
     * stops reading from the network. Records are decrypted whole, so the buffer may exceed the
     * limit by what one network read brought (at most about two TLS records). 0 (the default)
     * means no limit.
     */
    public synchronized void setReadBufferSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("read buffer size must not be negative");
        }
        this.readBufferSize = size;
        if (loop != null) {
            readingPaused = true;
            resumeReadingIfRoom();
        }
    }

    public synchronized long readBufferSize() {
        return readBufferSize;
    }

    /**
     * Received TLS bytes not yet decrypted: the part of a record that has arrived while the rest
     * has not. Every byte read from the network goes to the engine at once, and whole records are
     * decrypted at once, so this is at most one record's worth.
     */
    public synchronized long encryptedBytesAvailable() {
        return engine == null ? 0 : engine.bufferedInput();
    }

    /** TLS records made but not yet written to the network. */
    public synchronized long encryptedBytesToWrite() {
        return (engine == null ? 0 : engine.pendingOutput()) + outboundBytes;
    }

    // =====================================================================================
    // Closing
    // =====================================================================================

    /**
     * Closes our side: sends what was written (if the handshake has completed), then close_notify,
     * then half-closes TCP. The socket is {@link SocketState#CLOSING} until the peer closes too
     * ({@link #waitForDisconnected}) or {@link #close()}; if the peer has already closed it is
     * unconnected at once.
     */
    public void disconnectFromHost() {
        run(this::disconnectNow);
    }

    private void disconnectNow() {
        switch (state) {
            case UNCONNECTED, CLOSING, BOUND, LISTENING -> {
                return;
            }
            case HOST_LOOKUP, CONNECTING -> {
                setState(SocketState.UNCONNECTED);
                return;
            }
            default -> {
            }
        }
        pushPendingOutput();
        if (state == SocketState.UNCONNECTED) {
            return;
        }
        setState(SocketState.CLOSING);
        if (engine != null && !engine.isOutboundClosed()) {
            try {
                engine.closeOutbound();
                handleEvents();
            } catch (TlsException e) {
                tlsFailed(e);
                return;
            }
            pushPendingOutput();
        }
        if (state == SocketState.UNCONNECTED) {
            return;
        }
        try {
            shutdownTransportOutput();
        } catch (IOException e) {
            networkFailure(e);
            return;
        }
        if (inputEnded || engine != null && engine.isInboundClosed()) {
            finishDisconnect();
        }
    }

    /**
     * {@link #disconnectFromHost()} and then closes the TCP connection without waiting for the
     * peer; unread data is discarded (Qt's {@code close()}).
     */
    @Override
    public void close() {
        if (loop != null && loop.isTerminated()) {
            synchronized (this) {
                abortNow();
                readBuffer.clear();
            }
            return;
        }
        run(() -> {
            disconnectNow();
            if (state != SocketState.UNCONNECTED) {
                finishDisconnect();
            }
            readBuffer.clear();
            writeBuffer.clear();
        });
    }

    /** Closes the connection at once: no close_notify, unsent data discarded. Safe from another thread. */
    public void abort() {
        if (loop == null) {
            abortNow();
            return;
        }
        if (loop.inLoopThread() || loop.isTerminated()) {
            synchronized (this) {
                abortNow();
            }
            return;
        }
        try {
            run(this::abortNow);
        } catch (IllegalStateException loopClosed) {
            synchronized (this) {
                abortNow();
            }
        }
    }

    private void abortNow() {
        aborted = true;
        writeBuffer.clear();
        SocketState previous = state;
        if (previous == SocketState.UNCONNECTED) {
            return;
        }
        // The state changes before the transport closes, so a thread woken by the close sees it.
        setState(SocketState.UNCONNECTED);
        endIgnoringAllErrors();
        closeTransport();
        if (previous == SocketState.CONNECTED || previous == SocketState.CLOSING) {
            emit(SslSocketListener::disconnected);
        }
    }

    private void finishDisconnect() {
        SocketState previous = state;
        endIgnoringAllErrors();
        closeTransport();
        if (previous != SocketState.UNCONNECTED) {
            setState(SocketState.UNCONNECTED);
        }
        if (previous == SocketState.CONNECTED || previous == SocketState.CLOSING) {
            emit(SslSocketListener::disconnected);
        }
    }

    /**
     * {@link #ignoreSslErrors()} covers one connection: Qt clears it for each new one
     * ({@code QSslSocketPrivate::init}), so a reused socket verifies its next peer again.
     */
    private synchronized void endIgnoringAllErrors() {
        ignoreAllErrors = false;
    }

    private void closeTransport() {
        if (transport != null) {
            closeQuietly(transport);
        }
        if (selectionKey != null) {
            selectionKey.cancel();
        }
        if (channel != null) {
            closeQuietly(channel);
        }
        outbound.clear();
        outboundBytes = 0;
        if (keyLogWriter != null) {
            try {
                keyLogWriter.close();
            } catch (IOException e) {
                setError(SocketError.SSL_INTERNAL_ERROR, "could not close the key log: " + e.getMessage());
            }
            keyLogWriter = null;
        }
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException alreadyBroken) {
            // Closing a broken socket fails the same way the connection already did; that was reported.
            return;
        }
    }

    private void failConnection(SocketError kind, String message) {
        setErrorAndEmit(kind, message);
        closeTransport();
        setState(SocketState.UNCONNECTED);
    }

    // =====================================================================================
    // State, errors, what was negotiated
    // =====================================================================================

    public SocketState state() {
        return state;
    }

    public synchronized SslMode mode() {
        return mode;
    }

    /**
     * Whether the handshake of this connection completed. It stays true after the connection
     * closes, so what was negotiated can still be inspected; a new {@code connectToHost...} resets it.
     */
    public synchronized boolean isEncrypted() {
        return encrypted;
    }

    public synchronized SocketError error() {
        return error;
    }

    public synchronized String errorString() {
        return errorString;
    }

    /** The exception that ended the connection at the TLS level (with its alert), if one did. */
    public synchronized Optional<TlsException> tlsFailure() {
        return Optional.ofNullable(tlsFailure);
    }

    public synchronized PeerClose peerClose() {
        return peerClose;
    }

    /** The negotiated version, or {@link SslProtocol#UNKNOWN_PROTOCOL} before the handshake. */
    public synchronized SslProtocol sessionProtocol() {
        return sessionInfo == null ? SslProtocol.UNKNOWN_PROTOCOL : SslProtocol.of(sessionInfo.version());
    }

    public synchronized Optional<SslCipher> sessionCipher() {
        return sessionInfo == null ? Optional.empty() : Optional.of(SslCipher.of(sessionInfo.cipherSuite()));
    }

    /** Everything the engine reports about the handshake: group, signature scheme, ALPN, resumption, ... */
    public synchronized Optional<SessionInfo> sessionInfo() {
        return Optional.ofNullable(sessionInfo);
    }

    /** Whether the handshake resumed an earlier session. */
    public synchronized boolean isSessionResumed() {
        return sessionInfo != null && sessionInfo.resumed();
    }

    /** The peer's certificate, once it has sent one (or, when resuming, the one it sent before). */
    public synchronized Optional<SslCertificate> peerCertificate() {
        return peerChain.isEmpty() ? Optional.empty() : Optional.of(peerChain.get(0));
    }

    public synchronized List<SslCertificate> peerCertificateChain() {
        return peerChain;
    }

    /**
     * Keying material derived from the connection's secrets (RFC 8446 §7.5, RFC 5705).
     *
     * @throws IllegalStateException before the handshake completes
     */
    public synchronized byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        if (engine == null || sessionInfo == null) {
            throw new IllegalStateException("no handshake has completed");
        }
        return engine.exportKeyingMaterial(label, context, length);
    }

    /**
     * The configuration; after a handshake it also carries what was negotiated, and (unless
     * {@link SslOption#DISABLE_SESSION_PERSISTENCE} is set) the session to resume in another socket.
     */
    public synchronized SslConfiguration sslConfiguration() {
        if (sessionInfo == null) {
            return configuration;
        }
        byte[] ticket = configuration.sessionTicket();
        long lifetime = 0;
        Optional<Session> session = engine.resumableSession();
        if (session.isPresent() && !configuration.testSslOption(SslOption.DISABLE_SESSION_PERSISTENCE)) {
            ticket = session.get().encode();
            lifetime = session.get().ticketLifetimeSeconds();
        }
        Optional<String> alpn = sessionInfo.applicationProtocol();
        NextProtocolNegotiationStatus alpnStatus = alpn.isPresent() ? NextProtocolNegotiationStatus.NEGOTIATED
                : configuration.allowedNextProtocols().isEmpty() ? NextProtocolNegotiationStatus.NONE
                : NextProtocolNegotiationStatus.UNSUPPORTED;
        return configuration.withNegotiated(peerChain, SslCipher.of(sessionInfo.cipherSuite()), sessionProtocol(),
                alpn.orElse(null), alpnStatus, ticket, lifetime);
    }

    /** Used by the next handshake this socket starts. */
    public void setSslConfiguration(SslConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    // ---- Qt's per-socket shortcuts into the configuration ----

    public PeerVerifyMode peerVerifyMode() {
        return configuration.peerVerifyMode();
    }

    public void setPeerVerifyMode(PeerVerifyMode value) {
        configuration = configuration.withPeerVerifyMode(value);
    }

    public int peerVerifyDepth() {
        return configuration.peerVerifyDepth();
    }

    public void setPeerVerifyDepth(int value) {
        configuration = configuration.withPeerVerifyDepth(value);
    }

    /** The name the server's certificate is checked against instead of the host name, if set. */
    public Optional<String> peerVerifyName() {
        return Optional.ofNullable(peerVerifyName);
    }

    public void setPeerVerifyName(String name) {
        this.peerVerifyName = name;
    }

    public SslProtocol protocol() {
        return configuration.protocol();
    }

    public void setProtocol(SslProtocol value) {
        configuration = configuration.withProtocol(value);
    }

    public List<SslCipher> ciphers() {
        return configuration.ciphers();
    }

    public void setCiphers(List<SslCipher> value) {
        configuration = configuration.withCiphers(value);
    }

    /** An OpenSSL cipher string; see {@link SslConfiguration.Builder#ciphers(String)}. */
    public void setCiphers(String cipherString) {
        configuration = configuration.withCiphers(cipherString);
    }

    public List<SslCertificate> caCertificates() {
        return configuration.caCertificates();
    }

    public void setCaCertificates(List<SslCertificate> value) {
        configuration = configuration.withCaCertificates(value);
    }

    public void addCaCertificate(SslCertificate value) {
        configuration = configuration.withAddedCaCertificates(List.of(value));
    }

    public void addCaCertificates(Collection<SslCertificate> value) {
        configuration = configuration.withAddedCaCertificates(value);
    }

    /** Adds the certificates of the files {@code path} names ({@link SslCertificate#fromPath}). */
    public void addCaCertificates(String path, EncodingFormat format, SslCertificate.PatternSyntax syntax)
            throws IOException {
        configuration = configuration.toBuilder().addCaCertificates(path, format, syntax).build();
    }

    public Optional<SslCertificate> localCertificate() {
        return configuration.localCertificate();
    }

    public List<SslCertificate> localCertificateChain() {
        return configuration.localCertificateChain();
    }

    public void setLocalCertificate(SslCertificate value) {
        configuration = configuration.withLocalCertificate(value);
    }

    /** Reads the certificate chain (leaf first) from a file. */
    public void setLocalCertificate(Path file, EncodingFormat format) throws IOException {
        configuration = configuration.toBuilder().localCertificate(file, format).build();
    }

    public void setLocalCertificateChain(List<SslCertificate> value) {
        configuration = configuration.withLocalCertificateChain(value);
    }

    public Optional<SslKey> privateKey() {
        return configuration.privateKey();
    }

    public void setPrivateKey(SslKey value) {
        configuration = configuration.withPrivateKey(value);
    }

    /** Reads the private key from a file, decrypting it with {@code passphrase} when it is encrypted. */
    public void setPrivateKey(Path file, EncodingFormat format, char[] passphrase) throws IOException {
        configuration = configuration.toBuilder().privateKey(file, format, passphrase).build();
    }

    /**
     * Qt's {@code setPrivateKey(fileName, algorithm, format, passPhrase)}: as
     * {@link #setPrivateKey(Path, EncodingFormat, char[])}, and the key must be an
     * {@code algorithm} key (the file says which it is; this checks it).
     *
     * @throws IllegalArgumentException when the file holds a key of another algorithm
     */
    public void setPrivateKey(Path file, KeyAlgorithm algorithm, EncodingFormat format, char[] passphrase)
            throws IOException {
        SslConfiguration loaded = configuration.toBuilder().privateKey(file, format, passphrase).build();
        KeyAlgorithm found = loaded.privateKey().orElseThrow().algorithm();
        if (found != algorithm) {
            throw new IllegalArgumentException(file + " holds " + found + " private key, not " + algorithm);
        }
        configuration = loaded;
    }

    // ---- addresses ----

    /** The host name given to {@code connectToHost...} (Qt's {@code peerName()}). */
    public Optional<String> peerName() {
        return Optional.ofNullable(hostName);
    }

    public synchronized Optional<InetAddress> peerAddress() {
        Socket socket = currentSocket();
        return socket == null ? Optional.empty() : Optional.ofNullable(socket.getInetAddress());
    }

    public synchronized int peerPort() {
        Socket socket = currentSocket();
        return socket == null ? port : socket.getPort();
    }

    public synchronized Optional<InetAddress> localAddress() {
        Socket socket = currentSocket();
        return socket == null ? Optional.empty() : Optional.ofNullable(socket.getLocalAddress());
    }

    public synchronized int localPort() {
        Socket socket = currentSocket();
        return socket == null ? 0 : socket.getLocalPort();
    }

    /** The TCP socket of the connection (a channel's adaptor when event-driven), or null. */
    private Socket currentSocket() {
        if (channel != null) {
            return channel.socket();
        }
        return transport;
    }

    /** Qt's {@code QAbstractSocket::SocketOption}, as far as Java sockets have them. */
    public enum SocketOption {
        /** TCP_NODELAY (on by default: TLS writes whole records). Value 1 or 0. */
        LOW_DELAY_OPTION,
        /** SO_KEEPALIVE. Value 1 or 0. */
        KEEP_ALIVE_OPTION,
        /** SO_SNDBUF in bytes. */
        SEND_BUFFER_SIZE_SOCKET_OPTION,
        /** SO_RCVBUF in bytes. */
        RECEIVE_BUFFER_SIZE_SOCKET_OPTION,
        /** IP_TOS. */
        TYPE_OF_SERVICE_OPTION
    }

    /**
     * Sets a TCP option on the connection (Qt's {@code setSocketOption}).
     *
     * @throws IllegalStateException when there is no TCP connection yet
     * @throws UncheckedIOException when the operating system refuses the value
     */
    public void setSocketOption(SocketOption option, int value) {
        Objects.requireNonNull(option, "option");
        run(() -> {
            Socket socket = currentSocket();
            if (socket == null || socket.isClosed()) {
                throw new IllegalStateException("socket options need a TCP connection; the socket is " + state);
            }
            try {
                switch (option) {
                    case LOW_DELAY_OPTION -> socket.setTcpNoDelay(value != 0);
                    case KEEP_ALIVE_OPTION -> socket.setKeepAlive(value != 0);
                    case SEND_BUFFER_SIZE_SOCKET_OPTION -> socket.setSendBufferSize(value);
                    case RECEIVE_BUFFER_SIZE_SOCKET_OPTION -> socket.setReceiveBufferSize(value);
                    case TYPE_OF_SERVICE_OPTION -> socket.setTrafficClass(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set " + option + " to " + value, e);
            }
        });
    }

    /** The option's current value (Qt's {@code socketOption}); empty without a TCP connection. */
    public Optional<Integer> socketOption(SocketOption option) {
        Objects.requireNonNull(option, "option");
        return call(() -> {
            Socket socket = currentSocket();
            if (socket == null || socket.isClosed()) {
                return Optional.<Integer>empty();
            }
            try {
                return Optional.of(switch (option) {
                    case LOW_DELAY_OPTION -> socket.getTcpNoDelay() ? 1 : 0;
                    case KEEP_ALIVE_OPTION -> socket.getKeepAlive() ? 1 : 0;
                    case SEND_BUFFER_SIZE_SOCKET_OPTION -> socket.getSendBufferSize();
                    case RECEIVE_BUFFER_SIZE_SOCKET_OPTION -> socket.getReceiveBufferSize();
                    case TYPE_OF_SERVICE_OPTION -> socket.getTrafficClass();
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + option, e);
            }
        });
    }

    /** Qt's {@code QIODevice::isOpen}: a connection exists (from the lookup until it is unconnected). */
    public boolean isOpen() {
        return state != SocketState.UNCONNECTED;
    }

    /** Qt's {@code QAbstractSocket::isValid}: connected (or closing) and usable for I/O. */
    public boolean isValid() {
        return state == SocketState.CONNECTED || state == SocketState.CLOSING;
    }

    /** Discards up to {@code maxSize} buffered bytes; returns how many (Qt's {@code QIODevice::skip}). */
    public synchronized long skip(long maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must not be negative");
        }
        long skipped = readBuffer.read((int) Math.min(Integer.MAX_VALUE, maxSize)).length;
        afterRead();
        return skipped;
    }

    // ---- process-wide defaults (Qt's static QSslSocket functions) ----

    /** jtls implements TLS itself, so it is always available. */
    public static boolean supportsSsl() {
        return true;
    }

    /** The name of jtls's one TLS backend (Qt 6 has several: openssl, schannel, ...). */
    public static final String BACKEND_NAME = "jtls";

    /** Qt 6's {@code availableBackends()}: jtls is its own, only backend. */
    public static List<String> availableBackends() {
        return List.of(BACKEND_NAME);
    }

    /** Qt 6's {@code activeBackend()}. */
    public static String activeBackend() {
        return BACKEND_NAME;
    }

    /** Qt 6's {@code setActiveBackend}: true only for {@value #BACKEND_NAME}, the one there is. */
    public static boolean setActiveBackend(String backendName) {
        return BACKEND_NAME.equals(backendName);
    }

    /** Qt 6's {@code supportedProtocols()}: the protocol values a socket can be set to. */
    public static List<SslProtocol> supportedProtocols() {
        return Arrays.stream(SslProtocol.values()).filter(SslProtocol::isSupported).toList();
    }

    /** Qt 6's {@code QSsl::ImplementedClass}. */
    public enum ImplementedClass { KEY, CERTIFICATE, SOCKET, DIFFIE_HELLMAN_PARAMETERS, ELLIPTIC_CURVE, DTLS, DTLS_COOKIE }

    /** Qt 6's {@code QSsl::SupportedFeature}. */
    public enum SupportedFeature {
        CERTIFICATE_VERIFICATION, CLIENT_SIDE_ALPN, SERVER_SIDE_ALPN, OCSP, PSK, SESSION_TICKET, ALERTS
    }

    /** What this backend implements (no DTLS: jtls is a TLS-over-TCP stack). */
    public static List<ImplementedClass> implementedClasses() {
        return List.of(ImplementedClass.KEY, ImplementedClass.CERTIFICATE, ImplementedClass.SOCKET,
                ImplementedClass.DIFFIE_HELLMAN_PARAMETERS, ImplementedClass.ELLIPTIC_CURVE);
    }

    public static boolean isClassImplemented(ImplementedClass value) {
        return implementedClasses().contains(value);
    }

    /** Every feature Qt names: jtls has them all. */
    public static List<SupportedFeature> supportedFeatures() {
        return List.of(SupportedFeature.values());
    }

    public static boolean isFeatureSupported(SupportedFeature feature) {
        return supportedFeatures().contains(feature);
    }

    /** Qt's {@code sslLibraryVersionNumber()}: the api module's version as 0xMMNNPP00 (0 when unknown). */
    public static long sslLibraryVersionNumber() {
        String version = SslSocket.class.getPackage().getImplementationVersion();
        if (version == null) {
            return 0;
        }
        String[] parts = version.split("[.-]");
        long number = 0;
        for (int index = 0; index < 3; index++) {
            long part = 0;
            if (index < parts.length && parts[index].matches("\\d{1,3}")) {
                part = Long.parseLong(parts[index]);
            }
            number = (number << 8) | Math.min(part, 0xFF);
        }
        return number << 8;
    }

    /** Qt's {@code sslLibraryBuildVersionString()}: jtls is built and run as one, so the same as {@link #sslLibraryVersionString()}. */
    public static String sslLibraryBuildVersionString() {
        return sslLibraryVersionString();
    }

    public static boolean isProtocolSupported(SslProtocol protocol) {
        return protocol.isSupported();
    }

    /** "jtls" and the version of the api module, when the build recorded it. */
    public static String sslLibraryVersionString() {
        String version = SslSocket.class.getPackage().getImplementationVersion();
        return version == null ? "jtls" : "jtls " + version;
    }

    public static List<SslCertificate> defaultCaCertificates() {
        return SslConfiguration.defaultConfiguration().caCertificates();
    }

    public static void setDefaultCaCertificates(List<SslCertificate> certificates) {
        SslConfiguration.setDefaultConfiguration(SslConfiguration.defaultConfiguration().withCaCertificates(certificates));
    }

    public static void addDefaultCaCertificates(Collection<SslCertificate> certificates) {
        SslConfiguration.setDefaultConfiguration(
                SslConfiguration.defaultConfiguration().withAddedCaCertificates(certificates));
    }

    public static void addDefaultCaCertificate(SslCertificate certificate) {
        addDefaultCaCertificates(List.of(certificate));
    }

    /**
     * Adds the certificates in the files {@code path} names (a file, or a pattern in
     * {@code syntax}) to the process-wide default CA list. Returns whether any were found (Qt's
     * {@code addDefaultCaCertificates(path, format, syntax)}).
     *
     * @throws IOException when a matching file cannot be read or parsed
     */
    public static boolean addDefaultCaCertificates(String path, EncodingFormat format,
            SslCertificate.PatternSyntax syntax) throws IOException {
        List<SslCertificate> found = SslCertificate.fromPath(path, format, syntax);
        if (found.isEmpty()) {
            return false;
        }
        addDefaultCaCertificates(found);
        return true;
    }

    public static List<SslCertificate> systemCaCertificates() {
        return SslConfiguration.systemCaCertificates();
    }

    public static List<SslCipher> defaultCiphers() {
        return SslConfiguration.defaultConfiguration().ciphers();
    }

    public static void setDefaultCiphers(List<SslCipher> ciphers) {
        SslConfiguration.setDefaultConfiguration(SslConfiguration.defaultConfiguration().withCiphers(ciphers));
    }

    public static List<SslCipher> supportedCiphers() {
        return SslConfiguration.supportedCiphers();
    }

    // ---- plumbing ----

    private void setState(SocketState newState) {
        if (state == newState) {
            return;
        }
        state = newState;
        emit(listener -> listener.stateChanged(newState));
    }

    private void setError(SocketError kind, String message) {
        error = kind;
        errorString = message == null ? kind.name() : message;
    }

    private void setErrorAndEmit(SocketError kind, String message) {
        setError(kind, message);
        emit(listener -> listener.errorOccurred(kind));
    }

    /** Calls the listeners: on this thread, or for an event-driven socket on its loop thread. */
    private void emit(Consumer<SslSocketListener> signal) {
        if (loop != null && !loop.inLoopThread() && post(() -> deliver(signal))) {
            return;
        }
        deliver(signal);
    }

    private void deliver(Consumer<SslSocketListener> signal) {
        for (SslSocketListener listener : listeners) {
            signal.accept(listener);
        }
    }

    @Override
    public String toString() {
        return "SslSocket[" + state + ", " + mode + (hostName == null ? "" : ", " + hostName + ":" + port)
                + (encrypted ? ", " + sessionProtocol() + " " + sessionCipher().map(SslCipher::name).orElse("") : "")
                + "]";
    }
}
