package org.jtls.x509.trust;

import java.util.Objects;

/**
 * Something a trust-store loader found and could not use, reported rather than dropped.
 *
 * @param location where it was: a file, a file and line, or a key store alias
 * @param reason why it was not used
 */
public record RejectedTrustEntry(String location, String reason) {
    public RejectedTrustEntry {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
