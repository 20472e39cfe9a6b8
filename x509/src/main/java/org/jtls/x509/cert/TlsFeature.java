package org.jtls.x509.cert;

import java.util.ArrayList;
import java.util.List;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/**
 * The TLS feature extension (RFC 7633 §4): {@code Features ::= SEQUENCE OF INTEGER}, each a TLS
 * extension type the server promises to use. {@code status_request} (5) is "must staple".
 */
public record TlsFeature(List<Integer> features) implements ExtensionValue {
    public static final int STATUS_REQUEST = 5;
    public static final int STATUS_REQUEST_V2 = 17;

    public TlsFeature {
        features = List.copyOf(features);
        for (int feature : features) {
            if (feature < 0 || feature > 0xFFFF) {
                throw new IllegalArgumentException("TLS extension types are 16-bit: " + feature);
            }
        }
    }

    public static TlsFeature mustStaple() {
        return new TlsFeature(List.of(STATUS_REQUEST));
    }

    static TlsFeature decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        List<Integer> features = new ArrayList<>();
        while (sequence.hasRemaining()) {
            features.add((int) sequence.readLong(0, 0xFFFF));
        }
        return new TlsFeature(features);
    }

    /** Whether the certificate requires a stapled OCSP response (RFC 7633 §6). */
    public boolean requiresStatusRequest() {
        return features.contains(STATUS_REQUEST);
    }

    @Override
    public ExtensionType type() {
        return ExtensionType.TLS_FEATURE;
    }

    @Override
    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> features.forEach(sequence::writeInteger));
    }

    @Override
    public String describe() {
        return Text.commaList(features.stream().map(feature -> switch (feature) {
            case STATUS_REQUEST -> "status_request";
            case STATUS_REQUEST_V2 -> "status_request_v2";
            default -> Integer.toString(feature);
        }).toList());
    }
}
