package org.jtls.x509.algorithm;

import java.util.Objects;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * {@code AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }}
 * (RFC 5280 §4.1.1.2). The parameters are kept as their exact element, or {@code null} when absent:
 * "absent" and "NULL" are different encodings and both occur.
 */
public record AlgorithmIdentifier(ObjectIdentifier algorithm, DerElement parameters) {
    public AlgorithmIdentifier {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    public static AlgorithmIdentifier withoutParameters(ObjectIdentifier algorithm) {
        return new AlgorithmIdentifier(algorithm, null);
    }

    public static AlgorithmIdentifier withNullParameters(ObjectIdentifier algorithm) {
        return new AlgorithmIdentifier(algorithm, parse(new DerWriter().writeNull().toByteArray()));
    }

    public static AlgorithmIdentifier withParameters(ObjectIdentifier algorithm, byte[] encodedParameters) {
        return new AlgorithmIdentifier(algorithm, parse(encodedParameters));
    }

    private static DerElement parse(byte[] encoded) {
        try {
            return DerReader.parse(encoded);
        } catch (DerException e) {
            throw new IllegalArgumentException("parameters are not one DER element", e);
        }
    }

    public static AlgorithmIdentifier decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        ObjectIdentifier algorithm = sequence.readOid();
        DerElement parameters = sequence.hasRemaining() ? sequence.read() : null;
        sequence.end();
        return new AlgorithmIdentifier(algorithm, parameters);
    }

    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            sequence.writeOid(algorithm);
            if (parameters != null) {
                sequence.write(parameters);
            }
        });
    }

    public boolean hasParameters() {
        return parameters != null;
    }

    public boolean hasNullParameters() {
        return parameters != null && parameters.tag().equals(Tag.NULL);
    }

    /** The algorithm jtls knows by this OID, or {@code null}. */
    public KnownAlgorithm knownAlgorithm() {
        return KnownAlgorithm.forOid(algorithm);
    }

    /** The OpenSSL-style name ({@code sha256WithRSAEncryption}) or the dotted OID. */
    public String name() {
        KnownAlgorithm known = knownAlgorithm();
        return known != null ? known.displayName() : algorithm.toString();
    }

    @Override
    public String toString() {
        return name() + (parameters == null ? "" : " " + parameters.tag());
    }
}
