package org.jtls.x509.pkcs12;

import static org.jtls.x509.key.KeyChecks.CRYPTO;
import static org.jtls.x509.key.KeyChecks.RANDOM;
import static org.jtls.x509.key.KeyChecks.assertSignsFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PBMAC1Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.WrongPassphraseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PKCS#12 files made by Bouncy Castle's PKCS#12 builder (PBMAC1, triple-DES, PBES2, BER) and by
 * the JDK's own {@code KeyStore} implementation.
 */
class BouncyCastleAndJdkPkcs12Test {
    private static final Provider BC = new BouncyCastleProvider();
    private static final char[] PASSWORD = "pkcs12 password".toCharArray();
    private static KeyPair keyPair;
    private static X509Certificate certificate;

    @BeforeAll
    static void makeKeyAndCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=jtls pkcs12");
        Date now = new Date();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L), name, keyPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(keyPair.getPrivate())));
    }

    private static byte[] bcPfx(PKCS12MacCalculatorBuilder mac, OutputEncryptor keyEncryptor,
            OutputEncryptor certificateEncryptor, String encoding) throws Exception {
        PKCS12SafeBag certificateBag = new JcaPKCS12SafeBagBuilder(certificate)
                .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("bc entry"))
                .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {1, 2, 3}))
                .build();
        PKCS12SafeBag keyBag = new JcaPKCS12SafeBagBuilder(keyPair.getPrivate(), keyEncryptor)
                .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString("bc entry"))
                .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {1, 2, 3}))
                .build();
        PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
        builder.addEncryptedData(certificateEncryptor, certificateBag);
        builder.addData(keyBag);
        PKCS12PfxPdu pfx = builder.build(mac, PASSWORD);
        return pfx.getEncoded(encoding);
    }

    private static OutputEncryptor tripleDes() {
        return new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                CBCBlockCipher.newInstance(new DESedeEngine())).build(PASSWORD);
    }

    private static OutputEncryptor aes256() throws Exception {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC).setProvider(BC)
                .setIterationCount(1000).setRandom(RANDOM).build(PASSWORD);
    }

    private static PKCS12MacCalculatorBuilder sha256Mac() {
        return new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE));
    }

    private static void assertEntry(Pkcs12Contents contents) throws Exception {
        Pkcs12KeyEntry entry = contents.singleKeyEntry();
        Certificate ours = Certificate.parse(certificate.getEncoded());
        assertEquals(List.of(ours), entry.chain());
        assertEquals("bc entry", entry.attributes().friendlyName().orElseThrow());
        assertSignsFor(entry.privateKey().key(), ours, SignatureAlgorithm.ECDSA_SHA256);
    }

    @Test
    void readsTripleDesCertificatesAndPbes2Keys() throws Exception {
        byte[] pfx = bcPfx(sha256Mac(), aes256(), tripleDes(), ASN1Encoding.DER);
        Pkcs12Contents contents = Pkcs12Reader.read(pfx, PASSWORD, CRYPTO);
        assertTrue(contents.integrityVerified());
        assertEntry(contents);
    }

    @Test
    void readsPbmac1() throws Exception {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        AlgorithmIdentifier hmacSha256 = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
        PBMAC1Params parameters = new PBMAC1Params(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBKDF2,
                new PBKDF2Params(salt, 1000, 32, hmacSha256)), hmacSha256);
        byte[] pfx = bcPfx(new BcPKCS12PBMac1CalculatorBuilder(parameters), aes256(), aes256(), ASN1Encoding.DER);
        Pkcs12Contents contents = Pkcs12Reader.read(pfx, PASSWORD, CRYPTO);
        assertTrue(contents.integrityVerified());
        assertEntry(contents);
        assertThrows(WrongPassphraseException.class, () -> Pkcs12Reader.read(pfx, "nope".toCharArray(), CRYPTO));
    }

    @Test
    void refusesBerWithAnErrorThatSaysSo() throws Exception {
        byte[] ber = bcPfx(sha256Mac(), aes256(), tripleDes(), ASN1Encoding.BER);
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> Pkcs12Reader.read(ber, PASSWORD, CRYPTO));
        assertTrue(e.getMessage().contains("BER"), e.getMessage());
    }

    @Test
    void readsWhatTheJdkKeyStoreWrites() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        PrivateKey jdkKey = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(keyPair.getPrivate().getEncoded()));
        store.setKeyEntry("jdk entry", jdkKey, PASSWORD, new X509Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);

        Pkcs12Contents contents = Pkcs12Reader.read(out.toByteArray(), PASSWORD, CRYPTO);
        assertTrue(contents.integrityVerified());
        Pkcs12KeyEntry entry = contents.singleKeyEntry();
        assertEquals("jdk entry", entry.attributes().friendlyName().orElseThrow());
        assertFalse(entry.chain().isEmpty());
        assertSignsFor(entry.privateKey().key(), entry.chain().get(0), SignatureAlgorithm.ECDSA_SHA256);
    }
}
