package org.jtls.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyMaterials;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.handshake.CertifiedKey;

/**
 * A server identity for the benchmarks: a fresh key pair and a self-signed certificate for it
 * (issued with bcpkix), handed out in the forms jtls ({@link #certifiedKey()}) and SunJSSE
 * ({@link #keyManagers()}) take, so both implementations present the same certificate and key.
 */
final class ServerCredentials {
    /** The name {@link #selfSignedForLoopback} certifies. */
    static final String LOOPBACK_HOST_NAME = "localhost";
    private static final char[] KEY_STORE_PASSWORD = "benchmark".toCharArray();

    private final ServerKey kind;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private ServerCredentials(ServerKey kind, KeyPair keys, X509Certificate certificate) {
        this.kind = kind;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new key pair of {@code kind} with a certificate for {@code hostName}, valid from yesterday for 30 days. */
    static ServerCredentials selfSigned(ServerKey kind, String hostName, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException {
        return issue(kind, hostName, null, random);
    }

    /**
     * As {@link #selfSigned}, for {@code localhost} with a subjectAltName of DNS name
     * {@code localhost} and IP address 127.0.0.1, so clients that check the server's name
     * (RFC 6125/9525 look only at subjectAltName) accept it on loopback.
     */
    static ServerCredentials selfSignedForLoopback(ServerKey kind, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException {
        GeneralNames loopbackNames = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, LOOPBACK_HOST_NAME),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        return issue(kind, LOOPBACK_HOST_NAME, loopbackNames, random);
    }

    private static ServerCredentials issue(ServerKey kind, String hostName, GeneralNames subjectAltNames,
            SecureRandom random) throws GeneralSecurityException, OperatorCreationException {
        KeyPair keys = kind.keyPairGenerator(random).generateKeyPair();
        X500Name name = new X500Name("CN=" + hostName);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                keys.getPublic());
        if (subjectAltNames != null) {
            try {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            } catch (CertIOException e) {
                throw new IllegalStateException("cannot encode the subjectAltName extension", e);
            }
        }
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(kind.certificateSignatureAlgorithm())
                .setSecureRandom(random).build(keys.getPrivate()));
        return new ServerCredentials(kind, keys, new JcaX509CertificateConverter().getCertificate(holder));
    }

    ServerKey kind() {
        return kind;
    }

    X509Certificate certificate() {
        return certificate;
    }

    PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** The certificate and key as jtls's server takes them. */
    CertifiedKey certifiedKey() throws GeneralSecurityException {
        return new CertifiedKey(List.of(certificate.getEncoded()), privateKeyMaterial());
    }

    /** The private key as jtls takes it. */
    PrivateKeyMaterial privateKeyMaterial() {
        PrivateKey privateKey = keys.getPrivate();
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            return new RsaPrivateKey(rsa.getModulus(), rsa.getPublicExponent(), rsa.getPrivateExponent(),
                    rsa.getPrimeP(), rsa.getPrimeQ(), rsa.getPrimeExponentP(), rsa.getPrimeExponentQ(),
                    rsa.getCrtCoefficient());
        }
        if (privateKey instanceof ECPrivateKey ec && kind == ServerKey.ECDSA_P256) {
            return KeyMaterials.ecPrivateKey(EcCurve.P256, ec.getS());
        }
        throw new IllegalStateException("no jtls form for a " + privateKey.getAlgorithm() + " key of kind " + kind);
    }

    /** The certificate and key as SunJSSE's server takes them: key managers over a one-entry key store. */
    KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("server", keys.getPrivate(), KEY_STORE_PASSWORD, new X509Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(identity, KEY_STORE_PASSWORD);
        return factory.getKeyManagers();
    }
}
