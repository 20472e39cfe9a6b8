package org.jtls.crypto.registry;

import java.util.Optional;
import org.jtls.crypto.HashAlgorithm;

/**
 * How a cipher suite authenticates records. AEAD suites need no separate MAC. The HMAC entries
 * name the hash; SSL 3.0 uses its own keyed-hash construction with the same hash instead of HMAC
 * (RFC 6101 §5.2.3.1), which the record layer chooses by version.
 */
public enum MacAlgorithm {
    /** The AEAD cipher authenticates; no MAC key is derived. */
    AEAD("AEAD", null),
    HMAC_MD5("HMAC-MD5", HashAlgorithm.MD5),
    HMAC_SHA1("HMAC-SHA1", HashAlgorithm.SHA1),
    HMAC_SHA256("HMAC-SHA256", HashAlgorithm.SHA256),
    HMAC_SHA384("HMAC-SHA384", HashAlgorithm.SHA384);

    private final String displayName;
    private final HashAlgorithm hash;

    MacAlgorithm(String displayName, HashAlgorithm hash) {
        this.displayName = displayName;
        this.hash = hash;
    }

    /** A name for people: {@code HMAC-SHA256}, {@code AEAD}. */
    public String displayName() {
        return displayName;
    }

    /** The hash under the MAC; empty for AEAD. */
    public Optional<HashAlgorithm> hash() {
        return Optional.ofNullable(hash);
    }

    /** Bytes of MAC per record, and of MAC key from the key block (RFC 5246 App. C); 0 for AEAD. */
    public int macLength() {
        return hash != null ? hash.outputLength() : 0;
    }
}
