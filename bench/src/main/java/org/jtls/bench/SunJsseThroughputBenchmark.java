package org.jtls.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
    private static final char[] KEY_PASSWORD = "benchmark".toCharArray();

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
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair serverKeys = generator.generateKeyPair();
        X509Certificate certificate = selfSignedCertificate(serverKeys);

        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", serverKeys.getPrivate(), KEY_PASSWORD, new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, KEY_PASSWORD);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);

        context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), random);
    }

    private X509Certificate selfSignedCertificate(KeyPair keys)
            throws OperatorCreationException, CertificateException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
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

        new InMemoryHandshake(client, server, packetSize, applicationSize).run();
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

    /**
     * Runs a handshake between two engines through in-memory buffers: each side wraps what it has to
     * send, the other unwraps it, and delegated tasks run inline, until neither side has anything
     * left to do. The TLS 1.3 NewSessionTicket the server sends after the handshake is delivered too.
     */
    private static final class InMemoryHandshake {
        private static final int MAX_ROUNDS = 100;

        private final SSLEngine client;
        private final SSLEngine server;
        private final ByteBuffer clientToServer;
        private final ByteBuffer serverToClient;
        private final ByteBuffer clientApplication;
        private final ByteBuffer serverApplication;
        private final ByteBuffer nothingToSend = ByteBuffer.allocate(0);

        InMemoryHandshake(SSLEngine client, SSLEngine server, int packetSize, int applicationSize) {
            this.client = client;
            this.server = server;
            this.clientToServer = ByteBuffer.allocate(packetSize);
            this.serverToClient = ByteBuffer.allocate(packetSize);
            this.clientApplication = ByteBuffer.allocate(applicationSize);
            this.serverApplication = ByteBuffer.allocate(applicationSize);
        }

        void run() throws SSLException {
            client.beginHandshake();
            server.beginHandshake();
            for (int round = 0; round < MAX_ROUNDS; round++) {
                boolean progressed = step(client, clientToServer, serverToClient, clientApplication);
                progressed |= step(server, serverToClient, clientToServer, serverApplication);
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
        private boolean step(SSLEngine engine, ByteBuffer outbound, ByteBuffer inbound, ByteBuffer application)
                throws SSLException {
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
                SSLEngineResult result = engine.wrap(nothingToSend, outbound);
                runDelegatedTasks(engine);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    // SunJSSE wraps only into room for a whole packet: the peer must read first.
                    break;
                }
                if (result.getStatus() != SSLEngineResult.Status.OK) {
                    throw new IllegalStateException("handshake wrap: " + result);
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
}
