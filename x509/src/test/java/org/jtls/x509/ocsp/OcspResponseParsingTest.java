package org.jtls.x509.ocsp;

import static org.jtls.x509.ocsp.OcspFixtures.CA;
import static org.jtls.x509.ocsp.OcspFixtures.LEAF_SERIAL;
import static org.jtls.x509.ocsp.OcspFixtures.NOW;
import static org.jtls.x509.ocsp.OcspFixtures.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.DistinguishedName;
import org.junit.jupiter.api.Test;

/** OCSP responses read with jtls's DER code: every field is what bcpkix wrote; malformed ones fail with offsets. */
class OcspResponseParsingTest {
    @Test
    void fieldsAreWhatBcpkixWrote() throws Exception {
        Instant revokedAt = Instant.parse("2025-05-01T00:00:00Z");
        byte[] der = response().delegatedTo(OcspFixtures.RESPONDER, OcspFixtures.RESPONDER_KEYS)
                .single(OcspFixtures.leafId(), new RevokedStatus(Date.from(revokedAt), CRLReason.cACompromise),
                        NOW.minusSeconds(60), null)
                .build();
        BasicOCSPResp bc = (BasicOCSPResp) new OCSPResp(der).getResponseObject();

        OcspResponse parsed = OcspResponse.parse(der);
        assertEquals(OcspResponseStatus.SUCCESSFUL, parsed.status());
        assertEquals(Optional.of(OcspResponse.BASIC_RESPONSE_TYPE), parsed.responseType());
        assertArrayEquals(der, parsed.encoded());
        BasicOcspResponse basic = parsed.basicResponse().orElseThrow();
        assertArrayEquals(bc.getTBSResponseData(), basic.tbsResponseData());
        assertArrayEquals(bc.getSignature(), basic.signature().bytes());
        assertEquals(bc.getSignatureAlgOID().getId(), basic.signatureAlgorithm().algorithm().toString());
        assertEquals(bc.getProducedAt().toInstant(), basic.producedAt());
        assertEquals(new ResponderId.ByName(DistinguishedName.decode(
                OcspFixtures.RESPONDER.getSubject().getEncoded())), basic.responderId());
        assertEquals(1, basic.certs().size());
        assertArrayEquals(OcspFixtures.RESPONDER.getEncoded(), basic.certs().get(0).encode());
        assertEquals(Optional.empty(), basic.nonce());

        SingleResponse single = basic.responses().get(0);
        CertificateID bcId = OcspFixtures.leafId();
        assertArrayEquals(bcId.getIssuerNameHash(), single.certId().issuerNameHash());
        assertArrayEquals(bcId.getIssuerKeyHash(), single.certId().issuerKeyHash());
        assertEquals(bcId.getSerialNumber(), single.certId().serialNumber());
        assertEquals(Optional.of(HashAlgorithm.SHA1), single.certId().hash());
        assertEquals(new CertStatus.Revoked(revokedAt, Optional.of(RevocationReason.CA_COMPROMISE)), single.certStatus());
        assertEquals(NOW.minusSeconds(60), single.thisUpdate());
        assertEquals(Optional.empty(), single.nextUpdate());
    }

    @Test
    void certIdMatchesBcpkixForEachHash() throws Exception {
        Certificate leaf = OcspFixtures.leaf();
        Certificate issuer = OcspFixtures.ca();
        for (HashAlgorithm hash : new HashAlgorithm[] {HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA384}) {
            CertId ours = CertId.of(leaf, issuer, hash, CryptoBackends.jca());
            CertificateID theirs = OcspFixtures.certId(CA, LEAF_SERIAL, hash.standardName());
            assertArrayEquals(theirs.getIssuerNameHash(), ours.issuerNameHash(), hash.name());
            assertArrayEquals(theirs.getIssuerKeyHash(), ours.issuerKeyHash(), hash.name());
            assertTrue(ours.identifies(leaf, issuer, CryptoBackends.bouncyCastle()));
            assertArrayEquals(theirs.toASN1Primitive().getEncoded(), encoded(ours), hash.name());
        }
    }

    @Test
    void responderByKeyIsTheSha1OfTheKeyBits() throws Exception {
        byte[] der = response().respondByKey(OcspFixtures.CA_KEYS).goodForLeaf().build();
        ResponderId id = OcspResponse.parse(der).basicResponse().orElseThrow().responderId();
        ResponderId.ByKey byKey = assertInstanceOf(ResponderId.ByKey.class, id);
        assertArrayEquals(CertId.keyHash(OcspFixtures.ca(), HashAlgorithm.SHA1, CryptoBackends.jca()), byKey.keyHash());
        assertTrue(id.identifies(OcspFixtures.ca(), CryptoBackends.jca()));
    }

