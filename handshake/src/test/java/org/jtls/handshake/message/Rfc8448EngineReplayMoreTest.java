package org.jtls.handshake.message;

import static org.jtls.handshake.message.Rfc8448EngineReplayTest.CHANGE_CIPHER_SPEC;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.CLOCK;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.encoded;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.extensions;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.feed;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.message;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.pssSalt;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.record;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.records;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.rfc;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.rsaKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.message.Rfc8448EngineReplayTest.Scripted;
import org.junit.jupiter.api.Test;

/**
 * More of RFC 8448 replayed through {@link TlsEngine}, with the machinery of {@link
 * Rfc8448EngineReplayTest} (scripted randoms and keys, the RFC's encodings substituted by the
 * interceptor only where ours says the same): §6 (client authentication) in the client role and §7
 * (compatibility mode: a non-empty legacy_session_id and the dummy change_cipher_spec records) in both
 * roles.
 *
 * <p>§6 is not replayed in the server role: the RFC's server there signs with an ECDSA P-256 key that
 * the RFC does not give, so neither its CertificateVerify nor the records after it can be ours.
 */
class Rfc8448EngineReplayMoreTest {

    // ---- §6 Client Authentication, client role ----

    @Test
    void clientAuthenticationClientRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] clientHello = rfc.value(6, "ClientHello");
        byte[] certificate = rfc.value(6, "Certificate", 1);
        byte[] certificateVerify = rfc.value(6, "CertificateVerify", 1);
        // The RFC does not give §6's private keys. Our client signs with the §2 RSA key (of the same
        // size); its CertificateVerify (scheme and signature length checked below) is the one message
        // the interceptor replaces with the RFC's, so the transcript and the Finished after it are the RFC's.
        RsaPrivateKey key = rsaKey();
        byte[] leaf = Arrays.copyOfRange(certificate, 11, 11 + 0x1b6);
        assertEquals(certificate.length, 11 + leaf.length + 2);
        // The client random, the X25519 key, the legacy_session_id (which the RFC's hello replaces);
        // the PSS salt of our own (replaced) signature comes from the rest.
        Scripted random = new Scripted(Arrays.copyOfRange(clientHello, 6, 38), rfc.value(6, "private key", 0),
                new byte[32]);
        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .certificates(List.of(new CertifiedKey(List.of(leaf), key)))
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .sessionTickets(false)
                .interceptor(m -> {
                    sent.add(encoded(m));
                    if (m.type() == HandshakeType.CLIENT_HELLO.code()) {
                        return message(clientHello);
                    } else if (m.type() == HandshakeType.CERTIFICATE_VERIFY.code()) {
                        return message(certificateVerify);
                    }
                    return m;
                })
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        client.beginHandshake();
        client.process();
        assertArrayEquals(record(6, 0), client.drainOutput(), "ClientHello record");
        // Our hello carried the RFC's random and X25519 public key.
        assertArrayEquals(Arrays.copyOfRange(clientHello, 6, 38), Arrays.copyOfRange(sent.get(0), 6, 38));
        assertTrue(java.util.HexFormat.of().formatHex(sent.get(0))
                .contains("001d0020" + java.util.HexFormat.of().formatHex(rfc.value(6, "public key", 0))));

        feed(client, record(6, 1)); // ServerHello
        assertEquals(0, client.pendingOutput());
        // EncryptedExtensions, CertificateRequest, Certificate (ECDSA), CertificateVerify, Finished
        feed(client, record(6, 2));
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
        List<byte[]> flight = records(client.drainOutput());
        // The compatibility change_cipher_spec (RFC 8446 Appendix D.4, not in the RFC's §6 trace), then
        // Certificate, CertificateVerify and Finished in one record, as the RFC's client sends them.
        assertEquals(2, flight.size());
        assertArrayEquals(CHANGE_CIPHER_SPEC, flight.get(0));
        assertEquals(4, sent.size());
        assertArrayEquals(certificate, sent.get(1), "client Certificate");
        // Ours: rsa_pss_rsae_sha256 with a 128-byte signature, as the RFC's (whose key we lack).
        assertArrayEquals(Arrays.copyOf(certificateVerify, 8), Arrays.copyOf(sent.get(2), 8), "client CertificateVerify");
        assertEquals(certificateVerify.length, sent.get(2).length);
        assertArrayEquals(rfc.value(6, "Finished", 1), sent.get(3), "client Finished");
        assertArrayEquals(record(6, 3), flight.get(1), "client Certificate, CertificateVerify, Finished record");

        client.closeOutbound();
        assertArrayEquals(record(6, 4), client.drainOutput(), "client close_notify record");
        feed(client, record(6, 5));
        assertTrue(client.isInboundClosed());
        assertTrue(random.usedUp());
    }

    // ---- §7 Compatibility Mode, client role ----

    @Test
    void compatibilityModeClientRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] clientHello = rfc.value(7, "ClientHello");
        assertEquals(32, clientHello[38]);
        byte[] sessionId = Arrays.copyOfRange(clientHello, 39, 71);
        // The client random, the X25519 key, then the legacy_session_id: all three the RFC's.
        Scripted random = new Scripted(Arrays.copyOfRange(clientHello, 6, 38), rfc.value(7, "private key", 0),
                sessionId);
        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .sessionTickets(false)
                .interceptor(m -> {
                    sent.add(encoded(m));
                    return m.type() == HandshakeType.CLIENT_HELLO.code() ? message(clientHello) : m;
                })
                .build();
        TlsEngine client = TlsEngine.client(config, "server");
        client.beginHandshake();
        client.process();
        // Our hello has the RFC's random and legacy_session_id (its suites and extensions differ in form).
        assertArrayEquals(Arrays.copyOfRange(clientHello, 4, 71), Arrays.copyOfRange(sent.get(0), 4, 71));
        assertTrue(java.util.HexFormat.of().formatHex(sent.get(0))
                .contains("001d0020" + java.util.HexFormat.of().formatHex(rfc.value(7, "public key", 0))));
        assertArrayEquals(record(7, 0), client.drainOutput(), "ClientHello record");

        feed(client, record(7, 1)); // ServerHello
        feed(client, record(7, 2)); // the server's dummy change_cipher_spec
        assertEquals(0, client.pendingOutput());
        feed(client, record(7, 3)); // EncryptedExtensions, Certificate, CertificateVerify, Finished
        assertEquals(TlsEngine.Status.CONNECTED, client.status());
        List<byte[]> flight = records(client.drainOutput());
        assertEquals(2, flight.size());
        assertArrayEquals(record(7, 4), flight.get(0), "client change_cipher_spec record");
        assertArrayEquals(record(7, 5), flight.get(1), "client Finished record");

        client.closeOutbound();
        assertArrayEquals(record(7, 6), client.drainOutput(), "client close_notify record");
        feed(client, record(7, 7));
        assertTrue(client.isInboundClosed());
        assertTrue(random.usedUp());
    }

    // ---- §7 Compatibility Mode, server role ----

    @Test
    void compatibilityModeServerRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] serverHello = rfc.value(7, "ServerHello");
        byte[] encryptedExtensions = rfc.value(7, "EncryptedExtensions");
        byte[] certificate = rfc.value(7, "Certificate");
        byte[] certificateVerify = rfc.value(7, "CertificateVerify");
        RsaPrivateKey key = rsaKey();
        byte[] salt = pssSalt(key, Arrays.copyOfRange(certificateVerify, 8, certificateVerify.length));
        Scripted random = new Scripted(rfc.value(7, "private key", 1), Arrays.copyOfRange(serverHello, 6, 38), salt);
        byte[] leaf = Arrays.copyOfRange(certificate, 11, 11 + 0x1b0);

        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .certificates(List.of(new CertifiedKey(List.of(leaf), key)))
                .recordSizeLimit(16384)
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .interceptor(m -> {
                    sent.add(encoded(m));
                    // As in §3: the RFC's encodings of what we say in another order (ServerHello) or
                    // with supported_groups added (EncryptedExtensions).
                    if (m.type() == HandshakeType.SERVER_HELLO.code()) {
                        return message(serverHello);
                    } else if (m.type() == HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                        return message(encryptedExtensions);
                    }
                    return m;
                })
                .build();
        TlsEngine server = TlsEngine.server(config);
        server.beginHandshake();
        feed(server, record(7, 0)); // ClientHello, with a 32-byte legacy_session_id

        // Our ServerHello echoes the session id; random, suite and key share are the RFC's.
        int extensionsAt = 4 + 2 + 32 + 1 + 32 + 2 + 1;
        assertArrayEquals(Arrays.copyOf(serverHello, extensionsAt), Arrays.copyOf(sent.get(0), extensionsAt));
        assertEquals(new HashSet<>(extensions(serverHello, extensionsAt)), new HashSet<>(extensions(sent.get(0), extensionsAt)));
        List<String> rfcExtensions = new ArrayList<>(extensions(encryptedExtensions, 4));
        assertTrue(rfcExtensions.removeIf(extension -> extension.startsWith("000a")), "supported_groups");
        assertEquals(new HashSet<>(rfcExtensions), new HashSet<>(extensions(sent.get(1), 4)));
        assertArrayEquals(certificate, sent.get(2));
        assertArrayEquals(certificateVerify, sent.get(3));

        List<byte[]> flight = records(server.drainOutput());
        assertEquals(3, flight.size());
        assertArrayEquals(record(7, 1), flight.get(0), "ServerHello record");
        assertArrayEquals(record(7, 2), flight.get(1), "server change_cipher_spec record");
        assertArrayEquals(record(7, 3), flight.get(2), "server flight record");

        feed(server, record(7, 4)); // the client's dummy change_cipher_spec
        assertEquals(TlsEngine.Status.HANDSHAKING, server.status());
        feed(server, record(7, 5)); // client Finished
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        assertEquals(0, server.pendingOutput());
        feed(server, record(7, 6)); // client close_notify
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record(7, 7), server.drainOutput(), "server close_notify record");
        assertTrue(random.usedUp());
    }
}
