package org.jtls.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDK's own TLS (SunJSSE) on the operation {@link RecordThroughputBenchmark} measures for jtls:
 * 16 KiB of application data, client {@code wrap} into a network buffer then server
 * {@code unwrap} into an application buffer, between two {@link SSLEngine}s that completed a real
 * handshake in memory.
 *
 * <p>Reported in operations per second; ops/s × 16384 = bytes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SunJsseThroughputBenchmark {
    private static final int RECORD_SIZE = RecordThroughputBenchmark.RECORD_SIZE;

    /** The TLS 1.3 suites run under TLS 1.3, the ECDHE-RSA ones under TLS 1.2. */
    @Param({
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    public String suite;

    private final SecureRandom random = new SecureRandom();
    private SSLContext context;
    private SSLEngine client;
    private SSLEngine server;
    private ByteBuffer applicationData;
    private ByteBuffer network;
    private ByteBuffer received;

    /** One server identity for the whole run: a self-signed RSA-2048 certificate the client trusts. */
    @Setup(Level.Trial)
    public void createContext() throws GeneralSecurityException, OperatorCreationException, IOException {
        ServerCredentials server = ServerCredentials.selfSigned(ServerKey.RSA_2048, "localhost", random);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", server.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);

        context = SSLContext.getInstance("TLS");
        context.init(server.keyManagers(), trustManagers.getTrustManagers(), random);
    }

    /**
     * A fresh connection for every iteration, so SunJSSE's own key-usage limit (a TLS 1.3 KeyUpdate
     * after 2^37 bytes by default) is never reached inside a measurement.
     */
    @Setup(Level.Iteration)
    public void connect() throws SSLException {
        String protocol = suite.startsWith("TLS_ECDHE_") ? "TLSv1.2" : "TLSv1.3";
        client = context.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        server = context.createSSLEngine();
        server.setUseClientMode(false);
        for (SSLEngine engine : new SSLEngine[] {client, server}) {
            engine.setEnabledProtocols(new String[] {protocol});
            engine.setEnabledCipherSuites(new String[] {suite});
        }

        int packetSize = client.getSession().getPacketBufferSize();
        int applicationSize = client.getSession().getApplicationBufferSize();
        network = ByteBuffer.allocate(packetSize);
        // Room for the whole 16 KiB plus SunJSSE's demand of a full record's worth on every unwrap.
        received = ByteBuffer.allocate(RECORD_SIZE + applicationSize);
        applicationData = ByteBuffer.allocate(RECORD_SIZE);
        random.nextBytes(applicationData.array());

        new SslEngineHandshake(packetSize, applicationSize).run(client, server);
        checkNegotiated(protocol);
        checkRoundTrip();
    }

    private void checkNegotiated(String protocol) {
        String negotiatedProtocol = client.getSession().getProtocol();
        String negotiatedSuite = client.getSession().getCipherSuite();
        if (!negotiatedProtocol.equals(protocol) || !negotiatedSuite.equals(suite)) {
            throw new IllegalStateException("SunJSSE negotiated " + negotiatedProtocol + " " + negotiatedSuite
                    + ", not " + protocol + " " + suite);
        }
    }

    /** Fails the run unless 16 KiB goes through and reads back unchanged. */
    private void checkRoundTrip() throws SSLException {
        int length = sealAndOpen16k();
        if (length != RECORD_SIZE || !received.flip().equals(applicationData.flip())) {
            throw new IllegalStateException(suite + ": 16 KiB did not read back as written");
        }
    }

    /**
     * 16 KiB of application data: client wrap into the network buffer, server unwrap into the
     * application buffer. Under TLS 1.2 that is one record. SunJSSE's TLS 1.3 engine (JDK 17) puts
     * at most 16367 content bytes in a record, so there it takes two wrap/unwrap pairs (16367 + 17
     * bytes); the unit of work stays the same 16384 bytes as in {@link RecordThroughputBenchmark}.
     */
    @Benchmark
    public int sealAndOpen16k() throws SSLException {
        applicationData.clear();
        received.clear();
        while (applicationData.hasRemaining()) {
            network.clear();
            SSLEngineResult wrapped = client.wrap(applicationData, network);
            if (wrapped.getStatus() != SSLEngineResult.Status.OK || wrapped.bytesConsumed() == 0) {
                throw new IllegalStateException("client wrap: " + wrapped);
            }
            network.flip();
            SSLEngineResult unwrapped = server.unwrap(network, received);
            if (unwrapped.getStatus() != SSLEngineResult.Status.OK || network.hasRemaining()) {
                throw new IllegalStateException("server unwrap: " + unwrapped);
            }
        }
        return received.position();
    }
}
