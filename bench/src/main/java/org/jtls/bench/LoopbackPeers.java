package org.jtls.bench;

import java.io.IOException;
import java.util.Arrays;

/**
 * One implementation's server on 127.0.0.1 and the way its own client connects to it, as the
 * socket benchmarks use them. Both implementations are configured alike:
 * <ul>
 * <li>TLS 1.3 only, TLS_AES_128_GCM_SHA256 only, X25519 key exchange, the server signing with ECDSA
 * P-256 (the same kind of self-signed certificate for {@code localhost}, a fresh one per server);
 * <li>the client trusts exactly that certificate, validates the path and checks the name
 * {@code localhost} (sent as SNI), connecting to the address 127.0.0.1;
 * <li>every connection is a full handshake: the client never offers a session to resume;
 * <li>the server issues one TLS 1.3 session ticket per connection (SunJSSE's JDK 17 default; jtls
 * is set to one instead of its default two), which the client receives and drops;
 * <li>TCP_NODELAY on both ends (jtls's default; set explicitly for SunJSSE).
 * </ul>
 */
interface LoopbackPeers extends AutoCloseable {
    /** How long any one step may take before the benchmark fails rather than hangs. */
    int TIMEOUT_MS = 10_000;
    int MEBIBYTE = 1 << 20;

    /** What the server does with the application data it receives. */
    enum ServerMode {
        /** Sends every byte back. */
        ECHO,
        /** Counts the bytes and sends one byte, {@link #ACK}, for each complete MiB received. */
        ACKNOWLEDGE_EACH_MEBIBYTE
    }

    byte ACK = 0x06;

    /**
     * One connection from start to end: TCP connect, full TLS handshake, {@code payload} sent and
     * read back from an {@link ServerMode#ECHO} server (checked), close.
     *
     * @throws IOException when any step fails or times out
     */
    void connectEchoAndClose(byte[] payload) throws IOException;

    /** A new connection, handshaken, for {@link Connection#sendMebibyteAndAwaitAck}. */
    Connection connect() throws IOException;

    /** Connections completed since the last call, and how many of them resumed a session (must be 0). */
    HandshakeCount takeHandshakeCount();

    @Override
    void close();

    /** An established connection to an {@link ServerMode#ACKNOWLEDGE_EACH_MEBIBYTE} server. */
    interface Connection extends AutoCloseable {
        /** Sends {@code mebibyte} (exactly 1 MiB) and waits for the server's {@link #ACK}. */
        void sendMebibyteAndAwaitAck(byte[] mebibyte) throws IOException;

        @Override
        void close();
    }

    /** Connections counted by {@link #takeHandshakeCount()}. */
    record HandshakeCount(long connections, long fullHandshakes) {
        /** Fails unless every connection counted made a full handshake. */
        void requireAllFull(String what) {
            if (fullHandshakes != connections) {
                throw new IllegalStateException(what + ": " + fullHandshakes + " full handshakes in " + connections
                        + " connections; some resumed a session");
            }
        }
    }

    /**
     * Runs two connections as {@code mode}'s benchmark does and requires full handshakes: called
     * once when the peers start, so a misconfiguration fails the trial instead of being measured.
     */
    default void checkSetup(ServerMode mode) throws IOException {
        takeHandshakeCount();
        for (int i = 0; i < 2; i++) {
            if (mode == ServerMode.ECHO) {
                byte[] payload = new byte[1024];
                Arrays.fill(payload, (byte) 'x');
                connectEchoAndClose(payload);
            } else {
                try (Connection connection = connect()) {
                    connection.sendMebibyteAndAwaitAck(new byte[MEBIBYTE]);
                }
            }
        }
        HandshakeCount count = takeHandshakeCount();
        if (count.connections() != 2) {
            throw new IllegalStateException(this + ": counted " + count.connections() + " connections, made 2");
        }
        count.requireAllFull(toString());
    }

    /** Fails unless {@code received} equals {@code expected}. */
    static void requireEcho(byte[] expected, byte[] received) throws IOException {
        if (!Arrays.equals(expected, received)) {
            throw new IOException("the echo differs from what was sent (" + received.length + " of "
                    + expected.length + " bytes came back)");
        }
    }
}
