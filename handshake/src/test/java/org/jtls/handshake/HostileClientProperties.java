package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;

/**
 * A hostile client: its certificate carries any public key, and its ClientKeyExchange any value
 * (DH values out of range or longer than p, EC points of any length, RSA ciphertexts of any
 * length). The server must refuse with an alert, never an unchecked exception.
 */
class HostileClientProperties {
    private static final int TRIES = 100;
    private static final Set<AlertDescription> REFUSALS = Set.of(AlertDescription.ILLEGAL_PARAMETER,
            AlertDescription.DECODE_ERROR, AlertDescription.DECRYPT_ERROR, AlertDescription.BAD_RECORD_MAC,
            AlertDescription.BAD_CERTIFICATE, AlertDescription.UNSUPPORTED_CERTIFICATE,
            AlertDescription.HANDSHAKE_FAILURE);

    @Provide
    Arbitrary<Scenario> withClientCertificates() {
        return Scenario.any().filter(Scenario::clientSendsCertificate);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    @Provide
    Arbitrary<HostileServerProperties.HostileKey> hostileKeys() {
        return new HostileServerProperties().hostileKeys();
    }

    /** A ClientKeyExchange value: numbers relative to ffdhe2048's p, and bytes of any length. */
    @Provide
    Arbitrary<byte[]> keyExchangeValues() {
        BigInteger p = FiniteFieldGroup.FFDHE2048.prime();
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.TWO),
                        p.subtract(BigInteger.ONE), p, p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(4000))
                        .map(HostileClientProperties::unsigned)),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(600)),
                Tuple.of(1, Arbitraries.of(32, 56, 65, 97, 133, 256).map(byte[]::new)));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    @Property(tries = TRIES)
    void clientCertificateWithAnyKeyIsRefusedWithAnAlert(@ForAll("withClientCertificates") Scenario scenario,
            @ForAll("hostileKeys") HostileServerProperties.HostileKey key) {
        about(scenario + " " + key, () -> {
            byte[] certificate = Wire.body(HostileServerProperties.certificateMessage(key.info()));
            Conversation conversation = scenario.conversation().handshake(
                    replacingClientMessage(HandshakeType.CERTIFICATE.code(), certificate), Conversation.Delivery.WHOLE);
            assertServerRefused(conversation);
        });
    }

    @Property(tries = TRIES)
    void clientKeyExchangeWithAnyValueIsRefusedWithAnAlert(@ForAll("scenarios") Scenario scenario,
            @ForAll("keyExchangeValues") byte[] value) {
        about(scenario + " value of " + value.length + " bytes " + java.util.HexFormat.of().formatHex(value), () -> {
            Conversation conversation = scenario.conversation().handshake(
                    replacingClientMessage(HandshakeType.CLIENT_KEY_EXCHANGE.code(), encode(scenario, value)),
                    Conversation.Delivery.WHOLE);
            assertServerRefused(conversation);
        });
    }

    /** The value in the suite's ClientKeyExchange form (RFC 5246 §7.4.7, RFC 8422 §5.7), cut to fit. */
    private static byte[] encode(Scenario scenario, byte[] value) {
        CipherSuite.KeyExchange keyExchange = scenario.suite().keyExchange();
        if (keyExchange == CipherSuite.KeyExchange.RSA && scenario.version() == ProtocolVersion.SSL_3_0) {
            return value;
        }
        boolean point = keyExchange == CipherSuite.KeyExchange.ECDHE;
        byte[] vector = java.util.Arrays.copyOf(value, point ? Math.min(value.length, 255) : value.length);
        byte[] body = new byte[(point ? 1 : 2) + vector.length];
        if (point) {
            body[0] = (byte) vector.length;
        } else {
            body[0] = (byte) (vector.length >>> 8);
            body[1] = (byte) vector.length;
        }
        System.arraycopy(vector, 0, body, body.length - vector.length, vector.length);
        return body;
    }

    /** The client's second flight with the message of {@code type} given {@code body} instead. */
    private static Conversation.Tamper replacingClientMessage(int type, byte[] body) {
        return (sender, flight, bytes) -> {
            if (sender != Role.CLIENT || flight != 1) {
                return bytes;
            }
            Wire.Flight parsed = Wire.Flight.parse(bytes);
            List<byte[]> messages = new ArrayList<>(parsed.messages());
            int index = parsed.types().indexOf(type);
            assertTrue(index >= 0, "the flight has a message of type " + type);
            messages.set(index, Wire.message(type, body));
            return parsed.reframe(messages, () -> Wire.MAX_FRAGMENT);
        };
    }

    private static void assertServerRefused(Conversation conversation) {
        Conversation.Endpoint first = conversation.firstLocalFailure();
        assertNotNull(first, "nobody noticed the hostile client: " + conversation);
        assertEquals(Role.SERVER, first.role, conversation.toString());
        assertTrue(REFUSALS.contains(first.failure.alert()), conversation.toString());
        Statistics.label("alert").collect(first.failure.alert().rfcName());
    }
}
