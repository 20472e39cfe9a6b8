package org.jtls.x509.key;

import static org.jtls.x509.key.KeyChecks.CRYPTO;
import static org.jtls.x509.key.KeyChecks.assertSignsFor;
import static org.jtls.x509.key.OpenSslCli.openssl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.key.OpenSslKeyFixtures.Fixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys written by the local {@code openssl} in every format it has load, and sign for the
 * certificate {@code openssl req} made for them; encrypted ones need the right passphrase.
 */
class OpenSslPrivateKeyTest {
    private static final char[] PASSPHRASE = OpenSslKeyFixtures.PASSPHRASE.toCharArray();

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void readsPkcs8PemAndDerFromGenpkey(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        DecodedPrivateKey fromPem = PrivateKeyReader.readPem(Files.readString(fixture.keyPem()), null, CRYPTO);
        openssl(fixture.directory(), "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out",
                "key.p8.der");
        DecodedPrivateKey fromDer = PrivateKeyReader.read(Files.readAllBytes(fixture.directory().resolve("key.p8.der")),
                null, CRYPTO);
        assertEquals(fromPem, fromDer);
        // OpenSSL writes Ed25519/Ed448 as PKCS#8 v1, without the public key: it is computed from the seed.
        assertEquals(fixture.certificate().publicKey().orElseThrow(), fromPem.publicKey());
        assertTrue(fromPem.matches(fixture.certificate().publicKey().orElseThrow()));
        assertSignsFor(fromPem.key(), fixture.certificate(), kind.signatureAlgorithm());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "EC_P256", "EC_P384", "EC_P521"})
    void readsTraditionalPkcs1AndSec1(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        String pem = openssl(fixture.directory(), "pkey", "-in", "key.pem", "-traditional");
        assertTrue(pem.contains(kind == KeyKind.RSA ? "BEGIN RSA PRIVATE KEY" : "BEGIN EC PRIVATE KEY"), pem);
        DecodedPrivateKey fromPem = PrivateKeyReader.readPem(pem, null, CRYPTO);
        openssl(fixture.directory(), "pkey", "-in", "key.pem", "-outform", "DER", "-out", "key.traditional.der");
        DecodedPrivateKey fromDer = PrivateKeyReader.readDer(
                Files.readAllBytes(fixture.directory().resolve("key.traditional.der")), null, CRYPTO);
        assertEquals(fromPem, fromDer);
        assertEquals(PrivateKeyReader.readPem(Files.readString(fixture.keyPem()), null, CRYPTO), fromPem);
        assertSignsFor(fromPem.key(), fixture.certificate(), kind.signatureAlgorithm());
    }

    static Stream<Arguments> encryptedPkcs8Variants() {
        List<List<String>> variants = List.of(
                List.of("-v2", "aes-256-cbc"),
                List.of("-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1"),
                List.of("-v2", "des3"),
                List.of("-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA512"),
                List.of("-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA384"),
                List.of("-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA224"),
                List.of("-v1", "PBE-SHA1-3DES"),
                List.of("-v1", "PBE-SHA1-2DES"));
        List<Arguments> arguments = new ArrayList<>();
        for (KeyKind kind : KeyKind.values()) {
            for (List<String> variant : variants) {
                arguments.add(Arguments.of(kind, variant));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @MethodSource("encryptedPkcs8Variants")
    void readsEncryptedPkcs8AndRefusesTheWrongPassphrase(KeyKind kind, List<String> cipherOptions) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        List<String> command = new ArrayList<>(List.of("pkcs8", "-topk8", "-in", "key.pem", "-passout",
                fixture.passwordArgument()));
        command.addAll(cipherOptions);
        String pem = openssl(fixture.directory(), command.toArray(String[]::new));
        assertTrue(pem.contains("BEGIN ENCRYPTED PRIVATE KEY"), pem);

        DecodedPrivateKey decoded = PrivateKeyReader.readPem(pem, PASSPHRASE, CRYPTO);
        assertEquals(PrivateKeyReader.readPem(Files.readString(fixture.keyPem()), null, CRYPTO), decoded);
        assertSignsFor(decoded.key(), fixture.certificate(), kind.signatureAlgorithm());

        assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyReader.readPem(pem, "pässwörd ☂".toCharArray(), CRYPTO));
        assertThrows(WrongPassphraseException.class, () -> PrivateKeyReader.readPem(pem, new char[0], CRYPTO));
        PassphraseRequiredException missing = assertThrows(PassphraseRequiredException.class,
                () -> PrivateKeyReader.readPem(pem, null, CRYPTO));
        assertTrue(missing.getMessage().contains("passphrase"), missing.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "EC_P256", "EC_P384", "EC_P521"})
    void readsLegacyOpenSslEncryptedPem(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        for (String cipher : List.of("-aes128", "-aes256", "-des3")) {
            String pem = openssl(fixture.directory(), kind.traditionalCommand(), "-in", "key.pem", "-traditional",
                    cipher, "-passout", fixture.passwordArgument());
            assertTrue(pem.contains("Proc-Type: 4,ENCRYPTED"), pem);
            DecodedPrivateKey decoded = PrivateKeyReader.readPem(pem, PASSPHRASE, CRYPTO);
            assertSignsFor(decoded.key(), fixture.certificate(), kind.signatureAlgorithm());
            assertThrows(WrongPassphraseException.class,
                    () -> PrivateKeyReader.readPem(pem, "wrong".toCharArray(), CRYPTO), cipher);
            assertThrows(PassphraseRequiredException.class, () -> PrivateKeyReader.readPem(pem, null, CRYPTO), cipher);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "EC_P256"})
    void refusesAes192WithAClearError(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        String pkcs8 = openssl(fixture.directory(), "pkcs8", "-topk8", "-in", "key.pem", "-passout",
                fixture.passwordArgument(), "-v2", "aes-192-cbc");
        String legacy = openssl(fixture.directory(), kind.traditionalCommand(), "-in", "key.pem", "-traditional",
                "-aes192", "-passout", fixture.passwordArgument());
        for (String pem : List.of(pkcs8, legacy)) {
            UnsupportedKeyAlgorithmException e = assertThrows(UnsupportedKeyAlgorithmException.class,
                    () -> PrivateKeyReader.readPem(pem, PASSPHRASE, CRYPTO));
            assertTrue(e.getMessage().contains("AES-192"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "EC_P256"})
    void refusesScryptWithAClearError(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        OpenSslCli.Result result = OpenSslCli.tryOpenssl(fixture.directory(), "pkcs8", "-topk8", "-in", "key.pem",
                "-passout", fixture.passwordArgument(), "-scrypt", "-scrypt_N", "1024");
        Assumptions.assumeTrue(result.succeeded(), "this openssl cannot write scrypt keys");
        UnsupportedKeyAlgorithmException e = assertThrows(UnsupportedKeyAlgorithmException.class,
                () -> PrivateKeyReader.readPem(result.output(), PASSPHRASE, CRYPTO));
        assertTrue(e.getMessage().contains("scrypt"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"EC_P256", "EC_P384", "EC_P521"})
    void computesThePublicPointOfASec1KeyWithoutOne(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        String pem = openssl(fixture.directory(), "ec", "-in", "key.pem", "-no_public");
        DecodedPrivateKey decoded = PrivateKeyReader.readPem(pem, null, CRYPTO);
        assertEquals(fixture.certificate().publicKey().orElseThrow(), decoded.publicKey());
        assertSignsFor(decoded.key(), fixture.certificate(), kind.signatureAlgorithm());
        String pkcs8 = openssl(fixture.directory(), "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem");
        assertEquals(PrivateKeyReader.readPem(pkcs8, null, CRYPTO), decoded);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"ED25519", "ED448"})
    void tellsAnEdwardsKeyFromAnotherCertificatesKey(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        Path other = OpenSslKeyFixtures.directory("other-" + kind);
        List<String> genpkey = new ArrayList<>(List.of("genpkey"));
        genpkey.addAll(kind.genpkeyArguments());
        String otherKey = openssl(other, genpkey.toArray(String[]::new));
        DecodedPrivateKey decoded = PrivateKeyReader.readPem(otherKey, null, CRYPTO);
        assertFalse(decoded.matches(fixture.certificate().publicKey().orElseThrow()));
        assertTrue(PrivateKeyReader.readPem(Files.readString(fixture.keyPem()), null, CRYPTO)
                .matches(fixture.certificate().publicKey().orElseThrow()));
    }

    @ParameterizedTest
    @EnumSource(RsaPssKey.class)
    void readsRsaPssKeysAsPssOnly(RsaPssKey variant) throws Exception {
        OpenSslCli.assumeAvailable();
        Path directory = OpenSslKeyFixtures.directory("rsa-pss");
        List<String> genpkey = new ArrayList<>(List.of("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt",
                "rsa_keygen_bits:2048"));
        genpkey.addAll(variant.options);
        genpkey.addAll(List.of("-out", "key.pem"));
        openssl(directory, genpkey.toArray(String[]::new));
        openssl(directory, "req", "-x509", "-new", "-key", "key.pem", "-subj", "/CN=pss", "-days", "2", "-out",
                "cert.pem");
        DecodedPrivateKey decoded = PrivateKeyReader.readPem(Files.readString(directory.resolve("key.pem")), null, CRYPTO);
        assertTrue(decoded.isRsaPssOnly());
        assertEquals("RSASSA-PSS", decoded.algorithm());
        assertEquals(variant.restricted, decoded.pssParameters().isPresent());
        Certificate certificate = Certificate.parsePem(Files.readString(directory.resolve("cert.pem"))).get(0);
        assertTrue(certificate.subjectPublicKeyInfo().isRsaPssKey());
        assertSignsFor(decoded.key(), certificate, SignatureAlgorithm.RSA_PSS_SHA256);
        // Written back, the restriction survives.
        DecodedPrivateKey again = PrivateKeyReader.readPkcs8(PrivateKeyWriter.pkcs8Der(decoded));
        assertEquals(decoded, again);
        openssl(directory, "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.p8");
        assertEquals(HexFormat.of().formatHex(Files.readAllBytes(directory.resolve("key.p8"))),
                HexFormat.of().formatHex(PrivateKeyWriter.pkcs8Der(decoded)));
    }

    enum RsaPssKey {
        UNRESTRICTED(List.of(), false),
        SHA256_RESTRICTED(List.of("-pkeyopt", "rsa_pss_keygen_md:sha256", "-pkeyopt", "rsa_pss_keygen_mgf1_md:sha256",
                "-pkeyopt", "rsa_pss_keygen_saltlen:32"), true);

        final List<String> options;
        final boolean restricted;

        RsaPssKey(List<String> options, boolean restricted) {
            this.options = options;
            this.restricted = restricted;
        }
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void writesPkcs8ThatOpenSslReads(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        DecodedPrivateKey decoded = PrivateKeyReader.readPem(Files.readString(fixture.keyPem()), null, CRYPTO);
        Path ours = fixture.directory().resolve("ours.pem");
        Files.writeString(ours, PrivateKeyWriter.pkcs8Pem(decoded), StandardCharsets.US_ASCII);
        String theirPublic = openssl(fixture.directory(), "pkey", "-in", "ours.pem", "-pubout");
        String certificatePublic = openssl(fixture.directory(), "x509", "-in", "cert.pem", "-pubkey", "-noout");
        assertEquals(certificatePublic, theirPublic);
        assertEquals(decoded, PrivateKeyReader.readPem(Files.readString(ours), null, CRYPTO));
        assertEquals(Files.readString(fixture.keyPem()), PrivateKeyWriter.pkcs8Pem(decoded), "byte for byte as OpenSSL");
    }
}
