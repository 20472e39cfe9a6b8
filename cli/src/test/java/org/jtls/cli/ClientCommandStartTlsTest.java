package org.jtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.EncodingFormat;
import org.jtls.api.KeyType;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslKey;
import org.jtls.api.SslSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jtls client --starttls} against a fake mail server written here with {@link SslSocket}:
 * a plaintext SMTP or IMAP prelude, then the TLS handshake on the same connection, then echo.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandStartTlsTest {
    private static final int TIMEOUT_MS = 10_000;

    @TempDir
    static Path pkiDirectory;
    static TestPki pki;
    static SslConfiguration serverConfiguration;

    private ServerSocket listener;
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
    /** What the fake server received in plaintext, line by line. */
    private final List<String> plaintextReceived = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void makeCertificates() throws IOException {
        pki = TestPki.create(pkiDirectory);
        serverConfiguration = SslConfiguration.builder()
                .localCertificateChain(SslCertificate.fromPath(Path.of(pki.path("server.pem")), EncodingFormat.PEM))
                .privateKey(SslKey.read(Path.of(pki.path("server.key")), EncodingFormat.PEM, KeyType.PRIVATE_KEY, null))
                .peerVerifyMode(PeerVerifyMode.VERIFY_NONE)
                .build();
    }

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout(TIMEOUT_MS);
    }

    @AfterEach
    void stop() throws IOException {
        serverThread.shutdownNow();
        listener.close();
    }

    /** One plaintext exchange step of the fake server: the reply to send, then the line it expects next. */
    private record Step(String reply, String expectPrefix) {
    }

    /**
     * Accepts one connection, plays {@code steps} in plaintext, then handshakes and echoes one chunk.
     * Returns whether the connection got encrypted.
     */
    private Future<Boolean> fakeServer(List<Step> steps) {
        return serverThread.submit(() -> {
            Socket accepted = listener.accept();
            try (SslSocket socket = new SslSocket(serverConfiguration)) {
                socket.setSocket(accepted);
                for (Step step : steps) {
                    socket.write(step.reply());
                    socket.flush();
                    if (step.expectPrefix() == null) {
                        continue;
                    }
                    while (!socket.canReadLine()) {
                        if (!socket.waitForReadyRead(TIMEOUT_MS)) {
                            return false;
                        }
                    }
                    String line = new String(socket.readLine(), StandardCharsets.US_ASCII);
                    plaintextReceived.add(line.strip());
                    if (!line.startsWith(step.expectPrefix())) {
                        return false;
                    }
                }
                socket.startServerEncryption();
                if (!socket.waitForEncrypted(TIMEOUT_MS)) {
                    return false;
                }
                byte[] data = socket.readAll();
                while (data.length == 0 && socket.waitForReadyRead(TIMEOUT_MS)) {
                    data = socket.readAll();
                }
                socket.write(data);
                socket.disconnectFromHost();
                socket.waitForDisconnected(TIMEOUT_MS);
                return true;
            }
        });
    }

    private ClientRun client(String protocol) {
        return ClientRun.of("mail over TLS\n", "127.0.0.1:" + listener.getLocalPort(), "--starttls", protocol,
                "--ca", pki.path("ca.pem"), "--servername", "localhost", "--wait-ms", "5000");
    }

    @Test
    void smtpStartTls() throws Exception {
        Future<Boolean> server = fakeServer(List.of(
                new Step("220 fake.example ESMTP ready\r\n", "EHLO "),
                new Step("250-fake.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n", "STARTTLS"),
                new Step("220 2.0.0 Ready to start TLS\r\n", null)));
        ClientRun run = client("smtp");
        assertEquals(0, run.exitStatus(), run.toString());
        assertTrue(server.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), plaintextReceived.toString());
        assertEquals("mail over TLS\n", run.data(), run.toString());
        assertTrue(run.errLines().contains("Verification: OK"), run.toString());
        assertEquals(List.of("EHLO jtls.localhost", "STARTTLS"), plaintextReceived);
    }

    @Test
    void imapStartTls() throws Exception {
        Future<Boolean> server = fakeServer(List.of(
                new Step("* OK fake IMAP4rev1 ready\r\n", ". CAPABILITY"),
                new Step("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n. OK CAPABILITY done\r\n", ". STARTTLS"),
                new Step(". OK begin TLS now\r\n", null)));
        ClientRun run = client("imap");
        assertEquals(0, run.exitStatus(), run.toString());
        assertTrue(server.get(TIMEOUT_MS, TimeUnit.MILLISECONDS), plaintextReceived.toString());
        assertEquals("mail over TLS\n", run.data(), run.toString());
    }

    @Test
    void smtpServerWithoutStartTlsIsAFailure() throws Exception {
        fakeServer(List.of(
                new Step("220 fake.example ESMTP ready\r\n", "EHLO "),
                new Step("250-fake.example\r\n250 PIPELINING\r\n", "QUIT")));
        ClientRun run = client("smtp");
        assertEquals(1, run.exitStatus(), run.toString());
        assertTrue(run.err().contains("does not offer STARTTLS"), run.toString());
    }
}
