package org.jtls.x509.pkcs12;

import static org.jtls.x509.key.KeyChecks.CRYPTO;
import static org.jtls.x509.key.KeyChecks.assertSignsFor;
import static org.jtls.x509.key.OpenSslCli.openssl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.KeyKind;
import org.jtls.x509.key.OpenSslCli;
import org.jtls.x509.key.OpenSslKeyFixtures;
import org.jtls.x509.key.OpenSslKeyFixtures.Fixture;
import org.jtls.x509.key.PassphraseRequiredException;
import org.jtls.x509.key.PrivateKeyReader;
import org.jtls.x509.key.UnsupportedKeyAlgorithmException;
import org.jtls.x509.key.WrongPassphraseException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** PKCS#12 files made by {@code openssl pkcs12 -export} with its modern and legacy settings. */
class OpenSslPkcs12Test {
    private static final char[] PASSWORD = OpenSslKeyFixtures.PASSPHRASE.toCharArray();

    /** The export options of each PKCS#12 flavour jtls reads. */
    enum Flavour {
        OPENSSL3_DEFAULT(List.of(), true),
        TRIPLE_DES_SHA1_MAC(List.of("-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1"), true),
        AES_128_SHA512_MAC(List.of("-keypbe", "AES-128-CBC", "-certpbe", "AES-128-CBC", "-macalg", "sha512"), true),
        UNENCRYPTED(List.of("-keypbe", "NONE", "-certpbe", "NONE"), true),
        UNENCRYPTED_WITHOUT_MAC(List.of("-keypbe", "NONE", "-certpbe", "NONE", "-nomac"), false);

        final List<String> options;
        final boolean hasMac;

        Flavour(List<String> options, boolean hasMac) {
            this.options = options;
            this.hasMac = hasMac;
        }
    }

