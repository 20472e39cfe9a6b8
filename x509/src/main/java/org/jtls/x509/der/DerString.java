package org.jtls.x509.der;

import java.util.Objects;

/** A decoded character string with the ASN.1 type it was encoded as. */
public record DerString(StringType type, String value) {
    public DerString {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (!type.canEncode(value)) {
            throw new IllegalArgumentException(type + " cannot represent \"" + value + "\"");
        }
    }
}
