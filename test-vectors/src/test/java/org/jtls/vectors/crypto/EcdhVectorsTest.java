package org.jtls.vectors.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.registry.NamedGroup;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ECDHE over the NIST curves: two parties agree, and peer values that are not an uncompressed point
 * on the curve are refused (RFC 8446 §4.2.8.2: only the uncompressed form; RFC 8422 §5.11 and
 * SP 800-56A §5.6.2.3: the point must lie on the curve, not be the identity, and have coordinates in
 * [0, p-1]). The API generates its own private keys, so there is no fixed-key vector here; the bad
 * points are made from a freshly generated valid one.
 */
class EcdhVectorsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The field primes of SEC 2 §2.4.2, §2.5.1 and §2.6.1, big-endian, at the coordinate length. */
    private static byte[] fieldPrime(EcCurve curve) {
        return Hex.bytes(switch (curve) {
            case P256 -> "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
            case P384 -> "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    + "fffffffeffffffff0000000000000000ffffffff";
            case P521 -> "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" + "ffff";
        });
    }

    static Stream<Arguments> groups() {
        return Backends.both().flatMap(backend -> Stream.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1,
                NamedGroup.SECP521R1).map(group -> Arguments.of(backend, group)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("groups")
    void twoPartiesAgreeOnTheXCoordinate(CryptoBackend backend, NamedGroup group) throws InvalidKeyShareException {
        EcCurve curve = group.curve().orElseThrow();
        KeyExchange exchange = backend.keyExchange(group);
        KeyShare initiator = exchange.generate(RANDOM);
        byte[] initiatorPoint = initiator.publicValue();
        assertEquals(curve.uncompressedPointLength(), initiatorPoint.length, "uncompressed point length");
        assertEquals(0x04, initiatorPoint[0], "uncompressed point marker");

        KeyExchange.Response response = exchange.respond(initiatorPoint, RANDOM);
        assertEquals(curve.uncompressedPointLength(), response.publicValue().length);
        assertEquals(curve.fieldLength(), response.sharedSecret().length, "the x-coordinate (RFC 8446 7.4.2)");
        assertArrayEquals(response.sharedSecret(), exchange.complete(initiator, response.publicValue()));
    }

    /** A way to spoil a valid uncompressed point, and what it demonstrates. */
    record Spoiler(String name, UnaryOperator<byte[]> spoil) {
    }

    static Stream<Arguments> spoiledPoints() {
        List<Named<Spoiler>> spoilers = List.of(
                spoiler("off the curve (y + 1 in the last bit)", point -> flipLastBit(point)),
                spoiler("off the curve (x changed)", point -> {
                    byte[] changed = point.clone();
                    changed[1] ^= 0x01;
                    return changed;
                }),
                spoiler("identity encoding 00", point -> new byte[] {0x00}),
                spoiler("all zeros after 04", point -> {
                    byte[] zeros = new byte[point.length];
                    zeros[0] = 0x04;
                    return zeros;
                }),
                spoiler("compressed form", point -> {
                    int coordinateLength = (point.length - 1) / 2;
                    byte[] compressed = Arrays.copyOf(point, 1 + coordinateLength);
                    compressed[0] = (byte) ((point[point.length - 1] & 1) == 0 ? 0x02 : 0x03);
                    return compressed;
                }),
                spoiler("hybrid form 06/07", point -> {
                    byte[] hybrid = point.clone();
                    hybrid[0] = (byte) ((point[point.length - 1] & 1) == 0 ? 0x06 : 0x07);
                    return hybrid;
                }),
                spoiler("one byte short", point -> Arrays.copyOf(point, point.length - 1)),
                spoiler("one byte long", point -> Arrays.copyOf(point, point.length + 1)),
                spoiler("empty", point -> new byte[0]));
        return Backends.both().flatMap(backend -> Stream.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1,
                NamedGroup.SECP521R1).flatMap(group -> spoilers.stream()
                        .map(spoiler -> Arguments.of(backend, group, spoiler))));
    }

    private static Named<Spoiler> spoiler(String name, UnaryOperator<byte[]> spoil) {
        return Named.of(name, new Spoiler(name, spoil));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("spoiledPoints")
    void responderRejectsSpoiledPoint(CryptoBackend backend, NamedGroup group, Spoiler spoiler) {
        KeyExchange exchange = backend.keyExchange(group);
        byte[] bad = spoiler.spoil().apply(exchange.generate(RANDOM).publicValue());
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(bad, RANDOM));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("spoiledPoints")
    void initiatorRejectsSpoiledPoint(CryptoBackend backend, NamedGroup group, Spoiler spoiler) {
        KeyExchange exchange = backend.keyExchange(group);
        KeyShare own = exchange.generate(RANDOM);
        byte[] bad = spoiler.spoil().apply(exchange.generate(RANDOM).publicValue());
        assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, bad));
    }

    /** Coordinates equal to p are out of range even where p mod p would land on a valid value. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("groups")
    void coordinateEqualToTheFieldPrimeIsRejected(CryptoBackend backend, NamedGroup group) {
        EcCurve curve = group.curve().orElseThrow();
        KeyExchange exchange = backend.keyExchange(group);
        byte[] point = exchange.generate(RANDOM).publicValue();
        byte[] prime = fieldPrime(curve);
        byte[] xIsPrime = point.clone();
        System.arraycopy(prime, 0, xIsPrime, 1, curve.fieldLength());
        byte[] yIsPrime = point.clone();
        System.arraycopy(prime, 0, yIsPrime, 1 + curve.fieldLength(), curve.fieldLength());
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(xIsPrime, RANDOM), "x = p");
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(yIsPrime, RANDOM), "y = p");
    }

    private static byte[] flipLastBit(byte[] point) {
        byte[] flipped = point.clone();
        flipped[flipped.length - 1] ^= 0x01;
        return flipped;
    }
}
