package org.jtls.handshake;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.KeyMaterials;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;

/** Self-signed certificates and keys for handshake tests, made with the JDK and bcpkix. */
final class TestCredentials {
    private TestCredentials() {
    }

    static CertifiedKey rsa(int bits) {
        return create("RSA", bits, null, "SHA256withRSA");
    }

    static CertifiedKey ec(EcCurve curve) {
        String signature = switch (curve) {
            case P256 -> "SHA256withECDSA";
            case P384 -> "SHA384withECDSA";
            case P521 -> "SHA512withECDSA";
        };
        return create("EC", 0, curve, signature);
    }

    static CertifiedKey ed25519() {
        return create("Ed25519", 0, null, "Ed25519");
    }

    private static CertifiedKey create(String algorithm, int bits, EcCurve curve, String signatureAlgorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            } else if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve.secName()));
            }
            KeyPair pair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=localhost, O=jtls test");
            byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                    pair.getPublic())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate()))
                    .getEncoded();
            return new CertifiedKey(List.of(der), material(pair));
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
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
        // Ed25519 PKCS#8 (RFC 8410): the last 32 bytes are the seed.
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        return KeyMaterials.edPrivateKey(EdwardsCurve.ED25519, Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }
}
