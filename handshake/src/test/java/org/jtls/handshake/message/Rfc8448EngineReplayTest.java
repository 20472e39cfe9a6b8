package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.TicketKeys;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.core.Messages;
import org.jtls.record.HandshakeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the RFC 8448 traces through {@link TlsEngine} itself, record by record. The engine draws
 * its randoms and its X25519 private keys from the configured {@link SecureRandom} (Bouncy Castle's
 * X25519 key is the 32 bytes it draws), so a {@link Scripted} random that hands out the RFC's values
 * in the order the engine asks for them makes our side of the trace the RFC's. The RSA-PSS salt of the
 * server's CertificateVerify is recovered from the RFC's signature and scripted the same way.
 *
 * <p>Where our encoding of a message differs from the RFC's only in form, the {@link
 * org.jtls.handshake.HandshakeInterceptor} sends the RFC's instead (so it enters the transcript), after
 * checking that ours says the same: the client's ClientHellos (our client always sends a
 * legacy_session_id and more suites and extensions; after the HelloRetryRequest the RFC pads to 512
 * bytes), and the server's ServerHello (extension order), EncryptedExtensions (we send no
 * supported_groups), HelloRetryRequest (the RFC's has a cookie, ours none) and NewSessionTicket (a
 * ticket sealed under our keys). Every other record, computed by the engine from these, is compared
 * byte for byte: §3 and §5 in both roles, §4 in the client role (the server role, which needs a
 * test-only seam to open the RFC's ticket, and §6 and §7 are in {@link Rfc8448EngineReplayMoreTest}).
 * Our client also sends the compatibility change_cipher_spec (RFC 8446 Appendix D.4), which the RFC's
 * client does not; it is checked and set aside.
 */
class Rfc8448EngineReplayTest {
    private static Rfc8448 rfc;

    @BeforeAll
    static void load() {
        rfc = Rfc8448.load().orElse(null);
    }

    static Rfc8448 rfc() {
        if (rfc == null) { // also for the sibling Rfc8448EngineReplayMoreTest
            rfc = Rfc8448.load().orElse(null);
        }
        Assumptions.assumeTrue(rfc != null, "RFC 8448 text not found beside the project");
        return rfc;
    }

    /** The n-th (from 0) "complete record" of a section, in the RFC's order. */
    static byte[] record(int section, int n) {
        return rfc().value(section, "complete record", n);
    }

    /**
     * Hands out the scripted values in order; each request must be for exactly the next value's
     * length. Once the script is used up it answers from a fixed-seed generator (values the trace
     * does not depend on, such as RSA blinding).
     */
    static final class Scripted extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final Deque<byte[]> script = new ArrayDeque<>();
        private final java.util.Random rest = new java.util.Random(8448);

        Scripted(byte[]... values) {
            script.addAll(List.of(values));
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            byte[] next = script.pollFirst();
            if (next == null) {
                rest.nextBytes(bytes);
                return;
            }
            if (next.length != bytes.length) {
                throw new IllegalStateException("scripted random: asked for " + bytes.length
                        + " bytes, the script's next value has " + next.length);
            }
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }

        boolean usedUp() {
            return script.isEmpty();
        }
    }

    /** Splits a byte stream into TLS records. */
    static List<byte[]> records(byte[] stream) {
        List<byte[]> records = new ArrayList<>();
        int offset = 0;
        while (offset < stream.length) {
            int length = 5 + (((stream[offset + 3] & 0xFF) << 8) | (stream[offset + 4] & 0xFF));
            records.add(Arrays.copyOfRange(stream, offset, offset + length));
            offset += length;
        }
        return records;
    }

    static final byte[] CHANGE_CIPHER_SPEC = HexFormat.of().parseHex("140303000101");

    static void feed(TlsEngine engine, byte[] record) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(record);
        while (bytes.hasRemaining()) {
            engine.receive(bytes);
            engine.process();
        }
    }

    static byte[] read(TlsEngine engine) {
        ByteBuffer out = ByteBuffer.allocate(engine.applicationDataAvailable());
        engine.readApplicationData(out);
        return out.array();
    }

    static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** 2016-07-30, inside the RFC's certificate validity (the verifier accepts any chain anyway). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2016-07-30T12:00:00Z"), ZoneOffset.UTC);

    // ---- §3 Simple 1-RTT Handshake, client role ----

    @Test
    void simpleHandshakeClientRole() throws Exception {
        simpleHandshakeClient();
    }

    /** §3 through our client; returns it closed, holding the session of the RFC's ticket. */
    static TlsEngine simpleHandshakeClient() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] clientHello = rfc.value(3, "ClientHello");
        byte[] clientRandom = Arrays.copyOfRange(clientHello, 6, 38);
        Scripted random = new Scripted(clientRandom, rfc.value(3, "private key", 0));
        List<HandshakeMessage> replaced = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .sessionTickets(false)
                .interceptor(message -> {
                    if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                        return message;
                    }
                    replaced.add(message);
                    return HandshakeMessage.of(clientHello[0], Arrays.copyOfRange(clientHello, 4, clientHello.length));
                })
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        client.beginHandshake();
        client.process();
        // Our ClientHello, carrying the RFC's random and X25519 public key, went out as the RFC's.
        assertEquals(1, replaced.size());
        ClientHello ours = Messages.decode(replaced.get(0), ClientHello::decode);
        assertArrayEquals(clientRandom, ours.random().toByteArray());
        assertTrue(HexFormat.of().formatHex(encoded(replaced.get(0)))
                .contains("001d0020" + HexFormat.of().formatHex(rfc.value(3, "public key", 0))), "X25519 key share");
        assertArrayEquals(record(3, 0), client.drainOutput(), "ClientHello record");

        feed(client, record(3, 1)); // ServerHello
        assertEquals(0, client.pendingOutput());
        feed(client, record(3, 2)); // EncryptedExtensions, Certificate, CertificateVerify, Finished
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
        List<byte[]> flight = records(client.drainOutput());
        // The engine always sends the compatibility change_cipher_spec (RFC 8446 Appendix D.4),
        // which the RFC's client does not; the protected record after it is the RFC's.
        assertEquals(2, flight.size());
        assertArrayEquals(CHANGE_CIPHER_SPEC, flight.get(0));
        assertArrayEquals(record(3, 3), flight.get(1), "client Finished record");

        feed(client, record(3, 4)); // NewSessionTicket
        assertEquals(0, client.applicationDataAvailable());
        client.writeApplicationData(ByteBuffer.wrap(counting(50)));
        assertArrayEquals(record(3, 5), client.drainOutput(), "client application_data record");
        feed(client, record(3, 6));
        assertArrayEquals(counting(50), read(client), "server application data");
        client.closeOutbound();
        assertArrayEquals(record(3, 7), client.drainOutput(), "client close_notify record");
        feed(client, record(3, 8));
        assertTrue(client.isInboundClosed());
        assertTrue(random.usedUp());
        return client;
    }

    // ---- §4 Resumed 0-RTT Handshake, client role ----

    @Test
    void resumedZeroRttClientRole() throws Exception {
        Rfc8448 rfc = rfc();
        org.jtls.handshake.Session ticket = simpleHandshakeClient().resumableSession().orElseThrow();
        assertEquals(1024, ticket.maxEarlyDataSize());
        byte[] clientHello = Arrays.copyOfRange(record(4, 0), 5, record(4, 0).length);
        // The client random, the X25519 key, then the legacy_session_id (which the RFC's hello replaces).
        Scripted random = new Scripted(Arrays.copyOfRange(clientHello, 6, 38), rfc.value(4, "private key", 0),
                new byte[32]);
        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .resumptionSession(ticket)
                .earlyData(true)
                .interceptor(message -> {
                    if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                        return message;
                    }
                    sent.add(encoded(message));
                    return message(clientHello);
                })
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        client.beginHandshake();
        client.process();
        assertTrue(client.canWriteEarlyData());
        client.writeApplicationData(ByteBuffer.wrap("ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        List<byte[]> first = records(client.drainOutput());
        // The ClientHello (with the RFC's ticket and binder), the compatibility change_cipher_spec
        // (RFC 8446 Appendix D.4, not in the RFC's trace), then the 0-RTT data under our early keys.
        assertEquals(3, first.size());
        assertArrayEquals(record(4, 0), first.get(0), "ClientHello record");
        assertArrayEquals(CHANGE_CIPHER_SPEC, first.get(1));
        assertArrayEquals(record(4, 1), first.get(2), "0-RTT application_data record");
        // Our own hello offered the same ticket; its binder (over our hello) is not the RFC's.
        assertEquals(1, sent.size());
        assertTrue(HexFormat.of().formatHex(sent.get(0)).contains(HexFormat.of().formatHex(ticket.ticket())));

        feed(client, record(4, 2)); // ServerHello
        assertEquals(0, client.pendingOutput());
        feed(client, record(4, 3)); // EncryptedExtensions (early_data), Finished
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
        List<byte[]> second = records(client.drainOutput());
        assertEquals(2, second.size());
        assertArrayEquals(record(4, 4), second.get(0), "EndOfEarlyData record");
        assertArrayEquals(record(4, 5), second.get(1), "client Finished record");

        client.writeApplicationData(ByteBuffer.wrap(counting(50)));
        assertArrayEquals(record(4, 6), client.drainOutput(), "client application_data record");
        feed(client, record(4, 7));
        assertArrayEquals(counting(50), read(client), "server application data");
        client.closeOutbound();
        assertArrayEquals(record(4, 8), client.drainOutput(), "client close_notify record");
        feed(client, record(4, 9));
        assertTrue(client.isInboundClosed());
        assertTrue(random.usedUp());
    }

    // ---- §3 Simple 1-RTT Handshake, server role ----

    /** The RFC's §2 RSA key: "label:  hex ..." continued on the following lines up to a blank line. */
    private static java.math.BigInteger rsaValue(List<String> lines, String label) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(label + ":")) {
                StringBuilder hex = new StringBuilder(lines.get(i).trim().substring(label.length() + 1));
                for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank(); j++) {
                    hex.append(lines.get(j));
                }
                return new java.math.BigInteger(1, HexFormat.of().parseHex(hex.toString().replaceAll("\\s", "")));
            }
        }
        throw new IllegalArgumentException("RFC 8448 has no " + label);
    }

    static RsaPrivateKey rsaKey() throws Exception {
        java.nio.file.Path text = null;
        for (java.nio.file.Path d = java.nio.file.Path.of("").toAbsolutePath(); d != null && text == null; d = d.getParent()) {
            for (java.nio.file.Path c : List.of(d.resolve("shared/rfc/rfc8448.txt"), d.resolve("../shared/rfc/rfc8448.txt"))) {
                if (java.nio.file.Files.isRegularFile(c)) {
                    text = c;
                    break;
                }
            }
        }
        List<String> lines = java.nio.file.Files.readAllLines(text);
        return new RsaPrivateKey(rsaValue(lines, "modulus (public)"), rsaValue(lines, "public exponent"),
                rsaValue(lines, "private exponent"), rsaValue(lines, "prime1"), rsaValue(lines, "prime2"),
                rsaValue(lines, "exponent1"), rsaValue(lines, "exponent2"), rsaValue(lines, "coefficient"));
    }

    /**
     * The salt of an RSASSA-PSS signature with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017
     * §9.1.2): EM = s^e mod n, DB = maskedDB xor MGF1(H), and the salt is DB's last 32 bytes.
     */
    static byte[] pssSalt(RsaPrivateKey key, byte[] signature) throws Exception {
        int emBits = key.modulus().bitLength() - 1;
        int emLength = (emBits + 7) / 8;
        byte[] em = unsignedBytes(new java.math.BigInteger(1, signature).modPow(key.publicExponent(), key.modulus()), emLength);
        assertEquals((byte) 0xbc, em[emLength - 1]);
        int hashLength = 32;
        byte[] maskedDb = Arrays.copyOf(em, emLength - hashLength - 1);
        byte[] h = Arrays.copyOfRange(em, emLength - hashLength - 1, emLength - 1);
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        byte[] db = new byte[maskedDb.length];
        for (int counter = 0, done = 0; done < db.length; counter++) {
            sha256.update(h);
            sha256.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] mask = sha256.digest();
            for (int i = 0; i < mask.length && done < db.length; i++, done++) {
                db[done] = (byte) (maskedDb[done] ^ mask[i]);
            }
        }
        db[0] &= (byte) (0xFF >>> (8 * emLength - emBits));
        // DB = PS (zeros) || 0x01 || salt
        int saltStart = db.length - hashLength;
        assertEquals(1, db[saltStart - 1]);
        for (int i = 0; i < saltStart - 1; i++) {
            assertEquals(0, db[i]);
        }
        return Arrays.copyOfRange(db, saltStart, db.length);
    }

    private static byte[] unsignedBytes(java.math.BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    /** The extensions of an extension block starting at {@code offset}, each encoded whole, in order. */
    static List<String> extensions(byte[] message, int offset) {
        int end = offset + 2 + (((message[offset] & 0xFF) << 8) | (message[offset + 1] & 0xFF));
        assertEquals(message.length, end);
        List<String> extensions = new ArrayList<>();
        for (int at = offset + 2; at < end;) {
            int length = 4 + (((message[at + 2] & 0xFF) << 8) | (message[at + 3] & 0xFF));
            extensions.add(HexFormat.of().formatHex(message, at, at + length));
            at += length;
        }
        return extensions;
    }

    static byte[] encoded(HandshakeMessage message) {
        byte[] body = message.body();
        byte[] out = new byte[4 + body.length];
        out[0] = (byte) message.type();
        out[1] = (byte) (body.length >>> 16);
        out[2] = (byte) (body.length >>> 8);
        out[3] = (byte) body.length;
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    static HandshakeMessage message(byte[] encoded) {
        return HandshakeMessage.of(encoded[0], Arrays.copyOfRange(encoded, 4, encoded.length));
    }

    @Test
    void simpleHandshakeServerRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] serverHello = rfc.value(3, "ServerHello");
        byte[] encryptedExtensions = rfc.value(3, "EncryptedExtensions");
        byte[] certificate = rfc.value(3, "Certificate");
        byte[] certificateVerify = rfc.value(3, "CertificateVerify");
        byte[] newSessionTicket = rfc.value(3, "NewSessionTicket");
        RsaPrivateKey key = rsaKey();
        byte[] salt = pssSalt(key, Arrays.copyOfRange(certificateVerify, 8, certificateVerify.length));
        Scripted random = new Scripted(rfc.value(3, "private key", 1), Arrays.copyOfRange(serverHello, 6, 38), salt);
        byte[] leaf = Arrays.copyOfRange(certificate, 11, 11 + 0x1b0);

        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .certificates(List.of(new CertifiedKey(List.of(leaf), key)))
                .recordSizeLimit(16384)
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .ticketKeys(new TicketKeys(CryptoBackends.bouncyCastle(), new SecureRandom(), CLOCK,
                        java.time.Duration.ofHours(1), java.time.Duration.ofHours(2)))
                .tls13TicketCount(1)
                .interceptor(message -> {
                    byte[] ours = encoded(message);
                    sent.add(ours);
                    // Where our encoding is the RFC's content in another order (or, for the ticket,
                    // another server's sealed session), the RFC's encoding goes out instead, so the
                    // transcript and every record after it can be compared byte for byte.
                    if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                        return message(serverHello);
                    } else if (message.type() == HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                        return message(encryptedExtensions);
                    } else if (message.type() == HandshakeType.NEW_SESSION_TICKET.code()) {
                        return message(newSessionTicket);
                    }
                    return message;
                })
                .build();
        TlsEngine server = TlsEngine.server(config);
        server.beginHandshake();
        feed(server, record(3, 0)); // ClientHello

        // ServerHello: the RFC's random, version, suite and key share, only in another extension order.
        byte[] ourServerHello = sent.get(0);
        assertArrayEquals(Arrays.copyOf(serverHello, 42), Arrays.copyOf(ourServerHello, 42));
        assertEquals(new java.util.HashSet<>(extensions(serverHello, 42)),
                new java.util.HashSet<>(extensions(ourServerHello, 42)));
        // EncryptedExtensions: the RFC's, except that we do not tell the client our groups
        // (supported_groups in EncryptedExtensions is optional, RFC 8446 §4.2.7).
        List<String> rfcExtensions = new ArrayList<>(extensions(encryptedExtensions, 4));
        assertTrue(rfcExtensions.remove("000a00140012001d00170018001901000101010201030104"));
        assertEquals(new java.util.HashSet<>(rfcExtensions), new java.util.HashSet<>(extensions(sent.get(1), 4)));
        // Certificate and CertificateVerify (with the salt recovered from the RFC's signature) are ours.
        assertArrayEquals(certificate, sent.get(2));
        assertArrayEquals(certificateVerify, sent.get(3));

        List<byte[]> flight = records(server.drainOutput());
        assertEquals(2, flight.size());
        assertArrayEquals(record(3, 1), flight.get(0), "ServerHello record");
        assertArrayEquals(record(3, 2), flight.get(1), "server flight record");

        feed(server, record(3, 3)); // client Finished
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        assertArrayEquals(record(3, 4), server.drainOutput(), "NewSessionTicket record");
        feed(server, record(3, 5));
        assertArrayEquals(counting(50), read(server), "client application data");
        server.writeApplicationData(ByteBuffer.wrap(counting(50)));
        assertArrayEquals(record(3, 6), server.drainOutput(), "server application_data record");
        feed(server, record(3, 7)); // client close_notify
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record(3, 8), server.drainOutput(), "server close_notify record");
        assertTrue(random.usedUp());
    }

    // ---- §5 HelloRetryRequest, client role ----

    @Test
    void helloRetryRequestClientRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] firstHello = rfc.value(5, "ClientHello", 0);
        byte[] secondHello = rfc.value(5, "ClientHello", 1);
        // The draws: the client random, the X25519 key, the legacy_session_id (which the RFC's hello
        // replaces), then after the HelloRetryRequest the P-256 key (Bouncy Castle's d is the 32
        // bytes it draws, when they are a valid scalar).
        Scripted random = new Scripted(Arrays.copyOfRange(firstHello, 6, 38), rfc.value(5, "private key", 0),
                new byte[32], rfc.value(5, "private key", 1));
        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .sessionTickets(false)
                .interceptor(message -> {
                    if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                        return message;
                    }
                    sent.add(encoded(message));
                    return message(sent.size() == 1 ? firstHello : secondHello);
                })
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        client.beginHandshake();
        client.process();
        assertArrayEquals(record(5, 0), client.drainOutput(), "first ClientHello record");

        feed(client, record(5, 1)); // HelloRetryRequest
        List<byte[]> retry = records(client.drainOutput());
        // The compatibility change_cipher_spec (RFC 8446 Appendix D.4), then the second hello.
        assertEquals(2, retry.size());
        assertArrayEquals(CHANGE_CIPHER_SPEC, retry.get(0));
        assertArrayEquals(record(5, 2), retry.get(1), "second ClientHello record");
        assertEquals(2, sent.size());
        // Our second hello (before the interceptor) is the RFC's, with its P-256 key share and the
        // cookie echoed, except that the RFC's puts the cookie elsewhere and pads to 512 bytes.
        int extensionsAt = 4 + 2 + 32 + 1 + 2 + 6 + 2; // empty session id, three suites, null compression
        byte[] ourSecond = sent.get(1);
        assertArrayEquals(Arrays.copyOfRange(secondHello, 4, extensionsAt), Arrays.copyOfRange(ourSecond, 4, extensionsAt));
        List<String> rfcExtensions = new ArrayList<>(extensions(secondHello, extensionsAt));
        assertTrue(rfcExtensions.removeIf(extension -> extension.startsWith("0015")), "padding");
        assertEquals(new java.util.HashSet<>(rfcExtensions), new java.util.HashSet<>(extensions(ourSecond, extensionsAt)));

        feed(client, record(5, 3)); // ServerHello
        assertEquals(0, client.pendingOutput());
        feed(client, record(5, 4)); // EncryptedExtensions, Certificate, CertificateVerify, Finished
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
        assertArrayEquals(record(5, 5), client.drainOutput(), "client Finished record");
        client.closeOutbound();
        assertArrayEquals(record(5, 6), client.drainOutput(), "client close_notify record");
        feed(client, record(5, 7));
        assertTrue(client.isInboundClosed());
        assertTrue(random.usedUp());
    }

    // ---- §5 HelloRetryRequest, server role ----

    @Test
    void helloRetryRequestServerRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] retryRequest = rfc.value(5, "ServerHello", 0);
        byte[] serverHello = rfc.value(5, "ServerHello", 1);
        byte[] encryptedExtensions = rfc.value(5, "EncryptedExtensions");
        byte[] certificate = rfc.value(5, "Certificate");
        byte[] certificateVerify = rfc.value(5, "CertificateVerify");
        RsaPrivateKey key = rsaKey();
        byte[] salt = pssSalt(key, Arrays.copyOfRange(certificateVerify, 8, certificateVerify.length));
        // The P-256 key (Bouncy Castle's d is the 32 bytes it draws), the server random, the PSS salt.
        Scripted random = new Scripted(rfc.value(5, "private key", 2), Arrays.copyOfRange(serverHello, 6, 38), salt);
        byte[] leaf = Arrays.copyOfRange(certificate, 11, 11 + 0x1b0);

        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.SECP256R1))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .certificates(List.of(new CertifiedKey(List.of(leaf), key)))
                .recordSizeLimit(16384)
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .interceptor(message -> {
                    sent.add(encoded(message));
                    // As in §3: the RFC's encodings of what we say in another order (and, for the
                    // HelloRetryRequest, with the RFC server's cookie, which our server does not send).
                    if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                        return message(sent.size() == 1 ? retryRequest : serverHello);
                    } else if (message.type() == HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                        return message(encryptedExtensions);
                    }
                    return message;
                })
                .build();
        TlsEngine server = TlsEngine.server(config);
        server.beginHandshake();
        feed(server, record(5, 0)); // first ClientHello, with only an X25519 share
        assertArrayEquals(record(5, 1), server.drainOutput(), "HelloRetryRequest record");
        assertEquals(1, sent.size());
        assertArrayEquals(Arrays.copyOfRange(retryRequest, 4, 42), Arrays.copyOfRange(sent.get(0), 4, 42));
        List<String> rfcRetryExtensions = new ArrayList<>(extensions(retryRequest, 42));
        assertTrue(rfcRetryExtensions.removeIf(extension -> extension.startsWith("002c")), "cookie");
        assertEquals(new java.util.HashSet<>(rfcRetryExtensions), new java.util.HashSet<>(extensions(sent.get(0), 42)));

        feed(server, record(5, 2)); // second ClientHello, with a P-256 share
        assertArrayEquals(Arrays.copyOf(serverHello, 42), Arrays.copyOf(sent.get(1), 42));
        assertEquals(new java.util.HashSet<>(extensions(serverHello, 42)), new java.util.HashSet<>(extensions(sent.get(1), 42)));
        List<String> rfcExtensions = new ArrayList<>(extensions(encryptedExtensions, 4));
        assertTrue(rfcExtensions.removeIf(extension -> extension.startsWith("000a")), "supported_groups");
        assertEquals(new java.util.HashSet<>(rfcExtensions), new java.util.HashSet<>(extensions(sent.get(2), 4)));
        assertArrayEquals(certificate, sent.get(3));
        assertArrayEquals(certificateVerify, sent.get(4));
        List<byte[]> flight = records(server.drainOutput());
        assertEquals(2, flight.size());
        assertArrayEquals(record(5, 3), flight.get(0), "ServerHello record");
        assertArrayEquals(record(5, 4), flight.get(1), "server flight record");

        feed(server, record(5, 5)); // client Finished
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        assertEquals(0, server.pendingOutput());
        feed(server, record(5, 6)); // client close_notify
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record(5, 7), server.drainOutput(), "server close_notify record");
        assertTrue(random.usedUp());
    }
}
