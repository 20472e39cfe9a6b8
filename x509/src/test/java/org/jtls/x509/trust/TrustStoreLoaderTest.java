package org.jtls.x509.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.SubjectKeyIdentifier;
import org.jtls.x509.name.DistinguishedName;
import org.jtls.x509.pem.Pem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustStoreLoaderTest {
    private static TrustFixtures.Root first;
    private static TrustFixtures.Root second;
    private static Certificate firstCertificate;
    private static Certificate secondCertificate;

    @TempDir
    Path directory;

    @BeforeAll
    static void makeRoots() throws Exception {
        first = TrustFixtures.root("first root");
        second = TrustFixtures.root("second root");
        firstCertificate = Certificate.parse(first.certificate().getEncoded());
        secondCertificate = Certificate.parse(second.certificate().getEncoded());
    }

    @Test
    void loadsTheSystemBundle() throws Exception {
        Assumptions.assumeTrue(TrustStoreLoader.SYSTEM_BUNDLES.stream().anyMatch(Files::isReadable)
                || Files.isDirectory(TrustStoreLoader.SYSTEM_DIRECTORY), "no system trust store on this machine");
        TrustStoreLoadResult result = TrustStoreLoader.loadSystem();
        System.out.println("system trust store: " + result + (result.rejected().isEmpty() ? "" : "\n  " + String.join(
                "\n  ", result.rejected().stream().map(RejectedTrustEntry::toString).toList())));
        assertTrue(result.trustStore().size() > 0, result.toString());
        for (Certificate anchor : result.trustStore().anchors()) {
            assertTrue(result.trustStore().bySubject(anchor.subject()).contains(anchor));
        }
    }

    @Test
    void loadsTheSystemCertificateDirectoryOncePerCertificate() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(TrustStoreLoader.SYSTEM_DIRECTORY), "no " + TrustStoreLoader.SYSTEM_DIRECTORY);
        TrustStoreLoadResult result = TrustStoreLoader.loadDirectory(TrustStoreLoader.SYSTEM_DIRECTORY);
        System.out.println("system certificate directory: " + result);
        assertTrue(result.trustStore().size() > 0, result.toString());
        assertEquals(result.trustStore().size(), Set.copyOf(result.trustStore().anchors()).size());
    }

    @Test
    void reportsJunkInADirectoryAndKeepsTheRest() throws Exception {
        Files.writeString(directory.resolve("first.pem"), Pem.encode("CERTIFICATE", first.certificate().getEncoded()));
        Files.write(directory.resolve("second.der"), second.certificate().getEncoded());
        Files.writeString(directory.resolve("copy-of-first.crt"), Pem.encode("CERTIFICATE",
                first.certificate().getEncoded()));
        Files.writeString(directory.resolve("junk.txt"), "this is not a certificate\n");
        Files.writeString(directory.resolve("broken.pem"), Pem.encode("CERTIFICATE", new byte[] {0x30, 0x03, 1, 2, 3}));
        Files.writeString(directory.resolve("key.pem"), Pem.encode("PRIVATE KEY", new byte[] {0x30, 0x00}));
        Files.createDirectory(directory.resolve("subdirectory"));

        TrustStoreLoadResult result = TrustStoreLoader.loadDirectory(directory);
        assertEquals(List.of(firstCertificate, secondCertificate), result.trustStore().anchors(),
                "the copy is kept once, in file-name order");
        List<String> rejected = result.rejected().stream().map(RejectedTrustEntry::location).toList();
        assertEquals(3, rejected.size(), result.rejected().toString());
        assertTrue(rejected.get(0).endsWith("broken.pem line 1"), rejected.toString());
        assertTrue(rejected.get(1).endsWith("junk.txt"), rejected.toString());
        assertTrue(rejected.get(2).endsWith("key.pem line 1"), rejected.toString());
        assertTrue(result.rejected().get(1).reason().contains("neither PEM nor a DER certificate"));
    }

    @Test
    void loadsABundleFileAndListsWhatFailsToParse() throws Exception {
        Path bundle = directory.resolve("bundle.pem");
        Files.writeString(bundle, "# explanatory text\n" + Pem.encode("CERTIFICATE", first.certificate().getEncoded())
                + Pem.encode("CERTIFICATE", new byte[] {0x30, 0x00})
                + Pem.encode("CERTIFICATE", second.certificate().getEncoded())
                + Pem.encode("TRUSTED CERTIFICATE", first.certificate().getEncoded()), StandardCharsets.US_ASCII);
        TrustStoreLoadResult result = TrustStoreLoader.loadPemFile(bundle);
        assertEquals(2, result.trustStore().size());
        assertEquals(2, result.rejected().size(), result.rejected().toString());
        assertTrue(result.rejected().get(1).reason().contains("TRUSTED CERTIFICATE"));
    }

    @Test
    void fallsBackFromMissingBundlesAndSaysWhereItLooked() throws Exception {
        Path missing = directory.resolve("missing.crt");
        Path empty = directory.resolve("empty.crt");
        Files.writeString(empty, "");
        Path certs = Files.createDirectory(directory.resolve("certs"));
        Files.write(certs.resolve("root.der"), first.certificate().getEncoded());
        TrustStoreLoadResult result = TrustStoreLoader.loadFirstAvailable(List.of(missing, empty), certs);
        assertEquals(certs.toString(), result.source());
        assertEquals(1, result.trustStore().size());

        TrustStoreException e = assertThrows(TrustStoreException.class,
                () -> TrustStoreLoader.loadFirstAvailable(List.of(missing, empty), directory.resolve("nothing")));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("nothing"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void loadsTrustedCertificateEntriesOfAJavaKeyStore(String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setCertificateEntry("first", first.certificate());
        store.setCertificateEntry("second", second.certificate());
        char[] password = "store password".toCharArray();
        store.setKeyEntry("a key", first.keyPair().getPrivate(), password, new X509Certificate[] {first.certificate()});
        Path file = directory.resolve("store." + type.toLowerCase(Locale.ROOT));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }

        TrustStoreLoadResult result = TrustStoreLoader.loadKeyStoreFile(file, password);
        assertEquals(List.of(firstCertificate, secondCertificate), result.trustStore().anchors());
        assertEquals(1, result.rejected().size());
        assertTrue(result.rejected().get(0).location().contains("'a key'"), result.rejected().toString());
        assertEquals(result.trustStore(), TrustStoreLoader.loadKeyStore(store, "in memory").trustStore());

        assertThrows(TrustStoreException.class,
                () -> TrustStoreLoader.loadKeyStoreFile(file, "wrong password".toCharArray()));
    }

    @Test
    void findsAnchorsBySubjectAndKeyIdentifier() throws Exception {
        TrustStore store = TrustStore.of(firstCertificate, secondCertificate, firstCertificate);
        assertEquals(2, store.size());
        DistinguishedName subject = DistinguishedName.decode(first.certificate().getSubjectX500Principal().getEncoded());
        assertEquals(List.of(firstCertificate), store.bySubject(subject));
        byte[] keyIdentifier = firstCertificate.subjectKeyIdentifier().map(SubjectKeyIdentifier::keyIdentifier)
                .orElseThrow();
        assertEquals(List.of(firstCertificate), store.bySubjectKeyIdentifier(keyIdentifier));
        assertEquals(List.of(), store.bySubjectKeyIdentifier(new byte[] {1, 2, 3}));
        assertTrue(store.contains(secondCertificate));
        assertFalse(TrustStore.of(firstCertificate).contains(secondCertificate));
        assertEquals(store, TrustStore.of(secondCertificate).with(TrustStore.of(firstCertificate)));
        assertArrayEquals(keyIdentifier, store.bySubjectKeyIdentifier(keyIdentifier).get(0).subjectKeyIdentifier()
                .orElseThrow().keyIdentifier());
        assertTrue(TrustStore.empty().isEmpty());
    }
}
