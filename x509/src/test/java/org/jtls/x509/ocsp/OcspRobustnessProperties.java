package org.jtls.x509.ocsp;

import static org.jtls.x509.ocsp.OcspFixtures.NOW;
import static org.jtls.x509.ocsp.OcspFixtures.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.jtls.crypto.CryptoBackends;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;

/**
 * Random mutations of valid OCSP responses never escape as unchecked exceptions: parsing yields a
 * response or a {@link DerException}, and verification always yields a verdict. Some mutations
 * are re-signed with the CA's key, so that mutated ResponseData gets past the signature check and
 * exercises the CertID, status and freshness logic too.
 */
class OcspRobustnessProperties {
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final OcspVerifier VERIFIER = OcspVerifier.withDefaults();
    private static final Certificate LEAF = OcspFixtures.leaf();
    private static final Certificate ISSUER = OcspFixtures.ca();

    private static final List<byte[]> VALID = List.of(
            response().goodForLeaf().build(),
            response().respondByKey(OcspFixtures.CA_KEYS)
                    .single(OcspFixtures.certId(OcspFixtures.CA, OcspFixtures.LEAF_SERIAL, "SHA-256"),
                            new RevokedStatus(Date.from(NOW.minusSeconds(86_400)), CRLReason.keyCompromise),
                            NOW.minusSeconds(60), null)
                    .build(),
            response().delegatedTo(OcspFixtures.RESPONDER, OcspFixtures.RESPONDER_KEYS)
                    .single(OcspFixtures.leafId(), new UnknownStatus(), NOW.minusSeconds(60), NOW.plusSeconds(60))
                    .goodForLeaf()
                    .responseExtensions(new Extension(OcspFixtures.OCSP_NONCE, false, new DEROctetString(new byte[] {
                        4, 2, 1, 2}))).build(),
            OcspFixtures.errorResponse(3));

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void mutatedResponsesYieldAVerdict(@ForAll("mutatedResponses") byte[] input) {
        checkNeverEscapes(input);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void resignedMutationsYieldAVerdict(@ForAll("resignedMutations") byte[] input) {
        checkNeverEscapes(input);
    }

    @Property(tries = 1000)
    void arbitraryBytesYieldAVerdict(@ForAll @Size(max = 300) byte[] input) {
        checkNeverEscapes(input);
    }

    @Property(tries = 5)
    void resigningAnUnchangedResponseKeepsItGood(@ForAll("unchanged") byte[] input) {
        assertEquals(OcspVerdict.Status.GOOD, verify(input).status());
        assertEquals(OcspVerdict.Status.GOOD, verify(VALID.get(0)).status());
    }

    private static void checkNeverEscapes(byte[] input) {
        OcspVerdict verdict = verify(input);
        assertNotNull(verdict.detail());
        Statistics.label("verdict").collect(verdict.status() + verdict.error().map(error -> " " + error).orElse(""));
        try {
            OcspResponse parsed = OcspResponse.parse(input);
            assertArrayEquals(input, parsed.encoded());
            assertNotNull(parsed.toString());
            parsed.basicResponse().ifPresent(basic -> {
                assertNotNull(basic.toString());
                basic.nonce();
                basic.responses().forEach(single -> {
                    assertNotNull(single.toString());
                    single.certId().hash();
                    single.certId().identifies(LEAF, ISSUER, CryptoBackends.bouncyCastle());
                });
            });
        } catch (DerException rejected) {
            assertNotNull(rejected.problem());
        }
    }

    private static OcspVerdict verify(byte[] input) {
        return VERIFIER.verifyStapled(input, LEAF, ISSUER, NOW, SKEW, CryptoBackends.defaultBackend());
    }

    @Provide
    Arbitrary<byte[]> mutatedResponses() {
        return Combinators.combine(Arbitraries.of(VALID), mutations().list().ofMinSize(1).ofMaxSize(3))
                .as(OcspRobustnessProperties::applyAll);
    }

    /** ResponseData of the first valid response mutated, then signed again by the CA. */
    @Provide
    Arbitrary<byte[]> resignedMutations() {
        byte[] tbs = tbsOfFirst();
        return mutations().list().ofMinSize(1).ofMaxSize(3).map(changes -> signedByCa(applyAll(tbs, changes)));
    }

    @Provide
    Arbitrary<byte[]> unchanged() {
        return Arbitraries.just(tbsOfFirst()).map(OcspRobustnessProperties::signedByCa);
    }

    private static byte[] tbsOfFirst() {
        try {
            return OcspResponse.parse(VALID.get(0)).basicResponse().orElseThrow().tbsResponseData();
        } catch (DerException e) {
            throw new IllegalStateException("fixture responses parse", e);
        }
    }

    /** A successful OCSPResponse around {@code tbs}, whatever its bytes, with a valid CA signature over them. */
    private static byte[] signedByCa(byte[] tbs) {
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA", OcspFixtures.BC);
            signer.initSign(OcspFixtures.CA_KEYS.getPrivate());
            signer.update(tbs);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] basic = new DerWriter().writeSequence(sequence -> sequence
                .writeEncoded(tbs)
                .writeSequence(algorithm -> algorithm.writeOid(
                        KnownAlgorithm.ECDSA_WITH_SHA256.oid()))
                .writeBitString(BitString.ofBytes(signature))).toByteArray();
        return new DerWriter().writeSequence(response -> response
                .writeElement(Tag.ENUMERATED, new byte[] {0})
                .writeExplicit(0, explicit -> explicit.writeSequence(bytes -> bytes
                        .writeOid(OcspResponse.BASIC_RESPONSE_TYPE)
                        .writeOctetString(basic)))).toByteArray();
    }

    private static byte[] applyAll(byte[] input, List<Mutation> changes) {
        byte[] out = input;
        for (Mutation change : changes) {
            out = change.apply(out);
        }
        return out;
    }

    /** One change at a position: flip a bit, overwrite a byte, insert one, delete one, or truncate. */
    record Mutation(int kind, int position, int value) {
        byte[] apply(byte[] input) {
            if (input.length == 0) {
                return new byte[] {(byte) value};
            }
            int at = Math.floorMod(position, input.length);
            byte[] out;
            switch (kind) {
                case 0, 1 -> {
                    out = input.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                }
                case 2, 3 -> {
                    out = input.clone();
                    out[at] = (byte) value;
                }
                case 4 -> {
                    out = new byte[input.length + 1];
                    System.arraycopy(input, 0, out, 0, at);
                    out[at] = (byte) value;
                    System.arraycopy(input, at, out, at + 1, input.length - at);
                }
                case 5 -> {
                    out = new byte[input.length - 1];
                    System.arraycopy(input, 0, out, 0, at);
                    System.arraycopy(input, at + 1, out, at, input.length - at - 1);
                }
                default -> out = Arrays.copyOf(input, at);
            }
            return out;
        }
    }

    private static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
    }
}
