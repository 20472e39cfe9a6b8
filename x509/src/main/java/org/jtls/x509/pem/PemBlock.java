package org.jtls.x509.pem;

import java.util.Map;
import java.util.Objects;

/**
 * One encapsulated block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...), the decoded
 * data, the RFC 1421 header lines a legacy block may carry ({@code Proc-Type}, {@code DEK-Info} in
 * OpenSSL's encrypted keys; RFC 7468 blocks have none) and the line its BEGIN boundary was on.
 */
public record PemBlock(String label, byte[] data, Map<String, String> headers, int beginLine) {
    public PemBlock {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
        data = data.clone();
        headers = Map.copyOf(headers);
    }

    public PemBlock(String label, byte[] data) {
        this(label, data, Map.of(), 0);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PemBlock that && label.equals(that.label)
                && java.util.Arrays.equals(data, that.data) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PemBlock[" + label + ", " + data.length + " bytes, line " + beginLine + "]";
    }
}
