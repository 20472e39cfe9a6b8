package org.jtls.handshake.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.KeyLog;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.TestCredentials;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/** What the interop tests share: credentials (made once per JVM), configurations, wire checks. */
final class Interop {
    static final SecureRandom RANDOM = new SecureRandom();
    /** The line a peer client sends to our echo server. */
    static final String PING = "ping from the peer: the quick brown fox jumps over the lazy dog\n";

    private Interop() {
    }

    /** Server and client credentials; generated lazily, once. */
    static final class Credentials {
        static final Credential RSA = TestCredentials.rsaCredential(2048, "localhost");
        static final Credential ECDSA_P256 = TestCredentials.ecCredential(EcCurve.P256, "localhost");
        static final Credential ECDSA_P384 = TestCredentials.ecCredential(EcCurve.P384, "localhost");
        static final Credential ED25519 = TestCredentials.ed25519Credential("localhost");
        static final Credential RSA_PSS = TestCredentials.rsaPssCredential(2048, "localhost");
        /** The certificate a server shows for the SNI name {@link #SNI_NAME}. */
        static final Credential SNI_RSA = TestCredentials.rsaCredential(2048, "sni.jtls.test");
        static final String SNI_NAME = "sni.jtls.test";
        static final Credential CLIENT_RSA = TestCredentials.rsaCredential(2048, "jtls test client");
        static final Credential CLIENT_ECDSA = TestCredentials.ecCredential(EcCurve.P256, "jtls test client");
        static final Credential CLIENT_ED25519 = TestCredentials.ed25519Credential("jtls test client");

        private Credentials() {
        }
    }

    /** Which kind of server certificate a case needs. */
    enum KeyKind {
        RSA, RSA_PSS, ECDSA_P256, ECDSA_P384, ED25519;

        Credential credential() {
            return switch (this) {
                case RSA -> Credentials.RSA;
                case RSA_PSS -> Credentials.RSA_PSS;
                case ECDSA_P256 -> Credentials.ECDSA_P256;
                case ECDSA_P384 -> Credentials.ECDSA_P384;
                case ED25519 -> Credentials.ED25519;
            };
        }
    }

