package org.jtls.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jtls version}: what this build is and what it runs on, one "Key: value" line each. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print the jtls version, the Java runtime and the available crypto backends.")
final class VersionCommand implements Callable<Integer> {
    /** The crypto backends this build ships ({@code CryptoBackend#name()} of each). */
    static final List<String> CRYPTO_BACKENDS = List.of("jca", "bc");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("jtls: " + JtlsVersion.version());
        out.println("Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        out.println("Crypto backends: " + String.join(", ", CRYPTO_BACKENDS));
        out.flush();
        return 0;
    }
}
