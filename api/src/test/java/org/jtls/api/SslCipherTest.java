package org.jtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SslCipherTest {

    @Test
    void describesATls12Suite() {
        SslCipher cipher = SslCipher.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", cipher.name());
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", cipher.ianaName());
        assertEquals(SslProtocol.TLS_V1_2, cipher.protocol());
        assertEquals("TLSv1.2", cipher.protocolString());
        assertEquals("ECDH", cipher.keyExchangeMethod());
        assertEquals("RSA", cipher.authenticationMethod());
        assertEquals("AESGCM(128)", cipher.encryptionMethod());
        assertEquals(128, cipher.usedBits());
        assertEquals(128, cipher.supportedBits());
    }

    @Test
    void describesTls13AndLegacySuites() {
        SslCipher tls13 = SslCipher.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", tls13.name());
        assertEquals(SslProtocol.TLS_V1_3, tls13.protocol());
        assertEquals("any", tls13.keyExchangeMethod());
        assertEquals("any", tls13.authenticationMethod());
        assertEquals("CHACHA20/POLY1305(256)", tls13.encryptionMethod());

        SslCipher tripleDes = SslCipher.of(CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA);
        assertEquals("DES-CBC3-SHA", tripleDes.name());
        assertEquals(SslProtocol.SSL_V3, tripleDes.protocol());
        assertEquals("3DES(168)", tripleDes.encryptionMethod());
        assertEquals(112, tripleDes.usedBits());
        assertEquals(168, tripleDes.supportedBits());

        SslCipher nothing = SslCipher.of(CipherSuite.TLS_RSA_WITH_NULL_SHA256);
        assertEquals("None", nothing.encryptionMethod());
        assertEquals(0, nothing.usedBits());
        assertEquals(0, nothing.supportedBits());

        assertEquals("DH", SslCipher.of(CipherSuite.TLS_DHE_RSA_WITH_AES_256_CCM_8).keyExchangeMethod());
        assertEquals("AESCCM8(256)", SslCipher.of(CipherSuite.TLS_DHE_RSA_WITH_AES_256_CCM_8).encryptionMethod());
        assertEquals("AES(256)", SslCipher.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA).encryptionMethod());
    }

    @Test
    void findsSuitesByEitherNameAndProtocol() {
        SslCipher byOpenssl = SslCipher.fromName("ecdhe-ecdsa-aes256-gcm-sha384").orElseThrow();
        SslCipher byIana = SslCipher.fromName("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").orElseThrow();
        assertEquals(byOpenssl, byIana);
        assertEquals(byOpenssl.hashCode(), byIana.hashCode());
        assertNotEquals(byOpenssl, SslCipher.of(CipherSuite.TLS_AES_256_GCM_SHA384));
        assertEquals(Optional.empty(), SslCipher.fromName("RC4-SHA"));
        assertTrue(SslCipher.fromName("AES128-SHA", SslProtocol.TLS_V1_0).isPresent());
        assertEquals(Optional.empty(), SslCipher.fromName("AES128-GCM-SHA256", SslProtocol.TLS_V1_1),
                "GCM needs TLS 1.2");
        assertEquals(Optional.empty(), SslCipher.fromName("TLS_AES_128_GCM_SHA256", SslProtocol.TLS_V1_2));
        assertEquals("AES128-SHA", SslCipher.fromName("AES128-SHA").orElseThrow().toString());
    }

    @Test
    void everySuiteReadsAsOpensslDescribesIt() throws Exception {
        Map<String, String[]> openssl = opensslDescriptions();
        int compared = 0;
        for (CipherSuite suite : CipherSuite.values()) {
            String[] fields = openssl.get(suite.opensslName());
            if (fields == null) {
                continue;
            }
            SslCipher cipher = SslCipher.of(suite);
            assertEquals(fields[2], "Kx=" + cipher.keyExchangeMethod(), suite.name());
            assertEquals(fields[3], "Au=" + cipher.authenticationMethod(), suite.name());
            assertEquals(fields[4], "Enc=" + cipher.encryptionMethod(), suite.name());
            // OpenSSL files the ECDHE CBC-SHA suites under TLSv1; jtls allows them from SSL 3.0.
            if (suite.minimumVersion() != ProtocolVersion.SSL_3_0) {
                assertEquals(fields[1], cipher.protocolString(), suite.name());
            }
            compared++;
        }
        assertTrue(compared > 40, "compared " + compared + " suites with openssl");
    }

    /** {@code openssl ciphers -v}: name, version, Kx=, Au=, Enc=, Mac= for every suite it has. */
    private static Map<String, String[]> opensslDescriptions() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("openssl", "ciphers", "-v", "-ciphersuites",
                    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                            + "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256",
                    "ALL:COMPLEMENTOFALL:@SECLEVEL=0").redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("openssl is not installed");
            throw notInstalled;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        Map<String, String[]> descriptions = new HashMap<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6) {
                descriptions.put(fields[0], fields);
            }
        }
        return descriptions;
    }

    @Test
    void defaultAndSupportedLists() {
        assertEquals(CipherSuite.values().length, SslConfiguration.supportedCiphers().size());
        List<SslCipher> defaults = SslConfiguration.defaultCiphers();
        assertEquals("TLS_AES_128_GCM_SHA256", defaults.get(0).name());
        assertTrue(defaults.stream().allMatch(cipher -> cipher.suite().enabledByDefault()));
    }
}
