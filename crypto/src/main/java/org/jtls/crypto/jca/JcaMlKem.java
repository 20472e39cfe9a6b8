package org.jtls.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.interfaces.MLKEMPublicKey;
import org.bouncycastle.jcajce.spec.KEMExtractSpec;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;
import org.bouncycastle.jcajce.spec.MLKEMPublicKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.internal.HybridKeyExchange;

/**
 * ML-KEM-768 (FIPS 203) as a TLS 1.3 key exchange (draft-connolly-tls-mlkem-key-agreement): the
 * initiator sends its 1184-byte encapsulation key, the responder encapsulates (1088-byte ciphertext,
 * 32-byte shared secret), and the initiator decapsulates.
 *
 * <p><b>The one primitive the JCA backend takes from Bouncy Castle.</b> JDK 17's providers have no
 * ML-KEM (it arrived in JDK 24), so this class asks Bouncy Castle's JCA provider for it, still through
 * the JCA API ({@link KeyPairGenerator}, {@link KeyFactory}, {@link KeyGenerator} with BC's KEM
 * specs). The provider is a private instance handed to each {@code getInstance} call; it is never
 * registered with {@link java.security.Security}, so nothing else in the JVM sees it.
 *
 * <p>The KEM specs are built without a KDF so the secret is ML-KEM's own 32-byte K. Before
 * encapsulating, the encapsulation key gets the FIPS 203 §7.2 input check here, so rejection does
 * not depend on the provider's own checks.
 */
final class JcaMlKem implements KeyExchange {
    static final int ENCAPSULATION_KEY_LENGTH = HybridKeyExchange.MLKEM768_ENCAPSULATION_KEY_LENGTH;
    static final int CIPHERTEXT_LENGTH = HybridKeyExchange.MLKEM768_CIPHERTEXT_LENGTH;
    static final int SHARED_SECRET_LENGTH = 32;

    /** FIPS 203: q = 3329, and the first 384·k bytes of ek are k·256 coefficients of 12 bits (k = 3). */
    private static final int Q = 3329;
    private static final int ENCODED_POLYNOMIALS_LENGTH = 384 * 3;

    /** Names the shared key inside the provider's SecretKey; ML-KEM's K is not a key for any cipher. */
    private static final String SECRET_ALGORITHM = "Generic";

    private final String name;

    JcaMlKem(String name) {
        this.name = name;
    }

    /** Built on first use and then shared: a provider object is immutable and costly to construct. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-KEM-768", BouncyCastle.PROVIDER);
            generator.initialize(MLKEMParameterSpec.ml_kem_768, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] encapsulationKey = ((MLKEMPublicKey) pair.getPublic()).getPublicData();
            return new MlKemShare(pair.getPrivate(), encapsulationKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle's provider cannot generate ML-KEM-768 keys", e);
        }
    }

    @Override
    public Response respond(byte[] peerPublicValue, SecureRandom random) throws InvalidKeyShareException {
        checkEncapsulationKey(peerPublicValue);
        PublicKey encapsulationKey;
        try {
            encapsulationKey = KeyFactory.getInstance("ML-KEM", BouncyCastle.PROVIDER)
                    .generatePublic(new MLKEMPublicKeySpec(MLKEMParameterSpec.ml_kem_768, peerPublicValue));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidKeyShareException(name + " encapsulation key rejected by the provider", e);
        }
        try {
            KeyGenerator encapsulator = KeyGenerator.getInstance("ML-KEM", BouncyCastle.PROVIDER);
            encapsulator.init(new KEMGenerateSpec.Builder(encapsulationKey, SECRET_ALGORITHM,
                    SHARED_SECRET_LENGTH * 8).withNoKdf().build(), random);
            SecretKeyWithEncapsulation encapsulated = (SecretKeyWithEncapsulation) encapsulator.generateKey();
            return new Response(encapsulated.getEncapsulation(), sharedSecret(encapsulated));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle's provider cannot encapsulate with ML-KEM-768", e);
        }
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
        try {
            KeyGenerator decapsulator = KeyGenerator.getInstance("ML-KEM", BouncyCastle.PROVIDER);
            decapsulator.init(new KEMExtractSpec.Builder(share.decapsulationKey, peerResponse, SECRET_ALGORITHM,
                    SHARED_SECRET_LENGTH * 8).withNoKdf().build());
            // A ciphertext of the right length never fails: FIPS 203's implicit rejection turns a
            // corrupted one into an unrelated secret, and the handshake fails at Finished.
            return sharedSecret(decapsulator.generateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle's provider cannot decapsulate with ML-KEM-768", e);
        }
    }

    /**
     * FIPS 203 §7.2 encapsulation input check: the type check (length 384k + 32) and the modulus
     * check, which is equivalent to every 12-bit coefficient decoded from the first 384k bytes being
     * below q (ByteEncode12 ∘ ByteDecode12 is then the identity).
     */
    static void checkEncapsulationKey(byte[] encapsulationKey) throws InvalidKeyShareException {
        if (encapsulationKey.length != ENCAPSULATION_KEY_LENGTH) {
            throw new InvalidKeyShareException("ML-KEM-768 encapsulation key must be " + ENCAPSULATION_KEY_LENGTH
                    + " bytes, got " + encapsulationKey.length);
        }
        for (int i = 0; i < ENCODED_POLYNOMIALS_LENGTH; i += 3) {
            int b0 = encapsulationKey[i] & 0xFF;
            int b1 = encapsulationKey[i + 1] & 0xFF;
            int b2 = encapsulationKey[i + 2] & 0xFF;
            int first = b0 | (b1 & 0x0F) << 8;
            int second = b1 >>> 4 | b2 << 4;
            if (first >= Q || second >= Q) {
                throw new InvalidKeyShareException("ML-KEM-768 encapsulation key has a coefficient of at least q = "
                        + Q + " (FIPS 203 §7.2 modulus check)");
            }
        }
    }

    private static byte[] sharedSecret(SecretKey key) {
        byte[] secret = key.getEncoded();
        if (secret.length != SHARED_SECRET_LENGTH) {
            throw new IllegalStateException("ML-KEM-768 gave a " + secret.length + "-byte secret");
        }
        return secret;
    }

    private static final class MlKemShare implements KeyShare {
        private final PrivateKey decapsulationKey;
        private final byte[] encapsulationKey;

        MlKemShare(PrivateKey decapsulationKey, byte[] encapsulationKey) {
            this.decapsulationKey = decapsulationKey;
            this.encapsulationKey = encapsulationKey;
        }

        @Override
        public byte[] publicValue() {
            return encapsulationKey.clone();
        }
    }
}
