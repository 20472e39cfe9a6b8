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
 * SunJSSE's TLS 1.2 resumption by session id. JDK 13+ resumes by stateless ticket whenever both
 * sides allow it, and only system properties turn tickets off, so this kind runs in a fork of its
 * own with them off on both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-D" + SunJsseHandshakes.NAMED_GROUPS_PROPERTY + "=" + SunJsseHandshakes.NAMED_GROUPS,
    "-D" + SunJsseHandshakes.SERVER_TICKETS_PROPERTY + "=false",
    "-D" + SunJsseHandshakes.CLIENT_TICKETS_PROPERTY + "=false"})
public class SunJsseSessionIdResumptionBenchmark {
    @Param({"TLS12_RESUMED_SESSION_ID"})
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
