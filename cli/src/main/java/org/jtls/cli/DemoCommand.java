package org.jtls.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslKey;
import org.jtls.api.SslOption;
import org.jtls.api.SslSocket;
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

        ExecutorService serverThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jtls-demo-server");
            thread.setDaemon(true);
            return thread;
        });
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(TIMEOUT_MS);
            out.println("  Server listening on 127.0.0.1:" + listener.getLocalPort());

            Future<Served> first = serverThread.submit(() -> serve(listener, serverConfiguration, 1));
            out.println();
            out.println("Connection 1: full handshake");
            byte[] ticket = connect(listener.getLocalPort(), clientConfiguration, pki, out, err);
            if (ticket == null || !reportServer(first, err)) {
                return 1;
            }

            Future<Served> second = serverThread.submit(() -> serve(listener, serverConfiguration, 2));
            out.println();
            out.println("Connection 2: resuming the session of connection 1");
            if (ticket.length == 0) {
                err.println("jtls demo: the first connection left no session to resume");
                return 1;
            }
            byte[] again = connect(listener.getLocalPort(), clientConfiguration.withSessionTicket(ticket), pki, out, err);
            if (again == null || !reportServer(second, err)) {
                return 1;
            }
        } finally {
            serverThread.shutdownNow();
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

    /** Server side of one connection: handshake, read the request, answer, close. */
    private static Served serve(ServerSocket listener, SslConfiguration configuration, int number) throws IOException {
        Socket accepted = listener.accept();
        try (SslSocket socket = new SslSocket(configuration)) {
            socket.setSocket(accepted);
            socket.startServerEncryption();
            if (!socket.waitForEncrypted(TIMEOUT_MS)) {
                return new Served(false, "", socket.errorString());
            }
            // The request may have arrived with the client's Finished, before any wait: read first.
            StringBuilder request = new StringBuilder(new String(socket.readAll(), StandardCharsets.UTF_8));
            while (!request.toString().contains("\r\n\r\n") && socket.waitForReadyRead(TIMEOUT_MS)) {
                request.append(new String(socket.readAll(), StandardCharsets.UTF_8));
            }
            String body = "Hello from the jtls demo server: connection " + number + ", "
                    + socket.sessionProtocol().versions().get(0).opensslName() + ", "
                    + socket.sessionCipher().orElseThrow().name() + ", resumed: "
                    + (socket.isSessionResumed() ? "yes" : "no") + "\r\n";
            socket.write("HTTP/1.0 200 ok\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            socket.disconnectFromHost();
            socket.waitForDisconnected(TIMEOUT_MS);
            return new Served(true, request.toString(), "");
        }
    }

    private static boolean reportServer(Future<Served> served, PrintWriter err) throws InterruptedException {
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
