package org.jtls.x509.path;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.crl.CertificateList;
import org.jtls.x509.der.DerException;

/**
 * A small PKI made with bcpkix (test scope only) for path validation tests: CAs and leaves with
 * P-256 keys, every field and extension adjustable through a {@link Spec}, and CRLs. Each
 * {@link Node} keeps its key pair, its bcpkix holder, its jtls {@link Certificate} and the JDK's
 * {@link X509Certificate}, so the same chain can go to jtls and to the JDK's PKIX validator.
 */
final class TestPki {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** The validation time of the tests; certificates are valid a year around it by default. */
    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestPki() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What to put in a certificate; defaults make a valid CA or leaf. */
    static final class Spec {
        X500Name subject;
        KeyPair keys = newKeyPair();
        BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
        Instant notBefore = NOW.minus(Duration.ofDays(365));
        Instant notAfter = NOW.plus(Duration.ofDays(365));
        String signatureAlgorithm = "SHA256withECDSA";
        /** null: no basicConstraints extension. */
        Boolean ca;
        Integer pathLen;
        /** null: no key usage extension. */
        Integer keyUsage;
        List<KeyPurposeId> extendedKeyUsage = new ArrayList<>();
        List<GeneralName> subjectAltNames = new ArrayList<>();
        List<GeneralSubtree> permitted = new ArrayList<>();
        List<GeneralSubtree> excluded = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        boolean authorityKeyId = true;
        boolean subjectKeyId = true;
        /** Extra extensions: OID, criticality and DER value. */
        List<Object[]> extra = new ArrayList<>();
        /** When set, the certificate is signed by this key instead of the issuer's (a bad signature). */
        KeyPair wrongSigner;

        Spec subject(String name) {
            subject = new X500Name(name);
            return this;
        }

        Spec dns(String... names) {
            for (String name : names) {
                subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
            }
            return this;
        }

        Spec ip(String address) {
            subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        Spec email(String address) {
            subjectAltNames.add(new GeneralName(GeneralName.rfc822Name, address));
            return this;
        }

        Spec permit(int tag, String base) {
            permitted.add(subtree(tag, base));
            return this;
        }

        Spec exclude(int tag, String base) {
            excluded.add(subtree(tag, base));
            return this;
        }

        private static GeneralSubtree subtree(int tag, String base) {
            return new GeneralSubtree(tag == GeneralName.directoryName
                    ? new GeneralName(new X500Name(base)) : new GeneralName(tag, base));
        }

        Spec eku(KeyPurposeId... purposes) {
            extendedKeyUsage.addAll(List.of(purposes));
            return this;
        }

        Spec extension(String oid, boolean critical, ASN1Encodable value) {
            extra.add(new Object[] {oid, critical, value});
            return this;
        }
    }

    /** A certificate with its keys, in the three forms the tests need. */
    record Node(X500Name name, KeyPair keys, X509CertificateHolder holder, Certificate certificate,
            X509Certificate jdk) {

        /** A CA issued by this one: cA, keyCertSign and cRLSign. */
        Node issueCa(String subject) {
            return issueCa(subject, spec -> {
            });
        }

        Node issueCa(String subject, Consumer<Spec> adjust) {
            Spec spec = caSpec(subject);
            adjust.accept(spec);
            return issue(this, spec);
        }

        /** A TLS server leaf issued by this CA for {@code dnsName}. */
        Node issueLeaf(String dnsName) {
            return issueLeaf(dnsName, spec -> {
            });
        }

        Node issueLeaf(String dnsName, Consumer<Spec> adjust) {
            Spec spec = new Spec().subject("CN=" + dnsName).dns(dnsName);
            spec.keyUsage = KeyUsage.digitalSignature;
            spec.extendedKeyUsage.add(KeyPurposeId.id_kp_serverAuth);
            adjust.accept(spec);
            return issue(this, spec);
        }

        /** A CRL signed by this CA, listing {@code revoked} serials as keyCompromise. */
        CertificateList crl(Consumer<X509v2CRLBuilder> adjust, BigInteger... revoked) {
            return crlAt(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), adjust, revoked);
        }

