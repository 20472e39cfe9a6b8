package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.record.AlertLevel;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * Our client and our server talking in memory, with control over how each flight travels: a
 * {@link Tamper} may change a flight's bytes, and a {@link Delivery} cuts them into chunks. The
 * conversation runs until neither side has anything to send.
 *
 * <p>Every call into an engine is checked: an unchecked exception, or a checked exception other than
 * {@link TlsAlertException}, fails the test at once. When a side fails it must keep refusing with
 * the same exception, report exactly one fatal alert it sent (when the failure is its own) and put
 * that alert last in its output.
 */
final class Conversation {
    /** Longest a conversation may take before it counts as a hang inside an engine. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    private static final int MAX_ROUNDS = 100;

    /** Changes a flight on its way; {@code flight} counts the sender's flights from 0. */
    @FunctionalInterface
    interface Tamper {
        byte[] apply(Role sender, int flight, byte[] bytes);
    }

    static final Tamper UNTOUCHED = (sender, flight, bytes) -> bytes;

    /**
     * How bytes reach an engine: chunks whose sizes cycle through {@code chunkSizes}, and
     * {@code chunksPerProcess} calls of {@code receive} before each {@code process} (more than one
     * fills the engine's buffer: receive capacity pressure).
     */
    record Delivery(List<Integer> chunkSizes, int chunksPerProcess) {
        static final Delivery WHOLE = new Delivery(List.of(Integer.MAX_VALUE), 1);

        Delivery {
            chunkSizes = List.copyOf(chunkSizes);
            if (chunkSizes.isEmpty() || chunkSizes.stream().anyMatch(size -> size < 1) || chunksPerProcess < 1) {
                throw new IllegalArgumentException("chunk sizes must be positive");
            }
        }
    }

    /** One side of the conversation and what happened to it. */
    static final class Endpoint {
        final Role role;
        final TlsEngine engine;
        final List<TlsEvent> events = new ArrayList<>();
        final ByteArrayOutputStream applicationData = new ByteArrayOutputStream();
        final ByteArrayOutputStream outputAfterFailure = new ByteArrayOutputStream();
        TlsAlertException failure;
        /** 1 for the conversation's first failure, 2 for the second; 0 while this side has not failed. */
        int failureOrder;
        int flightsSent;

        Endpoint(Role role, TlsEngine engine) {
            this.role = role;
            this.engine = engine;
        }

        boolean connected() {
            return engine.status() == TlsEngine.Status.CONNECTED;
        }

        boolean failedLocally() {
            return failure != null && failure.isLocal();
        }

        @Override
        public String toString() {
            return role + "[" + engine.status() + " in " + engine.handshakeState()
                    + (failure == null ? "" : ", failed: " + failure.getMessage()) + "]";
        }
    }

    final Endpoint client;
    final Endpoint server;
    private int failures;
    /** TLS 1.3: an alert under protection travels as an application_data record (RFC 8446 §5.2). */
    private boolean protectedAlerts;

    Conversation(TlsConfig clientConfig, TlsConfig serverConfig) {
        this.client = new Endpoint(Role.CLIENT, TlsEngine.client(clientConfig, "localhost"));
        this.server = new Endpoint(Role.SERVER, TlsEngine.server(serverConfig));
    }

    /** Lets a failed side's alert travel protected, as an opaque application_data record (TLS 1.3). */
    Conversation tls13() {
        protectedAlerts = true;
        return this;
    }

    /** Starts both engines and runs the handshake. */
    Conversation handshake(Tamper tamper, Delivery delivery) {
        return begin().run(tamper, delivery);
    }

    /** Starts both engines without moving any bytes: the client's ClientHello waits in its output. */
    Conversation begin() {
        try {
            client.engine.beginHandshake();
            server.engine.beginHandshake();
        } catch (TlsException e) {
            throw new AssertionError("beginHandshake failed", e);
        }
        return this;
    }

    /**
     * Feeds {@code bytes} to one side as if they came from the network, and takes what it answers
     * (which goes nowhere). The side's failure, if any, is checked as in {@link #run}.
     */
    byte[] inject(Endpoint to, byte[] bytes, Delivery delivery) {
        byte[][] answer = new byte[1][];
        assertTimeoutPreemptively(TIME_LIMIT, () -> {
            if (to.failure == null) {
                deliver(bytes, to, delivery);
            }
            answer[0] = to.engine.drainOutput();
            if (to.failure != null) {
                to.outputAfterFailure.writeBytes(answer[0]);
            }
        }, () -> "an engine hangs: " + to);
        checkFailure(to, peer(to));
        return answer[0];
    }

    /** Moves flights both ways until neither side has anything to send. */
    Conversation run(Tamper tamper, Delivery delivery) {
        assertTimeoutPreemptively(TIME_LIMIT, () -> {
            for (int round = 0; ; round++) {
                if (round > MAX_ROUNDS) {
                    throw new AssertionError("the conversation never settles: " + client + ", " + server);
                }
                boolean clientSpoke = send(client, server, tamper, delivery);
                boolean serverSpoke = send(server, client, tamper, delivery);
                if (!clientSpoke && !serverSpoke) {
                    break;
                }
            }
        }, () -> "an engine hangs: " + client + ", " + server);
        checkFailure(client, server);
        checkFailure(server, client);
        return this;
    }

    /** Both sides quiet, neither failed, and not both connected: each waits for the other. */
    boolean stalled() {
        return client.failure == null && server.failure == null && !(client.connected() && server.connected());
    }

    boolean bothConnected() {
        return client.connected() && server.connected();
    }

