package org.jtls.vectors.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.registry.NamedGroup;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 7919 groups as written in {@link FiniteFieldGroup}, and finite-field DH peer-value checks
 * (RFC 7919 §5.1: the peer's value must lie in [2, p-2]; RFC 8446 §4.2.8.1: it is left-padded to the
 * length of p).
 */
class FiniteFieldDhVectorsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Named<FiniteFieldGroup>> namedGroups() {
        return Stream.of(FiniteFieldGroup.FFDHE2048, FiniteFieldGroup.FFDHE3072, FiniteFieldGroup.FFDHE4096,
                FiniteFieldGroup.FFDHE6144, FiniteFieldGroup.FFDHE8192).map(group -> Named.of(group.name(), group));
    }

    /**
     * RFC 7919 Appendix A: every p is a safe prime, p = 2q + 1 with q prime, of the stated size, with
     * the top and bottom 64 bits set, and g = 2. A transcription error in a constant breaks this.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("namedGroups")
    void primeIsASafePrimeOfTheStatedSize(FiniteFieldGroup group) {
        BigInteger p = group.prime();
        int statedBits = Integer.parseInt(group.name().substring("ffdhe".length()));
        assertEquals(statedBits, p.bitLength(), "bit length");
        assertEquals(statedBits / 8, group.byteLength());
        BigInteger sixtyFourOnes = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals(sixtyFourOnes, p.and(sixtyFourOnes), "low 64 bits all ones");
        assertEquals(sixtyFourOnes, p.shiftRight(statedBits - 64), "high 64 bits all ones");
        assertEquals(BigInteger.TWO, group.generator());
        assertTrue(p.isProbablePrime(64), "p is prime");
        assertTrue(p.subtract(BigInteger.ONE).shiftRight(1).isProbablePrime(64), "(p-1)/2 is prime");
    }

    /** The registry points each ffdhe code at the matching group. */
    @Test
    void namedGroupRegistryUsesTheseGroups() {
        assertEquals(FiniteFieldGroup.FFDHE2048, NamedGroup.FFDHE2048.finiteFieldGroup().orElseThrow());
        assertEquals(FiniteFieldGroup.FFDHE3072, NamedGroup.FFDHE3072.finiteFieldGroup().orElseThrow());
        assertEquals(FiniteFieldGroup.FFDHE4096, NamedGroup.FFDHE4096.finiteFieldGroup().orElseThrow());
        assertEquals(FiniteFieldGroup.FFDHE6144, NamedGroup.FFDHE6144.finiteFieldGroup().orElseThrow());
        assertEquals(FiniteFieldGroup.FFDHE8192, NamedGroup.FFDHE8192.finiteFieldGroup().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void ffdhe2048PartiesAgreeOnAPaddedSecret(CryptoBackend backend) throws InvalidKeyShareException {
        KeyExchange exchange = backend.keyExchange(NamedGroup.FFDHE2048);
        KeyShare initiator = exchange.generate(RANDOM);
        assertEquals(256, initiator.publicValue().length, "public value padded to the length of p");
        KeyExchange.Response response = exchange.respond(initiator.publicValue(), RANDOM);
        assertEquals(256, response.publicValue().length);
        assertEquals(256, response.sharedSecret().length, "secret padded to the length of p (RFC 8446 7.4.1)");
        assertArrayEquals(response.sharedSecret(), exchange.complete(initiator, response.publicValue()));
    }

    /** The same group through the "custom (p, g)" entry point a TLS 1.2 client uses for DHE. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void customGroupEntryPointAgrees(CryptoBackend backend) throws InvalidKeyShareException {
        FiniteFieldGroup group = FiniteFieldGroup.custom(FiniteFieldGroup.FFDHE2048.prime(), BigInteger.TWO);
        KeyExchange exchange = backend.finiteFieldKeyExchange(group);
        KeyShare initiator = exchange.generate(RANDOM);
        KeyExchange.Response response = exchange.respond(initiator.publicValue(), RANDOM);
        assertArrayEquals(response.sharedSecret(), exchange.complete(initiator, response.publicValue()));
    }

    record BadValue(BigInteger value) {
    }

    static Stream<Arguments> outOfRangeValues() {
        BigInteger p = FiniteFieldGroup.FFDHE2048.prime();
        return Backends.eachWith(List.of(
                Named.of("0", new BadValue(BigInteger.ZERO)),
                Named.of("1", new BadValue(BigInteger.ONE)),
                Named.of("p - 1 (order 2)", new BadValue(p.subtract(BigInteger.ONE))),
                Named.of("p", new BadValue(p)),
                Named.of("2^2048 - 1", new BadValue(BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE)))));
    }

    @ParameterizedTest(name = "{0}: y = {1}")
    @MethodSource("outOfRangeValues")
    void responderRejectsValuesOutsideTwoToPMinusTwo(CryptoBackend backend, BadValue bad) {
        KeyExchange exchange = backend.keyExchange(NamedGroup.FFDHE2048);
        byte[] encoded = padded(bad.value(), 256);
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(encoded, RANDOM));
    }

    @ParameterizedTest(name = "{0}: y = {1}")
    @MethodSource("outOfRangeValues")
    void initiatorRejectsValuesOutsideTwoToPMinusTwo(CryptoBackend backend, BadValue bad) {
        KeyExchange exchange = backend.keyExchange(NamedGroup.FFDHE2048);
        KeyShare own = exchange.generate(RANDOM);
        byte[] encoded = padded(bad.value(), 256);
        assertThrows(InvalidKeyShareException.class, () -> exchange.complete(own, encoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jtls.vectors.crypto.Backends#both")
    void namedGroupRejectsValueLongerThanP(CryptoBackend backend) {
        KeyExchange exchange = backend.keyExchange(NamedGroup.FFDHE2048);
        byte[] tooLong = new byte[257];
        tooLong[256] = 2;
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(tooLong, RANDOM));
        assertThrows(InvalidKeyShareException.class, () -> exchange.respond(new byte[0], RANDOM));
    }

    private static byte[] padded(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] result = new byte[length];
        int copy = Math.min(length, minimal.length);
        System.arraycopy(minimal, minimal.length - copy, result, length - copy, copy);
        return result;
    }
}
