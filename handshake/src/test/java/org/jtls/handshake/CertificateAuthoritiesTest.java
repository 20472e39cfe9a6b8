package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.CertificateRequest;
import org.jtls.handshake.message.CertificateRequestTls13;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.extension.CertificateAuthorities;
import org.jtls.handshake.message.extension.SignatureAlgorithmsCert;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsException;
import org.jtls.x509.cert.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client certificates chosen by the server's certificate_authorities (RFC 5246 §7.4.4, RFC 8446
 * §4.2.4) in every version that has a CertificateRequest with names, in the handshake and in TLS 1.3
 * post-handshake authentication, together with signature_algorithms_cert (RFC 8446 §4.2.3). The client
 * holds two chains for the same ECDSA key, issued by two CAs, the unwanted one first: it must present
 * the one issued by a named authority, and fall back to its first chain when no name matches.
 */
class CertificateAuthoritiesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X500Name ALPHA = TwoIssuers.ALPHA;
    private static final X500Name BETA = TwoIssuers.BETA;
    private static final CertifiedKey ALPHA_ISSUED = TwoIssuers.ALPHA_ISSUED;
    private static final CertifiedKey BETA_ISSUED = TwoIssuers.BETA_ISSUED;
    private static final CertifiedKey SERVER = TestCredentials.ec(EcCurve.P256);

    private static byte[] name(X500Name name) {
        return TwoIssuers.der(name);
    }

    private static TlsConfig.Builder config(ProtocolVersion version) {
        TlsConfig.Builder builder = TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(version));
        if (version != ProtocolVersion.TLS_1_2 && version != ProtocolVersion.TLS_1_3) {
            builder.cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA));
        }
        return builder;
    }

    /** Keeps the bodies of the CertificateRequests the client receives. */
    private static final class Requests implements HandshakeObserver {
        final List<HandshakeMessage> received = new ArrayList<>();

        @Override
        public void messageReceived(HandshakeMessage message) {
            if (message.type() == HandshakeType.CERTIFICATE_REQUEST.code()) {
                received.add(message);
            }
        }
    }

    private static TlsEngine[] connect(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine clientEngine = TlsEngine.client(client, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.pump(clientEngine, serverEngine);
        assertEquals(TlsEngine.Status.CONNECTED, clientEngine.status(), clientEngine.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, serverEngine.status(), serverEngine.handshakeState());
        return new TlsEngine[] {clientEngine, serverEngine};
    }

    private static void assertIssuer(X500Name expected, List<byte[]> chain) throws Exception {
        assertArrayEquals(name(expected), Certificate.parse(chain.get(0)).issuer().encoded(),
                "the client presented the chain of " + expected);
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_0", "TLS_1_1", "TLS_1_2", "TLS_1_3"})
    void theClientPresentsTheChainOfANamedAuthority(ProtocolVersion version) throws Exception {
        for (X500Name wanted : List.of(ALPHA, BETA)) {
            for (List<CertifiedKey> order : List.of(List.of(ALPHA_ISSUED, BETA_ISSUED), List.of(BETA_ISSUED, ALPHA_ISSUED))) {
                Requests requests = new Requests();
                TlsEngine[] engines = connect(config(version).certificates(order).observer(requests).build(),
                        config(version).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE)
                                .certificateAuthorities(List.of(name(wanted))).build());
                assertIssuer(wanted, engines[1].session().orElseThrow().peerCertificates());
                assertEquals(1, requests.received.size());
                List<byte[]> named = namesIn(requests.received.get(0), version);
                assertEquals(1, named.size());
                assertArrayEquals(name(wanted), named.get(0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void withoutAMatchingNameTheClientKeepsItsOrder(ProtocolVersion version) throws Exception {
        byte[] stranger = name(new X500Name("CN=Nobody we know, O=elsewhere"));
        TlsEngine[] engines = connect(config(version).certificates(List.of(BETA_ISSUED, ALPHA_ISSUED)).build(),
                config(version).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE)
                        .certificateAuthorities(List.of(stranger)).build());
        assertIssuer(BETA, engines[1].session().orElseThrow().peerCertificates());
    }

    /** A named authority outranks signature_algorithms_cert; among equals the scheme decides. */
    @Test
    void authoritiesAndSignatureAlgorithmsCertTogether() throws Exception {
        // Both named: signature_algorithms_cert (ECDSA only) picks Alpha's ECDSA-signed chain.
        TlsEngine[] engines = connect(config(ProtocolVersion.TLS_1_3).certificates(List.of(BETA_ISSUED, ALPHA_ISSUED))
                        .build(),
                config(ProtocolVersion.TLS_1_3).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE)
                        .certificateAuthorities(List.of(name(BETA), name(ALPHA)))
                        .certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).build());
        assertIssuer(ALPHA, engines[1].session().orElseThrow().peerCertificates());
        // Only Beta named: Beta's chain, though its RSA signature is not in signature_algorithms_cert.
        engines = connect(config(ProtocolVersion.TLS_1_3).certificates(List.of(ALPHA_ISSUED, BETA_ISSUED)).build(),
                config(ProtocolVersion.TLS_1_3).certificates(List.of(SERVER)).clientAuth(TlsConfig.ClientAuth.REQUIRE)
                        .certificateAuthorities(List.of(name(BETA)))
                        .certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).build());
        assertIssuer(BETA, engines[1].session().orElseThrow().peerCertificates());
    }

    /**
     * RFC 8446 §4.3.2 / §4.6.2: a post-handshake CertificateRequest carries signature_algorithms_cert
     * and certificate_authorities like the one in the handshake, and the client's answer follows them.
     */
    @Test
    void postHandshakeRequestsCarryBothExtensionsAndSteerTheChain() throws Exception {
        for (X500Name wanted : List.of(ALPHA, BETA)) {
            Requests requests = new Requests();
            TlsEngine[] engines = connect(config(ProtocolVersion.TLS_1_3).postHandshakeAuthentication(true)
                            .certificates(List.of(ALPHA_ISSUED, BETA_ISSUED)).observer(requests).build(),
                    config(ProtocolVersion.TLS_1_3).certificates(List.of(SERVER))
                            .clientAuth(TlsConfig.ClientAuth.NONE).certificateAuthorities(List.of(name(wanted)))
                            .certificateSignatureSchemes(List.of(SignatureScheme.RSA_PKCS1_SHA256,
                                    SignatureScheme.ECDSA_SECP256R1_SHA256)).build());
            assertTrue(requests.received.isEmpty(), "no request in the handshake");
            engines[1].requestClientCertificate();
            Tls12HandshakeTest.pump(engines[0], engines[1]);
            List<byte[]> updated = null;
            for (TlsEvent event = engines[1].pollEvent(); event != null; event = engines[1].pollEvent()) {
                if (event instanceof TlsEvent.PeerCertificateUpdated update) {
                    updated = update.chain();
                }
            }
            assertIssuer(wanted, updated);
            assertEquals(1, requests.received.size());
            CertificateRequestTls13 request = Messages.decode(requests.received.get(0), CertificateRequestTls13::decode);
            assertEquals(List.of(SignatureScheme.RSA_PKCS1_SHA256.code(), SignatureScheme.ECDSA_SECP256R1_SHA256.code()),
                    request.extensions().find(SignatureAlgorithmsCert.class).orElseThrow().schemeCodes());
            List<Opaque> names = request.extensions().find(CertificateAuthorities.class)
                    .orElseThrow(() -> new AssertionError("post-handshake CertificateRequest without certificate_authorities"))
                    .distinguishedNames();
            assertEquals(1, names.size());
            assertArrayEquals(name(wanted), names.get(0).toByteArray());
        }
    }

    private static List<byte[]> namesIn(HandshakeMessage message, ProtocolVersion version) throws Exception {
        if (version == ProtocolVersion.TLS_1_3) {
            return Messages.decode(message, CertificateRequestTls13::decode).extensions()
                    .find(CertificateAuthorities.class).orElseThrow().distinguishedNames().stream()
                    .map(Opaque::toByteArray).toList();
        }
        return Messages.decode(message, body -> CertificateRequest.decode(body, version)).certificateAuthorities()
                .stream().map(Opaque::toByteArray).toList();
    }
}
