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
 * {@link HandshakeBenchmark}'s full handshakes on each single crypto backend, to show what the
 * default backend's per-primitive choice buys. Resumed handshakes are left out: they sign and verify
 * nothing, which is where the backends differ most.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandshakeBackendBenchmark {
    @Param({"TLS12_ECDHE_RSA", "TLS12_ECDHE_ECDSA", "TLS13_X25519_ECDSA", "TLS13_X25519MLKEM768_ECDSA",
        "TLS13_X25519_RSA"})
    public HandshakeKind kind;

    @Param({"jca", "bc"})
    public String backend;

    private final SecureRandom random = new SecureRandom();
    private JtlsHandshakes handshakes;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, OperatorCreationException, TlsException {
        if (kind.resumes()) {
            throw new IllegalArgumentException(kind + " resumes; this benchmark compares backends on full handshakes");
        }
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
