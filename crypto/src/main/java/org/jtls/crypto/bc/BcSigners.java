package org.jtls.crypto.bc;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.RuntimeCryptoException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;

/**
 * Builds {@link Signer}s and {@link Verifier}s: the key is converted to Bouncy Castle parameters once,
 * here, and each call then creates its own Bouncy Castle signer object, which makes the results safe
 * to share between threads.
 */
final class BcSigners {
    private BcSigners() {
    }

    /** One signature with a freshly created Bouncy Castle signer. */
    @FunctionalInterface
    interface SignOperation {
        byte[] sign(byte[] message, SecureRandom random) throws CryptoException;
    }

    /** One verification with a freshly created Bouncy Castle signer. */
    @FunctionalInterface
    interface VerifyOperation {
        boolean verify(byte[] message, byte[] signature);
    }

    static Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        requireAccepts(algorithm, key.publicKey());
        SignOperation operation = switch (algorithm.family()) {
            case RSA_PKCS1, RSA_PSS -> rsaSignOperation(algorithm, (RsaPrivateKey) key);
            case ECDSA -> BcEcdsa.signOperation(algorithm.hash(), ecPrivateParameters((EcPrivateKey) key));
            case EDDSA -> edSignOperation((EdPrivateKey) key);
            // No private key type accepts a DSA algorithm, so requireAccepts has already refused.
            case DSA -> throw new IllegalArgumentException(algorithm + " is verification only");
        };
        return new BcSigner(algorithm, operation);
    }

    static Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(key, "key");
        requireAccepts(algorithm, key);
        VerifyOperation operation;
        try {
            operation = switch (algorithm.family()) {
                case RSA_PKCS1, RSA_PSS -> rsaVerifyOperation(algorithm, (RsaPublicKey) key);
                case ECDSA -> BcEcdsa.verifyOperation(algorithm.hash(), ecPublicParameters((EcPublicKey) key));
                case EDDSA -> edVerifyOperation((EdPublicKey) key);
                case DSA -> BcDsa.verifyOperation(algorithm.hash(), (DsaPublicKey) key);
            };
        } catch (IllegalArgumentException unusableKey) {
            // A peer's key that is not a valid point, or too small for the algorithm, cannot have
            // made a valid signature: every verification fails (the CryptoBackend contract).
            operation = (message, signature) -> false;
        }
        return new BcVerifier(algorithm, operation);
    }

    private static void requireAccepts(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        if (!algorithm.acceptsKey(key)) {
            throw new IllegalArgumentException(key.algorithm() + " key cannot perform " + algorithm);
        }
    }

    private static SignOperation rsaSignOperation(SignatureAlgorithm algorithm, RsaPrivateKey key) {
        BcRsaSignatures.requireLargeEnough(algorithm, key.publicKey());
        RSAPrivateCrtKeyParameters parameters = convert(() -> BcRsa.privateParameters(key), "RSA private key");
        return (message, random) -> BcRsaSignatures.sign(algorithm, parameters, message, random);
    }

    private static VerifyOperation rsaVerifyOperation(SignatureAlgorithm algorithm, RsaPublicKey key) {
        BcRsaSignatures.requireLargeEnough(algorithm, key);
        RSAKeyParameters parameters = convert(() -> BcRsa.publicParameters(key), "RSA public key");
        int signatureLength = key.modulusLength();
        return (message, signature) -> signature.length == signatureLength
                && BcRsaSignatures.verify(algorithm, parameters, message, signature);
    }

    private static ECPrivateKeyParameters ecPrivateParameters(EcPrivateKey key) {
        return convert(() -> new ECPrivateKeyParameters(key.scalar(), BcCurves.domain(key.curve())),
                key.curve().secName() + " private key");
    }

    private static ECPublicKeyParameters ecPublicParameters(EcPublicKey key) {
        return convert(() -> new ECPublicKeyParameters(BcCurves.decodeUncompressedPoint(key.curve(), key.point()),
                BcCurves.domain(key.curve())), key.curve().secName() + " public key");
    }

    /** PureEdDSA (RFC 8032 §5.1.6, §5.2.6): no pre-hash, empty context. */
    private static SignOperation edSignOperation(EdPrivateKey key) {
        if (key.curve() == EdwardsCurve.ED25519) {
            Ed25519PrivateKeyParameters parameters = new Ed25519PrivateKeyParameters(key.seed());
            return (message, random) -> BcEdDsa.signEd25519(parameters, message);
        }
        Ed448PrivateKeyParameters parameters = new Ed448PrivateKeyParameters(key.seed());
        return (message, random) -> BcEdDsa.signEd448(parameters, message);
    }

    private static VerifyOperation edVerifyOperation(EdPublicKey key) {
        int signatureLength = key.curve().signatureLength();
        if (key.curve() == EdwardsCurve.ED25519) {
            Ed25519PublicKeyParameters parameters = convert(() -> new Ed25519PublicKeyParameters(key.encoded()),
                    "Ed25519 public key");
            return (message, signature) -> signature.length == signatureLength
                    && BcEdDsa.verifyEd25519(parameters, message, signature);
        }
        Ed448PublicKeyParameters parameters = convert(() -> new Ed448PublicKeyParameters(key.encoded()),
                "Ed448 public key");
        return (message, signature) -> signature.length == signatureLength
                && BcEdDsa.verifyEd448(parameters, message, signature);
    }

    /** Runs a key conversion, naming the key when Bouncy Castle finds it unusable. */
    private static <T> T convert(Supplier<T> conversion, String what) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | RuntimeCryptoException e) {
            throw new IllegalArgumentException("not a usable " + what + ": " + e.getMessage(), e);
        }
    }

    private record BcSigner(SignatureAlgorithm algorithm, SignOperation operation) implements Signer {
        @Override
        public byte[] sign(byte[] message, SecureRandom random) {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(random, "random");
            try {
                return operation.sign(message, random);
            } catch (CryptoException e) {
                // The key was checked when this signer was made; a failure now is a broken key or library.
                throw new IllegalStateException(algorithm + " signing failed", e);
            }
        }

        @Override
        public String toString() {
            return "BcSigner[" + algorithm + "]";
        }
    }

    private record BcVerifier(SignatureAlgorithm algorithm, VerifyOperation operation) implements Verifier {
        @Override
        public boolean verify(byte[] message, byte[] signature) {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(signature, "signature");
            return operation.verify(message, signature);
        }
    }
}
