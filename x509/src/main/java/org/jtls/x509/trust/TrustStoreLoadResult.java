package org.jtls.x509.trust;

import java.util.List;
import java.util.Objects;

/**
 * A loaded trust store, with everything that could not be used and where it was loaded from.
 *
 * @param source the file, directory or key store description the anchors came from
 */
public record TrustStoreLoadResult(TrustStore trustStore, List<RejectedTrustEntry> rejected, String source) {
    public TrustStoreLoadResult {
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(source, "source");
        rejected = List.copyOf(rejected);
    }

    @Override
    public String toString() {
        return "TrustStoreLoadResult[" + trustStore.size() + " anchors from " + source + ", " + rejected.size()
                + " rejected]";
    }
}
