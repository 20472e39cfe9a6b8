package org.jtls.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A listening socket on 127.0.0.1 and a thread that serves the connections it accepts, one
 * {@link Handler} call each, on an {@link SslSocket} that has taken over the accepted socket.
 */
final class LoopbackServer implements AutoCloseable {
    /** Serves one accepted connection; returns what the test wants to check. */
    @FunctionalInterface
    interface Handler<T> {
        T serve(SslSocket socket) throws Exception;
    }

    private final ServerSocket listener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread worker = new Thread(runnable, "loopback-server");
        worker.setDaemon(true);
        return worker;
    });

    LoopbackServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout(10_000);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Accepts the next connection and hands it, unencrypted, to {@code handler}. */
    <T> Future<T> acceptPlain(SslConfiguration configuration, Handler<T> handler) {
        return thread.submit(() -> {
            Socket accepted = listener.accept();
            try (SslSocket socket = new SslSocket(configuration)) {
                socket.setSocket(accepted);
                return handler.serve(socket);
            }
        });
    }

    /** Accepts the next connection, starts the server handshake, and hands it to {@code handler}. */
    <T> Future<T> accept(SslConfiguration configuration, Handler<T> handler) {
        return acceptPlain(configuration, socket -> {
            socket.startServerEncryption();
            return handler.serve(socket);
        });
    }

    /** The handler's result, waiting at most five seconds; its exception rethrown as is. */
    static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("the server did not finish within 5 s", e);
        }
    }

    @Override
    public void close() throws IOException {
        thread.shutdownNow();
        listener.close();
    }
}
