package org.jtls.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * Looks algorithms up by name in the JDK's installed providers (SUN, SunRsaSign, SunEC, SunJCE).
 * Every algorithm asked for here ships with JDK 17, so a missing one is a broken runtime, not bad
 * input: it becomes an {@link IllegalStateException} naming the algorithm.
 */
final class JcaProviders {
    private JcaProviders() {
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw missing("MessageDigest", algorithm, e);
        }
    }

    static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw missing("Mac", algorithm, e);
        }
    }

    static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw missing("Cipher", transformation, e);
        }
    }

    static KeyPairGenerator keyPairGenerator(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw missing("KeyPairGenerator", algorithm, e);
        }
    }

    static KeyFactory keyFactory(String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw missing("KeyFactory", algorithm, e);
        }
    }

    static KeyAgreement keyAgreement(String algorithm) {
        try {
            return KeyAgreement.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw missing("KeyAgreement", algorithm, e);
        }
    }

    static Signature signature(String algorithm) {
        try {
            return Signature.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw missing("Signature", algorithm, e);
        }
    }

    private static IllegalStateException missing(String service, String algorithm, Exception cause) {
        return new IllegalStateException("this Java runtime has no " + service + " " + algorithm, cause);
    }
}
