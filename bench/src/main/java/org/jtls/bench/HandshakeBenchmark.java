package org.jtls.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.operator.OperatorCreationException;
import org.jtls.crypto.CryptoBackends;
import org.jtls.handshake.SessionInfo;
import org.jtls.record.TlsException;
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
 * Handshakes per second through jtls's engine: one operation is one complete in-memory handshake
 * between a new client and a new server engine, for each {@link HandshakeKind}, on the default
 * crypto backend. {@link SunJsseHandshakeBenchmark} measures the same handshakes through the JDK's
 * {@code SSLEngine}; {@link HandshakeBackendBenchmark} repeats the full ones on the {@code jca} and
 * {@code bc} backends; {@link RunHandshakeBenchmarks} runs them all and prints one table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandshakeBenchmark {
    @Param
    public HandshakeKind kind;

    /** {@code default} is {@code CryptoBackends.defaultBackend()}; {@code jca} and {@code bc} work too. */
    @Param({"default"})
    public String backend;

    private final SecureRandom random = new SecureRandom();
    private JtlsHandshakes handshakes;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, OperatorCreationException, TlsException {
        handshakes = new JtlsHandshakes(kind, CryptoBackends.byName(backend), random);
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        handshakes.checkIteration();
    }

    @Benchmark
    public SessionInfo handshake() throws TlsException {
        return handshakes.handshake();
    }
}
