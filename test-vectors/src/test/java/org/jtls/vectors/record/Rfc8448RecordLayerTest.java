package org.jtls.vectors.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.ContentType;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.ReceivedAlert;
import org.jtls.record.RecordLayer;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.jtls.vectors.record.Rfc8448Trace.Actor;
import org.jtls.vectors.record.Rfc8448Trace.Section;
import org.jtls.vectors.record.Rfc8448Trace.Step;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the records of RFC 8448 §3-§7 through jtls's {@link RecordLayer}, byte for byte, with the
 * keys and IVs the RFC prints. The hex comes straight from {@code shared/rfc/rfc8448.txt} (see
 * {@link Rfc8448Trace}); the tests are skipped if that file is not found.
 *
 * <p>Each section is played as a conversation between a client and a server record layer. A party
 * switches its write keys at its own "derive write traffic keys" step and its read keys at its own
 * "derive read traffic keys" step, so every key starts at sequence number 0 (RFC 8446 §5.3) and
 * later records under the same key take the next numbers (the server's NewSessionTicket,
 * application data and close_notify in §3 are 0, 1 and 2). At each "send ... record" step the sender
 * writes the payload's messages through the record layer — the server's EncryptedExtensions ..
 * Finished flight is written message by message and flushed, and must come out as the RFC's ONE
 * record — and the drained bytes must equal the "complete record". The receiver reads the record
 * once it holds the sender's keys and must get the payload back: the same handshake messages,
 * application data or alert. All traces use TLS_AES_128_GCM_SHA256.
 */
class Rfc8448RecordLayerTest {
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<Path, Rfc8448Trace> TRACES = new ConcurrentHashMap<>();

    private static final Pattern DERIVE_KEYS =
            Pattern.compile("^derive (read|write) traffic keys for (early application|handshake|application) data\\b");
    private static final Pattern SEND_RECORD =
            Pattern.compile("^send (handshake|application_data|alert|change_cipher_spec) record$");

    /** Which keys protect a record: none yet, then the three TLS 1.3 traffic secrets (RFC 8446 §7.1). */
    enum Epoch {
        PLAINTEXT, EARLY_DATA, HANDSHAKE, APPLICATION;

        static Epoch named(String rfcWords) {
            return switch (rfcWords) {
                case "early application" -> EARLY_DATA;
                case "handshake" -> HANDSHAKE;
                case "application" -> APPLICATION;
                default -> throw new IllegalArgumentException(rfcWords);
            };
        }
    }

    record TrafficKey(byte[] key, byte[] iv) {
        RecordProtection protection(CryptoBackend backend) {
            return RecordProtections.tls13(backend, SUITE, key, iv, PaddingPolicy.NONE);
        }
    }

    /** A record of the trace, with the party that sent it and the keys it was sent under. */
    record TraceRecord(Step step, Actor sender, Epoch epoch, ContentType type, byte[] payload,
            byte[] completeRecord) {
        boolean isProtected() {
            return epoch != Epoch.PLAINTEXT;
        }
    }

    // ---- parameters ----

    /** A section to replay and how many "send ... record" steps it has, so that a misparse cannot pass silently. */
    record SectionCase(int number, String title, int records) {
        @Override
        public String toString() {
            return "§" + number + " " + title;
        }
    }

    static Stream<Arguments> sections() {
        List<SectionCase> sections = List.of(
                new SectionCase(3, "Simple 1-RTT Handshake", 9),
                new SectionCase(4, "Resumed 0-RTT Handshake", 10),
                new SectionCase(5, "HelloRetryRequest", 8),
                new SectionCase(6, "Client Authentication", 6),
                new SectionCase(7, "Compatibility Mode", 8));
        return Stream.of(Named.of("jca", CryptoBackends.jca()), Named.of("bc", CryptoBackends.bouncyCastle()))
                .flatMap(backend -> sections.stream().map(section -> Arguments.of(section, backend)));
    }

    private static Section section(int number) {
        Optional<Path> file = Rfc8448Trace.locate();
        assumeTrue(file.isPresent(), () -> "skipped: RFC 8448 text not found; looked for "
                + Rfc8448Trace.RELATIVE_LOCATION + " in " + Path.of("").toAbsolutePath() + " and its parents");
        return TRACES.computeIfAbsent(file.get(), Rfc8448Trace::read).section(number);
    }

