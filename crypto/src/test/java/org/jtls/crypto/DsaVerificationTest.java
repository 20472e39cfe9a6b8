package org.jtls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DSA verification on both backends (jtls verifies DSA but never signs with it). Keys and
 * signatures come from elsewhere: the JDK's SUN provider, and OpenSSL, both as a stored known
 * answer and, when an {@code openssl} binary is on the PATH, freshly made.
 */
class DsaVerificationTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SeededRandom RANDOM = new SeededRandom(20261128);

    /**
     * Made with OpenSSL 3.0: {@code openssl genpkey -genparam -algorithm DSA -pkeyopt
     * dsa_paramgen_bits:1024 -pkeyopt dsa_paramgen_q_bits:160}, a key from those parameters, and
     * {@code openssl dgst -sha1 -sign key.pem} over {@link #OPENSSL_MESSAGE}.
     */
    private static final String OPENSSL_PUBLIC_KEY = ""
            + "MIIBtjCCASsGByqGSM44BAEwggEeAoGBANTGnNVJ8PXi4rPiANaya712EtqNRz9cit3aLQehNc+6MyiBGUi/2lio"
            + "V/U6JAgU0CRWXNuzas/SXDELBCFcVBkvln0hUuS7vOunNx2+FZvcO2soEhSzYL6JQAOsc3QCu2gSv19J649EgkRs"
            + "m/zsmSkjzpXeJ3KN25QFU0HPdaNxAhUArPAtQG7iNHRgSCb2NFGaPeYinvcCgYBKWYgm1iJPbo37A0RfR77LWRWR"
            + "DjVvY/bVqa5wXvLmMFileOBcghtdG4KFsgWp+ig4hofCgiIImS7j2KJ8nmAmaVN5Yuvzt4cwFyDwm+tkmBgaDs9B"
            + "DY7/sL+eKG48/cY36D01fEhkpsF4DVvbFzmBzj/ONe4oPyUvzjjbNxXsQgOBhAACgYBRKQDveTdc7O93x7ddVZxV"
            + "ZkB4nOHv/aIgBKAxLHFcmrhO2tkGj6RZya0Gy0+Td8u4tdJaphCN44rWBAZkukGG1jKSzLE9gNm/VMBPGL9PG7bU"
            + "wvyjs1VjWpefDCy++Wt/p0NH+7GOcv3dmH74LThLg6rlfbe/LN+aegQILhrHaA==";
    private static final String OPENSSL_MESSAGE = "jtls DSA known answer, SHA-1";
    private static final String OPENSSL_SIGNATURE = ""
            + "302d02146526efdc296c698231fa792388c18b7e659caddd0215009e6ac7714d39ad1cd2a5826596366f3654"
            + "850f2c";

    private static final KeyPair JDK_DSA_2048 = generate(2048);
    private static final KeyPair JDK_DSA_1024 = generate(1024);

    static List<CryptoBackend> backends() {
        return List.of(CryptoBackends.jca(), CryptoBackends.bouncyCastle(), CryptoBackends.defaultBackend());
    }

    private static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DsaPublicKey material(java.security.PublicKey key) {
        DSAPublicKey dsa = (DSAPublicKey) key;
        return new DsaPublicKey(dsa.getParams().getP(), dsa.getParams().getQ(), dsa.getParams().getG(), dsa.getY());
    }

    private static DsaPublicKey fromSpki(byte[] spki) throws GeneralSecurityException {
        return material(KeyFactory.getInstance("DSA").generatePublic(new X509EncodedKeySpec(spki)));
    }

    private static byte[] jdkSign(String algorithm, PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(key, RANDOM);
        signature.update(message);
        return signature.sign();
    }

    /** The JDK's name for a DSA algorithm and a key it will sign with (SUN refuses SHA-1 with a 256-bit q). */
    private static KeyPair keyFor(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.DSA_SHA1 ? JDK_DSA_1024 : JDK_DSA_2048;
    }

    private static String jdkName(SignatureAlgorithm algorithm) {
        return algorithm.hash().name() + "withDSA";
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = "DSA_.*", mode = EnumSource.Mode.MATCH_ALL)
    void jdkSignaturesVerifyOnEveryBackendAndTamperingIsDetected(SignatureAlgorithm algorithm) throws Exception {
        KeyPair pair = keyFor(algorithm);
        DsaPublicKey key = material(pair.getPublic());
        byte[] message = "certificate to be signed".getBytes(StandardCharsets.UTF_8);
        byte[] signature = jdkSign(jdkName(algorithm), pair.getPrivate(), message);
        for (CryptoBackend backend : backends()) {
            Verifier verifier = backend.verifier(algorithm, key);
            assertEquals(algorithm, verifier.algorithm());
            assertTrue(verifier.verify(message, signature), backend.name() + " " + algorithm);
            for (int bit = 0; bit < signature.length * 8; bit += 7) {
                byte[] flipped = signature.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                assertFalse(verifier.verify(message, flipped), backend.name() + " accepted flipped bit " + bit);
            }
            byte[] otherMessage = message.clone();
            otherMessage[3] ^= 0x20;
            assertFalse(verifier.verify(otherMessage, signature), backend.name() + " accepted another message");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = "DSA_.*", mode = EnumSource.Mode.MATCH_ALL)
    void backendsAgreeOnManyMessages(SignatureAlgorithm algorithm) throws Exception {
        KeyPair pair = keyFor(algorithm);
        DsaPublicKey key = material(pair.getPublic());
        Verifier jca = CryptoBackends.jca().verifier(algorithm, key);
        Verifier bc = CryptoBackends.bouncyCastle().verifier(algorithm, key);
        for (int length = 0; length < 300; length += 23) {
            byte[] message = new byte[length];
            RANDOM.nextBytes(message);
            byte[] signature = jdkSign(jdkName(algorithm), pair.getPrivate(), message);
            assertTrue(jca.verify(message, signature), "jca, " + length + " bytes");
            assertTrue(bc.verify(message, signature), "bc, " + length + " bytes");
            byte[] wrongHash = jdkSign(algorithm == SignatureAlgorithm.DSA_SHA256 ? "SHA224withDSA" : "SHA256withDSA",
                    pair.getPrivate(), message);
            assertEquals(jca.verify(message, wrongHash), bc.verify(message, wrongHash));
            assertFalse(bc.verify(message, wrongHash), "a signature over another hash");
        }
    }

    @Test
    void opensslKnownAnswerVerifiesOnEveryBackend() throws Exception {
        DsaPublicKey key = fromSpki(Base64.getDecoder().decode(OPENSSL_PUBLIC_KEY));
        assertEquals(1024, key.bitLength());
        assertEquals(160, key.q().bitLength());
        byte[] message = OPENSSL_MESSAGE.getBytes(StandardCharsets.US_ASCII);
        byte[] signature = HEX.parseHex(OPENSSL_SIGNATURE);
        for (CryptoBackend backend : backends()) {
            assertTrue(backend.verifier(SignatureAlgorithm.DSA_SHA1, key).verify(message, signature), backend.name());
            assertFalse(backend.verifier(SignatureAlgorithm.DSA_SHA256, key).verify(message, signature),
                    backend.name() + " accepted a SHA-1 signature as SHA-256");
        }
    }

    @Test
    void freshOpensslSignatureVerifies(@TempDir Path directory) throws Exception {
        Assumptions.assumeTrue(opensslAvailable(), "no openssl binary on the PATH");
        Path parameters = directory.resolve("parameters.pem");
        Path privateKey = directory.resolve("key.pem");
        Path publicKey = directory.resolve("public.der");
        Path message = directory.resolve("message");
        Path signature = directory.resolve("signature");
        Files.write(message, "signed by openssl dgst -sha1".getBytes(StandardCharsets.US_ASCII));
        openssl("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024",
                "-pkeyopt", "dsa_paramgen_q_bits:160", "-out", parameters.toString());
        openssl("genpkey", "-paramfile", parameters.toString(), "-out", privateKey.toString());
        openssl("pkey", "-in", privateKey.toString(), "-pubout", "-outform", "DER", "-out", publicKey.toString());
        openssl("dgst", "-sha1", "-sign", privateKey.toString(), "-out", signature.toString(), message.toString());

        DsaPublicKey key = fromSpki(Files.readAllBytes(publicKey));
        byte[] signed = Files.readAllBytes(message);
        byte[] signatureBytes = Files.readAllBytes(signature);
        for (CryptoBackend backend : backends()) {
            assertTrue(backend.verifier(SignatureAlgorithm.DSA_SHA1, key).verify(signed, signatureBytes),
                    backend.name());
        }
    }

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void openssl(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl timed out");
        assertEquals(0, process.exitValue(), "openssl " + String.join(" ", arguments) + ":\n" + output);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void malformedSignaturesAreFalseNotExceptions(CryptoBackend backend) throws Exception {
        DsaPublicKey key = material(JDK_DSA_2048.getPublic());
        byte[] message = "message".getBytes(StandardCharsets.UTF_8);
        byte[] valid = jdkSign("SHA256withDSA", JDK_DSA_2048.getPrivate(), message);
        Verifier verifier = backend.verifier(SignatureAlgorithm.DSA_SHA256, key);
        BigInteger q = key.q();
        List<byte[]> malformed = List.of(new byte[0], new byte[] {0x30}, new byte[] {0x30, 0x00},
                Arrays.copyOf(valid, valid.length - 1), Arrays.copyOf(valid, valid.length + 1),
                concat(valid, valid), new byte[valid.length], filled(valid.length, (byte) 0xFF),
                derPair(BigInteger.ZERO, BigInteger.ONE), derPair(BigInteger.ONE, BigInteger.ZERO),
                derPair(q, BigInteger.ONE), derPair(BigInteger.ONE, q), derPair(BigInteger.ONE.negate(), BigInteger.ONE),
                // r and s of a valid signature plus q: the same values mod q, but out of range.
                derPair(r(valid).add(q), s(valid)), derPair(r(valid), s(valid).add(q)));
        for (byte[] bad : malformed) {
            assertFalse(verifier.verify(message, bad), backend.name() + " accepted " + HEX.formatHex(bad));
        }
        assertTrue(verifier.verify(message, derPair(r(valid), s(valid))), "re-encoding a valid signature");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void unusableKeysRejectEverySignatureWithoutThrowing(CryptoBackend backend) throws Exception {
        DsaPublicKey good = material(JDK_DSA_2048.getPublic());
        byte[] message = "message".getBytes(StandardCharsets.UTF_8);
        byte[] signature = jdkSign("SHA256withDSA", JDK_DSA_2048.getPrivate(), message);
        BigInteger p = good.p();
        BigInteger q = good.q();
        BigInteger g = good.g();
        List<DsaPublicKey> unusable = List.of(
                new DsaPublicKey(p, q, g, BigInteger.ONE),
                new DsaPublicKey(p, q, g, p),
                new DsaPublicKey(p, q, g, p.add(good.y())),
                new DsaPublicKey(p, q, BigInteger.ONE, good.y()),
                new DsaPublicKey(p, q.add(BigInteger.TWO), g, good.y()),
                new DsaPublicKey(p.shiftLeft(DsaPublicKey.MAX_P_BITS).add(BigInteger.ONE), q, g, good.y()));
        for (DsaPublicKey key : unusable) {
            assertFalse(key.isWellFormed());
            assertFalse(backend.verifier(SignatureAlgorithm.DSA_SHA256, key).verify(message, signature),
                    backend.name());
        }
        assertTrue(good.isWellFormed());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void dsaIsVerifyOnlyAndTakesOnlyDsaKeys(CryptoBackend backend) {
        DsaPublicKey dsa = material(JDK_DSA_2048.getPublic());
        KeyPairMaterial ec = backend.generateKeyPair(KeyPairSpec.ec(EcCurve.P256), RANDOM);
        assertFalse(SignatureAlgorithm.Family.DSA.canSign());
        assertTrue(SignatureAlgorithm.DSA_SHA256.acceptsKey(dsa));
        assertFalse(SignatureAlgorithm.DSA_SHA256.acceptsKey(ec.publicKey()));
        assertFalse(SignatureAlgorithm.ECDSA_SHA256.acceptsKey(dsa));
        assertThrows(IllegalArgumentException.class, () -> backend.verifier(SignatureAlgorithm.ECDSA_SHA256, dsa));
        assertThrows(IllegalArgumentException.class,
                () -> backend.verifier(SignatureAlgorithm.DSA_SHA256, ec.publicKey()));
        assertThrows(IllegalArgumentException.class,
                () -> backend.signer(SignatureAlgorithm.DSA_SHA256, ec.privateKey()));
    }

    @Test
    void keyValuesMustBePositive() {
        BigInteger one = BigInteger.ONE;
        assertThrows(IllegalArgumentException.class, () -> new DsaPublicKey(BigInteger.ZERO, one, one, one));
        assertThrows(IllegalArgumentException.class, () -> new DsaPublicKey(one, one, one, one.negate()));
        assertThrows(NullPointerException.class, () -> new DsaPublicKey(one, null, one, one));
        assertEquals("DSA", material(JDK_DSA_1024.getPublic()).algorithm());
    }

    private static BigInteger r(byte[] der) {
        return new BigInteger(Arrays.copyOfRange(der, 4, 4 + der[3]));
    }

    private static BigInteger s(byte[] der) {
        int at = 4 + der[3];
        return new BigInteger(Arrays.copyOfRange(der, at + 2, at + 2 + der[at + 1]));
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }}, short-form lengths only (enough for these sizes). */
    private static byte[] derPair(BigInteger r, BigInteger s) {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        byte[] out = new byte[6 + rBytes.length + sBytes.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rBytes.length + sBytes.length);
        out[2] = 0x02;
        out[3] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, out, 4, rBytes.length);
        out[4 + rBytes.length] = 0x02;
        out[5 + rBytes.length] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, out, 6 + rBytes.length, sBytes.length);
        return out;
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
