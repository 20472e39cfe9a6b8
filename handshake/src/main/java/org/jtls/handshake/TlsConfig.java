package org.jtls.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.record.RecordLayerSettings;

/**
 * Everything a handshake engine needs to know, as an immutable value built with {@link #builder}.
 * Preference lists are in preference order. The defaults are the secure ones of DESIGN.md: TLS 1.2
 * and 1.3, ECDHE with AEAD, the default groups and signature schemes, extended master secret
 * required, no legacy renegotiation.
 */
public final class TlsConfig {
    /** What a server asks of clients. */
    public enum ClientAuth { NONE, REQUEST, REQUIRE }

    private final List<ProtocolVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<SignatureScheme> certificateSignatureSchemes;
    private final List<String> alpnProtocols;
    private final List<CertifiedKey> certificates;
    private final PeerVerifier peerVerifier;
    private final ClientAuth clientAuth;
    private final CryptoBackend crypto;
    private final SecureRandom random;
    private final Clock clock;
    private final RecordLayerSettings recordSettings;
    private final KeyLog keyLog;
    private final boolean requireExtendedMasterSecret;
    private final boolean allowLegacyRenegotiation;
    private final int minimumDhBits;
    private final FiniteFieldGroup dhParameters;
    private final boolean missingClientCertificateIsFatal;
    private final boolean serverCipherPreference;
    private final boolean sendFallbackScsv;
    private final SessionCache sessionCache;
    private final TicketKeys ticketKeys;
    private final boolean sessionTickets;
    private final Session resumptionSession;
    private final boolean allowClientRenegotiation;
    private final boolean acceptServerRenegotiation;
    private final int maxRenegotiationsPerMinute;
    private final int recordSizeLimit;
    private final int maxFragmentLength;
    private final CertificateSelector certificateSelector;
    private final boolean requestOcspStapling;
    private final HandshakeObserver observer;
    private final HandshakeInterceptor interceptor;
    private final int tls13TicketCount;
    private final boolean postHandshakeAuthentication;
    private final boolean earlyData;
    private final int maxEarlyDataSize;
    private final List<byte[]> certificateAuthorities;
    private final List<PskKeyExchangeMode> pskKeyExchangeModes;
    private final ExternalPsk externalPsk;
    private final java.util.function.Function<byte[], java.util.Optional<ExternalPsk>> externalPskLookup;

    /**
     * The TLS 1.3 PSK key exchange modes (RFC 8446 §4.2.9), with their codes on the wire.
     * {@link #PSK_DHE_KE} combines the PSK with a fresh (EC)DHE exchange and keeps forward secrecy;
     * {@link #PSK_KE} uses the PSK alone and does not.
     */
    public enum PskKeyExchangeMode {
        /** psk_ke (0): PSK-only key establishment; no forward secrecy with respect to the PSK. */
        PSK_KE(0),
        /** psk_dhe_ke (1): PSK with (EC)DHE key establishment. */
        PSK_DHE_KE(1);

        private final int code;

