package org.jtls.handshake.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.jtls.handshake.TestCredentials.Credential;
import org.jtls.handshake.TlsEngine;
import org.jtls.record.TlsException;

/**
 * One of our engines and one SunJSSE {@link SSLEngine} joined by in-memory buffers: what one side
 * writes, the other reads, until neither has anything to say. Every loop is bounded.
 */
final class JsseLink {
    private static final int MAX_ROUNDS = 200;
    private static final char[] PASSWORD = "jtls-test".toCharArray();

    private final TlsEngine ours;
    private final SSLEngine theirs;
    private final ByteArrayOutputStream oursReceived = new ByteArrayOutputStream();
    private final ByteArrayOutputStream theirsReceived = new ByteArrayOutputStream();
    private ByteBuffer theirsToSend = ByteBuffer.allocate(0);
    private ByteBuffer toTheirs = ByteBuffer.allocate(0);
    private final ByteBuffer fromTheirs;
    private ByteBuffer theirsApplicationBuffer;
    private final ByteBuffer oursApplicationChunk = ByteBuffer.allocate(32 * 1024);

    JsseLink(TlsEngine ours, SSLEngine theirs) {
        this.ours = ours;
        this.theirs = theirs;
        this.fromTheirs = ByteBuffer.allocate(theirs.getSession().getPacketBufferSize());
        this.theirsApplicationBuffer = ByteBuffer.allocate(theirs.getSession().getApplicationBufferSize());
    }

    /**
     * An {@link SSLContext} that presents {@code ownKey} (if not null) and trusts exactly
     * {@code trusted} (if not null).
     */
    static SSLContext context(Credential ownKey, Credential trusted) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (ownKey != null) {
            keys.setKeyEntry("own", ownKey.privateKey(), PASSWORD, new Certificate[] {ownKey.certificate()});
        }
        keyManagers.init(keys, PASSWORD);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        if (trusted != null) {
            trust.setCertificateEntry("trusted", trusted.certificate());
        }
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), Interop.RANDOM);
        return context;
    }

    TlsEngine ours() {
        return ours;
    }

    SSLEngine theirs() {
        return theirs;
    }

    /** Runs both handshakes to completion. */
    void handshake() throws TlsException, SSLException {
        ours.beginHandshake();
        theirs.beginHandshake();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = oursToTheirs() | theirsToOurs();
            boolean done = ours.status() == TlsEngine.Status.CONNECTED
                    && theirs.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
            if (done && !moved) {
                return;
            }
            if (!moved) {
                throw new AssertionError("handshake stalled: ours " + ours.handshakeState() + ", theirs "
                        + theirs.getHandshakeStatus());
            }
        }
        throw new AssertionError("handshake did not finish in " + MAX_ROUNDS + " rounds");
    }

    /** Sends {@code data} from our engine and returns what SunJSSE read. */
    byte[] sendFromOurs(byte[] data) throws TlsException, SSLException {
        ours.writeApplicationData(ByteBuffer.wrap(data));
        settle(() -> theirsReceived.size() >= data.length);
        return take(theirsReceived);
    }

    /** Sends {@code data} from SunJSSE and returns what our engine read. */
    byte[] sendFromTheirs(byte[] data) throws TlsException, SSLException {
        theirsToSend = ByteBuffer.wrap(data.clone());
        settle(() -> oursReceived.size() >= data.length);
        return take(oursReceived);
    }

    /** Our close_notify, SunJSSE's answer; returns whether both directions closed cleanly. */
    boolean closeFromOurs() throws TlsException, SSLException {
        ours.closeOutbound();
        settle(() -> theirs.isInboundDone());
        if (!ours.isInboundClosed()) {
            // TLS 1.3 closes each direction on its own (RFC 8446 §6.1): SunJSSE answers only when
            // its application closes too; in TLS 1.2 it has answered already.
            theirs.closeOutbound();
            settle(ours::isInboundClosed);
        }
        return theirs.isInboundDone() && theirs.isOutboundDone() && ours.isInboundClosed();
    }

    private interface Condition {
        boolean holds();
    }

    private void settle(Condition until) throws TlsException, SSLException {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = oursToTheirs() | theirsToOurs();
            if (until.holds()) {
                return;
            }
            if (!moved) {
                throw new AssertionError("the link went quiet before the expected result");
            }
        }
        throw new AssertionError("no result after " + MAX_ROUNDS + " rounds");
    }

    private static byte[] take(ByteArrayOutputStream buffer) {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    /** Our output into SunJSSE's unwrap; returns whether anything happened. */
    private boolean oursToTheirs() throws SSLException {
        byte[] output = ours.drainOutput();
        boolean moved = output.length > 0;
        if (moved) {
            ByteBuffer joined = ByteBuffer.allocate(toTheirs.remaining() + output.length);
            joined.put(toTheirs).put(output).flip();
            toTheirs = joined;
        }
        while (toTheirs.hasRemaining() && !theirs.isInboundDone()) {
            SSLEngineResult result = theirs.unwrap(toTheirs, theirsApplicationBuffer);
            boolean ranTasks = runTasks();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                theirsApplicationBuffer = grow(theirsApplicationBuffer, theirs.getSession().getApplicationBufferSize());
                continue;
            }
            theirsApplicationBuffer.flip();
            theirsReceived.write(theirsApplicationBuffer.array(), 0, theirsApplicationBuffer.limit());
            theirsApplicationBuffer.clear();
            boolean progressed = result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            moved |= progressed;
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || !progressed && !ranTasks) {
                break;
            }
        }
        return moved;
    }

    /** SunJSSE's wrap output into our engine; returns whether anything happened. */
    private boolean theirsToOurs() throws SSLException, TlsException {
        boolean moved = false;
        while (!theirs.isOutboundDone()) {
            fromTheirs.clear();
            SSLEngineResult result = theirs.wrap(theirsToSend, fromTheirs);
            boolean ranTasks = runTasks();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                throw new AssertionError("one wrap needs more than a packet buffer");
            }
            if (result.bytesProduced() == 0) {
                if (ranTasks) {
                    continue;
                }
                break;
            }
            moved = true;
            fromTheirs.flip();
            deliverToOurs(fromTheirs);
        }
        return moved;
    }

    private void deliverToOurs(ByteBuffer bytes) throws TlsException {
        if (ours.status() == TlsEngine.Status.CLOSED) {
            return;
        }
        while (true) {
            int taken = ours.receive(bytes);
            ours.process();
            int collected = 0;
            while (ours.applicationDataAvailable() > 0) {
                oursApplicationChunk.clear();
                int count = ours.readApplicationData(oursApplicationChunk);
                oursReceived.write(oursApplicationChunk.array(), 0, count);
                collected += count;
            }
            if (collected == 0 && (!bytes.hasRemaining() || taken == 0)) {
                if (bytes.hasRemaining() && ours.status() != TlsEngine.Status.CLOSED) {
                    throw new AssertionError("our engine takes no more bytes");
                }
                return;
            }
        }
    }

    private boolean runTasks() {
        boolean ran = false;
        Runnable task;
        while ((task = theirs.getDelegatedTask()) != null) {
            task.run();
            ran = true;
        }
        return ran;
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
