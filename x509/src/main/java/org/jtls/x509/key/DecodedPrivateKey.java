package org.jtls.x509.key;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.x509.algorithm.RsaPssParameters;

/**
 * A private key as read from a file, with what the file said about its use.
 *
 * <p><b>Keys without their public half.</b> The crypto module's key values carry their public key,
 * but not every file does: PKCS#8 v1 Ed25519/Ed448 keys (what {@code openssl genpkey} writes)
 * hold only the seed, and SEC 1 keys may omit the point. jtls cannot derive the public key through
 * the crypto API, so such a key is returned <em>incomplete</em>: {@link #hasPublicKey()} is false,
 * {@link #key()} throws, and {@link #withPublicKey} completes it with a candidate public key, such
 * as the certificate's, after checking with a signature that the two belong together.
 *
 * <p><b>RSA-PSS keys.</b> A key stored under id-RSASSA-PSS (RFC 4055 §1.2) may only make
 * RSASSA-PSS signatures; {@link #isRsaPssOnly()} says so, with any parameter restriction in
 * {@link #pssParameters()}.
 */
public final class DecodedPrivateKey {
    private static final byte[] PAIRING_MESSAGE = "jtls key pairing check".getBytes(StandardCharsets.US_ASCII);

    private final PrivateKeyMaterial key;
    private final PartialKey partial;
    private final boolean rsaPssOnly;
    private final RsaPssParameters pssParameters;

    /** The secret half of an EC or Edwards key whose file did not carry the public key. */
    private sealed interface PartialKey {
        String algorithm();

        /** The complete key with {@code publicKey}, or {@code null} if that key is of another type or curve. */
        PrivateKeyMaterial with(PublicKeyMaterial publicKey);

        SignatureAlgorithm pairingSignature();
    }

    private record PartialEc(EcCurve curve, BigInteger scalar) implements PartialKey {
        @Override
        public String algorithm() {
            return "EC";
        }

        @Override
        public PrivateKeyMaterial with(PublicKeyMaterial publicKey) {
            return publicKey instanceof EcPublicKey ec && ec.curve() == curve ? new EcPrivateKey(curve, scalar, ec) : null;
        }

        @Override
        public SignatureAlgorithm pairingSignature() {
            return SignatureAlgorithm.ECDSA_SHA256;
        }

        @Override
        public String toString() {
            return curve.secName();
        }
    }

    private record PartialEd(EdwardsCurve curve, byte[] seed) implements PartialKey {
        @Override
        public String algorithm() {
            return curve.standardName();
        }

        @Override
        public PrivateKeyMaterial with(PublicKeyMaterial publicKey) {
            return publicKey instanceof EdPublicKey ed && ed.curve() == curve ? new EdPrivateKey(curve, seed, ed) : null;
        }

        @Override
        public SignatureAlgorithm pairingSignature() {
            return curve == EdwardsCurve.ED25519 ? SignatureAlgorithm.ED25519 : SignatureAlgorithm.ED448;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PartialEd that && curve == that.curve && ConstantTime.equals(seed, that.seed);
        }

        @Override
        public int hashCode() {
            return curve.hashCode();
        }

        @Override
        public String toString() {
            return curve.standardName();
        }
    }

    private DecodedPrivateKey(PrivateKeyMaterial key, PartialKey partial, boolean rsaPssOnly,
            RsaPssParameters pssParameters) {
        this.key = key;
        this.partial = partial;
        this.rsaPssOnly = rsaPssOnly;
        this.pssParameters = pssParameters;
    }

    /** A complete key with no restriction. */
    public static DecodedPrivateKey of(PrivateKeyMaterial key) {
        return new DecodedPrivateKey(Objects.requireNonNull(key, "key"), null, false, null);
    }

    /** An id-RSASSA-PSS key; {@code parameters} is {@code null} when the file placed no restriction on them. */
    public static DecodedPrivateKey rsaPss(RsaPrivateKey key, RsaPssParameters parameters) {
        return new DecodedPrivateKey(Objects.requireNonNull(key, "key"), null, true, parameters);
    }

    static DecodedPrivateKey withoutPublicKey(EcCurve curve, BigInteger scalar) {
        return new DecodedPrivateKey(null, new PartialEc(curve, scalar), false, null);
    }

    static DecodedPrivateKey withoutPublicKey(EdwardsCurve curve, byte[] seed) {
        return new DecodedPrivateKey(null, new PartialEd(curve, seed.clone()), false, null);
    }

