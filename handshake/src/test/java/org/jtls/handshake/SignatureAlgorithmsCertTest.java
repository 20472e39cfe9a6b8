package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyMaterials;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.record.TlsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * signature_algorithms_cert (RFC 8446 §4.2.3; TLS 1.2 too, per §1.3): a server holding two chains for
 * the same name and the same ECDSA leaf key, one issued by an RSA CA and one by an ECDSA CA, presents
 * the one whose certificate signatures the client accepts (RFC 8446 §4.4.2.2), and falls back to its
 * first choice when neither complies.
 */
class SignatureAlgorithmsCertTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair LEAF = keyPair("EC");
    /** Leaf ← RSA CA (sha256WithRSAEncryption). */
    private static final CertifiedKey RSA_ISSUED = chain(keyPair("RSA"), "SHA256withRSA");
    /** Leaf ← ECDSA CA (ecdsa-with-SHA256). */
    private static final CertifiedKey ECDSA_ISSUED = chain(keyPair("EC"), "SHA256withECDSA");

    private static final List<SignatureScheme> HANDSHAKE_SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA256);

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void withoutTheExtensionTheServerKeepsItsOrder(ProtocolVersion version) throws TlsException {
        assertPresented(RSA_ISSUED, version, List.of(), List.of(RSA_ISSUED, ECDSA_ISSUED));
        assertPresented(ECDSA_ISSUED, version, List.of(), List.of(ECDSA_ISSUED, RSA_ISSUED));
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void ecdsaOnlyCertificateSignaturesPickTheEcdsaIssuedChain(ProtocolVersion version) throws TlsException {
        assertPresented(ECDSA_ISSUED, version, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                List.of(RSA_ISSUED, ECDSA_ISSUED));
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void rsaOnlyCertificateSignaturesPickTheRsaIssuedChain(ProtocolVersion version) throws TlsException {
        assertPresented(RSA_ISSUED, version, List.of(SignatureScheme.RSA_PKCS1_SHA256),
                List.of(ECDSA_ISSUED, RSA_ISSUED));
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void noCompliantChainFallsBackToTheServersChoice(ProtocolVersion version) throws TlsException {
        // RFC 8446 §4.4.2.2: the server "SHOULD continue the handshake" with a chain of its choice.
        assertPresented(ECDSA_ISSUED, version, List.of(SignatureScheme.ED25519), List.of(ECDSA_ISSUED, RSA_ISSUED));
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void signatureAlgorithmsAloneAlsoSteersTheChain(ProtocolVersion version) throws TlsException {
        // RFC 8446 §4.2.3: without signature_algorithms_cert, signature_algorithms applies to certificates too.
        TlsConfig client = config(version).signatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).build();
        TlsConfig server = config(version).certificates(List.of(RSA_ISSUED, ECDSA_ISSUED)).build();
        assertArrayEquals(ECDSA_ISSUED.chain().get(1),
                connect(client, server).peerCertificates().get(1));
    }

    @org.junit.jupiter.api.Test
    void tls13CertificateRequestSignatureAlgorithmsCertSteersTheClientsChain() throws TlsException {
        // RFC 8446 §4.3.2: the CertificateRequest's signature_algorithms_cert governs the client's chain.
        assertClientPresented(ECDSA_ISSUED, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256));
        assertClientPresented(RSA_ISSUED, List.of(SignatureScheme.RSA_PKCS1_SHA256));
        assertClientPresented(RSA_ISSUED, List.of()); // no extension: the client's own order
    }

    private static void assertClientPresented(CertifiedKey expected, List<SignatureScheme> certificateSchemes)
            throws TlsException {
        TlsConfig client = config(ProtocolVersion.TLS_1_3).certificates(List.of(RSA_ISSUED, ECDSA_ISSUED)).build();
        TlsConfig server = config(ProtocolVersion.TLS_1_3).certificates(List.of(ECDSA_ISSUED))
                .clientAuth(TlsConfig.ClientAuth.REQUIRE).certificateSignatureSchemes(certificateSchemes).build();
        TlsEngine clientEngine = TlsEngine.client(client, "localhost");
        TlsEngine serverEngine = TlsEngine.server(server);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        Tls12HandshakeTest.pump(clientEngine, serverEngine);
        assertEquals(TlsEngine.Status.CONNECTED, serverEngine.status(), serverEngine.handshakeState());
        List<byte[]> seen = serverEngine.session().orElseThrow().peerCertificates();
        assertEquals(2, seen.size());
        assertArrayEquals(expected.chain().get(1), seen.get(1), "the client presented the other chain");
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS_1_2", "TLS_1_3"})
    void leafWhoseKeyUsageForbidsSigningIsPassedOver(ProtocolVersion version) throws TlsException {
        // RFC 8446 §4.4.2.2 / RFC 5246 §7.4.2: digitalSignature MUST be set when Key Usage is present.
        CertifiedKey encipherOnly = chain(keyPair("EC"), "SHA256withECDSA", KeyUsage.keyAgreement);
        CertifiedKey signing = chain(keyPair("EC"), "SHA256withECDSA", KeyUsage.digitalSignature);
        assertPresented(signing, version, List.of(), List.of(encipherOnly, signing));
    }

    @org.junit.jupiter.api.Test
    void tls13FallbackChainMustNotUseSha1UnlessAdvertised() throws TlsException {
        // RFC 8446 §4.4.2.2: a fallback chain "MUST NOT" use SHA-1 unless the client's advertisement permits it.
        CertifiedKey sha1Issued = chain(keyPair("RSA"), "SHA1withRSA");
        List<SignatureScheme> ed25519Only = List.of(SignatureScheme.ED25519);
        assertPresented(RSA_ISSUED, ProtocolVersion.TLS_1_3, ed25519Only, List.of(sha1Issued, RSA_ISSUED));
        assertPresented(sha1Issued, ProtocolVersion.TLS_1_3,
                List.of(SignatureScheme.ED25519, SignatureScheme.RSA_PKCS1_SHA1), List.of(sha1Issued, RSA_ISSUED));
        assertTrue(CertificateSignatures.withoutUnadvertisedSha1(List.of(sha1Issued),
                List.of(SignatureScheme.ED25519.code())).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void chainCheckExemptsSelfSignedCertificates() {
        List<Integer> ecdsaOnly = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256.code());
        assertTrue(CertificateSignatures.chainSignedWith(ECDSA_ISSUED.chain(), ecdsaOnly));
        assertFalse(CertificateSignatures.chainSignedWith(RSA_ISSUED.chain(), ecdsaOnly));
        // A self-signed RSA certificate (sha256WithRSAEncryption) passes: RFC 8446 §4.4.2.2 exempts it.
        assertTrue(CertificateSignatures.chainSignedWith(TestCredentials.rsa(2048).chain(), ecdsaOnly));
    }

    private static void assertPresented(CertifiedKey expected, ProtocolVersion version,
            List<SignatureScheme> certificateSchemes, List<CertifiedKey> serverChains) throws TlsException {
        TlsConfig client = config(version).certificateSignatureSchemes(certificateSchemes).build();
        TlsConfig server = config(version).certificates(serverChains).build();
        SessionInfo session = connect(client, server);
        assertEquals(version, session.version());
        assertEquals(2, session.peerCertificates().size());
        assertArrayEquals(expected.chain().get(1), session.peerCertificates().get(1),
                "the server presented the other chain");
    }

    /** Both engines to CONNECTED; the client's view of the session. */
    private static SessionInfo connect(TlsConfig clientConfig, TlsConfig serverConfig) throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost");
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        Tls12HandshakeTest.pump(client, server);
        assertEquals(TlsEngine.Status.CONNECTED, client.status(), client.handshakeState());
        assertEquals(TlsEngine.Status.CONNECTED, server.status(), server.handshakeState());
        return client.session().orElseThrow();
    }

    private static TlsConfig.Builder config(ProtocolVersion version) {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY)
                .versions(List.of(version))
                .signatureSchemes(HANDSHAKE_SCHEMES);
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {leaf, CA}: the shared ECDSA leaf key for localhost, issued by a fresh self-signed CA. */
    private static CertifiedKey chain(KeyPair ca, String signatureAlgorithm) {
        return chain(ca, signatureAlgorithm, -1);
    }

    /** @param keyUsage the leaf's Key Usage bits (bcpkix {@link KeyUsage} constants), or -1 for none */
    private static CertifiedKey chain(KeyPair ca, String signatureAlgorithm, int keyUsage) {
        X500Name caName = new X500Name("CN=" + signatureAlgorithm + " CA, O=jtls test");
        X500Name leafName = new X500Name("CN=localhost, O=jtls test");
        byte[] caDer = certificate(caName, caName, ca.getPublic(), ca.getPrivate(), signatureAlgorithm, null, -1);
        byte[] leafDer = certificate(leafName, caName, LEAF.getPublic(), ca.getPrivate(), signatureAlgorithm,
                "localhost", keyUsage);
        PrivateKeyMaterial leafKey = KeyMaterials.ecPrivateKey(EcCurve.P256, ((ECPrivateKey) LEAF.getPrivate()).getS());
        return new CertifiedKey(List.of(leafDer, caDer), leafKey);
    }

    private static byte[] certificate(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signer,
            String signatureAlgorithm, String dnsName, int keyUsage) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(RANDOM.nextInt(Integer.MAX_VALUE) + 1L), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, key);
            if (dnsName != null) {
                builder.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            if (keyUsage >= 0) {
                builder.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
