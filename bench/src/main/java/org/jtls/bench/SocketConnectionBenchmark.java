package org.jtls.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.operator.OperatorCreationException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Connections per second over real loopback TCP, client and server in this JVM: one operation is
 * a TCP connect to 127.0.0.1, a full TLS 1.3 handshake (X25519, ECDSA P-256, AES-128-GCM), 1 KiB
 * sent and echoed back, and close. jtls: blocking {@code SslSocket} client, {@code SslServer} on
 * one event-loop thread; SunJSSE: {@code SSLSocket} client, {@code SSLServerSocket} with a thread
 * per connection. See {@link LoopbackPeers} for how both are configured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + SunJsseHandshakes.NAMED_GROUPS_PROPERTY + "=" + SunJsseHandshakes.NAMED_GROUPS)
public class SocketConnectionBenchmark {
    static final int PAYLOAD_SIZE = 1024;

    @Param({"JTLS", "SUNJSSE"})
    public SocketImplementation implementation;

    private final SecureRandom random = new SecureRandom();
    private LoopbackPeers peers;
    private byte[] payload;

    @Setup(Level.Trial)
    public void start() throws GeneralSecurityException, OperatorCreationException, IOException {
        peers = implementation.start(LoopbackPeers.ServerMode.ECHO, random);
        payload = new byte[PAYLOAD_SIZE];
        random.nextBytes(payload);
    }

    /** Fails the iteration if any of its connections resumed a session instead of a full handshake. */
    @TearDown(Level.Iteration)
    public void checkFullHandshakes() {
        peers.takeHandshakeCount().requireAllFull(peers.toString());
    }

    @TearDown(Level.Trial)
    public void stop() {
        peers.close();
    }

    @Benchmark
    public void connectHandshakeEchoClose() throws IOException {
        peers.connectEchoAndClose(payload);
    }
}
