package org.jtls.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jtls.api.EncodingFormat;
import org.jtls.api.KeyType;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslDiffieHellmanParameters;
import org.jtls.api.SslKey;
import org.jtls.api.SslOption;
import org.jtls.api.SslSocket;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.Role;
import org.jtls.handshake.TlsConfig;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificateBuilder;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtls server} (CLI.md): accepts TLS connections, one thread each, and echoes what each
 * client sends, or with {@code --www} answers a {@code GET} line with a page of the summary lines.
 * It prints {@code Listening on HOST:PORT} to stderr once it accepts, logs one line per connection,
 * and runs until killed (or until {@code --naccept} connections have been served).
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Run a TLS server: echo what each client sends, or with --www answer each GET line with "
                    + "HTTP/1.0 and a page of what was negotiated. One thread per connection; runs until killed.",
            "Prints 'Listening on HOST:PORT' to stderr when ready (useful with --port 0), then one line per connection."
        },
        footer = {"", "Exit status: 0 after --naccept connections, 1 when it cannot listen, 2 on bad usage.", "",
            "Examples:",
            "  jtls server --self-signed --www",
            "  jtls server --cert rsa.pem --key rsa.key --cert ec.pem --key ec.key --verify-client --ca ca.pem"})
final class ServerCommand implements Callable<Integer> {
    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    /** A connection with no data for this long is closed. */
    private static final int IDLE_TIMEOUT_MS = 300_000;
    /** How long a post-handshake action may take to be answered before serving goes on. */
    private static final int ACTION_TIMEOUT_MS = 10_000;
    private static final int CLOSE_WAIT_MS = 2_000;
    private static final int ACCEPT_POLL_MS = 250;

    /** {@code --after-handshake} actions and the --www status line each leads to. */
    enum AfterHandshake {
        KEY_UPDATE("after server KeyUpdate"),
        REQUEST_CLIENT_CERT("post-handshake auth done"),
        RENEGOTIATE("after server renegotiation");

        private final String statusNote;

        AfterHandshake(String statusNote) {
            this.statusNote = statusNote;
        }

