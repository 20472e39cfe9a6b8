package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jtls.api.DrivenPeers.Drive;
import org.jtls.api.DrivenPeers.Recorder;
import org.jtls.api.SslSocket.SocketState;
import org.jtls.api.SslSocket.SslMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server side of the QSslSocket reference, with blocking and event-driven sockets on both ends:
 * wrapping an accepted connection and calling startServerEncryption (with the encrypted signal as
 * the "ready" slot), and STARTTLS after an IMAP-like plaintext exchange.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferenceServerExamplesTest {
    private static final TestPki PKI = new TestPki();
    private static final int WAIT = DrivenPeers.WAIT;

    private DrivenPeers peers;

    @AfterEach
    void stop() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void theServerExampleWrapsAnAcceptedConnectionAndGreetsFromTheEncryptedSlot(Drive drive) throws Exception {
        peers = new DrivenPeers(drive);
        List<String> serverSignals = Collections.synchronizedList(new ArrayList<>());
        // Qt: serverSocket->setSocketDescriptor(...); connect(encrypted -> ready); startServerEncryption().
        Future<String> served = peers.accept(PKI.server.serverConfiguration(), serverSocket -> List.of(
                new SslSocketListener() {
                    @Override
                    public void modeChanged(SslMode mode) {
                        serverSignals.add("mode " + mode);
                    }

                    @Override
                    public void encrypted() {
                        serverSignals.add("ready");
                        serverSocket.write("* OK secure greeting\r\n");
                    }
                }), serverSocket -> {
                    String command = SslSocketTest.readLine(serverSocket);
                    serverSocket.write("a1 OK " + command);
                    serverSocket.flush();
                    SslSocketTest.readLine(serverSocket); // until the client closes
                    return command;
                });
        SslSocket client = peers.connect(PKI.clientTrustingCa(), "localhost");
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertEquals("* OK secure greeting\r\n", SslSocketTest.readLine(client));
        client.write("a1 NOOP\r\n");
        assertEquals("a1 OK a1 NOOP\r\n", SslSocketTest.readLine(client));
        client.disconnectFromHost();
        assertTrue(DrivenPeers.awaitUnconnected(client));
        assertEquals("a1 NOOP\r\n", LoopbackServer.result(served));
        assertEquals(List.of("mode SSL_SERVER_MODE", "ready"), List.copyOf(serverSignals));
    }

    @ParameterizedTest
    @EnumSource(Drive.class)
    void startTlsAfterAnImapLikePlaintextExchange(Drive drive) throws Exception {
        peers = new DrivenPeers(drive);
        Recorder serverRecorder = new Recorder();
        Future<String> served = peers.acceptPlain(PKI.server.serverConfiguration(), List.of(serverRecorder),
                serverSocket -> {
                    serverSocket.write("* OK IMAP4rev1 ready\r\n");
                    serverSocket.flush();
                    String startTls = SslSocketTest.readLine(serverSocket);
                    if (!startTls.equals("a1 STARTTLS\r\n")) {
                        return "unexpected " + startTls;
                    }
                    serverSocket.write("a1 OK begin TLS negotiation now\r\n");
                    assertTrue(serverSocket.waitForBytesWritten(WAIT));
                    serverSocket.startServerEncryption();
                    if (!serverSocket.waitForEncrypted(WAIT)) {
                        return "handshake failed: " + serverSocket.errorString();
                    }
                    String login = SslSocketTest.readLine(serverSocket);
                    serverSocket.write("a2 OK logged in\r\n");
                    serverSocket.flush();
                    SslSocketTest.readLine(serverSocket);
                    return startTls + login;
                });
        Recorder recorder = new Recorder();
        SslSocket client = peers.newClient(PKI.clientTrustingCa());
        client.addListener(recorder);
        client.connectToHost("127.0.0.1", peers.port());
        assertTrue(client.waitForConnected(WAIT), client.errorString());
        assertEquals("* OK IMAP4rev1 ready\r\n", SslSocketTest.readLine(client));
        assertEquals(SslMode.UNENCRYPTED_MODE, client.mode());
        assertFalse(client.isEncrypted());
        client.write("a1 STARTTLS\r\n");
        assertEquals("a1 OK begin TLS negotiation now\r\n", SslSocketTest.readLine(client));
        assertEquals(List.of(), recorder.only("encryptedBytesWritten"), "nothing encrypted before STARTTLS");
        client.setPeerVerifyName("localhost");
        client.startClientEncryption();
        assertTrue(client.waitForEncrypted(WAIT), client.errorString());
        assertEquals(List.of(), client.sslHandshakeErrors());
        client.write("a2 LOGIN user secret\r\n");
        assertEquals("a2 OK logged in\r\n", SslSocketTest.readLine(client));
        client.disconnectFromHost();
        assertTrue(DrivenPeers.awaitUnconnected(client));

        assertEquals("a1 STARTTLS\r\na2 LOGIN user secret\r\n", LoopbackServer.result(served));
        assertEquals(List.of("mode SSL_CLIENT_MODE"), recorder.only("mode "));
        assertEquals(List.of("mode SSL_SERVER_MODE"), serverRecorder.only("mode "));
        // The plaintext part counted as bytesWritten without records; then the handshake's records.
        assertTrue(recorder.indexOf("bytesWritten 13") < recorder.indexOf("mode SSL_CLIENT_MODE"),
                recorder.signals()::toString);
        assertEquals(SocketState.UNCONNECTED, client.state());
    }
}
