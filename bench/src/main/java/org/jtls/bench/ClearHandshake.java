package org.jtls.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.ServerKeyExchangeEcdhe;
import org.jtls.handshake.message.extension.KeyShareServerHello;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.SessionTicket;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.RecordLayer;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * The handshake messages of one recorded handshake that crossed the wire in the clear, read with
 * jtls's record layer and message codecs. SunJSSE's API does not say which group it agreed on, how
 * its server signed, or whether it resumed by ticket or by session id; the unencrypted part of the
 * handshake does: the ClientHello, and the server's messages up to its ChangeCipherSpec (TLS 1.2) or
 * its ServerHello (TLS 1.3, which encrypts everything after it).
 */
final class ClearHandshake {
    private final List<HandshakeMessage> fromClient;
    private final List<HandshakeMessage> fromServer;
    private final ClientHello clientHello;
    private final ServerHello serverHello;

    private ClearHandshake(List<HandshakeMessage> fromClient, List<HandshakeMessage> fromServer)
            throws TlsAlertException {
        this.fromClient = fromClient;
        this.fromServer = fromServer;
        this.clientHello = ClientHello.decode(TlsReader.of(first(fromClient, HandshakeType.CLIENT_HELLO).body()));
        this.serverHello = ServerHello.decode(TlsReader.of(first(fromServer, HandshakeType.SERVER_HELLO).body()));
    }

    static ClearHandshake read(SslEngineHandshake.Recording recording) throws TlsAlertException {
        return new ClearHandshake(clearMessages(recording.clientToServer()), clearMessages(recording.serverToClient()));
    }

    /** The handshake messages before the first record that is not a handshake record. */
    private static List<HandshakeMessage> clearMessages(byte[] sent) throws TlsAlertException {
        RecordLayer records = new RecordLayer();
        ByteBuffer wire = ByteBuffer.wrap(sent);
        List<HandshakeMessage> messages = new ArrayList<>();
        while (true) {
            RecordLayer.Inbound next = records.readNext();
            if (next == RecordLayer.Inbound.HANDSHAKE) {
                messages.add(records.takeHandshakeMessage());
            } else if (next == RecordLayer.Inbound.NEED_MORE_INPUT && wire.hasRemaining()) {
                records.receive(wire);
            } else {
                return messages;
            }
        }
    }

    private static HandshakeMessage first(List<HandshakeMessage> messages, HandshakeType type) {
        return messages.stream().filter(message -> message.type() == type.code()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type + " in the clear part of the handshake"));
    }

    private Optional<HandshakeMessage> fromServer(HandshakeType type) {
        return fromServer.stream().filter(message -> message.type() == type.code()).findFirst();
    }

    ClientHello clientHello() {
        return clientHello;
    }

    ServerHello serverHello() {
        return serverHello;
    }

    Optional<ProtocolVersion> version() {
        return ProtocolVersion.fromCode(serverHello.selectedVersionCode());
    }

    /** The client offered a non-empty RFC 5077 ticket, i.e. asked to resume by ticket. */
    boolean clientOfferedTicket() {
        return clientHello.extensions().find(SessionTicket.class).map(ticket -> !ticket.ticket().isEmpty())
                .orElse(false);
    }

    /** The client asked for tickets at all (an empty or non-empty session_ticket extension). */
    boolean clientSupportsTickets() {
        return clientHello.extensions().find(SessionTicket.class).isPresent();
    }

    /** TLS 1.2: the server sent a Certificate, i.e. did a full handshake. */
    boolean serverSentCertificateInTheClear() {
        return fromServer(HandshakeType.CERTIFICATE).isPresent();
    }

    /** TLS 1.2: the server echoed the client's non-empty session id, i.e. resumed that session. */
    boolean serverEchoedSessionId() {
        return !clientHello.legacySessionId().isEmpty()
                && clientHello.legacySessionId().equals(serverHello.legacySessionIdEcho());
    }

    /** TLS 1.3: the server selected one of the client's PSKs. */
    boolean serverSelectedPsk() {
        return serverHello.extensions().find(PreSharedKeySelection.class).isPresent();
    }

    /** The group of the key exchange: TLS 1.3 ServerHello key_share, TLS 1.2 ServerKeyExchange. */
    Optional<NamedGroup> keyExchangeGroup() throws TlsAlertException {
        Optional<KeyShareServerHello> keyShare = serverHello.extensions().find(KeyShareServerHello.class);
        if (keyShare.isPresent()) {
            return keyShare.get().serverShare().group();
        }
        Optional<ServerKeyExchangeEcdhe> serverKeyExchange = serverKeyExchange();
        return serverKeyExchange.isPresent() ? serverKeyExchange.get().namedGroup() : Optional.empty();
    }

    /** TLS 1.2: the scheme of the ServerKeyExchange signature. */
    Optional<SignatureScheme> serverKeyExchangeSignature() throws TlsAlertException {
        Optional<ServerKeyExchangeEcdhe> serverKeyExchange = serverKeyExchange();
        return serverKeyExchange.isPresent() ? serverKeyExchange.get().signature().scheme() : Optional.empty();
    }

    private Optional<ServerKeyExchangeEcdhe> serverKeyExchange() throws TlsAlertException {
        Optional<HandshakeMessage> message = fromServer(HandshakeType.SERVER_KEY_EXCHANGE);
        if (message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ServerKeyExchangeEcdhe.decode(TlsReader.of(message.get().body()), ProtocolVersion.TLS_1_2));
    }

    /** The handshake message types seen in the clear, for failure messages. */
    @Override
    public String toString() {
        return "client sent " + typeNames(fromClient) + ", server sent " + typeNames(fromServer) + " in the clear";
    }

    private static List<String> typeNames(List<HandshakeMessage> messages) {
        return messages.stream()
                .map(message -> HandshakeType.fromCode(message.type()).map(Enum::name).orElse("type " + message.type()))
                .toList();
    }
}
