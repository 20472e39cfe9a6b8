package org.jtls.x509.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.host.HostnameMatch.Outcome;

/**
 * Host checks on random input: a certificate made for a random DNS name matches that name in any
 * case and with a trailing dot, and never a different name; random reference strings and random
 * presented names always yield a result, never an unchecked exception.
 */
class HostnameProperties {
    /** One certificate full of awkward presented identifiers, made once. */
    private static final Certificate AWKWARD = HostCertificates.withSan("DNS:*.example.com", "DNS:*.com", "DNS:f*.b.c",
            "DNS:xn--bcher-kva.example", "DNS:", "DNS:.", "DNS:a..b", "DNS:*", "IP:192.0.2.1", "IP:2001:db8::1",
            "email:a@b.example", "email:b.example", "email:@", "URI:https://www.example.com/", "URI:x", "URI::",
            "URI:a://[::1]:80/", "URI:s:@", "URI:s://h:p/");
    private static final Certificate CN_ONLY = HostCertificates.certificate("CN=*.example.com", null);

    @Property(tries = 200)
    void certificateForANameMatchesItAndNoOtherName(@ForAll("dnsNames") String name, @ForAll("dnsNames") String other,
            @ForAll boolean upperCase, @ForAll boolean trailingDot) {
        Certificate certificate = HostCertificates.withSan("DNS:" + name);
        String reference = (upperCase ? name.toUpperCase(Locale.ROOT) : name) + (trailingDot ? "." : "");
        HostnameMatch match = HostnameVerifier.matches(certificate, reference);
        assertEquals(Outcome.MATCHED_DNS_NAME, match.outcome(), match.explanation());
        assertEquals(name, match.presentedIdentifier());

        Assume.that(!other.equals(name));
        HostnameMatch mismatch = HostnameVerifier.matches(certificate, other, true);
        assertEquals(Outcome.NO_MATCH, mismatch.outcome(), mismatch.explanation());
    }

    @Property(tries = 200)
    void wildcardMatchesExactlyOneMoreLabel(@ForAll("dnsNames") String parent, @ForAll("labels") String label,
            @ForAll("labels") String secondLabel) {
        Assume.that(parent.indexOf('.') > 0);
        Certificate certificate = HostCertificates.withSan("DNS:*." + parent);
        assertEquals(Outcome.MATCHED_WILDCARD_DNS_NAME,
                HostnameVerifier.matches(certificate, label + "." + parent).outcome());
        assertEquals(Outcome.NO_MATCH, HostnameVerifier.matches(certificate, parent).outcome());
        assertEquals(Outcome.NO_MATCH,
                HostnameVerifier.matches(certificate, secondLabel + "." + label + "." + parent).outcome());
    }

    @Property(tries = 2000)
    void arbitraryReferencesNeverEscape(@ForAll("references") String reference, @ForAll boolean fallback) {
        HostnameMatch match = HostnameVerifier.matches(AWKWARD, reference, fallback);
        assertNotNull(match.explanation());
        Statistics.label("outcome").collect(match.outcome());
        assertNotNull(HostnameVerifier.matches(CN_ONLY, reference, true).explanation());
        assertNotNull(HostnameVerifier.matchesEmail(AWKWARD, reference).explanation());
        assertNotNull(HostnameVerifier.matchesEmail(AWKWARD, "user@" + reference).explanation());
        assertNotNull(HostnameVerifier.matchesUri(AWKWARD, reference).explanation());
        assertNotNull(HostnameVerifier.matchesUri(AWKWARD, "https://" + reference + "/").explanation());
        try {
            IpAddressLiteral.parse(reference);
        } catch (InvalidReferenceIdentityException rejected) {
            assertNotNull(rejected.getMessage());
        }
    }

    @Property(tries = 2000)
    void arbitraryPresentedNamesNeverEscape(@ForAll("references") String presented, @ForAll("dnsNames") String reference,
            @ForAll boolean wildcardAllowed) {
        DnsNames.Verdict verdict = DnsNames.compare(presented, reference, wildcardAllowed);
        assertEquals(verdict.comparison() == DnsNames.Comparison.IGNORED, verdict.reason() != null);
    }

    @Property(tries = 1000)
    void ipv6TextRoundTrips(@ForAll @Size(value = 16) byte[] octets, @ForAll boolean bracketed) throws Exception {
        String text = IpAddressLiteral.of(octets).toString();
        IpAddressLiteral parsed = IpAddressLiteral.parse(bracketed ? "[" + text + "]" : text);
        assertArrayEquals(octets, parsed.octets());
        Certificate certificate = HostCertificates.certificate("CN=test",
                List.of("IPHEX:" + HexFormat.of().formatHex(octets)));
        assertTrue(HostnameVerifier.matches(certificate, text).matched());
    }

    @Property(tries = 1000)
    void ipv4TextRoundTrips(@ForAll @Size(value = 4) byte[] octets) throws Exception {
        String text = IpAddressLiteral.of(octets).toString();
        assertArrayEquals(octets, IpAddressLiteral.parse(text).octets());
        assertFalse(IpAddressLiteral.parse("::ffff:" + text).sameOctets(octets));
    }

    @Provide
    Arbitrary<String> labels() {
        Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
        Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMinLength(0).ofMaxLength(12);
        return Combinators.combine(edge, middle, edge).as((first, inner, last) -> first + inner + last);
    }

    /** Host names of one to four labels whose last label is alphabetic (RFC 1123 §2.1). */
    @Provide
    Arbitrary<String> dnsNames() {
        Arbitrary<String> topLevel = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(6);
        return Combinators.combine(labels().list().ofMinSize(0).ofMaxSize(3), topLevel)
                .as((labels, last) -> labels.isEmpty() ? last : String.join(".", labels) + "." + last);
    }

    /** Anything, and strings built from the characters that matter in host names and IP literals. */
    @Provide
    Arbitrary<String> references() {
        Arbitrary<String> awkward = Arbitraries.strings()
                .withChars("0123456789abcdefxABCDEF.:[]%*-_@/?#;\u3002\uff0e\uff11\u0661ßü \u0000\u200d")
                .ofMaxLength(40);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> nearIp = Combinators.combine(Arbitraries.integers().between(0, 999).list().ofMinSize(1)
                .ofMaxSize(9), Arbitraries.of(".", ":", "::")).as((parts, separator) -> String.join(separator,
                        parts.stream().map(String::valueOf).toList()));
        return Arbitraries.oneOf(awkward, anything, nearIp, dnsNames());
    }
}
