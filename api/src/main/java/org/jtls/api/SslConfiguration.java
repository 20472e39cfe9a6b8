package org.jtls.api;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.registry.CipherString;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.KeyLog;
import org.jtls.handshake.PeerVerifier;
import org.jtls.handshake.Role;
import org.jtls.handshake.Session;
import org.jtls.handshake.SessionCache;
import org.jtls.handshake.TicketKeys;
import org.jtls.handshake.TlsConfig;
import org.jtls.record.TlsAlertException;
import org.jtls.x509.trust.TrustStoreException;
import org.jtls.x509.trust.TrustStoreLoader;

/**
 * Everything a socket needs to know about TLS, as an immutable value (Qt's
 * {@code QSslConfiguration}, which is implicitly shared and copy-on-write): change it with the
 * {@code with...} methods, which return a changed copy, or with a {@link Builder}.
 *
 * <p>Defaults are DESIGN.md's: TLS 1.2 and 1.3 ({@link SslProtocol#SECURE_PROTOCOLS}), ECDHE with
 * AEAD suites, the default groups and signature schemes, {@link PeerVerifyMode#AUTO_VERIFY_PEER},
 * the system's CA certificates (loaded when first asked for), Qt's default {@link SslOption}s. This
 * class is where the API edge creates what the engine takes explicitly: a {@link SecureRandom},
 * the system {@link Clock} and the default crypto backend, each replaceable.
 *
 * <p>A configuration a socket returns ({@link SslSocket#sslConfiguration()}) also carries what the
 * handshake negotiated: {@link #peerCertificateChain()}, {@link #sessionCipher()},
 * {@link #sessionProtocol()}, {@link #nextNegotiatedProtocol()} and, unless
 * {@link SslOption#DISABLE_SESSION_PERSISTENCE} is set, the {@link #sessionTicket()} to resume with.
 *
 * <p>A server's configuration holds the keys that seal its session tickets and its session cache,
 * made when it is built and kept by every copy, so all sockets made from one configuration (and
 * its copies) resume each other's sessions.
 */
