package org.jtls.x509.cert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jtls.crypto.SignatureAlgorithm;

/**
 * Certificates made with bcpkix (test scope only): per key kind a self-signed CA and a leaf it
 * signs that carries every extension jtls decodes, plus v1 and MD5 certificates. What bcpkix was
 * told is kept here so tests can compare each parsed field with it. Key pairs are generated once.
 */
final class CertificateFixtures {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    /** After 2049, so notAfter is a GeneralizedTime while notBefore is a UTCTime. */
    static final Instant NOT_AFTER = Instant.parse("2051-06-30T12:34:56Z");
    static final BigInteger LEAF_SERIAL = new BigInteger("7c5e1f0a9b3d2c4e6f8091a2b3c4d5e6", 16);
    static final BigInteger CA_SERIAL = BigInteger.valueOf(4096);
    static final String LEAF_SUBJECT = "C=DE,ST=Berlin,O=jtls Test GmbH,OU=Engineering,E=admin@example.com,CN=www.example.com";
    static final String LEAF_SUBJECT_RFC4514 =
            "CN=www.example.com,emailAddress=admin@example.com,OU=Engineering,O=jtls Test GmbH,ST=Berlin,C=DE";
    static final String UNKNOWN_CRITICAL_OID = "1.3.6.1.4.1.55555.1.1";
    static final String UNKNOWN_OID = "1.3.6.1.4.1.55555.1.2";
    static final byte[] SCT_LIST = {0x00, 0x05, 0x00, 0x03, 0x01, 0x02, 0x03};

    enum KeyKind {
        RSA_2048("RSA", null, "SHA256withRSA", SignatureAlgorithm.RSA_PKCS1_SHA256),
        RSA_PSS("RSASSA-PSS", null, "SHA256withRSAandMGF1", SignatureAlgorithm.RSA_PSS_SHA256),
        EC_P256("EC", "secp256r1", "SHA256withECDSA", SignatureAlgorithm.ECDSA_SHA256),
        EC_P384("EC", "secp384r1", "SHA384withECDSA", SignatureAlgorithm.ECDSA_SHA384),
        EC_P521("EC", "secp521r1", "SHA512withECDSA", SignatureAlgorithm.ECDSA_SHA512),
        ED25519("Ed25519", null, "Ed25519", SignatureAlgorithm.ED25519),
        ED448("Ed448", null, "Ed448", SignatureAlgorithm.ED448);

        final String keyAlgorithm;
        final String curve;
        final String signatureName;
        final SignatureAlgorithm signatureAlgorithm;

        KeyKind(String keyAlgorithm, String curve, String signatureName, SignatureAlgorithm signatureAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            this.curve = curve;
            this.signatureName = signatureName;
            this.signatureAlgorithm = signatureAlgorithm;
        }

        KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, BC);
                if (curve != null) {
                    generator.initialize(new ECGenParameterSpec(curve));
                } else if (keyAlgorithm.startsWith("RSA")) {
                    generator.initialize(2048);
                }
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A CA and the leaf it signed. */
    record Issued(KeyKind kind, KeyPair caKeys, X509CertificateHolder ca, KeyPair leafKeys, X509CertificateHolder leaf) {
        byte[] caDer() {
            return encoded(ca);
        }

        byte[] leafDer() {
            return encoded(leaf);
        }
    }

    private static final Map<KeyKind, Issued> ISSUED = new EnumMap<>(KeyKind.class);

    private CertificateFixtures() {
    }

    static synchronized Issued issued(KeyKind kind) {
        return ISSUED.computeIfAbsent(kind, CertificateFixtures::issue);
    }

    static X500Name caName(KeyKind kind) {
        return new X500Name("C=US,O=jtls test,CN=jtls test CA " + kind.name());
    }

