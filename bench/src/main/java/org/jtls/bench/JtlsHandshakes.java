package org.jtls.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.operator.OperatorCreationException;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionCache;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TicketKeys;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEngine;
import org.jtls.record.TlsException;

/**
 * A jtls client and server configured for one {@link HandshakeKind}; {@link #handshake()} runs one
 * complete handshake between a new client engine and a new server engine, pumping bytes between
 * them in memory until both are connected and neither has anything left to send (the TLS 1.3
 * NewSessionTicket included).
 *
 * <p>Settings that match SunJSSE's defaults, so both do the same work: the server issues session
 * tickets (one per TLS 1.3 handshake, SunJSSE's count; jtls's own default is two), the client asks
 * for them, and the client accepts the server's certificate without validating its chain
 * ({@link PeerVerifier#ACCEPT_ANY}; {@link SunJsseHandshakes} installs an accept-all trust manager).
 * Session-id resumption is the one exception: its server has a session cache and issues no tickets.
 *
 * <p>For the resumed kinds the client keeps its session in a {@link SessionCache}: the server's
 * TLS 1.3 NewSessionTicket after every resumed handshake replaces the ticket, so it never ages out
 * during a run; TLS 1.2 sessions and ticket keys live 24 hours.
 */
final class JtlsHandshakes {
    static final String SERVER_NAME = "bench.jtls.test";
    static final int SERVER_PORT = 443;

    private static final Duration SESSION_LIFETIME = Duration.ofHours(24);
    private static final int MAX_ROUNDS = 20;

    private final HandshakeKind kind;
    private final TlsConfig clientConfig;
    private final TlsConfig serverConfig;
    /** Carries one flight at a time from one engine to the other; reused by every handshake. */
    private final ByteBuffer wire = ByteBuffer.allocate(64 * 1024);
    private int handshakesThisIteration;
    private int unexpectedHandshakesThisIteration;

    /**
     * Configures both sides and checks them: for a resumed kind a full handshake first makes the
     * session; then one handshake of {@code kind} must negotiate exactly what the kind names.
     *
     * @throws IllegalStateException if a handshake negotiates anything else
     */
    JtlsHandshakes(HandshakeKind kind, CryptoBackend crypto, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, TlsException {
        this.kind = kind;
        Clock clock = Clock.systemUTC();
        ServerCredentials credentials = ServerCredentials.selfSigned(kind.serverKey(), SERVER_NAME, random);

        TlsConfig.Builder server = commonSettings(crypto, random, clock)
                .certificates(List.of(credentials.certifiedKey()))
                .tls13TicketCount(1);
        TlsConfig.Builder client = commonSettings(crypto, random, clock);
        if (kind.resumption() == HandshakeKind.Resumption.SESSION_ID) {
            server.sessionCache(new SessionCache(16, SESSION_LIFETIME, clock));
            client.sessionTickets(false);
        } else {
            server.ticketKeys(new TicketKeys(crypto, random, clock, SESSION_LIFETIME.dividedBy(2), SESSION_LIFETIME));
        }
        if (kind.resumes()) {
            client.sessionCache(new SessionCache(16, SESSION_LIFETIME, clock));
        }
        this.clientConfig = client.build();
        this.serverConfig = server.build();

        if (kind.resumes()) {
            checkNegotiated(connect(), false);
        }
        checkNegotiated(connect(), kind.resumes());
    }

    private TlsConfig.Builder commonSettings(CryptoBackend crypto, SecureRandom random, Clock clock) {
        return TlsConfig.builder(crypto, random, clock)
                .versions(List.of(kind.version()))
                .cipherSuites(List.of(kind.cipherSuite()))
                .groups(kind.offeredGroups())
                .peerVerifier(PeerVerifier.ACCEPT_ANY);
    }

    /** One complete handshake; returns what the client negotiated. */
    SessionInfo handshake() throws TlsException {
        TlsEngine client = connect()[0];
        SessionInfo negotiated = client.session().orElseThrow();
        handshakesThisIteration++;
        if (negotiated.resumed() != kind.resumes()) {
            unexpectedHandshakesThisIteration++;
        }
        return negotiated;
    }

    /**
     * Fails the iteration if any of its handshakes was full where it should have resumed or the
     * other way round (a ticket that expired or was refused would otherwise quietly turn the
     * measurement into one of full handshakes).
     */
    void checkIteration() {
        int unexpected = unexpectedHandshakesThisIteration;
        int total = handshakesThisIteration;
        handshakesThisIteration = 0;
        unexpectedHandshakesThisIteration = 0;
        if (unexpected > 0) {
            throw new IllegalStateException(kind + ": " + unexpected + " of " + total + " handshakes "
                    + (kind.resumes() ? "did not resume" : "resumed"));
        }
    }

    /** A new client and server, handshaken; {client, server}. */
    private TlsEngine[] connect() throws TlsException {
        TlsEngine client = TlsEngine.client(clientConfig, SERVER_NAME, SERVER_PORT);
        TlsEngine server = TlsEngine.server(serverConfig);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = deliver(client, server);
            moved |= deliver(server, client);
            if (!moved) {
                if (client.status() != TlsEngine.Status.CONNECTED || server.status() != TlsEngine.Status.CONNECTED) {
                    throw new IllegalStateException(kind + ": the handshake stalled with the client "
                            + client.status() + " in " + client.handshakeState() + " and the server "
                            + server.status() + " in " + server.handshakeState());
                }
                return new TlsEngine[] {client, server};
            }
        }
        throw new IllegalStateException(kind + ": the handshake did not finish in " + MAX_ROUNDS + " flights");
    }

