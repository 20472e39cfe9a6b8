package org.jtls.handshake;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyMaterials;

/**
 * One ECDSA P-256 client key certified twice: by "Alpha", an ECDSA CA (ecdsa-with-SHA256), and by
 * "Beta", an RSA CA (sha256WithRSAEncryption). Tests of certificate_authorities and
 * signature_algorithms_cert give a client both chains and check which one it presents. Generated
 * once per test JVM.
 */
public final class TwoIssuers {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair LEAF = keyPair("EC");
    public static final X500Name ALPHA = new X500Name("CN=Alpha client CA, O=jtls test");
    public static final X500Name BETA = new X500Name("CN=Beta client CA, O=jtls test");
    /** {leaf, Alpha}: leaf and CA signed with ecdsa-with-SHA256. */
    public static final CertifiedKey ALPHA_ISSUED = chain(ALPHA, keyPair("EC"), "SHA256withECDSA");
    /** {leaf, Beta}: leaf and CA signed with sha256WithRSAEncryption. */
    public static final CertifiedKey BETA_ISSUED = chain(BETA, keyPair("RSA"), "SHA256withRSA");

    private TwoIssuers() {
    }

    /** The chain issued by {@code issuer} (one of {@link #ALPHA}, {@link #BETA}). */
    public static CertifiedKey issuedBy(X500Name issuer) {
        return issuer.equals(ALPHA) ? ALPHA_ISSUED : BETA_ISSUED;
    }

    /** The other of the two chains. */
    public static CertifiedKey notIssuedBy(X500Name issuer) {
        return issuer.equals(ALPHA) ? BETA_ISSUED : ALPHA_ISSUED;
    }

    /** The DER encoding of {@code name}, as certificate_authorities carries it. */
    public static byte[] der(X500Name name) {
        try {
            return name.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared leaf key as PKCS#8 DER. */
    public static byte[] leafPkcs8() {
        return LEAF.getPrivate().getEncoded();
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

    private static CertifiedKey chain(X500Name caName, KeyPair ca, String signatureAlgorithm) {
        X500Name leafName = new X500Name("CN=jtls test client, O=jtls test");
        byte[] caDer = certificate(caName, caName, ca.getPublic(), ca.getPrivate(), signatureAlgorithm, true);
        byte[] leafDer = certificate(leafName, caName, LEAF.getPublic(), ca.getPrivate(), signatureAlgorithm, false);
        return new CertifiedKey(List.of(leafDer, caDer),
                KeyMaterials.ecPrivateKey(EcCurve.P256, ((ECPrivateKey) LEAF.getPrivate()).getS()));
    }

    private static byte[] certificate(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signer,
            String signatureAlgorithm, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(RANDOM.nextInt(Integer.MAX_VALUE) + 1L), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, key);
            if (ca) {
                builder.addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                        new org.bouncycastle.asn1.x509.BasicConstraints(true));
            }
            return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(signer)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
