package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the write sizes, read sizes, read-buffer limit, protocol and drive (blocking or
 * event-driven), a client's data comes back from an {@link SslServer} echo byte for byte, in order.
 */
class SocketDataIntegrityProperties {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 20_000;

    private static SslEventLoop serverLoop;
    private static SslEventLoop clientLoop;
    private static SslServer server;

    @BeforeContainer
    static void startEchoServer() {
        serverLoop = SslEventLoop.start("integrity-server");
        clientLoop = SslEventLoop.start("integrity-client");
        server = new SslServer(PKI.server.serverConfiguration().toBuilder().protocol(SslProtocol.TLS_V1_2_OR_LATER)
                .build(), serverLoop);
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
        assertTrue(server.listen(TestPki.loopback(), 0));
    }

    @AfterContainer
    static void stopEchoServer() {
        server.close();
        serverLoop.close();
        clientLoop.close();
    }

    @Property(tries = 40)
    void echoedDataArrivesWholeAndInOrder(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 40_000) Integer> writes,
            @ForAll @IntRange(min = 1, max = 20_000) int readSize, @ForAll @IntRange(min = 0, max = 3) int limitChoice,
            @ForAll boolean tls12, @ForAll boolean blocking, @ForAll long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        SslConfiguration client = PKI.clientTrustingCa().toBuilder()
                .protocol(tls12 ? SslProtocol.TLS_V1_2 : SslProtocol.TLS_V1_3)
                .sslOption(SslOption.DISABLE_SESSION_SHARING, true).build();
        try (SslSocket socket = blocking ? new SslSocket(client) : new SslSocket(client, clientLoop)) {
            // 0: no limit; otherwise a small one that makes the loop stop and resume reading.
            socket.setReadBufferSize(new long[] {0, 1, 4096, 65_536}[limitChoice]);
            socket.connectToHostEncrypted("localhost", server.serverPort());
            // Some data is written before the handshake completes: it must be queued, not lost.
            for (int size : writes) {
                byte[] chunk = new byte[size];
                random.nextBytes(chunk);
                socket.write(chunk);
                sent.write(chunk, 0, chunk.length);
            }
            assertTrue(socket.waitForEncrypted(WAIT), socket::errorString);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (received.size() < sent.size()) {
                if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(WAIT)) {
                    break;
                }
                byte[] bytes = socket.read(readSize);
                received.write(bytes, 0, bytes.length);
            }
            assertArrayEquals(sent.toByteArray(), received.toByteArray());
        }
    }
}
