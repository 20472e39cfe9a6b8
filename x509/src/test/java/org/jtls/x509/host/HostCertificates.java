package org.jtls.x509.host;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;

/**
 * Self-signed certificates made with bcpkix (test scope) whose subjectAltName and subject are
 * exactly what a test asks for. SAN entries are written {@code DNS:...}, {@code IP:...} (text bcpkix
 * parses), {@code IPHEX:...} (raw octets), {@code email:...} and {@code URI:...}.
 */
final class HostCertificates {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final KeyPair KEYS = generateKeys();

    private HostCertificates() {
    }

    /** A certificate with this subject and these SAN entries; no subjectAltName extension when {@code san} is null. */
    static Certificate certificate(String subject, List<String> san) {
        try {
            X500Name name = new X500Name(subject);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(7),
                    Date.from(Instant.parse("2024-01-01T00:00:00Z")), Date.from(Instant.parse("2034-01-01T00:00:00Z")),
                    name, KEYS.getPublic());
            if (san != null) {
                GeneralName[] names = san.stream().map(HostCertificates::generalName).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                    .build(KEYS.getPrivate())).getEncoded();
            return Certificate.parse(der);
        } catch (IOException | OperatorCreationException | DerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate with subject {@code CN=test} and these SAN entries. */
    static Certificate withSan(String... san) {
        return certificate("CN=test", List.of(san));
    }

    private static GeneralName generalName(String entry) {
        int colon = entry.indexOf(':');
        String kind = entry.substring(0, colon);
        String value = entry.substring(colon + 1);
        return switch (kind) {
            case "DNS" -> new GeneralName(GeneralName.dNSName, value);
            case "IP" -> new GeneralName(GeneralName.iPAddress, value);
            case "IPHEX" -> new GeneralName(GeneralName.iPAddress, new DEROctetString(HexFormat.of().parseHex(value)));
            case "email" -> new GeneralName(GeneralName.rfc822Name, value);
            case "URI" -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
            default -> throw new IllegalArgumentException("unknown SAN kind " + kind);
        };
    }

    private static KeyPair generateKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