    // ---- the tests ----

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("sections")
    void everyRecordIsSealedByteForByteAndOpensToItsPayload(SectionCase sectionCase, CryptoBackend backend)
            throws TlsException {
        Section section = section(sectionCase.number());
        Map<Actor, Map<Epoch, TrafficKey>> keys = trafficKeys(section);
        Map<Actor, Party> parties = new EnumMap<>(Actor.class);
        parties.put(Actor.CLIENT, new Party());
        parties.put(Actor.SERVER, new Party());
        int recordsChecked = 0;

        for (Step step : section.steps()) {
            Party actor = parties.get(step.actor());
            Matcher derive = DERIVE_KEYS.matcher(step.action());
            Matcher send = SEND_RECORD.matcher(step.action());
            if (derive.find()) {
                Epoch epoch = Epoch.named(derive.group(2));
                if (derive.group(1).equals("write")) {
                    actor.layer.installWriteProtection(key(keys, step.actor(), epoch, step).protection(backend));
                    actor.writeEpoch = epoch;
                } else {
                    actor.layer.installReadProtection(key(keys, step.actor().peer(), epoch, step).protection(backend));
                    actor.readEpoch = epoch;
                }
            } else if (send.matches()) {
                TraceRecord record = traceRecord(step, actor.writeEpoch);
                write(actor.layer, record);
                assertEquals(HEX.formatHex(record.completeRecord()), HEX.formatHex(actor.layer.drainOutput()),
                        step + ": sealed record");
                parties.get(step.actor().peer()).inbox.add(record);
                recordsChecked++;
            }
            for (Party party : parties.values()) {
                party.readWhatItHasKeysFor();
            }
        }

        assertEquals(sectionCase.records(), recordsChecked, "records sent in " + sectionCase);
        for (Map.Entry<Actor, Party> party : parties.entrySet()) {
            assertTrue(party.getValue().inbox.isEmpty(), () -> party.getKey() + " never held the keys to read "
                    + party.getValue().inbox.peek().step());
        }
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("sections")
    void everyProtectedRecordWithOneBitFlippedIsRefusedWithBadRecordMac(SectionCase sectionCase,
            CryptoBackend backend) throws TlsAlertException {
        Section section = section(sectionCase.number());
        Map<Actor, Map<Epoch, TrafficKey>> keys = trafficKeys(section);
        List<TraceRecord> records = records(section);
        int refused = 0;
        for (int index = 0; index < records.size(); index++) {
            TraceRecord record = records.get(index);
            if (!record.isProtected()) {
                continue;
            }
            // The version in the header (authenticated as AAD), the first ciphertext byte, the tag's last byte.
            for (int offset : new int[] {2, 5, record.completeRecord().length - 1}) {
                RecordLayer receiver = new RecordLayer();
                TrafficKey key = key(keys, record.sender(), record.epoch(), record.step());
                receiver.installReadProtection(key.protection(backend));
                // Earlier records under the same key go first, so the tampered one has its own sequence number.
                for (TraceRecord earlier : records.subList(0, index)) {
                    if (earlier.sender() == record.sender() && earlier.epoch() == record.epoch()) {
                        receiver.receive(ByteBuffer.wrap(earlier.completeRecord()));
                        readEverything(receiver);
                    }
                }
                byte[] tampered = record.completeRecord().clone();
                tampered[offset] ^= 0x01;
                receiver.receive(ByteBuffer.wrap(tampered));
                TlsAlertException refusal = assertThrows(TlsAlertException.class, receiver::readNext,
                        record.step() + " with byte " + offset + " flipped");
                assertEquals(AlertDescription.BAD_RECORD_MAC, refusal.alert(), record.step() + " byte " + offset);
                refused++;
            }
        }
        assertTrue(refused > 0, "no protected records found in " + sectionCase);
    }

    // ---- reading the trace ----

    /**
     * Every traffic key and IV the section prints, by the party that writes with it. The RFC prints
     * each key once, under the writer's "derive write" step or the reader's "derive read" step; where
     * it prints both they must agree.
     */
    private static Map<Actor, Map<Epoch, TrafficKey>> trafficKeys(Section section) {
        Map<Actor, Map<Epoch, TrafficKey>> keys = new EnumMap<>(Actor.class);
        for (Step step : section.steps()) {
            Matcher derive = DERIVE_KEYS.matcher(step.action());
            if (!derive.find() || !step.has("key expanded")) {
                continue;
            }
            Actor writer = derive.group(1).equals("write") ? step.actor() : step.actor().peer();
            TrafficKey key = new TrafficKey(step.value("key expanded"), step.value("iv expanded"));
            TrafficKey earlier = keys.computeIfAbsent(writer, any -> new HashMap<>())
                    .putIfAbsent(Epoch.named(derive.group(2)), key);
            boolean same = earlier == null
                    || (Arrays.equals(earlier.key(), key.key()) && Arrays.equals(earlier.iv(), key.iv()));
            if (!same) {
                throw new IllegalStateException(step + " prints a key that differs from the one printed before");
            }
        }
        return keys;
    }

    private static TrafficKey key(Map<Actor, Map<Epoch, TrafficKey>> keys, Actor writer, Epoch epoch, Step step) {
        TrafficKey key = keys.getOrDefault(writer, Map.of()).get(epoch);
        if (key == null) {
            throw new IllegalStateException(step + ": the trace prints no " + epoch + " key for " + writer);
        }
        return key;
    }

    /** The section's records in order, each with the keys its sender was writing with at the time. */
    private static List<TraceRecord> records(Section section) {
        Map<Actor, Epoch> writeEpochs = new EnumMap<>(Actor.class);
        writeEpochs.put(Actor.CLIENT, Epoch.PLAINTEXT);
        writeEpochs.put(Actor.SERVER, Epoch.PLAINTEXT);
        List<TraceRecord> records = new ArrayList<>();
        for (Step step : section.steps()) {
            Matcher derive = DERIVE_KEYS.matcher(step.action());
            if (derive.find() && derive.group(1).equals("write")) {
                writeEpochs.put(step.actor(), Epoch.named(derive.group(2)));
            } else if (SEND_RECORD.matcher(step.action()).matches()) {
                records.add(traceRecord(step, writeEpochs.get(step.actor())));
            }
        }
        return records;
    }

    private static TraceRecord traceRecord(Step step, Epoch epoch) {
        Matcher send = SEND_RECORD.matcher(step.action());
        if (!send.matches()) {
            throw new IllegalArgumentException(step + " sends no record");
        }
        ContentType type = switch (send.group(1)) {
            case "handshake" -> ContentType.HANDSHAKE;
            case "application_data" -> ContentType.APPLICATION_DATA;
            case "alert" -> ContentType.ALERT;
            default -> ContentType.CHANGE_CIPHER_SPEC;
        };
        return new TraceRecord(step, step.actor(), epoch, type, step.value("payload"), step.value("complete record"));
    }

    // ---- driving the record layer ----

    /** One side of the conversation: its record layer and the records the peer sent that it has not read yet. */
    private static final class Party {
        final RecordLayer layer = new RecordLayer();
        final ArrayDeque<TraceRecord> inbox = new ArrayDeque<>();
        Epoch writeEpoch = Epoch.PLAINTEXT;
        Epoch readEpoch = Epoch.PLAINTEXT;

        /**
         * Reads queued records while it holds their keys. A change_cipher_spec always travels in
         * plaintext and is read under any keys (RFC 8446 §5).
         */
        void readWhatItHasKeysFor() throws TlsAlertException {
            while (!inbox.isEmpty()
                    && (inbox.peek().epoch() == readEpoch || inbox.peek().type() == ContentType.CHANGE_CIPHER_SPEC)) {
                read(layer, inbox.poll());
            }
        }
    }

    /** Writes the record's payload the way the handshake layer would, so the record layer frames and seals it. */
    private static void write(RecordLayer layer, TraceRecord record) throws TlsException {
        byte[] payload = record.payload();
        if (!record.isProtected()) {
            // The version of a plaintext record is the handshake layer's choice (0x0301 is allowed for
            // the first ClientHello, RFC 8446 §5.1), so it is taken from the trace; protected records
            // always say 0x0303 and the layer must write that by itself.
            byte[] complete = record.completeRecord();
            layer.setWriteVersion(((complete[1] & 0xFF) << 8) | (complete[2] & 0xFF));
        }
        switch (record.type()) {
            case HANDSHAKE -> {
                for (HandshakeMessage message : splitHandshakeMessages(payload, record.step())) {
                    layer.writeHandshake(message);
                }
                layer.flushHandshake();
            }
            case APPLICATION_DATA -> layer.writeApplicationData(ByteBuffer.wrap(payload));
            case ALERT -> {
                assertEquals(2, payload.length, record.step() + ": alert payload");
                layer.writeAlert(AlertLevel.fromCode(payload[0]).orElseThrow(),
                        AlertDescription.fromCode(payload[1]).orElseThrow());
            }
            case CHANGE_CIPHER_SPEC -> {
                assertArrayEquals(new byte[] {1}, payload, record.step() + ": change_cipher_spec payload");
                layer.writeChangeCipherSpec();
            }
        }
    }

    /** Reads one delivered record and checks that exactly its payload comes out. */
    private static void read(RecordLayer layer, TraceRecord record) throws TlsAlertException {
        layer.receive(ByteBuffer.wrap(record.completeRecord()));
        String what = "receiving " + record.step();
        switch (record.type()) {
            case HANDSHAKE -> {
                ByteArrayOutputStream messages = new ByteArrayOutputStream();
                RecordLayer.Inbound next;
                while ((next = layer.readNext()) == RecordLayer.Inbound.HANDSHAKE) {
                    messages.writeBytes(layer.takeHandshakeMessage().encoded());
                }
                assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, next, what);
                assertEquals(HEX.formatHex(record.payload()), HEX.formatHex(messages.toByteArray()), what);
            }
            case APPLICATION_DATA -> {
                assertEquals(RecordLayer.Inbound.APPLICATION_DATA, layer.readNext(), what);
                ByteBuffer data = ByteBuffer.allocate(layer.applicationDataAvailable());
                layer.readApplicationData(data);
                assertEquals(HEX.formatHex(record.payload()), HEX.formatHex(data.array()), what);
            }
            case ALERT -> {
                assertEquals(RecordLayer.Inbound.ALERT, layer.readNext(), what);
                ReceivedAlert alert = layer.takeAlert();
                byte[] received = {(byte) alert.level().code(), (byte) alert.code()};
                assertArrayEquals(record.payload(), received, what);
            }
            case CHANGE_CIPHER_SPEC -> assertEquals(RecordLayer.Inbound.CHANGE_CIPHER_SPEC, layer.readNext(), what);
        }
        assertEquals(RecordLayer.Inbound.NEED_MORE_INPUT, layer.readNext(), what);
        assertEquals(0, layer.bufferedInput(), what);
    }

