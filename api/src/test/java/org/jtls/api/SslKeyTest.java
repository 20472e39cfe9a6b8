package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.jtls.x509.key.PassphraseRequiredException;
import org.jtls.x509.key.WrongPassphraseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSPHRASE = "correct horse".toCharArray();
    /** Few rounds keep the tests quick; one test uses the default. */
    private static final int TEST_ITERATIONS = 1_000;
    private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

    private static KeyPair jdkPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp384r1"));
        } else if (algorithm.equals("RSA")) {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    @Test
    void readsJdkKeysAndKnowsTheirShape() throws Exception {
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519", "Ed448"}) {
            KeyPair pair = jdkPair(algorithm);
            SslKey key = SslKey.read(pair.getPrivate().getEncoded(), EncodingFormat.DER, KeyType.PRIVATE_KEY, null);
            assertEquals(KeyType.PRIVATE_KEY, key.type());
            assertArrayEquals(pair.getPublic().getEncoded(), key.publicKey().toDer(), algorithm + ": public half");
            SslKey publicKey = SslKey.read(pair.getPublic().getEncoded(), EncodingFormat.DER, KeyType.PUBLIC_KEY, null);
            assertEquals(key.publicKey(), publicKey);
            assertEquals(KeyType.PUBLIC_KEY, publicKey.type());
            switch (algorithm) {
                case "EC" -> {
                    assertEquals(KeyAlgorithm.EC, key.algorithm());
                    assertEquals(384, key.length());
                }
                case "RSA" -> {
                    assertEquals(KeyAlgorithm.RSA, key.algorithm());
                    assertEquals(2048, key.length());
                }
                case "Ed25519" -> assertEquals(KeyAlgorithm.ED25519, key.algorithm());
                default -> assertEquals(KeyAlgorithm.ED448, key.algorithm());
            }
        }
    }

    @Test
    void pemAndDerRoundTrips() throws Exception {
        SslKey key = SslKey.read(jdkPair("EC").getPrivate().getEncoded(), EncodingFormat.DER, KeyType.PRIVATE_KEY, null);
        assertTrue(key.toPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(key, SslKey.read(key.toPem().getBytes(StandardCharsets.US_ASCII), EncodingFormat.PEM,
                KeyType.PRIVATE_KEY, null));
        assertEquals(key, SslKey.read(key.toDer(), EncodingFormat.DER, KeyType.PRIVATE_KEY, null));
        SslKey publicKey = key.publicKey();
        assertTrue(publicKey.toPem().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(publicKey, SslKey.read(publicKey.toPem().getBytes(StandardCharsets.US_ASCII), EncodingFormat.PEM,
                KeyType.PUBLIC_KEY, null));
        assertEquals(publicKey.toPem(), publicKey.toPem(PASSPHRASE, RANDOM), "public keys are never encrypted");
        assertNotEquals(key, publicKey);
        assertFalse(key.toString().contains("scalar"), "no secret values in toString");
    }

    @Test
    void encryptedWithAPassphrase() throws Exception {
        SslKey key = SslKey.read(jdkPair("Ed25519").getPrivate().getEncoded(), EncodingFormat.DER, KeyType.PRIVATE_KEY,
                null);
        String pem = key.toPem(PASSPHRASE, TEST_ITERATIONS, RANDOM);
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), pem);
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        assertEquals(key, SslKey.read(bytes, EncodingFormat.PEM, KeyType.PRIVATE_KEY, PASSPHRASE));
        SslFormatException missing = assertThrows(SslFormatException.class,
                () -> SslKey.read(bytes, EncodingFormat.PEM, KeyType.PRIVATE_KEY, null));
        assertInstanceOf(PassphraseRequiredException.class, missing.getCause());
        SslFormatException wrong = assertThrows(SslFormatException.class,
                () -> SslKey.read(bytes, EncodingFormat.PEM, KeyType.PRIVATE_KEY, "wrong".toCharArray()));
        assertInstanceOf(WrongPassphraseException.class, wrong.getCause());

        byte[] der = key.toDer(PASSPHRASE, TEST_ITERATIONS, RANDOM);
        assertEquals(key, SslKey.read(der, EncodingFormat.DER, KeyType.PRIVATE_KEY, PASSPHRASE));
        assertEquals(key.toPem(), key.toPem(new char[0], RANDOM), "an empty passphrase writes the key in the clear");
    }

    @Test
    void theDefaultIterationCountIsWrittenAndRead() throws Exception {
        SslKey key = SslKey.read(jdkPair("EC").getPrivate().getEncoded(), EncodingFormat.DER, KeyType.PRIVATE_KEY, null);
        byte[] pem = key.toPem(PASSPHRASE, RANDOM).getBytes(StandardCharsets.US_ASCII);
        assertEquals(key, SslKey.read(pem, EncodingFormat.PEM, KeyType.PRIVATE_KEY, PASSPHRASE));
    }

    @Test
    void bouncyCastleReadsOurEncryptedKeysAndWeReadTheirs() throws Exception {
        KeyPair pair = jdkPair("RSA");
        SslKey key = SslKey.read(pair.getPrivate().getEncoded(), EncodingFormat.DER, KeyType.PRIVATE_KEY, null);

        String ours = key.toPem(PASSPHRASE, TEST_ITERATIONS, RANDOM);
        try (PEMParser parser = new PEMParser(new StringReader(ours))) {
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
            PrivateKeyInfo decrypted = encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(PASSPHRASE));
            PrivateKey bcKey = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(decrypted.getEncoded()));
            assertEquals(pair.getPrivate(), bcKey);
        }

        StringWriter theirs = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(theirs)) {
            writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setPassword(PASSPHRASE)
                            .setIterationCount(TEST_ITERATIONS).setProvider(BOUNCY_CASTLE).build()));
        }
        assertEquals(key, SslKey.read(theirs.toString().getBytes(StandardCharsets.US_ASCII), EncodingFormat.PEM,
                KeyType.PRIVATE_KEY, PASSPHRASE));
    }

    @Test
    void readsFilesAndChecksTheExpectedAlgorithm(@TempDir Path directory) throws Exception {
        SslKey key = SslKey.read(jdkPair("EC").getPrivate().getEncoded(), EncodingFormat.DER, KeyType.PRIVATE_KEY, null);
        Path file = directory.resolve("key.pem");
        Files.writeString(file, key.toPem(PASSPHRASE, TEST_ITERATIONS, RANDOM));
        assertEquals(key, SslKey.read(file, EncodingFormat.PEM, KeyType.PRIVATE_KEY, PASSPHRASE));
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(key, SslKey.read(bytes, KeyAlgorithm.EC, EncodingFormat.PEM, KeyType.PRIVATE_KEY, PASSPHRASE));
        assertThrows(SslFormatException.class,
                () -> SslKey.read(bytes, KeyAlgorithm.RSA, EncodingFormat.PEM, KeyType.PRIVATE_KEY, PASSPHRASE));
        assertThrows(SslFormatException.class, () -> SslKey.read("not a key".getBytes(StandardCharsets.US_ASCII),
                EncodingFormat.PEM, KeyType.PUBLIC_KEY, null));
        assertThrows(SslFormatException.class,
                () -> SslKey.read(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}, EncodingFormat.DER, KeyType.PRIVATE_KEY, null));
    }
}