    /** One version and one suite on our side, the given groups, every signature scheme we have. */
    static TlsConfig.Builder config(ProtocolVersion version, CipherSuite suite, List<NamedGroup> groups) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .versions(List.of(version))
                .cipherSuites(List.of(suite))
                .groups(groups);
    }

    /**
     * An RSASSA-PSS certificate can only sign rsa_pss_pss_* (RFC 8446 §4.2.3, which RFC 8446 §1.3
     * brings to TLS 1.2); other keys sign with a scheme of their own type.
     */
    static void assertSchemeFitsKey(KeyKind key, int schemeCode) {
        SignatureScheme scheme = SignatureScheme.fromCode(schemeCode)
                .orElseThrow(() -> new AssertionError("unknown signature scheme " + schemeCode));
        SignatureScheme.KeyType expected = switch (key) {
            case RSA -> SignatureScheme.KeyType.RSA;
            case RSA_PSS -> SignatureScheme.KeyType.RSA_PSS;
            case ECDSA_P256, ECDSA_P384 -> SignatureScheme.KeyType.EC;
            case ED25519 -> SignatureScheme.KeyType.ED25519;
        };
        if (expected != scheme.keyType()) {
            throw new AssertionError(scheme + " signed with a " + key + " key");
        }
    }

    /** The library defaults (TLS 1.3 and 1.2 configured, of which the engine speaks 1.2), accepting any peer chain. */
    static TlsConfig.Builder defaults() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY);
    }

    /** Records the types of the handshake messages each way, from whichever thread the engine runs in. */
    static final class MessageLog implements org.jtls.handshake.HandshakeObserver {
        final List<Integer> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        final List<Integer> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void messageSent(org.jtls.record.HandshakeMessage message) {
            sent.add(message.type());
        }

        @Override
        public void messageReceived(org.jtls.record.HandshakeMessage message) {
            received.add(message.type());
        }

        long sentCount(HandshakeType type) {
            synchronized (sent) {
                return sent.stream().filter(t -> t == type.code()).count();
            }
        }

        long receivedCount(HandshakeType type) {
            synchronized (received) {
                return received.stream().filter(t -> t == type.code()).count();
            }
        }
    }

    /** Ticket keys for a server that issues TLS 1.3 tickets; share one instance between servers to resume across them. */
    static org.jtls.handshake.TicketKeys ticketKeys() {
        return new org.jtls.handshake.TicketKeys(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC(),
                java.time.Duration.ofHours(1), java.time.Duration.ofHours(2));
    }

    /** Collects the TLS ≤ 1.2 master secret our engine logs, to compare with what the peer prints. */
    static final class MasterSecretLog implements KeyLog {
        private volatile byte[] masterSecret;

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            if (label.equals("CLIENT_RANDOM")) {
                masterSecret = secret.clone();
            }
        }

        /** Upper-case hex, as openssl prints {@code Master-Key}. */
        String masterSecretHex() {
            if (masterSecret == null) {
                throw new AssertionError("no master secret was logged");
            }
            return HexFormat.of().withUpperCase().formatHex(masterSecret);
        }
    }

    /** The extensions of the ServerHello at the start of {@code serverBytes} (the raw server flight). */
    static Extensions serverHelloExtensions(byte[] serverBytes) throws TlsAlertException {
        byte[] body = firstHandshakeBody(serverBytes, HandshakeType.SERVER_HELLO);
        return ServerHello.decode(TlsReader.of(body)).extensions();
    }

    /** The ClientHello at the start of {@code clientBytes}. */
    static ClientHello clientHello(byte[] clientBytes) throws TlsAlertException {
        return ClientHello.decode(TlsReader.of(firstHandshakeBody(clientBytes, HandshakeType.CLIENT_HELLO)));
    }

    /**
     * The body of the first handshake message in a stream of plaintext records (RFC 5246 §6.2.1: type,
     * version, length, fragment), reassembled if it spans records.
     */
    private static byte[] firstHandshakeBody(byte[] records, HandshakeType expected) throws TlsAlertException {
        TlsReader reader = TlsReader.of(records);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        while (true) {
            int contentType = reader.u8("content type");
            reader.u16("record version");
            byte[] fragment = reader.opaque16(0, 0xFFFF, "fragment");
            if (contentType != 22) {
                continue;
            }
            handshake.writeBytes(fragment);
            byte[] soFar = handshake.toByteArray();
            if (soFar.length >= 4) {
                int length = ((soFar[1] & 0xFF) << 16) | ((soFar[2] & 0xFF) << 8) | (soFar[3] & 0xFF);
                if (soFar.length >= 4 + length) {
                    if ((soFar[0] & 0xFF) != expected.code()) {
                        throw new AssertionError("first handshake message has type " + (soFar[0] & 0xFF)
                                + ", not " + expected);
                    }
                    return java.util.Arrays.copyOfRange(soFar, 4, 4 + length);
                }
            }
        }
    }

    /**
     * The handshake messages (type, body) in a stream of records, up to the first change_cipher_spec:
     * everything that travels unprotected in a TLS ≤ 1.2 handshake.
     */
    static List<org.jtls.record.HandshakeMessage> plaintextHandshakeMessages(byte[] records) throws TlsAlertException {
        TlsReader reader = TlsReader.of(records);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        while (reader.remaining() >= 5) {
            int contentType = reader.u8("content type");
            reader.u16("record version");
            byte[] fragment = reader.opaque16(0, 0xFFFF, "fragment");
            if (contentType == 20) {
                break;
            }
            if (contentType == 22) {
                handshake.writeBytes(fragment);
            }
        }
        List<org.jtls.record.HandshakeMessage> messages = new java.util.ArrayList<>();
        TlsReader messageReader = TlsReader.of(handshake.toByteArray());
        while (messageReader.hasRemaining()) {
            int type = messageReader.u8("msg_type");
            messages.add(org.jtls.record.HandshakeMessage.of(type, messageReader.opaque24(0, 0xFFFFFF, "body")));
        }
        return messages;
    }

    /** The signature scheme code our (or the peer's) ECDHE ServerKeyExchange names, TLS 1.2. */
    static int serverKeyExchangeScheme(byte[] serverBytes) throws TlsAlertException {
        for (org.jtls.record.HandshakeMessage message : plaintextHandshakeMessages(serverBytes)) {
            if (message.type() == HandshakeType.SERVER_KEY_EXCHANGE.code()) {
                return org.jtls.handshake.core.Messages.decode(message, body ->
                        org.jtls.handshake.message.ServerKeyExchangeEcdhe.decode(body, ProtocolVersion.TLS_1_2))
                        .signature().schemeCode().orElseThrow();
            }
        }
        throw new AssertionError("no ServerKeyExchange before change_cipher_spec");
    }

    /** The signature scheme code a TLS 1.2 client's CertificateVerify names. */
    static int certificateVerifyScheme(byte[] clientBytes) throws TlsAlertException {
        for (org.jtls.record.HandshakeMessage message : plaintextHandshakeMessages(clientBytes)) {
            if (message.type() == HandshakeType.CERTIFICATE_VERIFY.code()) {
                return org.jtls.handshake.core.Messages.decode(message, body ->
                        org.jtls.handshake.message.CertificateVerify.decode(body, ProtocolVersion.TLS_1_2))
                        .signature().schemeCode().orElseThrow();
            }
        }
        throw new AssertionError("no CertificateVerify before change_cipher_spec");
    }

    /** The fragment lengths of the records in {@code records} (RFC 5246 §6.2.1), in order. */
    static List<Integer> recordLengths(byte[] records) throws TlsAlertException {
        TlsReader reader = TlsReader.of(records);
        List<Integer> lengths = new java.util.ArrayList<>();
        while (reader.remaining() >= 5) {
            reader.u8("content type");
            reader.u16("record version");
            int length = reader.u16("length");
            if (reader.remaining() < length) {
                break;
            }
            reader.bytes(length, "fragment");
            lengths.add(length);
        }
        return lengths;
    }

    /** The group our side should report: the first configured one for ECDHE, none for RSA. */
    static Optional<NamedGroup> expectedGroup(CipherSuite suite, List<NamedGroup> groups) {
        return switch (suite.keyExchange()) {
            case ECDHE -> Optional.of(groups.get(0));
            case DHE -> groups.stream().filter(g -> g.kind() == NamedGroup.Kind.FFDHE).findFirst();
            default -> Optional.empty();
        };
    }

    /** Writes a credential to {@code directory} as PEM. */
    static PemFiles.CertificateAndKey pem(Credential credential, Path directory, String baseName) throws IOException {
        return PemFiles.write(credential, directory, baseName);
    }
}
