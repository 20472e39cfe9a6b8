package org.jtls.x509.cert;

import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/** {@code InhibitAnyPolicy ::= SkipCerts ::= INTEGER (0..MAX)} (RFC 5280 §4.2.1.14). */
public record InhibitAnyPolicy(int skipCerts) implements ExtensionValue {
    public InhibitAnyPolicy {
        if (skipCerts < 0) {
            throw new IllegalArgumentException("SkipCerts is not negative");
        }
    }

    static InhibitAnyPolicy decode(DerReader reader) throws DerException {
        return new InhibitAnyPolicy((int) reader.readLong(0, Integer.MAX_VALUE));
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.INHIBIT_ANY_POLICY;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeInteger(skipCerts);
    }

    @Override
    public String describe() {
        return Integer.toString(skipCerts);
    }
}
