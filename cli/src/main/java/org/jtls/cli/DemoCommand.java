package org.jtls.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslEventLoop;
import org.jtls.api.SslKey;
import org.jtls.api.SslOption;
import org.jtls.api.SslServer;
import org.jtls.api.SslServerListener;
import org.jtls.api.SslSocket;
import org.jtls.api.SslSocketListener;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.KeyPairSpec;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.x509.algorithm.UnsupportedAlgorithmException;
import org.jtls.x509.cert.BasicConstraints;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.CertificateBuilder;
import org.jtls.x509.cert.KeyPurpose;
import org.jtls.x509.cert.KeyUsage;
import org.jtls.x509.name.AttributeType;
import org.jtls.x509.name.AttributeTypeAndValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jtls demo}: everything jtls does in one run, with nothing to set up. It makes a CA and a
 * certificate for localhost, starts a TLS server on 127.0.0.1, connects a client that trusts only
 * that CA and checks the name, sends a request, then connects again resuming the session, and
 * reports what was negotiated at each step.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run a TLS server and client in this process over 127.0.0.1: a fresh CA and server "
                    + "certificate, a verified handshake, a request and response, and a second connection "
                    + "that resumes the session. Prints what was negotiated and how the certificate was checked."
        })
final class DemoCommand implements Callable<Integer> {
    private static final int TIMEOUT_MS = 10_000;
    private static final String ALPN = "http/1.1";
    private static final String REQUEST = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";

    @Spec
    private CommandSpec spec;

    /** The demo's CA and server identity. */
    private record Pki(Certificate ca, Certificate server, PrivateKeyMaterial serverKey) {
    }

    /** What the server saw of one connection. */
    private record Served(boolean encrypted, String request, String error) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The configuration builder is the API edge where the SecureRandom is made; the demo's
        // certificates use the same one.
        SslConfiguration base = SslConfiguration.builder().allowedNextProtocols(List.of(ALPN)).build();
        Pki pki = makePki(base.random(), base.cryptoBackend(), Instant.now());

        SslConfiguration serverConfiguration = base.toBuilder()
                .localCertificate(SslCertificate.of(pki.server()))
                .privateKey(SslKey.ofPrivateKey(pki.serverKey()))
                .peerVerifyMode(PeerVerifyMode.VERIFY_NONE)
                .build();
        SslConfiguration clientConfiguration = base.toBuilder()
                .caCertificates(List.of(SslCertificate.of(pki.ca())))
                .peerVerifyMode(PeerVerifyMode.VERIFY_PEER)
                .sslOption(SslOption.DISABLE_SESSION_PERSISTENCE, false)
                .build();

        out.println("jtls demo: a TLS server and client in one process, over 127.0.0.1");
        out.println();
        out.println("Generated for this run:");
        out.println("  CA:     " + pki.ca().subject().toRfc4514String() + " (ECDSA P-256, self-signed, "
                + validity(pki.ca()) + ")");
        out.println("  Server: " + pki.server().subject().toRfc4514String() + ", subjectAltName "
                + pki.server().subjectAlternativeName().orElseThrow().describe() + " (ECDSA P-256, issued by the CA, "
                + validity(pki.server()) + ")");
        out.println("  The client trusts only this CA and checks that the server is \"localhost\".");

