package org.jtls.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The TLS implementation a socket benchmark runs, at both ends of the loopback connection: jtls's
 * {@code SslServer} and blocking {@code SslSocket}, or SunJSSE's {@code SSLServerSocket} and
 * {@code SSLSocket}.
 */
public enum SocketImplementation {
    JTLS("jtls"),
    SUNJSSE("SunJSSE");

    private final String displayName;

    SocketImplementation(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * A server of this implementation listening on 127.0.0.1 and clients for it, all with one fresh
     * ECDSA P-256 identity for {@code localhost} (made with {@code random}; the connections use each
     * implementation's default secure random); checked with two connections before it is returned.
     */
    LoopbackPeers start(LoopbackPeers.ServerMode mode, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        ServerCredentials credentials = ServerCredentials.selfSignedForLoopback(ServerKey.ECDSA_P256, random);
        LoopbackPeers peers = switch (this) {
            case JTLS -> new JtlsLoopbackPeers(credentials, mode);
            case SUNJSSE -> new SunJsseLoopbackPeers(credentials, mode);
        };
        try {
            peers.checkSetup(mode);
        } catch (IOException | RuntimeException e) {
            peers.close();
            throw e;
        }
        return peers;
    }
}
