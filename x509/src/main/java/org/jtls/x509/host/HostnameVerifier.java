package org.jtls.x509.host;

import java.net.IDN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.cert.SubjectAlternativeName;
import org.jtls.x509.host.HostnameMatch.Outcome;
import org.jtls.x509.host.ReferenceIdentity.DnsName;
import org.jtls.x509.host.ReferenceIdentity.EmailAddress;
import org.jtls.x509.host.ReferenceIdentity.IpAddress;
import org.jtls.x509.host.ReferenceIdentity.UriId;
import org.jtls.x509.name.GeneralName;

/**
 * Checks that a certificate was issued for the service the client meant to reach (RFC 9525, which
 * obsoletes RFC 6125). The certificate's own validity (its chain, dates, revocation) is checked
 * elsewhere; this answers only "is it for this name?".
 *
 * <ul>
 *   <li><b>DNS names</b> are compared with the subjectAltName's dNSName entries, ASCII
 *       case-insensitively, after converting the reference to A-labels; a trailing dot is ignored
 *       on either side. A wildcard counts only as the whole left-most label of a pattern of at
 *       least three labels, and stands for exactly one label: {@code f*.example.com},
 *       {@code www.*.example.com} and {@code *.com} never match (RFC 9525 §6.3).</li>
 *   <li><b>IP addresses</b> are compared octet for octet with iPAddress entries (RFC 9525 §6.4),
 *       never with dNSNames or the common name. An IPv4-mapped IPv6 reference
 *       ({@code ::ffff:192.0.2.1}) is 16 octets and does not match the 4-octet entry
 *       {@code 192.0.2.1}: the client connected over IPv6, and a certificate for the IPv4 address
 *       does not say otherwise.</li>
 *   <li><b>The common name</b> is consulted only when the caller allows it and the certificate
 *       has no subjectAltName extension at all. RFC 6125 §6.4.4 allowed this as a last resort and
 *       RFC 9525 dropped it; when used, the most specific (last) CN is compared with the DNS-name
 *       rules. A subjectAltName without dNSNames (only an e-mail address, say) still rules out
 *       the fallback, so a CA cannot be tricked into vouching for a host name through a CN it
 *       never meant as one.</li>
 *   <li><b>E-mail addresses</b> match rfc822Name entries: the local part exactly, the domain
 *       case-insensitively. <b>URI-IDs</b> match uniformResourceIdentifier entries by scheme and
 *       DNS host, without wildcards.</li>
 * </ul>
 * Every method returns a {@link HostnameMatch}; a malformed reference of any kind is an
 * {@link Outcome#INVALID_REFERENCE_IDENTITY}, never an exception (only {@code null} arguments are).
 */
public final class HostnameVerifier {
    private HostnameVerifier() {
    }

    /** {@link #matches(Certificate, String, boolean)} without the common-name fallback. */
    public static HostnameMatch matches(Certificate leaf, String hostOrIp) {
        return matches(leaf, hostOrIp, false);
    }

