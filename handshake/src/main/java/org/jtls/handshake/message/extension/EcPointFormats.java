package org.jtls.handshake.message.extension;

import java.util.List;
import org.jtls.handshake.message.internal.Checks;
import org.jtls.handshake.message.internal.Vectors;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * ec_point_formats (RFC 8422 §5.1.2): {@code ECPointFormat ec_point_format_list<1..2^8-1>}, one byte
 * each, in both TLS ≤ 1.2 hellos. Only uncompressed(0) is still defined; others are kept as numbers.
 */
public record EcPointFormats(List<Integer> formats) implements Extension {
    public static final int UNCOMPRESSED = 0;

    public EcPointFormats {
        formats = Checks.codes(formats, 1, 0xFF, 0xFF, "ec_point_format_list");
    }

    /** The list everyone sends today: uncompressed only. */
    public static EcPointFormats uncompressedOnly() {
        return new EcPointFormats(List.of(UNCOMPRESSED));
    }

    /** RFC 8422 §5.1.2: a list that leaves out uncompressed(0) is an illegal_parameter. */
    public boolean includesUncompressed() {
        return formats.contains(UNCOMPRESSED);
    }

    @Override
    public int typeCode() {
        return ExtensionType.EC_POINT_FORMATS.code();
    }

    @Override
    public void encode(TlsWriter writer) {
        Vectors.writeU8List(writer, 0xFF, formats);
    }

    public static EcPointFormats decode(TlsReader data) throws TlsAlertException {
        List<Integer> formats = Vectors.readU8List(data, 1, 0xFF, "ec_point_format_list");
        data.expectEnd("ec_point_formats");
        return new EcPointFormats(formats);
    }

    @Override
    public String toString() {
        return "ec_point_formats{" + formats + "}";
    }
}
