package org.jtls.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.BulkCipher;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.RecordLayer;
import org.jtls.record.TlsException;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
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
 * Bulk application-data throughput of jtls's record layer: one operation is one full 16 KiB record
 * sealed by a writer {@link RecordLayer}, moved through a network buffer, and opened and read by a
 * reader {@link RecordLayer} holding the same keys — the path every byte of a bulk transfer takes.
 * {@link SunJsseThroughputBenchmark} measures the same operation through the JDK's {@code SSLEngine}.
 *
 * <p>Reported in operations per second; ops/s × 16384 = bytes/s. {@link RunRecordBenchmarks} runs
 * both benchmarks and prints MB/s side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordThroughputBenchmark {
    static final int RECORD_SIZE = RecordProtection.MAX_PLAINTEXT;

    /** The TLS 1.3 suites run under TLS 1.3, the ECDHE-RSA ones under TLS 1.2. */
    @Param({
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"jca", "bc", "default"})
    public String backend;

    private final SecureRandom random = new SecureRandom();
    private RecordLayer writer;
    private RecordLayer reader;
    private ByteBuffer applicationData;
    private ByteBuffer network;
    private ByteBuffer received;

    /**
     * Fresh keys and layers for every iteration: TLS 1.3 AES-GCM keys may protect only 2^24.5
     * records (RFC 8446 §5.5), which long runs would otherwise exhaust.
     */
    @Setup(Level.Iteration)
    public void setUp() throws TlsException {
        CryptoBackend crypto = CryptoBackends.byName(backend);
        CipherSuite cipherSuite = CipherSuite.fromIanaName(suite)
                .orElseThrow(() -> new IllegalArgumentException("unknown cipher suite " + suite));
        ProtocolVersion version = cipherSuite.isTls13() ? ProtocolVersion.TLS_1_3 : ProtocolVersion.TLS_1_2;
        BulkCipher cipher = cipherSuite.cipher();
        AeadAlgorithm aead = cipher.aeadAlgorithm()
                .orElseThrow(() -> new IllegalArgumentException(suite + " is not an AEAD suite"));
        byte[] key = randomBytes(aead.keyLength());
        byte[] iv = randomBytes(cipher.fixedIvLength(version));

        writer = new RecordLayer();
        reader = new RecordLayer();
        if (version == ProtocolVersion.TLS_1_3) {
            writer.installWriteProtection(RecordProtections.tls13(crypto, cipherSuite, key, iv, PaddingPolicy.NONE));
            reader.installReadProtection(RecordProtections.tls13(crypto, cipherSuite, key, iv, PaddingPolicy.NONE));
            // Without record_size_limit a TLS 1.3 record carries up to 2^14 content bytes plus the
            // inner type byte (RFC 8446 §5.4, RFC 8449 §4). RecordLayer's default limit of 2^14
            // counts the type byte, so it would split 16 KiB into 16383 + 1 bytes; set the limit
            // the RFC allows so that one write is one full record.
            int fullRecordWithType = RecordProtection.MAX_PLAINTEXT + 1;
            writer.setPlaintextLimits(fullRecordWithType, fullRecordWithType);
            reader.setPlaintextLimits(fullRecordWithType, fullRecordWithType);
        } else {
            byte[] noMacKey = new byte[0];
            writer.installWriteProtection(RecordProtections.legacy(crypto, version, cipherSuite, noMacKey, key, iv,
                    false, random));
            reader.installReadProtection(RecordProtections.legacy(crypto, version, cipherSuite, noMacKey, key, iv,
                    false, random));
            writer.setWriteVersion(0x0303);
            reader.setExpectedReadVersion(0x0303);
        }

        applicationData = ByteBuffer.wrap(randomBytes(RECORD_SIZE));
        network = ByteBuffer.allocate(2 * RECORD_SIZE);
        received = ByteBuffer.allocate(RECORD_SIZE);
        checkOneRecordRoundTrip();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Fails the run unless one write makes exactly one record that reads back unchanged. */
    private void checkOneRecordRoundTrip() throws TlsException {
        applicationData.clear();
        writer.writeApplicationData(applicationData);
        network.clear();
        writer.drainOutput(network);
        network.flip();
        int recordLength = network.remaining();
        int fragmentLength = ((network.get(3) & 0xFF) << 8) | (network.get(4) & 0xFF);
        if (recordLength != 5 + fragmentLength) {
            throw new IllegalStateException(suite + ": a " + RECORD_SIZE + "-byte write made " + recordLength
                    + " bytes on the wire, not one record (first fragment " + fragmentLength + " bytes)");
        }
        reader.receive(network);
        if (reader.readNext() != RecordLayer.Inbound.APPLICATION_DATA) {
            throw new IllegalStateException(suite + ": the reader did not find application data");
        }
        received.clear();
        reader.readApplicationData(received);
        if (received.position() != RECORD_SIZE || !received.flip().equals(applicationData.clear())) {
            throw new IllegalStateException(suite + ": the record did not read back as written");
        }
        if (reader.readNext() != RecordLayer.Inbound.NEED_MORE_INPUT) {
            throw new IllegalStateException(suite + ": the reader found more than one record");
        }
    }

    /** One 16 KiB record: seal, drain to the network buffer, receive, open, read. */
    @Benchmark
    public int sealAndOpen16k() throws TlsException {
        applicationData.clear();
        writer.writeApplicationData(applicationData);
        network.clear();
        writer.drainOutput(network);
        network.flip();
        reader.receive(network);
        if (reader.readNext() != RecordLayer.Inbound.APPLICATION_DATA) {
            throw new IllegalStateException("the reader did not find the record just written");
        }
        received.clear();
        return reader.readApplicationData(received);
    }
}
