package org.jtls.crypto.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CbcAlgorithm;
import org.jtls.crypto.HashAlgorithm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CipherSuiteTest {

    @Test
    void codesAndNamesAreUnique() {
        Set<Integer> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (CipherSuite suite : CipherSuite.values()) {
            assertTrue(codes.add(suite.code()), suite + " reuses code " + Integer.toHexString(suite.code()));
            assertTrue(names.add(suite.ianaName().toLowerCase(Locale.ROOT)), suite + " reuses a name");
            if (!suite.isTls13()) {
                assertTrue(names.add(suite.opensslName().toLowerCase(Locale.ROOT)), suite + " reuses a name");
            }
        }
        for (SignalingCipherSuiteValue value : SignalingCipherSuiteValue.values()) {
            assertFalse(codes.contains(value.code()), value + " collides with a cipher suite");
        }
    }

    @Test
    void everySuiteIsFoundByCodeIanaNameAndOpensslName() {
        for (CipherSuite suite : CipherSuite.values()) {
            assertEquals(Optional.of(suite), CipherSuite.fromCode(suite.code()));
            assertEquals(Optional.of(suite), CipherSuite.fromIanaName(suite.ianaName()));
            assertEquals(Optional.of(suite), CipherSuite.fromIanaName(suite.ianaName().toLowerCase(Locale.ROOT)));
            assertEquals(Optional.of(suite), CipherSuite.fromOpensslName(suite.opensslName()));
            assertEquals(Optional.of(suite), CipherSuite.fromName(suite.opensslName().toLowerCase(Locale.ROOT)));
            assertEquals(Optional.of(suite), CipherSuite.fromName(suite.ianaName()));
        }
        assertEquals(Optional.empty(), CipherSuite.fromCode(0x0000));
        assertEquals(Optional.empty(), CipherSuite.fromCode(0x00FF));
        assertEquals(Optional.empty(), CipherSuite.fromName("RC4-SHA"));
        assertEquals(Optional.empty(), CipherSuite.fromIanaName("ECDHE-RSA-AES128-GCM-SHA256"));
        assertEquals(Optional.empty(), CipherSuite.fromOpensslName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
    }

    @Test
    void signalingValuesHaveTheirRfcCodes() {
        assertEquals(0x00FF, SignalingCipherSuiteValue.TLS_EMPTY_RENEGOTIATION_INFO_SCSV.code());
        assertEquals(0x5600, SignalingCipherSuiteValue.TLS_FALLBACK_SCSV.code());
        assertEquals(Optional.of(SignalingCipherSuiteValue.TLS_FALLBACK_SCSV), SignalingCipherSuiteValue.fromCode(0x5600));
        assertEquals(Optional.empty(), SignalingCipherSuiteValue.fromCode(0xC02F));
    }

    @Test
    void theIanaNameSpellsOutTheParts() {
        for (CipherSuite suite : CipherSuite.values()) {
            String name = suite.ianaName();
            if (suite.isTls13()) {
                assertTrue(name.startsWith("TLS_" + suite.cipher().name() + "_"), name);
                continue;
            }
            String prefix = "TLS_" + suite.keyExchange() + (suite.keyExchange() == CipherSuite.KeyExchange.RSA
                    ? "" : "_" + suite.authentication()) + "_WITH_";
            assertTrue(name.startsWith(prefix), name + " should start with " + prefix);
            String cipherPart = suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC ? "3DES_EDE_CBC" : suite.cipher().name();
            assertTrue(name.startsWith(prefix + cipherPart), name + " should name " + cipherPart);
            String macPart = switch (suite.mac()) {
                case AEAD -> "";
                case HMAC_MD5 -> "_MD5";
                case HMAC_SHA1 -> "_SHA";
                case HMAC_SHA256 -> "_SHA256";
                case HMAC_SHA384 -> "_SHA384";
            };
            assertTrue(name.endsWith(cipherPart + macPart) || suite.isAead(), name + " should end in its MAC");
        }
    }

    @Test
    void tableHasTheFamiliesTheDesignNames() {
        assertEquals(5, count(CipherSuite::isTls13));
        assertEquals(8, count(suite -> !suite.isTls13() && suite.cipher().aeadAlgorithm().map(AeadAlgorithm::isGcm).orElse(false)));
        assertEquals(12, count(suite -> !suite.isTls13() && suite.cipher().aeadAlgorithm().map(AeadAlgorithm::isCcm).orElse(false)));
        assertEquals(3, count(suite -> !suite.isTls13() && suite.cipher() == BulkCipher.CHACHA20_POLY1305));
        assertEquals(16, count(suite -> suite.cipher() == BulkCipher.AES_128_CBC || suite.cipher() == BulkCipher.AES_256_CBC));
        assertEquals(4, count(suite -> suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC));
        assertEquals(5, count(suite -> suite.cipher() == BulkCipher.NULL));
        assertEquals(53, CipherSuite.values().length);
    }

    @Test
    void versionRangesFollowTheCipherAndMac() {
        assertRange(CipherSuite.TLS_AES_128_GCM_SHA256, ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_3);
        assertRange(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_RSA_WITH_NULL_SHA256, ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA, ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_RSA_WITH_NULL_MD5, ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_2);
        assertRange(CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA, ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_2);
        assertTrue(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA.supports(ProtocolVersion.SSL_3_0));
        assertTrue(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA.supports(ProtocolVersion.TLS_1_1));
        assertFalse(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA.supports(ProtocolVersion.TLS_1_3));
        assertFalse(CipherSuite.TLS_AES_128_GCM_SHA256.supports(ProtocolVersion.TLS_1_2));
        assertFalse(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256.supports(ProtocolVersion.TLS_1_1));
        for (CipherSuite suite : CipherSuite.values()) {
            // TLS 1.3 and TLS <= 1.2 suites never overlap; every older suite works in TLS 1.2.
            assertEquals(suite.isTls13(), suite.supports(ProtocolVersion.TLS_1_3), suite.name());
            assertEquals(!suite.isTls13(), suite.supports(ProtocolVersion.TLS_1_2), suite.name());
            boolean legacyUsable = !suite.isTls13() && !suite.isAead()
                    && (suite.mac() == MacAlgorithm.HMAC_SHA1 || suite.mac() == MacAlgorithm.HMAC_MD5);
            assertEquals(legacyUsable, suite.supports(ProtocolVersion.SSL_3_0), suite.name());
            assertEquals(legacyUsable, suite.supports(ProtocolVersion.TLS_1_1), suite.name());
        }
    }

    @Test
    void prfHashIsSha256UnlessTheSuiteSaysSha384() {
        assertEquals(HashAlgorithm.SHA384, CipherSuite.TLS_AES_256_GCM_SHA384.prfHash());
        assertEquals(HashAlgorithm.SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256.prfHash());
        assertEquals(HashAlgorithm.SHA256, CipherSuite.TLS_AES_128_CCM_8_SHA256.prfHash());
        assertEquals(HashAlgorithm.SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384.prfHash());
        assertEquals(HashAlgorithm.SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384.prfHash());
        assertEquals(HashAlgorithm.SHA256, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA.prfHash());
        assertEquals(HashAlgorithm.SHA256, CipherSuite.TLS_RSA_WITH_AES_256_CCM_8.prfHash());
        assertEquals(HashAlgorithm.SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256.prfHash());
        assertEquals(HashAlgorithm.SHA256, CipherSuite.TLS_RSA_WITH_NULL_MD5.prfHash());
    }

    @Test
    void bulkCiphersMapToTheBackendAlgorithms() {
        assertEquals(Optional.of(AeadAlgorithm.AES_128_GCM), BulkCipher.AES_128_GCM.aeadAlgorithm());
        assertEquals(Optional.of(AeadAlgorithm.AES_256_CCM_8), BulkCipher.AES_256_CCM_8.aeadAlgorithm());
        assertEquals(Optional.of(AeadAlgorithm.CHACHA20_POLY1305), BulkCipher.CHACHA20_POLY1305.aeadAlgorithm());
        assertEquals(Optional.of(CbcAlgorithm.TRIPLE_DES_EDE_CBC), BulkCipher.TRIPLE_DES_EDE_CBC.cbcAlgorithm());
        assertEquals(Optional.of(CbcAlgorithm.AES_256_CBC), BulkCipher.AES_256_CBC.cbcAlgorithm());
        assertEquals(Optional.empty(), BulkCipher.NULL.aeadAlgorithm());
        assertEquals(Optional.empty(), BulkCipher.NULL.cbcAlgorithm());
        assertEquals(Optional.empty(), BulkCipher.AES_128_GCM.cbcAlgorithm());
        assertEquals(0, BulkCipher.NULL.keyLength());
        assertEquals(16, BulkCipher.AES_128_CCM_8.keyLength());
        assertEquals(24, BulkCipher.TRIPLE_DES_EDE_CBC.keyLength());
        assertEquals(32, BulkCipher.CHACHA20_POLY1305.keyLength());
        for (BulkCipher cipher : BulkCipher.values()) {
            assertFalse(cipher.isAead() && cipher.isCbc(), cipher.name());
        }
    }

    @Test
    void ivLengthsFollowRfc5288Rfc7905AndRfc8446() {
        // TLS 1.2 GCM/CCM: 4-byte salt + 8-byte explicit nonce (RFC 5288 §3, RFC 6655 §3).
        assertIvLengths(BulkCipher.AES_128_GCM, ProtocolVersion.TLS_1_2, 4, 8);
        assertIvLengths(BulkCipher.AES_256_CCM_8, ProtocolVersion.TLS_1_2, 4, 8);
        // ChaCha20-Poly1305: a 12-byte fixed IV and no explicit nonce (RFC 7905 §2).
        assertIvLengths(BulkCipher.CHACHA20_POLY1305, ProtocolVersion.TLS_1_2, 12, 0);
        // TLS 1.3: iv_length 12 for every AEAD, nothing in the record (RFC 8446 §5.3).
        assertIvLengths(BulkCipher.AES_128_GCM, ProtocolVersion.TLS_1_3, 12, 0);
        assertIvLengths(BulkCipher.AES_128_CCM_8, ProtocolVersion.TLS_1_3, 12, 0);
        // CBC: implicit IV from the key block before TLS 1.1, explicit IV per record from TLS 1.1 on.
        assertIvLengths(BulkCipher.AES_128_CBC, ProtocolVersion.SSL_3_0, 16, 0);
        assertIvLengths(BulkCipher.TRIPLE_DES_EDE_CBC, ProtocolVersion.TLS_1_0, 8, 0);
        assertIvLengths(BulkCipher.AES_256_CBC, ProtocolVersion.TLS_1_1, 0, 16);
        assertIvLengths(BulkCipher.TRIPLE_DES_EDE_CBC, ProtocolVersion.TLS_1_2, 0, 8);
        assertIvLengths(BulkCipher.NULL, ProtocolVersion.TLS_1_0, 0, 0);
        assertIvLengths(BulkCipher.NULL, ProtocolVersion.TLS_1_2, 0, 0);
    }

    @Test
    void macLengthsAreTheHashLengths() {
        assertEquals(0, MacAlgorithm.AEAD.macLength());
        assertEquals(16, MacAlgorithm.HMAC_MD5.macLength());
        assertEquals(20, MacAlgorithm.HMAC_SHA1.macLength());
        assertEquals(32, MacAlgorithm.HMAC_SHA256.macLength());
        assertEquals(48, MacAlgorithm.HMAC_SHA384.macLength());
        assertEquals(Optional.of(HashAlgorithm.SHA384), MacAlgorithm.HMAC_SHA384.hash());
        assertEquals(Optional.empty(), MacAlgorithm.AEAD.hash());
        for (CipherSuite suite : CipherSuite.values()) {
            assertEquals(suite.isAead(), suite.mac() == MacAlgorithm.AEAD, suite.name());
        }
    }

    @Test
    void defaultsAreTheModernAeadSuitesOnly() {
        assertEquals(List.of(
                CipherSuite.TLS_AES_128_GCM_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), CipherSuite.defaults());
    }

    @Test
    void tls13SuitesNegotiateKeyExchangeAndAuthenticationSeparately() {
        for (CipherSuite suite : CipherSuite.values()) {
            assertEquals(suite.isTls13(), suite.keyExchange() == CipherSuite.KeyExchange.ANY, suite.name());
            assertEquals(suite.isTls13(), suite.authentication() == CipherSuite.Authentication.ANY, suite.name());
            if (suite.isTls13()) {
                assertEquals(suite.ianaName(), suite.opensslName());
                assertTrue(suite.isAead());
            }
        }
    }

    /**
     * Checks every code point against the RFC texts, when they are available beside the project
     * ({@code ../shared/rfc}). RFC 7251 (ECDHE-ECDSA with AES-CCM) is not among them; those four
     * are checked against OpenSSL in {@link #opensslNamesAndCodesMatchTheLocalOpenssl()}.
     */
    @Test
    void codePointsMatchTheRfcTexts() throws IOException {
        Optional<Path> rfcDirectory = findSharedRfcDirectory();
        Assumptions.assumeTrue(rfcDirectory.isPresent(), "RFC texts (../shared/rfc) not found: skipping the RFC check");
        Pattern assignment = Pattern.compile("(TLS_[A-Z0-9_]+)\\s*[=|]\\s*\\{\\s*0x([0-9A-Fa-f]{2})\\s*,\\s*0x([0-9A-Fa-f]{2})\\s*[})]");
        Map<String, Integer> fromRfcs = new java.util.HashMap<>();
        for (String rfc : List.of("rfc5246.txt", "rfc4492.txt", "rfc8422.txt", "rfc5288.txt", "rfc5289.txt",
                "rfc6655.txt", "rfc7905.txt", "rfc8446.txt")) {
            String text = Files.readString(rfcDirectory.get().resolve(rfc));
            // RFC 8446 writes its table as "| TLS_AES_128_GCM_SHA256       | {0x13,0x01} |".
            Matcher matcher = assignment.matcher(text.replaceAll("\\s*\\|\\s*\\{", " = {"));
            while (matcher.find()) {
                int code = Integer.parseInt(matcher.group(2) + matcher.group(3), 16);
                Integer previous = fromRfcs.put(matcher.group(1), code);
                assertTrue(previous == null || previous == code, matcher.group(1) + " has two code points in the RFCs");
            }
        }
        List<CipherSuite> notInRfcs = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            Integer rfcCode = fromRfcs.get(suite.ianaName());
            if (rfcCode == null) {
                notInRfcs.add(suite);
            } else {
                assertEquals(rfcCode, suite.code(), suite.name());
            }
        }
        assertEquals(EnumSet.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CCM,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8),
                notInRfcs.isEmpty() ? EnumSet.noneOf(CipherSuite.class) : EnumSet.copyOf(notInRfcs));
    }

    @Test
    void opensslNamesAndCodesMatchTheLocalOpenssl() {
        Optional<Map<Integer, LocalOpenssl.CipherLine>> catalogue = LocalOpenssl.catalogue();
        Assumptions.assumeTrue(catalogue.isPresent(), "openssl is not installed: skipping the OpenSSL name comparison");
        int compared = 0;
        for (CipherSuite suite : CipherSuite.values()) {
            LocalOpenssl.CipherLine line = catalogue.get().get(suite.code());
            if (line == null) {
                continue; // this OpenSSL build lacks the suite (3DES is often compiled out)
            }
            assertEquals(line.opensslName(), suite.opensslName(), "OpenSSL name of " + suite);
            assertEquals(line.ianaName(), suite.ianaName(), "IANA name of 0x" + Integer.toHexString(suite.code()));
            compared++;
        }
        // Every suite but the 3DES ones exists in any OpenSSL 3 build.
        assertTrue(compared >= CipherSuite.values().length - 4, "compared only " + compared + " suites");
    }

    private static Optional<Path> findSharedRfcDirectory() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            for (Path candidate : List.of(directory.resolve("shared/rfc"), directory.resolve("../shared/rfc"))) {
                if (Files.isRegularFile(candidate.resolve("rfc5246.txt"))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static long count(java.util.function.Predicate<CipherSuite> condition) {
        return java.util.Arrays.stream(CipherSuite.values()).filter(condition).count();
    }

    private static void assertRange(CipherSuite suite, ProtocolVersion minimum, ProtocolVersion maximum) {
        assertEquals(minimum, suite.minimumVersion(), suite + " minimum");
        assertEquals(maximum, suite.maximumVersion(), suite + " maximum");
    }

    private static void assertIvLengths(BulkCipher cipher, ProtocolVersion version, int fixed, int record) {
        assertEquals(fixed, cipher.fixedIvLength(version), cipher + " fixed IV in " + version.displayName());
        assertEquals(record, cipher.recordIvLength(version), cipher + " record IV in " + version.displayName());
    }
}
