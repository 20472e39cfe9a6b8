package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server's own DHE parameters ({@link TlsConfig#dhParameters()}) and a required client
 * certificate that the server's peer verifier may excuse ({@link TlsConfig#missingClientCertificateIsFatal()}).
 */
class ServerDhParametersAndMissingCertificateTest {
    private static final CertifiedKey RSA = TestCredentials.rsa(2048);
    private static final List<CipherSuite> DHE = List.of(CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384);

    private static TlsConfig.Builder dheConfig() {
        return Tls12HandshakeTest.config().cipherSuites(DHE);
    }

    @Test
    void aClientNamingNoFfdheGroupGetsTheConfiguredParameters() throws TlsException {
        TlsConfig client = dheConfig().groups(List.of(NamedGroup.X25519)).build();
        SessionInfo byDefault = Tls12HandshakeTest.connect(client, dheConfig().certificates(List.of(RSA)).build());
        assertEquals(Optional.of(NamedGroup.FFDHE2048), byDefault.group(), "ffdhe2048 unless configured");

        TlsConfig server = dheConfig().certificates(List.of(RSA)).dhParameters(FiniteFieldGroup.FFDHE3072).build();
        assertEquals(Optional.of(NamedGroup.FFDHE3072), Tls12HandshakeTest.connect(client, server).group());
    }

    @Test
    void customParametersTravelInServerKeyExchange() throws TlsException {
        BigInteger prime = BigInteger.probablePrime(1024, new SecureRandom());
        FiniteFieldGroup custom = FiniteFieldGroup.custom(prime, BigInteger.TWO);
        TlsConfig server = dheConfig().certificates(List.of(RSA)).dhParameters(custom).build();
        TlsConfig client = dheConfig().groups(List.of(NamedGroup.X25519)).build();
        SessionInfo session = Tls12HandshakeTest.connect(client, server);
        assertEquals(CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, session.cipherSuite());
        assertEquals(Optional.empty(), session.group(), "a group with no name");

        TlsConfig picky = dheConfig().groups(List.of(NamedGroup.X25519)).minimumDhBits(2048).build();
        TlsEngine clientEngine = TlsEngine.client(picky, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.deliver(clientEngine, serverEngine);
        TlsAlertException refused = assertThrows(TlsAlertException.class,
                () -> Tls12HandshakeTest.deliver(serverEngine, clientEngine));
        assertEquals(AlertDescription.INSUFFICIENT_SECURITY, refused.alert(), "the client's floor still applies");
    }

    @Test
    void aClientNamingFfdheGroupsGetsOneOfThemNotTheConfiguredParameters() throws TlsException {
        TlsConfig server = dheConfig().certificates(List.of(RSA)).groups(List.of(NamedGroup.X25519, NamedGroup.FFDHE2048))
                .dhParameters(FiniteFieldGroup.FFDHE3072).build();
        TlsConfig client = dheConfig().groups(List.of(NamedGroup.X25519, NamedGroup.FFDHE2048)).build();
        assertEquals(Optional.of(NamedGroup.FFDHE2048), Tls12HandshakeTest.connect(client, server).group(),
                "RFC 7919 §4");
    }

    // ---- a required client certificate that is missing ----

    private static TlsEngine[] handshake(ProtocolVersion version, PeerVerifier serverVerifier, boolean fatal)
            throws TlsException {
        TlsConfig server = Tls12HandshakeTest.config().versions(List.of(version)).certificates(List.of(RSA))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).missingClientCertificateIsFatal(fatal)
                .peerVerifier(serverVerifier).build();
        TlsEngine clientEngine = TlsEngine.client(Tls12HandshakeTest.config().versions(List.of(version)).build(),
                "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        return new TlsEngine[] {clientEngine, serverEngine};
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aVerifierThatExcusesTheMissingCertificateLetsTheHandshakeFinish(ProtocolVersion version)
            throws TlsException {
        List<List<byte[]>> asked = new ArrayList<>();
        PeerVerifier excusing = (chain, name, role) -> {
            asked.add(chain);
            return List.of();
        };
        TlsEngine[] engines = handshake(version, excusing, false);
        Tls12HandshakeTest.pump(engines[0], engines[1]);
        assertEquals(TlsEngine.Status.CONNECTED, engines[1].status(), engines[1].handshakeState());
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).isEmpty(), "the verifier was asked about an empty chain");
        assertTrue(engines[1].session().orElseThrow().peerCertificates().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aVerifierThatObjectsFailsTheHandshake(ProtocolVersion version) throws TlsException {
        PeerVerifier objecting = (chain, name, role) -> chain.isEmpty() ? List.of("NoPeerCertificate") : List.of();
        TlsEngine[] engines = handshake(version, objecting, false);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.pump(engines[0],
                engines[1]));
        assertEquals(version == ProtocolVersion.TLS_1_3 ? AlertDescription.CERTIFICATE_REQUIRED
                : AlertDescription.HANDSHAKE_FAILURE, error.alert());
        assertTrue(error.getMessage().contains("NoPeerCertificate"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void byDefaultTheVerifierIsNotAsked(ProtocolVersion version) throws TlsException {
        List<List<byte[]>> asked = new ArrayList<>();
        PeerVerifier excusing = (chain, name, role) -> {
            asked.add(chain);
            return List.of();
        };
        TlsEngine[] engines = handshake(version, excusing, true);
        assertThrows(TlsAlertException.class, () -> Tls12HandshakeTest.pump(engines[0], engines[1]));
        assertEquals(List.of(), asked);
        assertTrue(Tls12HandshakeTest.config().build().missingClientCertificateIsFatal());
    }
}
