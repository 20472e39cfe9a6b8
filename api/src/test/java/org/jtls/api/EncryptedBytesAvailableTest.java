package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.jtls.handshake.TlsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SslSocket#encryptedBytesAvailable()}: the part of a record that has arrived while the rest
 * has not. The server here is a bare engine over a TCP socket, so the test decides where the
 * record is cut.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EncryptedBytesAvailableTest {
    private static final TestPki PKI = new TestPki();

    @Test
    void halfARecordIsCountedUntilTheRestArrives() throws Exception {
        CountDownLatch firstHalfSent = new CountDownLatch(1);
        CountDownLatch sendTheRest = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(TestPki.loopback(), 0));
            CompletableFuture<Integer> server = CompletableFuture.supplyAsync(() -> {
                try (Socket connection = listener.accept()) {
                    TlsEngine engine = TlsEngine.server(PKI.server.serverConfiguration()
                            .toTlsConfig(Role.SERVER, PeerVerifier.ACCEPT_ANY, null));
                    engine.beginHandshake();
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream();
                    byte[] buffer = new byte[16 * 1024];
                    while (engine.status() != TlsEngine.Status.CONNECTED) {
                        out.write(engine.drainOutput());
                        int count = in.read(buffer);
                        if (count < 0) {
                            throw new IllegalStateException("the client went away during the handshake");
                        }
                        engine.receive(ByteBuffer.wrap(buffer, 0, count));
                        engine.process();
                    }
                    out.write(engine.drainOutput());
                    engine.writeApplicationData(ByteBuffer.wrap("one whole record".getBytes(StandardCharsets.US_ASCII)));
                    byte[] record = engine.drainOutput();
                    int half = record.length / 2;
                    out.write(record, 0, half);
                    out.flush();
                    firstHalfSent.countDown();
                    sendTheRest.await(10, TimeUnit.SECONDS);
                    out.write(record, half, record.length - half);
                    out.flush();
                    // Wait for the client's close_notify (or the end) before closing.
                    while (in.read(buffer) >= 0) {
                        continue;
                    }
                    return half;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SslSocket client = new SslSocket(PKI.clientTrustingCa()
                    .withSslOption(SslOption.DISABLE_SESSION_SHARING, true))) {
                client.connectToHostEncrypted("localhost", listener.getLocalPort());
                assertTrue(client.waitForEncrypted(10_000), client::errorString);
                assertTrue(firstHalfSent.await(10, TimeUnit.SECONDS));
                // The half record arrives; nothing can be decrypted yet.
                long waited = 0;
                while (client.encryptedBytesAvailable() == 0 && waited < 10_000) {
                    assertFalse(client.waitForReadyRead(50), "half a record must not make data readable");
                    waited += 50;
                }
                long buffered = client.encryptedBytesAvailable();
                assertTrue(buffered > 0, "the half record is counted");
                assertEquals(0, client.bytesAvailable());
                sendTheRest.countDown();
                assertTrue(client.waitForReadyRead(10_000));
                assertEquals("one whole record", new String(client.readAll(), StandardCharsets.US_ASCII));
                assertEquals(0, client.encryptedBytesAvailable());
                client.disconnectFromHost();
                int half = server.get(10, TimeUnit.SECONDS);
                assertTrue(buffered <= half, () -> buffered + " buffered of " + half + " sent");
            }
        }
    }
}
