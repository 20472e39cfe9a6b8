package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Cipher;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerKeyExchangeDhe;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.record.codec.TlsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS ≤ 1.2 security rules of the key exchange that no other test pins down exactly: the client's DHE
 * floor (Logjam), the server's choice of DHE group, and the static-RSA server's implicit rejection
 * (RFC 5246 §7.4.7.1, Bleichenbacher/ROBOT).
 */
class Tls12SecurityChecksTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Scenario.Credential RSA = Scenario.RSA;

    // ---------------------------------------------------------------- DHE floor (Logjam)

    private static Scenario dheScenario(ProtocolVersion version) {
        CipherSuite suite = version == ProtocolVersion.TLS_1_2 ? CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
                : CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA;
        return new Scenario(version, suite, RSA, TlsConfig.ClientAuth.NONE, null, NamedGroup.X25519, List.of(),
                List.of());
    }

    /** A handshake against a hostile DH group, and whether our client answered it with a ClientKeyExchange. */
    record DhOutcome(Conversation conversation, boolean clientKeyExchangeSent) {
    }

    /** A correctly signed ServerKeyExchange for a real prime of {@code bits} bits, generator 2, Ys = 2^x mod p. */
    private static DhOutcome withDhGroup(Scenario scenario, TlsConfig.Builder clientConfig, int bits) {
        BigInteger prime = BigInteger.probablePrime(bits, new Random(bits));
        BigInteger generator = BigInteger.TWO;
        BigInteger publicValue = generator.modPow(new BigInteger(bits - 2, RANDOM).add(BigInteger.TWO), prime);
        HostileServerProperties.HostileKeyExchange tamper = new HostileServerProperties.HostileKeyExchange(scenario,
                new HostileServerProperties.HostileParameters(0, null, prime, generator, publicValue,
                        bits + "-bit prime"));
        boolean[] sent = new boolean[1];
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageSent(HandshakeMessage message) {
                sent[0] |= message.type() == HandshakeType.CLIENT_KEY_EXCHANGE.code();
            }
        };
        Conversation conversation = new Conversation(clientConfig.observer(watcher).build(), scenario.server().build())
                .handshake(tamper, Conversation.Delivery.WHOLE);
        assertTrue(tamper.replaced, "the ServerKeyExchange was replaced");
        return new DhOutcome(conversation, sent[0]);
    }

    @ParameterizedTest
    @EnumSource(names = {"SSL_3_0", "TLS_1_0", "TLS_1_1", "TLS_1_2"})
    void byDefaultTheClientRefusesDhGroupsBelow1024Bits(ProtocolVersion version) {
        Scenario scenario = dheScenario(version);
        assertEquals(1024, scenario.client().build().minimumDhBits(), "the default floor");
        for (int bits : List.of(512, 768, 1023)) {
            DhOutcome outcome = withDhGroup(scenario, scenario.client(), bits);
            Conversation conversation = outcome.conversation();
            TlsAlertException failure = conversation.client.failure;
            assertNotNull(failure, bits + " bits: " + conversation);
            assertTrue(failure.isLocal(), conversation.toString());
            assertEquals(AlertDescription.INSUFFICIENT_SECURITY, failure.alert(), failure.getMessage());
            assertTrue(failure.getMessage().contains(bits + " bits"), failure.getMessage());
            assertFalse(outcome.clientKeyExchangeSent(), "no ClientKeyExchange after a weak group");
            // The server hears why.
            assertNotNull(conversation.server.failure, conversation.toString());
            assertEquals(AlertDescription.INSUFFICIENT_SECURITY, conversation.server.failure.alert());
        }
    }

    @Test
    void aGroupAtTheFloorIsAcceptedAndARaisedFloorRefusesIt() {
        Scenario scenario = dheScenario(ProtocolVersion.TLS_1_2);
        // 1024 bits pass the default floor: the client answers with its key exchange. (The honest server
        // computed with its own group, so the handshake then fails on the Finished, not on the group.)
        DhOutcome accepted = withDhGroup(scenario, scenario.client(), 1024);
        assertTrue(accepted.clientKeyExchangeSent(), "the client sent its ClientKeyExchange: " + accepted);
        TlsAlertException clientFailure = accepted.conversation().client.failure;
        assertTrue(clientFailure == null || clientFailure.alert() != AlertDescription.INSUFFICIENT_SECURITY,
                accepted.toString());
        // minimumDhBits(2048) refuses 1024 and 1536 bits.
        for (int bits : List.of(1024, 1536)) {
            DhOutcome refused = withDhGroup(scenario, scenario.client().minimumDhBits(2048), bits);
            assertNotNull(refused.conversation().client.failure, refused.toString());
            assertEquals(AlertDescription.INSUFFICIENT_SECURITY, refused.conversation().client.failure.alert());
            assertFalse(refused.clientKeyExchangeSent());
        }
    }

    // ---------------------------------------------------------------- the server's DHE group

    /** The prime in the ServerKeyExchange a DHE handshake between {@code client} and a server on ffdhe3072 first. */
    private static BigInteger serverPrime(List<NamedGroup> clientGroups) throws TlsException {
        List<HandshakeMessage> keyExchanges = new ArrayList<>();
        HandshakeObserver watcher = new HandshakeObserver() {
            @Override
            public void messageReceived(HandshakeMessage message) {
                if (message.type() == HandshakeType.SERVER_KEY_EXCHANGE.code()) {
                    keyExchanges.add(message);
                }
            }
        };
        List<CipherSuite> dhe = List.of(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256);
        TlsConfig client = Tls12HandshakeTest.config().cipherSuites(dhe).groups(clientGroups).observer(watcher).build();
        TlsConfig server = Tls12HandshakeTest.config().cipherSuites(dhe).certificates(List.of(RSA.key()))
                .groups(List.of(NamedGroup.X25519, NamedGroup.FFDHE3072, NamedGroup.FFDHE2048)).build();
        Tls12HandshakeTest.connect(client, server);
        assertEquals(1, keyExchanges.size());
        ServerKeyExchangeDhe parameters = ServerKeyExchangeDhe.decode(TlsReader.of(keyExchanges.get(0).body()),
                ProtocolVersion.TLS_1_2);
        return new BigInteger(1, parameters.dhP().toByteArray());
    }

    @Test
    void theServerTakesAnRfc7919GroupTheClientOffersAndOtherwiseFfdhe2048() throws TlsException {
        // RFC 7919 §4: a client naming ffdhe groups gets one of them (the server's first in common).
        assertEquals(FiniteFieldGroup.FFDHE3072.prime(), serverPrime(List.of(NamedGroup.X25519, NamedGroup.FFDHE2048,
                NamedGroup.FFDHE3072)));
        assertEquals(FiniteFieldGroup.FFDHE2048.prime(), serverPrime(List.of(NamedGroup.FFDHE2048)));
        // A client naming none (an RFC 7919-unaware one) still gets a 2048-bit group, never a smaller one.
        BigInteger fallback = serverPrime(List.of(NamedGroup.X25519, NamedGroup.SECP256R1));
        assertTrue(fallback.bitLength() >= 2048, fallback.bitLength() + " bits");
        assertEquals(FiniteFieldGroup.FFDHE2048.prime(), fallback);
    }

    // ---------------------------------------------------------------- RSA implicit rejection

    /** What our client's ClientKeyExchange is replaced with; each but {@code HONEST} is a different lie. */
    enum Premaster {
        HONEST,
        /** Valid PKCS#1 v1.5 padding around a random 48-byte secret with the right version: a wrong premaster. */
        WRONG_SECRET_GOOD_PADDING,
        /** Block type 01 instead of 02. */
        BAD_BLOCK_TYPE,
        /** No zero byte ends the padding. */
        NO_PADDING_END,
        /** The zero byte comes too early: fewer than eight padding bytes. */
        SHORT_PADDING,
        /** Good padding around a 47-byte secret. */
        WRONG_LENGTH,
        /** Good padding, 48 bytes, but another client_version in the first two. */
        WRONG_VERSION,
        /** A ciphertext no larger than the modulus but not the modulus's length. */
        SHORT_CIPHERTEXT,
        /** All zero. */
        ZERO_CIPHERTEXT
    }

    private static PublicKey rsaPublicKey() throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(RSA.key().chain().get(0))).getPublicKey();
    }

    private static byte[] rawRsa(PublicKey key, byte[] block) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(block);
    }

    /** An encryption block 00 || type || padding || 00 || message, shaped by {@code premaster}. */
    private static byte[] block(int modulusLength, Premaster premaster, byte[] versionBytes) {
        byte[] secret = new byte[premaster == Premaster.WRONG_LENGTH ? 47 : 48];
        RANDOM.nextBytes(secret);
        secret[0] = versionBytes[0];
        secret[1] = premaster == Premaster.WRONG_VERSION ? (byte) (versionBytes[1] - 1) : versionBytes[1];
        byte[] block = new byte[modulusLength];
        block[0] = 0;
        block[1] = (byte) (premaster == Premaster.BAD_BLOCK_TYPE ? 1 : 2);
        for (int i = 2; i < block.length; i++) {
            block[i] = (byte) (1 + RANDOM.nextInt(255));
        }
        if (premaster == Premaster.NO_PADDING_END) {
            return block;
        }
        int zero = premaster == Premaster.SHORT_PADDING ? 2 + 5 : modulusLength - secret.length - 1;
        block[zero] = 0;
        if (premaster == Premaster.SHORT_PADDING) {
            System.arraycopy(secret, 0, block, modulusLength - secret.length, secret.length);
        } else {
            System.arraycopy(secret, 0, block, zero + 1, secret.length);
        }
        return block;
    }

    /** Replaces the encrypted premaster of our client's ClientKeyExchange. */
    private static HandshakeInterceptor replacing(Premaster premaster, ProtocolVersion version) throws Exception {
        PublicKey key = rsaPublicKey();
        int modulusLength = (((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
        byte[] offered = {(byte) (version.code() >>> 8), (byte) version.code()};
        return message -> {
            if (message.type() != HandshakeType.CLIENT_KEY_EXCHANGE.code() || premaster == Premaster.HONEST) {
                return message;
            }
            byte[] ciphertext;
            try {
                ciphertext = switch (premaster) {
                    case SHORT_CIPHERTEXT -> Arrays.copyOf(rawRsa(key, block(modulusLength,
                            Premaster.WRONG_SECRET_GOOD_PADDING, offered)), modulusLength - 1);
                    case ZERO_CIPHERTEXT -> new byte[modulusLength];
                    default -> rawRsa(key, block(modulusLength, premaster, offered));
                };
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            ByteBuffer body = ByteBuffer.allocate(ciphertext.length + 2);
            if (version != ProtocolVersion.SSL_3_0) {
                body.putShort((short) ciphertext.length); // RFC 5246 §7.4.7.1; SSL 3.0 sends it bare
            } else {
                body = ByteBuffer.allocate(ciphertext.length);
            }
            body.put(ciphertext);
            return HandshakeMessage.of(message.type(), body.array());
        };
    }

    /** What the server did with one ClientKeyExchange: where and how it failed, and what it sent. */
    record Outcome(String stateAtFailure, AlertDescription alert, int bytesAfterClientFlight) {
    }

    private static Outcome serverFacing(Premaster premaster, ProtocolVersion version, CipherSuite suite)
            throws Exception {
        TlsConfig client = Tls12HandshakeTest.config().versions(List.of(version)).cipherSuites(List.of(suite))
                .interceptor(replacing(premaster, version)).build();
        TlsConfig server = Tls12HandshakeTest.config().versions(List.of(version)).cipherSuites(List.of(suite))
                .certificates(List.of(RSA.key())).build();
        TlsEngine clientEngine = TlsEngine.client(client, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.deliver(clientEngine, serverEngine);
        Tls12HandshakeTest.deliver(serverEngine, clientEngine);
        // The client's flight: ClientKeyExchange, ChangeCipherSpec, Finished, delivered record by record so
        // that the server's state when it fails is observable.
        ByteBuffer flight = ByteBuffer.wrap(clientEngine.drainOutput());
        String state = null;
        AlertDescription alert = null;
        while (flight.hasRemaining() && alert == null) {
            int length = ((flight.get(flight.position() + 3) & 0xFF) << 8) | (flight.get(flight.position() + 4) & 0xFF);
            ByteBuffer record = flight.slice(flight.position(), 5 + length);
            flight.position(flight.position() + 5 + length);
            String before = serverEngine.handshakeState();
            try {
                serverEngine.receive(record);
                serverEngine.process();
            } catch (TlsAlertException e) {
                assertTrue(e.isLocal(), e.getMessage());
                state = before;
                alert = e.alert();
            }
        }
        if (premaster == Premaster.HONEST) {
            assertNull(alert, "the honest handshake completes");
            Tls12HandshakeTest.pump(clientEngine, serverEngine);
            assertEquals(TlsEngine.Status.CONNECTED, serverEngine.status());
            return new Outcome(null, null, 0);
        }
        assertNotNull(alert, premaster + ": the server never objected");
        assertFalse(flight.hasRemaining(), premaster + ": the server objected before the client's Finished ("
                + state + ", " + alert + ")");
        return new Outcome(state, alert, serverEngine.drainOutput().length);
    }

    /**
     * RFC 5246 §7.4.7.1: whatever is wrong with the encrypted premaster secret (its padding, its length,
     * its version, the ciphertext itself), the server carries on with a random premaster, so every case
     * fails at the same point — the client's Finished — with the same alert and the same answer on the
     * wire as a well-padded but wrong secret. No distinct alert, no earlier failure: no padding oracle.
     */
    @ParameterizedTest
    @EnumSource(names = {"SSL_3_0", "TLS_1_0", "TLS_1_1", "TLS_1_2"})
    void badPaddingLooksExactlyLikeAWrongPremasterSecret(ProtocolVersion version) throws Exception {
        CipherSuite suite = version == ProtocolVersion.TLS_1_2 ? CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256
                : CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        serverFacing(Premaster.HONEST, version, suite);
        Outcome reference = serverFacing(Premaster.WRONG_SECRET_GOOD_PADDING, version, suite);
        assertEquals(AlertDescription.BAD_RECORD_MAC, reference.alert(), "a wrong key fails the Finished record");
        Map<Premaster, Outcome> outcomes = new LinkedHashMap<>();
        for (Premaster premaster : Premaster.values()) {
            if (premaster != Premaster.HONEST) {
                outcomes.put(premaster, serverFacing(premaster, version, suite));
            }
        }
        for (Map.Entry<Premaster, Outcome> entry : outcomes.entrySet()) {
            assertEquals(reference, entry.getValue(), entry.getKey() + " differs from a wrong premaster secret");
        }
    }
}