    @Test
    void errorResponsesHaveNoBody() throws Exception {
        OcspResponse parsed = OcspResponse.parse(OcspFixtures.errorResponse(3));
        assertEquals(OcspResponseStatus.TRY_LATER, parsed.status());
        assertTrue(parsed.basicResponse().isEmpty());
        assertTrue(parsed.responseType().isEmpty());
    }

    // ---- malformed structures, built byte by byte ----

    private static byte[] ocspResponse(int status, Consumer<DerWriter> afterStatus) {
        return new DerWriter().writeSequence(sequence -> {
            sequence.writeElement(Tag.ENUMERATED, new byte[] {(byte) status});
            afterStatus.accept(sequence);
        }).toByteArray();
    }

    private static byte[] withResponseBytes(ObjectIdentifier type, byte[] response) {
        return ocspResponse(0, sequence -> sequence.writeExplicit(0, explicit -> explicit.writeSequence(
                bytes -> bytes.writeOid(type).writeOctetString(response))));
    }

    private static DerException rejected(byte[] der) {
        return assertThrows(DerException.class, () -> OcspResponse.parse(der));
    }

    @Test
    void undefinedStatusIsRejected() {
        assertEquals(4, rejected(ocspResponse(4, sequence -> { })).offset());
        assertTrue(rejected(ocspResponse(7, sequence -> { })).problem().contains("not defined"));
    }

    @Test
    void successWithoutResponseBytesIsRejected() {
        DerException e = rejected(ocspResponse(0, sequence -> { }));
        assertTrue(e.problem().contains("must carry responseBytes"), e.problem());
    }

    @Test
    void errorWithResponseBytesIsRejected() {
        byte[] der = ocspResponse(3, sequence -> sequence.writeExplicit(0, explicit -> explicit.writeSequence(
                bytes -> bytes.writeOid(OcspResponse.BASIC_RESPONSE_TYPE).writeOctetString(new byte[0]))));
        assertEquals(5, rejected(der).offset());
    }

    @Test
    void otherResponseTypesAreKeptRaw() throws Exception {
        ObjectIdentifier type = ObjectIdentifier.of("1.3.6.1.4.1.55555.7");
        OcspResponse parsed = OcspResponse.parse(withResponseBytes(type, new byte[] {1, 2, 3}));
        assertEquals(Optional.of(type), parsed.responseType());
        assertArrayEquals(new byte[] {1, 2, 3}, parsed.responseBytes().orElseThrow());
        assertTrue(parsed.basicResponse().isEmpty());
        OcspVerdict verdict = OcspVerifier.withDefaults().verify(parsed, OcspFixtures.leaf(), OcspFixtures.ca(), NOW,
                Duration.ZERO, CryptoBackends.jca());
        assertEquals(Optional.of(OcspError.MALFORMED_RESPONSE), verdict.error());
    }

    @Test
    void errorsInsideTheBasicResponseReportOuterOffsets() throws Exception {
        byte[] valid = response().goodForLeaf().build();
        BasicOCSPResp bc = (BasicOCSPResp) new OCSPResp(valid).getResponseObject();
        byte[] basic = bc.getEncoded();
        // The inner BasicOCSPResponse's first byte sits after the outer headers; corrupt its tag.
        basic[0] = 0x31;
        byte[] der = withResponseBytes(OcspResponse.BASIC_RESPONSE_TYPE, basic);
        int innerStart = der.length - basic.length;
        assertEquals(innerStart, rejected(der).offset());
    }

    @Test
    void explicitVersionIsRejected() throws Exception {
        byte[] basic = basicWithResponseData(data -> data.writeExplicit(0, version -> version.writeInteger(0)));
        DerException e = assertThrows(DerException.class, () -> BasicOcspResponse.parse(basic));
        assertTrue(e.problem().contains("must be omitted"), e.problem());
        byte[] v2 = basicWithResponseData(data -> data.writeExplicit(0, version -> version.writeInteger(1)));
        assertTrue(assertThrows(DerException.class, () -> BasicOcspResponse.parse(v2)).problem().contains("version"));
    }

    @Test
    void badResponderIdIsRejected() {
        byte[] basic = basicWithResponseData(data -> data.writeExplicit(3, id -> id.writeOctetString(new byte[20])));
        DerException e = assertThrows(DerException.class, () -> BasicOcspResponse.parse(basic));
        assertTrue(e.problem().contains("ResponderID"), e.problem());
    }

