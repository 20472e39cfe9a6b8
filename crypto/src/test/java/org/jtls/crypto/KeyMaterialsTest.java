package org.jtls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyMaterialsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(EdwardsCurve.class)
    void edwardsPublicKeysMatchGeneratedPairs(EdwardsCurve curve) {
        for (CryptoBackend backend : new CryptoBackend[] {CryptoBackends.jca(), CryptoBackends.bouncyCastle()}) {
            EdPrivateKey generated = (EdPrivateKey) backend.generateKeyPair(new KeyPairSpec.Ed(curve), RANDOM)
                    .privateKey();
            assertEquals(generated, KeyMaterials.edPrivateKey(curve, generated.seed()), backend.name());
            assertEquals(generated.publicKey(), KeyMaterials.edPrivateKey(curve, generated.seed()).publicKey());
        }
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void ecPublicPointsMatchGeneratedPairs(EcCurve curve) {
        for (CryptoBackend backend : new CryptoBackend[] {CryptoBackends.jca(), CryptoBackends.bouncyCastle()}) {
            EcPrivateKey generated = (EcPrivateKey) backend.generateKeyPair(KeyPairSpec.ec(curve), RANDOM).privateKey();
            assertEquals(generated.publicKey(), KeyMaterials.ecPrivateKey(curve, generated.scalar()).publicKey(),
                    backend.name());
        }
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void scalarsOutsideTheGroupOrderAreRefused(EcCurve curve) {
        assertThrows(IllegalArgumentException.class, () -> KeyMaterials.ecPrivateKey(curve, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> KeyMaterials.ecPrivateKey(curve, BigInteger.ONE.shiftLeft(600)));
    }
}
