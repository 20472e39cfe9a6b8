package org.jtls.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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
 * Many clients at once against one server: one operation is a batch of {@link #connections}
 * connections started together, each as in {@link SocketConnectionBenchmark} (connect, full TLS 1.3
 * handshake, 1 KiB echoed, close), from as many client threads (started once, reused); the score
 * is the time until the last of them has closed. The server is what differs: jtls's
 * {@code SslServer} runs every handshake and echo on its one event-loop thread, SunJSSE's
 * {@code SSLServerSocket} gives each connection a thread of its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + SunJsseHandshakes.NAMED_GROUPS_PROPERTY + "=" + SunJsseHandshakes.NAMED_GROUPS)
public class SocketConcurrentBenchmark {
    @Param({"JTLS", "SUNJSSE"})
    public SocketImplementation implementation;

    @Param("50")
    public int connections;

    private final SecureRandom random = new SecureRandom();
    private LoopbackPeers peers;
    private ThreadPoolExecutor clients;
    private List<Callable<Void>> batch;

    @Setup(Level.Trial)
    public void start() throws GeneralSecurityException, OperatorCreationException, IOException {
        peers = implementation.start(LoopbackPeers.ServerMode.ECHO, random);
        byte[] payload = new byte[SocketConnectionBenchmark.PAYLOAD_SIZE];
        random.nextBytes(payload);
        clients = new ThreadPoolExecutor(connections, connections, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "bench-client");
                    thread.setDaemon(true);
                    return thread;
                });
        clients.prestartAllCoreThreads();
        batch = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            batch.add(() -> {
                peers.connectEchoAndClose(payload);
                return null;
            });
        }
    }

    @TearDown(Level.Iteration)
    public void checkFullHandshakes() {
        peers.takeHandshakeCount().requireAllFull(peers.toString());
    }

    @TearDown(Level.Trial)
    public void stop() {
        clients.shutdownNow();
        peers.close();
    }

    @Benchmark
    public void batchOfConnections() throws InterruptedException, ExecutionException {
        for (Future<Void> connection : clients.invokeAll(batch)) {
            connection.get();
        }
    }
}
