package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSL 3.0 client authentication between our client and our server (RFC 6101 §5.6.4–§5.6.8). */
class Ssl3ClientAuthTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey SERVER = TestCredentials.rsa(2048);
    private static final CertifiedKey CLIENT = TestCredentials.rsaCredential(2048, "client").certifiedKey();

    private static TlsConfig.Builder config(String backend) {
        CryptoBackend crypto = CryptoBackends.byName(backend);
        return TlsConfig.builder(crypto, RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .versions(List.of(ProtocolVersion.SSL_3_0))
                .cipherSuites(List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA));
    }

    private static TlsEngine[] run(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        Tls12HandshakeTest.pump(client, server);
        return new TlsEngine[] {client, server};
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void clientCertificateIsVerifiedAndSeen(String backend) throws TlsException {
        TlsEngine[] engines = run(config(backend).certificates(List.of(CLIENT)).build(),
                config(backend).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE).build());
        assertEquals(TlsEngine.Status.CONNECTED, engines[1].status(), engines[1].handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, engines[0].status(), engines[0].handshakeState());
        SessionInfo serverView = engines[1].session().orElseThrow();
        assertEquals(ProtocolVersion.SSL_3_0, serverView.version());
        assertArrayEquals(CLIENT.chain().get(0), serverView.peerCertificates().get(0));
        Tls12HandshakeTest.exchangeData(engines[0], engines[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void noCertificateWarningIsAcceptedWhenOnlyRequested(String backend) throws TlsException {
        TlsEngine[] engines = run(config(backend).build(),
                config(backend).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUEST).build());
        assertEquals(TlsEngine.Status.CONNECTED, engines[1].status(), engines[1].handshakeState());
        assertTrue(engines[1].session().orElseThrow().peerCertificates().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void noCertificateWarningFailsWhenRequired(String backend) {
        TlsAlertException failure = assertThrows(TlsAlertException.class, () -> run(config(backend).build(),
                config(backend).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE).build()));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, failure.alert());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void rawPkcs1SignatureRoundTripsAndRejectsOtherData(String backend) throws Exception {
        CryptoBackend crypto = CryptoBackends.byName(backend);
        byte[] data = new byte[36];
        RANDOM.nextBytes(data);
        org.jtls.crypto.RsaPrivateKey key = (org.jtls.crypto.RsaPrivateKey) CLIENT.privateKey();
        byte[] signature = crypto.rsaSignPkcs1Raw(key, data, RANDOM);
        org.jtls.crypto.RsaPublicKey publicKey = (org.jtls.crypto.RsaPublicKey) key.publicKey();
        assertTrue(crypto.rsaVerifyPkcs1Raw(publicKey, data, signature));
        data[0] ^= 1;
        assertEquals(false, crypto.rsaVerifyPkcs1Raw(publicKey, data, signature));
        // Both backends produce the same (deterministic) PKCS#1 v1.5 signature.
        data[0] ^= 1;
        CryptoBackend other = CryptoBackends.byName(backend.equals("jca") ? "bc" : "jca");
        assertArrayEquals(signature, other.rsaSignPkcs1Raw(key, data, RANDOM));
    }
}
