package org.jtls.handshake.interop;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * An external TLS peer ({@code openssl}, {@code gnutls-serv}, {@code gnutls-cli}) run for one test.
 * Its standard output and error go to files, so a chatty peer can never block on a full pipe and
 * the test can read everything it printed at any time. {@link #close} always ends it.
 */
final class PeerProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    /** Stands for the listening port in a server's command line; {@link #listen} fills it in. */
    static final String PORT = "{port}";
    private static final int LISTEN_ATTEMPTS = 3;
    private static final String PORT_TAKEN = "Address already in use";

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final OutputStream stdin;
    private int port = -1;

    private PeerProcess(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
    }

    /** Starts {@code command} in {@code directory}, its output captured in files there. */
    static PeerProcess start(List<String> command, Path directory) throws IOException {
        Path stdout = Files.createTempFile(directory, "peer", ".out");
        Path stderr = Files.createTempFile(directory, "peer", ".err");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new PeerProcess(command, process, stdout, stderr);
    }

    /**
     * Starts a server peer whose command line names its port as {@link #PORT} and waits until it prints
     * {@code readyMarker} (in which {@link #PORT} is replaced too). The port is one that was free a
     * moment before; should another process take it first, the peer reports that it cannot bind
     * (gnutls-serv then goes on listening on IPv6 only) and is started again on another port.
     */
    static PeerProcess listen(Command command, String readyMarker, Path directory)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String port = Integer.toString(freePort());
            List<String> arguments = command.toList().stream().map(argument -> argument.replace(PORT, port)).toList();
            String marker = readyMarker.replace(PORT, port);
            PeerProcess peer = start(arguments, directory);
            peer.port = Integer.parseInt(port);
            try {
                peer.awaitOutput(text -> text.contains(marker) || text.contains(PORT_TAKEN), "'" + marker + "'",
                        STARTUP_TIMEOUT);
            } catch (IOException | InterruptedException e) {
                peer.close();
                throw e;
            }
            if (!peer.output().contains(PORT_TAKEN)) {
                return peer;
            }
            peer.close();
            if (attempt == LISTEN_ATTEMPTS) {
                throw new IOException("no free port after " + attempt + " attempts\n" + peer.describe());
            }
        }
    }

    /** The port a server peer listens on (see {@link #listen}). */
    int port() {
        if (port < 0) {
            throw new IllegalStateException("not a listening peer: " + String.join(" ", command));
        }
        return port;
    }

    /** Skips the calling test, with the reason, when {@code program} is not on the PATH. */
    static void assumeInstalled(String program, String howToInstall) {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean found = false;
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, program + " is not installed (" + howToInstall + "); interop test skipped");
    }

    /**
     * A TCP port that was free a moment ago. openssl s_server and gnutls-serv cannot report a port the
     * kernel chose, so they cannot be handed port 0; asking the kernel for one and releasing it is the
     * usual compromise.
     */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            probe.setReuseAddress(true);
            return probe.getLocalPort();
        }
    }

    /** Waits until the peer printed {@code marker} (to either stream), e.g. its "listening" line. */
    void awaitOutput(String marker) throws IOException, InterruptedException {
        awaitOutput(text -> text.contains(marker), "'" + marker + "'", STARTUP_TIMEOUT);
    }

    void awaitOutput(Predicate<String> condition, String description, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(output())) {
            if (!process.isAlive()) {
                throw new IOException("the peer exited (" + process.exitValue() + ") before printing "
                        + description + "\n" + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the peer did not print " + description + " within " + timeout + "\n"
                        + describe());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the peer to exit by itself; returns its exit status. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the peer did not exit within " + timeout + "\n" + describe());
        }
        return process.exitValue();
    }

    void writeToStdin(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.ISO_8859_1);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.ISO_8859_1);
    }

    /** Everything printed so far, standard output first. */
    String output() throws IOException {
        return stdout() + stderr();
    }

    /** The command and what it printed, for failure messages. */
    String describe() throws IOException {
        return "command: " + String.join(" ", command) + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n"
                + stderr();
    }

    /** Ends the peer: politely first, then forcibly. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stdin.close();
        } finally {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Builds argument lists readably. */
    static final class Command {
        private final List<String> arguments = new ArrayList<>();

        Command(String... program) {
            arguments.addAll(List.of(program));
        }

        Command add(String... more) {
            arguments.addAll(List.of(more));
            return this;
        }

        Command addIf(boolean condition, String... more) {
            if (condition) {
                arguments.addAll(List.of(more));
            }
            return this;
        }

        List<String> toList() {
            return List.copyOf(arguments);
        }
    }
}
