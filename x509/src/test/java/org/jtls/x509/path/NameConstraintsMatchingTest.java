package org.jtls.x509.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-form matching rules of RFC 5280 §4.2.1.10, on their own. */
class NameConstraintsMatchingTest {

    @Test
    void dnsConstraintAdmitsItselfAndNamesWithMoreLabelsOnTheLeft() {
        assertTrue(NameConstraintsChecker.dnsMatches("example.com", "example.com", false));
        assertTrue(NameConstraintsChecker.dnsMatches("example.com", "www.EXAMPLE.com", false));
        assertTrue(NameConstraintsChecker.dnsMatches("Example.Com.", "a.b.example.com", false));
        assertFalse(NameConstraintsChecker.dnsMatches("example.com", "badexample.com", false));
        assertFalse(NameConstraintsChecker.dnsMatches("www.example.com", "example.com", false));
        assertTrue(NameConstraintsChecker.dnsMatches("", "anything.example", false));
    }

    @Test
    void dnsConstraintWithALeadingPeriodAdmitsOnlySubdomains() {
        assertTrue(NameConstraintsChecker.dnsMatches(".example.com", "www.example.com", false));
        assertFalse(NameConstraintsChecker.dnsMatches(".example.com", "example.com", false));
    }

    @Test
    void aWildcardMatchesAnExcludedNameItCouldStandFor() {
        assertTrue(NameConstraintsChecker.dnsMatches("bad.example.com", "*.example.com", true));
        assertTrue(NameConstraintsChecker.dnsMatches(".bad.example.com", "*.bad.example.com", true));
        assertFalse(NameConstraintsChecker.dnsMatches("bad.example.com", "*.example.com", false));
        assertFalse(NameConstraintsChecker.dnsMatches("a.bad.example.com", "*.example.com", true));
        assertFalse(NameConstraintsChecker.dnsMatches("bad.example.org", "*.example.com", true));
    }

    @Test
    void emailConstraintsNameAMailboxAHostOrADomain() {
        assertTrue(NameConstraintsChecker.emailMatches("root@example.com", "root@EXAMPLE.com"));
        assertFalse(NameConstraintsChecker.emailMatches("root@example.com", "Root@example.com"));
        assertTrue(NameConstraintsChecker.emailMatches("example.com", "anyone@Example.COM"));
        assertFalse(NameConstraintsChecker.emailMatches("example.com", "anyone@mail.example.com"));
        assertTrue(NameConstraintsChecker.emailMatches(".example.com", "anyone@mail.example.com"));
        assertFalse(NameConstraintsChecker.emailMatches(".example.com", "anyone@example.com"));
        assertFalse(NameConstraintsChecker.emailMatches("example.com", "not-an-address"));
    }

    @Test
    void uriHostComesFromTheAuthority() {
        assertEquals("host.example.com", NameConstraintsChecker.uriHost("https://host.example.com/path"));
        assertEquals("host.example.com", NameConstraintsChecker.uriHost("ftp://user:pw@host.example.com:21/x"));
        assertEquals("h.example", NameConstraintsChecker.uriHost("ldap://h.example?query"));
        assertNull(NameConstraintsChecker.uriHost("mailto:user@example.com"));
        assertNull(NameConstraintsChecker.uriHost("urn:isbn:0451450523"));
        assertNull(NameConstraintsChecker.uriHost("http://192.0.2.1/"));
        assertNull(NameConstraintsChecker.uriHost("http://[2001:db8::1]/"));
        assertNull(NameConstraintsChecker.uriHost("no scheme at all"));
    }

    @Test
    void ipAddressMatchesUnderTheMaskInItsOwnFamily() {
        byte[] network = {10, 0, 0, 0, (byte) 255, 0, 0, 0};
        assertTrue(NameConstraintsChecker.ipMatches(network, new byte[] {10, 20, 30, 40}));
        assertFalse(NameConstraintsChecker.ipMatches(network, new byte[] {11, 20, 30, 40}));
        assertFalse(NameConstraintsChecker.ipMatches(network, new byte[16]));
        byte[] everything = new byte[8];
        assertTrue(NameConstraintsChecker.ipMatches(everything, new byte[] {(byte) 203, 0, 113, 9}));
    }
}
