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
 * Bulk throughput over one established loopback TLS 1.3 connection (AES-128-GCM): one operation is
 * the client writing 1 MiB and waiting for the server's one-byte acknowledgement that all of it
 * arrived. So the client encrypts and the server decrypts 1 MiB per operation; ops/s × 1,048,576 =
 * bytes/s. One way with an acknowledgement rather than an echo, because a blocking client that
 * writes 1 MiB before reading can deadlock against a blocking echo server once the TCP buffers
 * fill.
 *
 * <p>A new connection for every iteration (not measured), as {@link SunJsseThroughputBenchmark}
 * does, so no key-usage limit is reached inside a measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + SunJsseHandshakes.NAMED_GROUPS_PROPERTY + "=" + SunJsseHandshakes.NAMED_GROUPS)
public class SocketBulkBenchmark {
    static final int TRANSFER_SIZE = LoopbackPeers.MEBIBYTE;

    @Param({"JTLS", "SUNJSSE"})
    public SocketImplementation implementation;

    private final SecureRandom random = new SecureRandom();
    private LoopbackPeers peers;
    private LoopbackPeers.Connection connection;
    private byte[] mebibyte;

    @Setup(Level.Trial)
    public void start() throws GeneralSecurityException, OperatorCreationException, IOException {
        peers = implementation.start(LoopbackPeers.ServerMode.ACKNOWLEDGE_EACH_MEBIBYTE, random);
        mebibyte = new byte[TRANSFER_SIZE];
        random.nextBytes(mebibyte);
    }

    @Setup(Level.Iteration)
    public void connect() throws IOException {
        connection = peers.connect();
    }

    @TearDown(Level.Iteration)
    public void disconnect() {
        connection.close();
        peers.takeHandshakeCount().requireAllFull(peers.toString());
    }

    @TearDown(Level.Trial)
    public void stop() {
        peers.close();
    }

    @Benchmark
    public void sendMebibyte() throws IOException {
        connection.sendMebibyteAndAwaitAck(mebibyte);
    }
}
