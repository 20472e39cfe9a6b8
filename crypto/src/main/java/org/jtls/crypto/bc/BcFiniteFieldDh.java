package org.jtls.crypto.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;

/**
 * Finite-field Diffie-Hellman in a named ffdhe group (RFC 7919) or in a server's own (p, g). Public
 * values and the shared secret are written left-padded to the length of p (RFC 8446 §4.2.8.1,
 * §7.4.1); a peer value may arrive with or without leading zeros, up to that length.
 *
 * <p><b>Private exponents</b> are short (RFC 7919 §5.2): a random integer of exactly
 * {@link #exponentBits(int)} bits, at least twice the security strength of p's size and at least the
 * minimum RFC 7919 Appendix A gives for each named group (225, 275, 325, 375, 400 bits). Full-size
 * exponents would cost up to 30 times more for ffdhe8192 without adding security.
 */
final class BcFiniteFieldDh implements KeyExchange {
    private final String name;
    private final FiniteFieldGroup group;
    private final DHParameters parameters;
    private final BigInteger pMinusOne;

    BcFiniteFieldDh(String name, FiniteFieldGroup group) {
        this.name = Objects.requireNonNull(name, "name");
        this.group = Objects.requireNonNull(group, "group");
        // No subgroup order: the peer check is exactly RFC 7919 §5.1's 1 < Y < p-1, which is all a
        // server's custom group lets us check anyway.
        this.parameters = new DHParameters(group.prime(), group.generator(), null, exponentBits(group.bitLength()));
        this.pMinusOne = group.prime().subtract(BigInteger.ONE);
    }

    /**
     * Bits in a private exponent for a prime of {@code primeBits} bits: 2 × the NIST SP 800-57
     * strength of the size, raised to RFC 7919's per-group minimum, and below p for tiny test groups.
     */
    static int exponentBits(int primeBits) {
        int bits;
        if (primeBits <= 2048) {
            bits = 256;
        } else if (primeBits <= 3072) {
            bits = 320;
        } else if (primeBits <= 4096) {
            bits = 384;
        } else if (primeBits <= 6144) {
            bits = 448;
        } else {
            bits = 512;
        }
        return Math.min(bits, primeBits - 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        DHKeyPairGenerator generator = new DHKeyPairGenerator();
        generator.init(new DHKeyGenerationParameters(random, parameters));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        BigInteger y = ((DHPublicKeyParameters) pair.getPublic()).getY();
        return new DhShare(group, (DHPrivateKeyParameters) pair.getPrivate(), pad(y));
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        DHPublicKeyParameters peer = decodePeer(peerPublicValue);
        DhShare own = (DhShare) generate(random);
        return new Response(own.publicValue(), agree(own.privateKey, peer));
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof DhShare share) || !share.group.equals(group)) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        return agree(share.privateKey, decodePeer(peerResponse));
    }

    private DHPublicKeyParameters decodePeer(byte[] encoded) throws InvalidKeyShareException {
        if (encoded.length == 0 || encoded.length > group.byteLength()) {
            throw new InvalidKeyShareException(name + " public value must be 1.." + group.byteLength()
                    + " bytes, got " + encoded.length);
        }
        BigInteger y = new BigInteger(1, encoded);
        // RFC 7919 §5.1: 1 < Y < p-1, which keeps the peer out of the subgroup {1, p-1}.
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(pMinusOne) >= 0) {
            throw new InvalidKeyShareException(name + " public value is outside 1 < Y < p-1");
        }
        return new DHPublicKeyParameters(y, parameters);
    }

    private byte[] agree(DHPrivateKeyParameters privateKey, DHPublicKeyParameters peer)
            throws InvalidKeyShareException {
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(privateKey);
        BigInteger secret;
        try {
            secret = agreement.calculateAgreement(peer);
        } catch (IllegalStateException e) {
            // A secret of 1: the peer value has small order (possible only in a custom group).
            throw new InvalidKeyShareException(name + ": peer value lies in a small subgroup", e);
        }
        byte[] padded = pad(secret);
        if (SecretChecks.isAllZero(padded)) {
            throw new InvalidKeyShareException(name + ": all-zero shared secret");
        }
        return padded;
    }

    private byte[] pad(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(group.byteLength(), value);
    }

    private static final class DhShare implements KeyShare {
        private final FiniteFieldGroup group;
        private final DHPrivateKeyParameters privateKey;
        private final byte[] publicValue;

        DhShare(FiniteFieldGroup group, DHPrivateKeyParameters privateKey, byte[] publicValue) {
            this.group = group;
            this.privateKey = privateKey;
            this.publicValue = publicValue;
        }

        @Override
        public byte[] publicValue() {
            return publicValue.clone();
        }

        @Override
        public String toString() {
            return "DhShare[" + group.name() + "]";
        }
    }
}
