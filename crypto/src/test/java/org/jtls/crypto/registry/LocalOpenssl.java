package org.jtls.crypto.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the local {@code openssl ciphers} command for tests that compare jtls with OpenSSL. */
final class LocalOpenssl {
    /** One line of {@code openssl ciphers -V -stdname}: code, IANA name, OpenSSL name, minimum version. */
    record CipherLine(int code, String ianaName, String opensslName, String version) {
    }

    private static final Pattern VERBOSE_LINE = Pattern.compile(
            "^\\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\\S+)\\s+- (\\S+)\\s+(\\S+)\\s.*$");
    private static final String ALL_TLS13_SUITES = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
            + "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256";

    private LocalOpenssl() {
    }

    /** Exit status and standard output of one run, or empty if {@code openssl} cannot be started. */
    record Result(int exitStatus, String output) {
    }

    static Optional<Result> run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        try (InputStream stdout = process.getInputStream()) {
            process.getErrorStream().close();
            String output = new String(stdout.readAllBytes(), StandardCharsets.US_ASCII);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            return Optional.of(new Result(process.exitValue(), output));
        } catch (IOException e) {
            throw new IllegalStateException("reading openssl output failed: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for openssl", e);
        }
    }

    /** Every suite the local OpenSSL knows, TLS 1.3 CCM suites included, by code; empty if it is absent. */
    static Optional<Map<Integer, CipherLine>> catalogue() {
        return run("ciphers", "-V", "-stdname", "-ciphersuites", ALL_TLS13_SUITES, "ALL:COMPLEMENTOFALL:@SECLEVEL=0")
                .map(result -> {
                    Map<Integer, CipherLine> byCode = new LinkedHashMap<>();
                    for (String line : result.output().split("\n")) {
                        Matcher matcher = VERBOSE_LINE.matcher(line);
                        if (matcher.matches()) {
                            int code = Integer.parseInt(matcher.group(1) + matcher.group(2), 16);
                            byCode.put(code, new CipherLine(code, matcher.group(3), matcher.group(4), matcher.group(5)));
                        }
                    }
                    if (byCode.isEmpty()) {
                        throw new IllegalStateException("could not read openssl ciphers output:\n" + result.output());
                    }
                    return byCode;
                });
    }

    /**
     * The TLS ≤ 1.2 suites (OpenSSL names) {@code openssl ciphers} selects for {@code cipherString},
     * in order; an empty list when OpenSSL reports that nothing matches.
     */
    static List<String> tls12Selection(String cipherString) {
        Result result = run("ciphers", "-ciphersuites", "", cipherString + ":@SECLEVEL=0")
                .orElseThrow(() -> new IllegalStateException("openssl disappeared"));
        if (result.exitStatus() != 0) {
            return List.of();
        }
        return List.of(result.output().trim().split(":"));
    }
}
