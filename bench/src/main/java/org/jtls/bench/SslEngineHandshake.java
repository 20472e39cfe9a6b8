package org.jtls.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Runs a handshake between two SunJSSE {@link SSLEngine}s through in-memory buffers: each side wraps
 * what it has to send, the other unwraps it, and delegated tasks run inline, until neither side has
 * anything left to do. The TLS 1.3 NewSessionTicket the server sends after the handshake is delivered
 * too. The buffers are allocated once and reused by every {@link #run}.
 */
final class SslEngineHandshake {
    private static final int MAX_ROUNDS = 100;

    /** What went over the wire in each direction during one {@link #run}, for checks outside measurements. */
    static final class Recording {
        private final ByteArrayOutputStream clientToServer = new ByteArrayOutputStream();
        private final ByteArrayOutputStream serverToClient = new ByteArrayOutputStream();

        byte[] clientToServer() {
            return clientToServer.toByteArray();
        }

        byte[] serverToClient() {
            return serverToClient.toByteArray();
        }
    }

    private final ByteBuffer clientToServer;
    private final ByteBuffer serverToClient;
    private final ByteBuffer clientApplication;
    private final ByteBuffer serverApplication;
    private final ByteBuffer nothingToSend = ByteBuffer.allocate(0);

    SslEngineHandshake(int packetSize, int applicationSize) {
        this.clientToServer = ByteBuffer.allocate(packetSize);
        this.serverToClient = ByteBuffer.allocate(packetSize);
        this.clientApplication = ByteBuffer.allocate(applicationSize);
        this.serverApplication = ByteBuffer.allocate(applicationSize);
    }

    void run(SSLEngine client, SSLEngine server) throws SSLException {
        run(client, server, null);
    }

    /** As {@link #run(SSLEngine, SSLEngine)}, copying every byte sent into {@code recording} unless it is null. */
    void run(SSLEngine client, SSLEngine server, Recording recording) throws SSLException {
        clientToServer.clear();
        serverToClient.clear();
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean progressed = step(client, clientToServer, serverToClient, clientApplication,
                    recording == null ? null : recording.clientToServer);
            progressed |= step(server, serverToClient, clientToServer, serverApplication,
                    recording == null ? null : recording.serverToClient);
            if (!progressed && isDone(client) && isDone(server)) {
                return;
            }
        }
        throw new IllegalStateException("handshake did not finish in " + MAX_ROUNDS + " rounds: client "
                + client.getHandshakeStatus() + ", server " + server.getHandshakeStatus());
    }

    private static boolean isDone(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /**
     * Lets {@code engine} consume what its peer sent ({@code inbound}, in write mode) and append
     * what it wants to send to {@code outbound} (in write mode). Returns whether anything moved.
     */
    private boolean step(SSLEngine engine, ByteBuffer outbound, ByteBuffer inbound, ByteBuffer application,
            ByteArrayOutputStream sent) throws SSLException {
        boolean progressed = false;
        inbound.flip();
        while (inbound.hasRemaining()) {
            application.clear();
            SSLEngineResult result = engine.unwrap(inbound, application);
            runDelegatedTasks(engine);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
            progressed |= result.bytesConsumed() > 0;
            if (result.bytesConsumed() == 0) {
                break;
            }
        }
        inbound.compact();
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            int start = outbound.position();
            SSLEngineResult result = engine.wrap(nothingToSend, outbound);
            runDelegatedTasks(engine);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                // SunJSSE wraps only into room for a whole packet: the peer must read first.
                break;
            }
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("handshake wrap: " + result);
            }
            if (sent != null) {
                sent.write(outbound.array(), start, outbound.position() - start);
            }
            progressed |= result.bytesProduced() > 0;
        }
        return progressed;
    }

    private static void runDelegatedTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