        PskKeyExchangeMode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private TlsConfig(Builder builder) {
        this.versions = List.copyOf(builder.versions);
        this.cipherSuites = List.copyOf(builder.cipherSuites);
        this.groups = List.copyOf(builder.groups);
        this.signatureSchemes = List.copyOf(builder.signatureSchemes);
        this.certificateSignatureSchemes = List.copyOf(builder.certificateSignatureSchemes);
        this.alpnProtocols = List.copyOf(builder.alpnProtocols);
        this.certificates = List.copyOf(builder.certificates);
        this.peerVerifier = Objects.requireNonNull(builder.peerVerifier, "peerVerifier");
        this.clientAuth = builder.clientAuth;
        this.crypto = Objects.requireNonNull(builder.crypto, "crypto");
        this.random = Objects.requireNonNull(builder.random, "random");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.recordSettings = builder.recordSettings;
        this.keyLog = builder.keyLog;
        this.requireExtendedMasterSecret = builder.requireExtendedMasterSecret;
        this.allowLegacyRenegotiation = builder.allowLegacyRenegotiation;
        this.minimumDhBits = builder.minimumDhBits;
        this.dhParameters = builder.dhParameters;
        this.missingClientCertificateIsFatal = builder.missingClientCertificateIsFatal;
        this.serverCipherPreference = builder.serverCipherPreference;
        this.sendFallbackScsv = builder.sendFallbackScsv;
        this.sessionCache = builder.sessionCache;
        this.ticketKeys = builder.ticketKeys;
        this.sessionTickets = builder.sessionTickets;
        this.resumptionSession = builder.resumptionSession;
        this.allowClientRenegotiation = builder.allowClientRenegotiation;
        this.acceptServerRenegotiation = builder.acceptServerRenegotiation;
        this.maxRenegotiationsPerMinute = builder.maxRenegotiationsPerMinute;
        this.recordSizeLimit = builder.recordSizeLimit;
        this.maxFragmentLength = builder.maxFragmentLength;
        this.certificateSelector = builder.certificateSelector;
        this.requestOcspStapling = builder.requestOcspStapling;
        this.observer = builder.observer;
        this.interceptor = builder.interceptor;
        this.tls13TicketCount = builder.tls13TicketCount;
        this.postHandshakeAuthentication = builder.postHandshakeAuthentication;
        this.earlyData = builder.earlyData;
        this.maxEarlyDataSize = builder.maxEarlyDataSize;
        this.certificateAuthorities = builder.certificateAuthorities.stream().map(byte[]::clone).toList();
        this.pskKeyExchangeModes = List.copyOf(builder.pskKeyExchangeModes);
        this.externalPsk = builder.externalPsk;
        this.externalPskLookup = builder.externalPskLookup;
        if (versions.isEmpty() || cipherSuites.isEmpty() || groups.isEmpty() || signatureSchemes.isEmpty()) {
            throw new IllegalArgumentException("versions, cipher suites, groups and signature schemes must not be empty");
        }
        for (String protocol : alpnProtocols) {
            if (protocol.isEmpty() || protocol.length() > 255) {
                throw new IllegalArgumentException("ALPN protocol names are 1..255 bytes: '" + protocol + "'");
            }
        }
    }

    /**
     * A builder with the defaults, over the given crypto backend, randomness and clock. Randomness and
     * time are always explicit (DESIGN.md: no globals), so a handshake can be replayed.
     */
    public static Builder builder(CryptoBackend crypto, SecureRandom random, Clock clock) {
        return new Builder(crypto, random, clock);
    }