    @Test
    void fractionalSecondsAreRejected() {
        byte[] basic = basicWithResponseData(data -> data
                .writeExplicit(2, id -> id.writeOctetString(new byte[20]))
                .writeElement(Tag.GENERALIZED_TIME, "20250601120000.5Z".getBytes(StandardCharsets.US_ASCII))
                .writeSequence(responses -> { }));
        assertThrows(DerException.class, () -> BasicOcspResponse.parse(basic));
    }

    @Test
    void minimalBasicResponseParses() throws Exception {
        byte[] basic = basicWithResponseData(data -> data
                .writeExplicit(2, id -> id.writeOctetString(new byte[20]))
                .writeGeneralizedTime(NOW)
                .writeSequence(responses -> { }));
        BasicOcspResponse parsed = BasicOcspResponse.parse(basic);
        assertEquals(NOW, parsed.producedAt());
        assertTrue(parsed.responses().isEmpty());
        assertTrue(parsed.certs().isEmpty());
    }

    @Test
    void undefinedRevocationReasonIsRejected() {
        byte[] basic = basicWithResponseData(data -> data
                .writeExplicit(2, id -> id.writeOctetString(new byte[20]))
                .writeGeneralizedTime(NOW)
                .writeSequence(responses -> responses.writeSequence(single -> {
                    CertId.of(OcspFixtures.leaf(), OcspFixtures.ca(), HashAlgorithm.SHA1, CryptoBackends.jca())
                            .encode(single);
                    single.writeConstructed(Tag.contextSpecific(1, true), revoked -> revoked
                            .writeGeneralizedTime(NOW)
                            .writeExplicit(0, reason -> reason.writeElement(Tag.ENUMERATED, new byte[] {7})));
                    single.writeGeneralizedTime(NOW);
                })));
        DerException e = assertThrows(DerException.class, () -> BasicOcspResponse.parse(basic));
        assertTrue(e.problem().contains("CRLReason 7"), e.problem());
    }

    @Test
    void primitiveRevokedStatusIsRejected() {
        byte[] basic = basicWithResponseData(data -> data
                .writeExplicit(2, id -> id.writeOctetString(new byte[20]))
                .writeGeneralizedTime(NOW)
                .writeSequence(responses -> responses.writeSequence(single -> {
                    CertId.of(OcspFixtures.leaf(), OcspFixtures.ca(), HashAlgorithm.SHA256, CryptoBackends.jca())
                            .encode(single);
                    single.writeElement(Tag.contextSpecific(1, false), new byte[0]);
                    single.writeGeneralizedTime(NOW);
                })));
        assertThrows(DerException.class, () -> BasicOcspResponse.parse(basic));
    }

    @Test
    void malformedCertificateInCertsReportsItsOuterOffset() throws Exception {
        byte[] good = response().certs(CA).goodForLeaf().build();
        byte[] caDer = CA.getEncoded();
        int caStart = indexOf(good, caDer);
        // Make the CA's version INTEGER hold 3 (v4), which jtls refuses; the byte is inside [0] EXPLICIT.
        int versionValue = indexOf(good, new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x02}) + 4;
        assertTrue(versionValue > caStart);
        good[versionValue] = 0x03;
        DerException e = rejected(good);
        assertEquals(versionValue, e.offset(), e.getMessage());
        assertTrue(e.problem().startsWith("in a certificate of certs"), e.problem());
    }

    /** A BasicOCSPResponse around ResponseData with these contents, an ECDSA algorithm and an empty signature. */
    private static byte[] basicWithResponseData(Consumer<DerWriter> contents) {
        return new DerWriter().writeSequence(basic -> {
            basic.writeSequence(contents);
            basic.writeSequence(algorithm -> algorithm.writeOid(KnownAlgorithm.ECDSA_WITH_SHA256.oid()));
            basic.writeElement(Tag.BIT_STRING, new byte[] {0});
        }).toByteArray();
    }

    private static byte[] encoded(CertId id) {
        DerWriter writer = new DerWriter();
        id.encode(writer);
        return writer.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void serialNumbersCompareByValue() throws Exception {
        CertId id = CertId.of(OcspFixtures.leaf(), OcspFixtures.ca(), HashAlgorithm.SHA1, CryptoBackends.jca());
        CertId other = new CertId(id.hashAlgorithm(), id.issuerNameHash(), id.issuerKeyHash(), BigInteger.ONE);
        assertFalse(other.identifies(OcspFixtures.leaf(), OcspFixtures.ca(), CryptoBackends.jca()));
        assertEquals(id, new CertId(id.hashAlgorithm(), id.issuerNameHash(), id.issuerKeyHash(), LEAF_SERIAL));
    }
}
