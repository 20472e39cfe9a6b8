package org.jtls.x509.pkcs12;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The bag attributes tools use to pair keys with certificates and name them (PKCS#9, RFC 2985
 * §5.5.1–5.5.2): {@code friendlyName} (a BMPString, the "alias" in Java key stores) and
 * {@code localKeyId} (an OCTET STRING, equal on a key and its certificate). Other attributes are
 * not kept.
 */
public final class Pkcs12Attributes {
    static final Pkcs12Attributes NONE = new Pkcs12Attributes(null, null);

    private final String friendlyName;
    private final byte[] localKeyId;

    Pkcs12Attributes(String friendlyName, byte[] localKeyId) {
        this.friendlyName = friendlyName;
        this.localKeyId = localKeyId == null ? null : localKeyId.clone();
    }

    public Optional<String> friendlyName() {
        return Optional.ofNullable(friendlyName);
    }

    public Optional<byte[]> localKeyId() {
        return Optional.ofNullable(localKeyId).map(byte[]::clone);
    }

    boolean sameLocalKeyId(Pkcs12Attributes other) {
        return localKeyId != null && other.localKeyId != null && Arrays.equals(localKeyId, other.localKeyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pkcs12Attributes that && Objects.equals(friendlyName, that.friendlyName)
                && Arrays.equals(localKeyId, that.localKeyId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(friendlyName) * 31 + Arrays.hashCode(localKeyId);
    }

    @Override
    public String toString() {
        return "Pkcs12Attributes[friendlyName=" + friendlyName + ", localKeyId="
                + (localKeyId == null ? null : HexFormat.of().formatHex(localKeyId)) + "]";
    }
}
