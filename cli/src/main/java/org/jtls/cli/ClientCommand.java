package org.jtls.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import org.jtls.api.EncodingFormat;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslError;
import org.jtls.api.SslOption;
import org.jtls.api.SslSocket;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.Role;
import org.jtls.handshake.TlsConfig;
import org.jtls.record.TlsAlertException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jtls client HOST:PORT} (CLI.md): connects, handshakes, prints the summary lines to stderr,
 * then copies stdin to the connection and the connection to stdout. On stdin EOF it keeps reading
 * until the server closes or {@code --wait-ms} passes, then sends close_notify. Exit status: 0
 * after a clean close, 1 on a connection, handshake or verification failure, 2 on bad usage.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Connect to a TLS server, print what was negotiated (to stderr), then copy stdin to the "
                    + "server and the server's data to stdout. Flags follow openssl s_client's.",
            "Summary lines: Protocol, Cipher, Group, Signature, ALPN, Resumed, Early data, Peer certificate, "
                    + "Verification, OCSP, and for TLS <= 1.2 Extended master secret and Secure renegotiation."
        },
        footer = {"", "Exit status: 0 after a clean close, 1 on a connection, handshake or verification failure, "
                + "2 on bad usage.", "", "Examples:",
            "  jtls client example.com:443 --alpn http/1.1",
            "  jtls client 127.0.0.1:4433 --servername localhost --ca ca.pem",
            "  jtls client mail.example.com:25 --starttls smtp"})