        /** A CRL signed by this CA with these update times. */
        CertificateList crlAt(Instant thisUpdate, Instant nextUpdate, Consumer<X509v2CRLBuilder> adjust,
                BigInteger... revoked) {
            try {
                X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(thisUpdate));
                builder.setNextUpdate(Date.from(nextUpdate));
                for (BigInteger serial : revoked) {
                    builder.addCRLEntry(serial, Date.from(NOW.minus(Duration.ofDays(2))), CRLReason.keyCompromise);
                }
                builder.addExtension(Extension.cRLNumber, false,
                        new org.bouncycastle.asn1.ASN1Integer(SERIALS.incrementAndGet()));
                adjust.accept(builder);
                X509CRLHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                        .build(keys.getPrivate()));
                return CertificateList.parse(holder.getEncoded());
            } catch (IOException | OperatorCreationException | DerException e) {
                throw new IllegalStateException(e);
            }
        }

        CertificateList crl(BigInteger... revoked) {
            return crl(builder -> {
            }, revoked);
        }

        BigInteger serial() {
            return holder.getSerialNumber();
        }
    }

    static Spec caSpec(String subject) {
        Spec spec = new Spec().subject(subject);
        spec.ca = true;
        spec.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
        return spec;
    }

    /** A self-signed root CA. */
    static Node root(String subject) {
        return root(subject, spec -> {
        });
    }

    static Node root(String subject, Consumer<Spec> adjust) {
        Spec spec = caSpec(subject);
        spec.authorityKeyId = false;
        adjust.accept(spec);
        return issue(null, spec);
    }

    /** A certificate of {@code spec} issued by {@code issuer}, or self-signed when it is null. */
    static Node issue(Node issuer, Spec spec) {
        try {
            X500Name issuerName = issuer == null ? spec.subject : issuer.name();
            KeyPair issuerKeys = issuer == null ? spec.keys : issuer.keys();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, spec.serial,
                    Date.from(spec.notBefore), Date.from(spec.notAfter), spec.subject, spec.keys.getPublic());
            if (spec.ca != null) {
                BasicConstraints constraints = !spec.ca ? new BasicConstraints(false)
                        : spec.pathLen != null ? new BasicConstraints(spec.pathLen) : new BasicConstraints(true);
                builder.addExtension(Extension.basicConstraints, true, constraints);
            }
            if (spec.keyUsage != null) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            }
            if (!spec.extendedKeyUsage.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(spec.extendedKeyUsage.toArray(KeyPurposeId[]::new)));
            }
            if (!spec.subjectAltNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(spec.subjectAltNames.toArray(GeneralName[]::new)));
            }
            if (!spec.permitted.isEmpty() || !spec.excluded.isEmpty()) {
                builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
                        spec.permitted.isEmpty() ? null : spec.permitted.toArray(GeneralSubtree[]::new),
                        spec.excluded.isEmpty() ? null : spec.excluded.toArray(GeneralSubtree[]::new)));
            }
            if (!spec.policies.isEmpty()) {
                builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                        spec.policies.stream().map(oid -> new PolicyInformation(new ASN1ObjectIdentifier(oid)))
                                .toArray(PolicyInformation[]::new)));
            }
            if (spec.authorityKeyId) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            }
            if (spec.subjectKeyId) {
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(spec.keys.getPublic()));
            }
            for (Object[] extension : spec.extra) {
                builder.addExtension(new ASN1ObjectIdentifier((String) extension[0]), (Boolean) extension[1],
                        (ASN1Encodable) extension[2]);
            }
            KeyPair signer = spec.wrongSigner != null ? spec.wrongSigner : issuerKeys;
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(spec.signatureAlgorithm)
                    .setProvider(BC).build(signer.getPrivate()));
            byte[] der = holder.getEncoded();
            X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new Node(spec.subject, spec.keys, holder, Certificate.parse(der), jdk);
        } catch (IOException | GeneralSecurityException | OperatorCreationException | DerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unknown extension value: an OCTET STRING. */
    static ASN1Encodable opaqueValue() {
        return new DEROctetString(new byte[] {1, 2, 3});
    }

    static X509CRL jdkCrl(CertificateList crl) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(crl.encoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
