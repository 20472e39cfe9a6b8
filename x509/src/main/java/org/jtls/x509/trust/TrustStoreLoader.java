package org.jtls.x509.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;

/**
 * Loads trust anchors from the operating system's bundle, a PEM file, a directory of PEM or DER
 * files, or a Java {@link KeyStore}. Certificates are always parsed by jtls's own DER code; what
 * fails to parse is listed in {@link TrustStoreLoadResult#rejected()}, never dropped silently.
 */
public final class TrustStoreLoader {
    /** The bundle files of Debian/Ubuntu, Fedora/RHEL, openSUSE, RHEL 7+ extracted, and Alpine/macOS, tried in this order. */
    public static final List<Path> SYSTEM_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"),
            Path.of("/etc/ssl/cert.pem"));
    /** The directory tried when no bundle file has certificates. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/etc/ssl/certs");
    /** Files larger than this are not read (the Debian bundle is about 200 KiB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private TrustStoreLoader() {
    }

    /** The first of {@link #SYSTEM_BUNDLES} that holds certificates, else {@link #SYSTEM_DIRECTORY}. */
    public static TrustStoreLoadResult loadSystem() throws TrustStoreException {
        return loadFirstAvailable(SYSTEM_BUNDLES, SYSTEM_DIRECTORY);
    }

    /** As {@link #loadSystem()} over other places, for systems that keep their anchors elsewhere. */
    public static TrustStoreLoadResult loadFirstAvailable(List<Path> bundles, Path directory)
            throws TrustStoreException {
        List<String> tried = new ArrayList<>();
        for (Path bundle : bundles) {
            tried.add(bundle.toString());
            if (!Files.isRegularFile(bundle) || !Files.isReadable(bundle)) {
                continue;
            }
            try {
                TrustStoreLoadResult result = loadPemFile(bundle);
                if (!result.trustStore().isEmpty()) {
                    return result;
                }
            } catch (IOException e) {
                tried.set(tried.size() - 1, bundle + " (" + e.getMessage() + ")");
            }
        }
        if (directory != null) {
            tried.add(directory.toString());
            if (Files.isDirectory(directory)) {
                try {
                    TrustStoreLoadResult result = loadDirectory(directory);
                    if (!result.trustStore().isEmpty()) {
                        return result;
                    }
                } catch (IOException e) {
                    tried.set(tried.size() - 1, directory + " (" + e.getMessage() + ")");
                }
            }
        }
        throw new TrustStoreException("no system trust store with certificates found; tried " + String.join(", ", tried));
    }

    /** Every CERTIFICATE block of a PEM file (or the one DER certificate the file holds). */
    public static TrustStoreLoadResult loadPemFile(Path file) throws IOException {
        List<Certificate> certificates = new ArrayList<>();
        List<RejectedTrustEntry> rejected = new ArrayList<>();
        CertificateFileReader.read(readLimited(file), file.toString(), certificates, rejected);
        return new TrustStoreLoadResult(TrustStore.of(certificates), rejected, file.toString());
    }

    /**
     * Every regular file in {@code directory} (not its subdirectories), PEM or DER, in name order.
     * Symbolic links are followed, so the hash-named links of an OpenSSL directory simply repeat
     * certificates, which the store keeps once. Unreadable, oversized and unparseable files are
     * rejected entries.
     */
    public static TrustStoreLoadResult loadDirectory(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = new ArrayList<>(listing.toList());
        }
        Collections.sort(files);
        List<Certificate> certificates = new ArrayList<>();
        List<RejectedTrustEntry> rejected = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                continue;
            }
            if (!Files.isRegularFile(file)) {
                rejected.add(new RejectedTrustEntry(file.toString(), "not a regular file (or a broken link)"));
                continue;
            }
            try {
                CertificateFileReader.read(readLimited(file), file.toString(), certificates, rejected);
            } catch (IOException e) {
                rejected.add(new RejectedTrustEntry(file.toString(), "unreadable: " + e.getMessage()));
            }
        }
        return new TrustStoreLoadResult(TrustStore.of(certificates), rejected, directory.toString());
    }

    /**
     * The trusted-certificate entries of a loaded key store (JKS, PKCS12, ...), each certificate's
     * encoding re-parsed by jtls. Private-key and secret-key entries are not trust anchors; they
     * are listed as rejected so that nothing in the store goes unmentioned.
     */
    public static TrustStoreLoadResult loadKeyStore(KeyStore keyStore, String source) throws TrustStoreException {
        List<Certificate> certificates = new ArrayList<>();
        List<RejectedTrustEntry> rejected = new ArrayList<>();
        try {
            List<String> aliases = Collections.list(keyStore.aliases());
            Collections.sort(aliases);
            for (String alias : aliases) {
                String location = source + " alias '" + alias + "'";
                if (!keyStore.isCertificateEntry(alias)) {
                    rejected.add(new RejectedTrustEntry(location, "a key entry, not a trusted certificate entry"));
                    continue;
                }
                java.security.cert.Certificate entry = keyStore.getCertificate(alias);
                try {
                    certificates.add(Certificate.parse(entry.getEncoded()));
                } catch (DerException e) {
                    rejected.add(new RejectedTrustEntry(location, "malformed certificate: " + e.getMessage()));
                } catch (CertificateEncodingException e) {
                    rejected.add(new RejectedTrustEntry(location, "the key store cannot encode it: " + e.getMessage()));
                }
            }
        } catch (KeyStoreException e) {
            throw new TrustStoreException("the key store is not loaded: " + e.getMessage(), e);
        }
        return new TrustStoreLoadResult(TrustStore.of(certificates), rejected, source);
    }

    /**
     * A key store file of any type the JDK recognises by content (JKS, JCEKS, PKCS12).
     *
     * @param password checks the store's integrity; {@code null} loads a PKCS12 or JKS trust store
     *        without checking it, as {@code keytool} does
     */
    public static TrustStoreLoadResult loadKeyStoreFile(Path file, char[] password) throws TrustStoreException {
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustStoreException("cannot load key store " + file + ": " + e.getMessage(), e);
        }
        return loadKeyStore(keyStore, file.toString());
    }

    private static byte[] readLimited(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException("file of " + size + " bytes exceeds the limit of " + MAX_FILE_BYTES);
        }
        return Files.readAllBytes(file);
    }
}