        // The server is event-driven (an SslServer on one event-loop thread); the client below is
        // a blocking SslSocket: the two ways of using the API, in one run.
        SslEventLoop loop = SslEventLoop.start("jtls-demo-server");
        DemoServer demoServer = new DemoServer();
        try (SslServer server = new SslServer(serverConfiguration, loop)) {
            server.setHandshakeTimeout(TIMEOUT_MS);
            server.addListener(demoServer.listenerFor(server));
            if (!server.listen(InetAddress.getByName("127.0.0.1"), 0)) {
                err.println("jtls demo: the server cannot listen: " + server.errorString());
                return 1;
            }
            int port = server.serverPort();
            out.println("  Server listening on 127.0.0.1:" + port + " (an SslServer on one event-loop thread)");

            out.println();
            out.println("Connection 1: full handshake");
            byte[] ticket = connect(port, clientConfiguration, pki, out, err);
            if (ticket == null || !reportServer(demoServer.served(1), err)) {
                return 1;
            }

            out.println();
            out.println("Connection 2: resuming the session of connection 1");
            if (ticket.length == 0) {
                err.println("jtls demo: the first connection left no session to resume");
                return 1;
            }
            byte[] again = connect(port, clientConfiguration.withSessionTicket(ticket), pki, out, err);
            if (again == null || !reportServer(demoServer.served(2), err)) {
                return 1;
            }
        } finally {
            loop.close();
        }
        out.println();
        out.println("Done: both connections were verified, encrypted and closed with close_notify.");
        out.flush();
        return 0;
    }

    private static Pki makePki(SecureRandom random, CryptoBackend crypto, Instant now) throws IOException {
        PrivateKeyMaterial caKey = crypto.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), random).privateKey();
        Certificate ca = CertificateBuilder.create().randomSerialNumber(random)
                .subject(AttributeTypeAndValue.of(AttributeType.ORGANIZATION, "jtls"),
                        AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "jtls demo CA"))
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)))
                .basicConstraints(BasicConstraints.ca(OptionalInt.of(0)))
                .keyUsage(KeyUsage.Bit.KEY_CERT_SIGN, KeyUsage.Bit.CRL_SIGN)
                .selfSign(caKey, crypto, random);
        PrivateKeyMaterial serverKey = crypto.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), random).privateKey();
        Certificate server = CertificateBuilder.create().randomSerialNumber(random)
                .subject(AttributeTypeAndValue.of(AttributeType.COMMON_NAME, "localhost"))
                .issuedBy(ca, crypto)
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)))
                .publicKey(serverKey.publicKey())
                .basicConstraints(BasicConstraints.endEntity())
                .keyUsage(KeyUsage.Bit.DIGITAL_SIGNATURE)
                .extendedKeyUsage(KeyPurpose.SERVER_AUTH)
                .dnsNames("localhost")
                .ipAddresses(InetAddress.getByName("127.0.0.1"))
                .sign(caKey, crypto, random);
        return new Pki(ca, server, serverKey);
    }

    /**
     * One client connection: handshake, report, request, response. Returns the session to resume
     * (possibly empty), or null when the connection failed (reported on {@code err}).
     */
    private static byte[] connect(int port, SslConfiguration configuration, Pki pki, PrintWriter out, PrintWriter err) {
        try (SslSocket socket = new SslSocket(configuration)) {
            socket.connectToHostEncrypted("127.0.0.1", port, "localhost");
            if (!socket.waitForConnected(TIMEOUT_MS)) {
                err.println("jtls demo: could not connect: " + socket.errorString());
                return null;
            }
            long start = System.nanoTime();
            boolean encrypted = socket.waitForEncrypted(TIMEOUT_MS);
            double handshakeMillis = (System.nanoTime() - start) / 1e6;
            if (!encrypted) {
                err.println("jtls demo: handshake failed: " + socket.errorString());
                socket.sslHandshakeErrors().forEach(error -> err.println("  " + error));
                return null;
            }
            for (String line : ConnectionSummary.lines(socket)) {
                out.println("  " + line);
            }
            out.println(String.format(Locale.ROOT, "  Handshake: %.1f ms", handshakeMillis));
            printChain(socket, pki, out);

            socket.write(REQUEST);
            StringBuilder response = new StringBuilder();
            while (socket.waitForReadyRead(TIMEOUT_MS)) {
                response.append(new String(socket.readAll(), StandardCharsets.UTF_8));
            }
            if (socket.peerClose() != SslSocket.PeerClose.CLOSE_NOTIFY) {
                err.println("jtls demo: the server did not close cleanly (" + socket.peerClose() + "): "
                        + socket.errorString());
                return null;
            }
            out.println("  Request:  " + REQUEST.lines().findFirst().orElseThrow());
            String text = response.toString();
            int bodyStart = text.indexOf("\r\n\r\n");
            out.println("  Response: " + text.lines().findFirst().orElse("(nothing)"));
            if (bodyStart >= 0) {
                text.substring(bodyStart + 4).lines().forEach(line -> out.println("            " + line));
            }
            out.flush();
            return socket.sslConfiguration().sessionTicket();
        }
    }

    /** The path from the server's certificate to the trust anchor, with what was checked at each step. */
    private static void printChain(SslSocket socket, Pki pki, PrintWriter out) {
        List<SslCertificate> chain = socket.peerCertificateChain();
        out.println("  Certificate chain" + (socket.isSessionResumed() ? " (remembered from the resumed session):"
                : " (as the server sent it, then the trust anchor):"));
        for (int index = 0; index < chain.size(); index++) {
            Certificate certificate = chain.get(index).certificate();
            out.println("    " + index + " " + certificate.subject().toRfc4514String() + "  (issuer "
                    + certificate.issuer().toRfc4514String() + ", " + validity(certificate) + ")");
        }
        Certificate leaf = chain.get(0).certificate();
        out.println("    anchor " + pki.ca().subject().toRfc4514String() + "  (from the client's CA list)");
        out.println("  Checks: signature of 0 by the anchor's key: " + signatureCheck(leaf, pki.ca())
                + "; dates: " + (leaf.validity().contains(Instant.now()) ? "valid" : "NOT valid")
                + "; name \"localhost\": " + (socket.isSessionResumed() ? "checked in the full handshake"
                        : socket.sslHandshakeErrors().isEmpty() ? "matches" : "see Verification"));
    }

    private static String signatureCheck(Certificate subject, Certificate issuer) {
        try {
            return subject.verifySignature(issuer, CryptoBackends.defaultBackend()) ? "good" : "BAD";
        } catch (UnsupportedAlgorithmException e) {
            return "not checked (" + e.getMessage() + ")";
        }
    }

    private static String validity(Certificate certificate) {
        LocalDate from = LocalDate.ofInstant(certificate.notBefore(), ZoneOffset.UTC);
        LocalDate until = LocalDate.ofInstant(certificate.notAfter(), ZoneOffset.UTC);
        return "valid " + from + " to " + until;
    }

    /**
     * The event-driven server side: each connection the SslServer hands out reads its request in
     * readyRead, answers, and closes; what it saw completes that connection's future.
     */
    private static final class DemoServer {
        private final java.util.Map<Integer, CompletableFuture<Served>> connections =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

        CompletableFuture<Served> served(int number) {
            return connections.computeIfAbsent(number, key -> new CompletableFuture<>());
        }

        SslServerListener listenerFor(SslServer server) {
            return new SslServerListener() {
                @Override
                public void pendingConnectionAvailable() {
                    SslSocket socket = server.nextPendingConnection();
                    if (socket != null) {
                        answer(socket, accepted.incrementAndGet());
                    }
                }

                @Override
                public void errorOccurred(SslSocket socket, SslSocket.SocketError error) {
                    served(accepted.incrementAndGet()).complete(new Served(false, "", socket.errorString()));
                }
            };
        }

        private void answer(SslSocket socket, int number) {
            StringBuilder request = new StringBuilder();
            SslSocketListener handler = new SslSocketListener() {
                private boolean answered;

                @Override
                public void readyRead() {
                    request.append(new String(socket.readAll(), StandardCharsets.UTF_8));
                    if (answered || !request.toString().contains("\r\n\r\n")) {
                        return;
                    }
                    answered = true;
                    String body = "Hello from the jtls demo server: connection " + number + ", "
                            + socket.sessionProtocol().versions().get(0).opensslName() + ", "
                            + socket.sessionCipher().orElseThrow().name() + ", resumed: "
                            + (socket.isSessionResumed() ? "yes" : "no") + "\r\n";
                    socket.write("HTTP/1.0 200 ok\r\nContent-Type: text/plain\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body);
                    socket.disconnectFromHost();
                }

                @Override
                public void disconnected() {
                    served(number).complete(answered ? new Served(true, request.toString(), "")
                            : new Served(false, request.toString(), socket.errorString()));
                    socket.close();
                }
            };
            socket.addListener(handler);
            // The request may have come with the client's Finished, before this listener existed.
            // (This runs on the loop thread, inside the server's callback.)
            if (socket.bytesAvailable() > 0) {
                handler.readyRead();
            }
        }
    }

    private static boolean reportServer(CompletableFuture<Served> served, PrintWriter err) throws InterruptedException {
        try {
            Served result = served.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (!result.encrypted()) {
                err.println("jtls demo: the server's handshake failed: " + result.error());
                return false;
            }
            return true;
        } catch (ExecutionException e) {
            err.println("jtls demo: the server failed: " + e.getCause());
            return false;
        } catch (TimeoutException e) {
            err.println("jtls demo: the server did not finish within " + TIMEOUT_MS + " ms");
            return false;
        }
    }
}
