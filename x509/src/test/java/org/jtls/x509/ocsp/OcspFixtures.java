package org.jtls.x509.ocsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;

/**
 * A small PKI made with bcpkix (test scope only) and OCSP responses about it made with
 * {@link BasicOCSPRespBuilder}: a CA, a leaf it issued, delegated responders with and without
 * id-kp-OCSPSigning, one that has expired, one issued by an impostor CA with the same name, and an
 * RSA CA for RSA-signed responses. Keys are generated once.
 */
final class OcspFixtures {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");
    static final BigInteger LEAF_SERIAL = new BigInteger("3a5f00c0ffee", 16);
    static final X500Name CA_NAME = new X500Name("C=US,O=jtls test,CN=jtls OCSP test CA");
    static final ASN1ObjectIdentifier OCSP_NOCHECK = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.5");
    static final ASN1ObjectIdentifier OCSP_NONCE = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.48.1.2");

    static final KeyPair CA_KEYS = ecKeys();
    static final KeyPair LEAF_KEYS = ecKeys();
    static final KeyPair RESPONDER_KEYS = ecKeys();
    static final KeyPair IMPOSTOR_KEYS = ecKeys();

    static final X509CertificateHolder CA = selfSignedCa(CA_NAME, CA_KEYS, "SHA256withECDSA");
    static final X509CertificateHolder LEAF = issue(CA_NAME, CA_KEYS, new X500Name("CN=www.example.com"), LEAF_SERIAL,
            LEAF_KEYS, NOT_BEFORE, NOT_AFTER, false, false);
    /** id-kp-OCSPSigning, digitalSignature, id-pkix-ocsp-nocheck: what RFC 6960 §4.2.2.2 asks for. */
    static final X509CertificateHolder RESPONDER = issue(CA_NAME, CA_KEYS, new X500Name("CN=jtls OCSP responder"),
            BigInteger.valueOf(100), RESPONDER_KEYS, NOT_BEFORE, NOT_AFTER, true, true);
    /** Issued by the CA but without id-kp-OCSPSigning. */
    static final X509CertificateHolder RESPONDER_WITHOUT_EKU = issue(CA_NAME, CA_KEYS,
            new X500Name("CN=jtls responder without EKU"), BigInteger.valueOf(101), RESPONDER_KEYS, NOT_BEFORE,
            NOT_AFTER, false, true);
    /** Everything right but the dates: it expired before {@link #NOW}. */
    static final X509CertificateHolder EXPIRED_RESPONDER = issue(CA_NAME, CA_KEYS,
            new X500Name("CN=jtls expired responder"), BigInteger.valueOf(102), RESPONDER_KEYS, NOT_BEFORE,
            Instant.parse("2025-01-01T00:00:00Z"), true, true);
    /** A responder certificate naming the CA as issuer, but signed by another key. */
    static final X509CertificateHolder IMPOSTOR_RESPONDER = issue(CA_NAME, IMPOSTOR_KEYS,
            new X500Name("CN=jtls impostor responder"), BigInteger.valueOf(103), RESPONDER_KEYS, NOT_BEFORE,
            NOT_AFTER, true, true);

    private static final DigestCalculatorProvider DIGESTS = digests();

    private OcspFixtures() {
    }

