package org.jtls.handshake.message;

import java.util.Objects;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ClientKeyExchange for RSA key transport: the {@code EncryptedPreMasterSecret}. TLS writes it as
 * {@code opaque<0..2^16-1>} (RFC 5246 §7.4.7.1); SSL 3.0 sends the ciphertext bare, filling the body
 * (RFC 6101 §5.6.7.1; RFC 5246 §7.4.7.1 notes the difference). {@code version} records which
 * encoding applies.
 */
public record ClientKeyExchangeRsa(Opaque encryptedPreMasterSecret, ProtocolVersion version)
        implements ClientKeyExchange {
    public ClientKeyExchangeRsa {
        Objects.requireNonNull(version, "version");
        Versions.requireBeforeTls13(version, "ClientKeyExchange");
        Checks.length(encryptedPreMasterSecret, 0, isBare(version) ? 0xFFFFFF : 0xFFFF, "EncryptedPreMasterSecret");
    }

    private static boolean isBare(ProtocolVersion version) {
        return version == ProtocolVersion.SSL_3_0;
    }

    @Override
    public void encode(TlsWriter writer) {
        if (isBare(version)) {
            writer.bytes(encryptedPreMasterSecret.toByteArray());
        } else {
            Vectors.writeOpaque(writer, 2, encryptedPreMasterSecret);
        }
    }

    public static ClientKeyExchangeRsa decode(TlsReader body, ProtocolVersion version) throws TlsAlertException {
        Versions.requireBeforeTls13(version, "ClientKeyExchange");
        Opaque encrypted = isBare(version) ? Opaque.of(body.rest())
                : Vectors.readOpaque(body, 2, 0, 0xFFFF, "EncryptedPreMasterSecret");
        body.expectEnd("ClientKeyExchange");
        return new ClientKeyExchangeRsa(encrypted, version);
    }

    @Override
    public String toString() {
        return "ClientKeyExchange{RSA, " + version.displayName() + ", encrypted_pre_master_secret="
                + encryptedPreMasterSecret + "}";
    }
}
