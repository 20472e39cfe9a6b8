package org.jtls.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jtls.crypto.registry.CipherString;
import org.jtls.crypto.registry.CipherSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jtls ciphers [CIPHER_STRING]}: the cipher suites jtls implements, or those a string selects. */
@Command(
        name = "ciphers",
        mixinStandardHelpOptions = true,
        description = {
            "List the cipher suites jtls implements, or those an OpenSSL-style cipher string selects, "
                    + "in order.",
            "Keywords (ALL, HIGH, ECDHE, AESGCM, ...) select only TLS 1.2-and-older suites, as "
                    + "OpenSSL's do; name a TLS 1.3 suite to include it."
        },
        footer = {"", "Examples:",
            "  jtls ciphers",
            "  jtls ciphers 'ECDHE+AESGCM:ECDHE+CHACHA20'",
            "  jtls ciphers --default -v"})
final class CiphersCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CIPHER_STRING",
            description = "OpenSSL cipher-string syntax, e.g. 'ALL:!3DES' or 'ECDHE+AESGCM:@STRENGTH'. "
                    + "Default: every suite jtls implements, TLS 1.3 first.")
    private String cipherString;

    @Option(names = "--default", description = "Show only the suites jtls enables by default.")
    private boolean onlyDefaults;

    @Option(names = {"-v", "--verbose"}, description = "Add the PRF hash, key strength and default columns.")
    private boolean verbose;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<CipherSuite> suites;
        if (cipherString == null) {
            suites = List.of(CipherSuite.values());
        } else {
            try {
                suites = CipherString.parse(cipherString);
            } catch (IllegalArgumentException badCipherString) {
                throw new CommandLine.ParameterException(spec.commandLine(), badCipherString.getMessage());
            }
        }
        if (onlyDefaults) {
            suites = suites.stream().filter(CipherSuite::enabledByDefault).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String line : table(suites)) {
            out.println(line);
        }
        out.flush();
        return 0;
    }

    private List<String> table(List<CipherSuite> suites) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(
                "IANA name", "OpenSSL name", "Code", "Versions", "Kx", "Au", "Cipher", "MAC"));
        if (verbose) {
            header.addAll(List.of("PRF", "Bits", "Default"));
        }
        rows.add(header);
        for (CipherSuite suite : suites) {
            List<String> row = new ArrayList<>(List.of(
                    suite.ianaName(),
                    suite.opensslName(),
                    code(suite.code()),
                    versions(suite),
                    suite.keyExchange() == CipherSuite.KeyExchange.ANY ? "any" : suite.keyExchange().name(),
                    suite.authentication() == CipherSuite.Authentication.ANY ? "any" : suite.authentication().name(),
                    suite.cipher().displayName(),
                    suite.mac().displayName()));
            if (verbose) {
                row.add(suite.prfHash().standardName());
                row.add(Integer.toString(suite.cipher().strengthBits()));
                row.add(suite.enabledByDefault() ? "yes" : "no");
            }
            rows.add(row);
        }
        return TextTable.align(rows);
    }

    /** The two code bytes as {@code openssl ciphers -V} prints them: {@code 0xC0,0x2F}. */
    static String code(int code) {
        return String.format(Locale.ROOT, "0x%02X,0x%02X", code >>> 8, code & 0xFF);
    }

    /** {@code TLSv1.3}, or a range such as {@code SSLv3-TLSv1.2}. */
    static String versions(CipherSuite suite) {
        if (suite.minimumVersion() == suite.maximumVersion()) {
            return suite.minimumVersion().opensslName();
        }
        return suite.minimumVersion().opensslName() + "-" + suite.maximumVersion().opensslName();
    }
}