final class ClientCommand implements java.util.concurrent.Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    /** How long connecting, the handshake and each STARTTLS step may take. */
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    /** How often the copy loop looks at stdin while it waits for the server. */
    private static final int POLL_MS = 20;
    /** After our close_notify, how long to wait for the server's. */
    private static final int CLOSE_WAIT_MS = 1_000;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server: host name or address, and port "
            + "([::1]:443 for IPv6).")
    private String target;

    @Mixin
    private TlsOptions tls = new TlsOptions();

    @Option(names = "--servername", paramLabel = "NAME",
            description = "SNI and the name to verify (default: HOST unless it is an IP address; then no SNI "
                    + "is sent and the address is verified).")
    private String serverName;

    @Option(names = "--ca", paramLabel = "FILE", description = "Trust anchors: a PEM file or a directory of PEM "
            + "files (default: the system store).")
    private Path caFile;

    @Option(names = "--insecure", description = "Do not stop on certificate problems: report them in the "
            + "Verification line and continue.")
    private boolean insecure;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate chain (PEM, leaf first).")
    private Path certFile;

    @Option(names = "--key", paramLabel = "FILE", description = "The client certificate's private key (PEM).")
    private Path keyFile;

    @Option(names = "--pass", paramLabel = "P", description = "Passphrase of an encrypted --key.")
    private String passphrase;

    @Option(names = "--status", description = "Request OCSP stapling and require a good stapled response.")
    private boolean status;

    @Option(names = "--sess-out", paramLabel = "FILE", description = "Save the session (to resume) to FILE "
            + "when the connection ends.")
    private Path sessionOut;

    @Option(names = "--sess-in", paramLabel = "FILE", description = "Resume the session saved in FILE.")
    private Path sessionIn;

    @Option(names = "--reconnect", description = "Handshake, close, then connect again resuming the session; "
            + "report both connections. Data is exchanged on the second.")
    private boolean reconnect;

    @Option(names = "--early-data", paramLabel = "FILE", description = "Send FILE as TLS 1.3 0-RTT data when "
            + "resuming (--sess-in or --reconnect); sent normally after the handshake when 0-RTT is not possible.")
    private Path earlyDataFile;

    @Option(names = "--key-update", description = "After the handshake, send KeyUpdate(update_requested) (TLS 1.3).")
    private boolean keyUpdate;

    @Option(names = "--renegotiate", description = "After the handshake, renegotiate (TLS <= 1.2).")
    private boolean renegotiate;

    @Option(names = "--fallback-scsv", description = "Send TLS_FALLBACK_SCSV (RFC 7507).")
    private boolean fallbackScsv;

    @Option(names = "--starttls", paramLabel = "PROTOCOL", converter = StartTls.Converter.class,
            description = "Plaintext negotiation first: smtp or imap.")
    private StartTls startTls;

    @Option(names = "--trace", description = "Print every handshake message as a ladder diagram (C → S ClientHello) "
            + "on stderr.")
    private boolean trace;

    @Option(names = "--wait-ms", paramLabel = "N", defaultValue = "2000",
            description = "After stdin EOF, how long to wait for the server's data before closing "
                    + "(default: ${DEFAULT-VALUE}).")
    private int waitMs;

    @Option(names = "--json", description = "Print the summary as one JSON object (one per connection) instead "
            + "of lines.")
    private boolean json;

    private final InputStream stdin;
    private final OutputStream stdout;

    /** The command as the {@code jtls} executable runs it: the process's stdin and stdout. */
    ClientCommand() {
        this(System.in, System.out);
    }

    /** With the streams the connection's data comes from and goes to (tests run it in-process). */
    ClientCommand(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /** HOST:PORT, parsed. */
    private record Target(String host, int port) {
        boolean hostIsAddress() {
            return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Target server = parseTarget();
        if (waitMs < 0) {
            throw usage("--wait-ms must not be negative");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw usage("--cert and --key go together");
        }
        if (keyUpdate && renegotiate) {
            throw usage("--key-update and --renegotiate exclude each other (TLS 1.3 / TLS <= 1.2)");
        }
        if (reconnect && sessionIn != null) {
            throw usage("--reconnect makes its own session; do not combine it with --sess-in");
        }
        SslConfiguration configuration = configuration(server, err);
        byte[] earlyData = earlyDataFile == null ? new byte[0] : readFile(earlyDataFile, "--early-data");

        if (reconnect) {
            Connection first = connect(server, configuration, new byte[0], err);
            if (first.failed()) {
                return EXIT_FAILED;
            }
            first.awaitSession(Math.max(waitMs, 500));
            byte[] session = first.socket.sslConfiguration().sessionTicket();
            first.close();
            if (session.length == 0) {
                err.println("jtls client: the server offered no session to resume; connecting anew");
            }
            if (!json) {
                err.println("Reconnecting" + (session.length == 0 ? "" : ", resuming the session") + ":");
            }
            configuration = configuration.withSessionTicket(session);
        }
        Connection connection = connect(server, configuration, earlyData, err);
        if (connection.failed()) {
            return EXIT_FAILED;
        }
        int status = connection.afterHandshake();
        if (status == EXIT_OK) {
            status = connection.copyUntilClosed();
        }
        connection.close();
        if (sessionOut != null) {
            byte[] session = connection.socket.sslConfiguration().sessionTicket();
            if (session.length == 0) {
                err.println("jtls client: --sess-out: the server offered no session to resume; " + sessionOut
                        + " not written");
                status = status == EXIT_OK ? EXIT_FAILED : status;
            } else {
                Files.write(sessionOut, session);
            }
        }
        err.flush();
        return status;
    }

    private Target parseTarget() {
        String host;
        String port;
        if (target.startsWith("[")) {
            int close = target.indexOf("]:");
            if (close < 0) {
                throw usage("expected [ADDRESS]:PORT, got '" + target + "'");
            }
            host = target.substring(1, close);
            port = target.substring(close + 2);
        } else {
            int colon = target.lastIndexOf(':');
            if (colon <= 0 || target.indexOf(':') != colon) {
                throw usage("expected HOST:PORT, got '" + target + "'");
            }
            host = target.substring(0, colon);
            port = target.substring(colon + 1);
        }
        try {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 0xFFFF) {
                throw usage("port out of range: " + port);
            }
            return new Target(host, number);
        } catch (NumberFormatException e) {
            throw usage("not a port number: '" + port + "'");
        }
    }

    private SslConfiguration configuration(Target server, PrintWriter err) throws IOException {
        SslConfiguration.Builder builder = SslConfiguration.builder();
        UnaryOperator<TlsConfig.Builder> engineChanges = tls.applyTo(builder);
        builder.peerVerifyMode(insecure ? PeerVerifyMode.QUERY_PEER : PeerVerifyMode.VERIFY_PEER);
        // The session goes into sslConfiguration().sessionTicket() for --sess-out and --reconnect.
        builder.sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false);
        // Like s_client, each run starts afresh: a session is resumed only through --sess-in or
        // --reconnect, never from another connection the same process happened to make.
        builder.sslOption(SslOption.DISABLE_SESSION_SHARING, true);
        if (serverName == null && server.hostIsAddress()) {
            builder.sslOption(SslOption.DISABLE_SERVER_NAME_INDICATION, true);
        }
        if (caFile != null) {
            try {
                builder.caCertificates(TlsOptions.readCaCertificates(caFile));
            } catch (IOException e) {
                throw usage("--ca: " + e.getMessage());
            }
        }
        if (certFile != null) {
            try {
                builder.localCertificate(certFile, EncodingFormat.PEM);
                builder.privateKey(keyFile, EncodingFormat.PEM,
                        passphrase == null ? null : passphrase.toCharArray());
            } catch (IOException e) {
                throw usage("--cert/--key: " + e.getMessage());
            }
            // A client with a certificate can answer a TLS 1.3 server that asks for it later.
            builder.postHandshakeAuthentication(true);
        }
        builder.ocspStaplingEnabled(status);
        if (sessionIn != null) {
            try {
                builder.sessionTicket(readFile(sessionIn, "--sess-in"));
            } catch (IllegalArgumentException e) {
                throw usage("--sess-in " + sessionIn + ": " + e.getMessage());
            }
        }
        if (earlyDataFile != null) {
            builder.earlyData(true);
        }
        UnaryOperator<TlsConfig.Builder> changes = engineChanges;
        HandshakeTrace ladder = trace ? new HandshakeTrace(err, true) : null;
        builder.engineCustomizer(engine -> {
            TlsConfig.Builder changed = changes.apply(engine);
            if (fallbackScsv) {
                changed.sendFallbackScsv(true);
            }
            if (ladder != null) {
                changed.observer(ladder);
            }
            return changed;
        });
        try {
            SslConfiguration configuration = builder.build();
            // Fail as bad usage now, not as a failed handshake, when the settings cannot make a client.
            configuration.toTlsConfig(Role.CLIENT, (chain, name, peerRole) -> List.of(), null);
            return configuration;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw usage(e.getMessage());
        }
    }

    private byte[] readFile(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw usage(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Connects and handshakes (after the STARTTLS prelude, if any); failures are reported on {@code err}. */
    private Connection connect(Target server, SslConfiguration configuration, byte[] earlyData, PrintWriter err) {
        SslSocket socket = new SslSocket(configuration);
        Connection connection = new Connection(socket, err);
        if (startTls != null) {
            socket.connectToHost(server.host(), server.port());
            if (serverName != null) {
                socket.setPeerVerifyName(serverName);
            }
            if (!socket.waitForConnected(CONNECT_TIMEOUT_MS)) {
                return connection.fail("cannot connect to " + target + ": " + socket.errorString());
            }
            try {
                startTls.negotiate(socket, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                return connection.fail("STARTTLS (" + startTls.name().toLowerCase(Locale.ROOT) + "): " + e.getMessage());
            }
            socket.startClientEncryption();
        } else if (serverName != null) {
            socket.connectToHostEncrypted(server.host(), server.port(), serverName);
        } else {
            socket.connectToHostEncrypted(server.host(), server.port());
        }
        if (earlyData.length > 0) {
            // Written before the handshake: 0-RTT when the resumed session allows it, else sent after it.
            socket.write(earlyData);
        }
        if (!socket.waitForEncrypted(CONNECT_TIMEOUT_MS)) {
            if (socket.mode() == SslSocket.SslMode.UNENCRYPTED_MODE && !socket.isEncrypted()
                    && socket.sslHandshakeErrors().isEmpty() && socket.tlsFailure().isEmpty()) {
                return connection.fail("cannot connect to " + target + ": " + socket.errorString());
            }
            return connection.handshakeFailed();
        }
        connection.printSummary(json);
        return connection;
    }

    /** One connection from the handshake on. */
    private final class Connection {
        private final SslSocket socket;
        private final PrintWriter err;
        private boolean failed;

        Connection(SslSocket socket, PrintWriter err) {
            this.socket = socket;
            this.err = err;
        }

        boolean failed() {
            return failed;
        }

        Connection fail(String message) {
            err.println("jtls client: " + message);
            err.flush();
            failed = true;
            socket.abort();
            return this;
        }

        Connection handshakeFailed() {
            err.println("jtls client: handshake failed: " + socket.errorString());
            for (SslError error : socket.sslHandshakeErrors()) {
                err.println("  " + error);
            }
            if (!socket.sslHandshakeErrors().isEmpty()) {
                err.println("Verification: " + ConnectionSummary.verification(socket.sslHandshakeErrors()));
            }
            if (!socket.peerCertificateChain().isEmpty()) {
                ConnectionSummary.chainLines(socket).forEach(err::println);
            }
            describeAlert().ifPresent(err::println);
            err.flush();
            failed = true;
            socket.abort();
            return this;
        }

        /** {@code Alert: received fatal handshake_failure}, when an alert ended the connection. */
        java.util.Optional<String> describeAlert() {
            return socket.tlsFailure().filter(TlsAlertException.class::isInstance).map(TlsAlertException.class::cast)
                    .map(alert -> "Alert: " + (alert.isLocal() ? "sent " : "received ") + alert.alert().rfcName());
        }

        void printSummary(boolean asJson) {
            String earlyData = switch (socket.earlyDataStatus()) {
                case ACCEPTED -> "accepted";
                case REJECTED -> "rejected";
                case PENDING -> "pending";
                case NOT_SENT -> "not sent";
            };
            if (asJson) {
                err.println(ConnectionSummary.jsonWithChain(socket, earlyData));
            } else {
                ConnectionSummary.lines(socket, earlyData).forEach(err::println);
                ConnectionSummary.chainLines(socket).forEach(err::println);
            }
            err.flush();
        }

        /** --key-update / --renegotiate; EXIT_FAILED when the negotiated version has no such thing. */
        int afterHandshake() {
            ProtocolVersion version = socket.sessionInfo().orElseThrow().version();
            try {
                if (keyUpdate) {
                    if (version != ProtocolVersion.TLS_1_3) {
                        err.println("jtls client: --key-update needs TLS 1.3; " + version.opensslName() + " was negotiated");
                        return EXIT_FAILED;
                    }
                    socket.updateKeys(true);
                    err.println("KeyUpdate: sent (update_requested)");
                }
                if (renegotiate) {
                    if (version == ProtocolVersion.TLS_1_3) {
                        err.println("jtls client: --renegotiate needs TLS 1.2 or older; TLSv1.3 was negotiated");
                        return EXIT_FAILED;
                    }
                    socket.renegotiate();
                    err.println("Renegotiation: started");
                }
            } catch (IllegalStateException e) {
                err.println("jtls client: " + e.getMessage());
                return EXIT_FAILED;
            }
            err.flush();
            return socket.state() == SslSocket.SocketState.UNCONNECTED && socket.tlsFailure().isPresent()
                    ? connectionFailed() : EXIT_OK;
        }

        /** Waits (reading) until the server has sent a session to resume, at most {@code millis}. */
        void awaitSession(int millis) {
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (socket.sslConfiguration().sessionTicket().length == 0
                    && socket.state() == SocketState.CONNECTED && System.nanoTime() < deadline) {
                socket.waitForReadyRead(POLL_MS * 5);
                socket.readAll();
            }
        }

        /** Copies stdin to the server and the server's data to stdout until the connection ends. */
        int copyUntilClosed() throws IOException {
            BlockingQueue<byte[]> fromStdin = startStdinPump();
            boolean stdinEnded = false;
            long stdinEndedAt = 0;
            while (true) {
                for (byte[] chunk = fromStdin.poll(); chunk != null; chunk = fromStdin.poll()) {
                    if (chunk.length == 0) {
                        stdinEnded = true;
                        stdinEndedAt = System.nanoTime();
                    } else {
                        socket.write(chunk);
                    }
                }
                socket.flush();
                copyToStdout();
                if (socket.state() == SocketState.UNCONNECTED) {
                    break;
                }
                int wait = POLL_MS;
                if (stdinEnded) {
                    long left = waitMs - (System.nanoTime() - stdinEndedAt) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    wait = (int) Math.min(left, 200);
                }
                socket.waitForReadyRead(wait);
            }
            copyToStdout();
            if (socket.state() != SocketState.UNCONNECTED) {
                socket.disconnectFromHost();
                socket.waitForDisconnected(CLOSE_WAIT_MS);
                copyToStdout();
                return EXIT_OK;
            }
            return switch (socket.peerClose()) {
                case CLOSE_NOTIFY -> EXIT_OK;
                case FATAL_ALERT -> connectionFailed();
                case TRUNCATED -> {
                    err.println("jtls client: the server closed the connection without close_notify "
                            + "(the data may have been truncated)");
                    yield EXIT_FAILED;
                }
                case NONE -> socket.tlsFailure().isPresent() ? connectionFailed() : EXIT_OK;
            };
        }

        private int connectionFailed() {
            err.println("jtls client: connection failed: " + socket.errorString());
            describeAlert().ifPresent(err::println);
            err.flush();
            return EXIT_FAILED;
        }

        private void copyToStdout() throws IOException {
            byte[] data = socket.readAll();
            if (data.length > 0) {
                stdout.write(data);
                stdout.flush();
            }
        }

        /** A daemon thread that reads stdin into a queue; an empty chunk marks EOF. */
        private BlockingQueue<byte[]> startStdinPump() {
            BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    for (int count = stdin.read(buffer); count >= 0; count = stdin.read(buffer)) {
                        if (count > 0) {
                            queue.add(java.util.Arrays.copyOf(buffer, count));
                        }
                    }
                } catch (IOException e) {
                    // A broken stdin ends input like EOF does.
                }
                queue.add(new byte[0]);
            }, "jtls-client-stdin");
            pump.setDaemon(true);
            pump.start();
            return queue;
        }

        void close() {
            if (socket.state() != SocketState.UNCONNECTED) {
                socket.disconnectFromHost();
                socket.waitForDisconnected(CLOSE_WAIT_MS);
            }
            socket.close();
        }
    }

}
