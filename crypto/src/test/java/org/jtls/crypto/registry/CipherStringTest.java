package org.jtls.crypto.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CipherStringTest {

    @Test
    void namedSuitesComeBackExactlyInTheGivenOrder() {
        assertEquals(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA),
                CipherString.parse("ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA"));
    }

    @Test
    void acceptsIanaNamesAndEverySeparator() {
        assertEquals(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_NULL_MD5),
                CipherString.parse(" TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, AES256-SHA  ECDHE-ECDSA-AES128-SHA::NULL-MD5: "));
    }

    @Test
    void namingASuiteTwiceKeepsItsFirstPlace() {
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA),
                CipherString.parse("AES128-SHA:AES256-SHA:AES128-SHA"));
    }

    @Test
    void allMeansEveryTls12SuiteButTheNullCiphersInPreferenceOrder() {
        List<CipherSuite> expected = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            if (!suite.isTls13() && suite.cipher() != BulkCipher.NULL) {
                expected.add(suite);
            }
        }
        assertEquals(expected, CipherString.parse("ALL"));
        assertEquals(43, expected.size());
    }

    @Test
    void allWithoutTripleDesDropsOnlyTripleDes() {
        List<CipherSuite> suites = CipherString.parse("ALL:!3DES");
        assertEquals(39, suites.size());
        assertTrue(suites.stream().noneMatch(suite -> suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC));
        List<CipherSuite> all = new ArrayList<>(CipherString.parse("ALL"));
        all.removeIf(suite -> suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC);
        assertEquals(all, suites);
    }

    @Test
    void plusJoinsSelectorsIntoAnIntersection() {
        assertEquals(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                CipherString.parse("ECDHE+AESGCM"));
        assertEquals(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                CipherString.parse("EECDH+aRSA+AESGCM"));
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA), CipherString.parse("AES128-SHA+AES"));
    }

    @Test
    void bangRemovesForever() {
        List<CipherSuite> suites = CipherString.parse("ALL:!kRSA:kRSA:AES128-SHA");
        assertTrue(suites.stream().noneMatch(suite -> suite.keyExchange() == CipherSuite.KeyExchange.RSA));
        assertThrows(IllegalArgumentException.class, () -> CipherString.parse("!AES128-SHA:AES128-SHA"));
    }

    @Test
    void minusRemovesButLetsLaterElementsAddBack() {
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA),
                CipherString.parse("AES128-SHA:AES256-SHA:-AES128-SHA:AES128-SHA"));
        // Re-adding kRSA also adds the NULL-cipher kRSA suites, which ALL never had; drop them.
        List<CipherSuite> suites = CipherString.parse("ALL:-kRSA:kRSA:!eNULL");
        List<CipherSuite> kRsa = CipherString.parse("kRSA:!eNULL");
        assertEquals(kRsa, suites.subList(suites.size() - kRsa.size(), suites.size()));
        assertEquals(CipherString.parse("ALL").size(), suites.size());
    }

    @Test
    void plusPrefixMovesToTheEndWithoutAdding() {
        assertEquals(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
                CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA),
                CipherString.parse("AES128-SHA:ECDHE-RSA-AES128-SHA:AES256-SHA:ECDHE-RSA-AES256-SHA:+kRSA"));
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA), CipherString.parse("AES128-SHA:+ECDHE"));
    }

    @Test
    void strengthSortsStrongestFirstAndKeepsTiesInOrder() {
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
                CipherSuite.TLS_RSA_WITH_NULL_SHA),
                CipherString.parse("NULL-SHA:DES-CBC3-SHA:AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:@STRENGTH"));
        // Elements after @STRENGTH are appended as usual.
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
                CipherSuite.TLS_RSA_WITH_NULL_SHA),
                CipherString.parse("AES128-SHA:AES256-SHA:@STRENGTH:NULL-SHA"));
    }

    @Test
    void securityLevelIsAcceptedAndIgnored() {
        assertEquals(CipherString.parse("ALL"), CipherString.parse("ALL:@SECLEVEL=0"));
        assertEquals(CipherString.parse("ALL"), CipherString.parse("@SECLEVEL=5:ALL"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CipherString.parse("ALL:@SECLEVEL=9"));
        assertTrue(error.getMessage().contains("@SECLEVEL=9"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CipherString.parse("ALL:@FASTEST"));
        assertThrows(IllegalArgumentException.class, () -> CipherString.parse("ALL:!@STRENGTH"));
    }

    @Test
    void unknownNameIsRejectedWithTheTokenAndAPointerToTheList() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CipherString.parse("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA265"));
        assertTrue(error.getMessage().contains("\"ECDHE-RSA-AES128-GCM-SHA265\""), error.getMessage());
        assertTrue(error.getMessage().contains("jtls ciphers"), error.getMessage());
        IllegalArgumentException inConjunction = assertThrows(IllegalArgumentException.class,
                () -> CipherString.parse("ECDHE+AESGMC"));
        assertTrue(inConjunction.getMessage().contains("\"AESGMC\""), inConjunction.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ":", "aNULL", "ALL:!ALL", "RC4:CAMELLIA", "ECDHE+kRSA", "-ALL", "+ALL"})
    void aStringThatSelectsNothingIsAnError(String cipherString) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CipherString.parse(cipherString));
        assertTrue(error.getMessage().contains("selects no cipher suites"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "-", "+", "ECDHE+", "+ECDHE+", "ECDHE++AESGCM", "ALL:!"})
    void emptySelectorsAreErrors(String cipherString) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CipherString.parse(cipherString));
        assertTrue(error.getMessage().contains("empty name"), error.getMessage());
    }

    @Test
    void keywordsNeverSelectTls13SuitesButExplicitNamesDo() {
        for (String keyword : List.of("ALL", "HIGH", "AESGCM", "CHACHA20", "AESCCM", "AES128", "DEFAULT", "SHA256")) {
            assertTrue(CipherString.parse(keyword).stream().noneMatch(CipherSuite::isTls13), keyword);
        }
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                CipherString.parse("TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256"));
        assertEquals(List.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256), CipherString.parse("TLS_CHACHA20_POLY1305_SHA256:!ALL"));
    }

    @Test
    void defaultIsTheDefaultEnabledTls12SuitesAndItsComplementIsTheRestOfAll() {
        List<CipherSuite> defaults = CipherString.parse("DEFAULT");
        assertEquals(CipherSuite.defaults().stream().filter(suite -> !suite.isTls13()).collect(Collectors.toList()), defaults);
        List<CipherSuite> complement = CipherString.parse("COMPLEMENTOFDEFAULT");
        assertTrue(complement.stream().noneMatch(defaults::contains));
        Set<CipherSuite> union = EnumSet.copyOf(defaults);
        union.addAll(complement);
        assertEquals(EnumSet.copyOf(CipherString.parse("ALL")), union);
    }

    @Test
    void nullCiphersNeedNamingButLowLevelKeywordsOverlapThem() {
        assertEquals(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_NULL_SHA,
                CipherSuite.TLS_RSA_WITH_NULL_SHA256, CipherSuite.TLS_RSA_WITH_NULL_SHA, CipherSuite.TLS_RSA_WITH_NULL_MD5),
                CipherString.parse("eNULL"));
        assertEquals(CipherString.parse("eNULL"), CipherString.parse("NULL"));
        assertEquals(CipherString.parse("eNULL"), CipherString.parse("COMPLEMENTOFALL"));
        assertTrue(CipherString.parse("kRSA").contains(CipherSuite.TLS_RSA_WITH_NULL_MD5));
        assertTrue(CipherString.parse("aECDSA").contains(CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA));
        assertTrue(CipherString.parse("HIGH").stream().noneMatch(suite -> suite.cipher() == BulkCipher.NULL));
        assertEquals(List.of(CipherSuite.TLS_RSA_WITH_NULL_MD5), CipherString.parse("MD5"));
    }

    @Test
    void versionKeywords() {
        List<CipherSuite> tls12Only = CipherString.parse("TLSv1.2");
        assertTrue(tls12Only.stream().allMatch(suite -> suite.minimumVersion() == ProtocolVersion.TLS_1_2));
        assertTrue(tls12Only.contains(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256));
        assertFalse(tls12Only.contains(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA));
        List<CipherSuite> ssl3 = CipherString.parse("SSLv3");
        assertTrue(ssl3.contains(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA));
        assertTrue(ssl3.contains(CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA));
        assertTrue(ssl3.stream().allMatch(suite -> suite.supports(ProtocolVersion.SSL_3_0)));
        assertEquals(ssl3, CipherString.parse("TLSv1"));
        assertEquals(ssl3, CipherString.parse("TLSv1.0"));
    }

    @Test
    void cipherAndMacKeywords() {
        assertEquals(EnumSet.of(BulkCipher.AES_128_CBC, BulkCipher.AES_128_GCM, BulkCipher.AES_128_CCM, BulkCipher.AES_128_CCM_8),
                ciphersOf("AES128"));
        assertEquals(EnumSet.of(BulkCipher.AES_256_CBC, BulkCipher.AES_256_GCM, BulkCipher.AES_256_CCM, BulkCipher.AES_256_CCM_8),
                ciphersOf("AES256"));
        assertEquals(EnumSet.of(BulkCipher.AES_128_CCM, BulkCipher.AES_256_CCM, BulkCipher.AES_128_CCM_8, BulkCipher.AES_256_CCM_8),
                ciphersOf("AESCCM"));
        assertEquals(EnumSet.of(BulkCipher.AES_128_CCM_8, BulkCipher.AES_256_CCM_8), ciphersOf("AESCCM8"));
        assertEquals(EnumSet.of(BulkCipher.CHACHA20_POLY1305), ciphersOf("CHACHA20"));
        assertEquals(EnumSet.of(BulkCipher.TRIPLE_DES_EDE_CBC), ciphersOf("MEDIUM"));
        assertEquals(EnumSet.of(BulkCipher.AES_128_CBC, BulkCipher.AES_256_CBC, BulkCipher.TRIPLE_DES_EDE_CBC), ciphersOf("CBC"));
        assertEquals(CipherString.parse("SHA1"), CipherString.parse("SHA"));
        assertTrue(CipherString.parse("SHA384").stream().allMatch(suite -> suite.mac() == MacAlgorithm.HMAC_SHA384));
        assertEquals(2, CipherString.parse("SHA384").size());
        assertEquals(CipherString.parse("ECDSA"), CipherString.parse("aECDSA"));
        assertEquals(CipherString.parse("kDHE"), CipherString.parse("EDH"));
        assertEquals(CipherString.parse("kECDHE"), CipherString.parse("EECDH"));
        assertEquals(CipherString.parse("kRSA"), CipherString.parse("RSA"));
        assertTrue(CipherString.parse("aRSA").containsAll(CipherString.parse("kRSA")));
    }

    @Test
    void commonServerStringsWork() {
        assertEquals(CipherString.parse("HIGH"), CipherString.parse("HIGH:!aNULL:!MD5:!RC4:!PSK:!SRP:!CAMELLIA"));
        assertEquals(CipherString.parse("ECDHE+AESGCM:DHE+AESGCM"), CipherString.parse("EECDH+AESGCM:EDH+AESGCM"));
    }

    @Test
    void namesAndKeywordsIgnoreCase() {
        assertEquals(CipherString.parse("ECDHE+AESGCM"), CipherString.parse("ecdhe+aesgcm"));
        assertEquals(CipherString.parse("ECDHE-RSA-AES128-GCM-SHA256"), CipherString.parse("ecdhe-rsa-aes128-gcm-sha256"));
    }

    /**
     * For strings whose meaning jtls and OpenSSL share, both must select the same suites in the
     * same order, counting only the suites both implement.
     */
    @Test
    void agreesWithTheLocalOpensslOnSharedSuites() {
        Optional<Map<Integer, LocalOpenssl.CipherLine>> catalogue = LocalOpenssl.catalogue();
        Assumptions.assumeTrue(catalogue.isPresent(), "openssl is not installed: skipping the OpenSSL comparison");
        Set<String> opensslKnows = catalogue.get().values().stream()
                .map(LocalOpenssl.CipherLine::opensslName).collect(Collectors.toSet());
        Set<String> jtlsKnows = EnumSet.allOf(CipherSuite.class).stream()
                .map(CipherSuite::opensslName).collect(Collectors.toSet());
        List<String> cipherStrings = List.of(
                "ALL", "ALL:COMPLEMENTOFALL", "HIGH", "ALL:!3DES", "ECDHE+AESGCM", "EECDH+AESGCM:EDH+AESGCM",
                "kRSA", "RSA", "aRSA", "aECDSA", "kDHE", "kECDHE", "AES", "AES128", "AES256", "AESGCM", "AESCCM",
                "AESCCM8", "CHACHA20", "SHA1", "SHA256", "SHA384", "MD5", "eNULL", "COMPLEMENTOFALL", "TLSv1.2",
                "ALL:+kRSA", "ALL:-AESGCM:AESGCM", "ALL:!AESCCM8:+AES256:@STRENGTH", "ALL:@STRENGTH",
                "ALL:COMPLEMENTOFALL:@STRENGTH", "kECDHE:kDHE:-AES256:AES", "AES128-SHA:AES256-SHA:-AES128-SHA:AES128-SHA",
                "HIGH:!aNULL:!MD5", "ALL:!kRSA:kRSA", "ALL:-kRSA:kRSA", "AES:-SHA1:SHA1:+AES128:@STRENGTH",
                "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:NULL-MD5", "CHACHA20:AESGCM:+kDHE:ECDHE+AESCCM",
                "ALL:-ECDHE:kDHE:ECDHE:-AESCCM:+SHA256:AESCCM8");
        for (String cipherString : cipherStrings) {
            List<String> expected = LocalOpenssl.tls12Selection(cipherString).stream()
                    .filter(jtlsKnows::contains).collect(Collectors.toList());
            List<String> actual = CipherString.parse(cipherString).stream().map(CipherSuite::opensslName)
                    .filter(opensslKnows::contains).collect(Collectors.toList());
            assertEquals(expected, actual, "cipher string " + cipherString);
        }
    }

    private static Set<BulkCipher> ciphersOf(String cipherString) {
        Set<BulkCipher> ciphers = EnumSet.noneOf(BulkCipher.class);
        CipherString.parse(cipherString).forEach(suite -> ciphers.add(suite.cipher()));
        return ciphers;
    }
}
