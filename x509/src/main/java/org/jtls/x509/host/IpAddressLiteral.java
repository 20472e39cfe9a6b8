package org.jtls.x509.host;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address written as text, parsed by hand: nothing here resolves names, so a
 * string that is not a literal never reaches the network (unlike {@code InetAddress.getByName}).
 *
 * <p>IPv4 is the strict dotted-quad form of RFC 3986 §3.2.2 ({@code dec-octet}): exactly four
 * decimal parts of 0 to 255 without leading zeros. {@code 010.0.0.1} is refused rather than read,
 * because C's {@code inet_aton} reads {@code 010} as octal 8 and other parsers as decimal 10; two
 * readings of one name is how host checks get bypassed. Short forms ({@code 127.1}), hexadecimal
 * parts and a trailing dot are refused for the same reason.
 *
 * <p>IPv6 is any RFC 4291 §2.2 text form: eight groups of one to four hex digits, one {@code ::}
 * standing for one or more zero groups, and a dotted quad in place of the last two groups
 * ({@code ::ffff:192.0.2.1}). Surrounding brackets ({@code [::1]}, RFC 3986 §3.2.2) are accepted;
 * a zone ({@code fe80::1%eth0}, RFC 6874) is not, since a certificate cannot name a local link.
 */
public final class IpAddressLiteral {
    private final byte[] octets;

    private IpAddressLiteral(byte[] octets) {
        this.octets = octets;
    }

    /**
     * The address {@code text} writes.
     *
     * @throws InvalidReferenceIdentityException if {@code text} is not an IPv4 or IPv6 literal in
     *         the forms described above
     */
    public static IpAddressLiteral parse(String text) throws InvalidReferenceIdentityException {
        Objects.requireNonNull(text, "text");
        boolean bracketed = text.startsWith("[") || text.endsWith("]");
        if (bracketed) {
            if (text.length() < 2 || !text.startsWith("[") || !text.endsWith("]")) {
                throw new InvalidReferenceIdentityException("unbalanced brackets around an IP literal: " + quote(text));
            }
            String inner = text.substring(1, text.length() - 1);
            if (inner.indexOf(':') < 0) {
                throw new InvalidReferenceIdentityException(
                        "only IPv6 addresses are written in brackets (RFC 3986 §3.2.2): " + quote(text));
            }
            return new IpAddressLiteral(ipv6(inner));
        }
        if (text.indexOf(':') >= 0) {
            return new IpAddressLiteral(ipv6(text));
        }
        return new IpAddressLiteral(ipv4(text, text));
    }

    /** An address of 4 or 16 octets. */
    public static IpAddressLiteral of(byte[] octets) {
        Objects.requireNonNull(octets, "octets");
        if (octets.length != 4 && octets.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 octets, not " + octets.length);
        }
        return new IpAddressLiteral(octets.clone());
    }

    /** 4 octets for IPv4, 16 for IPv6, in network order. */
    public byte[] octets() {
        return octets.clone();
    }

    public boolean isIpv6() {
        return octets.length == 16;
    }

    /** Whether this is an IPv4-mapped IPv6 address, {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2). */
    public boolean isIpv4Mapped() {
        return isIpv4Mapped(octets);
    }

    private static boolean isIpv4Mapped(byte[] octets) {
        if (octets.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (octets[i] != 0) {
                return false;
            }
        }
        return octets[10] == (byte) 0xFF && octets[11] == (byte) 0xFF;
    }

    /** Whether {@code candidate} holds exactly these octets: an IPv4 address never equals an IPv6 one. */
    public boolean sameOctets(byte[] candidate) {
        return Arrays.equals(octets, candidate);
    }

    /**
     * Dotted quad for IPv4; RFC 5952 §4 for IPv6 (lower case, the longest zero run as {@code ::}),
     * with an IPv4-mapped address in the mixed notation of §5 ({@code ::ffff:192.0.2.1}).
     */
    @Override
    public String toString() {
        return format(octets);
    }

    /** The text form of 4 or 16 octets, as {@link #toString()} writes it. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "."
                    + (address[3] & 0xFF);
        }
        if (isIpv4Mapped(address)) {
            return "::ffff:" + format(Arrays.copyOfRange(address, 12, 16));
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first if tied.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddressLiteral that && Arrays.equals(octets, that.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    // ---- parsing ----

    /** Whether {@code text} has the shape of a dotted quad's last part: one or more ASCII digits. */
    static boolean isAllDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ipv4(String text, String whole) throws InvalidReferenceIdentityException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidReferenceIdentityException("an IPv4 address has exactly four dotted parts: "
                    + quote(whole));
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!isAllDigits(part) || part.length() > 3) {
                throw new InvalidReferenceIdentityException("IPv4 part " + quote(part)
                        + " is not a decimal number of one to three digits: " + quote(whole));
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new InvalidReferenceIdentityException("IPv4 part " + quote(part)
                        + " has a leading zero, which some parsers read as octal (RFC 3986 §3.2.2 forbids it): "
                        + quote(whole));
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw new InvalidReferenceIdentityException("IPv4 part " + value + " exceeds 255: " + quote(whole));
            }
            address[i] = (byte) value;
        }
        return address;
    }

    private static byte[] ipv6(String text) throws InvalidReferenceIdentityException {
        if (text.indexOf('%') >= 0) {
            throw new InvalidReferenceIdentityException(
                    "an IPv6 zone (RFC 6874) has no meaning in a certificate: " + quote(text));
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw new InvalidReferenceIdentityException("more than one '::' in an IPv6 address: " + quote(text));
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0, text);
        int[] tailGroups = groups(tail, true, text);
        int count = headGroups.length + tailGroups.length;
        if (doubleColon < 0 && count != 8) {
            throw new InvalidReferenceIdentityException("an IPv6 address without '::' has eight groups, not "
                    + count + ": " + quote(text));
        }
        if (doubleColon >= 0 && count > 7) {
            throw new InvalidReferenceIdentityException("'::' must stand for at least one zero group: " + quote(text));
        }
        byte[] address = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            putGroup(address, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            putGroup(address, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return address;
    }

    /**
     * The 16-bit groups of one side of {@code ::}. A dotted quad may stand in the last place when
     * this side ends the address; it yields two groups.
     */
    private static int[] groups(String side, boolean endsAddress, String whole) throws InvalidReferenceIdentityException {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        if (parts.length > 8) {
            throw new InvalidReferenceIdentityException("too many groups in an IPv6 address: " + quote(whole));
        }
        int[] out = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (last && endsAddress && part.indexOf('.') >= 0) {
                byte[] ipv4 = ipv4(part, whole);
                out[count++] = ((ipv4[0] & 0xFF) << 8) | (ipv4[1] & 0xFF);
                out[count++] = ((ipv4[2] & 0xFF) << 8) | (ipv4[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                throw new InvalidReferenceIdentityException("IPv6 group " + quote(part)
                        + " is not one to four hex digits: " + quote(whole));
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                int digit = hexDigit(part.charAt(j));
                if (digit < 0) {
                    throw new InvalidReferenceIdentityException("IPv6 group " + quote(part)
                            + " is not one to four hex digits: " + quote(whole));
                }
                value = (value << 4) | digit;
            }
            out[count++] = value;
        }
        return Arrays.copyOf(out, count);
    }

    /** The value of an ASCII hex digit, or -1 (also for the non-ASCII digits {@link Character#digit} accepts). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static void putGroup(byte[] address, int index, int group) {
        address[2 * index] = (byte) (group >>> 8);
        address[2 * index + 1] = (byte) group;
    }

    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
