package org.jtls.handshake.message;

import java.util.HexFormat;
import java.util.List;
import org.jtls.record.codec.TlsWriter;

/**
 * Message bodies written field by field, for inputs the record constructors refuse to build
 * (duplicate extensions, misplaced pre_shared_key, out-of-range values).
 */
final class HandBuilt {
    private HandBuilt() {
    }

    /** One extension on the wire: its type and {@code extension_data} in hex. */
    record RawEntry(int type, String dataHex) {
    }

    static RawEntry entry(int type, String dataHex) {
        return new RawEntry(type, dataHex);
    }

    static void writeExtensions(TlsWriter writer, List<RawEntry> entries) {
        writer.startVector(2, 0xFFFF);
        for (RawEntry entry : entries) {
            writer.u16(entry.type());
            writer.opaque16(HexFormat.of().parseHex(entry.dataHex()));
        }
        writer.endVector();
    }

    static byte[] clientHello(List<Integer> cipherSuites, List<RawEntry> extensions) {
        TlsWriter writer = new TlsWriter();
        writer.u16(0x0303).bytes(new byte[32]).opaque8(new byte[0]);
        writer.startVector(2, 0xFFFE);
        for (int suite : cipherSuites) {
            writer.u16(suite);
        }
        writer.endVector();
        writer.opaque8(new byte[] {0});
        if (extensions != null) {
            writeExtensions(writer, extensions);
        }
        return writer.toByteArray();
    }

    static byte[] serverHello(Opaque random, List<RawEntry> extensions) {
        TlsWriter writer = new TlsWriter();
        writer.u16(0x0303).bytes(random.toByteArray()).opaque8(new byte[0]).u16(0x1301).u8(0);
        if (extensions != null) {
            writeExtensions(writer, extensions);
        }
        return writer.toByteArray();
    }
}