    /** Moves everything {@code from} has to send into {@code to}; returns whether there was anything. */
    private boolean deliver(TlsEngine from, TlsEngine to) throws TlsException {
        boolean moved = false;
        while (from.pendingOutput() > 0) {
            wire.clear();
            from.drainOutput(wire);
            wire.flip();
            moved = true;
            while (wire.hasRemaining()) {
                if (to.receive(wire) == 0) {
                    throw new IllegalStateException(kind + ": the " + to.role() + " takes no more bytes in "
                            + to.handshakeState());
                }
                to.process();
            }
        }
        return moved;
    }

    private void checkNegotiated(TlsEngine[] engines, boolean expectResumed) {
        SessionInfo client = engines[0].session().orElseThrow();
        SessionInfo server = engines[1].session().orElseThrow();
        Optional<NamedGroup> expectedGroup = expectResumed ? kind.keyExchangeGroup() : Optional.of(kind.group());
        for (SessionInfo side : List.of(client, server)) {
            String which = side == client ? "client" : "server";
            expect(side.version() == kind.version(), which + " version " + side.version());
            expect(side.cipherSuite() == kind.cipherSuite(), which + " suite " + side.cipherSuite().ianaName());
            expect(side.resumed() == expectResumed, which + (side.resumed() ? " resumed" : " did a full handshake"));
            if (expectedGroup.isPresent()) {
                expect(side.group().equals(expectedGroup), which + " group " + side.group());
            }
        }
        if (!expectResumed) {
            expect(client.peerSignatureScheme().equals(Optional.of(kind.serverKey().handshakeSignature())),
                    "server signed with " + client.peerSignatureScheme());
        }
        Session session = engines[0].resumableSession()
                .orElseThrow(() -> new IllegalStateException(kind + ": the client holds no session"));
        if (kind.resumption() == HandshakeKind.Resumption.SESSION_ID) {
            expect(!session.hasTicket() && session.sessionId().length > 0,
                    "session-id resumption needs a session id and no ticket: " + session);
        } else {
            expect(session.hasTicket(), "the server issued no ticket: " + session);
        }
    }

    private void expect(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("jtls " + kind + " (" + kind.displayName() + "): " + failure);
        }
    }
}
