package org.jtls.x509.key;

import static org.jtls.x509.key.KeyChecks.CRYPTO;
import static org.jtls.x509.key.KeyChecks.RANDOM;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.pkcs12.Pkcs12Reader;

/**
 * Random damage to valid key files — a byte changed, inserted or removed, the file cut short —
 * ends in a key or a {@link KeyFormatException}, never in any other exception. The corpus holds
 * every format: PKCS#8, PKCS#1, SEC 1, encrypted PKCS#8, legacy encrypted PEM, and PKCS#12 with
 * and without a MAC, in DER and PEM.
 */
class KeyFileMutationProperties {
    private static final char[] PASSPHRASE = "mutation".toCharArray();
    private static List<Sample> corpus;

    /** A valid file and how to read it. */
    record Sample(String name, byte[] bytes, Reader reader) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Reader {
        void read(byte[] file) throws KeyFormatException;
    }

    static synchronized List<Sample> corpus() throws Exception {
        if (corpus != null) {
            return corpus;
        }
        List<Sample> samples = new ArrayList<>();
        Reader keyReader = file -> PrivateKeyReader.read(file, PASSPHRASE, CRYPTO);
        for (KeyKind kind : KeyKind.values()) {
            PrivateKeyMaterial key = EncryptedPkcs8Properties.key(kind);
            samples.add(new Sample(kind + " PKCS#8 DER", PrivateKeyWriter.pkcs8Der(key), keyReader));
            samples.add(new Sample(kind + " PKCS#8 PEM", ascii(PrivateKeyWriter.pkcs8Pem(key)), keyReader));
            samples.add(new Sample(kind + " encrypted PKCS#8 DER",
                    PrivateKeyWriter.encryptedPkcs8Der(key, PASSPHRASE, 3, RANDOM, CRYPTO), keyReader));
            if (key instanceof RsaPrivateKey rsa) {
                DerWriter writer = new DerWriter();
                Pkcs1RsaPrivateKeys.encode(rsa, writer);
                samples.add(new Sample("PKCS#1 DER", writer.toByteArray(), keyReader));
            } else if (key instanceof EcPrivateKey ec) {
                DerWriter writer = new DerWriter();
                Sec1EcPrivateKeys.encode(ec.curve(), ec.scalar(), ec.publicKey(), true, writer);
                samples.add(new Sample(kind + " SEC 1 DER", writer.toByteArray(), keyReader));
            }
        }
        Provider bc = new BouncyCastleProvider();
        for (KeyKind kind : List.of(KeyKind.RSA, KeyKind.EC_P256)) {
            KeyPair pair = BouncyCastlePrivateKeyTest.keyPair(kind);
            StringWriter legacy = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(legacy)) {
                writer.writeObject(pair.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(bc)
                        .setSecureRandom(RANDOM).build(PASSPHRASE));
            }
            samples.add(new Sample(kind + " legacy encrypted PEM", ascii(legacy.toString()), keyReader));
        }
        KeyPair pair = BouncyCastlePrivateKeyTest.keyPair(KeyKind.EC_P256);
        X500Name name = new X500Name("CN=mutation");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L), name,
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc)
                .build(pair.getPrivate())));
        for (boolean withMac : new boolean[] {true, false}) {
            PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
            builder.addData(new JcaPKCS12SafeBagBuilder(certificate).addBagAttribute(
                    PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {7})).build());
            builder.addData(new JcaPKCS12SafeBagBuilder(pair.getPrivate()).addBagAttribute(
                    PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(new byte[] {7})).build());
            BcPKCS12MacCalculatorBuilder mac = new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(2);
            byte[] pfx = builder.build(withMac ? mac : null, withMac ? PASSPHRASE : null).getEncoded("DER");
            char[] password = withMac ? PASSPHRASE : null;
            samples.add(new Sample("PKCS#12 " + (withMac ? "with" : "without") + " MAC", pfx,
                    file -> Pkcs12Reader.read(file, password, CRYPTO)));
        }
        corpus = List.copyOf(samples);
        return corpus;
    }

    @Provide
    Arbitrary<Sample> samples() throws Exception {
        return Arbitraries.of(corpus());
    }

    /** A damaged copy of a sample, with what was done to it for the report. */
    record Mutation(Sample sample, String description, byte[] bytes) {
        @Override
        public String toString() {
            return sample + ": " + description;
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() throws Exception {
        return samples().flatMap(sample -> {
            int length = sample.bytes().length;
            Arbitrary<Integer> position = Arbitraries.integers().between(0, length - 1);
            Arbitrary<Byte> value = Arbitraries.bytes();
            Arbitrary<Mutation> replace = Combinators.combine(position, value).as((at, b) -> {
                byte[] copy = sample.bytes().clone();
                copy[at] = b;
                return new Mutation(sample, "byte " + at + " := " + b, copy);
            });
            Arbitrary<Mutation> flip = Combinators.combine(position, Arbitraries.integers().between(0, 7)).as((at, bit) -> {
                byte[] copy = sample.bytes().clone();
                copy[at] ^= (byte) (1 << bit);
                return new Mutation(sample, "bit " + bit + " of byte " + at + " flipped", copy);
            });
            Arbitrary<Mutation> truncate = position.map(at -> new Mutation(sample, "cut at " + at,
                    Arrays.copyOf(sample.bytes(), at)));
            Arbitrary<Mutation> insert = Combinators.combine(position, value).as((at, b) -> {
                byte[] copy = new byte[length + 1];
                System.arraycopy(sample.bytes(), 0, copy, 0, at);
                copy[at] = b;
                System.arraycopy(sample.bytes(), at, copy, at + 1, length - at);
                return new Mutation(sample, b + " inserted at " + at, copy);
            });
            Arbitrary<Mutation> delete = position.map(at -> {
                byte[] copy = new byte[length - 1];
                System.arraycopy(sample.bytes(), 0, copy, 0, at);
                System.arraycopy(sample.bytes(), at + 1, copy, at, length - at - 1);
                return new Mutation(sample, "byte " + at + " deleted", copy);
            });
            return Arbitraries.oneOf(replace, flip, truncate, insert, delete);
        });
    }

    @Property(tries = 3000)
    void damagedFilesGiveOnlyTypedErrors(@ForAll("mutations") Mutation mutation) throws Exception {
        try {
            mutation.sample().reader().read(mutation.bytes());
        } catch (KeyFormatException expected) {
            // the typed error the API promises
        }
    }

    @Property(tries = 20)
    void everyCorpusFileIsValid(@ForAll("samples") Sample sample) throws KeyFormatException {
        sample.reader().read(sample.bytes());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
