package org.jtls.vectors.crypto;

import static org.jtls.vectors.crypto.Hex.assertHexEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.registry.NamedGroup;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * X25519 and X448 against the Diffie-Hellman examples of RFC 7748 §6.1 and §6.2, and the x25519
 * exchange of RFC 8448 §3.
 *
 * <p>{@link KeyExchange} generates its own private keys and offers no way to import one, so the
 * published private keys cannot be injected directly (the §5.2 scalar-multiplication vectors are out
 * of reach entirely). What the API does allow:
 * <ul>
 *   <li>respond to Alice's published public value and check the shapes of what comes back;</li>
 *   <li>replay the published private key through the {@code SecureRandom} parameter
 *       ({@link ScriptedRandom}); when the backend turns those bytes into exactly the published public
 *       value, it holds the published private key and the shared secret must be the published K.
 *       A backend that derives its key differently makes the public value differ, and that test is
 *       skipped (assumption), not passed.</li>
 * </ul>
 */
class XdhVectorsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    record DhExample(NamedGroup group, String alicePrivateHex, String alicePublicHex, String bobPrivateHex,
            String bobPublicHex, String sharedSecretHex) {
        int valueLength() {
            return group == NamedGroup.X25519 ? 32 : 56;
        }
    }

    static final List<Named<DhExample>> EXAMPLES = List.of(
            Named.of("RFC 7748 6.1 (X25519)", new DhExample(NamedGroup.X25519,
                    "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                    "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                    "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                    "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                    "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")),
            Named.of("RFC 7748 6.2 (X448)", new DhExample(NamedGroup.X448,
                    "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28d"
                    + "d9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                    "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c"
                    + "22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
                    "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d"
                    + "6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
                    "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b430"
                    + "27d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
                    "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282b"
                    + "b60c0b56fd2464c335543936521c24403085d59a449a5037514a879d")),
            Named.of("RFC 8448 3 (x25519, client as Alice)", new DhExample(NamedGroup.X25519,
                    Rfc8448SimpleHandshake.CLIENT_X25519_PRIVATE, Rfc8448SimpleHandshake.CLIENT_X25519_PUBLIC,
                    Rfc8448SimpleHandshake.SERVER_X25519_PRIVATE, Rfc8448SimpleHandshake.SERVER_X25519_PUBLIC,
                    Rfc8448SimpleHandshake.X25519_SHARED_SECRET)));

    static Stream<Arguments> examples() {
        return Backends.eachWith(EXAMPLES);
    }

    /** Bob's half, run by the backend against Alice's published public value. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void respondingToAlicesPublicValueGivesValuesOfTheRightShape(CryptoBackend backend, DhExample example)
            throws InvalidKeyShareException {
        KeyExchange exchange = backend.keyExchange(example.group());
        KeyExchange.Response first = exchange.respond(Hex.bytes(example.alicePublicHex()), RANDOM);
        KeyExchange.Response second = exchange.respond(Hex.bytes(example.alicePublicHex()), RANDOM);
        assertEquals(example.valueLength(), first.publicValue().length, "responder's public value");
        assertEquals(example.valueLength(), first.sharedSecret().length, "shared secret");
        assertFalse(Arrays.equals(new byte[example.valueLength()], first.sharedSecret()), "all-zero secret");
        assertFalse(Arrays.equals(first.publicValue(), second.publicValue()), "each response uses a fresh key");
        assertFalse(Arrays.equals(first.sharedSecret(), second.sharedSecret()), "each response, a fresh secret");
    }

    /** Both halves in one backend: initiator and responder end with the same secret. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void initiatorAndResponderAgree(CryptoBackend backend, DhExample example) throws InvalidKeyShareException {
        KeyExchange exchange = backend.keyExchange(example.group());
        KeyShare initiator = exchange.generate(RANDOM);
        assertEquals(example.valueLength(), initiator.publicValue().length);
        KeyExchange.Response response = exchange.respond(initiator.publicValue(), RANDOM);
        assertArrayEquals(response.sharedSecret(), exchange.complete(initiator, response.publicValue()));
    }

    /** Alice's private key replayed as randomness: her public value, then the published K. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void replayedAlicePrivateKeyGivesThePublishedSecret(CryptoBackend backend, DhExample example)
            throws InvalidKeyShareException {
        KeyExchange exchange = backend.keyExchange(example.group());
        KeyShare alice = exchange.generate(new ScriptedRandom(Hex.bytes(example.alicePrivateHex())));
        assumeTrue(Arrays.equals(Hex.bytes(example.alicePublicHex()), alice.publicValue()),
                backend.name() + " does not draw its private key straight from SecureRandom.nextBytes");
        assertHexEquals(example.sharedSecretHex(), exchange.complete(alice, Hex.bytes(example.bobPublicHex())), "K");
    }

    /** Bob's private key replayed as randomness while responding to Alice: his public value and K. */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void replayedBobPrivateKeyRespondsWithThePublishedValues(CryptoBackend backend, DhExample example)
            throws InvalidKeyShareException {
        KeyExchange exchange = backend.keyExchange(example.group());
        KeyExchange.Response bob = exchange.respond(Hex.bytes(example.alicePublicHex()),
                new ScriptedRandom(Hex.bytes(example.bobPrivateHex())));
        assumeTrue(Arrays.equals(Hex.bytes(example.bobPublicHex()), bob.publicValue()),
                backend.name() + " does not draw its private key straight from SecureRandom.nextBytes");
        assertHexEquals(example.sharedSecretHex(), bob.sharedSecret(), "K");
    }

    record BadPublicValue(NamedGroup group, byte[] value) {
    }

    private static final BigInteger P25519 = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger P448 = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224))
            .subtract(BigInteger.ONE);

    /**
     * Peer values the exchange must refuse. Points of small order make X25519/X448 output all zeros,
     * which RFC 8446 §7.4.2 requires to be rejected (RFC 7748 §6 describes the check); values of the
     * wrong length are malformed.
     */
    static Stream<Arguments> badPublicValues() {
        return Backends.eachWith(List.of(
                bad("X25519 u = 0", NamedGroup.X25519, littleEndian(BigInteger.ZERO, 32)),
                bad("X25519 u = 1", NamedGroup.X25519, littleEndian(BigInteger.ONE, 32)),
                bad("X25519 u = p - 1 (order 2)", NamedGroup.X25519,
                        littleEndian(P25519.subtract(BigInteger.ONE), 32)),
                bad("X25519 u = p (non-canonical 0)", NamedGroup.X25519, littleEndian(P25519, 32)),
                bad("X25519 u = p + 1 (non-canonical 1)", NamedGroup.X25519,
                        littleEndian(P25519.add(BigInteger.ONE), 32)),
                bad("X25519 point of order 8", NamedGroup.X25519,
                        Hex.bytes("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")),
                bad("X25519 other point of order 8", NamedGroup.X25519,
                        Hex.bytes("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")),
                bad("X25519 31 bytes", NamedGroup.X25519, new byte[31]),
                bad("X25519 33 bytes", NamedGroup.X25519, Arrays.copyOf(Hex.bytes(
                        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), 33)),
                bad("X25519 empty", NamedGroup.X25519, new byte[0]),
                bad("X448 u = 0", NamedGroup.X448, littleEndian(BigInteger.ZERO, 56)),
                bad("X448 u = 1", NamedGroup.X448, littleEndian(BigInteger.ONE, 56)),
                bad("X448 u = p - 1 (order 2)", NamedGroup.X448, littleEndian(P448.subtract(BigInteger.ONE), 56)),
                bad("X448 u = p (non-canonical 0)", NamedGroup.X448, littleEndian(P448, 56)),
                bad("X448 55 bytes", NamedGroup.X448, new byte[55]),
                bad("X448 57 bytes", NamedGroup.X448, new byte[57])));
    }

    private static Named<BadPublicValue> bad(String name, NamedGroup group, byte[] value) {
        return Named.of(name, new BadPublicValue(group, value));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badPublicValues")
    void responderRejectsBadPeerValue(CryptoBackend backend, BadPublicValue bad) {
        KeyExchange exchange = backend.keyExchange(bad.group());
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad.value(), RANDOM));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badPublicValues")
    void initiatorRejectsBadResponse(CryptoBackend backend, BadPublicValue bad) {
        KeyExchange exchange = backend.keyExchange(bad.group());
        KeyShare own = exchange.generate(RANDOM);
        assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, bad.value()));
    }

    /** RFC 7748 §5: u-coordinates are little-endian. */
    private static byte[] littleEndian(BigInteger value, int length) {
        byte[] bigEndian = value.toByteArray();
        byte[] result = new byte[length];
        for (int i = 0; i < Math.min(length, bigEndian.length); i++) {
            result[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return result;
    }
}
