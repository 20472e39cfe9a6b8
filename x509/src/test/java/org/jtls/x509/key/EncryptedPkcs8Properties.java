package org.jtls.x509.key;

import static org.jtls.x509.key.KeyChecks.CRYPTO;
import static org.jtls.x509.key.KeyChecks.RANDOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jtls.crypto.KeyPairMaterial;
import org.jtls.crypto.PrivateKeyMaterial;

/**
 * jtls's encrypted PKCS#8 output decrypts with jtls's reader and with {@code openssl pkcs8}
 * (when installed) to exactly the unencrypted PKCS#8 jtls writes, under any passphrase; and never
 * with a wrong one.
 */
class EncryptedPkcs8Properties {
    private static final Map<KeyKind, PrivateKeyMaterial> KEYS = new EnumMap<>(KeyKind.class);

    static synchronized PrivateKeyMaterial key(KeyKind kind) {
        return KEYS.computeIfAbsent(kind, k -> CRYPTO.generateKeyPair(k.spec(), RANDOM).privateKey());
    }

    /** Text without newlines or unpaired surrogates (a passphrase file holds one line), Latin, Greek, CJK and emoji included. */
    @Provide
    Arbitrary<String> passphrases() {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u07ff')
                .withCharRange('\u4e00', '\u4fff').ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> withEmoji = bmp.map(text -> text + "\uD83D\uDD11");
        return Arbitraries.oneOf(bmp, withEmoji);
    }

    @Property(tries = 60)
    void roundTripsThroughJtls(@ForAll KeyKind kind, @ForAll("passphrases") String passphrase,
            @ForAll @IntRange(min = 1, max = 2000) int iterations) throws KeyFormatException {
        PrivateKeyMaterial key = key(kind);
        String pem = PrivateKeyWriter.encryptedPkcs8Pem(key, passphrase.toCharArray(), iterations, RANDOM, CRYPTO);
        assertEquals(key, PrivateKeyReader.readPem(pem, passphrase.toCharArray(), CRYPTO).key());
        assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyReader.readPem(pem, (passphrase + "x").toCharArray(), CRYPTO));
    }

    @Property(tries = 25)
    void decryptsWithOpenSsl(@ForAll KeyKind kind, @ForAll("passphrases") String passphrase,
            @ForAll @IntRange(min = 1, max = 3000) int iterations) throws IOException {
        if (!OpenSslCli.isAvailable()) {
            return;
        }
        PrivateKeyMaterial key = key(kind);
        Path directory = OpenSslKeyFixtures.directory("ours-encrypted");
        Files.writeString(directory.resolve("encrypted.pem"),
                PrivateKeyWriter.encryptedPkcs8Pem(key, passphrase.toCharArray(), iterations, RANDOM, CRYPTO));
        String password = OpenSslCli.passwordFile(directory, "password.txt", passphrase);
        String decrypted = OpenSslCli.openssl(directory, "pkcs8", "-in", "encrypted.pem", "-passin", password);
        assertEquals(PrivateKeyWriter.pkcs8Pem(key), decrypted);
        String parameters = OpenSslCli.openssl(directory, "asn1parse", "-in", "encrypted.pem");
        assertTrue(parameters.contains("PBES2") && parameters.contains("hmacWithSHA256")
                && parameters.contains("aes-256-cbc"), parameters);
        OpenSslCli.Result wrong = OpenSslCli.tryOpenssl(directory, "pkcs8", "-in", "encrypted.pem", "-passin",
                OpenSslCli.passwordFile(directory, "wrong.txt", passphrase + "x"));
        assertTrue(!wrong.succeeded() || !wrong.output().equals(decrypted), "openssl accepted a wrong passphrase");
    }

    @Property(tries = 10)
    void unencryptedPkcs8RoundTrips(@ForAll KeyKind kind) throws KeyFormatException {
        KeyPairMaterial pair = KeyPairMaterial.of(key(kind));
        byte[] der = PrivateKeyWriter.pkcs8Der(pair.privateKey());
        DecodedPrivateKey decoded = PrivateKeyReader.readDer(der, null, CRYPTO);
        assertEquals(pair.privateKey(), decoded.key());
        assertTrue(decoded.matches(pair.publicKey()));
        assertEquals(new String(der, StandardCharsets.ISO_8859_1),
                new String(PrivateKeyWriter.pkcs8Der(decoded), StandardCharsets.ISO_8859_1));
    }
}
