package org.jtls.x509.algorithm;

import java.util.Objects;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.Tag;

/**
 * {@code RSASSA-PSS-params} (RFC 4055 §3.1), in a signature's algorithm identifier or restricting
 * an id-RSASSA-PSS key. Each field remembers whether it was present, so the value re-encodes as it
 * came; absent fields take the RFC's defaults (SHA-1, MGF1 with SHA-1, salt 20, trailer 1).
 */
public final class RsaPssParameters {
    private static final int DEFAULT_SALT_LENGTH = 20;
    private static final int TRAILER_FIELD_BC = 1;

    private final AlgorithmIdentifier hashAlgorithm;
    private final AlgorithmIdentifier maskGenAlgorithm;
    private final Integer saltLength;
    private final Integer trailerField;

    private RsaPssParameters(AlgorithmIdentifier hashAlgorithm, AlgorithmIdentifier maskGenAlgorithm,
            Integer saltLength, Integer trailerField) {
        this.hashAlgorithm = hashAlgorithm;
        this.maskGenAlgorithm = maskGenAlgorithm;
        this.saltLength = saltLength;
        this.trailerField = trailerField;
    }

    /**
     * The parameters TLS and most CAs use: {@code hash}, MGF1 with {@code hash}, a salt as long as
     * the hash, the default trailer; hash identifiers with NULL parameters (RFC 4055 §2.1).
     */
    public static RsaPssParameters forHash(HashAlgorithm hash) {
        AlgorithmIdentifier hashId = AlgorithmIdentifier.withNullParameters(KnownAlgorithm.hashFunction(hash).oid());
        DerWriter mgfParameters = new DerWriter();
        hashId.encode(mgfParameters);
        AlgorithmIdentifier mgf = AlgorithmIdentifier.withParameters(KnownAlgorithm.MGF1.oid(),
                mgfParameters.toByteArray());
        return new RsaPssParameters(hashId, mgf, hash.outputLength(), null);
    }

    /** Decodes the parameters element of an id-RSASSA-PSS algorithm identifier. */
    public static RsaPssParameters decode(DerElement parameters) throws DerException {
        if (!parameters.tag().equals(Tag.SEQUENCE)) {
            throw new DerException("RSASSA-PSS-params must be a SEQUENCE, found " + parameters.tag(),
                    parameters.offset());
        }
        DerReader sequence = parameters.contentReader();
        AlgorithmIdentifier hash = null;
        AlgorithmIdentifier maskGen = null;
        Integer salt = null;
        Integer trailer = null;
        DerReader field = sequence.readOptionalExplicit(0);
        if (field != null) {
            hash = readWhole(field, AlgorithmIdentifier.decode(field));
        }
        field = sequence.readOptionalExplicit(1);
        if (field != null) {
            int offset = field.position();
            maskGen = readWhole(field, AlgorithmIdentifier.decode(field));
            checkMaskGen(maskGen, offset);
        }
        field = sequence.readOptionalExplicit(2);
        if (field != null) {
            salt = readWhole(field, (int) field.readLong(0, Integer.MAX_VALUE));
        }
        field = sequence.readOptionalExplicit(3);
        if (field != null) {
            trailer = readWhole(field, (int) field.readLong(0, Integer.MAX_VALUE));
        }
        sequence.end();
        return new RsaPssParameters(hash, maskGen, salt, trailer);
    }

    private static <T> T readWhole(DerReader explicit, T value) throws DerException {
        explicit.end();
        return value;
    }

    /** The mask generation function must be MGF1 over a hash identifier (RFC 4055 §2.2). */
    private static void checkMaskGen(AlgorithmIdentifier maskGen, int offset) throws DerException {
        if (maskGen.parameters() == null || !maskGen.parameters().tag().equals(Tag.SEQUENCE)) {
            throw new DerException("mask generation function parameters must be a hash AlgorithmIdentifier", offset);
        }
        DerReader reader = maskGen.parameters().asReader();
        AlgorithmIdentifier.decode(reader);
        reader.end();
    }

    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            if (hashAlgorithm != null) {
                sequence.writeExplicit(0, hashAlgorithm::encode);
            }
            if (maskGenAlgorithm != null) {
                sequence.writeExplicit(1, maskGenAlgorithm::encode);
            }
            if (saltLength != null) {
                sequence.writeExplicit(2, field -> field.writeInteger(saltLength));
            }
            if (trailerField != null) {
                sequence.writeExplicit(3, field -> field.writeInteger(trailerField));
            }
        });
    }

    public byte[] encoded() {
        DerWriter writer = new DerWriter();
        encode(writer);
        return writer.toByteArray();
    }

    /** The message hash. */
    public HashAlgorithm hash() throws UnsupportedAlgorithmException {
        return hashAlgorithm == null ? HashAlgorithm.SHA1 : hashFunction(hashAlgorithm);
    }

    /** The hash MGF1 uses. */
    public HashAlgorithm maskGenHash() throws UnsupportedAlgorithmException {
        if (maskGenAlgorithm == null) {
            return HashAlgorithm.SHA1;
        }
        if (!maskGenAlgorithm.algorithm().equals(KnownAlgorithm.MGF1.oid())) {
            throw new UnsupportedAlgorithmException("mask generation function " + maskGenAlgorithm.algorithm()
                    + " is not MGF1");
        }
        try {
            DerReader reader = maskGenAlgorithm.parameters().asReader();
            return hashFunction(AlgorithmIdentifier.decode(reader));
        } catch (DerException e) {
            // decode() checked these parameters already
            throw new UnsupportedAlgorithmException("malformed MGF1 parameters", e);
        }
    }

    public int saltLength() {
        return saltLength == null ? DEFAULT_SALT_LENGTH : saltLength;
    }

    public int trailerField() {
        return trailerField == null ? TRAILER_FIELD_BC : trailerField;
    }

    private static HashAlgorithm hashFunction(AlgorithmIdentifier id) throws UnsupportedAlgorithmException {
        KnownAlgorithm known = id.knownAlgorithm();
        if (known == null || !known.isHashFunction()) {
            throw new UnsupportedAlgorithmException("unknown hash function " + id.algorithm());
        }
        if (id.hasParameters() && !id.hasNullParameters()) {
            throw new UnsupportedAlgorithmException(known.displayName() + " with parameters other than NULL");
        }
        return known.hash();
    }

    /** Text like {@code openssl x509 -text}'s, one line per field. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Hash Algorithm: ").append(hashAlgorithm == null ? "sha1 (default)" : hashAlgorithm.name());
        out.append("\nMask Algorithm: ");
        try {
            out.append("mgf1 with ").append(KnownAlgorithm.hashFunction(maskGenHash()).displayName());
        } catch (UnsupportedAlgorithmException e) {
            out.append(maskGenAlgorithm.name());
        }
        if (maskGenAlgorithm == null) {
            out.append(" (default)");
        }
        out.append("\nSalt Length: 0x").append(Integer.toHexString(saltLength()));
        out.append(saltLength == null ? " (default)" : "");
        out.append("\nTrailer Field: 0x").append(Integer.toHexString(trailerField()));
        out.append(trailerField == null ? " (default)" : "");
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RsaPssParameters that && Objects.equals(hashAlgorithm, that.hashAlgorithm)
                && Objects.equals(maskGenAlgorithm, that.maskGenAlgorithm)
                && Objects.equals(saltLength, that.saltLength) && Objects.equals(trailerField, that.trailerField);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashAlgorithm, maskGenAlgorithm, saltLength, trailerField);
    }

    @Override
    public String toString() {
        return "RsaPssParameters[" + describe().replace('\n', ',') + "]";
    }
}
