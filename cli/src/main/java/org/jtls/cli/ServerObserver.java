package org.jtls.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.jtls.handshake.HandshakeObserver;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * What {@code jtls server} learns from one connection's handshake messages that the API does not
 * report: whether the client offered 0-RTT and whether it was accepted (an EndOfEarlyData arrived,
 * RFC 8446 §4.5), and how many client Finished messages arrived (a post-handshake authentication
 * or a renegotiation is complete when one more has). Passes everything on to the trace, if any.
 */
final class ServerObserver implements HandshakeObserver {
    private final HandshakeObserver trace;
    private volatile boolean earlyDataOffered;
    private volatile boolean endOfEarlyDataReceived;
    private final AtomicInteger finishedReceived = new AtomicInteger();

    /** @param trace where to pass the messages on, or null */
    ServerObserver(HandshakeObserver trace) {
        this.trace = trace;
    }

    @Override
    public void messageReceived(HandshakeMessage message) {
        if (message.type() == HandshakeType.CLIENT_HELLO.code()) {
            earlyDataOffered = offersEarlyData(message);
        } else if (message.type() == HandshakeType.END_OF_EARLY_DATA.code()) {
            endOfEarlyDataReceived = true;
        } else if (message.type() == HandshakeType.FINISHED.code()) {
            finishedReceived.incrementAndGet();
        }
        if (trace != null) {
            trace.messageReceived(message);
        }
    }

    @Override
    public void messageSent(HandshakeMessage message) {
        if (trace != null) {
            trace.messageSent(message);
        }
    }

    @Override
    public void changeCipherSpec(boolean sent) {
        if (trace != null) {
            trace.changeCipherSpec(sent);
        }
    }

    @Override
    public void alert(boolean sent, AlertLevel level, int description) {
        if (trace != null) {
            trace.alert(sent, level, description);
        }
    }

    private static boolean offersEarlyData(HandshakeMessage message) {
        try {
            return ClientHello.decode(TlsReader.of(message.body())).extensions().contains(ExtensionType.EARLY_DATA);
        } catch (TlsAlertException malformed) {
            // The engine rejects it with its own alert; there is no early data to speak of.
            return false;
        }
    }

    /** The {@code Early data:} summary value from the server's side. */
    String earlyData() {
        if (endOfEarlyDataReceived) {
            return "accepted";
        }
        return earlyDataOffered ? "rejected" : "not sent";
    }

    int finishedReceived() {
        return finishedReceived.get();
    }
}
