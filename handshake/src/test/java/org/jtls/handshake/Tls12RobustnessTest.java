package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * Fixed cases for what the engine properties ({@link EngineRobustnessProperties},
 * {@link HandshakeMutationProperties}, {@link ArbitraryInputProperties}) once found: each test
 * replays one failure deterministically.
 */
class Tls12RobustnessTest {
    private static final List<CipherSuite> SSL3_SUITE = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);

    @Test
    void ssl3ServerDoesNotReportAnAlpnProtocolItCannotSend() throws TlsException {
        TlsConfig client = Tls12HandshakeTest.config().versions(List.of(ProtocolVersion.SSL_3_0))
                .cipherSuites(SSL3_SUITE).alpnProtocols(List.of("h2", "http/1.1")).build();
        TlsConfig server = Tls12HandshakeTest.config().versions(List.of(ProtocolVersion.SSL_3_0))
                .cipherSuites(SSL3_SUITE).alpnProtocols(List.of("http/1.1")).certificates(List.of(Scenario.RSA.key()))
                .build();
        Conversation conversation = new Conversation(client, server)
                .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
        assertEquals(Optional.empty(), conversation.client.engine.session().orElseThrow().applicationProtocol());
        assertEquals(Optional.empty(), conversation.server.engine.session().orElseThrow().applicationProtocol());
    }

    /** The server's first flight with a message inserted before its {@code index}-th message. */
    private static Conversation.Tamper insertIntoServerFlight(int index, byte[] inserted) {
        return (sender, flight, bytes) -> {
            if (sender != Role.SERVER || flight != 0) {
                return bytes;
            }
            Wire.Flight parsed = Wire.Flight.parse(bytes);
            List<byte[]> messages = new ArrayList<>(parsed.messages());
            messages.add(index, inserted);
            return parsed.reframe(messages, () -> Wire.MAX_FRAGMENT);
        };
    }

    private static Conversation tls12(Conversation.Tamper tamper) {
        TlsConfig client = Tls12HandshakeTest.config().build();
        TlsConfig server = Tls12HandshakeTest.config().certificates(List.of(Scenario.ECDSA.key())).build();
        return new Conversation(client, server).handshake(tamper, Conversation.Delivery.WHOLE);
    }

    @Test
    void helloRequestDuringTheHandshakeIsIgnored() {
        for (int index : new int[] {0, 1, 3}) {
            Conversation conversation = tls12(insertIntoServerFlight(index, Wire.message(0, new byte[0])));
            assertTrue(conversation.bothConnected(), "HelloRequest before message " + index + ": " + conversation);
        }
    }

    @Test
    void helloRequestWithABodyIsADecodeError() {
        Conversation conversation = tls12(insertIntoServerFlight(1, Wire.message(0, new byte[] {0})));
        assertEquals(AlertDescription.DECODE_ERROR, conversation.client.failure.alert());
    }

    @Test
    void ecdheServerKeyExchangeNamingAnFfdheGroupIsIllegalParameter() {
        Scenario scenario = new Scenario(ProtocolVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                Scenario.ECDSA, TlsConfig.ClientAuth.NONE, null, NamedGroup.X25519, List.of(), List.of());
        // A DH public value of 5 is valid in ffdhe2048, which the client offers for DHE suites.
        HostileServerProperties.HostileKeyExchange ffdheInEcdhe = new HostileServerProperties.HostileKeyExchange(
                scenario, new HostileServerProperties.HostileParameters(NamedGroup.FFDHE2048.code(), new byte[] {5},
                        null, null, null, "ffdhe2048 in an ECDHE ServerKeyExchange"));
        Conversation conversation = scenario.conversation().handshake(ffdheInEcdhe, Conversation.Delivery.WHOLE);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, conversation.client.failure.alert(), conversation.toString());
    }

    @Test
    void rsaKeysThatCannotCarryThePremasterSecretAreBadCertificates() {
        Scenario scenario = new Scenario(ProtocolVersion.TLS_1_2, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                Scenario.RSA, TlsConfig.ClientAuth.NONE, null, NamedGroup.X25519, List.of(), List.of());
        BigInteger modulus = ((RsaPublicKey) Scenario.RSA.key().publicKey()).modulus();
        SubjectPublicKeyInfo tooShort = HostileServerProperties.rsaKeyInfo(
                BigInteger.ONE.shiftLeft(58 * 8 - 1).add(BigInteger.ONE), BigInteger.valueOf(65537));
        SubjectPublicKeyInfo exponentOne = HostileServerProperties.rsaKeyInfo(modulus, BigInteger.ONE);
        SubjectPublicKeyInfo evenModulus = HostileServerProperties.rsaKeyInfo(modulus.add(BigInteger.ONE),
                BigInteger.valueOf(65537));
        // 58 bytes of modulus are one too few for 48 bytes of secret and 11 of PKCS#1 v1.5 padding;
        // SunRsaSign refuses an exponent of 1, Bouncy Castle an even modulus.
        Map<SubjectPublicKeyInfo, CryptoBackend> refusals = Map.of(tooShort, CryptoBackends.defaultBackend(),
                exponentOne, CryptoBackends.jca(), evenModulus, CryptoBackends.bouncyCastle());
        refusals.forEach((key, backend) -> {
            Conversation conversation = new Conversation(scenario.client(backend).build(), scenario.server().build())
                    .handshake(HostileServerProperties.replacingServerCertificate(key), Conversation.Delivery.WHOLE);
            assertEquals(AlertDescription.BAD_CERTIFICATE, conversation.client.failure.alert(),
                    backend.name() + ": " + conversation);
        });
    }

    @Test
    void dheGroupLargerThanFfdhe8192IsRefusedBeforeAnyWorkIsDone() {
        Scenario scenario = new Scenario(ProtocolVersion.TLS_1_2, CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                Scenario.RSA, TlsConfig.ClientAuth.NONE, null, NamedGroup.X25519, List.of(), List.of());
        // 2^16 bits: signed by the server, so only the size can stop the client computing for minutes.
        BigInteger prime = BigInteger.ONE.shiftLeft(65_535).add(BigInteger.valueOf(15));
        HostileServerProperties.HostileKeyExchange hugeGroup = new HostileServerProperties.HostileKeyExchange(scenario,
                new HostileServerProperties.HostileParameters(0, null, prime, BigInteger.TWO,
                        BigInteger.valueOf(12345), "a 65536-bit DH prime"));
        Conversation conversation = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> scenario.conversation().handshake(hugeGroup, Conversation.Delivery.WHOLE));
        assertTrue(conversation.client.failedLocally(), conversation.toString());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, conversation.client.failure.alert(), conversation.toString());
    }

    @Test
    void afterAFailureTheEngineRepeatsItAndHasSentExactlyOneFatalAlert() throws TlsException {
        TlsEngine server = TlsEngine.server(Tls12HandshakeTest.config().certificates(List.of(Scenario.RSA.key()))
                .build());
        server.beginHandshake();
        // A ServerHelloDone where a ClientHello belongs.
        server.receive(ByteBuffer.wrap(new byte[] {22, 3, 1, 0, 4, 14, 0, 0, 0}));
        TlsAlertException failure = assertThrows(TlsAlertException.class, server::process);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, failure.alert());
        assertSame(failure, assertThrows(TlsAlertException.class, server::process));
        server.receive(ByteBuffer.wrap(new byte[] {22, 3, 1, 0, 4, 14, 0, 0, 0}));
        assertSame(failure, assertThrows(TlsAlertException.class, server::process));

        List<TlsEvent> fatalAlerts = new ArrayList<>();
        for (TlsEvent event = server.pollEvent(); event != null; event = server.pollEvent()) {
            if (event instanceof TlsEvent.AlertSent sent && sent.fatal()) {
                fatalAlerts.add(event);
            }
        }
        assertEquals(List.of(new TlsEvent.AlertSent(AlertDescription.UNEXPECTED_MESSAGE, true)), fatalAlerts);
        // The record layer writes TLS 1.0 before a version is chosen: fatal(2), unexpected_message(10).
        assertArrayEquals(new byte[] {21, 3, 1, 0, 2, 2, 10}, server.drainOutput());
        assertEquals(TlsEngine.Status.CLOSED, server.status());
    }
}
