package org.jtls.x509.host;

import java.net.IDN;

/**
 * DNS names on both sides of a host check: the reference identity the client typed, brought to
 * its A-label form, and the identifiers a certificate presents, compared label by label with the
 * wildcard rules of RFC 9525 §6.3 (which tightens RFC 6125 §6.4.3's SHOULDs into MUSTs).
 */
final class DnsNames {
    /** RFC 1035 §2.3.4: 63 octets per label, 255 per name (253 characters in text without the root dot). */
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_NAME_LENGTH = 253;
    /** Longer input is refused before IDNA processing spends time on it. */
    private static final int MAX_INPUT_LENGTH = 1024;

    private DnsNames() {
    }

    /** How one presented identifier compares with the reference identity. */
    enum Comparison { MATCH, WILDCARD_MATCH, DIFFERENT, IGNORED }

    /** A comparison with, for a name that was not compared, the reason it was ignored. */
    record Verdict(Comparison comparison, String reason) {
        static final Verdict MATCH = new Verdict(Comparison.MATCH, null);
        static final Verdict WILDCARD_MATCH = new Verdict(Comparison.WILDCARD_MATCH, null);
        static final Verdict DIFFERENT = new Verdict(Comparison.DIFFERENT, null);

        static Verdict ignored(String reason) {
            return new Verdict(Comparison.IGNORED, reason);
        }

        boolean matched() {
            return comparison == Comparison.MATCH || comparison == Comparison.WILDCARD_MATCH;
        }
    }

    /**
     * The reference identity {@code name} in the form certificates carry: U-labels converted to
     * A-labels (RFC 6125 §6.4.2) with {@link IDN#toASCII} and the STD3 rules (letters, digits and
     * hyphens only), ASCII lower case, no trailing dot. {@link IDN} does no network I/O. It
     * implements IDNA2003, so the few characters IDNA2008 treats differently ({@code ß}, final
     * sigma, ZWJ/ZWNJ) are mapped the 2003 way.
     *
     * @throws InvalidReferenceIdentityException if the result is not a host name: empty labels,
     *         labels over 63 or names over 253 characters, characters other than LDH, or an
     *         all-numeric last label (RFC 1123 §2.1: a real top-level label is alphabetic, so such
     *         a name is a malformed IP address, such as {@code 1.2.3} or a full-width
     *         {@code １.２.３.４})
     */
    static String referenceToAscii(String name) throws InvalidReferenceIdentityException {
        if (name.isEmpty()) {
            throw new InvalidReferenceIdentityException("empty host name");
        }
        if (name.length() > MAX_INPUT_LENGTH) {
            throw new InvalidReferenceIdentityException("host name of " + name.length() + " characters is too long");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidReferenceIdentityException("not a valid host name (" + e.getMessage() + "): "
                    + IpAddressLiteral.quote(name));
        }
        ascii = lowerCase(withoutTrailingDot(ascii));
        String problem = problemWithHostName(ascii);
        if (problem != null) {
            throw new InvalidReferenceIdentityException(problem + ": " + IpAddressLiteral.quote(name));
        }
        String[] labels = ascii.split("\\.", -1);
        if (IpAddressLiteral.isAllDigits(labels[labels.length - 1])) {
            throw new InvalidReferenceIdentityException("the last label of a host name is never all digits "
                    + "(RFC 1123 §2.1); this is not a valid IPv4 address either: " + IpAddressLiteral.quote(name));
        }
        return ascii;
    }

    /** Why {@code ascii} (lower case, no trailing dot) is not a host name, or {@code null}. */
    static String problemWithHostName(String ascii) {
        if (ascii.isEmpty()) {
            return "empty host name";
        }
        if (ascii.length() > MAX_NAME_LENGTH) {
            return "host name longer than " + MAX_NAME_LENGTH + " characters";
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "empty label in host name";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "label longer than " + MAX_LABEL_LENGTH + " characters";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "label starts or ends with a hyphen";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean letterDigitHyphen = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!letterDigitHyphen) {
                    return "character other than a letter, digit or hyphen in host name";
                }
            }
        }
        return null;
    }

    /**
     * Compares a presented DNS identifier (a dNSName, or a common name in the legacy fallback) with
     * a reference from {@link #referenceToAscii}: labels equal in ASCII case-insensitive
     * comparison (RFC 6125 §6.4.1), a trailing dot ignored on either side. A wildcard is honoured
     * only as the entire left-most label, standing for exactly one label (RFC 9525 §6.3): partial
     * labels ({@code f*.example.com}), wildcards further right ({@code www.*.example.com}) and
     * more than one wildcard make the identifier invalid, and it is ignored.
     *
     * <p>Beyond the RFC, a wildcard pattern needs at least three labels: {@code *.com} or
     * {@code *.local} would vouch for a whole top-level domain. This is not a public-suffix check;
     * {@code *.co.uk} passes it and is left to CA policy.
     *
     * <p>A wildcard may stand for an A-label ({@code *.example.com} matches
     * {@code xn--bcher-kva.example.com}): what RFC 6125 §7.2 and RFC 9525 §6.3 rule out is a
     * wildcard <em>inside</em> an A-label ({@code xn--bcher*.example.com}), which the
     * partial-label rule already rejects.
     */
    static Verdict compare(String presented, String reference, boolean wildcardAllowed) {
        String name = lowerCase(withoutTrailingDot(presented));
        if (name.isEmpty()) {
            return Verdict.ignored("empty name");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return Verdict.ignored("empty label");
            }
        }
        if (name.indexOf('*') < 0) {
            return name.equals(reference) ? Verdict.MATCH : Verdict.DIFFERENT;
        }
        if (!wildcardAllowed) {
            return Verdict.ignored("wildcard where none is allowed");
        }
        if (!labels[0].equals("*")) {
            return Verdict.ignored(labels[0].indexOf('*') >= 0
                    ? "wildcard is only part of a label, RFC 9525 §6.3"
                    : "wildcard outside the left-most label, RFC 9525 §6.3");
        }
        if (name.indexOf('*', 1) >= 0) {
            return Verdict.ignored("more than one wildcard, RFC 9525 §6.3");
        }
        if (labels.length < 3) {
            return Verdict.ignored("wildcard pattern of fewer than three labels would cover a whole top-level domain");
        }
        String[] referenceLabels = reference.split("\\.", -1);
        if (referenceLabels.length != labels.length) {
            return Verdict.DIFFERENT;
        }
        for (int i = 1; i < labels.length; i++) {
            if (!labels[i].equals(referenceLabels[i])) {
                return Verdict.DIFFERENT;
            }
        }
        return Verdict.WILDCARD_MATCH;
    }

    static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** ASCII-only lower case: no locale rules, and no Unicode folding (which turns the Kelvin sign into {@code k}). */
    static String lowerCase(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return out == null ? text : out.toString();
    }
}
