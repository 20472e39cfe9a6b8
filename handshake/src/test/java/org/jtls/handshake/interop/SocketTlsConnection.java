package org.jtls.handshake.interop;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsEngine;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * Drives a {@link TlsEngine} over a blocking {@link Socket}, for tests against real peers: every
 * read is bounded by the socket timeout and every loop by a deadline, so a silent peer fails the
 * test instead of hanging it.
 */
final class SocketTlsConnection implements Closeable {
    static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final TlsEngine engine;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] readBuffer = new byte[32 * 1024];
    private final ByteBuffer applicationChunk = ByteBuffer.allocate(32 * 1024);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** The raw bytes of the handshake in each direction, for checks on what went over the wire. */
    private final ByteArrayOutputStream handshakeBytesIn = new ByteArrayOutputStream();
    private final ByteArrayOutputStream handshakeBytesOut = new ByteArrayOutputStream();
    private boolean endOfStream;

    private SocketTlsConnection(TlsEngine engine, Socket socket) throws IOException {
        this.engine = engine;
        this.socket = socket;
        socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; the engine is a client engine not yet begun. */
    static SocketTlsConnection connect(TlsEngine engine, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) IO_TIMEOUT.toMillis());
            return new SocketTlsConnection(engine, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Wraps an accepted socket; the engine is a server engine not yet begun. */
    static SocketTlsConnection over(TlsEngine engine, Socket accepted) throws IOException {
        return new SocketTlsConnection(engine, accepted);
    }

    TlsEngine engine() {
        return engine;
    }

    /** What the peer sent until our handshake completed, as it arrived (records, unprotected first). */
    byte[] handshakeBytesReceived() {
        return handshakeBytesIn.toByteArray();
    }

    /** What we sent until our handshake completed. */
    byte[] handshakeBytesSent() {
        return handshakeBytesOut.toByteArray();
    }

    /** Runs the handshake to completion; a failure carries the alert our engine sent or received. */
    SessionInfo handshake() throws IOException, TlsException {
        engine.beginHandshake();
        return completeHandshake();
    }

    /**
     * Client: begins the handshake, sends {@code earlyData} as TLS 1.3 0-RTT data with the first flight
     * and runs the handshake to completion; whether the server took it is a {@link
     * org.jtls.handshake.TlsEvent.EarlyDataAnswered} event.
     */
    SessionInfo handshakeWithEarlyData(byte[] earlyData) throws IOException, TlsException {
        engine.beginHandshake();
        if (!engine.canWriteEarlyData()) {
            throw new IllegalStateException("the engine cannot send early data (no ticket allowing it?)");
        }
        engine.writeApplicationData(ByteBuffer.wrap(earlyData));
        return completeHandshake();
    }

    /**
     * Sends what the engine queued, then reads and processes records until {@code condition} holds;
     * application data that arrives meanwhile is kept for {@link #readExactly}.
     */
    void readUntil(java.util.function.BooleanSupplier condition, String description)
            throws IOException, TlsException {
        flush();
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (endOfStream || engine.isInboundClosed()) {
                throw new IOException("the peer closed before " + description);
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("no " + description + " within " + IO_TIMEOUT);
            }
            readAndProcess();
        }
    }

    private SessionInfo completeHandshake() throws IOException, TlsException {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        while (engine.status() != TlsEngine.Status.CONNECTED) {
            flush();
            if (engine.status() == TlsEngine.Status.CLOSED) {
                throw new IOException("the connection closed during the handshake in state "
                        + engine.handshakeState());
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("handshake did not finish in " + IO_TIMEOUT
                        + "; state " + engine.handshakeState());
            }
            readAndProcess();
        }
        // A server's last flight (ChangeCipherSpec, Finished) is queued as its handshake completes.
        flush();
        return engine.session().orElseThrow();
    }

    void write(byte[] data) throws IOException, TlsException {
        engine.writeApplicationData(ByteBuffer.wrap(data));
        flush();
    }

    /** Reads until {@code length} bytes of application data arrived; returns exactly those. */
    byte[] readExactly(int length) throws IOException, TlsException {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        while (received.size() < length) {
            if (endOfStream || engine.isInboundClosed()) {
                throw new IOException("the peer closed after " + received.size() + " of " + length + " bytes: "
                        + printable(received.toByteArray()));
            }
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("only " + received.size() + " of " + length + " bytes arrived");
            }
            readAndProcess();
        }
        byte[] all = received.toByteArray();
        received.reset();
        received.write(all, length, all.length - length);
        return Arrays.copyOf(all, length);
    }

    /** Reads application data until the peer's close_notify or the end of the stream. */
    byte[] readUntilClosed() throws IOException, TlsException {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        while (!endOfStream && !engine.isInboundClosed()) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("the peer did not close within " + IO_TIMEOUT);
            }
            readAndProcess();
        }
        byte[] all = received.toByteArray();
        received.reset();
        return all;
    }

    /**
     * Sends close_notify and waits (bounded) for the peer's, so the peer sees an orderly close.
     *
     * @return whether the peer answered with close_notify before the transport ended
     */
    boolean closeGracefully() throws IOException, TlsException {
        engine.closeOutbound();
        flush();
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        while (!endOfStream && !engine.isInboundClosed() && System.nanoTime() < deadline) {
            readAndProcess();
        }
        boolean answered = engine.isInboundClosed() && !endOfStream;
        socket.close();
        return answered;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readAndProcess() throws IOException, TlsException {
        int count = in.read(readBuffer);
        if (count < 0) {
            endOfStream = true;
            engine.receiveEndOfStream();
            return;
        }
        if (engine.status() != TlsEngine.Status.CONNECTED) {
            handshakeBytesIn.write(readBuffer, 0, count);
        }
        ByteBuffer incoming = ByteBuffer.wrap(readBuffer, 0, count);
        try {
            // process() pauses whenever application data waits to be read, so collect it and go on.
            boolean progressed = true;
            while (incoming.hasRemaining() || progressed) {
                int taken = engine.receive(incoming);
                engine.process();
                int collected = collectApplicationData();
                progressed = collected > 0;
                if (taken == 0 && !progressed && incoming.hasRemaining()) {
                    throw new IllegalStateException("the engine takes no more bytes and has nothing to hand out");
                }
            }
        } catch (TlsAlertException e) {
            sendAlertOf(e);
            throw e;
        }
        flush();
    }

    private int collectApplicationData() {
        int total = 0;
        while (engine.applicationDataAvailable() > 0) {
            applicationChunk.clear();
            int count = engine.readApplicationData(applicationChunk);
            received.write(applicationChunk.array(), 0, count);
            total += count;
        }
        return total;
    }

    private void flush() throws IOException {
        boolean handshaking = engine.status() != TlsEngine.Status.CONNECTED;
        byte[] output = engine.drainOutput();
        if (handshaking) {
            handshakeBytesOut.writeBytes(output);
        }
        if (output.length > 0) {
            out.write(output);
            out.flush();
        }
    }

    /** Sends the alert our engine queued for {@code failure}, so the peer learns why we stopped. */
    private void sendAlertOf(TlsAlertException failure) {
        try {
            flush();
        } catch (IOException sendFailed) {
            // The peer may have gone already, after its own alert; the failure stays the one to report.
            failure.addSuppressed(sendFailed);
        }
    }

    static String printable(byte[] data) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(data.length, 200); i++) {
            int b = data[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F || b == '\n' ? (char) b : '.');
        }
        return text.toString();
    }
}
