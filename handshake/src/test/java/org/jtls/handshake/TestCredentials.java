package org.jtls.handshake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.KeyMaterials;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;

/** Self-signed certificates and keys for handshake tests, made with the JDK and bcpkix. */
public final class TestCredentials {
    private TestCredentials() {
    }

    /**
     * One self-signed credential in the forms the tests need: ours, and the JDK's (for SunJSSE and for
     * writing PEM files that other TLS implementations read).
     */
    public record Credential(CertifiedKey certifiedKey, X509Certificate certificate, PrivateKey privateKey) {
        public byte[] certificateDer() {
            return certifiedKey.chain().get(0);
        }

        /**
         * The private key as PKCS#8 PrivateKeyInfo (RFC 5208), DER. The JDK leaves the optional
         * publicKey out of an EC key's ECPrivateKey (RFC 5915 §3); GnuTLS 3.7 refuses such a key
         * ("ASN1 parser: Element was not found"), so EC keys get their public point added.
         */
        public byte[] pkcs8PrivateKey() {
            byte[] encoded = privateKey.getEncoded();
            if (!(privateKey instanceof ECPrivateKey ec)) {
                return encoded;
            }
            ECPublicKey publicKey = (ECPublicKey) certificate.getPublicKey();
            int fieldBytes = (publicKey.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            // SEC 1 §2.3.3 uncompressed point: 04 || X || Y, each coordinate left-padded to the field size.
            byte[] point = new byte[1 + 2 * fieldBytes];
            point[0] = 4;
            copyRightAligned(publicKey.getW().getAffineX(), point, 1, fieldBytes);
            copyRightAligned(publicKey.getW().getAffineY(), point, 1 + fieldBytes, fieldBytes);
            try {
                PrivateKeyInfo jdkInfo = PrivateKeyInfo.getInstance(encoded);
                org.bouncycastle.asn1.sec.ECPrivateKey withPublicKey = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        publicKey.getParams().getOrder().bitLength(), ec.getS(), new DERBitString(point), null);
                return new PrivateKeyInfo(jdkInfo.getPrivateKeyAlgorithm(), withPublicKey).getEncoded();
            } catch (IOException e) {
                throw new UncheckedIOException("could not re-encode the EC private key", e);
            }
        }

        private static void copyRightAligned(BigInteger value, byte[] destination, int offset, int length) {
            byte[] bytes = value.toByteArray();
            int start = bytes.length > length ? bytes.length - length : 0;
            int count = bytes.length - start;
            System.arraycopy(bytes, start, destination, offset + length - count, count);
        }
    }

    static CertifiedKey rsa(int bits) {
        return rsaCredential(bits, "localhost").certifiedKey();
    }

    static CertifiedKey ec(EcCurve curve) {
        return ecCredential(curve, "localhost").certifiedKey();
    }

    static CertifiedKey ed25519() {
        return ed25519Credential("localhost").certifiedKey();
    }

    static CertifiedKey ed448() {
        return create("Ed448", 0, null, "Ed448", "localhost").certifiedKey();
    }

    public static Credential rsaCredential(int bits, String commonName) {
        return create("RSA", bits, null, "SHA256withRSA", commonName);
    }

    public static Credential ecCredential(EcCurve curve, String commonName) {
        String signature = switch (curve) {
            case P256 -> "SHA256withECDSA";
            case P384 -> "SHA384withECDSA";
            case P521 -> "SHA512withECDSA";
        };
        return create("EC", 0, curve, signature, commonName);
    }

    /** An id-RSASSA-PSS key (RFC 4055), usable only for rsa_pss_pss_* signatures. */
    public static Credential rsaPssCredential(int bits, String commonName) {
        return create("RSASSA-PSS", bits, null, "SHA256withRSAandMGF1", commonName);
    }

    public static Credential ed25519Credential(String commonName) {
        return create("Ed25519", 0, null, "Ed25519", commonName);
    }

    private static Credential create(String algorithm, int bits, EcCurve curve, String signatureAlgorithm,
            String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            } else if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve.secName()));
            }
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + commonName + ", O=jtls test");
            byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                    pair.getPublic())
                    .addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                            new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                                    org.bouncycastle.asn1.x509.GeneralName.dNSName, commonName)))
                    .build(signerBuilder(signatureAlgorithm).build(pair.getPrivate()))
                    .getEncoded();
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            boolean pssOnly = algorithm.equals("RSASSA-PSS");
            return new Credential(new CertifiedKey(List.of(der), material(pair), pssOnly), certificate,
                    pair.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    private static JcaContentSignerBuilder signerBuilder(String signatureAlgorithm) {
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(signatureAlgorithm);
        // The JDK has RSASSA-PSS, but not under the name bcpkix asks for; Bouncy Castle's provider does.
        return signatureAlgorithm.endsWith("andMGF1") ? builder.setProvider(new BouncyCastleProvider()) : builder;
    }

    private static PrivateKeyMaterial material(KeyPair pair) {
        if (pair.getPrivate() instanceof RSAPrivateCrtKey rsa) {
            return new RsaPrivateKey(rsa.getModulus(), rsa.getPublicExponent(), rsa.getPrivateExponent(),
                    rsa.getPrimeP(), rsa.getPrimeQ(), rsa.getPrimeExponentP(), rsa.getPrimeExponentQ(),
                    rsa.getCrtCoefficient());
        }
        if (pair.getPrivate() instanceof ECPrivateKey ec) {
            int fieldBits = ((ECPublicKey) pair.getPublic()).getParams().getCurve().getField().getFieldSize();
            EcCurve curve = fieldBits == 256 ? EcCurve.P256 : fieldBits == 384 ? EcCurve.P384 : EcCurve.P521;
            return KeyMaterials.ecPrivateKey(curve, ec.getS());
        }
        // Ed25519/Ed448 PKCS#8 (RFC 8410): the last 32 (57) bytes are the seed.
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        if (((java.security.interfaces.EdECPrivateKey) pair.getPrivate()).getParams().getName().equals("Ed448")) {
            return KeyMaterials.edPrivateKey(EdwardsCurve.ED448, Arrays.copyOfRange(pkcs8, pkcs8.length - 57, pkcs8.length));
        }
        return KeyMaterials.edPrivateKey(EdwardsCurve.ED25519, Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }
}
