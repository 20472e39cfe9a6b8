package org.jtls.crypto.jca;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.jtls.crypto.DsaPublicKey;
import org.jtls.crypto.EcPrivateKey;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPrivateKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.Signer;
import org.jtls.crypto.Verifier;

/**
 * Signers and verifiers over {@link Signature} from SunRsaSign, SunEC and SunJCE. The key record is
 * converted once, when the signer or verifier is made; each signature then uses a fresh
 * {@code Signature} object, which makes both thread-safe.
 *
 * <ul>
 *   <li>RSA PKCS#1 v1.5: {@code SHA256withRSA} etc.; the TLS 1.0/1.1 MD5+SHA-1 form is
 *       {@code NONEwithRSA} over the 36-byte {@code MD5(m) || SHA-1(m)} (RFC 4346 §7.4.3).</li>
 *   <li>RSA-PSS: {@code RSASSA-PSS} with MGF1 over the same hash and a salt of the hash length
 *       (RFC 8446 §4.2.3).</li>
 *   <li>ECDSA: {@code SHA256withECDSA} etc., DER-encoded, the JDK's default.</li>
 *   <li>EdDSA: {@code Ed25519}, {@code Ed448} (PureEdDSA, no context).</li>
 *   <li>DSA, verification only: {@code SHA1withDSA} etc. from SUN, DER-encoded (RFC 3279 §2.2.2).</li>
 * </ul>
 *
 * <p>A verifier never throws for what it is given to check. A public key whose values cannot be
 * used (an EC point off the curve, an Edwards encoding with no point, an RSA key the provider
 * refuses) arrives in a peer's certificate like any other bad input: such a verifier is made, and it
 * rejects every signature.
 */
final class JcaSigners {
    private static final int ANY_LENGTH = -1;

    private JcaSigners() {
    }

    static Signer signer(SignatureAlgorithm algorithm, PrivateKeyMaterial key) {
        if (!algorithm.acceptsKey(key.publicKey())) {
            throw new IllegalArgumentException(algorithm + " cannot sign with a " + key.algorithm() + " key");
        }
        PrivateKey privateKey;
        if (key instanceof RsaPrivateKey rsa) {
            checkRsaKeySize(algorithm, rsa.bitLength());
            privateKey = JcaKeys.rsaPrivateKey(rsa);
        } else if (key instanceof EcPrivateKey ec) {
            privateKey = JcaKeys.ecPrivateKey(ec, JcaKeys.ecParameters(ec.curve()));
        } else {
            privateKey = JcaKeys.edPrivateKey((EdPrivateKey) key);
        }
        // Fail here, not at the first signature, if the provider will not sign with this key.
        try {
            newSignature(algorithm).initSign(privateKey);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(algorithm + " cannot sign with this key: " + e.getMessage(), e);
        }
        return new JcaSigner(algorithm, privateKey);
    }

    static Verifier verifier(SignatureAlgorithm algorithm, PublicKeyMaterial key) {
        if (!algorithm.acceptsKey(key)) {
            throw new IllegalArgumentException(algorithm + " cannot verify with a " + key.algorithm() + " key");
        }
        // SunEC's EdDSA accepts a signature with bytes appended after the 64 or 114 that RFC 8032
        // defines, so the exact length is checked here.
        int requiredLength = key instanceof EdPublicKey ed ? ed.curve().signatureLength() : ANY_LENGTH;
        return new JcaVerifier(algorithm, usablePublicKey(key), requiredLength);
    }

    /** {@code NONEwithRSA}: PKCS#1 v1.5 block type 1 over {@code data} as given (see CryptoBackend). */
    static byte[] rsaSignPkcs1Raw(RsaPrivateKey key, byte[] data, java.security.SecureRandom random)
            throws org.jtls.crypto.CryptoException {
        if (data.length > (key.bitLength() + 7) / 8 - 11) {
            throw new IllegalArgumentException("a " + key.bitLength() + "-bit RSA key cannot sign " + data.length
                    + " bytes");
        }
        try {
            Signature signature = JcaProviders.signature("NONEwithRSA");
            signature.initSign(JcaKeys.rsaPrivateKey(key), random);
            signature.update(data);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new org.jtls.crypto.CryptoException("NONEwithRSA signing failed: " + e.getMessage(), e);
        }
    }

