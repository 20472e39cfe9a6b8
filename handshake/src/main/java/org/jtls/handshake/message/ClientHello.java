package org.jtls.handshake.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.SignalingCipherSuiteValue;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ClientHello, one form for SSL 3.0 through TLS 1.3 (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 6101
 * §5.6.1.2):
 * <pre>
 * ProtocolVersion legacy_version;
 * Random random;                                      opaque[32]
 * opaque legacy_session_id&lt;0..32&gt;;
 * CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 * opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 * Extension extensions&lt;0..2^16-1&gt;;                  absent in old hellos
 * </pre>
 * Cipher suites and compression methods are kept as numbers, so unknown suites, GREASE and the
 * signaling values survive in place. {@code extensionBlock} is empty when the hello ends after the
 * compression methods (RFC 5246 §7.4.1.2: extensions are detected by the bytes that follow), which
 * is not the same as an empty block; the two encode differently.
 */
public record ClientHello(int legacyVersion, Opaque random, Opaque legacySessionId, List<Integer> cipherSuites,
        List<Integer> legacyCompressionMethods, Optional<Extensions> extensionBlock) implements HandshakeBody {

    public static final int RANDOM_LENGTH = 32;
    public static final int MAX_SESSION_ID_LENGTH = 32;
    /** The null compression method, the only one TLS 1.3 allows (RFC 8446 §4.1.2). */
    public static final int NULL_COMPRESSION = 0;

    public ClientHello {
        Checks.range(legacyVersion, 0, 0xFFFF, "legacy_version");
        Checks.length(random, RANDOM_LENGTH, RANDOM_LENGTH, "random");
        Checks.length(legacySessionId, 0, MAX_SESSION_ID_LENGTH, "legacy_session_id");
        cipherSuites = Checks.codes(cipherSuites, 1, 0x7FFF, 0xFFFF, "cipher_suites");
        legacyCompressionMethods = Checks.codes(legacyCompressionMethods, 1, 0xFF, 0xFF, "legacy_compression_methods");
        Objects.requireNonNull(extensionBlock, "extensionBlock");
        if (!extensionBlock.map(Extensions::preSharedKeyIsLast).orElse(true)) {
            throw new IllegalArgumentException("pre_shared_key must be the last extension (RFC 8446 §4.2.11)");
        }
    }

    /** A hello with an extension block, the usual case. */
    public ClientHello(int legacyVersion, Opaque random, Opaque legacySessionId, List<Integer> cipherSuites,
            List<Integer> legacyCompressionMethods, Extensions extensions) {
        this(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods, Optional.of(extensions));
    }

    @Override
    public HandshakeType handshakeType() {
        return HandshakeType.CLIENT_HELLO;
    }

    /** The extensions; empty when the hello has no extension block. */
    public Extensions extensions() {
        return extensionBlock.orElse(Extensions.empty());
    }

    /** The offered suites jtls knows, in the client's order; GREASE, unknown codes and SCSVs are skipped. */
    public List<CipherSuite> knownCipherSuites() {
        List<CipherSuite> known = new ArrayList<>();
        for (int code : cipherSuites) {
            CipherSuite.fromCode(code).ifPresent(known::add);
        }
        return List.copyOf(known);
    }

    public boolean offers(CipherSuite suite) {
        return cipherSuites.contains(suite.code());
    }

    /** Whether the client put {@code value} (a signaling cipher suite value) in its cipher_suites. */
    public boolean signals(SignalingCipherSuiteValue value) {
        return cipherSuites.contains(value.code());
    }

    /** A copy with another extension block. */
    public ClientHello withExtensions(Extensions extensions) {
        return new ClientHello(legacyVersion, random, legacySessionId, cipherSuites, legacyCompressionMethods,
                Optional.of(extensions));
    }

    /** A copy whose pre_shared_key carries {@code binders} instead (same count and lengths to keep the prefix). */
    public ClientHello withPskBinders(List<Opaque> binders) {
        PreSharedKeyOffer offer = preSharedKeyOffer();
        return withExtensions(extensions().with(offer.withBinders(binders)));
    }

    /**
     * The bytes the PSK binders are computed over (RFC 8446 §4.2.11.2): this whole handshake
     * message, header included, up to and including the {@code identities} of pre_shared_key; that
     * is, without the binders list and its length. The length fields before it (handshake length,
     * extension block, pre_shared_key extension) count the binders, as the RFC requires; so binders
     * of the final lengths must already be in place (placeholders of the right size will do).
     *
     * @throws IllegalStateException if the hello has no pre_shared_key
     */
    public byte[] truncatedForBinders() {
        PreSharedKeyOffer offer = preSharedKeyOffer();
        byte[] message = toHandshakeMessage().encoded();
        // pre_shared_key is the last extension (checked at construction), so the binders list is
        // the tail of the message.
        return Arrays.copyOf(message, message.length - offer.bindersEncodedLength());
    }

    private PreSharedKeyOffer preSharedKeyOffer() {
        return extensions().find(PreSharedKeyOffer.class)
                .orElseThrow(() -> new IllegalStateException("the ClientHello offers no pre_shared_key"));
    }

    @Override
    public void encode(TlsWriter writer) {
        writer.u16(legacyVersion);
        writer.bytes(random.toByteArray());
        Vectors.writeOpaque(writer, 1, legacySessionId);
        Vectors.writeU16List(writer, 2, 0xFFFE, cipherSuites);
        Vectors.writeU8List(writer, 0xFF, legacyCompressionMethods);
        extensionBlock.ifPresent(extensions -> extensions.encode(writer));
    }

    /**
     * Reads a ClientHello body.
     *
     * @throws TlsAlertException decode_error for malformed input; illegal_parameter if
     *         pre_shared_key is not the last extension (RFC 8446 §4.2.11) or an extension's value is
     *         invalid
     */
    public static ClientHello decode(TlsReader body) throws TlsAlertException {
        int legacyVersion = body.u16("legacy_version");
        Opaque random = Opaque.of(body.bytes(RANDOM_LENGTH, "random"));
        Opaque sessionId = Vectors.readOpaque(body, 1, 0, MAX_SESSION_ID_LENGTH, "legacy_session_id");
        List<Integer> cipherSuites = Vectors.readU16List(body, 2, 2, 0xFFFE, "cipher_suites");
        List<Integer> compressionMethods = Vectors.readU8List(body, 1, 0xFF, "legacy_compression_methods");
        Optional<Extensions> extensions = Optional.empty();
        if (body.hasRemaining()) {
            Extensions block = Extensions.decode(body, ExtensionContext.CLIENT_HELLO);
            block.requirePreSharedKeyLast();
            extensions = Optional.of(block);
        }
        body.expectEnd("ClientHello");
        return new ClientHello(legacyVersion, random, sessionId, cipherSuites, compressionMethods, extensions);
    }

    @Override
    public String toString() {
        return "ClientHello{legacy_version=" + CodeNames.version(legacyVersion)
                + ", random=" + random
                + ", legacy_session_id=" + legacySessionId
                + ", cipher_suites=" + CodeNames.list(cipherSuites, CodeNames::cipherSuite)
                + ", legacy_compression_methods=" + legacyCompressionMethods
                + ", extensions=" + extensionBlock.map(Extensions::toString).orElse("(absent)") + "}";
    }
}
