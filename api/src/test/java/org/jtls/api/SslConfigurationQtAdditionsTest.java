package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.SslDiffieHellmanParameters.Error;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.jtls.handshake.TlsConfig;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificateBuilder;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import org.jtls.x509.pem.Pem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * QSslConfiguration settings jtls lacked: Diffie-Hellman parameters, missingCertificateIsFatal,
 * handshakeMustInterruptOnError and the PSK identity hint.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SslConfigurationQtAdditionsTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = 5_000;
    /** RFC 2409 §6.2, the second Oakley group: a 1024-bit safe prime, g = 2. */
    private static final BigInteger OAKLEY_1024 = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381"
            + "FFFFFFFFFFFFFFFF", 16);

    private LoopbackServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private static byte[] dhParameterDer(BigInteger prime, BigInteger generator, Long privateValueLength) {
        return new DerWriter().writeSequence(sequence -> {
            sequence.writeInteger(prime).writeInteger(generator);
            if (privateValueLength != null) {
                sequence.writeInteger(privateValueLength);
            }
        }).toByteArray();
    }

    private static byte[] pem(byte[] der) {
        return Pem.encode("DH PARAMETERS", der).getBytes(StandardCharsets.US_ASCII);
    }

    // ---- SslDiffieHellmanParameters ----

    @Test
    void theDefaultParametersAreFfdhe2048() {
        SslDiffieHellmanParameters defaults = SslDiffieHellmanParameters.defaultParameters();
        assertTrue(defaults.isValid());
        assertFalse(defaults.isEmpty());
        assertEquals(Error.NO_ERROR, defaults.error());
        assertEquals("", defaults.errorString());
        assertEquals(Optional.of(FiniteFieldGroup.FFDHE2048), defaults.group());
        assertEquals(defaults, SslConfiguration.builder().build().diffieHellmanParameters());

        SslDiffieHellmanParameters empty = SslDiffieHellmanParameters.empty();
        assertTrue(empty.isEmpty());
        assertFalse(empty.isValid());
        assertEquals(Error.NO_ERROR, empty.error());
        assertEquals(0, empty.toDer().length);
    }

    @Test
    void pkcs3ParametersAreReadFromPemAndDer() throws Exception {
        FiniteFieldGroup ffdhe3072 = FiniteFieldGroup.FFDHE3072;
        byte[] der = dhParameterDer(ffdhe3072.prime(), ffdhe3072.generator(), null);
        SslDiffieHellmanParameters fromDer = SslDiffieHellmanParameters.fromEncoded(der, EncodingFormat.DER);
        assertTrue(fromDer.isValid(), fromDer.errorString());
        assertEquals(Optional.of(ffdhe3072), fromDer.group(), "recognised as the named group");
        assertArrayEquals(der, fromDer.toDer());

        SslDiffieHellmanParameters fromPem = SslDiffieHellmanParameters.fromEncoded(
                new ByteArrayInputStream(pem(der)), EncodingFormat.PEM);
        assertEquals(fromDer, fromPem);
        assertEquals(fromDer, SslDiffieHellmanParameters.fromEncoded(fromPem.toPem().getBytes(StandardCharsets.US_ASCII),
                EncodingFormat.PEM));
        SslDiffieHellmanParameters withLength = SslDiffieHellmanParameters.fromEncoded(
                dhParameterDer(ffdhe3072.prime(), ffdhe3072.generator(), 256L), EncodingFormat.DER);
        assertEquals(fromDer, withLength, "privateValueLength is read and not needed");
        assertNotEquals(fromDer, SslDiffieHellmanParameters.defaultParameters());
    }

    @Test
    void unreadableInputIsInvalidInputData() {
        for (byte[] bad : List.of(new byte[0], new byte[] {0x30, 0x03, 0x02, 0x01}, "not pem".getBytes(StandardCharsets.US_ASCII),
                Pem.encode("CERTIFICATE", new byte[] {1, 2, 3}).getBytes(StandardCharsets.US_ASCII))) {
            for (EncodingFormat format : EncodingFormat.values()) {
                SslDiffieHellmanParameters parameters = SslDiffieHellmanParameters.fromEncoded(bad, format);
                assertEquals(Error.INVALID_INPUT_DATA_ERROR, parameters.error(), parameters.toString());
                assertFalse(parameters.isValid());
                assertFalse(parameters.isEmpty(), "a failed read is not empty");
                assertFalse(parameters.errorString().isEmpty());
            }
        }
        byte[] trailing = dhParameterDer(OAKLEY_1024, BigInteger.TWO, 1L);
        byte[] tooMany = new DerWriter().writeSequence(s -> s.writeInteger(OAKLEY_1024).writeInteger(2).writeInteger(1)
                .writeInteger(1)).toByteArray();
        assertEquals(Error.UNSAFE_PARAMETERS_ERROR,
                SslDiffieHellmanParameters.fromEncoded(trailing, EncodingFormat.DER).error(), "read, then refused");
        assertEquals(Error.INVALID_INPUT_DATA_ERROR,
                SslDiffieHellmanParameters.fromEncoded(tooMany, EncodingFormat.DER).error());
    }

    @Test
    void smallPrimesAreRefusedUnlessAFloorIsAskedFor() {
        byte[] oakley = dhParameterDer(OAKLEY_1024, BigInteger.TWO, null);
        SslDiffieHellmanParameters refused = SslDiffieHellmanParameters.fromEncoded(oakley, EncodingFormat.DER);
        assertEquals(Error.UNSAFE_PARAMETERS_ERROR, refused.error());
        assertTrue(refused.errorString().contains("1024 bits; at least 2048"), refused.errorString());
        SslDiffieHellmanParameters allowed = SslDiffieHellmanParameters.fromEncoded(oakley, EncodingFormat.DER, 1024);
        assertTrue(allowed.isValid(), allowed.errorString());
        assertEquals(OAKLEY_1024, allowed.group().orElseThrow().prime());
        assertThrows(IllegalArgumentException.class,
                () -> SslDiffieHellmanParameters.fromEncoded(oakley, EncodingFormat.DER, 256));
    }

    @Test
    void brokenParametersAreUnsafe() {
        BigInteger p = FiniteFieldGroup.FFDHE2048.prime();
        assertUnsafe(dhParameterDer(p.add(BigInteger.TWO), BigInteger.TWO, null), "not prime");
        assertUnsafe(dhParameterDer(p.subtract(BigInteger.ONE), BigInteger.TWO, null), "not prime");
        BigInteger unsafePrime = BigInteger.probablePrime(2048, new SecureRandom());
        while (unsafePrime.shiftRight(1).isProbablePrime(40)) {
            unsafePrime = BigInteger.probablePrime(2048, new SecureRandom());
        }
        assertUnsafe(dhParameterDer(unsafePrime, BigInteger.TWO, null), "not a safe prime");
        assertUnsafe(dhParameterDer(p, BigInteger.ONE, null), "g must lie");
        assertUnsafe(dhParameterDer(p, p.subtract(BigInteger.ONE), null), "g must lie");
        assertUnsafe(dhParameterDer(p, BigInteger.ZERO, null), "positive");
        assertUnsafe(dhParameterDer(p.negate(), BigInteger.TWO, null), "positive");
        assertUnsafe(dhParameterDer(BigInteger.ONE.shiftLeft(8200).add(BigInteger.ONE), BigInteger.TWO, null),
                "at most 8192");
    }

    private static void assertUnsafe(byte[] der, String why) {
        SslDiffieHellmanParameters parameters = SslDiffieHellmanParameters.fromEncoded(der, EncodingFormat.DER);
        assertEquals(Error.UNSAFE_PARAMETERS_ERROR, parameters.error(), parameters.toString());
        assertTrue(parameters.errorString().contains(why), parameters.errorString());
        assertFalse(parameters.isValid());
        assertEquals(Optional.empty(), parameters.group());
    }

    // ---- Diffie-Hellman parameters in a configuration ----

    @Test
    void theServersTlsConfigCarriesTheParameters() {
        SslDiffieHellmanParameters ffdhe3072 = SslDiffieHellmanParameters.fromEncoded(dhParameterDer(
                FiniteFieldGroup.FFDHE3072.prime(), BigInteger.TWO, null), EncodingFormat.DER);
        SslConfiguration configured = PKI.server.serverConfiguration().withDiffieHellmanParameters(ffdhe3072);
        assertEquals(ffdhe3072, configured.diffieHellmanParameters());
        assertEquals(FiniteFieldGroup.FFDHE3072,
                configured.toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).dhParameters());
        assertEquals(FiniteFieldGroup.FFDHE2048, PKI.server.serverConfiguration()
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).dhParameters());
        assertEquals(FiniteFieldGroup.FFDHE2048, PKI.server.serverConfiguration()
                .withDiffieHellmanParameters(SslDiffieHellmanParameters.empty())
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).dhParameters(), "empty: the engine's default");

        SslDiffieHellmanParameters unsafe = SslDiffieHellmanParameters.fromEncoded(
                dhParameterDer(OAKLEY_1024, BigInteger.TWO, null), EncodingFormat.DER);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SslConfiguration.builder().diffieHellmanParameters(unsafe));
        assertTrue(refused.getMessage().contains("UNSAFE_PARAMETERS_ERROR"), refused.getMessage());
    }

    @Test
    void aDheServerUsesItsParametersOverLoopback() throws Exception {
        SslDiffieHellmanParameters ffdhe3072 = SslDiffieHellmanParameters.fromEncoded(pem(dhParameterDer(
                FiniteFieldGroup.FFDHE3072.prime(), BigInteger.TWO, null)), EncodingFormat.PEM);
        List<SslCipher> dhe = List.of(SslCipher.of(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256),
                SslCipher.of(CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384));
        SslConfiguration serverSide = rsaServer().serverConfiguration().toBuilder().protocol(SslProtocol.TLS_V1_2)
                .ciphers(dhe).diffieHellmanParameters(ffdhe3072).build();
        Future<String> served = server.accept(serverSide, socket -> {
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            String line = SslSocketTest.readLine(socket);
            socket.write("echo: " + line);
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return line;
        });
        SslConfiguration client = PKI.clientTrustingCa().toBuilder().protocol(SslProtocol.TLS_V1_2).ciphers(dhe).build();
        try (SslSocket socket = new SslSocket(client)) {
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "localhost");
            assertTrue(socket.waitForEncrypted(WAIT), socket.errorString());
            assertEquals(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, socket.sessionCipher().orElseThrow().suite());
            // The client names no ffdhe group, so the server's own parameters went in ServerKeyExchange.
            assertEquals(Optional.of(NamedGroup.FFDHE3072), socket.sessionInfo().orElseThrow().group());
            socket.write("ping\n");
            assertEquals("echo: ping\n", SslSocketTest.readLine(socket));
        }
        assertEquals("ping\n", LoopbackServer.result(served));
    }

    /** DHE_RSA needs an RSA server key: one issued by the test CA for localhost. */
    private static TestPki.Identity rsaServer() {
        PrivateKeyMaterial key = TestPki.CRYPTO.generateKeyPair(KeyPairSpec.rsa(2048), TestPki.RANDOM).privateKey();
        Instant now = Instant.now();
        Certificate certificate = CertificateBuilder.create().randomSerialNumber(TestPki.RANDOM)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "localhost"))
                .issuedBy(PKI.ca.certificate().certificate(), TestPki.CRYPTO)
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)))
                .publicKey(key.publicKey()).basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE).extendedKeyUsage(KeyPurpose.SERVER_AUTH).dnsNames("localhost")
                .sign(PKI.ca.key().privateKeyMaterial().orElseThrow(), TestPki.CRYPTO, TestPki.RANDOM);
        SslCertificate leaf = SslCertificate.of(certificate);
        return new TestPki.Identity(leaf, SslKey.ofPrivateKey(key), List.of(leaf, PKI.ca.certificate()));
    }

    // ---- missingCertificateIsFatal ----

    private record Served(boolean encrypted, List<SslError> errors, Optional<SslCertificate> peer,
            Optional<Throwable> failure) {
    }

    /** A VERIFY_PEER server, ignoring {@code ignored}; a client without a certificate says one line. */
    private Served serveClientWithoutCertificate(SslConfiguration serverSide, List<SslError> ignored)
            throws Exception {
        Future<Served> served = server.acceptPlain(serverSide, socket -> {
            socket.ignoreSslErrors(ignored);
            socket.startServerEncryption();
            if (!socket.waitForEncrypted(WAIT)) {
                return new Served(false, socket.sslHandshakeErrors(), socket.peerCertificate(),
                        socket.tlsFailure().map(Throwable.class::cast));
            }
            String line = SslSocketTest.readLine(socket);
            socket.write("echo: " + line);
            socket.disconnectFromHost();
            socket.waitForDisconnected(WAIT);
            return new Served(true, socket.sslHandshakeErrors(), socket.peerCertificate(), Optional.empty());
        });
        try (SslSocket socket = new SslSocket(PKI.clientTrustingCa())) {
            socket.connectToHostEncrypted("127.0.0.1", server.port(), "localhost");
            socket.waitForEncrypted(WAIT);
            socket.write("ping\n");
            socket.waitForReadyRead(WAIT);
        }
        return LoopbackServer.result(served);
    }

    private static SslConfiguration verifyPeerServer(boolean missingIsFatal) {
        return PKI.server.serverConfiguration().toBuilder().peerVerifyMode(PeerVerifyMode.VERIFY_PEER)
                .caCertificates(List.of(PKI.ca.certificate())).missingCertificateIsFatal(missingIsFatal).build();
    }

    @Test
    void byDefaultAMissingClientCertificateIsAnErrorThatCanBeIgnored() throws Exception {
        assertFalse(SslConfiguration.builder().build().missingCertificateIsFatal(), "Qt's default");
        SslError noCertificate = new SslError(SslError.Kind.NO_PEER_CERTIFICATE);

        Served refused = serveClientWithoutCertificate(verifyPeerServer(false), List.of());
        assertFalse(refused.encrypted());
        assertEquals(List.of(noCertificate), refused.errors(), "reported as an SslError");
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, ((TlsAlertException) refused.failure().orElseThrow()).alert());

        Served accepted = serveClientWithoutCertificate(verifyPeerServer(false), List.of(noCertificate));
        assertTrue(accepted.encrypted(), "the application ignored NoPeerCertificate");
        assertEquals(List.of(noCertificate), accepted.errors());
        assertEquals(Optional.empty(), accepted.peer());
    }

    @Test
    void whenFatalAMissingClientCertificateEndsTheHandshakeWhateverIsIgnored() throws Exception {
        Served refused = serveClientWithoutCertificate(verifyPeerServer(true),
                List.of(new SslError(SslError.Kind.NO_PEER_CERTIFICATE)));
        assertFalse(refused.encrypted());
        assertEquals(List.of(), refused.errors(), "no error to ignore: the engine refused on its own");
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, ((TlsAlertException) refused.failure().orElseThrow()).alert());
    }

    @Test
    void missingCertificateIsFatalReachesTheEngine() {
        TlsConfig fatal = verifyPeerServer(true).toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null);
        assertEquals(TlsConfig.ClientAuth.REQUIRE, fatal.clientAuth());
        assertTrue(fatal.missingClientCertificateIsFatal());
        TlsConfig recoverable = verifyPeerServer(false).toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null);
        assertFalse(recoverable.missingClientCertificateIsFatal());
        assertEquals(TlsConfig.ClientAuth.REQUEST, PKI.server.serverConfiguration().withMissingCertificateIsFatal(true)
                .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null).clientAuth(), "QueryPeer requires nothing");
    }

    // ---- handshakeMustInterruptOnError and the PSK identity hint ----

    @Test
    void handshakeMustInterruptOnErrorIsAKeptSetting() {
        SslConfiguration defaults = SslConfiguration.builder().build();
        assertFalse(defaults.handshakeMustInterruptOnError(), "Qt's default");
        SslConfiguration interrupting = defaults.withHandshakeMustInterruptOnError(true);
        assertTrue(interrupting.handshakeMustInterruptOnError());
        assertTrue(interrupting.toBuilder().build().handshakeMustInterruptOnError(), "copies keep it");
        assertNotEquals(defaults, interrupting);
        assertEquals(defaults, interrupting.withHandshakeMustInterruptOnError(false));
    }

    @Test
    void thePskIdentityHintIsKeptButNeverSent() {
        SslConfiguration defaults = SslConfiguration.builder().build();
        assertEquals(0, defaults.preSharedKeyIdentityHint().length);
        byte[] hint = "use key 7".getBytes(StandardCharsets.US_ASCII);
        SslConfiguration hinting = defaults.withPreSharedKeyIdentityHint(hint);
        hint[0] = 'X';
        assertArrayEquals("use key 7".getBytes(StandardCharsets.US_ASCII), hinting.preSharedKeyIdentityHint(),
                "copied in");
        hinting.preSharedKeyIdentityHint()[0] = 'Y';
        assertEquals('u', hinting.preSharedKeyIdentityHint()[0], "copied out");
        assertNotEquals(defaults, hinting);
        assertEquals(0, new SslPreSharedKeyAuthenticator().identityHint().length, "TLS 1.3 has none to show");
    }
}
