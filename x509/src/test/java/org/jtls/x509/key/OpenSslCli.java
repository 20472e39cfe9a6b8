package org.jtls.x509.key;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the local {@code openssl} command for fixtures; tests that need it are skipped when it is absent. */
public final class OpenSslCli {
    private static Boolean available;

    private OpenSslCli() {
    }

    /** The output and exit status of one run. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public static synchronized boolean isAvailable() {
        if (available == null) {
            try {
                available = run(Path.of("."), List.of("version")).succeeded();
            } catch (IOException e) {
                available = false;
            }
        }
        return available;
    }

    public static void assumeAvailable() {
        Assumptions.assumeTrue(isAvailable(), "openssl is not installed");
    }

    /** Runs {@code openssl args...} in {@code directory} and requires success. */
    public static String openssl(Path directory, String... args) {
        Result result = tryOpenssl(directory, args);
        assertTrue(result.succeeded(), () -> "openssl " + String.join(" ", args) + " failed:\n" + result.output());
        return result.output();
    }

    public static Result tryOpenssl(Path directory, String... args) {
        try {
            return run(directory, List.of(args));
        } catch (IOException e) {
            throw new AssertionError("could not run openssl: " + e.getMessage(), e);
        }
    }

    /** Writes a passphrase file for {@code -passin file:} / {@code -passout file:}, as UTF-8. */
    public static String passwordFile(Path directory, String name, String passphrase) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, passphrase + "\n", StandardCharsets.UTF_8);
        return "file:" + file;
    }

    private static Result run(Path directory, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl did not finish: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(process.exitValue(), output);
    }
}
