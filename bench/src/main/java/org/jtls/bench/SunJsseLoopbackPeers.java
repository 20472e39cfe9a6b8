package org.jtls.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * SunJSSE's side of the socket benchmarks: an {@link SSLServerSocket} with one accept thread and a
 * thread per open connection (from a cached pool, so threads are reused across connections, as
 * thread-per-connection servers commonly do), and {@link SSLSocket} clients driven from the
 * benchmark's threads. See {@link LoopbackPeers} for the configuration both implementations share.
 *
 * <p>The groups have no per-socket API on JDK 17 ({@code SSLParameters.setNamedGroups} is JDK 20+)
 * and come from the fork's system property {@code jdk.tls.namedGroups=x25519,secp256r1}, checked
 * here: the client sends its one key share for X25519; secp256r1 stays enabled as the in-memory
 * SunJSSE benchmarks have it.
 *
 * <p>Full handshakes: SunJSSE's client caches sessions under the server's host and port and would
 * offer the TLS 1.3 ticket on the next connection, and JDK 17 has no switch to stop it. So each
 * client invalidates its session before closing, which takes it out of the client cache, and each
 * client thread has its own client {@link SSLContext} (so its own session cache): with one shared
 * context, a concurrent client picks up a session another has not yet invalidated. A trust manager
 * counts the server chains the clients check (one per full handshake, none for a resumed one), and
 * every iteration is checked against the number of connections.
 */
final class SunJsseLoopbackPeers implements LoopbackPeers {
    private static final String PROTOCOL = "TLSv1.3";
    private static final String SUITE = "TLS_AES_128_GCM_SHA256";
    private static final int READ_BUFFER_SIZE = 16 * 1024;

    private final ServerMode mode;
    /** One client context per client thread: see the class comment. */
    private final ThreadLocal<SSLContext> clientContexts = ThreadLocal.withInitial(this::newClientContext);
    private final SSLParameters clientParameters;
    private final CountingTrustManager trustManager;
    private final SSLServerSocket serverSocket;
    private final InetSocketAddress serverAddress;
    private final ExecutorService handlers;
    private final Set<Socket> serverConnections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong serverFailures = new AtomicLong();

    SunJsseLoopbackPeers(ServerCredentials credentials, ServerMode mode) throws GeneralSecurityException, IOException {
        this.mode = mode;
        String groups = System.getProperty(SunJsseHandshakes.NAMED_GROUPS_PROPERTY);
        if (!SunJsseHandshakes.NAMED_GROUPS.equals(groups)) {
            throw new IllegalStateException("this fork needs -D" + SunJsseHandshakes.NAMED_GROUPS_PROPERTY + "="
                    + SunJsseHandshakes.NAMED_GROUPS + " (SunJSSE reads it once, at first use); it has " + groups);
        }
        SSLContext serverContext = SSLContext.getInstance(PROTOCOL);
        serverContext.init(credentials.keyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", credentials.certificate());
        TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
        pkix.init(trusted);
        trustManager = new CountingTrustManager((X509ExtendedTrustManager) pkix.getTrustManagers()[0]);

        String[] suites = {SUITE};
        String[] protocols = {PROTOCOL};
        SSLParameters serverParameters = new SSLParameters(suites, protocols);
        clientParameters = new SSLParameters(suites, protocols);
        clientParameters.setServerNames(List.of(new SNIHostName(ServerCredentials.LOOPBACK_HOST_NAME)));
        // The name check jtls's client makes; X509TrustManagerImpl checks the SNI name.
        clientParameters.setEndpointIdentificationAlgorithm("HTTPS");

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        serverSocket = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 128, loopback);
        serverSocket.setSSLParameters(serverParameters);
        serverAddress = new InetSocketAddress(loopback, serverSocket.getLocalPort());
        handlers = Executors.newCachedThreadPool(task -> daemon(task, "sunjsse-bench-connection"));
        daemon(this::acceptConnections, "sunjsse-bench-accept").start();
    }

