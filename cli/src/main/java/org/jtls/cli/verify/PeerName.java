package org.jtls.cli.verify;

import java.util.Objects;

/** A name a client certificate must carry in its subjectAltName: {@code type} is email, dns or ip. */
public record PeerName(String type, String value) {
    public PeerName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