    public List<ProtocolVersion> versions() {
        return versions;
    }

    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    public List<NamedGroup> groups() {
        return groups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /**
     * The schemes a client sends in signature_algorithms_cert (RFC 8446 §4.2.3; TLS 1.2 too, per
     * §1.3) when offering TLS 1.2 or later: the signatures it accepts in the server's certificates,
     * where they differ from those it accepts in the handshake. Empty (the default) sends no
     * extension, so signature_algorithms covers both.
     */
    public List<SignatureScheme> certificateSignatureSchemes() {
        return certificateSignatureSchemes;
    }

    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    public List<CertifiedKey> certificates() {
        return certificates;
    }

    public PeerVerifier peerVerifier() {
        return peerVerifier;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    public CryptoBackend crypto() {
        return crypto;
    }

    public SecureRandom random() {
        return random;
    }

    public Clock clock() {
        return clock;
    }

    public RecordLayerSettings recordSettings() {
        return recordSettings;
    }

    /** The key log, or null when secrets are not logged (the default). */
    public KeyLog keyLog() {
        return keyLog;
    }

    /**
     * TLS 1.0–1.2: whether to refuse (handshake_failure) a peer that does not use the extended master
     * secret of RFC 7627. SSL 3.0 connections, where jtls never negotiates it, are not affected.
     */
    public boolean requireExtendedMasterSecret() {
        return requireExtendedMasterSecret;
    }

    public boolean allowLegacyRenegotiation() {
        return allowLegacyRenegotiation;
    }

    /** Smallest DHE group a client accepts (Logjam: 1024 by default; below is refused). */
    public int minimumDhBits() {
        return minimumDhBits;
    }

    /**
     * Server, TLS ≤ 1.2: the (p, g) of DHE suites for a client that names no ffdhe group in
     * supported_groups. A client that names one gets one of those (RFC 7919 §4), never these.
     * Default {@link FiniteFieldGroup#FFDHE2048}.
     */
    public FiniteFieldGroup dhParameters() {
        return dhParameters;
    }

    /**
     * Server with {@link ClientAuth#REQUIRE}: whether a client that sends no certificate fails the
     * handshake at once (true, the default). When false, the {@link PeerVerifier} is asked about
     * the empty chain, and the handshake goes on without a client certificate if it reports no
     * problem (an application that chose to ignore the missing certificate).
     */
    public boolean missingClientCertificateIsFatal() {
        return missingClientCertificateIsFatal;
    }

    public boolean serverCipherPreference() {
        return serverCipherPreference;
    }

    /**
     * Client: whether to send TLS_FALLBACK_SCSV (RFC 7507), for a retry with a lower version after a
     * failed handshake; a server that could have done better then refuses with inappropriate_fallback.
     */
    public boolean sendFallbackScsv() {
        return sendFallbackScsv;
    }

    /**
     * Where sessions are kept for resumption: by a server under their ids, by a client under
     * "host:port". Null (the default) means no session-id resumption and no client-side caching.
     */
    public SessionCache sessionCache() {
        return sessionCache;
    }

    /** Server: the keys that seal RFC 5077 session tickets; null (the default) means no tickets are issued. */
    public TicketKeys ticketKeys() {
        return ticketKeys;
    }

    /** Client: whether to ask for session tickets (the session_ticket extension). On by default. */
    public boolean sessionTickets() {
        return sessionTickets;
    }

    /** Client: a session to resume, e.g. one exported from another connection; null for none. */
    public Session resumptionSession() {
        return resumptionSession;
    }

    /** Server: whether a client may start a (secure) renegotiation. Off by default. */
    public boolean allowClientRenegotiation() {
        return allowClientRenegotiation;
    }

    /** Client: whether a server's HelloRequest starts a (secure) renegotiation. On by default. */
    public boolean acceptServerRenegotiation() {
        return acceptServerRenegotiation;
    }

    /** Renegotiations the peer may start per minute; more are declined. */
    public int maxRenegotiationsPerMinute() {
        return maxRenegotiationsPerMinute;
    }

    /**
     * The largest protected record plaintext we accept, advertised with record_size_limit
     * (RFC 8449): 64..2^14 (TLS 1.3 adds one for the content type), or 0 to leave the extension
     * out. The default, 2^14, limits nothing but lets the peer tell us its own limit.
     */
    public int recordSizeLimit() {
        return recordSizeLimit;
    }

    /** Client: max_fragment_length to request (RFC 6066 §4): 512, 1024, 2048 or 4096; 0 (default) for none. */
    public int maxFragmentLength() {
        return maxFragmentLength;
    }

    /** Server: the certificates for a requested name; by default {@link #certificates()} for every name. */
    public CertificateSelector certificateSelector() {
        return certificateSelector != null ? certificateSelector : serverName -> certificates;
    }

    /** Whether a certificate selector was configured (then {@link #certificates()} may be empty). */
    public boolean hasCustomCertificateSelector() {
        return certificateSelector != null;
    }

    /** Client: whether to ask the server to staple an OCSP response (status_request, RFC 6066 §8). */
    public boolean requestOcspStapling() {
        return requestOcspStapling;
    }

    /** The observer of every message, or null. */
    public HandshakeObserver observer() {
        return observer;
    }

    /** The interceptor of outgoing messages (research and tests), or null. */
    public HandshakeInterceptor interceptor() {
        return interceptor;
    }

    /** Server: NewSessionTickets sent after a TLS 1.3 handshake when ticket keys are set (default 2). */
    public int tls13TicketCount() {
        return tls13TicketCount;
    }

    /** Client: offer TLS 1.3 post-handshake authentication (RFC 8446 §4.2.6). Off by default. */
    public boolean postHandshakeAuthentication() {
        return postHandshakeAuthentication;
    }

    /** Client: send 0-RTT data when resuming a ticket that allows it (RFC 8446 §4.2.10). Off by default. */
    public boolean earlyData() {
        return earlyData;
    }

    /**
     * Server: the 0-RTT data a ticket allows (0, the default, disables early data). Accepted early
     * data can be replayed by an attacker (RFC 8446 §8); each ticket is accepted for it once.
     */
    public int maxEarlyDataSize() {
        return maxEarlyDataSize;
    }

    /**
     * Server: the DER distinguished names of the CAs whose certificates a client should present,
     * sent in CertificateRequest (certificate_authorities; empty by default, meaning "any").
     */
    public List<byte[]> certificateAuthorities() {
        return certificateAuthorities.stream().map(byte[]::clone).toList();
    }

    /**
     * TLS 1.3 PSK key exchange modes (RFC 8446 §4.2.9), for both roles; default
     * {@code [PSK_DHE_KE]}. A client offers these in psk_key_exchange_modes, in this order. A server
     * resumes with psk_dhe_ke whenever both sides allow it, and with psk_ke only when the client
     * offered it and this list allows it; it then ignores the client's key_share and sends no
     * key_share of its own.
     *
     * <p>Forward secrecy trade-off: psk_ke derives every traffic key from the PSK (the resumption
     * secret of an earlier connection) alone, with zeros as the (EC)DHE input (RFC 8446 §7.1). It
     * saves the key exchange's computation, but anyone who later learns the PSK — for a ticket, the
     * server's ticket keys or the client's stored session — can decrypt every connection resumed with
     * it, recorded traffic included (RFC 8446 §E.1). Allow {@code PSK_KE} only where that is accepted.
     */
    public List<PskKeyExchangeMode> pskKeyExchangeModes() {
        return pskKeyExchangeModes;
    }

    public ProtocolVersion highestVersion() {
        return versions.stream().max(Enum::compareTo).orElseThrow();
    }

    public ProtocolVersion lowestVersion() {
        return versions.stream().min(Enum::compareTo).orElseThrow();
    }

    /**
     * Client: the TLS 1.3 external PSK to offer (RFC 8446 §4.2.11), or null. When set, the client
     * offers only the TLS 1.3 cipher suites of the PSK's hash (RFC 9258: the key is bound to one hash),
     * sends the identity with obfuscated_ticket_age 0 and an "ext binder" binder, with the configured
     * {@link #pskKeyExchangeModes()}. A resumption ticket, when there is one (of that hash), is offered
     * too, as identity 0, the external PSK following as identity 1. Early data is never sent under an
     * external PSK. The server's Certificate is not expected when it selects the PSK: the PSK
     * authenticates both peers.
     */
    public ExternalPsk externalPsk() {
        return externalPsk;
    }

    /**
     * Server: finds the external PSK for an offered identity, or null when external PSKs are not
     * accepted. An identity it does not know (or a PSK of another hash than the suite chosen) is
     * skipped; with none usable the handshake continues with certificates, or fails with
     * handshake_failure when the server has none. A wrong binder aborts with decrypt_error. Early data
     * is never accepted under an external PSK. When the first identity the server recognises is an
     * external PSK, it picks a TLS 1.3 suite of that PSK's hash if the client offers one (RFC 9258 §4),
     * whatever the cipher preference. The lookup may be called more than once per identity and
     * handshake, so it should be cheap and without side effects; a server without certificates must
     * be TLS 1.3 only.
     */
    public java.util.function.Function<byte[], java.util.Optional<ExternalPsk>> externalPskLookup() {
        return externalPskLookup;
    }

    public Builder toBuilder() {
        Builder builder = new Builder(crypto, random, clock);
        builder.versions = new ArrayList<>(versions);
        builder.cipherSuites = new ArrayList<>(cipherSuites);
        builder.groups = new ArrayList<>(groups);
        builder.signatureSchemes = new ArrayList<>(signatureSchemes);
        builder.certificateSignatureSchemes = new ArrayList<>(certificateSignatureSchemes);
        builder.alpnProtocols = new ArrayList<>(alpnProtocols);
        builder.certificates = new ArrayList<>(certificates);
        builder.peerVerifier = peerVerifier;
        builder.clientAuth = clientAuth;
        builder.recordSettings = recordSettings;
        builder.keyLog = keyLog;
        builder.requireExtendedMasterSecret = requireExtendedMasterSecret;
        builder.allowLegacyRenegotiation = allowLegacyRenegotiation;
        builder.minimumDhBits = minimumDhBits;
        builder.dhParameters = dhParameters;
        builder.missingClientCertificateIsFatal = missingClientCertificateIsFatal;
        builder.serverCipherPreference = serverCipherPreference;
        builder.sendFallbackScsv = sendFallbackScsv;
        builder.sessionCache = sessionCache;
        builder.ticketKeys = ticketKeys;
        builder.sessionTickets = sessionTickets;
        builder.resumptionSession = resumptionSession;
        builder.allowClientRenegotiation = allowClientRenegotiation;
        builder.acceptServerRenegotiation = acceptServerRenegotiation;
        builder.maxRenegotiationsPerMinute = maxRenegotiationsPerMinute;
        builder.recordSizeLimit = recordSizeLimit;
        builder.maxFragmentLength = maxFragmentLength;
        builder.certificateSelector = certificateSelector;
        builder.requestOcspStapling = requestOcspStapling;
        builder.observer = observer;
        builder.interceptor = interceptor;
        builder.tls13TicketCount = tls13TicketCount;
        builder.postHandshakeAuthentication = postHandshakeAuthentication;
        builder.earlyData = earlyData;
        builder.maxEarlyDataSize = maxEarlyDataSize;
        builder.certificateAuthorities = certificateAuthorities;
        builder.pskKeyExchangeModes = pskKeyExchangeModes;
        builder.externalPsk = externalPsk;
        builder.externalPskLookup = externalPskLookup;
        return builder;
    }

    /** Builds a {@link TlsConfig}; every setter copies its argument. */
    public static final class Builder {
        private final CryptoBackend crypto;
        private final SecureRandom random;
        private final Clock clock;
        private List<ProtocolVersion> versions = List.of(ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2);
        private List<CipherSuite> cipherSuites = CipherSuite.defaults();
        private List<NamedGroup> groups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519,
                NamedGroup.SECP256R1, NamedGroup.SECP384R1);
        private List<SignatureScheme> signatureSchemes = SignatureScheme.defaults();
        private List<SignatureScheme> certificateSignatureSchemes = List.of();
        private List<String> alpnProtocols = List.of();
        private List<CertifiedKey> certificates = List.of();
        private PeerVerifier peerVerifier;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private RecordLayerSettings recordSettings = RecordLayerSettings.defaults();
        private KeyLog keyLog;
        private boolean requireExtendedMasterSecret = true;
        private boolean allowLegacyRenegotiation;
        private int minimumDhBits = 1024;
        private FiniteFieldGroup dhParameters = FiniteFieldGroup.FFDHE2048;
        private boolean missingClientCertificateIsFatal = true;
        private boolean serverCipherPreference = true;
        private boolean sendFallbackScsv;
        private SessionCache sessionCache;
        private TicketKeys ticketKeys;
        private boolean sessionTickets = true;
        private Session resumptionSession;
        private boolean allowClientRenegotiation;
        private boolean acceptServerRenegotiation = true;
        private int maxRenegotiationsPerMinute = 3;
        private int recordSizeLimit = 1 << 14;
        private int maxFragmentLength;
        private CertificateSelector certificateSelector;
        private boolean requestOcspStapling;
        private HandshakeObserver observer;
        private HandshakeInterceptor interceptor;
        private int tls13TicketCount = 2;
        private boolean postHandshakeAuthentication;
        private boolean earlyData;
        private int maxEarlyDataSize;
        private List<byte[]> certificateAuthorities = List.of();
        private List<PskKeyExchangeMode> pskKeyExchangeModes = List.of(PskKeyExchangeMode.PSK_DHE_KE);
        private ExternalPsk externalPsk;
        private java.util.function.Function<byte[], java.util.Optional<ExternalPsk>> externalPskLookup;

        private Builder(CryptoBackend crypto, SecureRandom random, Clock clock) {
            this.crypto = Objects.requireNonNull(crypto, "crypto");
            this.random = Objects.requireNonNull(random, "random");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder versions(List<ProtocolVersion> versions) {
            this.versions = List.copyOf(versions);
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> cipherSuites) {
            this.cipherSuites = List.copyOf(cipherSuites);
            return this;
        }

        public Builder groups(List<NamedGroup> groups) {
            this.groups = List.copyOf(groups);
            return this;
        }

        public Builder signatureSchemes(List<SignatureScheme> schemes) {
            this.signatureSchemes = List.copyOf(schemes);
            return this;
        }

        /** See {@link TlsConfig#certificateSignatureSchemes()}. */
        public Builder certificateSignatureSchemes(List<SignatureScheme> schemes) {
            this.certificateSignatureSchemes = List.copyOf(schemes);
            return this;
        }

        public Builder alpnProtocols(List<String> protocols) {
            this.alpnProtocols = List.copyOf(protocols);
            return this;
        }

        public Builder certificates(List<CertifiedKey> certificates) {
            this.certificates = List.copyOf(certificates);
            return this;
        }

        public Builder peerVerifier(PeerVerifier verifier) {
            this.peerVerifier = Objects.requireNonNull(verifier);
            return this;
        }

        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth);
            return this;
        }

        public Builder recordSettings(RecordLayerSettings settings) {
            this.recordSettings = Objects.requireNonNull(settings);
            return this;
        }

        /** Logs secrets in the NSS format; {@code null} turns logging off. */
        public Builder keyLog(KeyLog keyLog) {
            this.keyLog = keyLog;
            return this;
        }

        public Builder requireExtendedMasterSecret(boolean require) {
            this.requireExtendedMasterSecret = require;
            return this;
        }

        public Builder allowLegacyRenegotiation(boolean allow) {
            this.allowLegacyRenegotiation = allow;
            return this;
        }

        public Builder minimumDhBits(int bits) {
            if (bits < 512) {
                throw new IllegalArgumentException("minimum DH group size below 512 bits");
            }
            this.minimumDhBits = bits;
            return this;
        }

        /** See {@link TlsConfig#dhParameters()}. */
        public Builder dhParameters(FiniteFieldGroup group) {
            this.dhParameters = Objects.requireNonNull(group, "group");
            return this;
        }

        /** See {@link TlsConfig#missingClientCertificateIsFatal()}. */
        public Builder missingClientCertificateIsFatal(boolean fatal) {
            this.missingClientCertificateIsFatal = fatal;
            return this;
        }

        public Builder serverCipherPreference(boolean serverPreference) {
            this.serverCipherPreference = serverPreference;
            return this;
        }

        public Builder sendFallbackScsv(boolean send) {
            this.sendFallbackScsv = send;
            return this;
        }

        public Builder sessionCache(SessionCache cache) {
            this.sessionCache = cache;
            return this;
        }

        public Builder ticketKeys(TicketKeys keys) {
            this.ticketKeys = keys;
            return this;
        }

        public Builder sessionTickets(boolean offer) {
            this.sessionTickets = offer;
            return this;
        }

        public Builder resumptionSession(Session session) {
            this.resumptionSession = session;
            return this;
        }

        public Builder allowClientRenegotiation(boolean allow) {
            this.allowClientRenegotiation = allow;
            return this;
        }

        public Builder acceptServerRenegotiation(boolean accept) {
            this.acceptServerRenegotiation = accept;
            return this;
        }

        public Builder maxRenegotiationsPerMinute(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("renegotiation limit must not be negative");
            }
            this.maxRenegotiationsPerMinute = limit;
            return this;
        }