public final class SslConfiguration {
    /** DESIGN.md's default groups, key shares for the first. */
    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519,
            NamedGroup.SECP256R1, NamedGroup.SECP384R1);
    /** Qt's default options. */
    public static final Set<SslOption> DEFAULT_OPTIONS = Set.copyOf(EnumSet.of(SslOption.DISABLE_EMPTY_FRAGMENTS,
            SslOption.DISABLE_LEGACY_RENEGOTIATION, SslOption.DISABLE_COMPRESSION,
            SslOption.DISABLE_SESSION_PERSISTENCE));
    private static final Duration TICKET_KEY_ROTATION = Duration.ofHours(12);
    private static final Duration TICKET_LIFETIME = Duration.ofDays(1);
    private static final int SERVER_SESSION_CACHE_SIZE = 4096;
    private static final int CLIENT_SESSION_CACHE_SIZE = 256;

    private static volatile SslConfiguration defaultConfiguration;

    private final SslProtocol protocol;
    private final List<SslCipher> ciphers;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    /** null: the system's, loaded on first use. */
    private final List<SslCertificate> caCertificates;
    private final List<SslCertificate> localCertificateChain;
    private final SslKey privateKey;
    private final PeerVerifyMode peerVerifyMode;
    private final int peerVerifyDepth;
    private final List<String> allowedNextProtocols;
    private final boolean ocspStaplingEnabled;
    private final Set<SslOption> sslOptions;
    private final byte[] sessionTicket;
    private final Path keyLogFile;
    private final boolean earlyData;
    private final byte[] ocspResponse;
    private final int maxEarlyDataSize;
    private final boolean postHandshakeAuthentication;
    private final UnaryOperator<TlsConfig.Builder> engineCustomizer;
    private final CertificateVerifier certificateVerifier;
    private final CryptoBackend cryptoBackend;
    private final SecureRandom random;
    private final Clock clock;
    private final TicketKeys serverTicketKeys;
    private final SessionCache serverSessionCache;
    /** null: the process-wide shared cache for this configuration's verification settings. */
    private final SessionCache clientSessionCache;
    private final SslDiffieHellmanParameters diffieHellmanParameters;
    private final boolean missingCertificateIsFatal;
    private final boolean handshakeMustInterruptOnError;
    private final byte[] preSharedKeyIdentityHint;
    // ---- negotiated; filled in by a socket ----
    private final List<SslCertificate> peerCertificateChain;
    private final SslCipher sessionCipher;
    private final SslProtocol sessionProtocol;
    private final String nextNegotiatedProtocol;
    private final NextProtocolNegotiationStatus nextProtocolNegotiationStatus;
    private final long sessionTicketLifeTimeHint;

    private SslConfiguration(Builder builder) {
        this.protocol = builder.protocol;
        this.ciphers = List.copyOf(builder.ciphers);
        this.groups = List.copyOf(builder.groups);
        this.signatureSchemes = List.copyOf(builder.signatureSchemes);
        this.caCertificates = builder.caCertificates == null ? null : List.copyOf(builder.caCertificates);
        this.localCertificateChain = List.copyOf(builder.localCertificateChain);
        this.privateKey = builder.privateKey;
        this.peerVerifyMode = builder.peerVerifyMode;
        this.peerVerifyDepth = builder.peerVerifyDepth;
        this.allowedNextProtocols = List.copyOf(builder.allowedNextProtocols);
        this.ocspStaplingEnabled = builder.ocspStaplingEnabled;
        this.sslOptions = Set.copyOf(builder.sslOptions);
        this.sessionTicket = builder.sessionTicket.clone();
        this.keyLogFile = builder.keyLogFile;
        this.earlyData = builder.earlyData;
        this.ocspResponse = builder.ocspResponse.clone();
        this.maxEarlyDataSize = builder.maxEarlyDataSize;
        this.postHandshakeAuthentication = builder.postHandshakeAuthentication;
        this.engineCustomizer = builder.engineCustomizer;
        this.certificateVerifier = builder.certificateVerifier;
        this.cryptoBackend = builder.cryptoBackend;
        this.random = builder.random;
        this.clock = builder.clock;
        this.serverTicketKeys = builder.serverTicketKeys != null ? builder.serverTicketKeys
                : new TicketKeys(cryptoBackend, random, clock, TICKET_KEY_ROTATION, TICKET_LIFETIME);
        this.serverSessionCache = builder.serverSessionCache != null ? builder.serverSessionCache
                : new SessionCache(SERVER_SESSION_CACHE_SIZE, TICKET_LIFETIME, clock);
        this.clientSessionCache = builder.clientSessionCache;
        this.diffieHellmanParameters = builder.diffieHellmanParameters;
        this.missingCertificateIsFatal = builder.missingCertificateIsFatal;
        this.handshakeMustInterruptOnError = builder.handshakeMustInterruptOnError;
        this.preSharedKeyIdentityHint = builder.preSharedKeyIdentityHint.clone();
        this.peerCertificateChain = List.copyOf(builder.peerCertificateChain);
        this.sessionCipher = builder.sessionCipher;
        this.sessionProtocol = builder.sessionProtocol;
        this.nextNegotiatedProtocol = builder.nextNegotiatedProtocol;
        this.nextProtocolNegotiationStatus = builder.nextProtocolNegotiationStatus;
        this.sessionTicketLifeTimeHint = builder.sessionTicketLifeTimeHint;
        if (ciphers.isEmpty()) {
            throw new IllegalArgumentException("a configuration needs at least one cipher suite");
        }
        if (groups.isEmpty() || signatureSchemes.isEmpty()) {
            throw new IllegalArgumentException("a configuration needs at least one group and one signature scheme");
        }
    }

    /** A builder with the defaults (not the process-wide default configuration). */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---- process-wide default ----

    /**
     * The configuration new sockets start from (Qt's {@code defaultConfiguration()}): the defaults
     * until {@link #setDefaultConfiguration} replaces it. Thread-safe.
     */
    public static SslConfiguration defaultConfiguration() {
        SslConfiguration current = defaultConfiguration;
        if (current == null) {
            synchronized (SslConfiguration.class) {
                current = defaultConfiguration;
                if (current == null) {
                    current = builder().build();
                    defaultConfiguration = current;
                }
            }
        }
        return current;
    }

    /** Replaces the process-wide default for sockets created afterwards. Thread-safe. */
    public static void setDefaultConfiguration(SslConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        synchronized (SslConfiguration.class) {
            defaultConfiguration = configuration;
        }
    }

    /**
     * The operating system's trusted CA certificates ({@link TrustStoreLoader#loadSystem()}), read
     * once; empty when the system has none jtls can find.
     */
    public static List<SslCertificate> systemCaCertificates() {
        return SystemCaCertificates.LIST;
    }

    /** Every cipher suite jtls implements (Qt's {@code supportedCiphers()}). */
    public static List<SslCipher> supportedCiphers() {
        return Arrays.stream(CipherSuite.values()).map(SslCipher::of).toList();
    }

    /** The suites a configuration uses unless told otherwise, TLS 1.3 first. */
    public static List<SslCipher> defaultCiphers() {
        return CipherSuite.defaults().stream().map(SslCipher::of).toList();
    }

    /**
     * The process-wide client session caches (Qt shares sessions between sockets by default), one
     * per {@link VerificationSettings}, the least recently used dropped beyond a bound.
     */
    private static final class SharedClientSessions {
        private static final int MAX_CACHES = 64;
        private static final Map<VerificationSettings, SessionCache> CACHES = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<VerificationSettings, SessionCache> eldest) {
                return size() > MAX_CACHES;
            }
        };

        static SessionCache cacheFor(SslConfiguration configuration) {
            VerificationSettings settings = new VerificationSettings(configuration.caCertificates,
                    configuration.certificateVerifier, configuration.peerVerifyMode.effective(false),
                    configuration.peerVerifyDepth, configuration.ocspStaplingEnabled,
                    configuration.localCertificateChain, configuration.clock, configuration.cryptoBackend);
            synchronized (CACHES) {
                return CACHES.computeIfAbsent(settings,
                        key -> new SessionCache(CLIENT_SESSION_CACHE_SIZE, TICKET_LIFETIME, key.clock()));
            }
        }
    }

    /** What decides whether a client accepts a server: sockets that agree on these may share sessions. */
    private record VerificationSettings(List<SslCertificate> caCertificates, CertificateVerifier verifier,
            PeerVerifyMode verifyMode, int verifyDepth, boolean ocspStapling, List<SslCertificate> localCertificateChain,
            Clock clock, CryptoBackend crypto) {
    }

    /** Initialization-on-demand holder: the system store is read the first time it is needed. */
    private static final class SystemCaCertificates {
        static final List<SslCertificate> LIST = load();

        private static List<SslCertificate> load() {
            try {
                return TrustStoreLoader.loadSystem().trustStore().anchors().stream().map(SslCertificate::of).toList();
            } catch (TrustStoreException noSystemStore) {
                return List.of();
            }
        }
    }

    // ---- settings ----

    public SslProtocol protocol() {
        return protocol;
    }

    public List<SslCipher> ciphers() {
        return ciphers;
    }

    /** Key-exchange groups in preference order (Qt's {@code ellipticCurves()}, which FFDHE and ML-KEM outgrew). */
    public List<NamedGroup> groups() {
        return groups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** The CA certificates to trust: those set, or {@link #systemCaCertificates()}. */
    public List<SslCertificate> caCertificates() {
        return caCertificates != null ? caCertificates : systemCaCertificates();
    }

    /** The local certificate: the first of {@link #localCertificateChain()}. */
    public Optional<SslCertificate> localCertificate() {
        return localCertificateChain.isEmpty() ? Optional.empty() : Optional.of(localCertificateChain.get(0));
    }

    /** Our certificate chain, leaf first, as sent to the peer. */
    public List<SslCertificate> localCertificateChain() {
        return localCertificateChain;
    }

    public Optional<SslKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    public PeerVerifyMode peerVerifyMode() {
        return peerVerifyMode;
    }

    /** Most certificates checked in the peer's chain; 0 for no limit. */
    public int peerVerifyDepth() {
        return peerVerifyDepth;
    }

    /** Protocols offered with ALPN (RFC 7301), in preference order. */
    public List<String> allowedNextProtocols() {
        return allowedNextProtocols;
    }

    /** Client: whether to ask for a stapled OCSP response and require a good one. */
    public boolean ocspStaplingEnabled() {
        return ocspStaplingEnabled;
    }

    public Set<SslOption> sslOptions() {
        return sslOptions;
    }

    /** Whether {@code option} is set (Qt's {@code testSslOption}). */
    public boolean testSslOption(SslOption option) {
        return sslOptions.contains(option);
    }

    /**
     * The session to resume (set by the caller), or the session a socket established (in a
     * socket's configuration, unless {@link SslOption#DISABLE_SESSION_PERSISTENCE} is set); empty
     * for none. The bytes are a {@link Session#encode()} encoding and contain the session's
     * secret: whoever has them can read connections resumed from them.
     */
    public byte[] sessionTicket() {
        return sessionTicket.clone();
    }

    /** The NSS key-log file secrets are appended to, if any (for Wireshark; never on by default). */
    /** Server: the DER OCSP response stapled to the certificate (empty: none). See {@link Builder#ocspResponse}. */
    public byte[] ocspResponse() {
        return ocspResponse.clone();
    }

    /** TLS 1.3 0-RTT: a client sends early data when it can, a server accepts it. Off by default. */
    public boolean earlyDataEnabled() {
        return earlyData;
    }

    /** Server: how much 0-RTT data a ticket allows when {@link #earlyDataEnabled()}. */
    public int maxEarlyDataSize() {
        return maxEarlyDataSize;
    }

    /** Client: offer TLS 1.3 post-handshake authentication (RFC 8446 §4.2.6). Off by default. */
    public boolean postHandshakeAuthentication() {
        return postHandshakeAuthentication;
    }

    /** The expert hook over the engine configuration, if one is set (see {@link Builder#engineCustomizer}). */
    public Optional<UnaryOperator<TlsConfig.Builder>> engineCustomizer() {
        return Optional.ofNullable(engineCustomizer);
    }

    public Optional<Path> keyLogFile() {
        return Optional.ofNullable(keyLogFile);
    }

    public CertificateVerifier certificateVerifier() {
        return certificateVerifier;
    }

    public CryptoBackend cryptoBackend() {
        return cryptoBackend;
    }

    public SecureRandom random() {
        return random;
    }

    public Clock clock() {
        return clock;
    }

    public TicketKeys serverTicketKeys() {
        return serverTicketKeys;
    }

    public SessionCache serverSessionCache() {
        return serverSessionCache;
    }

    /**
     * Client: where sessions are kept and looked up for resumption, under "host:port" (the peer
     * verify name or host name, and the port), unless {@link SslOption#DISABLE_SESSION_SHARING} is
     * set. The one set with {@link Builder#clientSessionCache}, or else the process-wide shared
     * cache, of which there is one per set of verification settings (the CA certificates, the
     * verifier, the effective verify mode and depth, OCSP stapling, the local certificate, the
     * clock and backend), so a socket never resumes a session made by a socket that trusts other
     * CAs or verifies less. A resumed session's certificates are not verified again: see
     * {@link SslOption#DISABLE_SESSION_SHARING} for sockets that ignore certificate errors.
     */
    public SessionCache clientSessionCache() {
        return clientSessionCache != null ? clientSessionCache : SharedClientSessions.cacheFor(this);
    }

    /**
     * Server: the group for DHE suites in TLS ≤ 1.2 when the client names no ffdhe group (Qt's
     * {@code diffieHellmanParameters()}); {@link SslDiffieHellmanParameters#defaultParameters()}
     * (ffdhe2048) unless set. Empty parameters leave the choice to the engine, which also uses
     * ffdhe2048.
     */
    public SslDiffieHellmanParameters diffieHellmanParameters() {
        return diffieHellmanParameters;
    }

    /**
     * Server in {@link PeerVerifyMode#VERIFY_PEER}: whether a client that sends no certificate
     * fails the handshake at once (Qt 6's {@code missingCertificateIsFatal()}). When false, the
     * default as in Qt, the missing certificate is reported like any other verification problem,
     * as a {@link SslError.Kind#NO_PEER_CERTIFICATE} error, and the handshake fails only if that
     * error is not ignored ({@link SslSocket#ignoreSslErrors()}). When true, the handshake fails
     * with a certificate_required (TLS 1.3) or handshake_failure alert, and no error can be ignored
     * to prevent it. Other verify modes never require a client certificate, so this changes nothing
     * for them.
     */
    public boolean missingCertificateIsFatal() {
        return missingCertificateIsFatal;
    }

    /**
     * Whether certificate verification errors interrupt the handshake (Qt 6's
     * {@code handshakeMustInterruptOnError()}): instead of reporting the errors and carrying on or
     * aborting as the ignored errors decide, the socket pauses the handshake at the first error and
     * tells its listener, which may then continue the handshake or abort it. False by default. The
     * configuration only carries the setting; {@link SslSocket} acts on it, and the engine's
     * handshake is the same either way.
     */
    public boolean handshakeMustInterruptOnError() {
        return handshakeMustInterruptOnError;
    }

    /**
     * Server: the PSK identity hint (Qt's {@code preSharedKeyIdentityHint()}), kept as set and
     * returned here, but <b>never sent</b>: identity hints belong to the RFC 4279 PSK cipher suites
     * of TLS ≤ 1.2, which jtls does not implement, and TLS 1.3's pre_shared_key extension has no
     * hint (RFC 8446 §4.2.11). Clients therefore always see an empty
     * {@link SslPreSharedKeyAuthenticator#identityHint()}. Empty unless set.
     */
    public byte[] preSharedKeyIdentityHint() {
        return preSharedKeyIdentityHint.clone();
    }

    // ---- negotiated ----

    /** The peer's certificate (the first of its chain), once a handshake completed. */
    public Optional<SslCertificate> peerCertificate() {
        return peerCertificateChain.isEmpty() ? Optional.empty() : Optional.of(peerCertificateChain.get(0));
    }

    public List<SslCertificate> peerCertificateChain() {
        return peerCertificateChain;
    }

    public Optional<SslCipher> sessionCipher() {
        return Optional.ofNullable(sessionCipher);
    }

    /** The negotiated version, or {@link SslProtocol#UNKNOWN_PROTOCOL}. */
    public SslProtocol sessionProtocol() {
        return sessionProtocol;
    }

    /** The protocol ALPN chose, if any. */
    public Optional<String> nextNegotiatedProtocol() {
        return Optional.ofNullable(nextNegotiatedProtocol);
    }

    public NextProtocolNegotiationStatus nextProtocolNegotiationStatus() {
        return nextProtocolNegotiationStatus;
    }

    /** The server's lifetime hint for {@link #sessionTicket()}, in seconds (0: none given). */
    public long sessionTicketLifeTimeHint() {
        return sessionTicketLifeTimeHint;
    }

    // ---- copy-on-write changes ----

    public SslConfiguration withProtocol(SslProtocol value) {
        return toBuilder().protocol(value).build();
    }

    public SslConfiguration withCiphers(List<SslCipher> value) {
        return toBuilder().ciphers(value).build();
    }

    /** See {@link Builder#ciphers(String)}. */
    public SslConfiguration withCiphers(String cipherString) {
        return toBuilder().ciphers(cipherString).build();
    }

    public SslConfiguration withGroups(List<NamedGroup> value) {
        return toBuilder().groups(value).build();
    }

    public SslConfiguration withSignatureSchemes(List<SignatureScheme> value) {
        return toBuilder().signatureSchemes(value).build();
    }

    public SslConfiguration withCaCertificates(List<SslCertificate> value) {
        return toBuilder().caCertificates(value).build();
    }

    public SslConfiguration withAddedCaCertificates(Collection<SslCertificate> value) {
        return toBuilder().addCaCertificates(value).build();
    }

    public SslConfiguration withLocalCertificate(SslCertificate value) {
        return toBuilder().localCertificate(value).build();
    }

    public SslConfiguration withLocalCertificateChain(List<SslCertificate> value) {
        return toBuilder().localCertificateChain(value).build();
    }

    public SslConfiguration withPrivateKey(SslKey value) {
        return toBuilder().privateKey(value).build();
    }

    public SslConfiguration withPeerVerifyMode(PeerVerifyMode value) {
        return toBuilder().peerVerifyMode(value).build();
    }

    public SslConfiguration withPeerVerifyDepth(int value) {
        return toBuilder().peerVerifyDepth(value).build();
    }

    public SslConfiguration withAllowedNextProtocols(List<String> value) {
        return toBuilder().allowedNextProtocols(value).build();
    }

    public SslConfiguration withOcspStaplingEnabled(boolean value) {
        return toBuilder().ocspStaplingEnabled(value).build();
    }

    public SslConfiguration withSslOption(SslOption option, boolean on) {
        return toBuilder().sslOption(option, on).build();
    }

    public SslConfiguration withSessionTicket(byte[] value) {
        return toBuilder().sessionTicket(value).build();
    }

    public SslConfiguration withKeyLogFile(Path value) {
        return toBuilder().keyLogFile(value).build();
    }

    public SslConfiguration withCertificateVerifier(CertificateVerifier value) {
        return toBuilder().certificateVerifier(value).build();
    }

    public SslConfiguration withCryptoBackend(CryptoBackend value) {
        return toBuilder().cryptoBackend(value).build();
    }

    public SslConfiguration withRandom(SecureRandom value) {
        return toBuilder().random(value).build();
    }

    public SslConfiguration withClock(Clock value) {
        return toBuilder().clock(value).build();
    }

    public SslConfiguration withDiffieHellmanParameters(SslDiffieHellmanParameters value) {
        return toBuilder().diffieHellmanParameters(value).build();
    }

    public SslConfiguration withMissingCertificateIsFatal(boolean value) {
        return toBuilder().missingCertificateIsFatal(value).build();
    }

    public SslConfiguration withHandshakeMustInterruptOnError(boolean value) {
        return toBuilder().handshakeMustInterruptOnError(value).build();
    }

    public SslConfiguration withPreSharedKeyIdentityHint(byte[] value) {
        return toBuilder().preSharedKeyIdentityHint(value).build();
    }

    // ---- the engine's view ----

    /**
     * The engine configuration for one connection in {@code role}.
     *
     * @param peerVerifier decides on the peer's chain (a socket passes its own, which applies the
     *                     verify mode and the ignored errors)
     * @param keyLog       where secrets go, or null
     * @throws IllegalStateException when the configuration cannot make a connection: an unsupported
     *         protocol, no cipher suite usable with the protocol, a certificate without its key, or a
     *         server without a certificate
     */
    public TlsConfig toTlsConfig(Role role, PeerVerifier peerVerifier, KeyLog keyLog) {
        return toTlsConfig(role, peerVerifier, keyLog, null, null);
    }

    /**
     * As {@link #toTlsConfig(Role, PeerVerifier, KeyLog)}, with TLS 1.3 external PSKs: a client offers
     * {@code clientPsk} (if not null); a server looks offered identities up with {@code serverPskLookup}
     * (if not null) and then may have no certificate (the engine then requires TLS 1.3 only).
     */
    TlsConfig toTlsConfig(Role role, PeerVerifier peerVerifier, KeyLog keyLog,
            org.jtls.handshake.ExternalPsk clientPsk,
            java.util.function.Function<byte[], Optional<org.jtls.handshake.ExternalPsk>> serverPskLookup) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(peerVerifier, "peerVerifier");
        List<ProtocolVersion> versions = protocol.versions();
        if (versions.isEmpty()) {
            throw new IllegalStateException("protocol " + protocol + " is not supported");
        }
        List<CipherSuite> suites = ciphers.stream().map(SslCipher::suite)
                .filter(suite -> versions.stream().anyMatch(suite::supports)).toList();
        if (suites.isEmpty()) {
            throw new IllegalStateException("none of the configured cipher suites can be used with " + protocol);
        }
        TlsConfig.Builder builder = TlsConfig.builder(cryptoBackend, random, clock)
                .versions(versions)
                .cipherSuites(suites)
                .groups(groups)
                .signatureSchemes(signatureSchemes)
                .alpnProtocols(allowedNextProtocols)
                .peerVerifier(peerVerifier)
                .keyLog(keyLog)
                .allowLegacyRenegotiation(!testSslOption(SslOption.DISABLE_LEGACY_RENEGOTIATION))
                .serverCipherPreference(!testSslOption(SslOption.DISABLE_SERVER_CIPHER_PREFERENCE))
                .recordSettings(org.jtls.record.RecordLayerSettings.defaults()
                        .withSplitApplicationData(!testSslOption(SslOption.DISABLE_RECORD_SPLITTING)));
        certifiedKey().ifPresent(key -> builder.certificates(List.of(key)));
        if (role == Role.SERVER) {
            if (certifiedKey().isEmpty() && serverPskLookup == null) {
                throw new IllegalStateException("a server needs a local certificate and its private key");
            }
            builder.clientAuth(switch (peerVerifyMode.effective(true)) {
                case VERIFY_NONE -> TlsConfig.ClientAuth.NONE;
                case VERIFY_PEER -> TlsConfig.ClientAuth.REQUIRE;
                default -> TlsConfig.ClientAuth.REQUEST;
            });
            // Not fatal: the peer verifier sees the empty chain and reports NoPeerCertificate, which may be ignored.
            builder.missingClientCertificateIsFatal(missingCertificateIsFatal);
            diffieHellmanParameters.group().ifPresent(builder::dhParameters);
            builder.externalPskLookup(serverPskLookup);
            builder.maxEarlyDataSize(earlyData ? maxEarlyDataSize : 0);
            builder.sessionCache(serverSessionCache);
            builder.ticketKeys(testSslOption(SslOption.DISABLE_SESSION_TICKETS) ? null : serverTicketKeys);
        } else {
            builder.externalPsk(clientPsk);
            builder.earlyData(earlyData);
            builder.postHandshakeAuthentication(postHandshakeAuthentication);
            builder.sessionTickets(!testSslOption(SslOption.DISABLE_SESSION_TICKETS));
            builder.requestOcspStapling(ocspStaplingEnabled);
            // An explicit session (sessionTicket) is offered before any cached one.
            resumptionSession().ifPresent(builder::resumptionSession);
            if (!testSslOption(SslOption.DISABLE_SESSION_SHARING)) {
                builder.sessionCache(clientSessionCache());
            }
        }
        if (engineCustomizer != null) {
            TlsConfig.Builder customized = engineCustomizer.apply(builder);
            return Objects.requireNonNull(customized, "the engine customizer returned null").build();
        }
        return builder.build();
    }

    /** The session {@link #sessionTicket()} encodes, if any. */
    public Optional<Session> resumptionSession() {
        if (sessionTicket.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Session.decode(sessionTicket));
        } catch (TlsAlertException e) {
            // The builder checked the encoding; it cannot have changed since.
            throw new IllegalStateException("session ticket no longer decodes", e);
        }
    }

    private Optional<CertifiedKey> certifiedKey() {
        if (localCertificateChain.isEmpty()) {
            return Optional.empty();
        }
        if (privateKey == null || privateKey.type() != KeyType.PRIVATE_KEY) {
            throw new IllegalStateException("a local certificate needs its private key");
        }
        SslCertificate leaf = localCertificateChain.get(0);
        if (!leaf.certificate().publicKey().map(privateKey.publicKeyMaterial()::equals).orElse(false)) {
            throw new IllegalStateException("the private key does not belong to the local certificate "
                    + leaf.subjectDisplayName());
        }
        return Optional.of(new CertifiedKey(localCertificateChain.stream().map(SslCertificate::toDer).toList(),
                privateKey.privateKeyMaterial().orElseThrow(), privateKey.isRsaPssOnly(),
                ocspResponse.length == 0 ? null : ocspResponse.clone()));
    }

    /** A copy carrying what a handshake negotiated (used by {@link SslSocket}). */
    SslConfiguration withNegotiated(List<SslCertificate> peerChain, SslCipher cipher, SslProtocol version,
            String alpn, NextProtocolNegotiationStatus alpnStatus, byte[] ticket, long ticketLifetime) {
        Builder builder = toBuilder();
        builder.peerCertificateChain = List.copyOf(peerChain);
        builder.sessionCipher = cipher;
        builder.sessionProtocol = version;
        builder.nextNegotiatedProtocol = alpn;
        builder.nextProtocolNegotiationStatus = alpnStatus;
        builder.sessionTicket = ticket.clone();
        builder.sessionTicketLifeTimeHint = ticketLifetime;
        return builder.build();
    }

    /** Equal when every setting and negotiated value is; the random, clock, backend and server state by identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SslConfiguration that
                && protocol == that.protocol && ciphers.equals(that.ciphers) && groups.equals(that.groups)
                && signatureSchemes.equals(that.signatureSchemes)
                && Objects.equals(caCertificates, that.caCertificates)
                && localCertificateChain.equals(that.localCertificateChain)
                && Objects.equals(privateKey, that.privateKey) && peerVerifyMode == that.peerVerifyMode
                && peerVerifyDepth == that.peerVerifyDepth && allowedNextProtocols.equals(that.allowedNextProtocols)
                && ocspStaplingEnabled == that.ocspStaplingEnabled && sslOptions.equals(that.sslOptions)
                && Arrays.equals(sessionTicket, that.sessionTicket) && Objects.equals(keyLogFile, that.keyLogFile)
                && earlyData == that.earlyData && maxEarlyDataSize == that.maxEarlyDataSize
                && Arrays.equals(ocspResponse, that.ocspResponse)
                && postHandshakeAuthentication == that.postHandshakeAuthentication
                && engineCustomizer == that.engineCustomizer
                && certificateVerifier == that.certificateVerifier && cryptoBackend == that.cryptoBackend
                && random == that.random && clock == that.clock && serverTicketKeys == that.serverTicketKeys
                && serverSessionCache == that.serverSessionCache && clientSessionCache == that.clientSessionCache
                && diffieHellmanParameters.equals(that.diffieHellmanParameters)
                && missingCertificateIsFatal == that.missingCertificateIsFatal
                && handshakeMustInterruptOnError == that.handshakeMustInterruptOnError
                && Arrays.equals(preSharedKeyIdentityHint, that.preSharedKeyIdentityHint)
                && peerCertificateChain.equals(that.peerCertificateChain)
                && Objects.equals(sessionCipher, that.sessionCipher) && sessionProtocol == that.sessionProtocol
                && Objects.equals(nextNegotiatedProtocol, that.nextNegotiatedProtocol)
                && nextProtocolNegotiationStatus == that.nextProtocolNegotiationStatus
                && sessionTicketLifeTimeHint == that.sessionTicketLifeTimeHint;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, ciphers, groups, peerVerifyMode, localCertificateChain, allowedNextProtocols,
                sslOptions, sessionProtocol);
    }

    @Override
    public String toString() {
        return "SslConfiguration[" + protocol + ", " + ciphers.size() + " ciphers, " + peerVerifyMode
                + (localCertificateChain.isEmpty() ? "" : ", certificate " + localCertificateChain.get(0)) + "]";
    }

    /** Builds an {@link SslConfiguration}; every setter copies its argument. Not thread-safe. */
    public static final class Builder {
        private SslProtocol protocol = SslProtocol.SECURE_PROTOCOLS;
        private List<SslCipher> ciphers = defaultCiphers();
        private List<NamedGroup> groups = DEFAULT_GROUPS;
        private List<SignatureScheme> signatureSchemes = SignatureScheme.defaults();
        private List<SslCertificate> caCertificates;
        private List<SslCertificate> localCertificateChain = List.of();
        private SslKey privateKey;
        private PeerVerifyMode peerVerifyMode = PeerVerifyMode.AUTO_VERIFY_PEER;
        private int peerVerifyDepth;
        private List<String> allowedNextProtocols = List.of();
        private boolean ocspStaplingEnabled;
        private Set<SslOption> sslOptions = EnumSet.copyOf(DEFAULT_OPTIONS);
        private byte[] sessionTicket = new byte[0];
        private Path keyLogFile;
        private boolean earlyData;
        private byte[] ocspResponse = new byte[0];
        private int maxEarlyDataSize = 16_384;
        private boolean postHandshakeAuthentication;
        private UnaryOperator<TlsConfig.Builder> engineCustomizer;
        private CertificateVerifier certificateVerifier = CertificateVerifier.pathValidation();
        private CryptoBackend cryptoBackend = CryptoBackends.defaultBackend();
        private SecureRandom random;
        private Clock clock = Clock.systemUTC();
        private TicketKeys serverTicketKeys;
        private SessionCache serverSessionCache;
        private SessionCache clientSessionCache;
        private SslDiffieHellmanParameters diffieHellmanParameters = SslDiffieHellmanParameters.defaultParameters();
        private boolean missingCertificateIsFatal;
        private boolean handshakeMustInterruptOnError;
        private byte[] preSharedKeyIdentityHint = new byte[0];
        private List<SslCertificate> peerCertificateChain = List.of();
        private SslCipher sessionCipher;
        private SslProtocol sessionProtocol = SslProtocol.UNKNOWN_PROTOCOL;
        private String nextNegotiatedProtocol;
        private NextProtocolNegotiationStatus nextProtocolNegotiationStatus = NextProtocolNegotiationStatus.NONE;
        private long sessionTicketLifeTimeHint;

        private Builder() {
            // The API edge: the one place a default SecureRandom is made (STYLE.md: no hidden randomness below).
            this.random = new SecureRandom();
        }

        private Builder(SslConfiguration from) {
            protocol = from.protocol;
            ciphers = from.ciphers;
            groups = from.groups;
            signatureSchemes = from.signatureSchemes;
            caCertificates = from.caCertificates;
            localCertificateChain = from.localCertificateChain;
            privateKey = from.privateKey;
            peerVerifyMode = from.peerVerifyMode;
            peerVerifyDepth = from.peerVerifyDepth;
            allowedNextProtocols = from.allowedNextProtocols;
            ocspStaplingEnabled = from.ocspStaplingEnabled;
            sslOptions = from.sslOptions.isEmpty() ? EnumSet.noneOf(SslOption.class) : EnumSet.copyOf(from.sslOptions);
            sessionTicket = from.sessionTicket;
            keyLogFile = from.keyLogFile;
            earlyData = from.earlyData;
            ocspResponse = from.ocspResponse;
            maxEarlyDataSize = from.maxEarlyDataSize;
            postHandshakeAuthentication = from.postHandshakeAuthentication;
            engineCustomizer = from.engineCustomizer;
            certificateVerifier = from.certificateVerifier;
            cryptoBackend = from.cryptoBackend;
            random = from.random;
            clock = from.clock;
            serverTicketKeys = from.serverTicketKeys;
            serverSessionCache = from.serverSessionCache;
            clientSessionCache = from.clientSessionCache;
            diffieHellmanParameters = from.diffieHellmanParameters;
            missingCertificateIsFatal = from.missingCertificateIsFatal;
            handshakeMustInterruptOnError = from.handshakeMustInterruptOnError;
            preSharedKeyIdentityHint = from.preSharedKeyIdentityHint;
            peerCertificateChain = from.peerCertificateChain;
            sessionCipher = from.sessionCipher;
            sessionProtocol = from.sessionProtocol;
            nextNegotiatedProtocol = from.nextNegotiatedProtocol;
            nextProtocolNegotiationStatus = from.nextProtocolNegotiationStatus;
            sessionTicketLifeTimeHint = from.sessionTicketLifeTimeHint;
        }

        public Builder protocol(SslProtocol value) {
            this.protocol = Objects.requireNonNull(value);
            return this;
        }

        public Builder ciphers(List<SslCipher> value) {
            this.ciphers = List.copyOf(value);
            return this;
        }

        /**
         * Cipher suites from an OpenSSL cipher string ({@code "ECDHE+AESGCM:!SHA1"}, see
         * {@link CipherString}). As in OpenSSL, the string's keywords choose TLS ≤ 1.2 suites only;
         * TLS 1.3 suites named in it replace the TLS 1.3 defaults, and when it names none the
         * TLS 1.3 defaults are kept.
         *
         * @throws IllegalArgumentException for an unknown name or keyword, or a string that selects nothing
         */
        public Builder ciphers(String cipherString) {
            List<CipherSuite> selected = CipherString.parse(cipherString);
            List<SslCipher> result = new ArrayList<>();
            if (selected.stream().noneMatch(suite -> suite.minimumVersion() == ProtocolVersion.TLS_1_3)) {
                CipherSuite.defaults().stream().filter(suite -> suite.minimumVersion() == ProtocolVersion.TLS_1_3)
                        .map(SslCipher::of).forEach(result::add);
            }
            selected.stream().map(SslCipher::of).forEach(result::add);
            return ciphers(result);
        }

        public Builder groups(List<NamedGroup> value) {
            this.groups = List.copyOf(value);
            return this;
        }

        public Builder signatureSchemes(List<SignatureScheme> value) {
            this.signatureSchemes = List.copyOf(value);
            return this;
        }

        /** Replaces the CA certificates (the system's are no longer used). */
        public Builder caCertificates(List<SslCertificate> value) {
            this.caCertificates = List.copyOf(value);
            return this;
        }

        /** Adds CA certificates to those in use (to the system's, if none were set). */
        public Builder addCaCertificates(Collection<SslCertificate> value) {
            List<SslCertificate> combined = new ArrayList<>(caCertificates != null ? caCertificates
                    : systemCaCertificates());
            for (SslCertificate certificate : value) {
                if (!combined.contains(certificate)) {
                    combined.add(certificate);
                }
            }
            this.caCertificates = List.copyOf(combined);
            return this;
        }

        public Builder addCaCertificate(SslCertificate value) {
            return addCaCertificates(List.of(value));
        }

        /** Adds the certificates of the files {@code path} names ({@link SslCertificate#fromPath}). */
        public Builder addCaCertificates(String path, EncodingFormat format, SslCertificate.PatternSyntax syntax)
                throws IOException {
            return addCaCertificates(SslCertificate.fromPath(path, format, syntax));
        }

        public Builder localCertificate(SslCertificate value) {
            return localCertificateChain(List.of(value));
        }

        /** Reads the local certificate chain (leaf first) from a file. */
        public Builder localCertificate(Path file, EncodingFormat format) throws IOException {
            List<SslCertificate> chain = SslCertificate.fromPath(file, format);
            if (chain.isEmpty()) {
                throw new SslFormatException(file + " holds no certificate");
            }
            return localCertificateChain(chain);
        }

        public Builder localCertificateChain(List<SslCertificate> value) {
            this.localCertificateChain = List.copyOf(value);
            return this;
        }

        public Builder privateKey(SslKey value) {
            this.privateKey = value;
            return this;
        }

        /** Reads the private key from a file, decrypting it with {@code passphrase} when encrypted. */
        public Builder privateKey(Path file, EncodingFormat format, char[] passphrase) throws IOException {
            return privateKey(SslKey.read(file, format, KeyType.PRIVATE_KEY, passphrase));
        }

        public Builder peerVerifyMode(PeerVerifyMode value) {
            this.peerVerifyMode = Objects.requireNonNull(value);
            return this;
        }

        public Builder peerVerifyDepth(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("peer verify depth must not be negative");
            }
            this.peerVerifyDepth = value;
            return this;
        }

        public Builder allowedNextProtocols(List<String> value) {
            this.allowedNextProtocols = List.copyOf(value);
            return this;
        }

        public Builder ocspStaplingEnabled(boolean value) {
            this.ocspStaplingEnabled = value;
            return this;
        }

        public Builder sslOption(SslOption option, boolean on) {
            if (on) {
                sslOptions.add(option);
            } else {
                sslOptions.remove(option);
            }
            return this;
        }

        public Builder sslOptions(Set<SslOption> value) {
            this.sslOptions = value.isEmpty() ? EnumSet.noneOf(SslOption.class) : EnumSet.copyOf(value);
            return this;
        }

        /**
         * The session to resume: bytes from another socket's {@link SslConfiguration#sessionTicket()};
         * empty for none.
         *
         * @throws IllegalArgumentException if the bytes are not a session encoding
         */
        public Builder sessionTicket(byte[] value) {
            if (value.length > 0) {
                try {
                    Session.decode(value);
                } catch (TlsAlertException e) {
                    throw new IllegalArgumentException("not a jtls session encoding: " + e.getMessage(), e);
                }
            }
            this.sessionTicket = value.clone();
            return this;
        }

        public Builder keyLogFile(Path value) {
            this.keyLogFile = value;
            return this;
        }

        public Builder certificateVerifier(CertificateVerifier value) {
            this.certificateVerifier = Objects.requireNonNull(value);
            return this;
        }

        public Builder cryptoBackend(CryptoBackend value) {
            this.cryptoBackend = Objects.requireNonNull(value);
            return this;
        }

        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Server: the keys that seal session tickets; by default a configuration makes its own. */
        public Builder serverTicketKeys(TicketKeys value) {
            this.serverTicketKeys = Objects.requireNonNull(value);
            return this;
        }

        /** Server: the cache for session-id resumption (TLS ≤ 1.2); by default a configuration makes its own. */
        public Builder serverSessionCache(SessionCache value) {
            this.serverSessionCache = Objects.requireNonNull(value);
            return this;
        }

        /**
         * TLS 1.3 0-RTT (RFC 8446 §2.3, §4.2.10). A client writes what the application queued before
         * the handshake completed as early data when it resumes a ticket that allows it
         * ({@link SslSocket#earlyDataStatus()} says what became of it); a server accepts up to
         * {@link #maxEarlyDataSize} bytes per ticket, each ticket once. Early data has no replay
         * protection across servers: enable it only for requests that are safe to repeat.
         */
        public Builder earlyData(boolean enabled) {
            this.earlyData = enabled;
            return this;
        }

        /**
         * Server: a DER OCSP response (RFC 6960) about the local certificate, stapled for clients
         * that ask (RFC 6066 §8 status_request; in TLS 1.3 inside the Certificate entry). Beyond Qt,
         * whose servers cannot staple. The response is sent as given: keep it fresh.
         */
        public Builder ocspResponse(byte[] der) {
            this.ocspResponse = der.clone();
            return this;
        }

        /** Server: the 0-RTT allowance written into tickets (default 16,384 bytes). */
        public Builder maxEarlyDataSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxEarlyDataSize must be positive; disable early data instead");
            }
            this.maxEarlyDataSize = bytes;
            return this;
        }

        /** Client: offer TLS 1.3 post-handshake authentication, so a server may ask for our certificate later. */
        public Builder postHandshakeAuthentication(boolean offer) {
            this.postHandshakeAuthentication = offer;
            return this;
        }

        /**
         * Expert: {@code customizer} gets the engine configuration built from these settings for each
         * connection and returns it (or another builder) with changes this class does not offer:
         * a handshake observer, signature_algorithms_cert, record_size_limit, TLS_FALLBACK_SCSV, a
         * certificate selector per server name, ... It runs last, so it can also undo the secure
         * defaults: use it with care. Compared by identity in {@link #equals}.
         */
        public Builder engineCustomizer(UnaryOperator<TlsConfig.Builder> customizer) {
            this.engineCustomizer = customizer;
            return this;
        }

        /**
         * Client: the cache sessions are shared through (see {@link SslConfiguration#clientSessionCache()});
         * null for the process-wide shared one, the default.
         */
        public Builder clientSessionCache(SessionCache value) {
            this.clientSessionCache = value;
            return this;
        }

        /**
         * See {@link SslConfiguration#diffieHellmanParameters()}; empty parameters are allowed.
         *
         * @throws IllegalArgumentException for parameters that failed to read or were refused as unsafe
         */
        public Builder diffieHellmanParameters(SslDiffieHellmanParameters value) {
            Objects.requireNonNull(value, "value");
            if (!value.isEmpty() && !value.isValid()) {
                throw new IllegalArgumentException("unusable Diffie-Hellman parameters (" + value.error() + "): "
                        + value.errorString());
            }
            this.diffieHellmanParameters = value;
            return this;
        }

        /** See {@link SslConfiguration#missingCertificateIsFatal()}. */
        public Builder missingCertificateIsFatal(boolean value) {
            this.missingCertificateIsFatal = value;
            return this;
        }

        /** See {@link SslConfiguration#handshakeMustInterruptOnError()}. */
        public Builder handshakeMustInterruptOnError(boolean value) {
            this.handshakeMustInterruptOnError = value;
            return this;
        }

        /** See {@link SslConfiguration#preSharedKeyIdentityHint()}: kept, never sent. */
        public Builder preSharedKeyIdentityHint(byte[] value) {
            this.preSharedKeyIdentityHint = value.clone();
            return this;
        }

        public SslConfiguration build() {
            return new SslConfiguration(this);
        }
    }
}
