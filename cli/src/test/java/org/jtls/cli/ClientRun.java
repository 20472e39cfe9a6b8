package org.jtls.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** One in-process run of {@code jtls client ...} with {@code stdin} as its input: exit status, data, stderr. */
record ClientRun(int exitStatus, String data, String err) {

    static ClientRun of(String stdin, String... args) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        CommandLine commandLine = Main.newCommandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), data);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] command = new String[args.length + 1];
        command[0] = "client";
        System.arraycopy(args, 0, command, 1, args.length);
        int exitStatus = commandLine.execute(command);
        return new ClientRun(exitStatus, data.toString(StandardCharsets.UTF_8), err.toString() + out);
    }

    List<String> errLines() {
        return Arrays.stream(err.split("\\R")).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitStatus + "\n--- stderr ---\n" + err + "--- data ---\n" + data;
    }
}
