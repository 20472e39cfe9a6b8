package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.handshake.keyschedule.Tls13KeySchedule;
import org.jtls.record.AlertDescription;
import org.jtls.record.ContentType;
import org.jtls.record.TlsException;
import org.jtls.record.protection.PaddingPolicy;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;

/**
 * An attacker who holds the server's handshake traffic keys (from the server's key log) opens the
 * server's protected flight (EncryptedExtensions, Certificate, CertificateVerify, Finished), changes
 * one message as a {@link FlightMutation} does (damaged body, wrong length, another type, duplicated,
 * swapped, dropped, an inserted HelloRequest) and seals it again. The records authenticate, so only
 * the client's state machine, parsers and transcript checks stand in the way: a message its state
 * does not allow is unexpected_message (RFC 8446 §4), a changed Finished decrypt_error (§4.4.4), and
 * never a handshake the server's transcript disagrees with.
 */
class Tls13ProtectedFlightProperties {
    private static final int TRIES = 200;
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final int EE = 8;
    private static final int CERTIFICATE = 11;
    private static final int CERTIFICATE_REQUEST = 13;
    private static final int CERTIFICATE_VERIFY = 15;
    private static final int FINISHED = 20;
    /** The client's flight expectation, by how many of the server's messages it has taken. */
    private static final List<Set<Integer>> ACCEPTABLE = List.of(Set.of(EE), Set.of(CERTIFICATE_REQUEST, CERTIFICATE),
            Set.of(CERTIFICATE_VERIFY), Set.of(FINISHED));
    /** A message the state allows whose content is not what the server sent (or what it means). */
    private static final Set<AlertDescription> DAMAGED_CONTENT = EnumSet.of(AlertDescription.DECODE_ERROR,
            AlertDescription.ILLEGAL_PARAMETER, AlertDescription.UNEXPECTED_MESSAGE, AlertDescription.DECRYPT_ERROR,
            AlertDescription.BAD_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE,
            AlertDescription.HANDSHAKE_FAILURE, AlertDescription.UNSUPPORTED_EXTENSION);

    @Provide
    Arbitrary<FlightMutation> mutations() {
        return FlightMutation.any().filter(mutation -> mutation.kind() != FlightMutation.Kind.DROP_CHANGE_CIPHER_SPEC
                && mutation.kind() != FlightMutation.Kind.INSERT_CHANGE_CIPHER_SPEC);
    }

