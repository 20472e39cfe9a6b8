package org.jtls.x509.pbe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.HashAlgorithm;

/**
 * The three password-based key derivations against published vectors and independent
 * implementations: PBKDF2 against RFC 6070 and the JDK's {@code PBKDF2WithHmac...}; the PKCS#12
 * KDF and OpenSSL's {@code EVP_BytesToKey} against Bouncy Castle's generators. Both crypto backends
 * are used.
 */
class PbeKdfProperties {
    private static final CryptoBackend JCA = CryptoBackends.jca();
    private static final CryptoBackend BC = CryptoBackends.bouncyCastle();

    @Example
    void pbkdf2MatchesRfc6070() {
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        assertEquals("0c60c80f961f0e71f3a9b524af6012062fe037a6", hex(Pbkdf2.derive(JCA, HashAlgorithm.SHA1, password,
                salt, 1, 20)));
        assertEquals("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", hex(Pbkdf2.derive(BC, HashAlgorithm.SHA1, password,
                salt, 2, 20)));
        assertEquals("4b007901b765489abead49d926f721d065a429c1", hex(Pbkdf2.derive(JCA, HashAlgorithm.SHA1, password,
                salt, 4096, 20)));
        assertEquals("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038", hex(Pbkdf2.derive(BC, HashAlgorithm.SHA1,
                "passwordPASSWORDpassword".getBytes(StandardCharsets.US_ASCII),
                "saltSALTsaltSALTsaltSALTsaltSALTsalt".getBytes(StandardCharsets.US_ASCII), 4096, 25)));
        assertEquals("56fa6aa75548099dcc37d7f03425e0c3", hex(Pbkdf2.derive(JCA, HashAlgorithm.SHA1,
                "pass\0word".getBytes(StandardCharsets.US_ASCII), "sa\0lt".getBytes(StandardCharsets.US_ASCII), 4096, 16)));
    }

    @Property(tries = 60)
    void pbkdf2MatchesTheJdk(@ForAll @StringLength(min = 1, max = 40) String password,
            @ForAll @Size(min = 1, max = 40) byte[] salt, @ForAll @IntRange(min = 1, max = 300) int iterations,
            @ForAll @IntRange(min = 1, max = 100) int length, @ForAll("prfs") HashAlgorithm prf) throws Exception {
        // The JDK's PBKDF2 encodes the password as UTF-8, as Passwords.utf8 does.
        String validPassword = password.codePoints().allMatch(Character::isValidCodePoint)
                && !password.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? password : "fallback";
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmac" + prf.name());
        byte[] expected = factory.generateSecret(new PBEKeySpec(validPassword.toCharArray(), salt, iterations,
                length * 8)).getEncoded();
        byte[] passwordBytes = Passwords.utf8(validPassword.toCharArray());
        assertArrayEquals(expected, Pbkdf2.derive(JCA, prf, passwordBytes, salt, iterations, length));
        assertArrayEquals(expected, Pbkdf2.derive(BC, prf, passwordBytes, salt, iterations, length));
    }

    @Provide
    Arbitrary<HashAlgorithm> prfs() {
        return Arbitraries.of(HashAlgorithm.SHA1, HashAlgorithm.SHA224, HashAlgorithm.SHA256,
                HashAlgorithm.SHA384, HashAlgorithm.SHA512);
    }

    @Property(tries = 60)
    void pkcs12KdfMatchesBouncyCastle(@ForAll @StringLength(max = 30) String password,
            @ForAll @Size(max = 70) byte[] salt, @ForAll @IntRange(min = 1, max = 50) int iterations,
            @ForAll @IntRange(min = 1, max = 200) int length, @ForAll("pkcs12Hashes") HashAlgorithm hash,
            @ForAll Pkcs12Kdf.Purpose purpose) {
        PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(switch (hash) {
            case SHA1 -> new SHA1Digest();
            case SHA256 -> new SHA256Digest();
            default -> new SHA512Digest();
        });
        char[] chars = password.toCharArray();
        byte[] bmp = PBEParametersGenerator.PKCS12PasswordToBytes(chars);
        if (chars.length > 0) {
            // BC turns the empty password into no bytes at all rather than the lone terminator.
            assertArrayEquals(bmp, Passwords.bmpWithTerminator(chars));
        }
        generator.init(bmp, salt, iterations);
        byte[] expected = switch (purpose) {
            case ENCRYPTION_KEY -> key(generator.generateDerivedParameters(length * 8));
            case MAC_KEY -> key(generator.generateDerivedMacParameters(length * 8));
            case IV -> ivOf(generator, length);
        };
        assertArrayEquals(expected, Pkcs12Kdf.derive(JCA, hash, purpose, bmp, salt, iterations, length));
        assertArrayEquals(expected, Pkcs12Kdf.derive(BC, hash, purpose, bmp, salt, iterations, length));
    }

    /** BC derives the IV only together with a key; ask for a one-byte key and take the IV part. */
    private static byte[] ivOf(PKCS12ParametersGenerator generator, int length) {
        CipherParameters parameters = generator.generateDerivedParameters(8, length * 8);
        return ((ParametersWithIV) parameters).getIV();
    }

    @Provide
    Arbitrary<HashAlgorithm> pkcs12Hashes() {
        return Arbitraries.of(HashAlgorithm.SHA1, HashAlgorithm.SHA256, HashAlgorithm.SHA512);
    }

    @Property(tries = 40)
    void evpBytesToKeyMatchesBouncyCastle(@ForAll @StringLength(max = 30) String password,
            @ForAll @Size(8) byte[] salt, @ForAll @IntRange(min = 1, max = 64) int length) {
        String ascii = password.chars().allMatch(c -> c < 0x80) ? password : "ascii only";
        OpenSSLPBEParametersGenerator generator = new OpenSSLPBEParametersGenerator();
        generator.init(PBEParametersGenerator.PKCS5PasswordToBytes(ascii.toCharArray()), salt);
        byte[] expected = key(generator.generateDerivedParameters(length * 8));
        byte[] passwordBytes = Passwords.utf8(ascii.toCharArray());
        assertArrayEquals(expected, LegacyPemEncryption.bytesToKey(JCA, passwordBytes, salt, length));
        assertArrayEquals(expected, LegacyPemEncryption.bytesToKey(BC, passwordBytes, salt, length));
    }

    @Example
    void bmpPasswordEndsWithTwoZeroBytes() {
        assertEquals("0061006200e90000", hex(Passwords.bmpWithTerminator("abé".toCharArray())));
        assertEquals("0000", hex(Passwords.bmpWithTerminator(new char[0])));
    }

    private static byte[] key(CipherParameters parameters) {
        return ((KeyParameter) parameters).getKey();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
