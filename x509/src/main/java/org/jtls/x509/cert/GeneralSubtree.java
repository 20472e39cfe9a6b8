package org.jtls.x509.cert;

import java.util.Objects;
import java.util.OptionalInt;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;
import org.jtls.x509.name.GeneralName;
import org.jtls.x509.name.GeneralNames;

/**
 * {@code GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0,
 * maximum [1] BaseDistance OPTIONAL }} (RFC 5280 §4.2.1.10). An iPAddress base is an address and a
 * mask: 8 or 32 octets.
 */
public record GeneralSubtree(GeneralName base, int minimum, OptionalInt maximum) {
    public GeneralSubtree {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(maximum, "maximum");
        if (minimum < 0 || (maximum.isPresent() && maximum.getAsInt() < 0)) {
            throw new IllegalArgumentException("base distances are not negative");
        }
    }

    public static GeneralSubtree of(GeneralName base) {
        return new GeneralSubtree(base, 0, OptionalInt.empty());
    }

    static GeneralSubtree decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        int baseOffset = sequence.position();
        GeneralName base = GeneralNames.decode(sequence);
        if (base instanceof GeneralName.IpAddress ip && !ip.hasMask()) {
            throw new DerException("iPAddress in a name constraint must be an address and mask (8 or 32 octets)",
                    baseOffset);
        }
        int minimum = 0;
        DerElement minimumElement = sequence.readOptional(Tag.contextSpecific(0, false));
        if (minimumElement != null) {
            minimum = (int) minimumElement.longValue(0, Integer.MAX_VALUE);
            if (minimum == 0) {
                throw new DerException("minimum 0 must be omitted in DER (it is the DEFAULT)", minimumElement.offset());
            }
        }
        OptionalInt maximum = OptionalInt.empty();
        DerElement maximumElement = sequence.readOptional(Tag.contextSpecific(1, false));
        if (maximumElement != null) {
            maximum = OptionalInt.of((int) maximumElement.longValue(0, Integer.MAX_VALUE));
        }
        sequence.end();
        return new GeneralSubtree(base, minimum, maximum);
    }

    void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            base.encode(sequence);
            if (minimum != 0) {
                sequence.writeImplicit(0, field -> field.writeInteger(minimum));
            }
            maximum.ifPresent(max -> sequence.writeImplicit(1, field -> field.writeInteger(max)));
        });
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
