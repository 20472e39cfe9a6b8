package org.jtls.handshake.message.extension;

import java.util.List;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * psk_key_exchange_modes in a ClientHello (RFC 8446 §4.2.9): {@code PskKeyExchangeMode
 * ke_modes<1..255>}, one byte each. Unknown (and GREASE, RFC 8701 §2) modes are kept as numbers.
 */
public record PskKeyExchangeModes(List<Integer> modes) implements Extension {
    /** PSK-only key establishment: no forward secrecy. */
    public static final int PSK_KE = 0;
    /** PSK with (EC)DHE key establishment. */
    public static final int PSK_DHE_KE = 1;

    public PskKeyExchangeModes {
        modes = Checks.codes(modes, 1, 255, 0xFF, "ke_modes");
    }

    public boolean allowsPskDheKe() {
        return modes.contains(PSK_DHE_KE);
    }

    public boolean allowsPskKe() {
        return modes.contains(PSK_KE);
    }

    @Override
    public int typeCode() {
        return ExtensionType.PSK_KEY_EXCHANGE_MODES.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeU8List(writer, 255, modes);
    }

    public static PskKeyExchangeModes decode(TlsReader data) throws TlsAlertException {
        List<Integer> modes = Vectors.readU8List(data, 1, 255, "ke_modes");
        data.expectEnd("psk_key_exchange_modes");
        return new PskKeyExchangeModes(modes);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("psk_key_exchange_modes{");
        for (int i = 0; i < modes.size(); i++) {
            int mode = modes.get(i);
            String name = mode == PSK_KE ? "psk_ke" : mode == PSK_DHE_KE ? "psk_dhe_ke" : "unknown";
            text.append(i == 0 ? "" : ", ").append(name).append(" (").append(mode).append(')');
        }
        return text.append('}').toString();
    }
}