    private SSLContext newClientContext() {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a SunJSSE client context", e);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private void acceptConnections() {
        while (!serverSocket.isClosed()) {
            SSLSocket connection;
            try {
                connection = (SSLSocket) serverSocket.accept();
                connection.setTcpNoDelay(true);
                connection.setSoTimeout(TIMEOUT_MS);
            } catch (IOException e) {
                // Closed by close(), or one connection failed to set up: the loop condition tells which.
                continue;
            }
            serverConnections.add(connection);
            handlers.execute(() -> serve(connection));
        }
    }

    /** On the connection's thread: handshake, answer until the client closes, close. */
    private void serve(SSLSocket connection) {
        try (connection) {
            connection.startHandshake();
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            byte[] buffer = new byte[READ_BUFFER_SIZE];
            long received = 0;
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (mode == ServerMode.ECHO) {
                    out.write(buffer, 0, n);
                    continue;
                }
                for (received += n; received >= MEBIBYTE; received -= MEBIBYTE) {
                    out.write(ACK);
                }
            }
        } catch (IOException e) {
            // The client's side reports the failure it sees; this count is only for toString.
            serverFailures.incrementAndGet();
        } finally {
            serverConnections.remove(connection);
        }
    }

    @Override
    public void connectEchoAndClose(byte[] payload) throws IOException {
        try (SSLSocket socket = connectedSocket()) {
            socket.getOutputStream().write(payload);
            LoopbackPeers.requireEcho(payload, socket.getInputStream().readNBytes(payload.length));
            // After the echo, so the session ticket (sent before it) has arrived and goes too.
            socket.getSession().invalidate();
        }
    }

    @Override
    public Connection connect() throws IOException {
        SSLSocket socket = connectedSocket();
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new Connection() {
            @Override
            public void sendMebibyteAndAwaitAck(byte[] mebibyte) throws IOException {
                out.write(mebibyte);
                int answer = in.read();
                if (answer != ACK) {
                    throw new IOException("the server answered " + answer + ", not ACK");
                }
            }

            @Override
            public void close() {
                socket.getSession().invalidate();
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new IllegalStateException("closing a benchmark connection", e);
                }
            }
        };
    }

    private SSLSocket connectedSocket() throws IOException {
        SSLSocket socket = (SSLSocket) clientContexts.get().getSocketFactory().createSocket();
        try {
            socket.setSSLParameters(clientParameters);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.connect(serverAddress, TIMEOUT_MS);
            socket.startHandshake();
            SSLSession negotiated = socket.getSession();
            if (!negotiated.getProtocol().equals(PROTOCOL) || !negotiated.getCipherSuite().equals(SUITE)) {
                throw new IllegalStateException("SunJSSE negotiated " + negotiated.getProtocol() + " "
                        + negotiated.getCipherSuite());
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        connections.incrementAndGet();
        return socket;
    }

    @Override
    public HandshakeCount takeHandshakeCount() {
        return new HandshakeCount(connections.getAndSet(0), trustManager.serverChainsChecked.getAndSet(0));
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            // Closing the listening socket only ends the accept thread; nothing is lost if it fails.
        }
        for (Socket connection : serverConnections) {
            try {
                connection.close();
            } catch (IOException e) {
                // As above: the connection's thread ends either way.
            }
        }
        handlers.shutdownNow();
    }

    @Override
    public String toString() {
        return "SunJSSE SSLServerSocket on " + serverAddress + " (" + mode + ", " + serverFailures.get()
                + " server-side connection failures)";
    }

    /** PKIX validation and the host-name check, counting the server chains checked. */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager pkix;
        private final AtomicLong serverChainsChecked = new AtomicLong();

        CountingTrustManager(X509ExtendedTrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            serverChainsChecked.incrementAndGet();
            pkix.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            serverChainsChecked.incrementAndGet();
            pkix.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            serverChainsChecked.incrementAndGet();
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the benchmark client trusts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the benchmark client trusts no client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the benchmark client trusts no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }
}
