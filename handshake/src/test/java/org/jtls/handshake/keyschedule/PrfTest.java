package org.jtls.handshake.keyschedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.ProtocolVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS PRFs against OpenSSL's independent implementation. The fixed vectors were produced on
 * 2026-11-28 with OpenSSL 3.0.19's {@code openssl kdf TLS1-PRF} (which takes the label as the first
 * seed, as RFC 5246 §5 concatenates them), e.g.
 * {@code openssl kdf -keylen 104 -kdfopt digest:SHA256 -kdfopt hexsecret:S -kdfopt seed:'key expansion'
 * -kdfopt hexseed:R TLS1-PRF}; digest MD5-SHA1 selects the TLS 1.0/1.1 PRF. The live test repeats
 * the comparison with random inputs when openssl is installed.
 */
class PrfTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SECRET = HEX.parseHex(
            "50df30261e418dba8e463af4d798e9cdbda53913a8f445b0c7805d12c6ba1a76e01363eacd9e5f5524c2c491fa9a64bf");
    private static final byte[] SEED = HEX.parseHex(
            "ff82ab109de624be7ba7b28b10c570e159b7e0b86bc0e50dc60de69ef039c45464bfe3136698c457bd82f37715e129c9"
                    + "4e05ea352ae2bb60e602ad4b1fd3d9d2");

    private static CryptoBackend backend(String name) {
        return CryptoBackends.byName(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void tls12Sha256MatchesOpenssl(String backendName) {
        byte[] expected = HEX.parseHex("996389f2bd42aea5e500b395fba7f9ec4c5b16aa3eebb9f652fb334199df3d6f0298e9347f16"
                + "2f7aef498e51b11a0133d4a35f84cb2db0253d603f002bbfcb6fd5cf060d0233e851999aa2097263816436fd025b8ca9f3"
                + "3b1f0a85989d362e1520d2e52a534295dd");
        Prf prf = Prf.forVersion(backend(backendName), ProtocolVersion.TLS_1_2, HashAlgorithm.SHA256);
        assertArrayEquals(expected, prf.compute(SECRET, "key expansion", SEED, 104));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void tls12Sha384MatchesOpenssl(String backendName) {
        byte[] expected = HEX.parseHex("ff0bc3b128063636dbc205ddce36ba9fedbaaa8703df139d5a8687f36f24be7c53c0311dcbbe"
                + "a9b143985982d54cb3e15006a61f1b4157c8497ea0cea2831cd5ef3a31bb2bb6a3d3d05d787242afc179c795631da27f18"
                + "3cf34e4ad960c016c63d0087ad6c38d253");
        Prf prf = Prf.forVersion(backend(backendName), ProtocolVersion.TLS_1_2, HashAlgorithm.SHA384);
        assertArrayEquals(expected, prf.compute(SECRET, "key expansion", SEED, 104));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void tls10PrfMatchesOpenssl(String backendName) {
        byte[] expected = HEX.parseHex("7aed4e792697d61bc7e7495cad74eb2876ec9502bfe8da30bf6d1f710248d9f12b91c67a774e"
                + "d0fadf13df8f8fc8e795377fef40f54275558d8d9d5ca18123b04c8c62304ea42f3685903e9475a1d31cf2535560d14a70"
                + "70f602822fc4712dc5b3eca4e0c1262818");
        for (ProtocolVersion version : new ProtocolVersion[] {ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_1}) {
            Prf prf = Prf.forVersion(backend(backendName), version, null);
            assertArrayEquals(expected, prf.compute(SECRET, "key expansion", SEED, 104), version.displayName());
        }
    }

    /** An odd-length secret: S1 and S2 share the middle byte (RFC 2246 §5). */
    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void tls10PrfSplitsOddSecretsWithASharedByte(String backendName) {
        byte[] secret = HEX.parseHex("0102030405060708090a0b0c0d0e0f1011121314151617");
        byte[] expected = HEX.parseHex("e32b90d8664b8d649baddf59dca59a0f664719ec90688e25e0e08ede284104126c5d67702b20943e");
        Prf prf = Prf.forVersion(backend(backendName), ProtocolVersion.TLS_1_0, null);
        assertArrayEquals(expected, prf.compute(secret, "client finished", SEED, 40));
    }

    @Test
    void randomInputsAgreeWithOpensslWhenInstalled() throws Exception {
        Assumptions.assumeTrue(opensslAvailable(), "openssl not installed: live PRF comparison skipped");
        SecureRandom random = new SecureRandom();
        String[][] cases = {{"SHA256", "TLS_1_2"}, {"SHA384", "TLS_1_2"}, {"MD5-SHA1", "TLS_1_0"}};
        for (String[] testCase : cases) {
            for (int i = 0; i < 4; i++) {
                byte[] secret = new byte[1 + random.nextInt(80)];
                byte[] seed = new byte[1 + random.nextInt(80)];
                random.nextBytes(secret);
                random.nextBytes(seed);
                int length = 1 + random.nextInt(200);
                HashAlgorithm hash = testCase[0].equals("SHA384") ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
                Prf prf = Prf.forVersion(CryptoBackends.defaultBackend(), ProtocolVersion.valueOf(testCase[1]), hash);
                byte[] ours = prf.compute(secret, "master secret", seed, length);
                byte[] theirs = opensslPrf(testCase[0], secret, "master secret", seed, length);
                assertArrayEquals(theirs, ours, testCase[0] + " secret=" + HEX.formatHex(secret));
            }
        }
    }

    /** SSL 3.0's derivation written out with the JDK's MessageDigest, independently of the backends. */
    @ParameterizedTest
    @ValueSource(strings = {"jca", "bc"})
    void ssl3DerivationFollowsRfc6101(String backendName) throws Exception {
        Prf prf = Prf.forVersion(backend(backendName), ProtocolVersion.SSL_3_0, null);
        byte[] derived = prf.ssl3(SECRET, SEED, 104);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        String[] salts = {"A", "BB", "CCC", "DDDD", "EEEEE", "FFFFFF", "GGGGGGG"};
        byte[] expected = new byte[7 * 16];
        for (int i = 0; i < salts.length; i++) {
            sha1.update(salts[i].getBytes(StandardCharsets.US_ASCII));
            sha1.update(SECRET);
            sha1.update(SEED);
            md5.update(SECRET);
            md5.update(sha1.digest());
            System.arraycopy(md5.digest(), 0, expected, 16 * i, 16);
        }
        assertArrayEquals(java.util.Arrays.copyOf(expected, 104), derived);
        assertArrayEquals(derived, prf.compute(SECRET, "", SEED, 104));
        assertEquals(48, prf.ssl3(SECRET, SEED, 48).length);
    }

    @Test
    void misuseIsRefused() {
        CryptoBackend crypto = CryptoBackends.jca();
        assertThrows(IllegalArgumentException.class, () -> Prf.forVersion(crypto, ProtocolVersion.TLS_1_3, null));
        assertThrows(IllegalArgumentException.class,
                () -> Prf.forVersion(crypto, ProtocolVersion.TLS_1_2, HashAlgorithm.SHA1));
        Prf ssl3 = Prf.forVersion(crypto, ProtocolVersion.SSL_3_0, null);
        assertThrows(IllegalArgumentException.class, () -> ssl3.compute(SECRET, "master secret", SEED, 48));
        assertThrows(IllegalArgumentException.class, () -> ssl3.ssl3(SECRET, SEED, 417));
    }

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] opensslPrf(String digest, byte[] secret, String label, byte[] seed, int length)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("openssl", "kdf", "-keylen", Integer.toString(length),
                "-kdfopt", "digest:" + digest, "-kdfopt", "hexsecret:" + HEX.formatHex(secret),
                "-kdfopt", "seed:" + label, "-kdfopt", "hexseed:" + HEX.formatHex(seed), "TLS1-PRF")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl kdf failed: " + output);
        }
        return HEX.parseHex(output.replace(":", "").toLowerCase(java.util.Locale.ROOT));
    }
}
