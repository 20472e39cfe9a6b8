package org.jtls.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.jtls.api.SslKey;
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
 * PEM files for the client and server tests, written to a directory: a CA ({@code ca.pem}), a
 * server certificate for localhost and 127.0.0.1 ({@code server.pem}, {@code server.key}, ECDSA
 * P-256), an RSA one for the same names ({@code server-rsa.pem}, {@code server-rsa.key}), a client
 * certificate ({@code client.pem}, {@code client.key}), and a second CA with a client certificate
 * it issued ({@code other-ca.pem}, {@code stranger.pem}, {@code stranger.key}); also the CA's key
 * ({@code ca.key}, to sign OCSP responses) and the server key encrypted with {@link #PASSPHRASE}
 * ({@code server-encrypted.key}).
 */
record TestPki(Path directory) {
    static final String CA_NAME = "jtls test CA";
    static final String CLIENT_NAME = "jtls test client";
    /** Of {@code server-encrypted.key}, the server key in encrypted PKCS#8. */
    static final String PASSPHRASE = "correct horse";

    static TestPki create(Path directory) throws IOException {
        CryptoBackend crypto = CryptoBackends.defaultBackend();
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now();
        PrivateKeyMaterial caKey = ecKey(crypto, random);
        Certificate ca = ca(CA_NAME, caKey, crypto, random, now);
        PrivateKeyMaterial serverKey = ecKey(crypto, random);
        PrivateKeyMaterial rsaKey = crypto.generateKeyPair(KeyPairSpec.rsa(2048), random).privateKey();
        PrivateKeyMaterial clientKey = ecKey(crypto, random);
        PrivateKeyMaterial otherCaKey = ecKey(crypto, random);
        Certificate otherCa = ca("another CA", otherCaKey, crypto, random, now);
        PrivateKeyMaterial strangerKey = ecKey(crypto, random);

        write(directory.resolve("ca.pem"), ca.toPem());
        write(directory.resolve("ca.key"), SslKey.ofPrivateKey(caKey).toPem());
        write(directory.resolve("other-ca.pem"), otherCa.toPem());
        write(directory.resolve("server.pem"), server(serverKey, ca, caKey, crypto, random, now).toPem());
        write(directory.resolve("server.key"), SslKey.ofPrivateKey(serverKey).toPem());
        write(directory.resolve("server-encrypted.key"),
                SslKey.ofPrivateKey(serverKey).toPem(PASSPHRASE.toCharArray(), 1_000, random));
        write(directory.resolve("server-rsa.pem"), server(rsaKey, ca, caKey, crypto, random, now).toPem());
        write(directory.resolve("server-rsa.key"), SslKey.ofPrivateKey(rsaKey).toPem());
        write(directory.resolve("client.pem"), client(CLIENT_NAME, clientKey, ca, caKey, crypto, random, now).toPem());
        write(directory.resolve("client.key"), SslKey.ofPrivateKey(clientKey).toPem());
        write(directory.resolve("stranger.pem"),
                client("stranger", strangerKey, otherCa, otherCaKey, crypto, random, now).toPem());
        write(directory.resolve("stranger.key"), SslKey.ofPrivateKey(strangerKey).toPem());
        return new TestPki(directory);
    }

    String path(String name) {
        return directory.resolve(name).toString();
    }

    private static PrivateKeyMaterial ecKey(CryptoBackend crypto, SecureRandom random) {
        return crypto.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), random).privateKey();
    }

    private static Certificate ca(String name, PrivateKeyMaterial key, CryptoBackend crypto, SecureRandom random,
            Instant now) {
        return CertificateBuilder.create().randomSerialNumber(random)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, name))
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)))
                .basicConstraints(BasicConstraints.ca(OptionalInt.of(0)))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN, KeyUsage.Bit.CRL_SIGN)
                .selfSign(key, crypto, random);
    }

    private static Certificate server(PrivateKeyMaterial key, Certificate ca, PrivateKeyMaterial caKey,
            CryptoBackend crypto, SecureRandom random, Instant now) throws IOException {
        return CertificateBuilder.create().randomSerialNumber(random)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "localhost"))
                .issuedBy(ca, crypto)
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)))
                .publicKey(key.publicKey())
                .basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE, KeyUsage.Bit.KEY_ENCIPHERMENT)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH)
                .dnsNames("localhost")
                .ipAddresses(InetAddress.getByName("127.0.0.1"))
                .sign(caKey, crypto, random);
    }

    private static Certificate client(String name, PrivateKeyMaterial key, Certificate ca, PrivateKeyMaterial caKey,
            CryptoBackend crypto, SecureRandom random, Instant now) {
        return CertificateBuilder.create().randomSerialNumber(random)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, name))
                .issuedBy(ca, crypto)
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)))
                .publicKey(key.publicKey())
                .basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.CLIENT_AUTH)
                .sign(caKey, crypto, random);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