    static Stream<Arguments> kindsAndFlavours() {
        List<Arguments> arguments = new ArrayList<>();
        for (KeyKind kind : KeyKind.values()) {
            for (Flavour flavour : Flavour.values()) {
                arguments.add(Arguments.of(kind, flavour));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest
    @MethodSource("kindsAndFlavours")
    void importsKeyCertificateAndAttributes(KeyKind kind, Flavour flavour) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        byte[] pfx = export(fixture, flavour.name(), flavour.options);

        Pkcs12Contents contents = Pkcs12Reader.read(pfx, PASSWORD, CRYPTO);
        assertEquals(flavour.hasMac, contents.integrityVerified());
        Pkcs12KeyEntry entry = contents.singleKeyEntry();
        assertEquals(List.of(fixture.certificate()), entry.chain());
        assertSignsFor(entry.privateKey().key(), fixture.certificate(), kind.signatureAlgorithm());
        assertEquals("jtls alias", entry.attributes().friendlyName().orElseThrow());
        byte[] localKeyId = entry.attributes().localKeyId().orElseThrow();
        assertArrayEquals(localKeyId, contents.certificates().get(0).attributes().localKeyId().orElseThrow());
        assertEquals(PrivateKeyReader.readPem(Files.readString(fixture.keyPem()), null, CRYPTO), entry.privateKey());

        if (flavour != Flavour.UNENCRYPTED_WITHOUT_MAC) {
            assertThrows(WrongPassphraseException.class,
                    () -> Pkcs12Reader.read(pfx, "wrong".toCharArray(), CRYPTO));
            assertThrows(PassphraseRequiredException.class, () -> Pkcs12Reader.read(pfx, null, CRYPTO));
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "EC_P256"})
    void refusesLegacyRc2CertificateEncryptionClearly(KeyKind kind) throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(kind);
        OpenSslCli.Result result = OpenSslCli.tryOpenssl(fixture.directory(), "pkcs12", "-export", "-legacy", "-inkey",
                "key.pem", "-in", "cert.pem", "-passout", fixture.passwordArgument(), "-out", "legacy.p12");
        Assumptions.assumeTrue(result.succeeded(), "this openssl has no -legacy: " + result.output());
        byte[] pfx = Files.readAllBytes(fixture.directory().resolve("legacy.p12"));
        UnsupportedKeyAlgorithmException e = assertThrows(UnsupportedKeyAlgorithmException.class,
                () -> Pkcs12Reader.read(pfx, PASSWORD, CRYPTO));
        assertTrue(e.getMessage().contains("RC2"), e.getMessage());
        // The MAC is checked first, so a wrong password is still reported as such.
        assertThrows(WrongPassphraseException.class, () -> Pkcs12Reader.read(pfx, "wrong".toCharArray(), CRYPTO));
    }

    @Test
    void ordersTheChainFromLeafToRoot() throws Exception {
        Fixture leaf = OpenSslKeyFixtures.fixture(KeyKind.EC_P256);
        Path directory = OpenSslKeyFixtures.directory("chain");
        Files.writeString(directory.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\n"
                + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        Files.writeString(directory.resolve("leaf.ext"), "basicConstraints=CA:FALSE\n"
                + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        openssl(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "root.key");
        openssl(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "inter.key");
        openssl(directory, "req", "-x509", "-new", "-key", "root.key", "-subj", "/CN=jtls root", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-out", "root.crt");
        openssl(directory, "req", "-new", "-key", "inter.key", "-subj", "/CN=jtls intermediate", "-out", "inter.csr");
        openssl(directory, "x509", "-req", "-in", "inter.csr", "-CA", "root.crt", "-CAkey", "root.key",
                "-set_serial", "2", "-days", "2", "-extfile", "ca.ext", "-out", "inter.crt");
        openssl(directory, "req", "-new", "-key", leaf.keyPem().toString(), "-subj", "/CN=jtls leaf", "-out", "leaf.csr");
        openssl(directory, "x509", "-req", "-in", "leaf.csr", "-CA", "inter.crt", "-CAkey", "inter.key",
                "-set_serial", "3", "-days", "2", "-extfile", "leaf.ext", "-out", "leaf.crt");
        // The extra certificates go in root first, so the reader has to reorder them.
        Files.writeString(directory.resolve("extra.pem"), Files.readString(directory.resolve("root.crt"))
                + Files.readString(directory.resolve("inter.crt")));
        openssl(directory, "pkcs12", "-export", "-inkey", leaf.keyPem().toString(), "-in", "leaf.crt", "-certfile",
                "extra.pem", "-passout", leaf.passwordArgument(), "-out", "chain.p12");

        Pkcs12Contents contents = Pkcs12Reader.read(Files.readAllBytes(directory.resolve("chain.p12")), PASSWORD, CRYPTO);
        List<String> subjects = contents.singleKeyEntry().chain().stream()
                .map(certificate -> certificate.subject().commonNames().get(0)).toList();
        assertEquals(List.of("jtls leaf", "jtls intermediate", "jtls root"), subjects);
        assertEquals(3, contents.certificates().size());
        Certificate leafCertificate = contents.singleKeyEntry().chain().get(0);
        assertSignsFor(contents.singleKeyEntry().privateKey().key(), leafCertificate, KeyKind.EC_P256.signatureAlgorithm());
    }

    @Test
    void readsACertificateOnlyFile() throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(KeyKind.EC_P384);
        openssl(fixture.directory(), "pkcs12", "-export", "-nokeys", "-in", "cert.pem", "-passout",
                fixture.passwordArgument(), "-out", "certs-only.p12");
        Pkcs12Contents contents = Pkcs12Reader.read(Files.readAllBytes(fixture.directory().resolve("certs-only.p12")),
                PASSWORD, CRYPTO);
        assertEquals(List.of(), contents.keyEntries());
        assertEquals(fixture.certificate(), contents.certificates().get(0).certificate());
        assertThrows(KeyFormatException.class, contents::singleKeyEntry);
    }

    @Test
    void acceptsAnEmptyPassword() throws Exception {
        Fixture fixture = OpenSslKeyFixtures.fixture(KeyKind.ED25519);
        openssl(fixture.directory(), "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", "pass:",
                "-out", "empty-password.p12");
        byte[] pfx = Files.readAllBytes(fixture.directory().resolve("empty-password.p12"));
        Pkcs12Contents contents = Pkcs12Reader.read(pfx, new char[0], CRYPTO);
        assertTrue(contents.integrityVerified());
        assertFalse(contents.singleKeyEntry().chain().isEmpty());
        assertThrows(WrongPassphraseException.class, () -> Pkcs12Reader.read(pfx, "x".toCharArray(), CRYPTO));
    }

    private static byte[] export(Fixture fixture, String name, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of("pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem",
                "-name", "jtls alias", "-passout", fixture.passwordArgument(), "-out", name + ".p12"));
        command.addAll(options);
        openssl(fixture.directory(), command.toArray(String[]::new));
        return Files.readAllBytes(fixture.directory().resolve(name + ".p12"));
    }
}
