package org.jtls.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.ProtectionSpec;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-bit change of a protected record is caught, for every distinct kind of record
 * protection (each cipher, MAC, version and encrypt-then-MAC choice once):
 * <ul>
 *   <li>in the fragment: bad_record_mac, always — except SSL 3.0 CBC, whose padding bytes are
 *       neither MACed nor checked (RFC 6101 §5.2.3.2, the POODLE weakness): there a change in the
 *       last ciphertext block may go unnoticed, but then the content that comes out is exactly
 *       the original;</li>
 *   <li>in the header: a TlsAlertException (bad_record_mac, unexpected_message, protocol_version
 *       or record_overflow), never an unchecked exception and never different content.</li>
 * </ul>
 * Each flipped record is opened by a fresh record layer with fresh keys state, through
 * {@link RecordLayer#receive} and {@link RecordLayer#readNext}.
 */
class RecordTamperingTest {
    private static final Set<AlertDescription> HEADER_ALERTS = EnumSet.of(AlertDescription.BAD_RECORD_MAC,
            AlertDescription.UNEXPECTED_MESSAGE, AlertDescription.PROTOCOL_VERSION, AlertDescription.RECORD_OVERFLOW);
    /** Records longer than this have a random sample of this many fragment bits flipped. */
    private static final int MAX_BITS_FLIPPED = 1200;

    static List<ProtectionSpec> families() {
        return ProtectionSpec.families();
    }

    /** What one family's sealed record and its keys look like. */
    private record Sealed(ProtectionSpec spec, ProtectionSpec.Keys keys, byte[] content, byte[] record) {
        int fragmentLength() {
            return record.length - 5;
        }
    }

    private static Sealed seal(ProtectionSpec spec, SeededRandom random) throws TlsException {
        ProtectionSpec.Keys keys = spec.randomKeys(random);
        byte[] content = random.bytes(representativeLength(spec));
        RecordProtection writer = spec.build(CryptoBackends.jca(), keys, PaddingPolicy.NONE, random);
        ByteBuffer out = ByteBuffer.allocate(5 + content.length + writer.maxOverhead());
        writer.seal(ContentType.APPLICATION_DATA, spec.recordVersion(), ByteBuffer.wrap(content), out);
        return new Sealed(spec, keys, content, Arrays.copyOf(out.array(), out.position()));
    }

    /**
     * For CBC, a content length that leaves a whole block of padding: the layout POODLE needs, and
     * the one where the last ciphertext block carries nothing but padding.
     */
    private static int representativeLength(ProtectionSpec spec) {
        if (!spec.isCbc()) {
            return 45;
        }
        int block = spec.suite().cipher().blockLength();
        int macLength = spec.suite().mac().macLength();
        int length = 32;
        while ((length + (spec.encryptThenMac() ? 0 : macLength)) % block != 0) {
            length++;
        }
        return length;
    }

    /** A receiving record layer with fresh read keys, the version pinned as after ServerHello. */
    private static RecordLayer receiver(Sealed sealed, CryptoBackend crypto) throws TlsAlertException {
        RecordLayer receiver = new RecordLayer();
        if (!sealed.spec().isTls13()) {
            receiver.setExpectedReadVersion(sealed.spec().version().code());
        }
        // Opening never draws randomness; the source only satisfies the constructor.
        receiver.installReadProtection(sealed.spec().build(crypto, sealed.keys(), PaddingPolicy.NONE,
                new SeededRandom(0)));
        return receiver;
    }

    /** What came of delivering some bytes: the content read, or the alert raised. */
    private record Outcome(byte[] content, TlsAlertException alert) {
    }

    private static Outcome deliver(RecordLayer receiver, byte[] bytes) {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        ByteBuffer content = ByteBuffer.allocate(1 << 15);
        try {
            while (true) {
                receiver.receive(input);
                RecordLayer.Inbound next = receiver.readNext();
                switch (next) {
                    case APPLICATION_DATA -> receiver.readApplicationData(content);
                    case NEED_MORE_INPUT -> {
                        if (!input.hasRemaining()) {
                            return new Outcome(Arrays.copyOf(content.array(), content.position()), null);
                        }
                    }
                    default -> fail("unexpected " + next + " from a tampered application-data record");
                }
            }
        } catch (TlsAlertException e) {
            return new Outcome(null, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyFragmentBitFlipIsBadRecordMac(ProtectionSpec spec) throws TlsException {
        SeededRandom random = new SeededRandom(spec.familyName().hashCode());
        Sealed sealed = seal(spec, random);
        Outcome untouched = deliver(receiver(sealed, CryptoBackends.bouncyCastle()), sealed.record());
        assertArrayEquals(sealed.content(), untouched.content(), "the untampered record opens");

        boolean poodle = spec.version() == ProtocolVersion.SSL_3_0 && spec.isCbc();
        int block = spec.suite().cipher().blockLength();
        int lastBlockStart = sealed.fragmentLength() - block;
        int fragmentBits = sealed.fragmentLength() * 8;
        int flips = Math.min(fragmentBits, MAX_BITS_FLIPPED);
        for (int i = 0; i < flips; i++) {
            int bit = fragmentBits <= MAX_BITS_FLIPPED ? i : random.nextInt(fragmentBits);
            byte[] tampered = sealed.record().clone();
            tampered[5 + bit / 8] ^= (byte) (1 << (bit % 8));
            CryptoBackend crypto = i % 2 == 0 ? CryptoBackends.jca() : CryptoBackends.bouncyCastle();
            Outcome outcome = deliver(receiver(sealed, crypto), tampered);
            if (outcome.alert() != null) {
                assertEquals(AlertDescription.BAD_RECORD_MAC, outcome.alert().alert(), spec + ", fragment bit " + bit);
                continue;
            }
            assertTrue(poodle, spec + ": fragment bit " + bit + " flipped and the record was accepted");
            assertTrue(bit / 8 >= lastBlockStart,
                    spec + ": an accepted flip must lie in the padding-only last block, not bit " + bit);
            assertArrayEquals(sealed.content(), outcome.content(),
                    spec + ": an unnoticed flip in SSL 3.0 padding must leave the content as it was");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyHeaderBitFlipIsAnAlert(ProtectionSpec spec) throws TlsException {
        Sealed sealed = seal(spec, new SeededRandom(spec.familyName().hashCode()));
        for (int bit = 0; bit < 40; bit++) {
            // Enough bytes after the record that a length made longer by the flip is satisfied.
            byte[] tampered = Arrays.copyOf(sealed.record(), sealed.record().length + (1 << 16));
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            Outcome outcome = deliver(receiver(sealed, CryptoBackends.jca()), tampered);
            if (outcome.alert() == null) {
                fail(spec + ": header bit " + bit + " flipped and no alert was raised");
            }
            assertTrue(HEADER_ALERTS.contains(outcome.alert().alert()),
                    spec + ", header bit " + bit + ": " + outcome.alert().getMessage());
        }
    }

    /**
     * The exception above is real, not just allowed: a flip in the padding-only last block of an
     * SSL 3.0 record garbles that block, and whenever its last byte still decrypts to the original
     * padding length (1 in 256) the record is accepted — with the original content. Over enough
     * records this happens; it must never change what the application reads.
     */
    @Test
    void ssl3PaddingBlockFlipsCanGoUnnoticedButNeverChangeTheContent() throws TlsException {
        ProtectionSpec spec = ProtectionSpec.families().stream()
                .filter(s -> s.version() == ProtocolVersion.SSL_3_0 && s.isCbc()
                        && s.suite().cipher().blockLength() == 16)
                .findFirst().orElseThrow();
        int accepted = 0;
        for (int seed = 0; seed < 64; seed++) {
            Sealed sealed = seal(spec, new SeededRandom(seed));
            int lastBlockStart = sealed.fragmentLength() - 16;
            for (int bit = lastBlockStart * 8; bit < sealed.fragmentLength() * 8; bit++) {
                byte[] tampered = sealed.record().clone();
                tampered[5 + bit / 8] ^= (byte) (1 << (bit % 8));
                Outcome outcome = deliver(receiver(sealed, CryptoBackends.bouncyCastle()), tampered);
                if (outcome.alert() == null) {
                    assertArrayEquals(sealed.content(), outcome.content(), "seed " + seed + ", bit " + bit);
                    accepted++;
                } else {
                    assertEquals(AlertDescription.BAD_RECORD_MAC, outcome.alert().alert());
                }
            }
        }
        assertTrue(accepted > 0, "SSL 3.0 leaves its padding unchecked, so some of 8192 flips must pass");
    }

    /**
     * The SSL 3.0 MAC leaves the record version out (RFC 6101 §5.2.3.1), so only the record layer's
     * version check stands between a changed version field and acceptance.
     */
    @Test
    void ssl3RecordVersionIsCheckedByTheLayerNotTheMac() throws TlsException {
        ProtectionSpec spec = ProtectionSpec.families().stream()
                .filter(s -> s.version() == ProtocolVersion.SSL_3_0 && s.isCbc()).findFirst().orElseThrow();
        Sealed sealed = seal(spec, new SeededRandom(3));
        byte[] tampered = sealed.record().clone();
        tampered[2] ^= 1;

        RecordLayer unpinned = new RecordLayer();
        unpinned.installReadProtection(spec.build(CryptoBackends.jca(), sealed.keys(), PaddingPolicy.NONE,
                new SeededRandom(0)));
        assertArrayEquals(sealed.content(), deliver(unpinned, tampered).content(),
                "without a pinned version the SSL 3.0 MAC accepts any version field");

        TlsAlertException error = deliver(receiver(sealed, CryptoBackends.jca()), tampered).alert();
        assertEquals(AlertDescription.PROTOCOL_VERSION, error.alert());
    }
}
