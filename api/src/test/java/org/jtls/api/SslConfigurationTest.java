package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.jtls.handshake.Session;
import org.jtls.handshake.TlsConfig;
import org.jtls.x509.trust.TrustStoreLoader;
import org.junit.jupiter.api.Test;

class SslConfigurationTest {
    private static final TestPki PKI = new TestPki();

    @Test
    void defaultsAreTheSecureOnes() {
        SslConfiguration configuration = SslConfiguration.builder().build();
        assertEquals(SslProtocol.SECURE_PROTOCOLS, configuration.protocol());
        assertEquals(List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2), configuration.protocol().versions());
        assertEquals(PeerVerifyMode.AUTO_VERIFY_PEER, configuration.peerVerifyMode());
        assertEquals(0, configuration.peerVerifyDepth());
        assertEquals(CipherSuite.defaults(), configuration.ciphers().stream().map(SslCipher::suite).toList());
        assertEquals(SslConfiguration.DEFAULT_GROUPS, configuration.groups());
        assertTrue(configuration.testSslOption(SslOption.DISABLE_SESSION_PERSISTENCE));
        assertTrue(configuration.testSslOption(SslOption.DISABLE_LEGACY_RENEGOTIATION));
        assertFalse(configuration.testSslOption(SslOption.DISABLE_SESSION_TICKETS));
        assertFalse(configuration.ocspStaplingEnabled());
        assertTrue(configuration.keyLogFile().isEmpty());
        assertTrue(configuration.localCertificate().isEmpty());
        assertTrue(configuration.privateKey().isEmpty());
        assertEquals(0, configuration.sessionTicket().length);
        assertEquals(SslProtocol.UNKNOWN_PROTOCOL, configuration.sessionProtocol());
        assertEquals(NextProtocolNegotiationStatus.NONE, configuration.nextProtocolNegotiationStatus());
        assertSame(CertificateVerifier.pathValidation(), configuration.certificateVerifier());
    }

    @Test
    void theCaListDefaultsToTheSystemStore() throws Exception {
        SslConfiguration configuration = SslConfiguration.builder().build();
        assertEquals(SslConfiguration.systemCaCertificates(), configuration.caCertificates());
        if (TrustStoreLoader.SYSTEM_BUNDLES.stream().anyMatch(Files::isReadable)) {
            assertEquals(TrustStoreLoader.loadSystem().trustStore().size(), configuration.caCertificates().size());
            assertFalse(configuration.caCertificates().isEmpty());
        }
        SslConfiguration added = configuration.withAddedCaCertificates(List.of(PKI.ca.certificate()));
        assertEquals(configuration.caCertificates().size() + 1, added.caCertificates().size());
        assertEquals(List.of(PKI.ca.certificate()), configuration.withCaCertificates(List.of(PKI.ca.certificate()))
                .caCertificates());
    }

    @Test
    void withMethodsCopyAndLeaveTheOriginalAlone() {
        SslConfiguration original = SslConfiguration.builder().build();
        SslConfiguration changed = original.withProtocol(SslProtocol.TLS_V1_2)
                .withPeerVerifyMode(PeerVerifyMode.VERIFY_PEER)
                .withPeerVerifyDepth(3)
                .withAllowedNextProtocols(List.of("h2"))
                .withSslOption(SslOption.DISABLE_SESSION_TICKETS, true)
                .withGroups(List.of(NamedGroup.SECP384R1));
        assertNotSame(original, changed);
        assertEquals(SslProtocol.SECURE_PROTOCOLS, original.protocol());
        assertEquals(PeerVerifyMode.AUTO_VERIFY_PEER, original.peerVerifyMode());
        assertEquals(List.of(), original.allowedNextProtocols());
        assertFalse(original.testSslOption(SslOption.DISABLE_SESSION_TICKETS));
        assertEquals(SslProtocol.TLS_V1_2, changed.protocol());
        assertEquals(PeerVerifyMode.VERIFY_PEER, changed.peerVerifyMode());
        assertEquals(3, changed.peerVerifyDepth());
        assertEquals(List.of("h2"), changed.allowedNextProtocols());
        assertEquals(List.of(NamedGroup.SECP384R1), changed.groups());
        assertTrue(changed.testSslOption(SslOption.DISABLE_SESSION_TICKETS));
        assertSame(original.serverTicketKeys(), changed.serverTicketKeys(), "copies share the server's ticket keys");
        assertEquals(changed, changed.toBuilder().build());
        assertNotEquals(original, changed);
        assertEquals(original, original.withProtocol(SslProtocol.SECURE_PROTOCOLS));
        assertNotSame(SslConfiguration.builder().build().serverTicketKeys(), original.serverTicketKeys());
    }

    @Test
    void cipherStringsKeepTheTls13DefaultsUnlessTheyNameTls13Suites() {
        SslConfiguration configuration = SslConfiguration.builder().ciphers("ECDHE+AESGCM:!AES256").build();
        List<CipherSuite> suites = configuration.ciphers().stream().map(SslCipher::suite).toList();
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), suites);
        List<CipherSuite> named = SslConfiguration.builder().ciphers("TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-SHA")
                .build().ciphers().stream().map(SslCipher::suite).toList();
        assertEquals(List.of(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA), named);
        assertThrows(IllegalArgumentException.class, () -> SslConfiguration.builder().ciphers("NO-SUCH-CIPHER"));
        assertThrows(IllegalArgumentException.class, () -> SslConfiguration.builder().ciphers(List.of()).build());
    }

    @Test
    void protocolsMapToVersionLists() {
        assertEquals(List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_1,
                ProtocolVersion.TLS_1_0), SslProtocol.TLS_V1_0_OR_LATER.versions());
        assertEquals(List.of(ProtocolVersion.TLS_1_1), SslProtocol.TLS_V1_1.versions());
        assertEquals(List.of(ProtocolVersion.TLS_1_3), SslProtocol.TLS_V1_3_OR_LATER.versions());
        assertEquals(List.of(ProtocolVersion.TLS_1_0, ProtocolVersion.SSL_3_0), SslProtocol.TLS_V1_SSL_V3.versions());
        assertEquals(5, SslProtocol.ANY_PROTOCOL.versions().size());
        for (SslProtocol unsupported : List.of(SslProtocol.SSL_V2, SslProtocol.DTLS_V1_2, SslProtocol.UNKNOWN_PROTOCOL)) {
            assertFalse(SslSocket.isProtocolSupported(unsupported));
            assertEquals(List.of(), unsupported.versions());
        }
        assertTrue(SslSocket.isProtocolSupported(SslProtocol.SSL_V3));
        assertEquals(SslProtocol.TLS_V1_2, SslProtocol.of(ProtocolVersion.TLS_1_2));
    }

    @Test
    void convertsToTheEngineConfiguration() {
        SslConfiguration server = PKI.server.serverConfiguration().toBuilder()
                .protocol(SslProtocol.TLS_V1_2_OR_LATER).allowedNextProtocols(List.of("http/1.1"))
                .sslOption(SslOption.DISABLE_SERVER_CIPHER_PREFERENCE, true).build();
        TlsConfig engine = server.toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null);
        assertEquals(List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2), engine.versions());
        assertEquals(List.of("http/1.1"), engine.alpnProtocols());
        assertEquals(TlsConfig.ClientAuth.REQUEST, engine.clientAuth(), "AutoVerifyPeer is QueryPeer for a server");
        assertFalse(engine.serverCipherPreference());
        assertSame(server.serverTicketKeys(), engine.ticketKeys());
        assertEquals(1, engine.certificates().size());
        assertEquals(2, engine.certificates().get(0).chain().size());
        assertSame(server.random(), engine.random());

        assertEquals(TlsConfig.ClientAuth.REQUIRE, server.withPeerVerifyMode(PeerVerifyMode.VERIFY_PEER)
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).clientAuth());
        assertEquals(TlsConfig.ClientAuth.NONE, server.withPeerVerifyMode(PeerVerifyMode.VERIFY_NONE)
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).clientAuth());
        assertEquals(null, server.withSslOption(SslOption.DISABLE_SESSION_TICKETS, true)
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).ticketKeys());

        TlsConfig client = SslConfiguration.builder().ocspStaplingEnabled(true)
                .ciphers("ECDHE-ECDSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256:AES128-SHA")
                .protocol(SslProtocol.TLS_V1_3).build()
                .toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null);
        assertTrue(client.requestOcspStapling());
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256), client.cipherSuites(),
                "only suites usable with the protocol reach the engine");
    }

    @Test
    void refusesConfigurationsThatCannotConnect() {
        assertThrows(IllegalStateException.class, () -> SslConfiguration.builder().build()
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null), "a server without a certificate");
        assertThrows(IllegalStateException.class, () -> SslConfiguration.builder().protocol(SslProtocol.SSL_V2).build()
                .toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null));
        assertThrows(IllegalStateException.class, () -> SslConfiguration.builder().ciphers("AES128-SHA")
                .protocol(SslProtocol.TLS_V1_3).build().toBuilder()
                .ciphers(List.of(SslCipher.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA))).build()
                .toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null));
        assertThrows(IllegalStateException.class, () -> PKI.server.serverConfiguration()
                .withPrivateKey(PKI.client.key()).toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null),
                "a key that does not belong to the certificate");
        assertThrows(IllegalStateException.class, () -> PKI.server.serverConfiguration().withPrivateKey(null)
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null));
    }

    @Test
    void sessionTicketsAreCheckedAndBecomeTheResumptionSession() {
        assertThrows(IllegalArgumentException.class,
                () -> SslConfiguration.builder().sessionTicket(new byte[] {1, 2, 3}).build());
        Session session = new Session(ProtocolVersion.TLS_1_2,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, new byte[48], new byte[32], new byte[0], 0, true,
                List.of(), "localhost", Instant.now(), 0, 0);
        SslConfiguration configuration = SslConfiguration.builder().sessionTicket(session.encode()).build();
        assertArrayEquals(session.encode(), configuration.sessionTicket());
        assertEquals(session, configuration.resumptionSession().orElseThrow());
        assertEquals(session, configuration.toTlsConfig(Role.CLIENT, PeerVerifier.ACCEPT_ANY, null)
                .resumptionSession());
        assertTrue(configuration.withSessionTicket(new byte[0]).resumptionSession().isEmpty());
    }

    @Test
    void theProcessWideDefaultCanBeReplacedFromManyThreads() throws Exception {
        SslConfiguration saved = SslConfiguration.defaultConfiguration();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            assertSame(saved, SslConfiguration.defaultConfiguration(), "made once");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SslProtocol>> seen = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SslProtocol protocol = i % 2 == 0 ? SslProtocol.TLS_V1_2 : SslProtocol.TLS_V1_3;
                seen.add(threads.submit(() -> {
                    start.await();
                    SslConfiguration.setDefaultConfiguration(saved.withProtocol(protocol));
                    return SslConfiguration.defaultConfiguration().protocol();
                }));
            }
            start.countDown();
            for (Future<SslProtocol> protocol : seen) {
                assertTrue(List.of(SslProtocol.TLS_V1_2, SslProtocol.TLS_V1_3).contains(protocol.get(5, TimeUnit.SECONDS)));
            }
            SslConfiguration.setDefaultConfiguration(saved.withProtocol(SslProtocol.TLS_V1_2));
            assertEquals(SslProtocol.TLS_V1_2, new SslSocket().protocol(), "new sockets start from the default");
        } finally {
            threads.shutdownNow();
            SslConfiguration.setDefaultConfiguration(saved);
        }
    }

    @Test
    void theClockDecidesWhatIsExpired() {
        Clock inAYear = Clock.fixed(Instant.now().plus(Duration.ofDays(365)), ZoneOffset.UTC);
        SslConfiguration later = PKI.clientTrustingCa().withClock(inAYear);
        CertificateVerifier.Request request = new CertificateVerifier.Request(PKI.server.chain(),
                later.caCertificates(), "localhost", CertificateVerifier.Purpose.SERVER_AUTH, 0,
                later.clock().instant(), null, false, later.cryptoBackend());
        // RFC 5280 §6.1.1 (d): the trusted CA is a trust anchor, whose own dates are not checked.
        assertEquals(List.of(new SslError(SslError.Kind.CERTIFICATE_EXPIRED, PKI.server.certificate())),
                later.certificateVerifier().verify(request));
    }
}
