package org.jtls.handshake.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.Role;
import org.jtls.handshake.SessionInfo;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.TlsEvent;
import org.jtls.handshake.message.HandshakeBody;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.RecordLayer;

/**
 * The state one connection's handshake shares between its steps: configuration, the record layer,
 * the transcript, and what has been negotiated so far. States read and fill it; only the engine
 * and the states touch it.
 */
public final class HandshakeContext {
    private final TlsConfig config;
    private final Role role;
    private final RecordLayer records;
    private final ArrayDeque<TlsEvent> events;
    private final Transcript transcript = new Transcript();

    /** Client: the name to reach (SNI and verification). Server: the name the client asked for. */
    public String serverName;
    /** Client: the versions offered, highest first. */
    public List<ProtocolVersion> offeredVersions = List.of();
    /** Server: the client_version of the ClientHello (RSA pre-master secrets carry it). */
    public int clientHelloVersion;
    public ProtocolVersion version;
    public CipherSuite cipherSuite;
    public byte[] clientRandom;
    public byte[] serverRandom;
    public byte[] sessionId = new byte[0];
    public byte[] masterSecret;
    public NamedGroup group;
    public SignatureScheme peerSignatureScheme;
    public String applicationProtocol;
    public List<byte[]> peerCertificates = List.of();
    public boolean extendedMasterSecret;
    public boolean secureRenegotiation;
    public boolean encryptThenMac;
    public boolean resumed;
    /** The Finished verify_data of the last handshake, for RFC 5746 renegotiation_info. */
    public byte[] clientVerifyData = new byte[0];
    public byte[] serverVerifyData = new byte[0];
    /** Client: the server's port, for the session cache key; -1 if unknown. */
    public int serverPort = -1;
    /** Client: the session offered for resumption, and the session_id sent with it. */
    public org.jtls.handshake.Session offeredSession;
    public byte[] offeredSessionId = new byte[0];
    /** Whether a NewSessionTicket is due before the server's ChangeCipherSpec (RFC 5077 §3.3). */
    public boolean ticketExpected;
    /** Client: the ticket received in this handshake. */
    public byte[] receivedTicket;
    public long receivedTicketLifetime;
    /** Server: a HelloRequest was sent and the client's answer is awaited. */
    public boolean helloRequestSent;
    /** When the peer's recent renegotiations happened, for the rate limit. */
    public final ArrayDeque<java.time.Instant> recentRenegotiations = new ArrayDeque<>();
    // ---- TLS 1.3 ----
    /** Client: the key shares sent, by group, with the exchange that made each. */
    public final java.util.LinkedHashMap<org.jtls.crypto.registry.NamedGroup, org.jtls.crypto.KeyShare> clientShares =
            new java.util.LinkedHashMap<>();
    public final java.util.Map<org.jtls.crypto.registry.NamedGroup, org.jtls.crypto.KeyExchange> clientExchanges =
            new java.util.HashMap<>();
    /** The ClientHello sent or received (TLS 1.3 needs it again after a HelloRetryRequest). */
    public org.jtls.handshake.message.ClientHello clientHello;
    public boolean helloRetried;
    public byte[] handshakeSecret;
    public byte[] clientHandshakeTrafficSecret;
    public byte[] serverHandshakeTrafficSecret;
    public byte[] clientApplicationTrafficSecret;
    public byte[] serverApplicationTrafficSecret;
    public byte[] exporterMasterSecret;
    public byte[] resumptionMasterSecret;
    public org.jtls.crypto.SignatureAlgorithm ownSignatureAlgorithm;
    /** Client: the server asked for a certificate (TLS 1.3 CertificateRequest). */
    public byte[] certificateRequestContext;
    public java.util.List<Integer> certificateRequestSchemes;
    /** Client: the request's signature_algorithms_cert (RFC 8446 §4.2.3), or null when it carried none. */
    public java.util.List<Integer> certificateRequestCertificateSchemes;
    /** Client: the request's certificate_authorities (DER names), empty when it named none. */
    public java.util.List<byte[]> certificateRequestAuthorities = java.util.List.of();
    /** Client: the server's Certificate, kept for CertificateVerify. */
    public org.jtls.crypto.PublicKeyMaterial peerKey;
    public boolean peerKeyPssOnly;
    /** 0-RTT: offered (client), accepted (both), and how much may still arrive (server). */
    public boolean earlyDataOffered;
    public boolean earlyDataAccepted;
    public long earlyDataRemaining;
    public boolean compatibilityCcsSent;
    /** Server: the handshake transcript, kept while a post-handshake authentication runs. */
    public byte[] postHandshakeTranscript;
    /** Client: the TLS 1.3 session whose PSK the ClientHello offers, if any. */
    public org.jtls.handshake.Session offeredPsk;
    /** Client: the external PSK the ClientHello offers (after the ticket, if any), if any. */
    public org.jtls.handshake.ExternalPsk offeredExternalPsk;
    /** TLS 1.3: the identity of the external PSK that authenticated this handshake, if one did. */
    public byte[] externalPskIdentity;
    /** Client: the server acknowledged status_request and may send CertificateStatus. */
    public boolean ocspExpected;
    /** The OCSP response the server stapled (RFC 6066 §8), if any. */
    public byte[] stapledOcspResponse;
    /** The peer's record_size_limit once negotiated (RFC 8449), else 0. */
    public int peerRecordSizeLimit;
    /** Whether the handshake in progress renegotiates an established connection (RFC 5746). */
    public boolean renegotiating;
    /** The resumable session this handshake established or resumed. */
    public org.jtls.handshake.Session establishedSession;
    private SessionInfo session;

