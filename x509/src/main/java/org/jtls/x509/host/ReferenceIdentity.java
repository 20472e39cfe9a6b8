package org.jtls.x509.host;

import java.util.Objects;

/**
 * The identity a client expects the server to have (a "reference identifier", RFC 6125 §1.8 and
 * §6.2), in the normalised form that is compared with a certificate's presented identifiers. Build
 * one with {@link #ofHost}, {@link #ofEmail} or {@link #ofUri}; each either yields a valid
 * identity or says, with an {@link InvalidReferenceIdentityException}, why the text is not one.
 * The record constructors accept only values already in normalised form.
 */
public sealed interface ReferenceIdentity {

    /**
     * A host as a user or URL gives it: an IP literal or a DNS name.
     *
     * <ul>
     *   <li>Brackets or a colon mean IPv6 ({@code [::1]}, {@code 2001:db8::1},
     *       {@code ::ffff:192.0.2.1}), parsed by {@link IpAddressLiteral}.</li>
     *   <li>An all-digit last label means IPv4, which must be a strict dotted quad
     *       ({@code 192.0.2.1}; not {@code 010.0.0.1}, {@code 127.1} or {@code 1.2.3.4.}).</li>
     *   <li>Anything else is a DNS name, converted to A-labels in lower case without a trailing
     *       dot; see {@link DnsName}.</li>
     * </ul>
     * Nothing is looked up.
     */
    static ReferenceIdentity ofHost(String hostOrIp) throws InvalidReferenceIdentityException {
        Objects.requireNonNull(hostOrIp, "hostOrIp");
        if (hostOrIp.startsWith("[") || hostOrIp.endsWith("]") || hostOrIp.indexOf(':') >= 0) {
            return new IpAddress(IpAddressLiteral.parse(hostOrIp));
        }
        String[] labels = DnsNames.withoutTrailingDot(hostOrIp).split("\\.", -1);
        if (IpAddressLiteral.isAllDigits(labels[labels.length - 1])) {
            if (hostOrIp.endsWith(".")) {
                throw new InvalidReferenceIdentityException("an IPv4 address has no trailing dot: "
                        + IpAddressLiteral.quote(hostOrIp));
            }
            return new IpAddress(IpAddressLiteral.parse(hostOrIp));
        }
        return new DnsName(DnsNames.referenceToAscii(hostOrIp));
    }

    /**
     * An e-mail address {@code local-part@domain}, split at the last {@code @}. The domain is
     * normalised as a DNS name; the local part is kept exactly, since only its host may interpret
     * it (RFC 5321 §2.4). Local parts beyond ASCII (RFC 6531) would be matched against an
     * SmtpUTF8Mailbox (RFC 8398), which jtls does not read, so they are refused.
     */
    static EmailAddress ofEmail(String address) throws InvalidReferenceIdentityException {
        Objects.requireNonNull(address, "address");
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidReferenceIdentityException("an e-mail address is local-part@domain: "
                    + IpAddressLiteral.quote(address));
        }
        String localPart = address.substring(0, at);
        if (!EmailAddress.isPrintableAscii(localPart)) {
            throw new InvalidReferenceIdentityException("the local part of an e-mail address must be printable "
                    + "ASCII (SmtpUTF8Mailbox, RFC 8398, is not supported): " + IpAddressLiteral.quote(address));
        }
        String domain = address.substring(at + 1);
        if (domain.startsWith("[")) {
            throw new InvalidReferenceIdentityException("e-mail addresses at an IP literal cannot be matched: "
                    + IpAddressLiteral.quote(address));
        }
        return new EmailAddress(localPart, DnsNames.referenceToAscii(domain));
    }

    /**
     * A URI-ID (RFC 6125 §6.3): the scheme and the DNS host of {@code uri}, such as
     * {@code sip:voice.example.edu} or {@code https://www.example.com/}. A URI whose host is an IP
     * address has no URI-ID.
     */
    static UriId ofUri(String uri) throws InvalidReferenceIdentityException {
        Objects.requireNonNull(uri, "uri");
        UriIds.Parts parts = UriIds.split(uri);
        if (parts.problem() != null) {
            throw new InvalidReferenceIdentityException("not a URI with a DNS host (" + parts.problem() + "): "
                    + IpAddressLiteral.quote(uri));
        }
        return new UriId(parts.scheme(), DnsNames.referenceToAscii(parts.host()));
    }

    /** A DNS-ID: A-labels, ASCII lower case, no trailing dot, never all-numeric in its last label. */
    record DnsName(String name) implements ReferenceIdentity {
        public DnsName {
            requireNormalisedHost(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An IP-ID, compared octet for octet with iPAddress entries (RFC 9525 §6.4). */
    record IpAddress(IpAddressLiteral address) implements ReferenceIdentity {
        public IpAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** An e-mail address: the local part exactly as given, the domain normalised like a {@link DnsName}. */
    record EmailAddress(String localPart, String domain) implements ReferenceIdentity {
        public EmailAddress {
            Objects.requireNonNull(localPart, "localPart");
            if (localPart.isEmpty() || !isPrintableAscii(localPart)) {
                throw new IllegalArgumentException("local part must be non-empty printable ASCII");
            }
            requireNormalisedHost(domain);
        }

        static boolean isPrintableAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return localPart + "@" + domain;
        }
    }

    /** A URI-ID: a scheme in lower case and a host normalised like a {@link DnsName}. */
    record UriId(String scheme, String host) implements ReferenceIdentity {
        public UriId {
            Objects.requireNonNull(scheme, "scheme");
            if (scheme.isEmpty() || !scheme.equals(DnsNames.lowerCase(scheme))
                    || UriIds.split(scheme + ":x").problem() != null) {
                throw new IllegalArgumentException("scheme must be an RFC 3986 scheme in lower case: " + scheme);
            }
            requireNormalisedHost(host);
        }

        @Override
        public String toString() {
            return scheme + ":" + host;
        }
    }

    private static void requireNormalisedHost(String host) {
        Objects.requireNonNull(host, "host");
        String normalised;
        try {
            normalised = DnsNames.referenceToAscii(host);
        } catch (InvalidReferenceIdentityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (!normalised.equals(host)) {
            throw new IllegalArgumentException("host name not in normalised form (use ReferenceIdentity.ofHost): "
                    + host);
        }
    }
}
