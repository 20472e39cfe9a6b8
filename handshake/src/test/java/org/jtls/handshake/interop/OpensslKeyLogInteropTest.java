package org.jtls.handshake.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.KeyLog;
import org.jtls.handshake.Session;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.handshake.interop.Interop.Credentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key log (NSS {@code SSLKEYLOGFILE} format, written through {@link KeyLog#to}) against OpenSSL's
 * own {@code -keylogfile}, both directions: for the same connection both ends must write the same
 * lines, byte for byte — in TLS 1.3 the five secrets CLIENT_HANDSHAKE_TRAFFIC_SECRET,
 * SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0 and
 * EXPORTER_SECRET, plus CLIENT_EARLY_TRAFFIC_SECRET and EARLY_EXPORTER_SECRET on a 0-RTT resumption;
 * in TLS 1.2 the
 * CLIENT_RANDOM master secret. Since OpenSSL derives its lines independently, equality proves the
 * labels, the client random, the secrets and the formatting.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class OpensslKeyLogInteropTest {
    private static final byte[] HTTP_GET = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Set<String> TLS13_LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
    private static final Pattern LINE = Pattern.compile("[A-Z_0-9]+ [0-9a-f]{64} (?:[0-9a-f]{64}|[0-9a-f]{96})");

    @TempDir
    static Path directory;
    private static PemFiles.CertificateAndKey serverFiles;

    @BeforeAll
    static void requireOpenssl() throws Exception {
        PeerProcess.assumeInstalled("openssl", "preinstalled on Debian; apt-get install openssl");
        serverFiles = Interop.pem(Credentials.RSA, directory, "rsa");
    }

    /** The key-log lines of a text, comments (OpenSSL writes a header) and blank lines left out. */
    private static Set<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> labels(Set<String> lines) {
        return lines.stream().map(line -> line.substring(0, line.indexOf(' '))).collect(Collectors.toSet());
    }

    private static void assertSameLog(Set<String> ours, Set<String> theirs, Set<String> labels) {
        assertEquals(labels, labels(ours), String.join("\n", ours));
        for (String line : ours) {
            assertTrue(LINE.matcher(line).matches(), "not an NSS key-log line: " + line);
        }
        assertEquals(theirs, ours);
    }

    private static PeerProcess.Command sServer(String versionOption, Path keyLogFile, String... more) {
        PeerProcess.Command command = new PeerProcess.Command("openssl", "s_server", "-accept",
                "127.0.0.1:" + PeerProcess.PORT, "-cert", serverFiles.certificate().toString(), "-key",
                serverFiles.privateKey().toString(), versionOption, "-keylogfile", keyLogFile.toString());
        return command.add(more);
    }

    private static TlsConfig.Builder config(ProtocolVersion version, KeyLog keyLog) {
        TlsConfig.Builder builder = Interop.defaults().versions(List.of(version)).keyLog(keyLog);
        if (version == ProtocolVersion.TLS_1_2) {
            builder.cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384));
        }
        return builder;
    }

    private void ourClientAgainstSServer(ProtocolVersion version, String versionOption, Set<String> labels)
            throws Exception {
        Path theirs = directory.resolve("s_server-" + versionOption + ".keylog");
        StringWriter ours = new StringWriter();
        try (PeerProcess peer = PeerProcess.listen(sServer(versionOption, theirs, "-www", "-naccept", "1"), "ACCEPT",
                directory);
                SocketTlsConnection connection = SocketTlsConnection.connect(
                        TlsEngine.client(config(version, KeyLog.to(ours)).build(), "localhost"), peer.port())) {
            assertEquals(version, connection.handshake().version());
            connection.write(HTTP_GET);
            String page = new String(connection.readUntilClosed(), StandardCharsets.ISO_8859_1);
            assertTrue(page.startsWith("HTTP/1.0 200 ok"), page);
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
        assertSameLog(lines(ours.toString()), lines(Files.readString(theirs)), labels);
    }

    private void sClientAgainstOurServer(ProtocolVersion version, String versionOption, Set<String> labels)
            throws Exception {
        Path theirs = directory.resolve("s_client-" + versionOption + ".keylog");
        StringWriter ours = new StringWriter();
        TlsConfig config = config(version, KeyLog.to(ours)).certificates(List.of(Credentials.RSA.certifiedKey())).build();
        try (OurServer server = OurServer.start(config, OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(List.of("openssl", "s_client", "-connect", "127.0.0.1:"
                        + server.port(), versionOption, "-servername", "localhost", "-keylogfile", theirs.toString()),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            assertEquals(version, server.await().version());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
        assertSameLog(lines(ours.toString()), lines(Files.readString(theirs)), labels);
    }

    @Test
    void ourTls13ClientLogsTheSecretsOpensslServerLogs() throws Exception {
        ourClientAgainstSServer(ProtocolVersion.TLS_1_3, "-tls1_3", TLS13_LABELS);
    }

    @Test
    void ourTls13ServerLogsTheSecretsOpensslClientLogs() throws Exception {
        sClientAgainstOurServer(ProtocolVersion.TLS_1_3, "-tls1_3", TLS13_LABELS);
    }

    @Test
    void ourTls12ClientLogsTheMasterSecretOpensslServerLogs() throws Exception {
        ourClientAgainstSServer(ProtocolVersion.TLS_1_2, "-tls1_2", Set.of("CLIENT_RANDOM"));
    }

    @Test
    void ourTls12ServerLogsTheMasterSecretOpensslClientLogs() throws Exception {
        sClientAgainstOurServer(ProtocolVersion.TLS_1_2, "-tls1_2", Set.of("CLIENT_RANDOM"));
    }

    /**
     * A 0-RTT resumption adds CLIENT_EARLY_TRAFFIC_SECRET and EARLY_EXPORTER_SECRET (found here: jtls
     * did not log the latter, OpenSSL does); OpenSSL's log holds both connections.
     */
    @Test
    void ourClientLogsTheEarlyTrafficSecretOpensslServerLogs() throws Exception {
        Path theirs = directory.resolve("s_server-early.keylog");
        StringWriter first = new StringWriter();
        StringWriter second = new StringWriter();
        try (PeerProcess peer = PeerProcess.listen(sServer("-tls1_3", theirs, "-naccept", "2", "-early_data",
                "-max_early_data", "16384"), "ACCEPT", directory)) {
            TlsEngine full = TlsEngine.client(config(ProtocolVersion.TLS_1_3, KeyLog.to(first)).build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(full, peer.port())) {
                connection.handshake();
                connection.readUntil(() -> full.resumableSession().map(s -> s.maxEarlyDataSize() > 0).orElse(false),
                        "a ticket allowing early data");
                connection.closeGracefully();
            }
            Session ticket = full.resumableSession().orElseThrow();
            TlsEngine resumed = TlsEngine.client(config(ProtocolVersion.TLS_1_3, KeyLog.to(second)).earlyData(true)
                    .resumptionSession(ticket).build(), "localhost");
            try (SocketTlsConnection connection = SocketTlsConnection.connect(resumed, peer.port())) {
                assertTrue(connection.handshakeWithEarlyData("early\n".getBytes(StandardCharsets.US_ASCII)).resumed());
                connection.write("after the handshake\n".getBytes(StandardCharsets.US_ASCII));
                peer.awaitOutput("after the handshake");
                connection.closeGracefully();
            }
            peer.awaitExit(Duration.ofSeconds(10));
        }
        Set<String> early = new TreeSet<>(TLS13_LABELS);
        early.add("CLIENT_EARLY_TRAFFIC_SECRET");
        early.add("EARLY_EXPORTER_SECRET");
        Set<String> ours = new TreeSet<>(lines(first.toString()));
        assertEquals(TLS13_LABELS, labels(lines(first.toString())));
        assertEquals(early, labels(lines(second.toString())));
        ours.addAll(lines(second.toString()));
        assertSameLog(ours, lines(Files.readString(theirs)), early);
        assertEquals(12, ours.size(), "five lines for the full handshake, seven for the 0-RTT one");
    }

    /** s_client -early_data resumes with our ticket: our server logs the same seven lines as s_client. */
    @Test
    void ourServerLogsTheEarlyTrafficSecretOpensslClientLogs() throws Exception {
        Path theirs = directory.resolve("s_client-early.keylog");
        Path sessionFile = directory.resolve("keylog-early.sess");
        Path earlyFile = directory.resolve("keylog-early.txt");
        String earlyText = "early data from s_client\n";
        Files.writeString(earlyFile, earlyText, StandardCharsets.US_ASCII);
        StringWriter first = new StringWriter();
        StringWriter second = new StringWriter();
        TlsConfig.Builder config = config(ProtocolVersion.TLS_1_3, KeyLog.to(first))
                .certificates(List.of(Credentials.RSA.certifiedKey())).ticketKeys(Interop.ticketKeys())
                .maxEarlyDataSize(16384);
        List<String> sClient = List.of("openssl", "s_client", "-tls1_3", "-servername", "localhost",
                "-keylogfile", theirs.toString());
        try (OurServer server = OurServer.start(config.build(), OurServer.ECHO_PING);
                PeerProcess peer = PeerProcess.start(new PeerProcess.Command(sClient.toArray(String[]::new))
                        .add("-connect", "127.0.0.1:" + server.port(), "-sess_out", sessionFile.toString()).toList(),
                        directory)) {
            peer.writeToStdin(Interop.PING);
            server.await();
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
        }
        OurServer.Conversation conversation = connection -> {
            assertEquals(earlyText, new String(connection.readExactly(earlyText.length()), StandardCharsets.US_ASCII));
            OurServer.ECHO_PING.run(connection);
        };
        try (OurServer server = OurServer.start(config.keyLog(KeyLog.to(second)).build(), conversation);
                PeerProcess peer = PeerProcess.start(new PeerProcess.Command(sClient.toArray(String[]::new))
                        .add("-connect", "127.0.0.1:" + server.port(), "-sess_in", sessionFile.toString(),
                                "-early_data", earlyFile.toString()).toList(), directory)) {
            peer.writeToStdin(Interop.PING);
            assertTrue(server.await().resumed());
            assertEquals(0, peer.awaitExit(Duration.ofSeconds(10)), peer.describe());
            assertTrue(peer.stdout().contains("Early data was accepted"), peer.describe());
        }
        Set<String> early = new TreeSet<>(TLS13_LABELS);
        early.add("CLIENT_EARLY_TRAFFIC_SECRET");
        early.add("EARLY_EXPORTER_SECRET");
        assertEquals(TLS13_LABELS, labels(lines(first.toString())));
        assertEquals(early, labels(lines(second.toString())));
        Set<String> ours = new TreeSet<>(lines(first.toString()));
        ours.addAll(lines(second.toString()));
        assertSameLog(ours, lines(Files.readString(theirs)), early);
    }
}
