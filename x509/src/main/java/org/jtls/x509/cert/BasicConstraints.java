package org.jtls.x509.cert;

import java.util.Objects;
import java.util.OptionalInt;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;

/**
 * {@code BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER
 * (0..MAX) OPTIONAL }} (RFC 5280 §4.2.1.9). An explicit {@code cA FALSE} is not DER (X.690 §11.5)
 * and is rejected.
 */
public record BasicConstraints(boolean ca, OptionalInt pathLenConstraint) implements ExtensionValue {
    public BasicConstraints {
        Objects.requireNonNull(pathLenConstraint, "pathLenConstraint");
        if (pathLenConstraint.isPresent() && pathLenConstraint.getAsInt() < 0) {
            throw new IllegalArgumentException("pathLenConstraint must not be negative");
        }
    }

    public static BasicConstraints endEntity() {
        return new BasicConstraints(false, OptionalInt.empty());
    }

    public static BasicConstraints ca(OptionalInt pathLenConstraint) {
        return new BasicConstraints(true, pathLenConstraint);
    }

    static BasicConstraints decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        boolean ca = false;
        DerElement caElement = sequence.readOptional(Tag.BOOLEAN);
        if (caElement != null) {
            ca = caElement.booleanValue();
            if (!ca) {
                throw new DerException("cA FALSE must be omitted in DER (it is the DEFAULT)", caElement.offset());
            }
        }
        OptionalInt pathLen = OptionalInt.empty();
        if (sequence.nextIs(Tag.INTEGER)) {
            pathLen = OptionalInt.of((int) sequence.readLong(0, Integer.MAX_VALUE));
        }
        sequence.end();
        return new BasicConstraints(ca, pathLen);
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.BASIC_CONSTRAINTS;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            if (ca) {
                sequence.writeBoolean(true);
            }
            pathLenConstraint.ifPresent(sequence::writeInteger);
        });
    }

    @Override
    public String describe() {
        return "CA:" + (ca ? "TRUE" : "FALSE")
                + (pathLenConstraint.isPresent() ? ", pathlen:" + pathLenConstraint.getAsInt() : "");
    }
}
