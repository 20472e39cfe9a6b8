package org.jtls.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.PerPrimitiveBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jtls version}: what this build is and what it runs on, one "Key: value" line each. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print the jtls version, the Java runtime and the available crypto backends.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("jtls: " + JtlsVersion.version());
        out.println("Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        out.println("Crypto backends: " + CryptoBackends.jca().name() + ", " + CryptoBackends.bouncyCastle().name());
        if (CryptoBackends.defaultBackend() instanceof PerPrimitiveBackend perPrimitive) {
            out.println("Default backend, per primitive:");
            perPrimitive.choices().forEach((primitive, backend) -> out.println("  " + primitive + ": " + backend));
        } else {
            out.println("Default backend: " + CryptoBackends.defaultBackend().name());
        }
        out.flush();
        return 0;
    }
}
