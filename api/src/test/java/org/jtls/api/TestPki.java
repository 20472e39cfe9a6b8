package org.jtls.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificateBuilder;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;

/**
 * A small CA with certificates for socket tests, made with jtls's {@link CertificateBuilder}
 * (P-256 keys, which are quick to make). One instance is shared by a test class.
 */
final class TestPki {
    static final SecureRandom RANDOM = new SecureRandom();
    static final CryptoBackend CRYPTO = CryptoBackends.defaultBackend();

    /** A certificate and its key. */
    record Identity(SslCertificate certificate, SslKey key, List<SslCertificate> chain) {
        SslConfiguration serverConfiguration() {
            return SslConfiguration.builder().localCertificateChain(chain).privateKey(key).build();
        }
    }

    final Identity ca;
    /** For localhost and 127.0.0.1, issued by {@link #ca}. */
    final Identity server;
    /** For client authentication, issued by {@link #ca}. */
    final Identity client;
    /** Self-signed, for localhost. */
    final Identity selfSigned;
    /** Issued by {@link #ca} for localhost, expired a day ago. */
    final Identity expired;

    TestPki() {
        Instant now = Instant.now();
        PrivateKeyMaterial caKey = newKey();
        Certificate caCertificate = CertificateBuilder.create().randomSerialNumber(RANDOM)
                .subject(AttributeTypeAndValue.of(AttributeType.ORGANIZATION, "jtls tests"),
                        AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "jtls test CA"))
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
                .basicConstraints(BasicConstraints.ca(OptionalInt.empty()))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN, KeyUsage.Bit.CRL_SIGN)
                .selfSign(caKey, CRYPTO, RANDOM);
        ca = identity(caCertificate, caKey, null);
        server = issue("localhost", caKey, caCertificate, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)),
                KeyPurpose.SERVER_AUTH);
        client = issue("jtls test client", caKey, caCertificate, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(7)), KeyPurpose.CLIENT_AUTH);
        expired = issue("localhost", caKey, caCertificate, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)),
                KeyPurpose.SERVER_AUTH);
        PrivateKeyMaterial selfKey = newKey();
        Certificate self = CertificateBuilder.create().randomSerialNumber(RANDOM)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "localhost"))
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)))
                .dnsNames("localhost").ipAddresses(loopback())
                .selfSign(selfKey, CRYPTO, RANDOM);
        selfSigned = identity(self, selfKey, null);
    }

    private Identity issue(String commonName, PrivateKeyMaterial caKey, Certificate caCertificate, Instant from,
            Instant until, KeyPurpose purpose) {
        PrivateKeyMaterial key = newKey();
        CertificateBuilder builder = CertificateBuilder.create().randomSerialNumber(RANDOM)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, commonName))
                .issuedBy(caCertificate, CRYPTO)
                .validity(from, until)
                .publicKey(key.publicKey())
                .basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE)
                .extendedKeyUsage(purpose);
        if (purpose == KeyPurpose.SERVER_AUTH) {
            builder.dnsNames(commonName).ipAddresses(loopback());
        }
        return identity(builder.sign(caKey, CRYPTO, RANDOM), key, caCertificate);
    }

    private static Identity identity(Certificate certificate, PrivateKeyMaterial key, Certificate issuer) {
        SslCertificate leaf = SslCertificate.of(certificate);
        List<SslCertificate> chain = issuer == null ? List.of(leaf) : List.of(leaf, SslCertificate.of(issuer));
        return new Identity(leaf, SslKey.ofPrivateKey(key), chain);
    }

    private static PrivateKeyMaterial newKey() {
        return CRYPTO.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), RANDOM).privateKey();
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A client configuration trusting only this CA. */
    SslConfiguration clientTrustingCa() {
        return SslConfiguration.builder().caCertificates(List.of(ca.certificate())).build();
    }
}
