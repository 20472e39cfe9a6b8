package org.jtls.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
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
    private final boolean serverCipherPreference;
    private final boolean sendFallbackScsv;

    private TlsConfig(Builder builder) {
        this.versions = List.copyOf(builder.versions);
        this.cipherSuites = List.copyOf(builder.cipherSuites);
        this.groups = List.copyOf(builder.groups);
        this.signatureSchemes = List.copyOf(builder.signatureSchemes);
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
        this.serverCipherPreference = builder.serverCipherPreference;
        this.sendFallbackScsv = builder.sendFallbackScsv;
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

    public ProtocolVersion highestVersion() {
        return versions.stream().max(Enum::compareTo).orElseThrow();
    }

    public ProtocolVersion lowestVersion() {
        return versions.stream().min(Enum::compareTo).orElseThrow();
    }

    public Builder toBuilder() {
        Builder builder = new Builder(crypto, random, clock);
        builder.versions = new ArrayList<>(versions);
        builder.cipherSuites = new ArrayList<>(cipherSuites);
        builder.groups = new ArrayList<>(groups);
        builder.signatureSchemes = new ArrayList<>(signatureSchemes);
        builder.alpnProtocols = new ArrayList<>(alpnProtocols);
        builder.certificates = new ArrayList<>(certificates);
        builder.peerVerifier = peerVerifier;
        builder.clientAuth = clientAuth;
        builder.recordSettings = recordSettings;
        builder.keyLog = keyLog;
        builder.requireExtendedMasterSecret = requireExtendedMasterSecret;
        builder.allowLegacyRenegotiation = allowLegacyRenegotiation;
        builder.minimumDhBits = minimumDhBits;
        builder.serverCipherPreference = serverCipherPreference;
        builder.sendFallbackScsv = sendFallbackScsv;
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
        private List<String> alpnProtocols = List.of();
        private List<CertifiedKey> certificates = List.of();
        private PeerVerifier peerVerifier;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private RecordLayerSettings recordSettings = RecordLayerSettings.defaults();
        private KeyLog keyLog;
        private boolean requireExtendedMasterSecret = true;
        private boolean allowLegacyRenegotiation;
        private int minimumDhBits = 1024;
        private boolean serverCipherPreference = true;
        private boolean sendFallbackScsv;

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

        public Builder serverCipherPreference(boolean serverPreference) {
            this.serverCipherPreference = serverPreference;
            return this;
        }

        public Builder sendFallbackScsv(boolean send) {
            this.sendFallbackScsv = send;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
