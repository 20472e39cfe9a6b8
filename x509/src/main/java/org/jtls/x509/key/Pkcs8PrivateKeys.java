package org.jtls.x509.key;

import java.util.function.Consumer;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.KeyMaterials;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.algorithm.RsaPssParameters;
import org.jtls.x509.der.BitString;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;
import org.jtls.x509.der.ObjectIdentifier;
import org.jtls.x509.der.Tag;

/**
 * PKCS#8 {@code PrivateKeyInfo} and its successor {@code OneAsymmetricKey} (RFC 5958 §2):
 *
 * <pre>
 * OneAsymmetricKey ::= SEQUENCE { version Version (v1(0) | v2(1)), privateKeyAlgorithm AlgorithmIdentifier,
 *   privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL,
 *   ..., [[2: publicKey [1] IMPLICIT BIT STRING OPTIONAL ]], ... }
 * </pre>
 * The private key octets hold: for rsaEncryption and id-RSASSA-PSS a PKCS#1 RSAPrivateKey; for
 * id-ecPublicKey (named curve in the algorithm parameters) a SEC 1 ECPrivateKey; for Ed25519 and
 * Ed448 (RFC 8410 §7) a {@code CurvePrivateKey ::= OCTET STRING} — an OCTET STRING inside the
 * OCTET STRING. The public key is computed from the private key; one the file carries (the v2
 * {@code publicKey} field, or the ECPrivateKey's) must equal it. Attributes are skipped.
 */
final class Pkcs8PrivateKeys {
    private static final int V1 = 0;
    private static final int V2 = 1;

    private Pkcs8PrivateKeys() {
    }

    static DecodedPrivateKey decode(DerReader reader) throws DerException, KeyFormatException {
        DerReader sequence = reader.readSequence();
        int versionOffset = sequence.position();
        long version = sequence.readLong(0, Long.MAX_VALUE);
        if (version != V1 && version != V2) {
            throw new DerException("PrivateKeyInfo version must be 0 or 1, found " + version, versionOffset);
        }
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.decode(sequence);
        byte[] privateKey = sequence.readOctetString();
        sequence.readOptional(Tag.contextSpecific(0, true));
        BitString publicKey = null;
        if (sequence.nextIs(Tag.contextSpecific(1, false))) {
            int publicKeyOffset = sequence.position();
            if (version != V2) {
                throw new DerException("publicKey in a version 1 PrivateKeyInfo (RFC 5958 §2 requires v2)",
                        publicKeyOffset);
            }
            publicKey = sequence.read(Tag.contextSpecific(1, false)).bitStringValue();
        }
        sequence.end();
        return decodeKey(algorithm, privateKey, publicKey);
    }

    private static DecodedPrivateKey decodeKey(AlgorithmIdentifier algorithm, byte[] privateKey, BitString publicKey)
            throws DerException, KeyFormatException {
        KnownAlgorithm known = algorithm.knownAlgorithm();
        if (known == null) {
            throw new UnsupportedKeyAlgorithmException("private key algorithm " + algorithm.algorithm()
                    + " is not supported");
        }
        return switch (known) {
            case RSA_ENCRYPTION -> {
                if (algorithm.hasParameters() && !algorithm.hasNullParameters()) {
                    throw new KeyFormatException("rsaEncryption parameters must be NULL (RFC 8017 Appendix C)");
                }
                yield DecodedPrivateKey.of(rsa(privateKey, publicKey));
            }
            case RSASSA_PSS -> {
                RsaPssParameters parameters = algorithm.hasParameters()
                        ? RsaPssParameters.decode(algorithm.parameters()) : null;
                yield DecodedPrivateKey.rsaPss(rsa(privateKey, publicKey), parameters);
            }
            case EC_PUBLIC_KEY -> ec(algorithm, privateKey, publicKey);
            case ED25519 -> ed(EdwardsCurve.ED25519, algorithm, privateKey, publicKey);
            case ED448 -> ed(EdwardsCurve.ED448, algorithm, privateKey, publicKey);
            case X25519, X448 -> throw new UnsupportedKeyAlgorithmException(known.displayName()
                    + " keys are for key agreement; jtls loads signing keys only");
            default -> throw new UnsupportedKeyAlgorithmException(known.displayName() + " private keys are not "
                    + "supported (RSA, RSASSA-PSS, EC, Ed25519 and Ed448 are)");
        };
    }

    private static RsaPrivateKey rsa(byte[] privateKey, BitString publicKey) throws DerException, KeyFormatException {
        DerReader inner = DerReader.of(privateKey);
        RsaPrivateKey key = Pkcs1RsaPrivateKeys.decode(inner);
        inner.end();
        if (publicKey != null) {
            DerReader outer = DerReader.of(publicKey.bytes());
            DerReader rsaPublicKey = outer.readSequence();
            boolean same = rsaPublicKey.readInteger().equals(key.modulus())
                    && rsaPublicKey.readInteger().equals(key.publicExponent());
            rsaPublicKey.end();
            outer.end();
            if (!same) {
                throw new KeyFormatException("the RSA key's publicKey field does not match its private key");
            }
        }
        return key;
    }