        public Builder recordSizeLimit(int limit) {
            if (limit != 0 && (limit < 64 || limit > (1 << 14))) {
                throw new IllegalArgumentException("record_size_limit must lie in 64..2^14 (0: do not send), got " + limit);
            }
            this.recordSizeLimit = limit;
            return this;
        }

        public Builder maxFragmentLength(int length) {
            if (length != 0 && length != 512 && length != 1024 && length != 2048 && length != 4096) {
                throw new IllegalArgumentException("max_fragment_length is 512, 1024, 2048 or 4096 (or 0 for none)");
            }
            this.maxFragmentLength = length;
            return this;
        }

        public Builder certificateSelector(CertificateSelector selector) {
            this.certificateSelector = selector;
            return this;
        }

        public Builder requestOcspStapling(boolean request) {
            this.requestOcspStapling = request;
            return this;
        }

        public Builder observer(HandshakeObserver observer) {
            this.observer = observer;
            return this;
        }

        public Builder interceptor(HandshakeInterceptor interceptor) {
            this.interceptor = interceptor;
            return this;
        }

        public Builder tls13TicketCount(int count) {
            if (count < 0 || count > 16) {
                throw new IllegalArgumentException("between 0 and 16 tickets per connection");
            }
            this.tls13TicketCount = count;
            return this;
        }

