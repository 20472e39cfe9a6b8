package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jtls.api.DrivenPeers.Drive;
import org.jtls.api.DrivenPeers.ServerView;
import org.jtls.api.SslError.Kind;
import org.jtls.api.SslSocket.SocketError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SslSocket#ocspResponses()} (Qt 5.13) with a server that staples an OCSP response made
 * with bcpkix and signed by the test CA.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OcspStaplingSocketTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = DrivenPeers.WAIT;
    /** Whole seconds: GeneralizedTime in the response carries no more. */
    private static final Instant PRODUCED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant REVOKED_AT = PRODUCED_AT.minus(Duration.ofHours(2));

    private DrivenPeers peers;

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    /** A DER OCSPResponse from the CA about the server's certificate. */
    private static byte[] ocspResponse(boolean revoked) throws Exception {
        X509CertificateHolder ca = new X509CertificateHolder(PKI.ca.certificate().toDer());
        BigInteger serial = new X509CertificateHolder(PKI.server.certificate().toDer()).getSerialNumber();
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), ca, serial);
        CertificateStatus status = revoked ? new RevokedStatus(Date.from(REVOKED_AT), CRLReason.keyCompromise)
                : CertificateStatus.GOOD;
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(ca.getSubject()));
        builder.addResponse(id, status, Date.from(PRODUCED_AT.minus(Duration.ofHours(1))),
                Date.from(PRODUCED_AT.plus(Duration.ofDays(1))));
        PrivateKey caKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(PKI.ca.key().toDer()));
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey), null,
                Date.from(PRODUCED_AT));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    /** The server's identity, stapling {@code response}. */
    private static SslConfiguration stapling(byte[] response) {
        return PKI.server.serverConfiguration().toBuilder().ocspResponse(response).build();
    }

    private SslSocket connect(SslConfiguration server, SslConfiguration client, Drive drive, boolean succeeds)
            throws Exception {
        peers = new DrivenPeers(drive);
        Future<ServerView> served = peers.accept(server, List.of(), DrivenPeers.ECHO);
        SslSocket socket = peers.connect(client, "localhost");
        assertEquals(succeeds, socket.waitForEncrypted(WAIT), socket.errorString());
        if (succeeds) {
            socket.write("x");
            DrivenPeers.readExactly(socket, 1);
        }
        socket.disconnectFromHost();
        DrivenPeers.awaitUnconnected(socket);
        LoopbackServer.result(served);
        return socket;
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void aGoodStapledResponseIsCheckedAndShown(Drive drive) throws Exception {
        SslSocket client = connect(stapling(ocspResponse(false)), PKI.clientTrustingCa().withOcspStaplingEnabled(true),
                drive, true);
        assertEquals(List.of(), client.sslHandshakeErrors());
        List<SslOcspResponse> responses = client.ocspResponses();
        assertEquals(1, responses.size(), responses::toString);
        SslOcspResponse response = responses.get(0);
        assertEquals(SslOcspResponse.CertificateStatus.GOOD, response.certificateStatus());
        assertEquals(SslOcspResponse.RevocationReason.NONE, response.revocationReason());
        assertEquals(Optional.empty(), response.revocationTime());
        assertEquals(PKI.server.certificate(), response.subject());
        assertEquals(Optional.of(PKI.ca.certificate()), response.responder(), "signed by the issuer itself");
        assertEquals(PRODUCED_AT, response.producedAt());
    }

    @Test
    void aRevokedCertificateFailsTheHandshake() throws Exception {
        SslSocket client = connect(stapling(ocspResponse(true)), PKI.clientTrustingCa().withOcspStaplingEnabled(true),
                Drive.BLOCKING, false);
        assertEquals(SocketError.SSL_HANDSHAKE_FAILED_ERROR, client.error());
        assertTrue(client.sslHandshakeErrors().stream().anyMatch(error -> error.kind() == Kind.CERTIFICATE_REVOKED),
                client.sslHandshakeErrors()::toString);
    }

    @Test
    void aQueryingClientSeesTheRevocationInTheResponse() throws Exception {
        SslConfiguration querying = PKI.clientTrustingCa().toBuilder().ocspStaplingEnabled(true)
                .peerVerifyMode(PeerVerifyMode.QUERY_PEER).build();
        SslSocket client = connect(stapling(ocspResponse(true)), querying, Drive.BLOCKING, true);
        assertTrue(client.sslHandshakeErrors().stream().anyMatch(error -> error.kind() == Kind.CERTIFICATE_REVOKED));
        SslOcspResponse response = client.ocspResponses().get(0);
        assertEquals(SslOcspResponse.CertificateStatus.REVOKED, response.certificateStatus());
        assertEquals(SslOcspResponse.RevocationReason.KEY_COMPROMISE, response.revocationReason());
        assertEquals(Optional.of(REVOKED_AT), response.revocationTime());
    }

    @Test
    void nothingIsShownWhenTheClientDidNotAskForStapling() throws Exception {
        SslSocket client = connect(stapling(ocspResponse(false)), PKI.clientTrustingCa(), Drive.BLOCKING, true);
        assertEquals(List.of(), client.ocspResponses());
    }

    @Test
    void aClientRequiringStaplingRefusesAServerThatStaplesNothing() throws Exception {
        SslSocket client = connect(PKI.server.serverConfiguration(), PKI.clientTrustingCa().withOcspStaplingEnabled(true),
                Drive.BLOCKING, false);
        assertEquals(List.of(new SslError(Kind.OCSP_NO_RESPONSE_FOUND, PKI.server.certificate())),
                client.sslHandshakeErrors());
        assertEquals(List.of(), client.ocspResponses());
        assertFalse(client.isEncrypted());
    }

    @Test
    void malformedOrForeignResponsesYieldNoAnswers() throws Exception {
        byte[] good = ocspResponse(false);
        org.jtls.crypto.CryptoBackend crypto = PKI.clientTrustingCa().cryptoBackend();
        assertEquals(1, SslOcspResponse.of(good, PKI.server.certificate(), PKI.ca.certificate(), crypto).size());
        // Every truncation, and bytes that are no DER at all, give no answer rather than an exception.
        for (int length = 0; length < good.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(good, length);
            assertEquals(List.of(), SslOcspResponse.of(truncated, PKI.server.certificate(), PKI.ca.certificate(), crypto),
                    "truncated to " + length);
        }
        assertEquals(List.of(), SslOcspResponse.of(new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF}, PKI.server.certificate(), PKI.ca.certificate(), crypto), "an oversized length");
        // A well-formed response with an error status (tryLater) carries no answers.
        byte[] tryLater = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        assertEquals(List.of(), SslOcspResponse.of(tryLater, PKI.server.certificate(), PKI.ca.certificate(), crypto));
        // An answer about another certificate is not shown as one about the server's.
        assertEquals(List.of(), SslOcspResponse.of(good, PKI.client.certificate(), PKI.ca.certificate(), crypto));
    }
}
