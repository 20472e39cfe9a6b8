package org.jtls.bench;

import java.util.List;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;

/**
 * The handshakes {@link HandshakeBenchmark} (jtls) and {@link SunJsseHandshakeBenchmark} (SunJSSE)
 * measure, with what each must negotiate. The setup of either benchmark checks every one of these
 * values on both sides before it measures anything.
 */
public enum HandshakeKind {
    TLS12_ECDHE_RSA("TLS 1.2 full, ECDHE-RSA-2048", ProtocolVersion.TLS_1_2,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.RSA_2048, Resumption.NONE),
    TLS12_ECDHE_ECDSA("TLS 1.2 full, ECDHE-ECDSA-P256", ProtocolVersion.TLS_1_2,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.ECDSA_P256,
            Resumption.NONE),
    /** An abbreviated handshake (RFC 5246 §7.3) for a session from an ECDHE-ECDSA handshake, by RFC 5077 ticket. */
    TLS12_RESUMED_TICKET("TLS 1.2 resumed, session ticket", ProtocolVersion.TLS_1_2,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.ECDSA_P256,
            Resumption.SESSION_TICKET),
    /** As {@link #TLS12_RESUMED_TICKET}, by session id from the server's session cache. */
    TLS12_RESUMED_SESSION_ID("TLS 1.2 resumed, session id", ProtocolVersion.TLS_1_2,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.ECDSA_P256,
            Resumption.SESSION_ID),
    TLS13_X25519_ECDSA("TLS 1.3 full, X25519 + ECDSA-P256", ProtocolVersion.TLS_1_3,
            CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.ECDSA_P256, Resumption.NONE),
    TLS13_X25519MLKEM768_ECDSA("TLS 1.3 full, X25519MLKEM768 + ECDSA-P256", ProtocolVersion.TLS_1_3,
            CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519MLKEM768, ServerKey.ECDSA_P256, Resumption.NONE),
    TLS13_X25519_RSA("TLS 1.3 full, X25519 + RSA-2048", ProtocolVersion.TLS_1_3,
            CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.RSA_2048, Resumption.NONE),
    /** RFC 8446 §2.2: the ticket's PSK with a fresh X25519 exchange (psk_dhe_ke), no certificate. */
    TLS13_PSK_DHE_X25519("TLS 1.3 resumed, PSK + X25519", ProtocolVersion.TLS_1_3,
            CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, ServerKey.ECDSA_P256, Resumption.PSK_DHE_KE);

    /** How a handshake skips authentication, if it does. */
    public enum Resumption { NONE, SESSION_TICKET, SESSION_ID, PSK_DHE_KE }

    private final String displayName;
    private final ProtocolVersion version;
    private final CipherSuite cipherSuite;
    private final NamedGroup group;
    private final ServerKey serverKey;
    private final Resumption resumption;

    HandshakeKind(String displayName, ProtocolVersion version, CipherSuite cipherSuite, NamedGroup group,
            ServerKey serverKey, Resumption resumption) {
        this.displayName = displayName;
        this.version = version;
        this.cipherSuite = cipherSuite;
        this.group = group;
        this.serverKey = serverKey;
        this.resumption = resumption;
    }

    /** The row name in {@link RunHandshakeBenchmarks}' table. */
    public String displayName() {
        return displayName;
    }

    public ProtocolVersion version() {
        return version;
    }

    public CipherSuite cipherSuite() {
        return cipherSuite;
    }

    /** The group of the full handshakes: the measured one, or for a resumed kind the one that made the session. */
    public NamedGroup group() {
        return group;
    }

    /** The server's key; for a resumed handshake, the key of the full handshake that made the session. */
    public ServerKey serverKey() {
        return serverKey;
    }

    public Resumption resumption() {
        return resumption;
    }

    public boolean resumes() {
        return resumption != Resumption.NONE;
    }

    /**
     * The group the measured handshake's key exchange must use. Empty for a TLS 1.2 resumption,
     * which has no key exchange.
     */
    public Optional<NamedGroup> keyExchangeGroup() {
        return resumes() && version != ProtocolVersion.TLS_1_3 ? Optional.empty() : Optional.of(group);
    }

    /** The signature the measured handshake's server must make; empty when it resumes and signs nothing. */
    public Optional<SignatureScheme> serverSignature() {
        return resumes() ? Optional.empty() : Optional.of(serverKey.handshakeSignature());
    }

    /**
     * The groups both clients offer, in order: the measured group first (the one TLS 1.3 clients send
     * a key share for), then secp256r1, because under TLS 1.2 the supported_groups extension also
     * names the curves the client accepts in the server's ECDSA certificate (RFC 8422 §5.1.1).
     */
    public List<NamedGroup> offeredGroups() {
        return List.of(group, NamedGroup.SECP256R1);
    }

    /** The protocol name SunJSSE uses for {@link #version()}. */
    public String jsseProtocol() {
        return switch (version) {
            case TLS_1_2 -> "TLSv1.2";
            case TLS_1_3 -> "TLSv1.3";
            default -> throw new IllegalStateException("no benchmark runs " + version.displayName());
        };
    }
}
