package org.jtls.x509.host;

/**
 * The two parts of a URI that a URI-ID names (RFC 6125 §6.3 and §6.5.2): the scheme, and the host
 * when it is a DNS name ({@code reg-name} in RFC 3986 §3.2.2). Deliberately small: enough to read
 * {@code https://www.example.com:8443/path}, {@code sip:voice.example.edu} and
 * {@code sip:alice@voice.example.edu;transport=tcp}; no percent-decoding and no normalisation of
 * paths, which a host check never needs.
 */
final class UriIds {
    private UriIds() {
    }

    /** A scheme in lower case and a host as written (not yet normalised), or the reason there is none. */
    record Parts(String scheme, String host, String problem) {
        static Parts problem(String problem) {
            return new Parts(null, null, problem);
        }
    }

    static Parts split(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return Parts.problem("no scheme");
        }
        String scheme = uri.substring(0, colon);
        if (!isScheme(scheme)) {
            return Parts.problem("malformed scheme");
        }
        String rest = uri.substring(colon + 1);
        String authority;
        if (rest.startsWith("//")) {
            // RFC 3986 §3.2: the authority ends at the next '/', '?' or '#'.
            authority = upTo(rest.substring(2), "/?#");
        } else {
            // Opaque forms such as sip: carry the host in the same place, before any parameters.
            authority = upTo(rest, "/?#;");
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            return Parts.problem("the host is an IP literal, not a DNS name");
        }
        int portColon = host.lastIndexOf(':');
        if (portColon >= 0) {
            String port = host.substring(portColon + 1);
            if (!port.isEmpty() && !IpAddressLiteral.isAllDigits(port)) {
                return Parts.problem("malformed port");
            }
            host = host.substring(0, portColon);
        }
        if (host.isEmpty()) {
            return Parts.problem("no host");
        }
        if (host.indexOf('%') >= 0) {
            return Parts.problem("percent-encoded host");
        }
        String[] labels = DnsNames.withoutTrailingDot(host).split("\\.", -1);
        if (IpAddressLiteral.isAllDigits(labels[labels.length - 1])) {
            return Parts.problem("the host is an IP address, not a DNS name");
        }
        return new Parts(DnsNames.lowerCase(scheme), host, null);
    }

    /** RFC 3986 §3.1: {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. */
    private static boolean isScheme(String scheme) {
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!letter && (i == 0 || !other)) {
                return false;
            }
        }
        return true;
    }

    private static String upTo(String text, String stops) {
        for (int i = 0; i < text.length(); i++) {
            if (stops.indexOf(text.charAt(i)) >= 0) {
                return text.substring(0, i);
            }
        }
        return text;
    }
}
