package org.jtls.x509.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.host.HostnameMatch.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of host checks against certificates made by bcpkix: the examples of RFC 6125 §6.4 and
 * RFC 9525 §6.3 and the classic pitfalls (wildcard positions, {@code *.com}, IDNA, trailing dots,
 * case, IP literal forms, the common-name fallback).
 */
class HostnameVerifierTest {
    private enum Kind { HOST, HOST_WITH_CN_FALLBACK, EMAIL, URI }

    /** SAN entries ({@code null} for no subjectAltName extension), subject, reference, how to match, expected outcome. */
    private record Case(String name, List<String> san, String subject, String reference, Kind kind, Outcome expected) {
        Arguments arguments() {
            return Arguments.of(name, this);
        }
    }

    private static Case dns(String name, String san, String reference, Outcome expected) {
        return new Case(name, List.of(san), "CN=test", reference, Kind.HOST, expected);
    }

    private static Case host(String name, List<String> san, String reference, Outcome expected) {
        return new Case(name, san, "CN=test", reference, Kind.HOST, expected);
    }

    private static Case fallback(String name, List<String> san, String subject, String reference, Outcome expected) {
        return new Case(name, san, subject, reference, Kind.HOST_WITH_CN_FALLBACK, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // RFC 6125 §6.4.1: label by label, ASCII case-insensitive.
                dns("exact name", "DNS:www.example.com", "www.example.com", Outcome.MATCHED_DNS_NAME),
                dns("reference in upper case", "DNS:www.example.com", "WWW.Example.COM", Outcome.MATCHED_DNS_NAME),
                dns("presented in upper case", "DNS:WWW.EXAMPLE.COM", "www.example.com", Outcome.MATCHED_DNS_NAME),
                dns("trailing dot on the reference", "DNS:www.example.com", "www.example.com.", Outcome.MATCHED_DNS_NAME),
                dns("trailing dot on the presented name", "DNS:www.example.com.", "www.example.com",
                        Outcome.MATCHED_DNS_NAME),
                dns("parent domain", "DNS:www.example.com", "example.com", Outcome.NO_MATCH),
                dns("suffix attack", "DNS:www.example.com", "www.example.com.evil.net", Outcome.NO_MATCH),
                dns("prefix attack", "DNS:example.com", "evilexample.com", Outcome.NO_MATCH),
                host("second of several names", List.of("DNS:a.example.com", "DNS:b.example.com"), "b.example.com",
                        Outcome.MATCHED_DNS_NAME),
                // RFC 6125 §6.4.3 rule 2, RFC 9525 §6.3: a wildcard is exactly one left-most label.
                dns("wildcard", "DNS:*.example.com", "foo.example.com", Outcome.MATCHED_WILDCARD_DNS_NAME),
                dns("wildcard does not match the bare domain", "DNS:*.example.com", "example.com", Outcome.NO_MATCH),
                dns("wildcard does not match two labels", "DNS:*.example.com", "bar.foo.example.com", Outcome.NO_MATCH),
                dns("wildcard with case differences", "DNS:*.EXAMPLE.com", "Foo.example.COM",
                        Outcome.MATCHED_WILDCARD_DNS_NAME),
                dns("wildcard with a trailing dot", "DNS:*.example.com.", "foo.example.com",
                        Outcome.MATCHED_WILDCARD_DNS_NAME),
                dns("wildcard over an A-label", "DNS:*.example.com", "xn--bcher-kva.example.com",
                        Outcome.MATCHED_WILDCARD_DNS_NAME),
                dns("wildcard over a U-label", "DNS:*.example.com", "bücher.example.com",
                        Outcome.MATCHED_WILDCARD_DNS_NAME),
                dns("wildcard covering a top-level domain", "DNS:*.com", "example.com", Outcome.NO_MATCH),
                dns("bare wildcard", "DNS:*", "localhost", Outcome.NO_MATCH),
                // RFC 6125 §6.4.3 rule 3 allowed these; RFC 9525 §6.3 forbids them.
                dns("partial-label wildcard baz*", "DNS:baz*.example.net", "baz1.example.net", Outcome.NO_MATCH),
                dns("partial-label wildcard *baz", "DNS:*baz.example.net", "foobaz.example.net", Outcome.NO_MATCH),
                dns("partial-label wildcard b*z", "DNS:b*z.example.net", "buzz.example.net", Outcome.NO_MATCH),
                dns("wildcard inside an A-label", "DNS:xn--bcher*.example.com", "xn--bcher-kva.example.com",
                        Outcome.NO_MATCH),
                // RFC 6125 §6.4.3 rule 1.
                dns("wildcard in a middle label", "DNS:bar.*.example.net", "bar.foo.example.net", Outcome.NO_MATCH),
                dns("two wildcards", "DNS:*.*.example.net", "a.b.example.net", Outcome.NO_MATCH),
                dns("wildcard in the reference", "DNS:*.example.com", "*.example.com",
                        Outcome.INVALID_REFERENCE_IDENTITY),
                host("a valid name after an ignored one", List.of("DNS:f*.example.com", "DNS:foo.example.com"),
                        "foo.example.com", Outcome.MATCHED_DNS_NAME),
                // RFC 6125 §6.4.2: U-labels become A-labels; A-labels compare as ASCII.
                dns("U-label reference", "DNS:xn--bcher-kva.example", "bücher.example", Outcome.MATCHED_DNS_NAME),
                dns("U-label reference in upper case", "DNS:xn--bcher-kva.example", "Bücher.EXAMPLE",
                        Outcome.MATCHED_DNS_NAME),
                dns("A-label reference in upper case", "DNS:xn--bcher-kva.example", "XN--BCHER-KVA.example",
                        Outcome.MATCHED_DNS_NAME),
                dns("ideographic full stop", "DNS:www.example.com", "www\u3002example\u3002com",
                        Outcome.MATCHED_DNS_NAME),
                // References that are not host names or unambiguous IP literals.
                dns("empty reference", "DNS:example.com", "", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("root only", "DNS:example.com", ".", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("empty label", "DNS:a.example.com", "a..example.com", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("two trailing dots", "DNS:example.com", "example.com..", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("space", "DNS:example.com", "exa mple.com", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("underscore", "DNS:_srv.example.com", "_srv.example.com", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("leading hyphen", "DNS:-a.example.com", "-a.example.com", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("label of 64 characters", "DNS:example.com", "a".repeat(64) + ".com",
                        Outcome.INVALID_REFERENCE_IDENTITY),
                dns("NUL byte", "DNS:www.example.com", "www.example.com\u0000.evil.net",
                        Outcome.INVALID_REFERENCE_IDENTITY),
                dns("short IPv4 form", "IP:127.0.0.1", "127.1", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("three-part IPv4", "IP:1.2.3.0", "1.2.3", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv4 part above 255", "IP:1.1.1.1", "256.1.1.1", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv4 with a leading zero (octal or decimal?)", "IP:10.0.0.1", "010.0.0.1",
                        Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv4 with a leading zero, octal reading", "IP:8.0.0.1", "010.0.0.1",
                        Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv4 with a trailing dot", "IP:1.2.3.4", "1.2.3.4.", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("hexadecimal IPv4 part", "IP:127.0.0.1", "0x7f.0.0.1", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("integer IPv4", "IP:127.0.0.1", "2130706433", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("full-width digits", "IP:1.2.3.4", "\uff11.\uff12.\uff13.\uff14", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv6 zone", "IP:fe80::1", "fe80::1%eth0", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv4 in brackets", "IP:1.2.3.4", "[1.2.3.4]", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("unbalanced bracket", "IP:::1", "[::1", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("two double colons", "IP:1::2", "1::2::3", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("five hex digits", "IP:::1", "12345::1", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("nine groups", "IP:::1", "1:2:3:4:5:6:7:8:9", Outcome.INVALID_REFERENCE_IDENTITY),
                dns("double colon for no group", "IP:1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8",
                        Outcome.INVALID_REFERENCE_IDENTITY),
                dns("IPv4 not at the end of IPv6", "IP:::1", "::1.2.3.4:1", Outcome.INVALID_REFERENCE_IDENTITY),
                // RFC 9525 §6.4: IP addresses octet for octet against iPAddress entries only.
                dns("IPv4", "IP:192.0.2.1", "192.0.2.1", Outcome.MATCHED_IP_ADDRESS),
                dns("other IPv4", "IP:192.0.2.1", "192.0.2.2", Outcome.NO_MATCH),
                dns("IPv4 zero", "IP:0.0.0.0", "0.0.0.0", Outcome.MATCHED_IP_ADDRESS),
                dns("IPv6 full form", "IP:2001:db8::1", "2001:DB8:0:0:0:0:0:1", Outcome.MATCHED_IP_ADDRESS),
                dns("IPv6 in brackets", "IP:2001:db8::1", "[2001:db8::1]", Outcome.MATCHED_IP_ADDRESS),
                dns("IPv6 with leading zeros in groups", "IP:2001:db8::1", "2001:0db8::0001",
                        Outcome.MATCHED_IP_ADDRESS),
                dns("IPv6 loopback as 0:0::1", "IP:::1", "0:0::1", Outcome.MATCHED_IP_ADDRESS),
                dns("IPv6 loopback in brackets", "IP:::1", "[::1]", Outcome.MATCHED_IP_ADDRESS),
                dns("IPv6 trailing double colon", "IPHEX:00010002000300040005000600070000", "1:2:3:4:5:6:7::",
                        Outcome.MATCHED_IP_ADDRESS),
                dns("IPv4-mapped reference against an IPv4 entry", "IP:1.2.3.4", "::ffff:1.2.3.4", Outcome.NO_MATCH),
                dns("IPv4-mapped reference against a mapped entry", "IPHEX:00000000000000000000ffff01020304",
                        "::ffff:1.2.3.4", Outcome.MATCHED_IP_ADDRESS),
                dns("IPv4-mapped in hex groups", "IPHEX:00000000000000000000ffff01020304", "::ffff:102:304",
                        Outcome.MATCHED_IP_ADDRESS),
                dns("IPv4 reference against a mapped entry", "IPHEX:00000000000000000000ffff01020304", "1.2.3.4",
                        Outcome.NO_MATCH),
                dns("IPv6 loopback against IPv4 loopback", "IP:127.0.0.1", "::1", Outcome.NO_MATCH),
                dns("IP reference against a dNSName holding it", "DNS:192.0.2.1", "192.0.2.1",
                        Outcome.NO_IDENTIFIER_OF_TYPE),
                dns("host name against IP entries only", "IP:192.0.2.1", "www.example.com",
                        Outcome.NO_IDENTIFIER_OF_TYPE),
                fallback("IP reference never uses the common name", null, "CN=192.0.2.1", "192.0.2.1",
                        Outcome.NO_SUBJECT_ALT_NAME),
                // The common name: only without subjectAltName, only when allowed, only the last one.
                host("no subjectAltName, fallback off", null, "www.example.com", Outcome.NO_SUBJECT_ALT_NAME),
                fallback("no subjectAltName, fallback on", null, "CN=www.example.com", "www.example.com",
                        Outcome.MATCHED_COMMON_NAME),
                fallback("fallback, case and trailing dot", null, "CN=WWW.Example.com.", "www.example.COM",
                        Outcome.MATCHED_COMMON_NAME),
                fallback("fallback with a wildcard", null, "CN=*.example.com", "foo.example.com",
                        Outcome.MATCHED_COMMON_NAME),
                fallback("fallback with a partial wildcard", null, "CN=f*.example.com", "foo.example.com",
                        Outcome.NO_MATCH),
                fallback("fallback uses the last common name", null, "CN=www.example.com,O=Org,CN=other.example.com",
                        "other.example.com", Outcome.MATCHED_COMMON_NAME),
                fallback("fallback ignores earlier common names", null, "CN=www.example.com,O=Org,CN=other.example.com",
                        "www.example.com", Outcome.NO_MATCH),
                fallback("fallback with a U-label common name", null, "CN=bücher.example", "xn--bcher-kva.example",
                        Outcome.MATCHED_COMMON_NAME),
                fallback("fallback with a human-friendly common name", null, "CN=Example Server", "example.com",
                        Outcome.NO_MATCH),
                fallback("fallback without a common name", null, "O=Org", "www.example.com",
                        Outcome.NO_IDENTIFIER_OF_TYPE),
                fallback("subjectAltName without dNSName rules out the fallback", List.of("email:admin@example.com"),
                        "CN=www.example.com", "www.example.com", Outcome.NO_IDENTIFIER_OF_TYPE),
                fallback("subjectAltName with only an IP rules out the fallback", List.of("IP:192.0.2.1"),
                        "CN=www.example.com", "www.example.com", Outcome.NO_IDENTIFIER_OF_TYPE),
                fallback("subjectAltName dNSName wins over the common name", List.of("DNS:other.example.com"),
                        "CN=www.example.com", "www.example.com", Outcome.NO_MATCH),
                // E-mail addresses: exact local part, case-insensitive domain.
                new Case("e-mail", List.of("email:Alice@Example.COM"), "CN=test", "Alice@example.com", Kind.EMAIL,
                        Outcome.MATCHED_EMAIL_ADDRESS),
                new Case("e-mail local part is case-sensitive", List.of("email:Alice@example.com"), "CN=test",
                        "alice@example.com", Kind.EMAIL, Outcome.NO_MATCH),
                new Case("e-mail with a U-label domain", List.of("email:bob@xn--bcher-kva.example"), "CN=test",
                        "bob@bücher.example", Kind.EMAIL, Outcome.MATCHED_EMAIL_ADDRESS),
                new Case("e-mail entry that is a mailbox host", List.of("email:example.com"), "CN=test",
                        "bob@example.com", Kind.EMAIL, Outcome.NO_MATCH),
                new Case("e-mail with a wildcard entry", List.of("email:bob@*.example.com"), "CN=test",
                        "bob@a.example.com", Kind.EMAIL, Outcome.NO_MATCH),
                new Case("e-mail without an at sign", List.of("email:bob@example.com"), "CN=test", "bob", Kind.EMAIL,
                        Outcome.INVALID_REFERENCE_IDENTITY),
                new Case("e-mail against dNSNames only", List.of("DNS:example.com"), "CN=test", "bob@example.com",
                        Kind.EMAIL, Outcome.NO_IDENTIFIER_OF_TYPE),
                // URI-IDs: scheme and DNS host.
                new Case("URI-ID, opaque form", List.of("URI:sip:voice.example.edu"), "CN=test",
                        "sip:voice.example.edu", Kind.URI, Outcome.MATCHED_URI),
                new Case("URI-ID, case, port and path", List.of("URI:https://www.example.com/"), "CN=test",
                        "HTTPS://WWW.example.com:8443/index.html", Kind.URI, Outcome.MATCHED_URI),
                new Case("URI-ID with user info", List.of("URI:sip:alice@voice.example.edu;transport=tcp"), "CN=test",
                        "sip:voice.example.edu", Kind.URI, Outcome.MATCHED_URI),
                new Case("URI-ID, other scheme", List.of("URI:https://www.example.com/"), "CN=test",
                        "http://www.example.com/", Kind.URI, Outcome.NO_MATCH),
                new Case("URI-ID, no wildcards", List.of("URI:https://*.example.com/"), "CN=test",
                        "https://a.example.com/", Kind.URI, Outcome.NO_MATCH),
                new Case("URI-ID with an IP host", List.of("URI:https://192.0.2.1/"), "CN=test", "https://192.0.2.1/",
                        Kind.URI, Outcome.INVALID_REFERENCE_IDENTITY),
                new Case("URI-ID without a scheme", List.of("URI:https://www.example.com/"), "CN=test",
                        "www.example.com", Kind.URI, Outcome.INVALID_REFERENCE_IDENTITY))
                .map(Case::arguments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAsTheRfcsSay(String name, Case testCase) {
        Certificate certificate = HostCertificates.certificate(testCase.subject(), testCase.san());
        HostnameMatch result = switch (testCase.kind()) {
            case HOST -> HostnameVerifier.matches(certificate, testCase.reference());
            case HOST_WITH_CN_FALLBACK -> HostnameVerifier.matches(certificate, testCase.reference(), true);
            case EMAIL -> HostnameVerifier.matchesEmail(certificate, testCase.reference());
            case URI -> HostnameVerifier.matchesUri(certificate, testCase.reference());
        };
        assertEquals(testCase.expected(), result.outcome(), result.explanation());
        assertEquals(testCase.expected().matched(), result.matched());
        assertEquals(result.matched(), result.matchedIdentifier().isPresent());
        assertFalse(result.explanation().isBlank());
    }

    @Test
    void fallbackIsOffByDefault() {
        Certificate certificate = HostCertificates.certificate("CN=www.example.com", null);
        assertEquals(Outcome.NO_SUBJECT_ALT_NAME, HostnameVerifier.matches(certificate, "www.example.com").outcome());
        assertEquals(Outcome.NO_SUBJECT_ALT_NAME,
                HostnameVerifier.matches(certificate, "www.example.com", false).outcome());
    }

    @Test
    void explanationNamesIgnoredPatternsAndWhy() {
        Certificate certificate = HostCertificates.withSan("DNS:*.com", "DNS:f*.example.com", "DNS:www.*.example.com",
                "DNS:other.example.com");
        HostnameMatch result = HostnameVerifier.matches(certificate, "foo.example.com");
        assertEquals(Outcome.NO_MATCH, result.outcome());
        String explanation = result.explanation();
        assertTrue(explanation.contains("'*.com' (ignored: wildcard pattern of fewer than three labels"), explanation);
        assertTrue(explanation.contains("'f*.example.com' (ignored: wildcard is only part of a label"), explanation);
        assertTrue(explanation.contains("'www.*.example.com' (ignored: wildcard outside the left-most label"),
                explanation);
        assertTrue(explanation.contains("'other.example.com'"), explanation);
    }

    @Test
    void matchReportsTheIdentifierThatMatched() {
        Certificate certificate = HostCertificates.withSan("DNS:www.example.com", "DNS:*.example.org", "IP:2001:db8::1");
        assertEquals("*.example.org", HostnameVerifier.matches(certificate, "a.example.org").presentedIdentifier());
        assertEquals("2001:db8::1", HostnameVerifier.matches(certificate, "[2001:DB8::1]").presentedIdentifier());
        assertEquals("2001:db8::1", HostnameVerifier.matches(certificate, "[2001:DB8::1]").reference());
        assertEquals("www.example.com", HostnameVerifier.matches(certificate, "WWW.example.com.").reference());
    }

    @Test
    void mappedAddressMismatchExplainsTheIpv4Form() {
        Certificate certificate = HostCertificates.withSan("IP:192.0.2.1");
        HostnameMatch result = HostnameVerifier.matches(certificate, "::ffff:192.0.2.1");
        assertEquals(Outcome.NO_MATCH, result.outcome());
        assertTrue(result.explanation().contains("IPv4-mapped"), result.explanation());
    }

    @Test
    void leadingZeroExplanationMentionsOctal() {
        HostnameMatch result = HostnameVerifier.matches(HostCertificates.withSan("IP:10.0.0.1"), "010.0.0.1");
        assertEquals(Outcome.INVALID_REFERENCE_IDENTITY, result.outcome());
        assertTrue(result.explanation().contains("octal"), result.explanation());
        assertEquals("010.0.0.1", result.reference());
    }

    @Test
    void referenceIdentityRecordsAcceptOnlyNormalisedValues() throws InvalidReferenceIdentityException {
        assertEquals(new ReferenceIdentity.DnsName("xn--bcher-kva.example"), ReferenceIdentity.ofHost("Bücher.Example."));
        assertThrowsIllegalArgument(() -> new ReferenceIdentity.DnsName("Www.example.com"));
        assertThrowsIllegalArgument(() -> new ReferenceIdentity.DnsName("*.example.com"));
        assertThrowsIllegalArgument(() -> new ReferenceIdentity.DnsName("1.2.3.4"));
        assertThrowsIllegalArgument(() -> new ReferenceIdentity.EmailAddress("", "example.com"));
        assertThrowsIllegalArgument(() -> new ReferenceIdentity.UriId("HTTPS", "example.com"));
        assertEquals(new ReferenceIdentity.UriId("sip", "voice.example.edu"),
                ReferenceIdentity.ofUri("SIP:Voice.Example.EDU"));
    }

    private static void assertThrowsIllegalArgument(Runnable action) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, action::run);
    }
}
