package org.jtls.crypto.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;

/**
 * Finite-field Diffie-Hellman with SunJCE's {@code DH} key pairs and agreement, for the RFC 7919
 * groups and for a TLS 1.2 server's own (p, g).
 *
 * <p>Private exponents are short (RFC 7919 §5.2): {@link #exponentBits} follows the minimum sizes of
 * RFC 7919 Appendix A (225, 275, 325, 375 and 400 bits for the 2048- to 8192-bit groups, roughly twice
 * the group's strength plus a margin), never fewer than 256 bits, and always below the size of p.
 *
 * <p>Public values and secrets are left-padded to the length of p (RFC 8446 §4.2.8.1, §7.4.1). A peer
 * value may be up to that length, leading zeros allowed (TLS 1.2 sends dh_Ys minimally), and must
 * satisfy 1 &lt; y &lt; p-1 (RFC 7919 §5.1).
 */
final class JcaFiniteFieldDh implements KeyExchange {
    private final String name;
    private final FiniteFieldGroup group;
    private final DHParameterSpec parameters;
    private final BigInteger pMinusOne;

    JcaFiniteFieldDh(String name, FiniteFieldGroup group) {
        this.name = name;
        this.group = group;
        this.parameters = new DHParameterSpec(group.prime(), group.generator(), exponentBits(group.bitLength()));
        this.pMinusOne = group.prime().subtract(BigInteger.ONE);
    }

    /** Bits in the private exponent for a prime of {@code primeBits} bits; see the class comment. */
    static int exponentBits(int primeBits) {
        int bits;
        if (primeBits <= 2048) {
            bits = 256;
        } else if (primeBits <= 3072) {
            bits = 275;
        } else if (primeBits <= 4096) {
            bits = 325;
        } else if (primeBits <= 6144) {
            bits = 375;
        } else {
            bits = 400;
        }
        // A toy group smaller than the exponent gets an exponent just below p instead.
        return Math.min(bits, primeBits - 2);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        KeyPair pair = generateKeyPair(random);
        BigInteger y = ((DHPublicKey) pair.getPublic()).getY();
        return new DhShare(group, pair.getPrivate(), Bytes.unsigned(y, group.byteLength()));
    }

    private KeyPair generateKeyPair(SecureRandom random) {
        KeyPairGenerator generator = JcaProviders.keyPairGenerator("DH");
        try {
            generator.initialize(parameters, random);
            return generator.generateKeyPair();
        } catch (InvalidAlgorithmParameterException unsupportedSize) {
            // SunJCE generates DH keys only for primes of 512 to 8192 bits in multiples of 64. A TLS 1.2
            // server may pick another size; then the exponent is drawn here, the same way SunJCE draws
            // it, and SunJCE still performs the agreement.
            return generateKeyPairOutsideProviderLimits(random);
        }
    }

    private KeyPair generateKeyPairOutsideProviderLimits(SecureRandom random) {
        int bits = parameters.getL();
        BigInteger x = new BigInteger(bits - 1, random).setBit(bits - 1);
        BigInteger y = group.generator().modPow(x, group.prime());
        try {
            var keyFactory = JcaProviders.keyFactory("DH");
            PrivateKey privateKey = keyFactory.generatePrivate(new DHPrivateKeySpec(x, group.prime(),
                    group.generator()));
            PublicKey publicKey = keyFactory.generatePublic(new DHPublicKeySpec(y, group.prime(), group.generator()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("SunJCE cannot hold DH keys for this " + group.bitLength()
                    + "-bit group", e);
        }
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        PublicKey peerKey = peerKey(peerPublicValue);
        DhShare own = (DhShare) generate(random);
        return new Response(own.publicValue(), agree(own.privateKey, peerKey));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof DhShare share) || !share.group.equals(group)) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        return agree(share.privateKey, peerKey(peerResponse));
    }

    private PublicKey peerKey(byte[] encoded) throws InvalidKeyShareException {
        if (encoded.length == 0 || encoded.length > group.byteLength()) {
            throw new InvalidKeyShareException(name + " public value must be 1 to " + group.byteLength()
                    + " bytes, got " + encoded.length);
        }
        BigInteger y = new BigInteger(1, encoded);
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(pMinusOne) >= 0) {
            throw new InvalidKeyShareException(name + " public value is outside [2, p-2]");
        }
        try {
            return JcaProviders.keyFactory("DH").generatePublic(new DHPublicKeySpec(y, group.prime(),
                    group.generator()));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyShareException(name + " public value rejected by the provider", e);
        }
    }

    private byte[] agree(PrivateKey privateKey, PublicKey peerKey) throws InvalidKeyShareException {
        byte[] secret;
        try {
            KeyAgreement agreement = JcaProviders.keyAgreement("DH");
            agreement.init(privateKey);
            agreement.doPhase(peerKey, true);
            secret = agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new InvalidKeyShareException(name + " key agreement failed", e);
        }
        byte[] padded = Bytes.fitToLength(secret, group.byteLength());
        if (Bytes.isAllZero(padded)) {
            throw new InvalidKeyShareException(name + " shared secret is zero");
        }
        return padded;
    }

    private static final class DhShare implements KeyShare {
        private final FiniteFieldGroup group;
        private final PrivateKey privateKey;
        private final byte[] publicValue;

        DhShare(FiniteFieldGroup group, PrivateKey privateKey, byte[] publicValue) {
            this.group = group;
            this.privateKey = privateKey;
            this.publicValue = publicValue;
        }

        @Override
        public byte[] publicValue() {
            return publicValue.clone();
        }
    }
}
