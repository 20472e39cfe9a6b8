package org.jtls.x509.key;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.RsaPssParameters;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerElement;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * {@code SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
 * STRING }} (RFC 5280 §4.1.2.7), with the key decoded into the crypto module's values where jtls can
 * use it:
 *
 * <ul>
 *   <li>rsaEncryption (parameters NULL, RFC 3279 §2.3.1) and id-RSASSA-PSS (parameters absent or
 *       RSASSA-PSS-params, RFC 4055 §1.2, kept in {@link #pssParameters()}): {@link RsaPublicKey}
 *       from the {@code RSAPublicKey} inside the bit string; modulus and exponent must be
 *       positive.</li>
 *   <li>id-ecPublicKey with a named curve (RFC 5480 §2.1.1) of P-256, P-384 or P-521:
 *       {@link EcPublicKey}. Only uncompressed points are accepted, of exactly the curve's length;
 *       compressed points are an error (RFC 5480 §2.2 makes uncompressed mandatory to support,
 *       and TLS 1.3 uses nothing else).</li>
 *   <li>Ed25519 and Ed448 (parameters absent, RFC 8410 §3): {@link EdPublicKey} of the exact
 *       length.</li>
 *   <li>id-dsa (RFC 3279 §2.3.2): the {@code INTEGER y} inside the bit string, and
 *       {@code Dss-Parms} when present, which makes a {@link DsaPublicKey}. When the parameters are
 *       absent the key is incomplete: {@link #publicKey()} is empty, {@link #inheritsDsaParameters()}
 *       is true, and {@link #workingPublicKey} completes it with the issuer's parameters the way
 *       path validation does (RFC 5280 §6.1.4 (d)-(f)).</li>
 * </ul>
 * Any other algorithm, or EC on another curve or with explicit parameters, is kept as it is:
 * {@link #publicKey()} is empty and the OID, parameters and bits remain available. What is wrong
 * for a known algorithm is a {@link DerException}.
 */
public final class SubjectPublicKeyInfo {
    private final AlgorithmIdentifier algorithm;
    private final BitString subjectPublicKey;
    private final byte[] encoded;
    private final PublicKeyMaterial publicKey;
    private final RsaPssParameters pssParameters;
    private final ObjectIdentifier namedCurve;
    /** For id-dsa: the public value y; {@code null} for every other algorithm. */
    private final BigInteger dsaPublicValue;
    /** For id-dsa with Dss-Parms present; {@code null} otherwise. */
    private final DsaParameters dsaParameters;

    private SubjectPublicKeyInfo(AlgorithmIdentifier algorithm, BitString subjectPublicKey, byte[] encoded,
            PublicKeyMaterial publicKey, RsaPssParameters pssParameters, ObjectIdentifier namedCurve,
            BigInteger dsaPublicValue, DsaParameters dsaParameters) {
        this.algorithm = algorithm;
        this.subjectPublicKey = subjectPublicKey;
        this.encoded = encoded;
        this.publicKey = publicKey;
        this.pssParameters = pssParameters;
        this.namedCurve = namedCurve;
        this.dsaPublicValue = dsaPublicValue;
        this.dsaParameters = dsaParameters;
    }

    public static SubjectPublicKeyInfo decode(DerReader reader) throws DerException {
        DerElement element = reader.read(Tag.SEQUENCE);
        DerReader sequence = element.contentReader();
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.decode(sequence);
        DerElement keyElement = sequence.read(Tag.BIT_STRING);
        sequence.end();
        BitString bits = keyElement.bitStringValue();

        KnownAlgorithm known = algorithm.knownAlgorithm();
        PublicKeyMaterial key = null;
        RsaPssParameters pss = null;
        ObjectIdentifier namedCurve = null;
        BigInteger dsaPublicValue = null;
        DsaParameters dsaParameters = null;
        if (known == KnownAlgorithm.RSA_ENCRYPTION) {
            if (!algorithm.hasNullParameters()) {
                throw new DerException("rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)", element.offset());
            }
            key = rsaKey(keyElement);
        } else if (known == KnownAlgorithm.RSASSA_PSS) {
            pss = algorithm.hasParameters() ? RsaPssParameters.decode(algorithm.parameters()) : null;
            key = rsaKey(keyElement);
        } else if (known == KnownAlgorithm.EC_PUBLIC_KEY) {
            DerElement parameters = algorithm.parameters();
            if (parameters != null && parameters.tag().equals(Tag.OBJECT_IDENTIFIER)) {
                namedCurve = parameters.oidValue();
            }
            key = ecKey(algorithm, keyElement, bits, element.offset());
        } else if (known == KnownAlgorithm.ED25519 || known == KnownAlgorithm.ED448) {
            key = edKey(known == KnownAlgorithm.ED25519 ? EdwardsCurve.ED25519 : EdwardsCurve.ED448,
                    algorithm, keyElement, bits, element.offset());
        } else if (known == KnownAlgorithm.DSA) {
            dsaParameters = algorithm.hasParameters() ? dsaParameters(algorithm.parameters()) : null;
            dsaPublicValue = dsaPublicValue(keyElement);
            key = dsaParameters == null ? null : dsaParameters.withPublicValue(dsaPublicValue);
        }
        return new SubjectPublicKeyInfo(algorithm, bits, element.encoded(), key, pss, namedCurve, dsaPublicValue,
                dsaParameters);
    }

    /** Parses a complete DER-encoded SubjectPublicKeyInfo (a {@code PUBLIC KEY} PEM block's data). */
    public static SubjectPublicKeyInfo decode(byte[] der) throws DerException {
        DerReader reader = DerReader.of(der);
        SubjectPublicKeyInfo info = decode(reader);
        reader.end();
        return info;
    }

    /**
     * The SubjectPublicKeyInfo of a key: rsaEncryption, id-ecPublicKey with its named curve,
     * Ed25519/Ed448, or id-dsa with its parameters.
     */
    public static SubjectPublicKeyInfo of(PublicKeyMaterial key) {
        DerWriter writer = new DerWriter();
        writer.writeSequence(sequence -> {
            if (key instanceof RsaPublicKey rsa) {
                AlgorithmIdentifier.withNullParameters(KnownAlgorithm.RSA_ENCRYPTION.oid()).encode(sequence);
                byte[] rsaPublicKey = new DerWriter().writeSequence(
                        inner -> inner.writeInteger(rsa.modulus()).writeInteger(rsa.publicExponent())).toByteArray();
                sequence.writeBitString(BitString.ofBytes(rsaPublicKey));
            } else if (key instanceof EcPublicKey ec) {
                byte[] curve = new DerWriter().writeOid(ObjectIdentifier.of(ec.curve().oid())).toByteArray();
                AlgorithmIdentifier.withParameters(KnownAlgorithm.EC_PUBLIC_KEY.oid(), curve).encode(sequence);
                sequence.writeBitString(BitString.ofBytes(ec.point()));
            } else if (key instanceof DsaPublicKey dsa) {
                byte[] parameters = new DerWriter().writeSequence(inner -> inner.writeInteger(dsa.p())
                        .writeInteger(dsa.q()).writeInteger(dsa.g())).toByteArray();
                AlgorithmIdentifier.withParameters(KnownAlgorithm.DSA.oid(), parameters).encode(sequence);
                sequence.writeBitString(BitString.ofBytes(new DerWriter().writeInteger(dsa.y()).toByteArray()));
            } else {
                EdPublicKey ed = (EdPublicKey) key;
                AlgorithmIdentifier.withoutParameters(ObjectIdentifier.of(ed.curve().oid())).encode(sequence);
                sequence.writeBitString(BitString.ofBytes(ed.encoded()));
            }
        });
        try {
            return decode(writer.toByteArray());
        } catch (DerException e) {
            throw new IllegalArgumentException("key cannot be encoded: " + e.problem(), e);
        }
    }

    /** {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }} (RFC 8017 §A.1.1). */
    private static RsaPublicKey rsaKey(DerElement keyElement) throws DerException {
        DerReader outer = keyElement.bitStringContentReader();
        DerReader sequence = outer.readSequence();
        int modulusOffset = sequence.position();
        BigInteger modulus = sequence.readInteger();
        int exponentOffset = sequence.position();
        BigInteger exponent = sequence.readInteger();
        sequence.end();
        outer.end();
        if (modulus.signum() <= 0) {
            throw new DerException("RSA modulus must be positive", modulusOffset);
        }
        if (exponent.signum() <= 0) {
            throw new DerException("RSA public exponent must be positive", exponentOffset);
        }
        return new RsaPublicKey(modulus, exponent);
    }

    /** {@code Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }} (RFC 3279 §2.3.2), each positive. */
    private static DsaParameters dsaParameters(DerElement parameters) throws DerException {
        if (!parameters.tag().equals(Tag.SEQUENCE)) {
            // RFC 3279 §2.3.2: omitted parameters are omitted entirely, never NULL.
            throw new DerException("id-dsa parameters must be Dss-Parms or absent (RFC 3279 §2.3.2)",
                    parameters.offset());
        }
        DerReader sequence = parameters.contentReader();
        BigInteger p = positiveInteger(sequence, "DSA p");
        BigInteger q = positiveInteger(sequence, "DSA q");
        BigInteger g = positiveInteger(sequence, "DSA g");
        sequence.end();
        return new DsaParameters(p, q, g);
    }

    /** {@code DSAPublicKey ::= INTEGER} inside the bit string (RFC 3279 §2.3.2). */
    private static BigInteger dsaPublicValue(DerElement keyElement) throws DerException {
        DerReader outer = keyElement.bitStringContentReader();
        BigInteger y = positiveInteger(outer, "DSA public key y");
        outer.end();
        return y;
    }

    private static BigInteger positiveInteger(DerReader reader, String what) throws DerException {
        int offset = reader.position();
        BigInteger value = reader.readInteger();
        if (value.signum() <= 0) {
            throw new DerException(what + " must be positive", offset);
        }
        return value;
    }

    private static EcPublicKey ecKey(AlgorithmIdentifier algorithm, DerElement keyElement, BitString bits,
            int offset) throws DerException {
        DerElement parameters = algorithm.parameters();
        if (parameters == null) {
            throw new DerException("id-ecPublicKey without ECParameters (RFC 5480 §2.1.1)", offset);
        }
        if (!parameters.tag().equals(Tag.OBJECT_IDENTIFIER)) {
            return null; // implicitCurve or specifiedCurve: kept, not used
        }
        EcCurve curve = curveFor(parameters.oidValue());
        byte[] point = bits.bytes();
        if (curve == null) {
            return null;
        }
        int pointOffset = keyElement.contentOffset() + 1;
        if (!bits.isOctetAligned()) {
            throw new DerException("EC point BIT STRING must have 0 unused bits", keyElement.contentOffset());
        }
        if (point.length > 0 && (point[0] == 0x02 || point[0] == 0x03)) {
            throw new DerException("compressed EC points are not supported", pointOffset);
        }
        if (point.length != curve.uncompressedPointLength() || point[0] != 0x04) {
            throw new DerException("expected an uncompressed " + curve.secName() + " point of "
                    + curve.uncompressedPointLength() + " octets, found " + point.length, pointOffset);
        }
        return new EcPublicKey(curve, point);
    }

    private static EdPublicKey edKey(EdwardsCurve curve, AlgorithmIdentifier algorithm, DerElement keyElement,
            BitString bits, int offset) throws DerException {
        if (algorithm.hasParameters()) {
            throw new DerException(curve.standardName() + " parameters must be absent (RFC 8410 §3)", offset);
        }
        if (!bits.isOctetAligned() || bits.bytes().length != curve.publicKeyLength()) {
            throw new DerException(curve.standardName() + " public key must be " + curve.publicKeyLength()
                    + " octets", keyElement.contentOffset());
        }
        return new EdPublicKey(curve, bits.bytes());
    }

    private static EcCurve curveFor(ObjectIdentifier oid) {
        for (EcCurve curve : EcCurve.values()) {
            if (curve.oid().equals(oid.toString())) {
                return curve;
            }
        }
        return null;
    }

    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            algorithm.encode(sequence);
            sequence.writeBitString(subjectPublicKey);
        });
    }

    /** The exact DER this was read from. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public AlgorithmIdentifier algorithm() {
        return algorithm;
    }

    public BitString subjectPublicKey() {
        return subjectPublicKey;
    }

    /** The decoded key, or empty for an algorithm or curve jtls does not use. */
    public Optional<PublicKeyMaterial> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** For an id-RSASSA-PSS key with parameters: the restriction they place on its signatures. */
    public Optional<RsaPssParameters> pssParameters() {
        return Optional.ofNullable(pssParameters);
    }

    /** Whether this is an id-RSASSA-PSS key, which may only make RSASSA-PSS signatures (RFC 4055 §1.2). */
    public boolean isRsaPssKey() {
        return algorithm.knownAlgorithm() == KnownAlgorithm.RSASSA_PSS;
    }

    /** Whether this is an id-dsa key without parameters, which takes its issuer's (RFC 3279 §2.3.2). */
    public boolean inheritsDsaParameters() {
        return dsaPublicValue != null && dsaParameters == null;
    }

    /** For an id-dsa key that carries them: its domain parameters. */
    public Optional<DsaParameters> dsaParameters() {
        return Optional.ofNullable(dsaParameters);
    }

    /**
     * The key to check signatures with once the issuer's working public key is known (RFC 5280
     * §6.1.4 (d)-(f)): {@link #publicKey()}, except that a DSA key without parameters takes those of
     * the issuer's DSA key. Empty when the key is not one jtls uses, or when it needs parameters
     * and {@code issuerWorkingKey} is absent or not a DSA key.
     *
     * @param issuerWorkingKey the issuer's working public key, or {@code null} if there is none
     */
    public Optional<PublicKeyMaterial> workingPublicKey(PublicKeyMaterial issuerWorkingKey) {
        if (!inheritsDsaParameters()) {
            return publicKey();
        }
        if (issuerWorkingKey instanceof DsaPublicKey issuerDsa) {
            return Optional.of(DsaParameters.of(issuerDsa).withPublicValue(dsaPublicValue));
        }
        return Optional.empty();
    }

    /** The named curve of an EC key, whether or not jtls supports it. */
    public Optional<ObjectIdentifier> namedCurve() {
        return Optional.ofNullable(namedCurve);
    }

    /** The key size in bits, when the key was decoded. */
    public OptionalInt bitLength() {
        return publicKey == null ? OptionalInt.empty() : OptionalInt.of(publicKey.bitLength());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectPublicKeyInfo that && java.util.Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "SubjectPublicKeyInfo[" + algorithm.name() + (publicKey == null ? "" : ", " + publicKey.bitLength()
                + " bits") + "]";
    }

}
