package org.jtls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.protection.AllocationFreeAeadBackend;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.jtls.record.protection.SeededRandom;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In steady state, sealing and opening application data allocates nothing per record: 16 KiB
 * records through {@link RecordLayer#writeApplicationData}, {@link RecordLayer#drainOutput},
 * {@link RecordLayer#receive}, {@link RecordLayer#readNext} and
 * {@link RecordLayer#readApplicationData} with reused buffers. Measured as bytes allocated by this
 * thread (HotSpot's per-thread allocation counter), not as time.
 *
 * <p>The real crypto providers allocate on every record by themselves (SunJCE builds new GCM engine
 * objects at each {@code Cipher.init}; Bouncy Castle's GCM allocates its buffers in {@code init}),
 * and how much varies with the JIT's escape analysis. So the bound is asserted with an
 * allocation-free AEAD ({@link AllocationFreeAeadBackend}) under the record layer, where every
 * byte counted is the record layer's own; the JCA and Bouncy Castle figures are measured and
 * reported (printed and published as report entries), not asserted.
 */
class SteadyStateAllocationTest {
    private static final int RECORD = RecordProtection.MAX_PLAINTEXT;
    private static final int WARM_UP_RECORDS = 5000;
    private static final int MEASURED_RECORDS = 2000;
    private static final long MAX_BYTES_PER_RECORD = 64;

    static Stream<Arguments> suites() {
        return Stream.of(
                Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, ProtocolVersion.TLS_1_3),
                Arguments.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, ProtocolVersion.TLS_1_3),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ProtocolVersion.TLS_1_2),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ProtocolVersion.TLS_1_2));
    }

    static Stream<Arguments> suitesOverRealBackends() {
        return suites().flatMap(suite -> Stream.of("jca", "bc")
                .map(backend -> Arguments.of(suite.get()[0], suite.get()[1], backend)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("suites")
    void recordLayerAllocatesNothingPerRecord(CipherSuite suite, ProtocolVersion version, TestReporter reporter)
            throws TlsException {
        long perRecord = allocatedPerRecord(new AllocationFreeAeadBackend(CryptoBackends.jca()), suite, version);
        String summary = String.format("%s %s: the record layer allocated %d bytes per 16 KiB record sealed and"
                + " opened", suite.ianaName(), version.displayName(), perRecord);
        reporter.publishEntry("allocation", summary);
        System.out.println(summary);
        assertTrue(perRecord < MAX_BYTES_PER_RECORD, summary);
    }

    /** What the whole path allocates with the real providers: measured and reported only. */
    @ParameterizedTest(name = "{0} {1} over {2}")
    @MethodSource("suitesOverRealBackends")
    void allocationWithRealProvidersIsReported(CipherSuite suite, ProtocolVersion version, String backendName,
            TestReporter reporter) throws TlsException {
        long perRecord = allocatedPerRecord(CryptoBackends.byName(backendName), suite, version);
        String summary = String.format("%s %s over %s: %d bytes allocated per 16 KiB record sealed and opened",
                suite.ianaName(), version.displayName(), backendName, perRecord);
        reporter.publishEntry("allocation", summary);
        System.out.println(summary);
    }

    private static long allocatedPerRecord(CryptoBackend crypto, CipherSuite suite, ProtocolVersion version)
            throws TlsException {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        long threadId = Thread.currentThread().getId();
        SeededRandom random = new SeededRandom(16384);
        byte[] key = random.bytes(suite.cipher().keyLength());
        byte[] iv = random.bytes(suite.cipher().fixedIvLength(version));
        RecordLayer sender = new RecordLayer();
        RecordLayer receiver = new RecordLayer();
        sender.installWriteProtection(protection(crypto, suite, version, key, iv));
        receiver.installReadProtection(protection(crypto, suite, version, key, iv));
        ByteBuffer source = ByteBuffer.wrap(random.bytes(RECORD));
        ByteBuffer destination = ByteBuffer.allocate(RECORD);
        RecordPump records = new RecordPump(sender, receiver, source, ByteBuffer.allocate(2 * (RECORD + 2048 + 5)),
                destination);

        records.run(WARM_UP_RECORDS);
        long before = threads.getThreadAllocatedBytes(threadId);
        records.run(MEASURED_RECORDS);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertArrayEquals(source.array(), destination.array(), "the data went through intact");
        assertEquals(WARM_UP_RECORDS + MEASURED_RECORDS, receiver.readProtection().sequenceNumber());
        return allocated / MEASURED_RECORDS;
    }

    private static RecordProtection protection(CryptoBackend crypto, CipherSuite suite, ProtocolVersion version,
            byte[] key, byte[] iv) {
        if (version == ProtocolVersion.TLS_1_3) {
            return RecordProtections.tls13(crypto, suite, key, iv, PaddingPolicy.NONE);
        }
        return RecordProtections.legacy(crypto, version, suite, new byte[0], key, iv, false, new SeededRandom(0));
    }

    /** Moves records from sender to receiver through reused buffers. */
    private record RecordPump(RecordLayer sender, RecordLayer receiver, ByteBuffer source, ByteBuffer wire,
            ByteBuffer destination) {
        void run(int records) throws TlsException {
            for (int i = 0; i < records; i++) {
                source.clear();
                sender.writeApplicationData(source);
                wire.clear();
                sender.drainOutput(wire);
                wire.flip();
                receiver.receive(wire);
                destination.clear();
                while (receiver.readNext() == RecordLayer.Inbound.APPLICATION_DATA) {
                    receiver.readApplicationData(destination);
                }
                if (destination.position() != RECORD) {
                    throw new AssertionError("record " + i + " delivered " + destination.position() + " bytes");
                }
            }
        }
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counter.isThreadAllocatedMemorySupported(), "per-thread allocation counting is not supported");
        if (!counter.isThreadAllocatedMemoryEnabled()) {
            counter.setThreadAllocatedMemoryEnabled(true);
        }
        return counter;
    }
}
