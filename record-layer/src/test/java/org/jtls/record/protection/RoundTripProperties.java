package org.jtls.record.protection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.record.ContentType;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * Records sealed by one crypto backend open under the other, for every cipher suite in every
 * version it supports (CBC suites from TLS 1.0 on with and without encrypt-then-MAC): the content
 * and its type come back exactly, the header says what the protection claims, and consecutive
 * records keep both ends' sequence numbers (and SSL 3.0 / TLS 1.0 chained IVs) in step.
 *
 * <p>The first property visits every suite and version in every try; the second lets jqwik pick the
 * suite and the plaintext, so a failure shrinks to a small example. Together about 10 s on two cores.
 */
class RoundTripProperties {
    private static final List<ProtectionSpec> SPECS = ProtectionSpec.all();
    private static final int MAX_PLAINTEXT = RecordProtection.MAX_PLAINTEXT;

    @Property(tries = 5)
    void everySuiteAndVersionRoundTripsBetweenBackends(@ForAll long seed) throws TlsException {
        SeededRandom random = new SeededRandom(seed);
        for (ProtectionSpec spec : SPECS) {
            for (boolean jcaSeals : new boolean[] {true, false}) {
                ProtectionSpec.Keys keys = spec.randomKeys(random);
                PaddingPolicy padding = randomPadding(random);
                RecordProtection sealer = spec.build(backend(jcaSeals), keys, padding, random);
                RecordProtection opener = spec.build(backend(!jcaSeals), keys, PaddingPolicy.NONE, random);
                for (int record = 0; record < 3; record++) {
                    ContentType type = ContentType.values()[random.nextInt(ContentType.values().length)];
                    byte[] plaintext = random.bytes(randomLength(random));
                    assertRoundTrip(spec, sealer, opener, type, plaintext);
                }
            }
        }
    }

    @Property(tries = 300)
    void randomRecordsRoundTrip(@ForAll("specs") ProtectionSpec spec, @ForAll ContentType type,
            @ForAll("plaintexts") byte[] plaintext, @ForAll boolean jcaSeals, @ForAll long keySeed)
            throws TlsException {
        SeededRandom random = new SeededRandom(keySeed);
        ProtectionSpec.Keys keys = spec.randomKeys(random);
        RecordProtection sealer = spec.build(backend(jcaSeals), keys, randomPadding(random), random);
        RecordProtection opener = spec.build(backend(!jcaSeals), keys, PaddingPolicy.NONE, random);
        assertRoundTrip(spec, sealer, opener, type, plaintext);
        // A second record under the same keys: sequence numbers and chained IVs moved on together.
        assertRoundTrip(spec, sealer, opener, type, Arrays.copyOf(plaintext, plaintext.length / 2));
    }

    @Provide
    Arbitrary<ProtectionSpec> specs() {
        return Arbitraries.of(SPECS);
    }

    @Provide
    Arbitrary<byte[]> plaintexts() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_PLAINTEXT);
    }

    private static void assertRoundTrip(ProtectionSpec spec, RecordProtection sealer, RecordProtection opener,
            ContentType type, byte[] plaintext) throws TlsException {
        long sequence = sealer.sequenceNumber();
        assertEquals(sequence, opener.sequenceNumber(), "both ends at the same sequence number");
        ByteBuffer wire = ByteBuffer.allocate(5 + plaintext.length + sealer.maxOverhead());
        sealer.seal(type, spec.recordVersion(), ByteBuffer.wrap(plaintext), wire);
        wire.flip();

        ContentType outerType = ContentType.fromCode(wire.get()).orElseThrow();
        int version = wire.getShort() & 0xFFFF;
        int length = wire.getShort() & 0xFFFF;
        assertEquals(spec.isTls13() ? ContentType.APPLICATION_DATA : type, outerType, spec + ": outer type");
        assertEquals(spec.recordVersion(), version, spec + ": record version");
        assertEquals(wire.remaining(), length, spec + ": header length matches the fragment");
        assertTrue(length <= opener.maxFragmentLength(), spec + ": fragment within the receiver's limit");
        assertTrue(length - plaintext.length <= sealer.maxOverhead(), spec + ": overhead within maxOverhead()");

        ByteBuffer opened = ByteBuffer.allocate(opener.maxFragmentLength());
        ContentType openedType;
        try {
            openedType = opener.open(outerType, version, wire, opened);
        } catch (TlsAlertException e) {
            throw new AssertionError(spec + ": a record the other backend sealed did not open: " + e.getMessage(), e);
        }
        assertFalse(wire.hasRemaining(), spec + ": the whole fragment was consumed");
        assertEquals(type, openedType, spec + ": content type");
        assertArrayEquals(plaintext, Arrays.copyOf(opened.array(), opened.position()), spec + ": content");
        assertEquals(sequence + 1, sealer.sequenceNumber());
        assertEquals(sequence + 1, opener.sequenceNumber());
    }

    private static CryptoBackend backend(boolean jca) {
        return jca ? CryptoBackends.jca() : CryptoBackends.bouncyCastle();
    }

    /** Lengths from the whole range, with the edges (0, 1, a block's worth, 2^14) often. */
    private static int randomLength(SeededRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> MAX_PLAINTEXT;
            case 2 -> 1 + random.nextInt(64);
            default -> random.nextInt(MAX_PLAINTEXT + 1);
        };
    }

    /** TLS 1.3 padding: none, or up to a random multiple (the protection clamps it to 2^14 + 1). */
    private static PaddingPolicy randomPadding(SeededRandom random) {
        return random.nextBoolean() ? PaddingPolicy.NONE : PaddingPolicy.toMultipleOf(1 + random.nextInt(4096));
    }
}
