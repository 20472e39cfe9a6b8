package org.jtls.x509.name;

import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/** Reading and writing {@code GeneralName} and {@code GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName}. */
public final class GeneralNames {
    private GeneralNames() {
    }

    public static GeneralName decode(DerReader reader) throws DerException {
        return GeneralName.decode(reader);
    }

    /** Reads the SEQUENCE; it must hold at least one name. */
    public static List<GeneralName> decodeSequence(DerReader reader) throws DerException {
        return GeneralName.decodeSequence(reader);
    }

    /** Reads the names inside an IMPLICIT-tagged GeneralNames whose contents {@code contents} covers. */
    public static List<GeneralName> decodeContents(DerReader contents, int offset) throws DerException {
        return GeneralName.decodeContents(contents, offset);
    }

    public static void encodeSequence(DerWriter writer, List<GeneralName> names) {
        writer.writeSequence(sequence -> encodeContents(sequence, names));
    }

    public static void encodeContents(DerWriter writer, List<GeneralName> names) {
        names.forEach(name -> name.encode(writer));
    }
}
