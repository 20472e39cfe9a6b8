package org.jtls.handshake.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;

/**
 * Our server engine on 127.0.0.1 and an ephemeral port, serving exactly one connection (or, from
 * {@link #startSeveral}, several in turn) in a background thread: handshake, then the given conversation. {@link #await} returns what the
 * handshake negotiated or rethrows what went wrong in the thread.
 */
final class OurServer implements AutoCloseable {
    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(15);

    /** What the server does once its handshake completed. */
    @FunctionalInterface
    interface Conversation {
        void run(SocketTlsConnection connection) throws Exception;
    }

    /** Reads the peer's {@link Interop#PING} line, sends it back, closes with close_notify. */
    static final Conversation ECHO_PING = connection -> {
        byte[] line = connection.readExactly(Interop.PING.length());
        connection.write(line);
        connection.closeGracefully();
    };

    private final ServerSocket listener;
    private final ExecutorService thread;
    private final Future<SessionInfo> result;
    private volatile SocketTlsConnection connection;
    private final List<SessionInfo> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    private OurServer(TlsConfig config, Conversation conversation) throws IOException {
        this(config, List.of(conversation));
    }

    /** Serves one connection per conversation, one after the other, on the same port. */
    private OurServer(TlsConfig config, List<Conversation> conversations) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout((int) ACCEPT_TIMEOUT.toMillis());
        thread = Executors.newSingleThreadExecutor(task -> {
            Thread daemon = new Thread(task, "jtls-interop-server");
            daemon.setDaemon(true);
            return daemon;
        });
        result = thread.submit(() -> {
            SessionInfo session = null;
            for (Conversation conversation : conversations) {
                try (Socket accepted = listener.accept()) {
                    connection = SocketTlsConnection.over(TlsEngine.server(config), accepted);
                    session = connection.handshake();
                    sessions.add(session);
                    conversation.run(connection);
                }
            }
            return session;
        });
    }

    static OurServer start(TlsConfig config, Conversation conversation) throws IOException {
        return new OurServer(config, conversation);
    }

    /** A server for several connections in turn (a peer that reconnects to resume, say). */
    static OurServer startSeveral(TlsConfig config, List<Conversation> conversations) throws IOException {
        return new OurServer(config, conversations);
    }

    /** The sessions of the connections served so far, in order. */
    List<SessionInfo> sessions() {
        return List.copyOf(sessions);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The (last connection's) session, once the handshake and the conversation are done; rethrows their failure. */
    SessionInfo await() throws Exception {
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("our server did not finish within 20 s (state "
                    + (connection == null ? "not connected" : connection.engine().handshakeState()) + ")");
        }
    }

    /** The connection, once a peer connected. */
    SocketTlsConnection connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        result.cancel(true);
        thread.shutdownNow();
        listener.close();
        SocketTlsConnection open = connection;
        if (open != null) {
            open.close();
        }
    }
}
