package org.jtls.handshake.message;

import static org.jtls.handshake.message.Rfc8448EngineReplayTest.CHANGE_CIPHER_SPEC;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.CLOCK;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.encoded;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.extensions;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.counting;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.feed;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.read;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.message;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.pssSalt;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.record;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.records;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.rfc;
import static org.jtls.handshake.message.Rfc8448EngineReplayTest.rsaKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
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
 * interceptor only where ours says the same): §6 (client authentication) and §7 (compatibility mode:
 * a non-empty legacy_session_id and the dummy change_cipher_spec records), both in both roles, and
 * §4 (resumed 0-RTT) in the server role.
 *
 * <p>§7 needs no substitution beyond those of §3 (the client's ClientHello; the server's ServerHello
 * and EncryptedExtensions), and every change_cipher_spec record is the RFC's. §6 does not give its
 * private keys (RFC 8448 §6), so the one signature of the side under test is replaced as well: our
 * client signs with the §2 RSA key (same size and scheme as the RFC's client) and our server with a
 * fresh P-256 key, and the interceptor sends the RFC's CertificateVerify after checking ours has the
 * same scheme. The server's CertificateRequest is replaced too: ours is checked to be the RFC's less
 * the four DSA schemes we do not support. Everything else of that side's flight (the client's
 * Certificate and Finished; the server's Certificate and Finished) and every record is compared byte
 * for byte, and our server verifies the RFC client's real RSA-PSS signature and Finished.
 *
 * <p>§4's ticket was sealed by the RFC's server under keys the RFC does not give, so our server
 * cannot open it; the test-only, package-private {@code TicketKeys.admitForTesting} seam (reached
 * through {@code org.jtls.handshake.TicketKeysTestSeam} in the test sources) makes our ticket keys
 * open exactly that ticket to the §3 session. The PSK binder, early data, EndOfEarlyData and every
 * record are then checked by our server as for any ticket of its own.
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

    // ---- §6 Client Authentication, server role ----

    @Test
    void clientAuthenticationServerRole() throws Exception {
        Rfc8448 rfc = rfc();
        byte[] serverHello = rfc.value(6, "ServerHello");
        byte[] encryptedExtensions = rfc.value(6, "EncryptedExtensions");
        byte[] certificateRequest = rfc.value(6, "CertificateRequest");
        byte[] certificate = rfc.value(6, "Certificate", 0);
        byte[] certificateVerify = rfc.value(6, "CertificateVerify", 0);
        byte[] leaf = Arrays.copyOfRange(certificate, 11, 11 + 0x132);
        assertEquals(certificate.length, 11 + leaf.length + 2);
        // The RFC does not give the server's P-256 key: ours signs with a fresh one and its
        // CertificateVerify (scheme checked below) is replaced with the RFC's.
        PrivateKeyMaterial ecKey = CryptoBackends.bouncyCastle()
                .generateKeyPair(new KeyPairSpec.Ec(EcCurve.P256), new SecureRandom()).privateKey();
        // The X25519 key, the server random; ECDSA's nonce comes from the rest.
        Scripted random = new Scripted(rfc.value(6, "private key", 1), Arrays.copyOfRange(serverHello, 6, 38));
        // The RFC's CertificateRequest lists these, and the DSA schemes, which we do not support.
        List<SignatureScheme> schemes = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512,
                SignatureScheme.ECDSA_SHA1, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                SignatureScheme.RSA_PKCS1_SHA512, SignatureScheme.RSA_PKCS1_SHA1);
        List<byte[]> sent = new ArrayList<>();
        List<byte[]> clientChains = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .signatureSchemes(schemes)
                .certificates(List.of(new CertifiedKey(List.of(leaf), ecKey)))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE)
                .recordSizeLimit(16384)
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .interceptor(m -> {
                    sent.add(encoded(m));
                    if (m.type() == HandshakeType.SERVER_HELLO.code()) {
                        return message(serverHello);
                    } else if (m.type() == HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                        return message(encryptedExtensions);
                    } else if (m.type() == HandshakeType.CERTIFICATE_REQUEST.code()) {
                        return message(certificateRequest);
                    } else if (m.type() == HandshakeType.CERTIFICATE_VERIFY.code()) {
                        return message(certificateVerify);
                    }
                    return m;
                })
                .build();
        TlsEngine server = TlsEngine.server(config);
        server.beginHandshake();
        feed(server, record(6, 0)); // ClientHello

        assertArrayEquals(Arrays.copyOf(serverHello, 42), Arrays.copyOf(sent.get(0), 42));
        assertEquals(new HashSet<>(extensions(serverHello, 42)), new HashSet<>(extensions(sent.get(0), 42)));
        List<String> rfcExtensions = new ArrayList<>(extensions(encryptedExtensions, 4));
        assertTrue(rfcExtensions.removeIf(extension -> extension.startsWith("000a")), "supported_groups");
        assertEquals(new HashSet<>(rfcExtensions), new HashSet<>(extensions(sent.get(1), 4)));
        // CertificateRequest: an empty context and only signature_algorithms, the RFC's list less DSA.
        String ourRequest = java.util.HexFormat.of().formatHex(sent.get(2));
        String rfcRequest = java.util.HexFormat.of().formatHex(certificateRequest);
        String schemeList = "0403050306030203080408050806040105010601" + "0201";
        assertEquals("0d000027" + "00" + "0024" + "000d0020" + "001e" + schemeList + "0402050206020202", rfcRequest);
        assertEquals("0d00001f" + "00" + "001c" + "000d0018" + "0016" + schemeList, ourRequest);
        assertArrayEquals(certificate, sent.get(3));
        // Ours is a CertificateVerify with ecdsa_secp256r1_sha256, as the RFC's (DER signatures vary in length).
        assertEquals(certificateVerify[0], sent.get(4)[0]);
        assertArrayEquals(Arrays.copyOfRange(certificateVerify, 4, 6), Arrays.copyOfRange(sent.get(4), 4, 6), "ecdsa_secp256r1_sha256");

        List<byte[]> flight = records(server.drainOutput());
        assertEquals(2, flight.size());
        assertArrayEquals(record(6, 1), flight.get(0), "ServerHello record");
        assertArrayEquals(record(6, 2), flight.get(1), "server flight record");

        // The RFC client's Certificate, CertificateVerify (RSA-PSS, checked against its certificate)
        // and Finished.
        feed(server, record(6, 3));
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        assertEquals(0, server.pendingOutput());
        feed(server, record(6, 4)); // client close_notify
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record(6, 5), server.drainOutput(), "server close_notify record");
        assertTrue(random.usedUp());
    }

    // ---- §4 Resumed 0-RTT Handshake, server role ----

    @Test
    void resumedZeroRttServerRole() throws Exception {
        Rfc8448 rfc = rfc();
        // The session of §3's ticket, as our client kept it (its PSK from the RFC's ticket_nonce);
        // our server holds the same state, less the ticket itself.
        org.jtls.handshake.Session kept = Rfc8448EngineReplayTest.simpleHandshakeClient().resumableSession().orElseThrow();
        org.jtls.handshake.Session state = new org.jtls.handshake.Session(kept.version(), kept.cipherSuite(),
                kept.masterSecret(), new byte[0], new byte[0], kept.ticketLifetimeSeconds(), false, List.of(),
                kept.serverName(), kept.created(), kept.ticketAgeAdd(), kept.maxEarlyDataSize());
        byte[] serverHello = rfc.value(4, "ServerHello");
        byte[] encryptedExtensions = rfc.value(4, "EncryptedExtensions");
        Scripted random = new Scripted(rfc.value(4, "private key", 1), Arrays.copyOfRange(serverHello, 6, 38));
        org.jtls.handshake.TicketKeys keys = new org.jtls.handshake.TicketKeys(CryptoBackends.bouncyCastle(),
                new SecureRandom(), CLOCK, java.time.Duration.ofHours(1), java.time.Duration.ofHours(2));
        // The RFC's server sealed the ticket under keys the RFC does not give: the test-only seam
        // makes ours open it to the session above.
        org.jtls.handshake.TicketKeysTestSeam.admit(keys, kept.ticket(), state.encode());
        List<byte[]> sent = new ArrayList<>();
        TlsConfig config = TlsConfig.builder(CryptoBackends.bouncyCastle(), random, CLOCK)
                .groups(List.of(NamedGroup.X25519))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .certificates(List.of(new CertifiedKey(List.of(Arrays.copyOfRange(rfc.value(3, "Certificate"), 11, 11 + 0x1b0)),
                        rsaKey())))
                .recordSizeLimit(16384)
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .ticketKeys(keys)
                .tls13TicketCount(0)
                .maxEarlyDataSize(1024)
                .interceptor(m -> {
                    sent.add(encoded(m));
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
        feed(server, record(4, 0)); // ClientHello: the §3 ticket, its binder, early_data
        // Our ServerHello selects the PSK; only the extension order differs.
        assertArrayEquals(Arrays.copyOf(serverHello, 42), Arrays.copyOf(sent.get(0), 42));
        assertEquals(new HashSet<>(extensions(serverHello, 42)), new HashSet<>(extensions(sent.get(0), 42)));
        List<String> rfcExtensions = new ArrayList<>(extensions(encryptedExtensions, 4));
        assertTrue(rfcExtensions.removeIf(extension -> extension.startsWith("000a")), "supported_groups");
        assertTrue(rfcExtensions.contains("002a0000"), "early_data accepted");
        assertEquals(new HashSet<>(rfcExtensions), new HashSet<>(extensions(sent.get(1), 4)));
        List<byte[]> flight = records(server.drainOutput());
        assertEquals(2, flight.size());
        assertArrayEquals(record(4, 2), flight.get(0), "ServerHello record");
        assertArrayEquals(record(4, 3), flight.get(1), "EncryptedExtensions, Finished record");

        feed(server, record(4, 1)); // 0-RTT application data
        assertArrayEquals("ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), read(server), "early data");
        feed(server, record(4, 4)); // EndOfEarlyData
        feed(server, record(4, 5)); // client Finished
        assertEquals(TlsEngine.Status.CONNECTED, server.status());
        assertEquals(0, server.pendingOutput());
        feed(server, record(4, 6));
        assertArrayEquals(counting(50), read(server), "client application data");
        server.writeApplicationData(java.nio.ByteBuffer.wrap(counting(50)));
        assertArrayEquals(record(4, 7), server.drainOutput(), "server application_data record");
        feed(server, record(4, 8)); // client close_notify
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(record(4, 9), server.drainOutput(), "server close_notify record");
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
