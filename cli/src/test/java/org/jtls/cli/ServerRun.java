package org.jtls.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code jtls server ... --port 0} running in-process on a background thread; its port is read
 * from the {@code Listening on} line it prints first. {@link #close()} interrupts it.
 */
final class ServerRun implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread server = new Thread(runnable, "test-jtls-server");
        server.setDaemon(true);
        return server;
    });
    private final StringWriter err = new StringWriter();
    private final Future<Integer> exitStatus;
    private final int port;

    private ServerRun(String... args) throws InterruptedException {
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] command = new String[args.length + 3];
        command[0] = "server";
        command[1] = "--port";
        command[2] = "0";
        System.arraycopy(args, 0, command, 3, args.length);
        exitStatus = thread.submit(() -> commandLine.execute(command));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int found = -1;
        while (found < 0 && System.nanoTime() < deadline && !exitStatus.isDone()) {
            Matcher matcher = LISTENING.matcher(err.toString());
            if (matcher.find()) {
                found = Integer.parseInt(matcher.group(1));
            } else {
                Thread.sleep(10);
            }
        }
        if (found < 0) {
            thread.shutdownNow();
            throw new IllegalStateException("the server did not start:\n" + err);
        }
        port = found;
    }

    static ServerRun start(String... args) throws InterruptedException {
        return new ServerRun(args);
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    String err() {
        return err.toString();
    }

    /** Waits up to {@code millis} for {@code text} to appear on the server's stderr. */
    boolean awaitErr(String text, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!err().contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    Future<Integer> exitStatus() {
        return exitStatus;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
