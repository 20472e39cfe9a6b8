package org.jtls.crypto.bc;

import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.internal.HybridKeyExchange;

/**
 * ML-KEM-768 (FIPS 203) as a key exchange (draft-connolly-tls-mlkem-key-agreement): the initiator
 * sends its encapsulation key, the responder encapsulates to it and returns the ciphertext, the
 * initiator decapsulates. The secret is ML-KEM's 32-byte shared key.
 */
final class BcMlKem768 implements KeyExchange {
    static final int ENCAPSULATION_KEY_LENGTH = HybridKeyExchange.MLKEM768_ENCAPSULATION_KEY_LENGTH;
    static final int CIPHERTEXT_LENGTH = HybridKeyExchange.MLKEM768_CIPHERTEXT_LENGTH;
    /** The encoded vector t̂: k = 3 polynomials of 256 coefficients, 12 bits each; ρ (32 bytes) follows. */
    private static final int ENCODED_VECTOR_LENGTH = 3 * 384;
    private static final int Q = 3329;

    private final String name;

    BcMlKem768(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] encapsulationKey = ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded();
        return new MlKemShare((MLKEMPrivateKeyParameters) pair.getPrivate(), encapsulationKey);
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        checkEncapsulationKey(peerPublicValue);
        MLKEMPublicKeyParameters encapsulationKey;
        try {
            encapsulationKey = new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, peerPublicValue);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyShareException(name + ": encapsulation key rejected", e);
        }
        SecretWithEncapsulation encapsulated = new MLKEMGenerator(random).generateEncapsulated(encapsulationKey);
        return new Response(encapsulated.getEncapsulation(), encapsulated.getSecret());
    }

    @Override
    public byte[] complete(KeyShare ownShare, byte[] peerResponse) throws InvalidKeyShareException {
        if (!(ownShare instanceof MlKemShare share)) {
            throw new IllegalArgumentException("key share was not made by this " + name + " key exchange");
        }
        if (peerResponse.length != CIPHERTEXT_LENGTH) {
            throw new InvalidKeyShareException(name + " ciphertext must be " + CIPHERTEXT_LENGTH + " bytes, got "
                    + peerResponse.length);
        }
        // Decapsulation never fails on a well-sized ciphertext: a forged one yields the implicit-rejection
        // key (FIPS 203 §6.3), and the handshake then fails at Finished.
        return new MLKEMExtractor(share.decapsulationKey).extractSecret(peerResponse);
    }

    /**
     * FIPS 203 §7.2 encapsulation input check: the type check (length 384k + 32) and the modulus check
     * ByteEncode12(ByteDecode12(ek[0:384k])) == ek[0:384k], i.e. every 12-bit coefficient is below q.
     */
    static void checkEncapsulationKey(byte[] encapsulationKey) throws InvalidKeyShareException {
        if (encapsulationKey.length != ENCAPSULATION_KEY_LENGTH) {
            throw new InvalidKeyShareException("ML-KEM-768 encapsulation key must be " + ENCAPSULATION_KEY_LENGTH
                    + " bytes, got " + encapsulationKey.length);
        }
        // Every 3 bytes carry two little-endian 12-bit coefficients (FIPS 203 Algorithm 5/6).
        for (int i = 0; i < ENCODED_VECTOR_LENGTH; i += 3) {
            int b0 = encapsulationKey[i] & 0xFF;
            int b1 = encapsulationKey[i + 1] & 0xFF;
            int b2 = encapsulationKey[i + 2] & 0xFF;
            int first = b0 | (b1 & 0x0F) << 8;
            int second = b1 >>> 4 | b2 << 4;
            if (first >= Q || second >= Q) {
                throw new InvalidKeyShareException("ML-KEM-768 encapsulation key has a coefficient ≥ q (FIPS 203 §7.2)");
            }
        }
    }

    private static final class MlKemShare implements KeyShare {
        private final MLKEMPrivateKeyParameters decapsulationKey;
        private final byte[] encapsulationKey;

        MlKemShare(MLKEMPrivateKeyParameters decapsulationKey, byte[] encapsulationKey) {
            this.decapsulationKey = decapsulationKey;
            this.encapsulationKey = encapsulationKey;
        }

        @Override
        public byte[] publicValue() {
            return encapsulationKey.clone();
        }

        @Override
        public String toString() {
            return "MlKemShare[ML-KEM-768]";
        }
    }
}