        public Builder postHandshakeAuthentication(boolean offer) {
            this.postHandshakeAuthentication = offer;
            return this;
        }

        public Builder earlyData(boolean send) {
            this.earlyData = send;
            return this;
        }

        public Builder maxEarlyDataSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("max_early_data_size must not be negative");
            }
            this.maxEarlyDataSize = size;
            return this;
        }

        public Builder certificateAuthorities(List<byte[]> distinguishedNames) {
            this.certificateAuthorities = distinguishedNames.stream().map(byte[]::clone).toList();
            return this;
        }

        /**
         * The TLS 1.3 PSK key exchange modes, in preference order (see
         * {@link TlsConfig#pskKeyExchangeModes()}, including why {@code PSK_KE} gives up forward
         * secrecy); non-empty, without repeats. Default {@code [PSK_DHE_KE]}.
         */
        public Builder pskKeyExchangeModes(List<PskKeyExchangeMode> modes) {
            List<PskKeyExchangeMode> copy = List.copyOf(modes);
            if (copy.isEmpty() || copy.stream().distinct().count() != copy.size()) {
                throw new IllegalArgumentException("PSK key exchange modes must be non-empty and without repeats");
            }
            this.pskKeyExchangeModes = copy;
            return this;
        }

        /** See {@link TlsConfig#externalPsk()}; null for none. */
        public Builder externalPsk(ExternalPsk psk) {
            this.externalPsk = psk;
            return this;
        }

        /** See {@link TlsConfig#externalPskLookup()}; null for none. */
        public Builder externalPskLookup(java.util.function.Function<byte[], java.util.Optional<ExternalPsk>> lookup) {
            this.externalPskLookup = lookup;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
