package org.jtls.crypto.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolVersionTest {

    @Test
    void wireCodesAreTheRfcValues() {
        assertEquals(0x0300, ProtocolVersion.SSL_3_0.code());
        assertEquals(0x0301, ProtocolVersion.TLS_1_0.code());
        assertEquals(0x0302, ProtocolVersion.TLS_1_1.code());
        assertEquals(0x0303, ProtocolVersion.TLS_1_2.code());
        assertEquals(0x0304, ProtocolVersion.TLS_1_3.code());
        for (ProtocolVersion version : ProtocolVersion.values()) {
            assertEquals(3, version.major());
            assertEquals(version.code(), (version.major() << 8) | version.minor());
        }
    }

    @Test
    void everyVersionIsFoundByCodeAndByItsNames() {
        for (ProtocolVersion version : ProtocolVersion.values()) {
            assertEquals(Optional.of(version), ProtocolVersion.fromCode(version.code()));
            assertEquals(Optional.of(version), ProtocolVersion.fromName(version.opensslName()));
            assertEquals(Optional.of(version), ProtocolVersion.fromName(version.displayName()));
            assertEquals(Optional.of(version), ProtocolVersion.fromName(version.name()));
        }
    }

    @Test
    void codesAndNamesAreUnique() {
        Set<Integer> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (ProtocolVersion version : ProtocolVersion.values()) {
            assertTrue(codes.add(version.code()));
            assertTrue(names.add(version.opensslName()));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "SSLv3, SSL_3_0", "sslv3, SSL_3_0", "SSL3, SSL_3_0", "SSLv3.0, SSL_3_0", "ssl3_0, SSL_3_0",
        "TLSv1, TLS_1_0", "TLSv1.0, TLS_1_0", "TLS1, TLS_1_0", "tls1_0, TLS_1_0", "TLS 1.0, TLS_1_0",
        "TLSv1.1, TLS_1_1", "tls1_1, TLS_1_1", "TLS1.1, TLS_1_1",
        "TLSv1.2, TLS_1_2", "TLS1.2, TLS_1_2", "tls1_2, TLS_1_2", "TLS 1.2, TLS_1_2", "tlsv1_2, TLS_1_2",
        "TLSv1.3, TLS_1_3", "TLS1.3, TLS_1_3", "tls1_3, TLS_1_3", "' TLS_1_3 ', TLS_1_3",
    })
    void acceptsTheCommonSpellings(String name, ProtocolVersion expected) {
        assertEquals(Optional.of(expected), ProtocolVersion.fromName(name));
    }

    @ParameterizedTest
    @CsvSource({"SSLv2", "TLSv1.4", "TLSv2", "DTLSv1.2", "1.2", "''", "tls", "TLSv1.2.1"})
    void rejectsVersionsItDoesNotImplement(String name) {
        assertEquals(Optional.empty(), ProtocolVersion.fromName(name));
    }

    @Test
    void unknownCodesAreEmpty() {
        assertEquals(Optional.empty(), ProtocolVersion.fromCode(0x0200));
        assertEquals(Optional.empty(), ProtocolVersion.fromCode(0x0305));
        assertEquals(Optional.empty(), ProtocolVersion.fromCode(0xFEFD));
    }

    @Test
    void comparesChronologically() {
        assertTrue(ProtocolVersion.TLS_1_3.isAtLeast(ProtocolVersion.TLS_1_2));
        assertTrue(ProtocolVersion.TLS_1_2.isAtLeast(ProtocolVersion.TLS_1_2));
        assertFalse(ProtocolVersion.TLS_1_1.isAtLeast(ProtocolVersion.TLS_1_2));
        assertTrue(ProtocolVersion.SSL_3_0.isBefore(ProtocolVersion.TLS_1_0));
        assertFalse(ProtocolVersion.TLS_1_2.isBefore(ProtocolVersion.TLS_1_2));
        assertFalse(ProtocolVersion.TLS_1_3.isBefore(ProtocolVersion.TLS_1_0));
    }

    @Test
    void onlyTls12AndTls13AreEnabledByDefault() {
        assertEquals(List.of(ProtocolVersion.TLS_1_2, ProtocolVersion.TLS_1_3), ProtocolVersion.defaults());
    }
}