    public HandshakeContext(TlsConfig config, Role role, RecordLayer records, ArrayDeque<TlsEvent> events) {
        this.config = Objects.requireNonNull(config, "config");
        this.role = Objects.requireNonNull(role, "role");
        this.records = Objects.requireNonNull(records, "records");
        this.events = Objects.requireNonNull(events, "events");
    }

    public TlsConfig config() {
        return config;
    }

    public CryptoBackend crypto() {
        return config.crypto();
    }

    public Role role() {
        return role;
    }

    public RecordLayer records() {
        return records;
    }

    public Transcript transcript() {
        return transcript;
    }

    /** Queues a handshake message for sending and adds it to the transcript. */
    public HandshakeMessage send(HandshakeBody body) {
        HandshakeMessage message = body.toHandshakeMessage();
        if (config.interceptor() != null) {
            message = java.util.Objects.requireNonNull(config.interceptor().outgoing(message),
                    "the interceptor returned no message");
        }
        records.writeHandshake(message);
        transcript.add(message);
        if (config.observer() != null) {
            config.observer().messageSent(message);
        }
        return message;
    }

    /**
     * Queues a post-handshake message (TLS 1.3 NewSessionTicket, KeyUpdate), which is not part of
     * any transcript.
     */
    public HandshakeMessage sendPostHandshake(HandshakeBody body) {
        HandshakeMessage message = body.toHandshakeMessage();
        if (config.interceptor() != null) {
            message = java.util.Objects.requireNonNull(config.interceptor().outgoing(message),
                    "the interceptor returned no message");
        }
        records.writeHandshake(message);
        if (config.observer() != null) {
            config.observer().messageSent(message);
        }
        return message;
    }

    /** Flushes queued handshake messages and sends change_cipher_spec. */
    public void sendChangeCipherSpec() throws org.jtls.record.TlsException {
        records.flushHandshake();
        records.writeChangeCipherSpec();
        if (config.observer() != null) {
            config.observer().changeCipherSpec(true);
        }
    }

    public void event(TlsEvent event) {
        events.add(event);
    }

    /** Records a secret in the configured key log (NSS format), if any. */
    public void logSecret(String label, byte[] secret) {
        if (config.keyLog() != null && clientRandom != null) {
            config.keyLog().log(label, clientRandom, secret);
        }
    }

    /**
     * TLS ≤ 1.2: what the RFC 5705 exporter works from — the randoms, master secret, version and
     * suite of the last completed handshake, kept apart from a renegotiation in progress (which
     * replaces the live fields before it completes, or never, when refused).
     */
    public byte[] exporterClientRandom;
    public byte[] exporterServerRandom;
    public byte[] exporterLegacyMasterSecret;
    public ProtocolVersion exporterVersion;
    public CipherSuite exporterCipherSuite;

    /** Marks the handshake complete and reports it. */
    public void complete() {
        exporterClientRandom = clientRandom == null ? null : clientRandom.clone();
        exporterServerRandom = serverRandom == null ? null : serverRandom.clone();
        exporterLegacyMasterSecret = masterSecret == null ? null : masterSecret.clone();
        exporterVersion = version;
        exporterCipherSuite = cipherSuite;
        session = new SessionInfo(version, cipherSuite, Optional.ofNullable(group),
                Optional.ofNullable(peerSignatureScheme), Optional.ofNullable(applicationProtocol),
                new ArrayList<>(peerCertificates), resumed, extendedMasterSecret, secureRenegotiation,
                Optional.ofNullable(serverName), Optional.ofNullable(stapledOcspResponse),
                Optional.ofNullable(externalPskIdentity));
        events.add(new TlsEvent.HandshakeCompleted(session));
    }

    /**
     * Starts a renegotiation: the next handshake runs under the current keys with a fresh
     * transcript; what the last one negotiated stays until the new one replaces it.
     */
    public void beginRenegotiation() {
        renegotiating = true;
        transcript.reset();
        resumed = false;
        offeredSession = null;
        offeredSessionId = new byte[0];
        ticketExpected = false;
        receivedTicket = null;
        peerSignatureScheme = null;
    }

    public Optional<SessionInfo> session() {
        return Optional.ofNullable(session);
    }
}
