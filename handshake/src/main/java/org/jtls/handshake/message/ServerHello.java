package org.jtls.handshake.message;

import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.SupportedVersionSelection;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ServerHello, one form for SSL 3.0 through TLS 1.3, which is also the TLS 1.3 HelloRetryRequest
 * (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3):
 * <pre>
 * ProtocolVersion legacy_version;
 * Random random;                                      opaque[32]
 * opaque legacy_session_id_echo&lt;0..32&gt;;
 * CipherSuite cipher_suite;
 * uint8 legacy_compression_method;
 * Extension extensions&lt;6..2^16-1&gt;;                  optional before TLS 1.3
 * </pre>
 * A HelloRetryRequest is a ServerHello whose random is {@link #HELLO_RETRY_REQUEST_RANDOM}; its
 * extensions are decoded in their HelloRetryRequest forms and must be present.
 */
public record ServerHello(int legacyVersion, Opaque random, Opaque legacySessionIdEcho, int cipherSuite,
        int legacyCompressionMethod, Optional<Extensions> extensionBlock) implements HandshakeBody {

    /** SHA-256 of "HelloRetryRequest" (RFC 8446 §4.1.3). */
    public static final Opaque HELLO_RETRY_REQUEST_RANDOM = Opaque.fromHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    /**
     * The last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.2 (RFC 8446 §4.1.3):
     * "DOWNGRD" and 01.
     */
    public static final Opaque DOWNGRADE_TLS12 = Opaque.fromHex("444f574e47524401");
    /** The last 8 bytes of a TLS 1.2 or 1.3 server's random when it negotiates TLS 1.1 or below: "DOWNGRD" and 00. */
    public static final Opaque DOWNGRADE_TLS11 = Opaque.fromHex("444f574e47524400");

    public ServerHello {
        Checks.range(legacyVersion, 0, 0xFFFF, "legacy_version");
        Checks.length(random, ClientHello.RANDOM_LENGTH, ClientHello.RANDOM_LENGTH, "random");
        Checks.length(legacySessionIdEcho, 0, ClientHello.MAX_SESSION_ID_LENGTH, "legacy_session_id_echo");
        Checks.range(cipherSuite, 0, 0xFFFF, "cipher_suite");
        Checks.range(legacyCompressionMethod, 0, 0xFF, "legacy_compression_method");
        Objects.requireNonNull(extensionBlock, "extensionBlock");
        if (random.equals(HELLO_RETRY_REQUEST_RANDOM)) {
            int blockLength = extensionBlock.map(Extensions::encodedLength).orElse(0) - 2;
            if (blockLength < ExtensionContext.HELLO_RETRY_REQUEST.blockFloor()) {
                throw new IllegalArgumentException("a HelloRetryRequest needs an extension block of at least "
                        + ExtensionContext.HELLO_RETRY_REQUEST.blockFloor() + " bytes");
            }
        }
    }

    /** A hello with an extension block, the usual case. */
    public ServerHello(int legacyVersion, Opaque random, Opaque legacySessionIdEcho, int cipherSuite,
            int legacyCompressionMethod, Extensions extensions) {
        this(legacyVersion, random, legacySessionIdEcho, cipherSuite, legacyCompressionMethod, Optional.of(extensions));
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.SERVER_HELLO;
    }

    /** RFC 8446 §4.1.3: a HelloRetryRequest is told apart from a ServerHello by its random only. */
    public boolean isHelloRetryRequest() {
        return random.equals(HELLO_RETRY_REQUEST_RANDOM);
    }

    /** The context this hello's extensions are in: {@code HELLO_RETRY_REQUEST} or {@code SERVER_HELLO}. */
    public ExtensionContext extensionContext() {
        return isHelloRetryRequest() ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO;
    }

    public Extensions extensions() {
        return extensionBlock.orElse(Extensions.empty());
    }

    public Optional<CipherSuite> knownCipherSuite() {
        return CipherSuite.fromCode(cipherSuite);
    }

    /**
     * The version the server chose: supported_versions' selected_version if present (TLS 1.3,
     * RFC 8446 §4.2.1), else legacy_version.
     */
    public int selectedVersionCode() {
        return extensions().find(SupportedVersionSelection.class)
                .map(SupportedVersionSelection::versionCode)
                .orElse(legacyVersion);
    }

    /** The random ends with {@link #DOWNGRADE_TLS12}: a TLS 1.3 server settled for TLS 1.2. */
    public boolean signalsDowngradeToTls12() {
        return random.endsWith(DOWNGRADE_TLS12);
    }

    /** The random ends with {@link #DOWNGRADE_TLS11}: a TLS 1.2 or 1.3 server settled for TLS 1.1 or older. */
    public boolean signalsDowngradeToTls11OrBelow() {
        return random.endsWith(DOWNGRADE_TLS11);
    }

    /** {@code random} with its last 8 bytes replaced by {@code sentinel} (RFC 8446 §4.1.3). */
    public static Opaque withDowngradeSentinel(Opaque random, Opaque sentinel) {
        Checks.length(random, ClientHello.RANDOM_LENGTH, ClientHello.RANDOM_LENGTH, "random");
        Checks.length(sentinel, 8, 8, "sentinel");
        TlsWriter writer = new TlsWriter(ClientHello.RANDOM_LENGTH);
        writer.bytes(random.toByteArray(), 0, ClientHello.RANDOM_LENGTH - sentinel.length());
        writer.bytes(sentinel.toByteArray());
        return Opaque.of(writer.toByteArray());
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u16(legacyVersion);
        writer.bytes(random.toByteArray());
        Vectors.writeOpaque(writer, 1, legacySessionIdEcho);
        writer.u16(cipherSuite);
        writer.u8(legacyCompressionMethod);
        extensionBlock.ifPresent(extensions -> extensions.encode(writer));
    }

    /**
     * Reads a ServerHello or HelloRetryRequest body, choosing the extension forms by the random.
     *
     * @throws TlsAlertException decode_error for malformed input (including a HelloRetryRequest
     *         without extensions); illegal_parameter for an invalid extension value
     */
    public static ServerHello decode(TlsReader body) throws TlsAlertException {
        int legacyVersion = body.u16("legacy_version");
        Opaque random = Opaque.of(body.bytes(ClientHello.RANDOM_LENGTH, "random"));
        Opaque sessionIdEcho = Vectors.readOpaque(body, 1, 0, ClientHello.MAX_SESSION_ID_LENGTH,
                "legacy_session_id_echo");
        int cipherSuite = body.u16("cipher_suite");
        int compressionMethod = body.u8("legacy_compression_method");
        boolean helloRetryRequest = random.equals(HELLO_RETRY_REQUEST_RANDOM);
        Optional<Extensions> extensions = Optional.empty();
        if (body.hasRemaining() || helloRetryRequest) {
            extensions = Optional.of(Extensions.decode(body, helloRetryRequest
                    ? ExtensionContext.HELLO_RETRY_REQUEST : ExtensionContext.SERVER_HELLO));
        }
        body.expectEnd(helloRetryRequest ? "HelloRetryRequest" : "ServerHello");
        return new ServerHello(legacyVersion, random, sessionIdEcho, cipherSuite, compressionMethod, extensions);
    }

    @Override
    public String toString() {
        return (isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello")
                + "{legacy_version=" + CodeNames.version(legacyVersion)
                + ", random=" + random
                + ", legacy_session_id_echo=" + legacySessionIdEcho
                + ", cipher_suite=" + CodeNames.cipherSuite(cipherSuite)
                + ", legacy_compression_method=" + legacyCompressionMethod
                + ", extensions=" + extensionBlock.map(Extensions::toString).orElse("(absent)") + "}";
    }
}
