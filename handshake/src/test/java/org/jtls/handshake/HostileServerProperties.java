package org.jtls.handshake;

import static org.jtls.handshake.EngineRobustnessProperties.about;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.DigitallySigned;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerKeyExchangeDhe;
import org.jtls.handshake.message.ServerKeyExchangeEcdhe;
import org.jtls.handshake.tls12.Tls12Support;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * A hostile server, not just a path attacker: it holds the key its certificate names and signs
 * whatever it likes. Its certificate carries any public key (RSA moduli of any size and parity,
 * odd exponents, EC points off their curve, EdDSA keys, keys of unknown algorithms), and its
 * ServerKeyExchange, correctly signed, carries any group and key-exchange value. The client must
 * answer with an alert, never an unchecked exception, and must not complete a handshake on
 * parameters it cannot use.
 */
class HostileServerProperties {
    private static final int TRIES = 150;
    private static final ASN1ObjectIdentifier DSA = X9ObjectIdentifiers.id_dsa;
    private static final ASN1ObjectIdentifier X25519 = EdECObjectIdentifiers.id_X25519;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    // ---------------------------------------------------------------------------------------------
    // Certificates with any key
    // ---------------------------------------------------------------------------------------------

    /** A SubjectPublicKeyInfo, described for reports. */
    record HostileKey(String description, SubjectPublicKeyInfo info) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Provide
    Arbitrary<HostileKey> hostileKeys() {
        Arbitrary<Integer> modulusBits = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(2, 600)),
                Tuple.of(1, Arbitraries.integers().between(601, 4200)));
        Arbitrary<HostileKey> rsa = Combinators.combine(modulusBits, Arbitraries.longs(),
                Arbitraries.of("1", "2", "3", "65537", "18446744073709551617", "modulus", "modulus+2"))
                .as((bits, seed, exponentChoice) -> {
                    BigInteger modulus = new BigInteger(bits, new Random(seed)).setBit(bits - 1);
                    BigInteger exponent = switch (exponentChoice) {
                        case "modulus" -> modulus;
                        case "modulus+2" -> modulus.add(BigInteger.TWO);
                        default -> new BigInteger(exponentChoice);
                    };
                    return new HostileKey("RSA n=" + bits + " bits (" + (modulus.testBit(0) ? "odd" : "even")
                            + ") e=" + exponentChoice, rsaKeyInfo(modulus, exponent));
                });
        Arbitrary<HostileKey> ec = Combinators.combine(Arbitraries.of(
                        Tuple.of("P-256", X9ObjectIdentifiers.prime256v1, 65),
                        Tuple.of("P-384", new ASN1ObjectIdentifier("1.3.132.0.34"), 97),
                        Tuple.of("P-521", new ASN1ObjectIdentifier("1.3.132.0.35"), 133)),
                        Arbitraries.bytes().array(byte[].class).ofSize(132), Arbitraries.of(true, false))
                .as((curve, coordinates, zero) -> {
                    byte[] point = new byte[curve.get3()];
                    point[0] = 4;
                    if (!zero) {
                        System.arraycopy(coordinates, 0, point, 1, point.length - 1);
                    }
                    return new HostileKey("EC " + curve.get1() + (zero ? " zero point" : " random point"),
                            new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                                    curve.get2()), point));
                });
        Arbitrary<HostileKey> other = Combinators.combine(Arbitraries.of(
                        Tuple.of("Ed25519", EdECObjectIdentifiers.id_Ed25519, 32),
                        Tuple.of("Ed448", EdECObjectIdentifiers.id_Ed448, 57),
                        Tuple.of("X25519", X25519, 32),
                        Tuple.of("DSA", DSA, 40)),
                        Arbitraries.bytes().array(byte[].class).ofSize(57))
                .as((algorithm, bytes) -> new HostileKey(algorithm.get1() + " random key", new SubjectPublicKeyInfo(
                        new AlgorithmIdentifier(algorithm.get2()), Arrays.copyOf(bytes, algorithm.get3()))));
        return Arbitraries.oneOf(rsa, ec, other);
    }

    static SubjectPublicKeyInfo rsaKeyInfo(BigInteger modulus, BigInteger exponent) {
        try {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                    DERNull.INSTANCE), new RSAPublicKey(modulus, exponent));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = TRIES)
    void serverCertificateWithAnyKeyIsRefusedWithAnAlert(@ForAll("scenarios") Scenario scenario,
            @ForAll("hostileKeys") HostileKey key) {
        about(scenario + " " + key, () -> {
            Conversation conversation = scenario.conversation()
                    .handshake(replacingServerCertificate(key.info()), Conversation.Delivery.WHOLE);
            assertFailedWithAnAlert(conversation);
            Statistics.label("outcome").collect(conversation.firstLocalFailure().failure.alert().rfcName());
        });
    }

    /** Puts a certificate for {@code info} in place of the server's. */
    static Conversation.Tamper replacingServerCertificate(SubjectPublicKeyInfo info) {
        byte[] certificate = certificateMessage(info);
        return (sender, flight, bytes) -> {
            if (sender != Role.SERVER || flight != 0) {
                return bytes;
            }
            Wire.Flight parsed = Wire.Flight.parse(bytes);
            List<byte[]> messages = new ArrayList<>(parsed.messages());
            messages.set(1, certificate);
            return parsed.reframe(messages, () -> Wire.MAX_FRAGMENT);
        };
    }

    /** A Certificate handshake message whose one certificate holds {@code info}. */
    static byte[] certificateMessage(SubjectPublicKeyInfo info) {
        return Wire.message(HandshakeType.CERTIFICATE.code(), certificateBody(certificateFor(info)));
    }

    /** A certificate for {@code info}, signed by a real key (the client does not check the signature here). */
    private static byte[] certificateFor(SubjectPublicKeyInfo info) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            PrivateKey signer = generator.generateKeyPair().getPrivate();
            X500Name name = new X500Name("CN=hostile, O=jtls test");
            Instant now = Instant.now();
            return new X509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(3600)),
                    Date.from(now.plusSeconds(3600)), name, info)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("could not build the hostile certificate", e);
        }
    }

    /** {@code Certificate} with one entry: {@code opaque ASN.1Cert<1..2^24-1>} in a u24 list. */
    private static byte[] certificateBody(byte[] der) {
        byte[] body = new byte[6 + der.length];
        int list = 3 + der.length;
        body[0] = (byte) (list >>> 16);
        body[1] = (byte) (list >>> 8);
        body[2] = (byte) list;
        body[3] = (byte) (der.length >>> 16);
        body[4] = (byte) (der.length >>> 8);
        body[5] = (byte) der.length;
        System.arraycopy(der, 0, body, 6, der.length);
        return body;
    }

    // ---------------------------------------------------------------------------------------------
    // ServerKeyExchange with any parameters, correctly signed
    // ---------------------------------------------------------------------------------------------

    /** What the hostile ServerKeyExchange says instead of the honest one. */
    record HostileParameters(int group, byte[] point, BigInteger prime, BigInteger generator, BigInteger publicValue,
            String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Provide
    Arbitrary<HostileParameters> hostileParameters() {
        Arbitrary<Integer> groups = Arbitraries.of(NamedGroup.X25519.code(), NamedGroup.SECP256R1.code(),
                NamedGroup.SECP384R1.code(), NamedGroup.SECP521R1.code(), NamedGroup.X448.code(),
                NamedGroup.FFDHE2048.code(), NamedGroup.FFDHE3072.code(), NamedGroup.X25519MLKEM768.code(), 0, 0xFFFF);
        Arbitrary<byte[]> points = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(255)),
                Tuple.of(2, Arbitraries.of(32, 56, 65, 97, 133).flatMap(length -> Arbitraries.bytes()
                        .array(byte[].class).ofSize(length).map(bytes -> {
                            bytes[0] = length % 2 == 1 ? 4 : bytes[0];
                            return bytes;
                        }))),
                Tuple.of(1, Arbitraries.of(32, 65, 255).map(byte[]::new)));
        BigInteger ffdhe = FiniteFieldGroup.FFDHE2048.prime();
        Arbitrary<BigInteger> primes = Arbitraries.of(
                Tuple.of("ffdhe2048", ffdhe),
                Tuple.of("ffdhe2048+2", ffdhe.add(BigInteger.TWO)),
                Tuple.of("even", ffdhe.subtract(BigInteger.ONE)),
                Tuple.of("512-bit", BigInteger.ONE.shiftLeft(511).add(BigInteger.ONE)),
                Tuple.of("1", BigInteger.ONE),
                Tuple.of("2^1024+1", BigInteger.ONE.shiftLeft(1024).add(BigInteger.ONE)))
                .map(Tuple.Tuple2::get2);
        Arbitrary<String> generators = Arbitraries.of("1", "2", "p-1", "p", "p+1", "0");
        Arbitrary<String> publicValues = Arbitraries.of("0", "1", "2", "p-2", "p-1", "p", "2^2048", "random");
        Arbitrary<HostileParameters> ecdhe = Combinators.combine(groups, points).as((group, point) ->
                new HostileParameters(group, point, null, null, null,
                        String.format("ECDHE group 0x%04x point of %d bytes", group, point.length)));
        Arbitrary<HostileParameters> dhe = Combinators.combine(primes, generators, publicValues, Arbitraries.longs())
                .as((prime, generatorChoice, valueChoice, seed) -> new HostileParameters(0, null, prime,
                        relativeTo(prime, generatorChoice, seed), relativeTo(prime, valueChoice, seed),
                        "DHE p=" + prime.bitLength() + " bits g=" + generatorChoice + " Ys=" + valueChoice));
        return Arbitraries.oneOf(ecdhe, dhe);
    }

    private static BigInteger relativeTo(BigInteger prime, String choice, long seed) {
        return switch (choice) {
            case "p-2" -> prime.subtract(BigInteger.TWO);
            case "p-1" -> prime.subtract(BigInteger.ONE);
            case "p" -> prime;
            case "p+1" -> prime.add(BigInteger.ONE);
            case "2^2048" -> BigInteger.ONE.shiftLeft(2048);
            case "random" -> new BigInteger(Math.max(2, prime.bitLength() - 1), new Random(seed));
            default -> new BigInteger(choice);
        };
    }

    @Property(tries = TRIES)
    void signedServerKeyExchangeWithAnyParametersIsRefusedWithAnAlert(@ForAll("scenarios") Scenario scenario,
            @ForAll("hostileParameters") HostileParameters parameters) {
        CipherSuite.KeyExchange keyExchange = scenario.suite().keyExchange();
        if (keyExchange == CipherSuite.KeyExchange.RSA
                || (keyExchange == CipherSuite.KeyExchange.DHE) != (parameters.prime() != null)) {
            return;
        }
        about(scenario + " " + parameters, () -> {
            HostileKeyExchange tamper = new HostileKeyExchange(scenario, parameters);
            Conversation conversation = scenario.conversation().handshake(tamper, Conversation.Delivery.WHOLE);
            assertTrue(tamper.replaced, "the ServerKeyExchange was replaced");
            assertFailedWithAnAlert(conversation);
            Statistics.label("outcome").collect(conversation.firstLocalFailure().failure.alert().rfcName());
        });
    }

    /** Replaces the ServerKeyExchange with one carrying the hostile parameters, signed by the server's key. */
    static final class HostileKeyExchange implements Conversation.Tamper {
        private final Scenario scenario;
        private final HostileParameters parameters;
        private byte[] clientRandom;
        boolean replaced;

        HostileKeyExchange(Scenario scenario, HostileParameters parameters) {
            this.scenario = scenario;
            this.parameters = parameters;
        }

        @Override
        public byte[] apply(Role sender, int flight, byte[] bytes) {
            if (flight != 0) {
                return bytes;
            }
            Wire.Flight parsed = Wire.Flight.parse(bytes);
            if (sender == Role.CLIENT) {
                clientRandom = Arrays.copyOfRange(parsed.messages().get(0), Wire.MESSAGE_HEADER + 2,
                        Wire.MESSAGE_HEADER + 34);
                return bytes;
            }
            List<byte[]> messages = new ArrayList<>(parsed.messages());
            byte[] serverRandom = Arrays.copyOfRange(messages.get(0), Wire.MESSAGE_HEADER + 2,
                    Wire.MESSAGE_HEADER + 34);
            byte[] honest = messages.get(2);
            assertTrue(Wire.type(honest) == HandshakeType.SERVER_KEY_EXCHANGE.code());
            messages.set(2, replacement(Wire.body(honest), serverRandom));
            replaced = true;
            return parsed.reframe(messages, () -> Wire.MAX_FRAGMENT);
        }

        private byte[] replacement(byte[] honestBody, byte[] serverRandom) {
            try {
                if (parameters.prime() == null) {
                    ServerKeyExchangeEcdhe honest = Messages.decode(
                            org.jtls.record.HandshakeMessage.of(HandshakeType.SERVER_KEY_EXCHANGE.code(), honestBody),
                            body -> ServerKeyExchangeEcdhe.decode(body, scenario.version()));
                    ServerKeyExchangeEcdhe unsigned = new ServerKeyExchangeEcdhe(parameters.group(),
                            Opaque.of(parameters.point()), honest.signature());
                    byte[] params = Messages.encode(unsigned::encodeParams);
                    return new ServerKeyExchangeEcdhe(parameters.group(), Opaque.of(parameters.point()),
                            sign(honest.signature(), params, serverRandom)).toHandshakeMessage().encoded();
                }
                ServerKeyExchangeDhe honest = ServerKeyExchangeDhe.decode(TlsReader.of(honestBody), scenario.version());
                ServerKeyExchangeDhe unsigned = new ServerKeyExchangeDhe(Opaque.of(unsigned(parameters.prime())),
                        Opaque.of(unsigned(parameters.generator())), Opaque.of(unsigned(parameters.publicValue())),
                        honest.signature());
                byte[] params = Messages.encode(unsigned::encodeParams);
                return new ServerKeyExchangeDhe(unsigned.dhP(), unsigned.dhG(), unsigned.dhYs(),
                        sign(honest.signature(), params, serverRandom)).toHandshakeMessage().encoded();
            } catch (TlsAlertException e) {
                throw new AssertionError("our own ServerKeyExchange does not decode", e);
            }
        }

        /** Signs as the honest server would (RFC 5246 §7.4.3): same scheme, the hostile params. */
        private DigitallySigned sign(DigitallySigned honest, byte[] params, byte[] serverRandom)
                throws TlsAlertException {
            CertifiedKey key = scenario.serverCredential().key();
            SignatureAlgorithm algorithm = honest.scheme().map(scheme -> scheme.algorithm())
                    .orElse(Tls12Support.legacyAlgorithm(key.publicKey()));
            byte[] signed = new byte[64 + params.length];
            System.arraycopy(clientRandom, 0, signed, 0, 32);
            System.arraycopy(serverRandom, 0, signed, 32, 32);
            System.arraycopy(params, 0, signed, 64, params.length);
            byte[] signature = CryptoBackends.defaultBackend().signer(algorithm, key.privateKey())
                    .sign(signed, new java.security.SecureRandom());
            return new DigitallySigned(honest.schemeCode(), Opaque.of(signature));
        }

        /** Big-endian bytes without a sign byte; zero as one zero byte (the vectors need at least one). */
        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }
    }

    /** The client refused: it failed first, with an alert, and the server heard of it. */
    private static void assertFailedWithAnAlert(Conversation conversation) {
        Conversation.Endpoint first = conversation.firstLocalFailure();
        assertNotNull(first, "nobody noticed the hostile server: " + conversation);
        assertTrue(!conversation.bothConnected(), "the handshake completed: " + conversation);
        assertTrue(first.failure.alert() != AlertDescription.INTERNAL_ERROR,
                "a hostile peer is not an internal error: " + conversation);
    }
}
