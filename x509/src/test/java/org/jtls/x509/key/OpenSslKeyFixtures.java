package org.jtls.x509.key;

import static org.jtls.x509.key.OpenSslCli.openssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.pem.PemException;

/**
 * Keys and self-signed certificates made by {@code openssl genpkey} and {@code openssl req}, one
 * per {@link KeyKind}, made once per test JVM under {@code target/} (RSA generation is slow).
 */
public final class OpenSslKeyFixtures {
    /** Not ASCII, to check that passphrases are UTF-8 everywhere. */
    public static final String PASSPHRASE = "pässwörd ☃";

    private static final Map<KeyKind, Fixture> FIXTURES = new ConcurrentHashMap<>();
    private static Path root;

    private OpenSslKeyFixtures() {
    }

    /** A key (PKCS#8 PEM as genpkey wrote it) and a self-signed certificate for it. */
    public record Fixture(KeyKind kind, Path directory, Path keyPem, Path certificatePem, Certificate certificate,
            String passwordArgument) {
        public byte[] keyBytes() throws IOException {
            return Files.readAllBytes(keyPem);
        }
    }

    public static Fixture fixture(KeyKind kind) {
        OpenSslCli.assumeAvailable();
        return FIXTURES.computeIfAbsent(kind, OpenSslKeyFixtures::create);
    }

    /** A fresh directory under the fixture root. */
    public static synchronized Path directory(String name) throws IOException {
        if (root == null) {
            Files.createDirectories(Path.of("target"));
            root = Files.createTempDirectory(Path.of("target"), "openssl-fixtures-").toAbsolutePath();
        }
        return Files.createTempDirectory(root, name + "-");
    }

    private static Fixture create(KeyKind kind) {
        try {
            Path directory = directory(kind.name());
            List<String> genpkey = new ArrayList<>(List.of("genpkey"));
            genpkey.addAll(kind.genpkeyArguments());
            genpkey.addAll(List.of("-out", "key.pem"));
            openssl(directory, genpkey.toArray(String[]::new));
            openssl(directory, "req", "-x509", "-new", "-key", "key.pem", "-subj", "/CN=jtls " + kind, "-days", "2",
                    "-out", "cert.pem");
            Certificate certificate = Certificate.parsePem(Files.readString(directory.resolve("cert.pem"))).get(0);
            String password = OpenSslCli.passwordFile(directory, "password.txt", PASSPHRASE);
            return new Fixture(kind, directory, directory.resolve("key.pem"), directory.resolve("cert.pem"), certificate,
                    password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PemException | DerException e) {
            throw new AssertionError("openssl wrote a certificate jtls cannot read", e);
        }
    }
}