        String optionValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final class AfterHandshakeConverter implements CommandLine.ITypeConverter<AfterHandshake> {
        @Override
        public AfterHandshake convert(String value) {
            for (AfterHandshake action : AfterHandshake.values()) {
                if (action.optionValue().equals(value)) {
                    return action;
                }
            }
            throw new CommandLine.TypeConversionException("unknown action '" + value
                    + "' (key-update, request-client-cert, renegotiate)");
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "4433",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate chain (PEM, leaf first); may repeat "
            + "with one --key each (e.g. RSA and ECDSA).")
    private List<Path> certFiles = new ArrayList<>();

    @Option(names = "--key", paramLabel = "FILE", description = "Private key (PEM) of the --cert in the same position.")
    private List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--pass", paramLabel = "P", description = "Passphrase of encrypted keys.")
    private String passphrase;

    @Option(names = "--self-signed", description = "Generate a throwaway self-signed certificate (ECDSA P-256) "
            + "for localhost and 127.0.0.1.")
    private boolean selfSigned;

    @Option(names = "--www", description = "Answer each 'GET ...' line with 'HTTP/1.0 200 ok' and a text page of "
            + "the summary lines, then close.")
    private boolean www;

    @Mixin
    private TlsOptions tls = new TlsOptions();

    @Option(names = "--verify-client", description = "Require a client certificate and verify it against --ca.")
    private boolean verifyClient;

    @Option(names = "--request-client-cert", description = "Ask for a client certificate but accept none; "
            + "problems are only reported.")
    private boolean requestClientCert;

    @Option(names = "--ca", paramLabel = "FILE", description = "Trust anchors for client certificates: a PEM file "
            + "or a directory (default: the system store).")
    private Path caFile;

    @Option(names = "--ocsp-response", paramLabel = "FILE", description = "DER OCSP response to staple.")
    private Path ocspResponseFile;

    @Option(names = "--sni", paramLabel = "NAME[:CERT:KEY]", description = "Require this server name (may repeat); "
            + "with CERT and KEY, present that certificate for it. Other names get unrecognized_name.")
    private List<String> sniNames = new ArrayList<>();

    @Option(names = "--no-tickets", description = "Issue no session tickets.")
    private boolean noTickets;

    @Option(names = "--no-session-cache", description = "Keep no session cache (no resumption by session ID).")
    private boolean noSessionCache;

    @Option(names = "--early-data", description = "Accept TLS 1.3 0-RTT data from resuming clients.")
    private boolean earlyData;

    @Option(names = "--max-early-data", paramLabel = "N", description = "0-RTT bytes accepted per ticket "
            + "(with --early-data; default 16384).")
    private Integer maxEarlyData;

    @Option(names = "--allow-client-renegotiation", description = "Accept secure client-initiated renegotiation "
            + "(TLS <= 1.2).")
    private boolean allowClientRenegotiation;

    @Option(names = "--after-handshake", paramLabel = "ACTION", converter = AfterHandshakeConverter.class,
            description = "Before serving the first request: key-update (TLS 1.3 KeyUpdate, update_requested), "
                    + "request-client-cert (TLS 1.3 post-handshake auth) or renegotiate (TLS <= 1.2 HelloRequest).")
    private AfterHandshake afterHandshake;

    @Option(names = "--trace", description = "Print every handshake message as a ladder diagram (C → S ClientHello) "
            + "on stderr, prefixed with the connection number.")
    private boolean trace;

    @Option(names = "--dhparam", paramLabel = "FILE", description = "DH group (PKCS#3 DHParameter, PEM or DER) for "
            + "DHE suites when the client names no RFC 7919 group; at least 2048 bits. Default: ffdhe2048.")
    private Path dhParamFile;

    @Option(names = "--naccept", paramLabel = "N", description = "Stop after serving N connections (as openssl "
            + "s_server -naccept); default: run until killed.")
    private Integer naccept;

    /** What --self-signed made, to print once listening. */
    private String selfSignedDescription;

    private SslDiffieHellmanParameters readDhParameters(Path file) throws IOException {
        byte[] encoded = Files.readAllBytes(file);
        boolean pem = new String(encoded, java.nio.charset.StandardCharsets.US_ASCII).contains("-----BEGIN");
        SslDiffieHellmanParameters parameters = SslDiffieHellmanParameters.fromEncoded(encoded,
                pem ? EncodingFormat.PEM : EncodingFormat.DER);
        if (!parameters.isValid()) {
            throw usage("--dhparam " + file + ": " + parameters.errorString());
        }
        return parameters;
    }

    /** A certificate chain and its key. */
    private record Identity(List<SslCertificate> chain, SslKey key) {
        CertifiedKey certifiedKey(byte[] ocspResponse) {
            return new CertifiedKey(chain.stream().map(SslCertificate::toDer).toList(),
                    key.privateKeyMaterial().orElseThrow(), key.isRsaPssOnly(), ocspResponse);
        }
    }

    /** {@code --sni NAME[:CERT:KEY]}. */
    private record SniEntry(String name, Identity identity) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        SslConfiguration configuration = configuration(err);
        int served = 0;
        List<Thread> connections = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            try {
                listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
            } catch (IOException e) {
                err.println("jtls server: cannot listen on " + host + ":" + port + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            // First line, so that scripts (and tests with --port 0) can wait for it and read the port.
            err.println("Listening on " + host + ":" + listener.getLocalPort());
            if (selfSignedDescription != null) {
                err.println(selfSignedDescription);
            }
            err.flush();
            // Accept wakes up now and then so that interrupting the thread stops an in-process server.
            listener.setSoTimeout(ACCEPT_POLL_MS);
            while (naccept == null || served < naccept) {
                if (Thread.currentThread().isInterrupted()) {
                    err.println("jtls server: interrupted; stopping");
                    err.flush();
                    return 0;
                }
                Socket accepted;
                try {
                    accepted = listener.accept();
                } catch (java.net.SocketTimeoutException nobodyYet) {
                    continue;
                } catch (IOException e) {
                    err.println("jtls server: accept failed: " + e.getMessage());
                    err.flush();
                    continue;
                }
                int number = ++served;
                Thread thread = new Thread(() -> new Connection(number, configuration, err).serve(accepted),
                        "jtls-server-" + number);
                thread.setDaemon(true);
                thread.start();
                connections.add(thread);
                connections.removeIf(finished -> !finished.isAlive());
            }
        }
        for (Thread connection : connections) {
            try {
                connection.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        err.flush();
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private SslConfiguration configuration(PrintWriter err) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw usage("port out of range: " + port);
        }
        if (naccept != null && naccept < 1) {
            throw usage("--naccept must be at least 1");
        }
        if (certFiles.size() != keyFiles.size()) {
            throw usage("every --cert needs its --key (" + certFiles.size() + " certificates, " + keyFiles.size()
                    + " keys)");
        }
        if (certFiles.isEmpty() == !selfSigned) {
            throw usage(selfSigned ? "--self-signed replaces --cert/--key; use one or the other"
                    : "a server needs --cert and --key, or --self-signed");
        }
        if (verifyClient && requestClientCert) {
            throw usage("--verify-client and --request-client-cert exclude each other");
        }
        if (maxEarlyData != null && !earlyData) {
            throw usage("--max-early-data needs --early-data");
        }
        SecureRandom random = new SecureRandom();
        SslConfiguration.Builder builder = SslConfiguration.builder().random(random);
        UnaryOperator<TlsConfig.Builder> engineChanges = tls.applyTo(builder);
        List<Identity> identities = new ArrayList<>();
        if (selfSigned) {
            Identity generated = selfSignedIdentity(builder.build().cryptoBackend(), random);
            identities.add(generated);
            selfSignedDescription = "Self-signed certificate: " + ConnectionSummary.describe(generated.chain().get(0));
        }
        for (int index = 0; index < certFiles.size(); index++) {
            identities.add(readIdentity(certFiles.get(index), keyFiles.get(index), "--cert/--key"));
        }
        builder.localCertificateChain(identities.get(0).chain()).privateKey(identities.get(0).key());
        List<SniEntry> sni = new ArrayList<>();
        for (String entry : sniNames) {
            sni.add(parseSni(entry));
        }
        byte[] ocspResponse = null;
        if (ocspResponseFile != null) {
            ocspResponse = Files.readAllBytes(ocspResponseFile);
        }
        builder.peerVerifyMode(verifyClient ? PeerVerifyMode.VERIFY_PEER
                : requestClientCert ? PeerVerifyMode.QUERY_PEER : PeerVerifyMode.VERIFY_NONE);
        if (caFile != null) {
            try {
                builder.caCertificates(TlsOptions.readCaCertificates(caFile));
            } catch (IOException e) {
                throw usage("--ca: " + e.getMessage());
            }
        }
        builder.sslOption(SslOption.DISABLE_SESSION_TICKETS, noTickets);
        if (dhParamFile != null) {
            builder.diffieHellmanParameters(readDhParameters(dhParamFile));
        }
        if (earlyData) {
            builder.earlyData(true);
            if (maxEarlyData != null) {
                try {
                    builder.maxEarlyDataSize(maxEarlyData);
                } catch (IllegalArgumentException e) {
                    throw usage("--max-early-data: " + e.getMessage());
                }
            }
        }
        List<CertifiedKey> certifiedKeys = new ArrayList<>();
        for (Identity identity : identities) {
            certifiedKeys.add(identity.certifiedKey(ocspResponse));
        }
        List<CertifiedKey> keys = List.copyOf(certifiedKeys);
        byte[] staple = ocspResponse;
        builder.engineCustomizer(engine -> {
            TlsConfig.Builder changed = engineChanges.apply(engine);
            // The API holds one certificate; the engine takes them all (RSA + ECDSA) and the staple.
            changed.certificates(keys);
            if (!sni.isEmpty()) {
                changed.certificateSelector(serverName -> {
                    for (SniEntry entry : sni) {
                        if (entry.name().equalsIgnoreCase(serverName)) {
                            return entry.identity() == null ? keys : List.of(entry.identity().certifiedKey(staple));
                        }
                    }
                    return List.of();
                });
            }
            if (noSessionCache) {
                changed.sessionCache(null);
            }
            if (allowClientRenegotiation) {
                changed.allowClientRenegotiation(true);
            }
            return changed;
        });
        SslConfiguration configuration;
        try {
            configuration = builder.build();
            // Fail now, not at the first connection, when the settings cannot make a server.
            configuration.toTlsConfig(Role.SERVER, (chain, serverName, peerRole) -> List.of(), null);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw usage(e.getMessage());
        }
        return configuration;
    }

    private Identity readIdentity(Path certFile, Path keyFile, String option) {
        try {
            List<SslCertificate> chain = SslCertificate.fromPath(certFile, EncodingFormat.PEM);
            if (chain.isEmpty()) {
                throw usage(option + ": " + certFile + " holds no certificate");
            }
            SslKey key = SslKey.read(keyFile, EncodingFormat.PEM, KeyType.PRIVATE_KEY,
                    passphrase == null ? null : passphrase.toCharArray());
            if (!chain.get(0).certificate().publicKey().map(key.publicKeyMaterial()::equals).orElse(false)) {
                throw usage(option + ": the key in " + keyFile + " does not belong to the certificate in " + certFile);
            }
            return new Identity(chain, key);
        } catch (IOException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private SniEntry parseSni(String value) {
        String[] parts = value.split(":", -1);
        if (parts[0].isEmpty() || parts.length != 1 && parts.length != 3) {
            throw usage("--sni: expected NAME or NAME:CERT:KEY, got '" + value + "'");
        }
        Identity identity = parts.length == 3 ? readIdentity(Path.of(parts[1]), Path.of(parts[2]), "--sni") : null;
        return new SniEntry(parts[0], identity);
    }

    /** A throwaway certificate for localhost and 127.0.0.1, signed by its own key, valid for a day. */
    private static Identity selfSignedIdentity(CryptoBackend crypto, SecureRandom random) throws IOException {
        Instant now = Instant.now();
        PrivateKeyMaterial key = crypto.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), random).privateKey();
        Certificate certificate = CertificateBuilder.create().randomSerialNumber(random)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "localhost"))
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)))
                .basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH)
                .dnsNames("localhost")
                .ipAddresses(InetAddress.getByName("127.0.0.1"))
                .selfSign(key, crypto, random);
        return new Identity(List.of(SslCertificate.of(certificate)), SslKey.ofPrivateKey(key));
    }

    /** One accepted connection, on its own thread. */
    private final class Connection {
        private final int number;
        private final SslConfiguration configuration;
        private final PrintWriter err;
        private final ServerObserver observer;

        Connection(int number, SslConfiguration base, PrintWriter err) {
            this.number = number;
            this.err = err;
            this.observer = new ServerObserver(trace ? new HandshakeTrace(new PrefixedWriter(err, "[" + number + "] "),
                    false) : null);
            UnaryOperator<TlsConfig.Builder> shared = base.engineCustomizer().orElse(UnaryOperator.identity());
            // A copy keeps the ticket keys and session cache, so connections resume each other's sessions.
            this.configuration = base.toBuilder()
                    .engineCustomizer(engine -> shared.apply(engine).observer(observer))
                    .build();
        }

        void serve(Socket accepted) {
            String peer = accepted.getInetAddress().getHostAddress() + ":" + accepted.getPort();
            try (SslSocket socket = new SslSocket(configuration)) {
                socket.setSocket(accepted);
                socket.startServerEncryption();
                if (!socket.waitForEncrypted(HANDSHAKE_TIMEOUT_MS)) {
                    log(peer + ": handshake failed: " + socket.errorString());
                    socket.sslHandshakeErrors().forEach(error -> log("  " + error));
                    return;
                }
                var session = socket.sessionInfo().orElseThrow();
                log(peer + ": " + session.version().opensslName() + " " + session.cipherSuite().ianaName()
                        + (session.resumed() ? " (resumed)" : "")
                        + session.applicationProtocol().map(alpn -> " ALPN " + alpn).orElse(""));
                String statusNote = afterHandshake == null ? null : runAfterHandshake(socket);
                if (www) {
                    serveWww(socket, statusNote);
                } else {
                    echo(socket);
                }
                if (socket.state() != SocketState.UNCONNECTED) {
                    socket.disconnectFromHost();
                    socket.waitForDisconnected(CLOSE_WAIT_MS);
                }
                if (socket.tlsFailure().isPresent()) {
                    log(peer + ": connection failed: " + socket.errorString());
                }
            } catch (RuntimeException e) {
                log(peer + ": " + e);
            }
        }

        /** The --after-handshake action, waited for; the status-line note, or null when it could not run. */
        private String runAfterHandshake(SslSocket socket) {
            int finishedBefore = observer.finishedReceived();
            try {
                switch (afterHandshake) {
                    case KEY_UPDATE -> socket.updateKeys(true);
                    case REQUEST_CLIENT_CERT -> socket.requestClientCertificate();
                    case RENEGOTIATE -> socket.renegotiate();
                }
            } catch (IllegalStateException e) {
                log("--after-handshake " + afterHandshake.optionValue() + ": " + e.getMessage());
                return null;
            }
            if (afterHandshake != AfterHandshake.KEY_UPDATE) {
                // Done when the client's Finished of the new exchange arrives.
                long deadline = System.nanoTime() + ACTION_TIMEOUT_MS * 1_000_000L;
                while (observer.finishedReceived() == finishedBefore && socket.state() == SocketState.CONNECTED
                        && System.nanoTime() < deadline) {
                    socket.waitForReadyRead(100);
                }
                if (observer.finishedReceived() == finishedBefore) {
                    log("--after-handshake " + afterHandshake.optionValue() + ": the client did not complete it");
                    return null;
                }
            }
            log("--after-handshake " + afterHandshake.optionValue() + ": done");
            return afterHandshake.statusNote;
        }

        private void echo(SslSocket socket) {
            while (true) {
                byte[] data = socket.readAll();
                if (data.length > 0) {
                    socket.write(data);
                    socket.flush();
                }
                if (socket.state() != SocketState.CONNECTED) {
                    return;
                }
                if (!socket.waitForReadyRead(IDLE_TIMEOUT_MS) && socket.state() == SocketState.CONNECTED
                        && socket.bytesAvailable() == 0) {
                    log("idle for " + IDLE_TIMEOUT_MS / 1000 + " s; closing");
                    return;
                }
            }
        }

        private void serveWww(SslSocket socket, String statusNote) {
            while (true) {
                while (socket.canReadLine()) {
                    String line = new String(socket.readLine(), StandardCharsets.UTF_8);
                    if (line.startsWith("GET ")) {
                        StringBuilder page = new StringBuilder();
                        for (String summary : ConnectionSummary.lines(socket, observer.earlyData())) {
                            page.append(summary).append("\r\n");
                        }
                        socket.write("HTTP/1.0 200 ok" + (statusNote == null ? "" : " (" + statusNote + ")")
                                + "\r\nContent-Type: text/plain\r\n\r\n" + page);
                        return;
                    }
                }
                if (socket.state() != SocketState.CONNECTED) {
                    return;
                }
                if (!socket.waitForReadyRead(IDLE_TIMEOUT_MS) && socket.state() == SocketState.CONNECTED
                        && !socket.canReadLine()) {
                    log("no request for " + IDLE_TIMEOUT_MS / 1000 + " s; closing");
                    return;
                }
            }
        }

        private void log(String message) {
            err.println("[" + number + "] " + message);
            err.flush();
        }
    }

    /** Prefixes every line written through it (the trace of one connection among several). */
    private static final class PrefixedWriter extends PrintWriter {
        private final PrintWriter target;
        private final String prefix;

        PrefixedWriter(PrintWriter target, String prefix) {
            super(target);
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public void println(String line) {
            target.println(prefix + line);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
