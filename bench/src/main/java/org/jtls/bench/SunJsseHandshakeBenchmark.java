package org.jtls.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
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
 * {@link HandshakeBenchmark}'s handshakes through the JDK's SunJSSE: one operation is one complete
 * in-memory handshake between a new client and a new server {@code SSLEngine}. Two kinds are not
 * here: X25519MLKEM768 (SunJSSE on JDK 17 has no ML-KEM) and session-id resumption, which needs
 * session tickets off for the whole JVM ({@link SunJsseSessionIdResumptionBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-D" + SunJsseHandshakes.NAMED_GROUPS_PROPERTY + "=" + SunJsseHandshakes.NAMED_GROUPS)
public class SunJsseHandshakeBenchmark {
    @Param({"TLS12_ECDHE_RSA", "TLS12_ECDHE_ECDSA", "TLS12_RESUMED_TICKET", "TLS13_X25519_ECDSA", "TLS13_X25519_RSA",
        "TLS13_PSK_DHE_X25519"})
    public HandshakeKind kind;

    private final SecureRandom random = new SecureRandom();
    private SunJsseHandshakes handshakes;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, OperatorCreationException, IOException {
        handshakes = new SunJsseHandshakes(kind, random);
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        handshakes.checkIteration();
    }

    @Benchmark
    public SSLSession handshake() throws SSLException {
        return handshakes.handshake();
    }
}
