package org.jtls.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of {@code jtls ...}: its exit status and what it printed. */
record CommandRun(int exitStatus, String out, String err) {

    static CommandRun of(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitStatus = commandLine.execute(args);
        return new CommandRun(exitStatus, out.toString(), err.toString());
    }

    List<String> outLines() {
        return Arrays.stream(out.split("\\R")).filter(line -> !line.isEmpty()).toList();
    }
}
