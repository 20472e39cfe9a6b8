package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.config;
import static org.jtls.handshake.Tls12HandshakeTest.deliver;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jtls.crypto.EcCurve;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/** The observer and interceptor seams, SNI-based certificate choice and OCSP stapling. */
class EngineSeamsTest {
    private static final CertifiedKey ECDSA = TestCredentials.ec(EcCurve.P256);
    private static final CertifiedKey RSA = TestCredentials.rsa(2048);

    private static final class Ladder implements HandshakeObserver {
        final List<String> lines = new ArrayList<>();
        private final String self;

        Ladder(String self) {
            this.self = self;
        }

        @Override
        public void messageSent(HandshakeMessage message) {
            lines.add(self + " sends " + HandshakeType.fromCode(message.type()).orElseThrow());
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            lines.add(self + " receives " + HandshakeType.fromCode(message.type()).orElseThrow());
        }

        @Override
        public void changeCipherSpec(boolean sent) {
            lines.add(self + (sent ? " sends" : " receives") + " ChangeCipherSpec");
        }

        @Override
        public void alert(boolean sent, AlertLevel level, int description) {
            lines.add(self + (sent ? " sends" : " receives") + " alert " + description);
        }
    }

    @Test
    void theObserverSeesTheWholeConversationInOrder() throws TlsException {
        Ladder clientSide = new Ladder("C");
        Ladder serverSide = new Ladder("S");
        TlsEngine client = TlsEngine.client(config().observer(clientSide).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().observer(serverSide).certificates(List.of(ECDSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(List.of("C sends CLIENT_HELLO", "C receives SERVER_HELLO", "C receives CERTIFICATE",
                "C receives SERVER_KEY_EXCHANGE", "C receives SERVER_HELLO_DONE", "C sends CLIENT_KEY_EXCHANGE",
                "C sends ChangeCipherSpec", "C sends FINISHED", "C receives ChangeCipherSpec", "C receives FINISHED"),
                clientSide.lines);
        assertEquals(List.of("S receives CLIENT_HELLO", "S sends SERVER_HELLO", "S sends CERTIFICATE",
                "S sends SERVER_KEY_EXCHANGE", "S sends SERVER_HELLO_DONE", "S receives CLIENT_KEY_EXCHANGE",
                "S receives ChangeCipherSpec", "S receives FINISHED", "S sends ChangeCipherSpec", "S sends FINISHED"),
                serverSide.lines);
    }

    @Test
    void anInterceptedFinishedIsRefusedWithDecryptError() throws TlsException {
        HandshakeInterceptor corruptFinished = message -> {
            if (message.type() != HandshakeType.FINISHED.code()) {
                return message;
            }
            byte[] body = message.body();
            body[0] ^= 1;
            return HandshakeMessage.of(message.type(), body);
        };
        TlsEngine client = TlsEngine.client(config().interceptor(corruptFinished).build(), "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(ECDSA)).build());
        client.beginHandshake();
        server.beginHandshake();
        deliver(client, server);
        deliver(server, client);
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(client, server));
        assertEquals(AlertDescription.DECRYPT_ERROR, error.alert());
    }

    @Test
    void theServerChoosesItsCertificateByServerName() throws TlsException {
        Map<String, List<CertifiedKey>> byName = Map.of("rsa.test", List.of(RSA), "ec.test", List.of(ECDSA));
        TlsConfig server = config().certificateSelector(name -> byName.getOrDefault(name, List.of())).build();
        for (Map.Entry<String, List<CertifiedKey>> entry : byName.entrySet()) {
            TlsEngine client = TlsEngine.client(config().build(), entry.getKey());
            TlsEngine engine = TlsEngine.server(server);
            client.beginHandshake();
            engine.beginHandshake();
            pump(client, engine);
            assertArrayEquals(entry.getValue().get(0).chain().get(0),
                    client.session().orElseThrow().peerCertificates().get(0), entry.getKey());
        }
        TlsEngine stranger = TlsEngine.client(config().build(), "unknown.test");
        TlsEngine engine = TlsEngine.server(server);
        stranger.beginHandshake();
        engine.beginHandshake();
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> deliver(stranger, engine));
        assertEquals(AlertDescription.UNRECOGNIZED_NAME, error.alert());
    }

    @Test
    void certificateRequestsNameTheConfiguredAuthorities() throws TlsException {
        byte[] authority = {0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04, 't', 'e', 's', 't'};
        for (org.jtls.crypto.registry.ProtocolVersion version : List.of(org.jtls.crypto.registry.ProtocolVersion.TLS_1_2,
                org.jtls.crypto.registry.ProtocolVersion.TLS_1_3)) {
            List<byte[]> requests = new ArrayList<>();
            HandshakeObserver watcher = new HandshakeObserver() {
                @Override
                public void messageReceived(HandshakeMessage message) {
                    if (message.type() == HandshakeType.CERTIFICATE_REQUEST.code()) {
                        requests.add(message.body());
                    }
                }
            };
            TlsEngine client = TlsEngine.client(config().versions(List.of(version)).observer(watcher)
                    .certificates(List.of(ECDSA)).build(), "localhost");
            TlsEngine server = TlsEngine.server(config().versions(List.of(version)).certificates(List.of(RSA))
                    .clientAuth(TlsConfig.ClientAuth.REQUEST).certificateAuthorities(List.of(authority)).build());
            client.beginHandshake();
            server.beginHandshake();
            pump(client, server);
            assertEquals(1, requests.size(), version.name());
            byte[] body = requests.get(0);
            boolean carriesName = false;
            for (int i = 0; i + authority.length <= body.length; i++) {
                carriesName |= Arrays.equals(Arrays.copyOfRange(body, i, i + authority.length), authority);
            }
            assertTrue(carriesName, version.name());
        }
    }

    @Test
    void stapledOcspResponsesReachTheClientsVerifier() throws TlsException {
        byte[] response = {0x30, 0x03, 0x0a, 0x01, 0x00};
        List<byte[]> seen = new ArrayList<>();
        PeerVerifier verifier = new PeerVerifier() {
            @Override
            public List<String> verify(List<byte[]> chain, String serverName, Role peerRole) {
                return List.of();
            }

            @Override
            public List<String> verify(List<byte[]> chain, String serverName, Role peerRole, byte[] ocsp) {
                seen.add(ocsp);
                return List.of();
            }
        };
        TlsEngine client = TlsEngine.client(config().requestOcspStapling(true).peerVerifier(verifier).build(),
                "localhost");
        TlsEngine server = TlsEngine.server(config().certificates(List.of(ECDSA.withOcspResponse(response))).build());
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        assertEquals(1, seen.size());
        assertArrayEquals(response, seen.get(0));
        assertTrue(Arrays.equals(response, client.session().orElseThrow().stapledOcspResponse().orElseThrow()));

        // Without the request, nothing is stapled.
        seen.clear();
        TlsEngine plain = TlsEngine.client(config().peerVerifier(verifier).build(), "localhost");
        TlsEngine server2 = TlsEngine.server(config().certificates(List.of(ECDSA.withOcspResponse(response))).build());
        plain.beginHandshake();
        server2.beginHandshake();
        pump(plain, server2);
        assertEquals(1, seen.size());
        assertEquals(null, seen.get(0));
    }
}