    private static void readEverything(RecordLayer layer) throws TlsAlertException {
        RecordLayer.Inbound next;
        while ((next = layer.readNext()) != RecordLayer.Inbound.NEED_MORE_INPUT) {
            switch (next) {
                case HANDSHAKE -> layer.takeHandshakeMessage();
                case ALERT -> layer.takeAlert();
                case APPLICATION_DATA ->
                        layer.readApplicationData(ByteBuffer.allocate(layer.applicationDataAvailable()));
                default -> {
                }
            }
        }
    }

    /** The payload of a handshake record as the messages it carries: msg_type (1), length (3), body. */
    private static List<HandshakeMessage> splitHandshakeMessages(byte[] payload, Step step) {
        List<HandshakeMessage> messages = new ArrayList<>();
        int offset = 0;
        while (offset < payload.length) {
            assertTrue(payload.length - offset >= HandshakeMessage.HEADER_LENGTH, step + ": truncated message header");
            int type = payload[offset] & 0xFF;
            int length = ((payload[offset + 1] & 0xFF) << 16) | ((payload[offset + 2] & 0xFF) << 8)
                    | (payload[offset + 3] & 0xFF);
            int bodyStart = offset + HandshakeMessage.HEADER_LENGTH;
            assertTrue(bodyStart + length <= payload.length, step + ": message body runs past the payload");
            messages.add(HandshakeMessage.of(type, Arrays.copyOfRange(payload, bodyStart, bodyStart + length)));
            offset = bodyStart + length;
        }
        return messages;
    }
}