    private static Issued issue(KeyKind kind) {
        try {
            KeyPair caKeys = kind.generate();
            KeyPair leafKeys = kind.generate();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X500Name caName = caName(kind);

            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, CA_SERIAL, Date.from(NOT_BEFORE),
                    Date.from(NOT_AFTER), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509CertificateHolder caHolder = ca.build(signer(kind, caKeys.getPrivate()));

            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, LEAF_SERIAL, Date.from(NOT_BEFORE),
                    Date.from(NOT_AFTER), new X500Name(LEAF_SUBJECT), leafKeys.getPublic());
            addEveryExtension(leaf, utils, caKeys.getPublic(), leafKeys.getPublic(), caName);
            return new Issued(kind, caKeys, caHolder, leafKeys, leaf.build(signer(kind, caKeys.getPrivate())));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ContentSigner signer(KeyKind kind, PrivateKey key) {
        return signer(kind.signatureName, key);
    }

    static ContentSigner signer(String signatureName, PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(signatureName).setProvider(BC).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addEveryExtension(X509v3CertificateBuilder leaf, JcaX509ExtensionUtils utils, PublicKey caKey,
            PublicKey leafKey, X500Name caName) throws CertIOException {
        leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                | KeyUsage.decipherOnly));
        leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.getInstance(
                        new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.3.1"))}));
        leaf.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "www.example.com"),
                new GeneralName(GeneralName.dNSName, "*.example.org"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.1"),
                new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                new GeneralName(GeneralName.rfc822Name, "admin@example.com"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "https://www.example.com/"),
                new GeneralName(new X500Name("O=Directory,CN=dir name")),
                new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                        new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
                        new DERTaggedObject(true, 0, new DERUTF8String("upn@example.com"))}))}));
        leaf.addExtension(Extension.issuerAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "https://ca.example.com/")));
        leaf.addExtension(Extension.nameConstraints, true, new NameConstraints(
                new GeneralSubtree[] {
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, "example.com")),
                    new GeneralSubtree(new GeneralName(GeneralName.iPAddress, "192.0.2.0/255.255.255.0")),
                    new GeneralSubtree(new GeneralName(new X500Name("C=DE,O=jtls Test GmbH")))},
                new GeneralSubtree[] {
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, "bad.example.com"), BigInteger.ONE,
                            BigInteger.valueOf(5)),
                    new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, "example.net"))}));
        leaf.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation[] {
                new PolicyInformation(new ASN1ObjectIdentifier("2.23.140.1.2.2")),
                new PolicyInformation(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2.1"),
                        new DERSequence(new PolicyQualifierInfo("https://cps.example.com/")))}));
        leaf.addExtension(Extension.policyMappings, false, new DERSequence(new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2.1"), new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2.2")})));
        leaf.addExtension(Extension.policyConstraints, true, new PolicyConstraints(BigInteger.ZERO, BigInteger.valueOf(3)));
        leaf.addExtension(Extension.inhibitAnyPolicy, true, new ASN1Integer(2));
        leaf.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(
                utils.createSubjectKeyIdentifier(caKey).getKeyIdentifier(), new GeneralNames(new GeneralName(caName)),
                CA_SERIAL));
        leaf.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(leafKey));
        leaf.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://ocsp.example.com")),
                new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.example.com/ca.crt"))}));
        leaf.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.example.com/ca.crl"))),
                        new ReasonFlags(ReasonFlags.keyCompromise | ReasonFlags.cACompromise),
                        new GeneralNames(new GeneralName(caName))),
                new DistributionPoint(new DistributionPointName(DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER,
                        new RDN(BCStyle.CN, new DERPrintableString("crl shard 7")).toASN1Primitive()), null, null)}));
        leaf.addExtension(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.24"), false,
                new DERSequence(new ASN1Integer(5)));
        leaf.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false, new DEROctetString(SCT_LIST));
        leaf.addExtension(new ASN1ObjectIdentifier(UNKNOWN_CRITICAL_OID), true, DERNull.INSTANCE);
        leaf.addExtension(new ASN1ObjectIdentifier(UNKNOWN_OID), false, new DERUTF8String("kept raw"));
    }

    /** A v1 certificate (no extensions), self-signed. */
    static byte[] v1Certificate(KeyKind kind) {
        KeyPair keys = issued(kind).caKeys();
        X500Name name = new X500Name("C=US,CN=jtls v1 " + kind.name());
        X509v1CertificateBuilder builder = new X509v1CertificateBuilder(name, BigInteger.valueOf(1), Date.from(NOT_BEFORE),
                Date.from(NOT_AFTER), name, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        return encoded(builder.build(signer(kind, keys.getPrivate())));
    }

    /** A self-signed certificate with any signature algorithm bcpkix knows ({@code MD5withRSA}, ...). */
    static byte[] selfSigned(String signatureName, KeyPair keys) {
        X500Name name = new X500Name("CN=jtls " + signatureName);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(NOT_BEFORE),
                Date.from(NOT_AFTER), name, keys.getPublic());
        return encoded(builder.build(signer(signatureName, keys.getPrivate())));
    }

    static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