    /** {@code RSA}, {@code RSASSA-PSS}, {@code EC}, {@code Ed25519} or {@code Ed448}. */
    public String algorithm() {
        if (rsaPssOnly) {
            return "RSASSA-PSS";
        }
        return key != null ? key.algorithm() : partial.algorithm();
    }

    /** Whether the public key is known, so that {@link #key()} succeeds. */
    public boolean hasPublicKey() {
        return key != null;
    }

    /**
     * The key, with its public half.
     *
     * @throws KeyFormatException if the file did not carry the public key; use {@link #withPublicKey}
     */
    public PrivateKeyMaterial key() throws KeyFormatException {
        if (key == null) {
            throw new KeyFormatException("the " + partial.algorithm() + " private key file does not carry its public "
                    + "key, which jtls cannot derive; supply it (for example the certificate's) with withPublicKey");
        }
        return key;
    }

    public Optional<PublicKeyMaterial> publicKey() {
        return key == null ? Optional.empty() : Optional.of(key.publicKey());
    }

    /** Whether the key was stored as id-RSASSA-PSS and so may only make RSASSA-PSS signatures. */
    public boolean isRsaPssOnly() {
        return rsaPssOnly;
    }

    /** The RSASSA-PSS parameters an id-RSASSA-PSS key is restricted to, when the file named any. */
    public Optional<RsaPssParameters> pssParameters() {
        return Optional.ofNullable(pssParameters);
    }

    /**
     * Whether {@code candidate} is this key's public key. A complete key compares its public key; an
     * incomplete one signs a fixed message and verifies the signature with {@code candidate}, which
     * succeeds only for the right public key (EdDSA signers derive the public key from the seed
     * themselves, and an ECDSA signature made with d verifies only under d·G).
     *
     * @param random for the ECDSA nonce of the pairing signature
     */
    public boolean matches(PublicKeyMaterial candidate, CryptoBackend crypto, SecureRandom random) {
        Objects.requireNonNull(candidate, "candidate");
        if (key != null) {
            return key.publicKey().equals(candidate);
        }
        PrivateKeyMaterial completed = partial.with(candidate);
        if (completed == null) {
            return false;
        }
        SignatureAlgorithm algorithm = partial.pairingSignature();
        byte[] signature = crypto.signer(algorithm, completed).sign(PAIRING_MESSAGE, random);
        return crypto.verifier(algorithm, candidate).verify(PAIRING_MESSAGE, signature);
    }

    /**
     * This key completed with {@code publicKey}, or this key itself if it is complete and matches.
     *
     * @throws KeyFormatException if {@code publicKey} does not belong to this private key
     */
    public DecodedPrivateKey withPublicKey(PublicKeyMaterial publicKey, CryptoBackend crypto, SecureRandom random)
            throws KeyFormatException {
        if (!matches(publicKey, crypto, random)) {
            throw new KeyFormatException("the " + algorithm() + " private key does not match the " + publicKey.algorithm()
                    + " public key");
        }
        return key != null ? this : new DecodedPrivateKey(partial.with(publicKey), null, false, null);
    }

    PrivateKeyMaterial completeKeyOrNull() {
        return key;
    }

    /** The incomplete EC key's curve and scalar, for writing it back as it was read. */
    EcCurve partialEcCurve() {
        return partial instanceof PartialEc ec ? ec.curve() : null;
    }

    BigInteger partialEcScalar() {
        return partial instanceof PartialEc ec ? ec.scalar() : null;
    }

    EdwardsCurve partialEdCurve() {
        return partial instanceof PartialEd ed ? ed.curve() : null;
    }

    byte[] partialEdSeed() {
        return partial instanceof PartialEd ed ? ed.seed().clone() : null;
    }

    /** Keys are equal when their values and restrictions are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedPrivateKey that && Objects.equals(key, that.key)
                && Objects.equals(partial, that.partial) && rsaPssOnly == that.rsaPssOnly
                && Objects.equals(pssParameters, that.pssParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, partial, rsaPssOnly);
    }

    /** Never shows secret values. */
    @Override
    public String toString() {
        String what = key != null ? key.toString() : partial.algorithm() + " (" + partial + ", no public key)";
        return "DecodedPrivateKey[" + what + (rsaPssOnly ? ", RSASSA-PSS only" : "") + "]";
    }
}