    @Property(tries = TRIES)
    void resealedServerFlightWithOneChange(@ForAll("mutations") FlightMutation mutation) {
        about(mutation, () -> {
            byte[][] secret = new byte[1][];
            KeyLog log = (label, random, value) -> {
                if (label.equals("SERVER_HANDSHAKE_TRAFFIC_SECRET")) {
                    secret[0] = value.clone();
                }
            };
            Object[] expectation = new Object[1];
            Conversation conversation = new Conversation(
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).build(),
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).certificates(List.of(P256))
                            .keyLog(log).build()).tls13()
                    .handshake((sender, flight, bytes) -> {
                        if (sender != Role.SERVER || flight != 0) {
                            return bytes;
                        }
                        assertNotNull(secret[0], "the server logged its handshake traffic secret");
                        List<Wire.Record> records = Wire.records(bytes);
                        int firstProtected = 0;
                        while (records.get(firstProtected).type() != Wire.APPLICATION_DATA) {
                            firstProtected++;
                        }
                        List<byte[]> messages = open(secret[0], records.subList(firstProtected, records.size()));
                        assertEquals(List.of(EE, CERTIFICATE, CERTIFICATE_VERIFY, FINISHED),
                                messages.stream().map(Wire::type).toList(), "the server's protected flight");
                        List<byte[]> mutated = mutation.apply(messages);
                        expectation[0] = expect(mutation, messages, mutated);
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        out.writeBytes(Wire.encode(records.subList(0, firstProtected)));
                        out.writeBytes(seal(secret[0], mutated));
                        return out.toByteArray();
                    }, Conversation.Delivery.WHOLE);
            assertNotNull(expectation[0], "the server's flight was sent");
            check(conversation, expectation[0]);
        });
    }

    private static final String CONNECTED = "connected";
    private static final String STALL = "stall";

    /** CONNECTED, STALL, or the set of alerts the client may fail with first. */
    private static Object expect(FlightMutation mutation, List<byte[]> original, List<byte[]> mutated) {
        boolean same = mutated.size() == original.size();
        for (int i = 0; same && i < mutated.size(); i++) {
            same = Arrays.equals(mutated.get(i), original.get(i));
        }
        if (same) {
            return CONNECTED;
        }
        if (mutation.kind() == FlightMutation.Kind.NUDGE_LENGTH || mutation.kind() == FlightMutation.Kind.SET_LENGTH) {
            // The framing is off: some other message is read, or the client waits for bytes that never come.
            Set<AlertDescription> any = EnumSet.copyOf(DAMAGED_CONTENT);
            return List.of(STALL, any);
        }
        int next = 0;
        for (byte[] message : mutated) {
            if (next < original.size() && Arrays.equals(message, original.get(next))) {
                next++;
                continue;
            }
            int type = Wire.type(message);
            if (next == original.size()) {
                // After the Finished, in the record that carried it: RFC 8446 §5.1, a message
                // before a key change must end at a record boundary.
                return EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE);
            }
            if (!ACCEPTABLE.get(next).contains(type)) {
                return EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE);
            }
            if (type == FINISHED) {
                return EnumSet.of(Wire.body(message).length == Wire.body(original.get(next)).length
                        ? AlertDescription.DECRYPT_ERROR : AlertDescription.DECODE_ERROR);
            }
            return EnumSet.copyOf(DAMAGED_CONTENT);
        }
        // Everything came that did, unchanged, but something is missing at the end: the client waits.
        return STALL;
    }

    @SuppressWarnings("unchecked")
    private static void check(Conversation conversation, Object expectation) {
        if (expectation == CONNECTED) {
            assertTrue(conversation.bothConnected(), "an unchanged flight: " + conversation);
            Statistics.label("outcome").collect("unchanged");
            return;
        }
        assertTrue(!conversation.bothConnected(), "the transcripts differ, yet both connected: " + conversation);
        boolean stallAllowed = expectation == STALL || expectation instanceof List<?>;
        if (conversation.firstLocalFailure() == null) {
            assertTrue(stallAllowed, "nobody failed: " + conversation);
            assertTrue(conversation.stalled(), conversation.toString());
            Statistics.label("outcome").collect("waits");
            return;
        }
        assertTrue(expectation != STALL, "the client should wait: " + conversation);
        Set<AlertDescription> alerts = expectation instanceof List<?> list
                ? (Set<AlertDescription>) list.get(1) : (Set<AlertDescription>) expectation;
        Tls13HostilePeerProperties.expect(conversation, Role.CLIENT, alerts, false, "the client catches the change");
    }

    /** How forged post-handshake records carry a KeyUpdate (update_not_requested) to the client. */
    enum Carriage {
        /** Split over two handshake records: allowed (RFC 8446 §5.1). */
        SPLIT,
        /** Split, with an application_data record between the parts (§5.1: not allowed). */
        SPLIT_AROUND_DATA,
        /** Followed by a NewSessionTicket in the same record: a key change not at a record boundary. */
        NOT_AT_RECORD_BOUNDARY
    }

    /**
     * With the server's application traffic secret an attacker forges a KeyUpdate to the client.
     * Split cleanly over records it is a KeyUpdate, and data under the next keys (§7.2) reads; split
     * around application data or with another message after it in its record, unexpected_message
     * (RFC 8446 §5.1).
     */
    @Property(tries = 60)
    void forgedKeyUpdateFraming(@ForAll Carriage carriage, @ForAll @net.jqwik.api.constraints.IntRange(min = 1,
            max = 4) int split) {
        about(carriage + " split at " + split, () -> {
            byte[][] secret = new byte[1][];
            KeyLog log = (label, random, value) -> {
                if (label.equals("SERVER_TRAFFIC_SECRET_0")) {
                    secret[0] = value.clone();
                }
            };
            Conversation conversation = new Conversation(
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).build(),
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).certificates(List.of(P256))
                            .keyLog(log).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            assertNotNull(secret[0], "the server logged its application traffic secret");
            // No tickets were sent: the server's first application record has sequence number 0.
            RecordProtection sealer = protection(secret[0]);
            byte[] keyUpdate = {24, 0, 0, 1, 0};
            ByteArrayOutputStream forged = new ByteArrayOutputStream();
            switch (carriage) {
                case SPLIT -> {
                    forged.writeBytes(sealed(sealer, ContentType.HANDSHAKE, Arrays.copyOf(keyUpdate, split)));
                    forged.writeBytes(sealed(sealer, ContentType.HANDSHAKE,
                            Arrays.copyOfRange(keyUpdate, split, keyUpdate.length)));
                }
                case SPLIT_AROUND_DATA -> {
                    forged.writeBytes(sealed(sealer, ContentType.HANDSHAKE, Arrays.copyOf(keyUpdate, split)));
                    forged.writeBytes(sealed(sealer, ContentType.APPLICATION_DATA, new byte[] {'x'}));
                    forged.writeBytes(sealed(sealer, ContentType.HANDSHAKE,
                            Arrays.copyOfRange(keyUpdate, split, keyUpdate.length)));
                }
                case NOT_AT_RECORD_BOUNDARY -> {
                    byte[] ticket = Wire.message(4, Tls13HostilePeerProperties.bodyFor(4, new byte[0]));
                    byte[] both = Arrays.copyOf(keyUpdate, keyUpdate.length + ticket.length);
                    System.arraycopy(ticket, 0, both, keyUpdate.length, ticket.length);
                    forged.writeBytes(sealed(sealer, ContentType.HANDSHAKE, both));
                }
                default -> throw new AssertionError(carriage);
            }
            conversation.inject(conversation.client, forged.toByteArray(), Conversation.Delivery.WHOLE);
            if (carriage != Carriage.SPLIT) {
                Tls13HostilePeerProperties.expect(conversation, Role.CLIENT,
                        EnumSet.of(AlertDescription.UNEXPECTED_MESSAGE), false,
                        "RFC 8446 §5.1: a handshake message interleaved with other records, or a KeyUpdate "
                                + "not at a record boundary, is unexpected_message");
                return;
            }
            assertTrue(conversation.client.connected(), "a KeyUpdate split over records: " + conversation);
            byte[] next = new Tls13KeySchedule(CryptoBackends.defaultBackend(), SUITE.prfHash())
                    .expandLabel(secret[0], "traffic upd", new byte[0], SUITE.prfHash().outputLength());
            conversation.inject(conversation.client,
                    sealed(protection(next), ContentType.APPLICATION_DATA, new byte[] {'o', 'k'}),
                    Conversation.Delivery.WHOLE);
            assertTrue(conversation.client.connected(), conversation.toString());
            assertEquals("ok", conversation.client.applicationData.toString(java.nio.charset.StandardCharsets.US_ASCII),
                    "data under the next generation of keys (RFC 8446 §7.2)");
        });
    }

    /** Protected records of every inner type, forged with the server's application traffic keys. */
    enum Inner {
        /** RFC 8446 §5.1: no zero-length handshake fragments: unexpected_message. */
        EMPTY_HANDSHAKE(ContentType.HANDSHAKE, new byte[0], AlertDescription.UNEXPECTED_MESSAGE),
        /** §5: a protected change_cipher_spec is unexpected_message. */
        PROTECTED_CHANGE_CIPHER_SPEC(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}, AlertDescription.UNEXPECTED_MESSAGE),
        /** §6: an alert is two bytes; one of another length cannot be decoded. */
        SHORT_ALERT(ContentType.ALERT, new byte[] {2}, AlertDescription.DECODE_ERROR),
        LONG_ALERT(ContentType.ALERT, new byte[] {2, 10, 0}, AlertDescription.DECODE_ERROR),
        /** §5.1: zero-length application data may be sent; nothing happens. */
        EMPTY_APPLICATION_DATA(ContentType.APPLICATION_DATA, new byte[0], null);

        final ContentType type;
        final byte[] content;
        final AlertDescription alert;

        Inner(ContentType type, byte[] content, AlertDescription alert) {
            this.type = type;
            this.content = content;
            this.alert = alert;
        }
    }

    @Property(tries = 20)
    void forgedProtectedRecordOfEachInnerType(@ForAll Inner inner, @ForAll boolean thenData) {
        about(inner, () -> {
            byte[][] secret = new byte[1][];
            KeyLog log = (label, random, value) -> {
                if (label.equals("SERVER_TRAFFIC_SECRET_0")) {
                    secret[0] = value.clone();
                }
            };
            Conversation conversation = new Conversation(
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).build(),
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).certificates(List.of(P256))
                            .keyLog(log).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            RecordProtection sealer = protection(secret[0]);
            byte[] forged = sealed(sealer, inner.type, inner.content);
            if (thenData) {
                byte[] data = sealed(sealer, ContentType.APPLICATION_DATA, new byte[] {'o', 'k'});
                forged = Arrays.copyOf(forged, forged.length + data.length);
                System.arraycopy(data, 0, forged, forged.length - data.length, data.length);
            }
            conversation.inject(conversation.client, forged, Conversation.Delivery.WHOLE);
            if (inner.alert != null) {
                Tls13HostilePeerProperties.expect(conversation, Role.CLIENT, EnumSet.of(inner.alert), false,
                        inner.toString());
                assertEquals(0, conversation.client.applicationData.size(), "nothing after the failure is read");
                return;
            }
            assertTrue(conversation.client.connected(), conversation.toString());
            assertEquals(thenData ? 2 : 0, conversation.client.applicationData.size());
        });
    }

    /**
     * TLSInnerPlaintext of any inner type and any zero padding, sealed with the server's application
     * traffic keys (RFC 8446 §5.2, §5.4). Padding is stripped; no non-zero byte at all is
     * unexpected_message (§5.4), as is an unknown or protected change_cipher_spec type (§5), a
     * zero-length handshake fragment (§5.1); an alert that is not two bytes is decode_error; application
     * data, even empty, is delivered.
     */
    @Property(tries = 150)
    void forgedInnerPlaintext(@ForAll("innerTypes") int type,
            @ForAll @net.jqwik.api.constraints.Size(max = 40) List<Byte> content,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 300) int padding) {
        boolean alertOfTwoBytes = type == 21 && content.size() == 2;
        boolean nonEmptyHandshake = type == 22 && !content.isEmpty();
        net.jqwik.api.Assume.that(!alertOfTwoBytes && !nonEmptyHandshake);
        about("type " + type + " content " + content.size() + " padding " + padding, () -> {
            byte[][] secret = new byte[1][];
            KeyLog log = (label, random, value) -> {
                if (label.equals("SERVER_TRAFFIC_SECRET_0")) {
                    secret[0] = value.clone();
                }
            };
            Conversation conversation = new Conversation(
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).build(),
                    Tls13HostilePeerProperties.config().cipherSuites(List.of(SUITE)).certificates(List.of(P256))
                            .keyLog(log).build()).tls13()
                    .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
            assertTrue(conversation.bothConnected(), conversation.toString());
            byte[] inner = new byte[content.size() + 1 + padding];
            for (int i = 0; i < content.size(); i++) {
                inner[i] = content.get(i);
            }
            inner[content.size()] = (byte) type;
            conversation.inject(conversation.client, rawSeal(secret[0], 0, inner), Conversation.Delivery.WHOLE);
            boolean allZero = true;
            for (byte b : inner) {
                allZero &= b == 0;
            }
            if (type == 23) {
                assertTrue(conversation.client.connected(), conversation.toString());
                assertEquals(content.size(), conversation.client.applicationData.size(), "the data, without padding");
                return;
            }
            AlertDescription alert;
            if (allZero) {
                alert = AlertDescription.UNEXPECTED_MESSAGE; // §5.4: no content type at all
            } else if (type == 0) {
                // The content's last non-zero byte becomes the type; only some of those are testable here.
                net.jqwik.api.Assume.that(false);
                return;
            } else if (type == 21) {
                alert = AlertDescription.DECODE_ERROR;
            } else {
                alert = AlertDescription.UNEXPECTED_MESSAGE;
            }
            Tls13HostilePeerProperties.expect(conversation, Role.CLIENT, EnumSet.of(alert), false,
                    "RFC 8446 §5, §5.4, §6: inner type " + type);
        });
    }

    @Provide
    Arbitrary<Integer> innerTypes() {
        return net.jqwik.api.Arbitraries.of(0, 20, 21, 22, 23, 24, 99, 255);
    }

    /** A protected record around {@code inner} (content, type, padding), built with the AEAD directly. */
    private static byte[] rawSeal(byte[] secret, long sequence, byte[] inner) {
        Tls13KeySchedule.TrafficKeys keys = keys(secret);
        org.jtls.crypto.Aead aead = CryptoBackends.defaultBackend()
                .aead(SUITE.cipher().aeadAlgorithm().orElseThrow(), keys.key());
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        int length = inner.length + aead.algorithm().tagLength();
        byte[] header = {Wire.APPLICATION_DATA, 3, 3, (byte) (length >>> 8), (byte) length};
        byte[] sealed = aead.seal(nonce, header, inner);
        byte[] record = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, record, header.length, sealed.length);
        return record;
    }

    private static byte[] sealed(RecordProtection sealer, ContentType type, byte[] content) {
        ByteBuffer out = ByteBuffer.allocate(content.length + 512);
        try {
            sealer.seal(type, 0x0303, ByteBuffer.wrap(content), out);
        } catch (TlsException e) {
            throw new AssertionError("cannot seal", e);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static Tls13KeySchedule.TrafficKeys keys(byte[] secret) {
        CryptoBackend crypto = CryptoBackends.defaultBackend();
        return new Tls13KeySchedule(crypto, SUITE.prfHash())
                .trafficKeys(secret, SUITE.cipher().aeadAlgorithm().orElseThrow());
    }

    private static RecordProtection protection(byte[] secret) {
        Tls13KeySchedule.TrafficKeys keys = keys(secret);
        return RecordProtections.tls13(CryptoBackends.defaultBackend(), SUITE, keys.key(), keys.iv(),
                PaddingPolicy.NONE);
    }

    /** The handshake messages inside the protected records. */
    private static List<byte[]> open(byte[] secret, List<Wire.Record> records) {
        RecordProtection opener = protection(secret);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        for (Wire.Record record : records) {
            ByteBuffer out = ByteBuffer.allocate(record.fragment().length);
            try {
                ContentType type = opener.open(ContentType.APPLICATION_DATA, record.version(),
                        ByteBuffer.wrap(record.fragment()), out);
                assertEquals(ContentType.HANDSHAKE, type, "the server's flight carries handshake records");
            } catch (TlsException e) {
                throw new AssertionError("cannot open the server's record", e);
            }
            handshake.write(out.array(), 0, out.position());
        }
        return Wire.messages(handshake.toByteArray());
    }

    /** The messages sealed again, in records of at most 2^14 bytes, from sequence number 0. */
    private static byte[] seal(byte[] secret, List<byte[]> messages) {
        RecordProtection sealer = protection(secret);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        messages.forEach(joined::writeBytes);
        byte[] handshake = joined.toByteArray();
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        for (int offset = 0; offset < handshake.length; offset += Wire.MAX_FRAGMENT) {
            int length = Math.min(Wire.MAX_FRAGMENT, handshake.length - offset);
            ByteBuffer out = ByteBuffer.allocate(length + 512);
            try {
                sealer.seal(ContentType.HANDSHAKE, 0x0303, ByteBuffer.wrap(handshake, offset, length), out);
            } catch (TlsException e) {
                throw new AssertionError("cannot seal", e);
            }
            sealed.write(out.array(), 0, out.position());
        }
        return sealed.toByteArray();
    }
}