    /** The side that failed first on its own account (not because of an alert it received), or null. */
    Endpoint firstLocalFailure() {
        Endpoint first = null;
        for (Endpoint side : List.of(client, server)) {
            if (side.failedLocally() && (first == null || side.failureOrder < first.failureOrder)) {
                first = side;
            }
        }
        return first;
    }

    Endpoint side(Role role) {
        return role == Role.CLIENT ? client : server;
    }

    Endpoint peer(Endpoint side) {
        return side == client ? server : client;
    }

    /** Queues application data on {@code from}, to travel with the next {@link #run}. */
    void write(Endpoint from, byte[] data) {
        try {
            from.engine.writeApplicationData(ByteBuffer.wrap(data));
        } catch (TlsException e) {
            throw new AssertionError(from.role + " could not write application data", e);
        }
    }

    private boolean send(Endpoint from, Endpoint to, Tamper tamper, Delivery delivery) {
        if (from.engine.pendingOutput() == 0) {
            return false;
        }
        byte[] bytes = from.engine.drainOutput();
        if (from.failure != null) {
            from.outputAfterFailure.writeBytes(bytes);
        }
        byte[] delivered = tamper.apply(from.role, from.flightsSent++, bytes);
        if (to.failure == null) {
            deliver(delivered, to, delivery);
        }
        return true;
    }

    private void deliver(byte[] bytes, Endpoint to, Delivery delivery) {
        ByteBuffer wire = ByteBuffer.wrap(bytes);
        int chunk = 0;
        int idleRounds = 0;
        while (wire.hasRemaining() && to.failure == null) {
            int remainingBefore = wire.remaining();
            for (int i = 0; i < delivery.chunksPerProcess() && wire.hasRemaining(); i++) {
                List<Integer> sizes = delivery.chunkSizes();
                int size = Math.min(wire.remaining(), sizes.get(chunk++ % sizes.size()));
                int capacity = to.engine.receiveCapacity();
                int taken = to.engine.receive(wire.slice(wire.position(), size));
                assertEquals(Math.min(size, capacity), taken, "receive takes what fits");
                wire.position(wire.position() + taken);
                if (taken < size) {
                    break;
                }
            }
            processAndRead(to);
            idleRounds = wire.remaining() == remainingBefore ? idleRounds + 1 : 0;
            if (idleRounds > 2) {
                throw new AssertionError(to.role + " takes no more bytes although it processed and its data was read");
            }
        }
    }

    /** process(), then read whatever application data it surfaced, until nothing more comes. */
    private void processAndRead(Endpoint side) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (side.failure == null) {
            process(side);
            int read = 0;
            while (side.engine.applicationDataAvailable() > 0) {
                buffer.clear();
                read += side.engine.readApplicationData(buffer);
                side.applicationData.write(buffer.array(), 0, buffer.position());
            }
            if (read == 0) {
                return;
            }
        }
    }

    private void process(Endpoint side) {
        try {
            side.engine.process();
        } catch (TlsAlertException e) {
            side.failure = e;
            side.failureOrder = ++failures;
            // The engine refuses further work with the same exception.
            TlsAlertException again = null;
            try {
                side.engine.process();
            } catch (TlsAlertException repeated) {
                again = repeated;
            } catch (TlsException | RuntimeException other) {
                throw new AssertionError(side.role + " answered process() after failing with " + other, other);
            }
            assertSame(e, again, side.role + ": process() after a failure must throw the same exception");
        } catch (TlsException e) {
            throw new AssertionError(side.role + ": process() threw a TlsException that is not an alert", e);
        } catch (RuntimeException e) {
            throw new AssertionError(side.role + ": an unchecked exception escaped process(): " + e, e);
        } finally {
            for (TlsEvent event = side.engine.pollEvent(); event != null; event = side.engine.pollEvent()) {
                side.events.add(event);
            }
        }
    }

    /**
     * A failed side: its own failure produced exactly one fatal alert, sent last; the peer, unless it
     * failed first on its own, received that very alert.
     */
    private void checkFailure(Endpoint side, Endpoint peer) {
        if (side.failure == null) {
            return;
        }
        long fatalAlertsSent = side.events.stream()
                .filter(event -> event instanceof TlsEvent.AlertSent sent && sent.fatal()).count();
        if (!side.failure.isLocal()) {
            assertEquals(0, fatalAlertsSent, side.role + " answered a received fatal alert with one of its own");
            return;
        }
        assertEquals(1, fatalAlertsSent, side.role + " must report exactly one fatal alert sent");
        assertTrue(side.events.contains(new TlsEvent.AlertSent(side.failure.alert(), true)),
                side.role + " reported another alert than it failed with");
        assertEquals(0, side.engine.pendingOutput(), "all output was drained");
        List<Wire.Record> records = Wire.records(side.outputAfterFailure.toByteArray());
        assertTrue(!records.isEmpty(), side.role + " failed but sent nothing");
        Wire.Record last = records.get(records.size() - 1);
        if (!(protectedAlerts && last.type() == Wire.APPLICATION_DATA)) {
            assertEquals(Wire.ALERT, last.type(), side.role + " must end its output with the fatal alert");
        }
        if (last.fragment().length == 2) {
            assertArrayEquals(new byte[] {(byte) AlertLevel.FATAL.code(), (byte) side.failure.alert().code()},
                    last.fragment(), "the plaintext alert record");
        }
        if (peer.failure != null && !peer.failure.isLocal()) {
            assertEquals(side.failure.alert(), peer.failure.alert(), "the peer received the alert that was sent");
        }
    }

    @Override
    public String toString() {
        return client + ", " + server;
    }
}
