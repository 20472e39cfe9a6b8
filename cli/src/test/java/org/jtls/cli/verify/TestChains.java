package org.jtls.cli.verify;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.cli.json.JsonWriter;
import org.jtls.x509.pem.Pem;

/** A root, an intermediate and a TLS server leaf made with bcpkix (test scope), as PEM, plus CRLs and case lines. */
public final class TestChains {
    public static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(7000);

    public final String rootPem;
    public final String caPem;
    public final String leafPem;
    public final BigInteger leafSerial;
    private final KeyPair rootKeys;
    private final KeyPair caKeys;

    public TestChains() {
        rootKeys = keyPair();
        caKeys = keyPair();
        KeyPair leafKeys = keyPair();
        rootPem = certificate("CN=CLI Root", rootKeys, "CN=CLI Root", rootKeys, true);
        caPem = certificate("CN=CLI Root", rootKeys, "CN=CLI CA", caKeys, true);
        leafSerial = BigInteger.valueOf(SERIALS.incrementAndGet());
        leafPem = certificate("CN=CLI CA", caKeys, "CN=leaf.example", leafKeys, false, leafSerial);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String certificate(String issuer, KeyPair issuerKeys, String subject, KeyPair keys, boolean ca) {
        return certificate(issuer, issuerKeys, subject, keys, ca, BigInteger.valueOf(SERIALS.incrementAndGet()));
    }

    private static String certificate(String issuer, KeyPair issuerKeys, String subject, KeyPair keys, boolean ca,
            BigInteger serial) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                    Date.from(NOW.minus(Duration.ofDays(30))), Date.from(NOW.plus(Duration.ofDays(30))),
                    new X500Name(subject), keys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "leaf.example")));
            }
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                    .build(issuerKeys.getPrivate())).getEncoded();
            return Pem.encode("CERTIFICATE", der);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A current CRL of the root (ca: false) or the intermediate (ca: true), revoking {@code revoked}. */
    public String crlPem(boolean ofIntermediate, BigInteger... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    new X500Name(ofIntermediate ? "CN=CLI CA" : "CN=CLI Root"), Date.from(NOW.minus(Duration.ofDays(1))));
            builder.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(7))));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.keyCompromise);
            }
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                    .build((ofIntermediate ? caKeys : rootKeys).getPrivate())).getEncoded();
            return Pem.encode("X509 CRL", der);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A case line of the batch format validating this chain at {@link #NOW}, with extra or replaced fields. */
    public String caseLine(String id, Map<String, Object> overrides) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("purpose", "serverAuth");
        line.put("trusted", List.of(rootPem));
        line.put("intermediates", List.of(caPem));
        line.put("leaf", leafPem);
        line.put("crls", List.of());
        line.put("revocation", "none");
        line.put("time", NOW.getEpochSecond());
        line.put("server_name", null);
        line.put("server_name_type", null);
        line.put("peer_names", List.of());
        line.put("required_eku", List.of());
        line.put("required_key_usage", List.of());
        line.put("max_chain_depth", null);
        line.put("policy", null);
        line.putAll(overrides);
        return JsonWriter.write(line);
    }
}