    static Certificate parsed(X509CertificateHolder holder) {
        try {
            return Certificate.parse(holder.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DerException e) {
            throw new IllegalStateException(e);
        }
    }

    static Certificate leaf() {
        return parsed(LEAF);
    }

    static Certificate ca() {
        return parsed(CA);
    }

    /** The CertID of a serial number under {@code issuer}, hashed with SHA-1 or {@code "SHA-256"}. */
    static CertificateID certId(X509CertificateHolder issuer, BigInteger serial, String hash) {
        AlgorithmIdentifier algorithm = switch (hash) {
            case "SHA-1" -> CertificateID.HASH_SHA1;
            case "SHA-256" -> new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
            case "SHA-384" -> new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384, DERNull.INSTANCE);
            case "MD5" -> new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.840.113549.2.5"), DERNull.INSTANCE);
            default -> throw new IllegalArgumentException(hash);
        };
        try {
            return new CertificateID(DIGESTS.get(algorithm), issuer, serial);
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static CertificateID leafId() {
        return certId(CA, LEAF_SERIAL, "SHA-1");
    }

    /** Builds a BasicOCSPResponse step by step and wraps it in a successful OCSPResponse. */
    static final class ResponseBuilder {
        private RespID responderId = new RespID(CA_NAME);
        private final List<Single> singles = new ArrayList<>();
        private PrivateKey signingKey = CA_KEYS.getPrivate();
        private String signatureAlgorithm = "SHA256withECDSA";
        private X509CertificateHolder[] chain = null;
        private Instant producedAt = NOW.minusSeconds(600);
        private Extensions responseExtensions;

        private record Single(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
                Extensions extensions) {
        }

        ResponseBuilder respondByName(X500Name name) {
            responderId = new RespID(name);
            return this;
        }

        /** ResponderID byKey: the SHA-1 of the key bits. */
        ResponseBuilder respondByKey(KeyPair keys) {
            try {
                DigestCalculator sha1 = DIGESTS.get(RespID.HASH_SHA1);
                responderId = new RespID(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), sha1);
            } catch (OCSPException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** Signs with {@code keys} and names {@code responder} (by name) and includes it in certs. */
        ResponseBuilder delegatedTo(X509CertificateHolder responder, KeyPair keys) {
            responderId = new RespID(responder.getSubject());
            signingKey = keys.getPrivate();
            chain = new X509CertificateHolder[] {responder};
            return this;
        }

        ResponseBuilder signedWith(PrivateKey key, String algorithm) {
            signingKey = key;
            signatureAlgorithm = algorithm;
            return this;
        }

        ResponseBuilder certs(X509CertificateHolder... certificates) {
            chain = certificates;
            return this;
        }

        ResponseBuilder producedAt(Instant time) {
            producedAt = time;
            return this;
        }

        ResponseBuilder responseExtensions(Extension... extensions) {
            responseExtensions = new Extensions(extensions);
            return this;
        }

        /** {@code status} is {@link CertificateStatus#GOOD} (null), a RevokedStatus or an UnknownStatus. */
        ResponseBuilder single(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate) {
            singles.add(new Single(id, status, thisUpdate, nextUpdate, null));
            return this;
        }

        ResponseBuilder single(CertificateID id, CertificateStatus status, Instant thisUpdate, Instant nextUpdate,
                Extension... extensions) {
            singles.add(new Single(id, status, thisUpdate, nextUpdate, new Extensions(extensions)));
            return this;
        }

        /** A good status for the leaf, fresh at {@link #NOW}. */
        ResponseBuilder goodForLeaf() {
            return single(leafId(), CertificateStatus.GOOD, NOW.minusSeconds(3600), NOW.plusSeconds(86_400));
        }

        byte[] build() {
            try {
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
                for (Single single : singles) {
                    builder.addResponse(single.id(), single.status(), Date.from(single.thisUpdate()),
                            single.nextUpdate() == null ? null : Date.from(single.nextUpdate()), single.extensions());
                }
                if (responseExtensions != null) {
                    builder.setResponseExtensions(responseExtensions);
                }
                var basic = builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC)
                        .build(signingKey), chain, Date.from(producedAt));
                return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
            } catch (OCSPException | OperatorCreationException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static ResponseBuilder response() {
        return new ResponseBuilder();
    }

    /** An unsigned error response: {@code OCSPRespBuilder.TRY_LATER} and the like. */
    static byte[] errorResponse(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- certificates ----

    static X509CertificateHolder selfSignedCa(X500Name name, KeyPair keys, String signatureAlgorithm) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC)
                    .build(keys.getPrivate()));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code subjectKeys} signed by {@code issuerKeys}, optionally an OCSP responder's. */
    static X509CertificateHolder issue(X500Name issuer, KeyPair issuerKeys, X500Name subject, BigInteger serial,
            KeyPair subjectKeys, Instant notBefore, Instant notAfter, boolean ocspSigning, boolean responder) {
        return issue(issuer, issuerKeys, "SHA256withECDSA", subject, serial, subjectKeys, notBefore, notAfter,
                ocspSigning, responder ? KeyUsage.digitalSignature : -1);
    }

    /** {@code keyUsage} -1 for none. */
    static X509CertificateHolder issue(X500Name issuer, KeyPair issuerKeys, String signatureAlgorithm, X500Name subject,
            BigInteger serial, KeyPair subjectKeys, Instant notBefore, Instant notAfter, boolean ocspSigning,
            int keyUsage) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, subjectKeys.getPublic());
            if (ocspSigning) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                builder.addExtension(OCSP_NOCHECK, false, DERNull.INSTANCE);
            }
            if (keyUsage >= 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC)
                    .build(issuerKeys.getPrivate()));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeys() {
        return keys("EC", 0);
    }

    static KeyPair keys(String algorithm, int rsaBits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, BC);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(rsaBits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
