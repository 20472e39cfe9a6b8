package org.jtls.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jtls} command: parses the command line and hands over to a subcommand. Exit status
 * follows CLI.md: 0 on success, 1 on a TLS or verification failure, 2 on bad usage.
 */
@Command(
        name = "jtls",
        mixinStandardHelpOptions = true,
        versionProvider = JtlsVersion.class,
        description = "A TLS toolkit written in Java: SSL 3.0 to TLS 1.3.",
        subcommands = {ClientCommand.class, ServerCommand.class, DemoCommand.class, VersionCommand.class, CiphersCommand.class, VerifyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit status for bad usage: unknown options, malformed values (CLI.md). */
    static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command tree; tests run it in-process with their own output writers. */
    public static CommandLine newCommandLine() {
        return newCommandLine(System.in, System.out);
    }

    /**
     * The command tree with {@code jtls client} reading the connection's data from {@code stdin}
     * and writing what arrives to {@code stdout} (tests run it in-process).
     */
    static CommandLine newCommandLine(InputStream stdin, OutputStream stdout) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ClientCommand.class) {
                    return type.cast(new ClientCommand(stdin, stdout));
                }
                return defaults.create(type);
            }
        };
        CommandLine commandLine = new CommandLine(new Main(), factory);
        commandLine.setParameterExceptionHandler(Main::reportUsageError);
        return commandLine;
    }

    /** {@code jtls} with no subcommand: show what there is, and fail as bad usage. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("jtls: a command is required");
        spec.commandLine().usage(err);
        return EXIT_USAGE;
    }

    /**
     * Prints a usage error as one line plus a pointer to {@code --help}, rather than the whole
     * usage text, so the message that matters is not buried.
     */
    private static int reportUsageError(CommandLine.ParameterException error, String[] args) {
        CommandLine failed = error.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(failed.getCommandSpec().qualifiedName() + ": " + error.getMessage());
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }
}
