package org.jtls.crypto.bc;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;

/**
 * RSA signatures: PKCS#1 v1.5 with DigestInfo (RFC 8017 §8.2), the TLS 1.0/1.1 form over
 * MD5 || SHA-1 without DigestInfo (RFC 4346 §7.4.3), and PSS with MGF1 of the same hash and a salt
 * as long as the hash (RFC 8446 §4.2.3). Every private operation is blinded with the caller's random.
 */
final class BcRsaSignatures {
    /** RFC 8017 §9.2: PS is at least 8 bytes, plus 00 01 ... 00 framing. */
    private static final int PKCS1_PADDING_OVERHEAD = 11;
    private static final int MD5_SHA1_LENGTH = 16 + 20;

    private BcRsaSignatures() {
    }

    /** Fails unless the modulus can hold this algorithm's encoded message. */
    static void requireLargeEnough(SignatureAlgorithm algorithm, RsaPublicKey key) {
        boolean fits;
        if (algorithm == SignatureAlgorithm.RSA_PKCS1_MD5_SHA1) {
            fits = key.modulusLength() >= MD5_SHA1_LENGTH + PKCS1_PADDING_OVERHEAD;
        } else if (algorithm.family() == SignatureAlgorithm.Family.RSA_PKCS1) {
            fits = key.modulusLength() >= digestInfoLength(algorithm.hash()) + PKCS1_PADDING_OVERHEAD;
        } else {
            // RFC 8017 §9.1.1: emLen = ceil((modBits - 1) / 8) ≥ hLen + sLen + 2, with sLen = hLen.
            int encodedMessageLength = (key.bitLength() - 1 + 7) / 8;
            fits = encodedMessageLength >= 2 * algorithm.hash().outputLength() + 2;
        }
        if (!fits) {
            throw new IllegalArgumentException("a " + key.bitLength() + "-bit RSA key is too small for " + algorithm);
        }
    }

    /** The DER DigestInfo length: the AlgorithmIdentifier prefix (RFC 8017 §9.2 note 1) plus the hash. */
    private static int digestInfoLength(HashAlgorithm hash) {
        int prefixLength = hash == HashAlgorithm.SHA1 ? 15 : 19;
        return prefixLength + hash.outputLength();
    }

    static byte[] sign(SignatureAlgorithm algorithm, RSAPrivateCrtKeyParameters key, byte[] message,
            SecureRandom random) throws CryptoException {
        ParametersWithRandom keyWithRandom = new ParametersWithRandom(key, random);
        if (algorithm == SignatureAlgorithm.RSA_PKCS1_MD5_SHA1) {
            // A private-key PKCS1Encoding pads with block type 1, as RFC 4346 §7.4.3 wants.
            PKCS1Encoding encoding = new PKCS1Encoding(new RSABlindedEngine());
            encoding.init(true, keyWithRandom);
            byte[] hashes = md5Sha1(message);
            return encoding.processBlock(hashes, 0, hashes.length);
        }
        org.bouncycastle.crypto.Signer signer = algorithm.family() == SignatureAlgorithm.Family.RSA_PSS
                ? newPssSigner(algorithm.hash(), new CallerRandomRsaEngine(random))
                : new RSADigestSigner(BcDigest.newBcDigest(algorithm.hash()));
        signer.init(true, keyWithRandom);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The caller has already checked that the signature is exactly the modulus length. */
    static boolean verify(SignatureAlgorithm algorithm, RSAKeyParameters key, byte[] message, byte[] signature) {
        try {
            if (algorithm == SignatureAlgorithm.RSA_PKCS1_MD5_SHA1) {
                PKCS1Encoding encoding = new PKCS1Encoding(new RSABlindedEngine());
                encoding.init(false, key);
                byte[] recovered = encoding.processBlock(signature, 0, signature.length);
                return ConstantTime.equals(recovered, md5Sha1(message));
            }
            org.bouncycastle.crypto.Signer verifier = algorithm.family() == SignatureAlgorithm.Family.RSA_PSS
                    ? newPssSigner(algorithm.hash(), new RSABlindedEngine())
                    : new RSADigestSigner(BcDigest.newBcDigest(algorithm.hash()));
            verifier.init(false, key);
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (InvalidCipherTextException | DataLengthException e) {
            // Bad padding, or a signature value not below the modulus: simply not a valid signature.
            return false;
        }
    }

    private static PSSSigner newPssSigner(HashAlgorithm hash, RSABlindedEngine engine) {
        return new PSSSigner(engine, BcDigest.newBcDigest(hash), BcDigest.newBcDigest(hash), hash.outputLength());
    }

    private static byte[] md5Sha1(byte[] message) {
        byte[] hashes = new byte[MD5_SHA1_LENGTH];
        MD5Digest md5 = new MD5Digest();
        md5.update(message, 0, message.length);
        md5.doFinal(hashes, 0);
        SHA1Digest sha1 = new SHA1Digest();
        sha1.update(message, 0, message.length);
        sha1.doFinal(hashes, 16);
        return hashes;
    }

    /**
     * {@link PSSSigner} hands the bare key to its engine, which would then blind with a default
     * random of its own; this engine blinds with the random the caller passed to {@code sign}.
     */
    private static final class CallerRandomRsaEngine extends RSABlindedEngine {
        private final SecureRandom random;

        CallerRandomRsaEngine(SecureRandom random) {
            this.random = random;
        }

        @Override
        protected SecureRandom initSecureRandom(boolean needed, SecureRandom provided) {
            return needed ? random : null;
        }
    }
}
