package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our TLS ≤ 1.2 client against our TLS ≤ 1.2 server over the product version × key exchange ×
 * server authentication × cipher, in memory.
 *
 * <p>A cipher suite fixes key exchange, authentication type and record protection, so every
 * (version, suite, server key) triple is the product itself: SSL 3.0, TLS 1.0, 1.1 and 1.2 with every
 * suite the version allows, and every kind of server key the suite can use in that version (RSA suites:
 * RSA-2048, plus an id-RSASSA-PSS key in TLS 1.2 for the signing suites; ECDSA suites: ECDSA P-256,
 * P-384 and P-521, plus Ed25519 and Ed448 in TLS 1.2, where signature_algorithms can name them). The
 * key-exchange group rotates through the five ECDHE groups (X25519, X448, P-256, P-384, P-521) or the
 * five RFC 7919 groups; a second set covers every (version, key exchange, server key, group) with the
 * suite rotating, so each group meets each version and each key kind. The server's signature scheme
 * preference rotates too, so TLS 1.2 signs with every scheme the key allows. Each case completes the
 * handshake, checks what both sides agreed (suite, version, group, certificate, scheme) and moves
 * application data both ways across several records.
 */
class Tls12FullProductTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_0,
            ProtocolVersion.TLS_1_1, ProtocolVersion.TLS_1_2);
    private static final List<NamedGroup> ECDHE_GROUPS = List.of(NamedGroup.X25519, NamedGroup.X448,
            NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1);
    private static final List<NamedGroup> DHE_GROUPS = List.of(NamedGroup.FFDHE2048, NamedGroup.FFDHE3072,
            NamedGroup.FFDHE4096, NamedGroup.FFDHE6144, NamedGroup.FFDHE8192);

    /** A kind of server key, its credential and the TLS 1.2 schemes it can sign with. */
    enum Key {
        RSA_2048(TestCredentials.rsa(2048), List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                SignatureScheme.RSA_PKCS1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA1)),
        RSA_PSS_2048(TestCredentials.rsaPssCredential(2048, "localhost").certifiedKey(), List.of(
                SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512)),
        ECDSA_P256(TestCredentials.ec(EcCurve.P256), ecdsaSchemes()),
        ECDSA_P384(TestCredentials.ec(EcCurve.P384), ecdsaSchemes()),
        ECDSA_P521(TestCredentials.ec(EcCurve.P521), ecdsaSchemes()),
        ED25519(TestCredentials.ed25519(), List.of(SignatureScheme.ED25519)),
        ED448(TestCredentials.ed448(), List.of(SignatureScheme.ED448));

        final CertifiedKey credential;
        final List<SignatureScheme> schemes;

        Key(CertifiedKey credential, List<SignatureScheme> schemes) {
            this.credential = credential;
            this.schemes = schemes;
        }

        private static List<SignatureScheme> ecdsaSchemes() {
            return List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                    SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ECDSA_SHA1);
        }
    }

    record Case(ProtocolVersion version, CipherSuite suite, Key key, NamedGroup group, int schemeRotation) {
        @Override
        public String toString() {
            return version + " " + suite.ianaName() + " " + key + (group == null ? "" : " " + group)
                    + (version == ProtocolVersion.TLS_1_2 && suite.keyExchange() != CipherSuite.KeyExchange.RSA
                            ? " " + expectedScheme() : "");
        }

        SignatureScheme expectedScheme() {
            return key.schemes.get(schemeRotation % key.schemes.size());
        }
    }

    /** The server keys a suite can use in a version. */
    static List<Key> keys(CipherSuite suite, ProtocolVersion version) {
        boolean tls12 = version == ProtocolVersion.TLS_1_2;
        if (suite.authentication() == CipherSuite.Authentication.RSA) {
            return tls12 && suite.keyExchange() != CipherSuite.KeyExchange.RSA
                    ? List.of(Key.RSA_2048, Key.RSA_PSS_2048) : List.of(Key.RSA_2048);
        }
        return tls12 ? List.of(Key.ECDSA_P256, Key.ECDSA_P384, Key.ECDSA_P521, Key.ED25519, Key.ED448)
                : List.of(Key.ECDSA_P256, Key.ECDSA_P384, Key.ECDSA_P521);
    }

    static List<NamedGroup> groups(CipherSuite suite) {
        return switch (suite.keyExchange()) {
            case ECDHE -> ECDHE_GROUPS;
            case DHE -> DHE_GROUPS;
            default -> java.util.Collections.singletonList(null);
        };
    }

    static List<CipherSuite> tls12AndOlderSuites(ProtocolVersion version) {
        return Stream.of(CipherSuite.values()).filter(s -> !s.isTls13() && s.supports(version)).toList();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        int rotation = 0;
        // Every (version, suite, key), the group rotating.
        for (ProtocolVersion version : VERSIONS) {
            for (CipherSuite suite : tls12AndOlderSuites(version)) {
                List<NamedGroup> groups = groups(suite);
                for (Key key : keys(suite, version)) {
                    cases.add(new Case(version, suite, key, groups.get(rotation % groups.size()), rotation));
                    rotation++;
                }
            }
        }
        // Every (version, key exchange, key, group), the suite rotating among those that fit.
        for (ProtocolVersion version : VERSIONS) {
            Map<String, List<CipherSuite>> byKind = new LinkedHashMap<>();
            for (CipherSuite suite : tls12AndOlderSuites(version)) {
                if (suite.keyExchange() != CipherSuite.KeyExchange.RSA) {
                    byKind.computeIfAbsent(suite.keyExchange() + "/" + suite.authentication(), k -> new ArrayList<>())
                            .add(suite);
                }
            }
            for (List<CipherSuite> suites : byKind.values()) {
                for (Key key : keys(suites.get(0), version)) {
                    for (NamedGroup group : groups(suites.get(0))) {
                        cases.add(new Case(version, suites.get(rotation % suites.size()), key, group, rotation));
                        rotation++;
                    }
                }
            }
        }
        return cases;
    }

    /** The product is what it says: every version × suite × key, every version × kx × key × group, every scheme. */
    @Test
    void theProductIsComplete() {
        List<Case> cases = cases();
        Set<String> triples = new HashSet<>();
        Set<String> quadruples = new HashSet<>();
        Set<String> schemes = new HashSet<>();
        for (Case c : cases) {
            triples.add(c.version() + " " + c.suite() + " " + c.key());
            quadruples.add(c.version() + " " + c.suite().keyExchange() + " " + c.suite().authentication() + " "
                    + c.key() + " " + c.group());
            if (c.version() == ProtocolVersion.TLS_1_2 && c.suite().keyExchange() != CipherSuite.KeyExchange.RSA) {
                schemes.add(c.key() + " " + c.expectedScheme());
            }
        }
        int expectedTriples = 0;
        int expectedQuadruples = 0;
        for (ProtocolVersion version : VERSIONS) {
            Set<String> kinds = new HashSet<>();
            for (CipherSuite suite : tls12AndOlderSuites(version)) {
                expectedTriples += keys(suite, version).size();
                if (suite.keyExchange() != CipherSuite.KeyExchange.RSA
                        && kinds.add(suite.keyExchange() + "/" + suite.authentication())) {
                    expectedQuadruples += keys(suite, version).size() * groups(suite).size();
                }
            }
            assertTrue(tls12AndOlderSuites(version).size() >= (version == ProtocolVersion.TLS_1_2 ? 40 : 15),
                    version + " has its suites");
        }
        assertEquals(expectedTriples, triples.size());
        assertTrue(quadruples.size() >= expectedQuadruples, quadruples.size() + " < " + expectedQuadruples);
        for (Key key : Key.values()) {
            for (SignatureScheme scheme : key.schemes) {
                assertTrue(schemes.contains(key + " " + scheme), key + " never signs with " + scheme);
            }
        }
        Set<CipherSuite.KeyExchange> exchanges = EnumSet.noneOf(CipherSuite.KeyExchange.class);
        cases.forEach(c -> exchanges.add(c.suite().keyExchange()));
        assertEquals(EnumSet.of(CipherSuite.KeyExchange.ECDHE, CipherSuite.KeyExchange.DHE, CipherSuite.KeyExchange.RSA),
                exchanges);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handshake(Case c) throws TlsException {
        List<NamedGroup> clientGroups = new ArrayList<>(ECDHE_GROUPS);
        clientGroups.addAll(DHE_GROUPS);
        List<SignatureScheme> serverSchemes = new ArrayList<>(List.of(c.expectedScheme()));
        TlsConfig.Builder common = TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(c.version()))
                .cipherSuites(List.of(c.suite()));
        TlsConfig client = common.groups(clientGroups).signatureSchemes(List.of(SignatureScheme.values())).build();
        TlsConfig server = client.toBuilder()
                .groups(c.group() == null ? ECDHE_GROUPS : List.of(c.group()))
                .signatureSchemes(serverSchemes).certificates(List.of(c.key().credential)).build();
        TlsEngine clientEngine = TlsEngine.client(client, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.pump(clientEngine, serverEngine);
        assertEquals(TlsEngine.Status.CONNECTED, clientEngine.status(), clientEngine.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, serverEngine.status(), serverEngine.handshakeState());
        SessionInfo seen = clientEngine.session().orElseThrow();
        SessionInfo served = serverEngine.session().orElseThrow();
        for (SessionInfo session : List.of(seen, served)) {
            assertEquals(c.version(), session.version());
            assertEquals(c.suite(), session.cipherSuite());
            assertEquals(Optional.ofNullable(c.group()), session.group(), "group");
        }
        assertArrayEquals(c.key().credential.chain().get(0), seen.peerCertificates().get(0));
        boolean signs = c.suite().keyExchange() != CipherSuite.KeyExchange.RSA;
        if (c.version() == ProtocolVersion.TLS_1_2 && signs) {
            assertEquals(Optional.of(c.expectedScheme()), seen.peerSignatureScheme());
        } else {
            assertEquals(Optional.empty(), seen.peerSignatureScheme(), "no signature_algorithms before TLS 1.2");
        }
        byte[] request = new byte[1200];
        byte[] response = new byte[20_000];
        RANDOM.nextBytes(request);
        RANDOM.nextBytes(response);
        clientEngine.writeApplicationData(ByteBuffer.wrap(request));
        assertArrayEquals(request, Tls12HandshakeTest.readAll(clientEngine, serverEngine, request.length));
        serverEngine.writeApplicationData(ByteBuffer.wrap(response));
        assertArrayEquals(response, Tls12HandshakeTest.readAll(serverEngine, clientEngine, response.length));
    }
}