    /**
     * Whether {@code leaf} is for {@code hostOrIp}: a DNS name (U-labels allowed) or an IP literal
     * as {@link ReferenceIdentity#ofHost} reads it.
     *
     * @param allowCommonNameFallback whether to compare the common name when the certificate has
     *        no subjectAltName at all (legacy; off unless a caller must talk to such servers)
     */
    public static HostnameMatch matches(Certificate leaf, String hostOrIp, boolean allowCommonNameFallback) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(hostOrIp, "hostOrIp");
        ReferenceIdentity reference;
        try {
            reference = ReferenceIdentity.ofHost(hostOrIp);
        } catch (InvalidReferenceIdentityException e) {
            return invalid(hostOrIp, e);
        }
        return matches(leaf, reference, allowCommonNameFallback);
    }

    /** Whether {@code leaf} is for the e-mail address {@code address}. */
    public static HostnameMatch matchesEmail(Certificate leaf, String address) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(address, "address");
        try {
            return matches(leaf, ReferenceIdentity.ofEmail(address), false);
        } catch (InvalidReferenceIdentityException e) {
            return invalid(address, e);
        }
    }

    /** Whether {@code leaf} is for the URI-ID (scheme and DNS host) of {@code uri}. */
    public static HostnameMatch matchesUri(Certificate leaf, String uri) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(uri, "uri");
        try {
            return matches(leaf, ReferenceIdentity.ofUri(uri), false);
        } catch (InvalidReferenceIdentityException e) {
            return invalid(uri, e);
        }
    }

    /**
     * Whether {@code leaf} is for {@code reference}. The common-name fallback applies to a
     * {@link DnsName} only.
     */
    public static HostnameMatch matches(Certificate leaf, ReferenceIdentity reference,
            boolean allowCommonNameFallback) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(reference, "reference");
        Optional<SubjectAlternativeName> subjectAltName = leaf.subjectAlternativeName();
        if (reference instanceof DnsName dns) {
            if (subjectAltName.isEmpty()) {
                return allowCommonNameFallback ? matchCommonName(leaf, dns)
                        : new HostnameMatch(Outcome.NO_SUBJECT_ALT_NAME, dns.name(), null, "the certificate has no "
                                + "subjectAltName, and comparing " + dns.name() + " with its common name was not "
                                + "allowed (RFC 9525 dropped the CN-ID that RFC 6125 §6.4.4 kept as a last resort)");
            }
            return matchDnsName(subjectAltName.get(), dns);
        }
        if (subjectAltName.isEmpty()) {
            return new HostnameMatch(Outcome.NO_SUBJECT_ALT_NAME, reference.toString(), null,
                    "the certificate has no subjectAltName; " + describeType(reference)
                            + " are matched only against subjectAltName entries, never the common name");
        }
        if (reference instanceof IpAddress ip) {
            return matchIpAddress(subjectAltName.get(), ip);
        }
        if (reference instanceof EmailAddress email) {
            return matchEmailAddress(subjectAltName.get(), email);
        }
        return matchUri(subjectAltName.get(), (UriId) reference);
    }

    // ---- DNS-ID ----

    private static HostnameMatch matchDnsName(SubjectAlternativeName subjectAltName, DnsName reference) {
        List<String> dnsNames = subjectAltName.dnsNames();
        if (dnsNames.isEmpty()) {
            return new HostnameMatch(Outcome.NO_IDENTIFIER_OF_TYPE, reference.name(), null,
                    "the certificate's subjectAltName has no dNSName to compare with " + reference.name()
                            + "; its common name is not consulted when a subjectAltName is present (RFC 6125 §6.4.4)");
        }
        Comparisons comparisons = new Comparisons();
        for (String presented : dnsNames) {
            DnsNames.Verdict verdict = DnsNames.compare(presented, reference.name(), true);
            if (verdict.matched()) {
                Outcome outcome = verdict.comparison() == DnsNames.Comparison.WILDCARD_MATCH
                        ? Outcome.MATCHED_WILDCARD_DNS_NAME : Outcome.MATCHED_DNS_NAME;
                return new HostnameMatch(outcome, reference.name(), presented,
                        reference.name() + " matches the dNSName " + presented);
            }
            comparisons.add(presented, verdict);
        }
        return new HostnameMatch(Outcome.NO_MATCH, reference.name(), null,
                reference.name() + " matches none of the dNSNames " + comparisons);
    }

    private static HostnameMatch matchCommonName(Certificate leaf, DnsName reference) {
        List<String> commonNames = leaf.subject().commonNames();
        if (commonNames.isEmpty()) {
            return new HostnameMatch(Outcome.NO_IDENTIFIER_OF_TYPE, reference.name(), null,
                    "the certificate has neither a subjectAltName nor a common name");
        }
        // RFC 2818 §3.1's "most specific" common name: the last in encoded order.
        String commonName = commonNames.get(commonNames.size() - 1);
        String ascii = commonNameToAscii(commonName);
        if (ascii == null) {
            return new HostnameMatch(Outcome.NO_MATCH, reference.name(), null, "the common name "
                    + IpAddressLiteral.quote(commonName) + " is not a host name, so it cannot match " + reference.name());
        }
        DnsNames.Verdict verdict = DnsNames.compare(ascii, reference.name(), true);
        if (verdict.matched()) {
            return new HostnameMatch(Outcome.MATCHED_COMMON_NAME, reference.name(), commonName,
                    reference.name() + " matches the common name " + commonName
                            + " (legacy fallback: the certificate has no subjectAltName)");
        }
        Comparisons comparisons = new Comparisons();
        comparisons.add(commonName, verdict);
        return new HostnameMatch(Outcome.NO_MATCH, reference.name(), null,
                reference.name() + " does not match the common name " + comparisons);
    }

    /**
     * A common name in A-label form: a DirectoryString may hold U-labels, which are converted
     * label by label (a leading {@code *} label is kept); {@code null} if that fails.
     */
    private static String commonNameToAscii(String commonName) {
        if (commonName.chars().allMatch(c -> c < 0x80)) {
            return commonName;
        }
        String[] labels = commonName.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            if (labels[i].equals("*")) {
                out.append('*');
                continue;
            }
            try {
                out.append(IDN.toASCII(labels[i], IDN.USE_STD3_ASCII_RULES));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out.toString();
    }

    // ---- IP-ID ----

    private static HostnameMatch matchIpAddress(SubjectAlternativeName subjectAltName, IpAddress reference) {
        IpAddressLiteral address = reference.address();
        List<GeneralName.IpAddress> presented = subjectAltName.ipAddresses();
        if (presented.isEmpty()) {
            return new HostnameMatch(Outcome.NO_IDENTIFIER_OF_TYPE, address.toString(), null,
                    "the certificate's subjectAltName has no iPAddress to compare with " + address
                            + "; dNSNames and the common name are never compared with an IP address (RFC 9525 §6.4)");
        }
        List<String> shown = new ArrayList<>();
        boolean embeddedIpv4Present = false;
        for (GeneralName.IpAddress entry : presented) {
            byte[] octets = entry.octets();
            String text = IpAddressLiteral.format(octets);
            if (address.sameOctets(octets)) {
                return new HostnameMatch(Outcome.MATCHED_IP_ADDRESS, address.toString(), text,
                        address + " matches the iPAddress " + text);
            }
            shown.add(text);
            embeddedIpv4Present |= address.isIpv4Mapped() && octets.length == 4
                    && Arrays.equals(octets, 0, 4, address.octets(), 12, 16);
        }
        String note = embeddedIpv4Present ? "; an IPv4-mapped IPv6 address does not match the IPv4 address it "
                + "embeds, connect to the IPv4 form instead" : "";
        return new HostnameMatch(Outcome.NO_MATCH, address.toString(), null,
                address + " matches none of the iPAddresses " + String.join(", ", shown) + note);
    }

    // ---- e-mail and URI-ID ----

    private static HostnameMatch matchEmailAddress(SubjectAlternativeName subjectAltName, EmailAddress reference) {
        List<String> addresses = subjectAltName.emailAddresses();
        if (addresses.isEmpty()) {
            return new HostnameMatch(Outcome.NO_IDENTIFIER_OF_TYPE, reference.toString(), null,
                    "the certificate's subjectAltName has no rfc822Name to compare with " + reference);
        }
        Comparisons comparisons = new Comparisons();
        for (String presented : addresses) {
            int at = presented.lastIndexOf('@');
            if (at <= 0) {
                comparisons.add(presented, DnsNames.Verdict.ignored("a mailbox host, not an address"));
                continue;
            }
            // RFC 5321 §2.4: only the mailbox's host may treat local parts case-insensitively.
            boolean sameLocalPart = presented.substring(0, at).equals(reference.localPart());
            DnsNames.Verdict domain = DnsNames.compare(presented.substring(at + 1), reference.domain(), false);
            if (sameLocalPart && domain.matched()) {
                return new HostnameMatch(Outcome.MATCHED_EMAIL_ADDRESS, reference.toString(), presented,
                        reference + " matches the rfc822Name " + presented);
            }
            comparisons.add(presented, domain.comparison() == DnsNames.Comparison.IGNORED ? domain
                    : DnsNames.Verdict.DIFFERENT);
        }
        return new HostnameMatch(Outcome.NO_MATCH, reference.toString(), null,
                reference + " matches none of the rfc822Names " + comparisons);
    }

    private static HostnameMatch matchUri(SubjectAlternativeName subjectAltName, UriId reference) {
        List<String> uris = subjectAltName.uris();
        if (uris.isEmpty()) {
            return new HostnameMatch(Outcome.NO_IDENTIFIER_OF_TYPE, reference.toString(), null,
                    "the certificate's subjectAltName has no uniformResourceIdentifier to compare with " + reference);
        }
        Comparisons comparisons = new Comparisons();
        for (String presented : uris) {
            UriIds.Parts parts = UriIds.split(presented);
            if (parts.problem() != null) {
                comparisons.add(presented, DnsNames.Verdict.ignored(parts.problem()));
                continue;
            }
            // RFC 6125 §6.5.2: the scheme compares case-insensitively; URI-IDs carry no wildcards.
            DnsNames.Verdict host = DnsNames.compare(parts.host(), reference.host(), false);
            if (parts.scheme().equals(reference.scheme()) && host.matched()) {
                return new HostnameMatch(Outcome.MATCHED_URI, reference.toString(), presented,
                        reference + " matches the URI " + presented);
            }
            comparisons.add(presented, host.comparison() == DnsNames.Comparison.IGNORED ? host
                    : DnsNames.Verdict.DIFFERENT);
        }
        return new HostnameMatch(Outcome.NO_MATCH, reference.toString(), null,
                reference + " matches none of the URIs " + comparisons);
    }

    // ---- results ----

    private static HostnameMatch invalid(String given, InvalidReferenceIdentityException e) {
        return new HostnameMatch(Outcome.INVALID_REFERENCE_IDENTITY, given, null, e.getMessage());
    }

    private static String describeType(ReferenceIdentity reference) {
        if (reference instanceof IpAddress) {
            return "IP addresses";
        }
        return reference instanceof EmailAddress ? "e-mail addresses" : "URI-IDs";
    }

    /** The presented identifiers that did not match, for the explanation, with why some were ignored. */
    private static final class Comparisons {
        private final List<String> compared = new ArrayList<>();

        void add(String presented, DnsNames.Verdict verdict) {
            String shown = IpAddressLiteral.quote(presented);
            compared.add(verdict.comparison() == DnsNames.Comparison.IGNORED
                    ? shown + " (ignored: " + verdict.reason() + ")" : shown);
        }

        @Override
        public String toString() {
            return String.join(", ", compared);
        }
    }
}
