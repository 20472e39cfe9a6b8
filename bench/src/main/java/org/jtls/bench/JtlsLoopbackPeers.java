package org.jtls.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jtls.api.PeerVerifyMode;
import org.jtls.api.SslCertificate;
import org.jtls.api.SslCipher;
import org.jtls.api.SslConfiguration;
import org.jtls.api.SslEventLoop;
import org.jtls.api.SslKey;
import org.jtls.api.SslOption;
import org.jtls.api.SslProtocol;
import org.jtls.api.SslServer;
import org.jtls.api.SslServerListener;
import org.jtls.api.SslSocket;
import org.jtls.api.SslSocketListener;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.SessionInfo;

/**
 * jtls's side of the socket benchmarks: an {@link SslServer} on one {@link SslEventLoop} thread,
 * answering as its {@link LoopbackPeers.ServerMode} says, and blocking {@link SslSocket} clients
 * driven from the benchmark's threads. See {@link LoopbackPeers} for the configuration both
 * implementations share.
 */
final class JtlsLoopbackPeers implements LoopbackPeers {
    private final ServerMode mode;
    private final SslConfiguration clientConfiguration;
    private final SslEventLoop loop;
    private final SslServer server;
    private final String serverAddress;
    private final int port;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong fullHandshakes = new AtomicLong();

    JtlsLoopbackPeers(ServerCredentials credentials, ServerMode mode) throws GeneralSecurityException, IOException {
        this.mode = mode;
        SslCertificate certificate = SslCertificate.fromDer(credentials.certificate().getEncoded());
        SslConfiguration common = SslConfiguration.builder()
                .protocol(SslProtocol.TLS_V1_3)
                .ciphers(List.of(SslCipher.of(CipherSuite.TLS_AES_128_GCM_SHA256)))
                // Not the default X25519MLKEM768 first: SunJSSE on JDK 17 has no ML-KEM.
                .groups(List.of(NamedGroup.X25519))
                .build();
        SslConfiguration serverConfiguration = common.toBuilder()
                .localCertificateChain(List.of(certificate))
                .privateKey(SslKey.ofPrivateKey(credentials.privateKeyMaterial()))
                // One ticket per connection, as SunJSSE on JDK 17 sends (jtls's default is two).
                .engineCustomizer(engine -> engine.tls13TicketCount(1))
                .build();
        clientConfiguration = common.toBuilder()
                .caCertificates(List.of(certificate))
                .peerVerifyMode(PeerVerifyMode.VERIFY_PEER)
                // Every connection a full handshake: the client keeps no session to offer.
                .sslOption(SslOption.DISABLE_SESSION_SHARING, true)
                .build();

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        serverAddress = loopback.getHostAddress();
        loop = SslEventLoop.start("jtls-bench-server");
        server = new SslServer(serverConfiguration, loop);
        // Qt's default of 30 (handshakes under way count) would queue the 50-connection batch in
        // the listen backlog; SunJSSE's accept thread takes every connection at once.
        server.setMaxPendingConnections(128);
        server.addListener(new SslServerListener() {
            @Override
            public void pendingConnectionAvailable() {
                for (SslSocket socket = server.nextPendingConnection(); socket != null;
                        socket = server.nextPendingConnection()) {
                    serve(socket);
                }
            }
        });
        if (!server.listen(loopback, 0)) {
            close();
            throw new IOException("jtls server: " + server.errorString());
        }
        port = server.serverPort();
    }

    /** On the loop thread: answers what {@code socket} receives. The socket closes itself when the client does. */
    private void serve(SslSocket socket) {
        Runnable answer = switch (mode) {
            case ECHO -> () -> socket.write(socket.readAll());
            case ACKNOWLEDGE_EACH_MEBIBYTE -> new Runnable() {
                // Read into one reused buffer, as SunJSSE's server reads its InputStream.
                private final byte[] buffer = new byte[16 * 1024];
                private long received;

                @Override
                public void run() {
                    for (int n = socket.read(buffer, 0, buffer.length); n > 0;
                            n = socket.read(buffer, 0, buffer.length)) {
                        received += n;
                    }
                    for (; received >= MEBIBYTE; received -= MEBIBYTE) {
                        socket.write(new byte[] {ACK});
                    }
                }
            };
        };
        socket.addListener(new SslSocketListener() {
            @Override
            public void readyRead() {
                answer.run();
            }
        });
        // Data that came with the end of the handshake is already buffered.
        if (socket.bytesAvailable() > 0) {
            answer.run();
        }
    }

    @Override
    public void connectEchoAndClose(byte[] payload) throws IOException {
        try (SslSocket socket = connectedSocket()) {
            socket.write(payload);
            LoopbackPeers.requireEcho(payload, readExactly(socket, payload.length));
        }
    }

    @Override
    public Connection connect() throws IOException {
        SslSocket socket = connectedSocket();
        return new Connection() {
            @Override
            public void sendMebibyteAndAwaitAck(byte[] mebibyte) throws IOException {
                socket.write(mebibyte);
                byte[] answer = readExactly(socket, 1);
                if (answer[0] != ACK) {
                    throw new IOException("the server answered " + answer[0] + ", not ACK");
                }
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }

    private SslSocket connectedSocket() throws IOException {
        SslSocket socket = new SslSocket(clientConfiguration);
        socket.connectToHostEncrypted(serverAddress, port, ServerCredentials.LOOPBACK_HOST_NAME);
        if (!socket.waitForEncrypted(TIMEOUT_MS)) {
            String failure = socket.errorString();
            socket.close();
            throw new IOException("jtls handshake: " + failure);
        }
        SessionInfo negotiated = socket.sessionInfo().orElseThrow();
        if (negotiated.version() != ProtocolVersion.TLS_1_3 || negotiated.cipherSuite() != CipherSuite.TLS_AES_128_GCM_SHA256
                || !negotiated.group().equals(Optional.of(NamedGroup.X25519))
                || !negotiated.peerSignatureScheme().equals(Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256))) {
            socket.close();
            throw new IllegalStateException("jtls negotiated " + negotiated.version() + " " + negotiated.cipherSuite()
                    + " " + negotiated.group() + " " + negotiated.peerSignatureScheme());
        }
        connections.incrementAndGet();
        if (!negotiated.resumed()) {
            fullHandshakes.incrementAndGet();
        }
        return socket;
    }

    /** Reads until {@code length} bytes have come; the socket reads only inside {@code waitForReadyRead}. */
    private static byte[] readExactly(SslSocket socket, int length) throws IOException {
        byte[] received = new byte[length];
        int filled = 0;
        while (filled < length) {
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(TIMEOUT_MS)) {
                throw new IOException("jtls read: " + filled + " of " + length + " bytes, then "
                        + socket.errorString());
            }
            filled += socket.read(received, filled, length - filled);
        }
        return received;
    }

    @Override
    public HandshakeCount takeHandshakeCount() {
        return new HandshakeCount(connections.getAndSet(0), fullHandshakes.getAndSet(0));
    }

    @Override
    public void close() {
        server.close();
        loop.close();
    }

    @Override
    public String toString() {
        return "jtls SslServer on " + serverAddress + ":" + port + " (" + mode + ")";
    }
}