    static boolean rsaVerifyPkcs1Raw(RsaPublicKey key, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = JcaProviders.signature("NONEwithRSA");
            signature.initVerify(JcaKeys.rsaPublicKey(key));
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The provider's key, or {@code null} when the key's values can never verify anything. */
    private static PublicKey usablePublicKey(PublicKeyMaterial key) {
        try {
            if (key instanceof RsaPublicKey rsa) {
                return JcaKeys.rsaPublicKey(rsa);
            } else if (key instanceof DsaPublicKey dsa) {
                return dsa.isWellFormed() ? JcaKeys.dsaPublicKey(dsa) : null;
            } else if (key instanceof EcPublicKey ec) {
                ECParameterSpec parameters = JcaKeys.ecParameters(ec.curve());
                ECPoint point = JcaKeys.decodeUncompressed(ec.point(), ec.curve(), parameters);
                return point == null ? null : JcaKeys.ecPublicKey(point, parameters);
            } else {
                return JcaKeys.edPublicKey((EdPublicKey) key);
            }
        } catch (IllegalArgumentException providerRefusedKey) {
            return null;
        }
    }

    /**
     * RFC 8017 §9.2 step 3 (PKCS#1 v1.5 needs emLen ≥ tLen + 11) and §9.1.1 step 3 (PSS needs
     * emLen ≥ hLen + sLen + 2, here 2·hLen + 2): a key too small for the encoding cannot sign.
     */
    private static void checkRsaKeySize(SignatureAlgorithm algorithm, int modulusBits) {
        int needed;
        if (algorithm == SignatureAlgorithm.RSA_PKCS1_MD5_SHA1) {
            needed = 36 + 11;
        } else if (algorithm.family() == SignatureAlgorithm.Family.RSA_PKCS1) {
            needed = digestInfoPrefixLength(algorithm.hash()) + algorithm.hash().outputLength() + 11;
        } else {
            needed = 2 * algorithm.hash().outputLength() + 2;
        }
        int available = algorithm.family() == SignatureAlgorithm.Family.RSA_PSS
                ? (modulusBits - 1 + 7) / 8
                : (modulusBits + 7) / 8;
        if (available < needed) {
            throw new IllegalArgumentException("a " + modulusBits + "-bit RSA key is too small for " + algorithm);
        }
    }

    /** Length of the DER DigestInfo header before the hash (RFC 8017 §9.2 note 1). */
    private static int digestInfoPrefixLength(HashAlgorithm hash) {
        return switch (hash) {
            case MD5 -> 18;
            case SHA1 -> 15;
            case SHA224, SHA256, SHA384, SHA512 -> 19;
        };
    }

    /** A configured {@link Signature} for {@code algorithm}; not yet initialised with a key. */
    private static Signature newSignature(SignatureAlgorithm algorithm) {
        Signature signature = JcaProviders.signature(jcaName(algorithm));
        if (algorithm.family() == SignatureAlgorithm.Family.RSA_PSS) {
            String hashName = algorithm.hash().standardName();
            int saltLength = algorithm.hash().outputLength();
            try {
                signature.setParameter(new PSSParameterSpec(hashName, "MGF1", new MGF1ParameterSpec(hashName),
                        saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
            } catch (InvalidAlgorithmParameterException e) {
                throw new IllegalStateException("RSASSA-PSS refused " + hashName + " parameters", e);
            }
        }
        return signature;
    }

    static String jcaName(SignatureAlgorithm algorithm) {
        return switch (algorithm.family()) {
            case RSA_PKCS1 -> algorithm == SignatureAlgorithm.RSA_PKCS1_MD5_SHA1
                    ? "NONEwithRSA"
                    : algorithm.hash().name() + "withRSA";
            case RSA_PSS -> "RSASSA-PSS";
            case ECDSA -> algorithm.hash().name() + "withECDSA";
            case EDDSA -> algorithm == SignatureAlgorithm.ED25519 ? "Ed25519" : "Ed448";
            case DSA -> algorithm.hash().name() + "withDSA";
        };
    }

    /** What the provider signs: the message itself, or for MD5+SHA-1 the two hashes concatenated. */
    private static byte[] signedData(SignatureAlgorithm algorithm, byte[] message) {
        if (algorithm != SignatureAlgorithm.RSA_PKCS1_MD5_SHA1) {
            return message;
        }
        byte[] md5 = JcaProviders.messageDigest("MD5").digest(message);
        byte[] sha1 = JcaProviders.messageDigest("SHA-1").digest(message);
        byte[] both = new byte[md5.length + sha1.length];
        System.arraycopy(md5, 0, both, 0, md5.length);
        System.arraycopy(sha1, 0, both, md5.length, sha1.length);
        return both;
    }

    private static final class JcaSigner implements Signer {
        private final SignatureAlgorithm algorithm;
        private final PrivateKey privateKey;

        JcaSigner(SignatureAlgorithm algorithm, PrivateKey privateKey) {
            this.algorithm = algorithm;
            this.privateKey = privateKey;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public byte[] sign(byte[] message, SecureRandom random) {
            try {
                Signature signature = newSignature(algorithm);
                signature.initSign(privateKey, random);
                signature.update(signedData(algorithm, message));
                return signature.sign();
            } catch (InvalidKeyException | SignatureException e) {
                // The key was accepted and sized for this algorithm when the signer was made.
                throw new IllegalStateException(algorithm + " signing failed", e);
            }
        }

        @Override
        public String toString() {
            return "JcaSigner[" + algorithm + "]";
        }
    }

    private static final class JcaVerifier implements Verifier {
        private final SignatureAlgorithm algorithm;
        /** {@code null} for a key that cannot verify anything. */
        private final PublicKey publicKey;
        /** The only signature length that can be valid, or {@link #ANY_LENGTH}. */
        private final int requiredLength;

        JcaVerifier(SignatureAlgorithm algorithm, PublicKey publicKey, int requiredLength) {
            this.algorithm = algorithm;
            this.publicKey = publicKey;
            this.requiredLength = requiredLength;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public boolean verify(byte[] message, byte[] signature) {
            if (publicKey == null || (requiredLength != ANY_LENGTH && signature.length != requiredLength)) {
                return false;
            }
            try {
                Signature verification = newSignature(algorithm);
                verification.initVerify(publicKey);
                verification.update(signedData(algorithm, message));
                return verification.verify(signature);
            } catch (InvalidKeyException e) {
                // SunEC decodes an Edwards point only now, and RSA-PSS checks the key size only now.
                return false;
            } catch (SignatureException e) {
                // Malformed signature: wrong length, bad DER, values out of range.
                return false;
            }
        }

        @Override
        public String toString() {
            return "JcaVerifier[" + algorithm + "]";
        }
    }
}