    private static DecodedPrivateKey ec(AlgorithmIdentifier algorithm, byte[] privateKey, BitString publicKey)
            throws DerException, KeyFormatException {
        if (algorithm.parameters() == null) {
            throw new KeyFormatException("id-ecPublicKey without curve parameters");
        }
        EcCurve curve = Sec1EcPrivateKeys.namedCurve(algorithm.parameters().asReader());
        DerReader inner = DerReader.of(privateKey);
        Sec1EcPrivateKeys.Sec1Key sec1 = Sec1EcPrivateKeys.decode(inner, curve);
        inner.end();
        EcPublicKey outerPoint = publicKey == null ? null : Sec1EcPrivateKeys.point(curve, publicKey);
        return DecodedPrivateKey.of(sec1.toKey(outerPoint));
    }

    /** RFC 8410 §7: the seed; the public key is computed, and checked against the v2 field if present. */
    private static DecodedPrivateKey ed(EdwardsCurve curve, AlgorithmIdentifier algorithm, byte[] privateKey,
            BitString publicKey) throws DerException, KeyFormatException {
        if (algorithm.hasParameters()) {
            throw new KeyFormatException(curve.standardName() + " parameters must be absent (RFC 8410 §3)");
        }
        DerReader inner = DerReader.of(privateKey);
        byte[] seed = inner.readOctetString();
        inner.end();
        if (seed.length != curve.privateKeyLength()) {
            throw new KeyFormatException(curve.standardName() + " private key must be " + curve.privateKeyLength()
                    + " octets, found " + seed.length);
        }
        EdPrivateKey key = KeyMaterials.edPrivateKey(curve, seed);
        if (publicKey != null) {
            if (!publicKey.isOctetAligned() || publicKey.bytes().length != curve.publicKeyLength()) {
                throw new KeyFormatException(curve.standardName() + " public key must be " + curve.publicKeyLength()
                        + " octets");
            }
            if (!key.publicKey().equals(new EdPublicKey(curve, publicKey.bytes()))) {
                throw new KeyFormatException("the " + curve.standardName() + " key's publicKey field does not belong "
                        + "to its seed: the file is damaged or mixes two keys");
            }
        }
        return DecodedPrivateKey.of(key);
    }

    // ---- writing ----

    /**
     * Writes the key as OpenSSL does: version 0, RSA with NULL parameters, EC with the named curve
     * outside and the public point inside the ECPrivateKey, Ed25519/Ed448 as the bare seed (OpenSSL
     * 3.0 rejects the v2 {@code publicKey} field; readers compute the public key from the seed).
     */
    static void encode(DecodedPrivateKey decoded, DerWriter writer) {
        writer.writeSequence(sequence -> {
            sequence.writeInteger(V1);
            PrivateKeyMaterial key = decoded.key();
            if (key instanceof RsaPrivateKey rsa) {
                rsaAlgorithm(decoded).encode(sequence);
                sequence.writeOctetString(der(inner -> Pkcs1RsaPrivateKeys.encode(rsa, inner)));
            } else if (key instanceof EcPrivateKey ec) {
                ecAlgorithm(ec.curve()).encode(sequence);
                sequence.writeOctetString(der(inner -> Sec1EcPrivateKeys.encode(ec.curve(), ec.scalar(),
                        ec.publicKey(), false, inner)));
            } else {
                EdPrivateKey ed = (EdPrivateKey) key;
                AlgorithmIdentifier.withoutParameters(ObjectIdentifier.of(ed.curve().oid())).encode(sequence);
                sequence.writeOctetString(der(inner -> inner.writeOctetString(ed.seed())));
            }
        });
    }

    private static AlgorithmIdentifier rsaAlgorithm(DecodedPrivateKey decoded) {
        if (!decoded.isRsaPssOnly()) {
            return AlgorithmIdentifier.withNullParameters(KnownAlgorithm.RSA_ENCRYPTION.oid());
        }
        return decoded.pssParameters()
                .map(parameters -> AlgorithmIdentifier.withParameters(KnownAlgorithm.RSASSA_PSS.oid(), parameters.encoded()))
                .orElseGet(() -> AlgorithmIdentifier.withoutParameters(KnownAlgorithm.RSASSA_PSS.oid()));
    }

    private static AlgorithmIdentifier ecAlgorithm(EcCurve curve) {
        byte[] namedCurve = new DerWriter().writeOid(ObjectIdentifier.of(curve.oid())).toByteArray();
        return AlgorithmIdentifier.withParameters(KnownAlgorithm.EC_PUBLIC_KEY.oid(), namedCurve);
    }

    private static byte[] der(Consumer<DerWriter> contents) {
        DerWriter writer = new DerWriter();
        contents.accept(writer);
        return writer.toByteArray();
    }
}
