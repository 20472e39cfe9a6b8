package org.jtls.crypto.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The protocol versions jtls speaks, with their wire code ({@code ProtocolVersion} in RFC 6101
 * §5.2.1, RFC 5246 §6.2.1 and RFC 8446 §4.2.1) and the names people use for them.
 *
 * <p>Declaration order is chronological, so {@link #compareTo} orders versions from oldest to
 * newest; {@link #isAtLeast} and {@link #isBefore} say the same thing in words.
 */
public enum ProtocolVersion {
    /** RFC 6101; research and legacy interoperability only (RFC 7568 deprecates it). */
    SSL_3_0(3, 0, "SSLv3", "SSL 3.0", false),
    /** RFC 2246; deprecated by RFC 8996. */
    TLS_1_0(3, 1, "TLSv1", "TLS 1.0", false),
    /** RFC 4346; deprecated by RFC 8996. */
    TLS_1_1(3, 2, "TLSv1.1", "TLS 1.1", false),
    /** RFC 5246. */
    TLS_1_2(3, 3, "TLSv1.2", "TLS 1.2", true),
    /** RFC 8446. */
    TLS_1_3(3, 4, "TLSv1.3", "TLS 1.3", true);

    private final int major;
    private final int minor;
    private final String opensslName;
    private final String displayName;
    private final boolean enabledByDefault;

    ProtocolVersion(int major, int minor, String opensslName, String displayName, boolean enabledByDefault) {
        this.major = major;
        this.minor = minor;
        this.opensslName = opensslName;
        this.displayName = displayName;
        this.enabledByDefault = enabledByDefault;
    }

    /** The two wire bytes as one number: {@code 0x0303} for TLS 1.2. */
    public int code() {
        return (major << 8) | minor;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** The name OpenSSL prints and accepts: {@code SSLv3}, {@code TLSv1}, {@code TLSv1.1}, ... */
    public String opensslName() {
        return opensslName;
    }

    /** A name for people: {@code TLS 1.2}. */
    public String displayName() {
        return displayName;
    }

    /** Whether a configuration that names no versions uses this one (TLS 1.2 and 1.3 only). */
    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** Whether this version is {@code other} or newer. */
    public boolean isAtLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    /** Whether this version is older than {@code other}. */
    public boolean isBefore(ProtocolVersion other) {
        return compareTo(other) < 0;
    }

    /** The versions enabled when none are configured, oldest first. */
    public static List<ProtocolVersion> defaults() {
        List<ProtocolVersion> defaults = new ArrayList<>();
        for (ProtocolVersion version : values()) {
            if (version.enabledByDefault) {
                defaults.add(version);
            }
        }
        return List.copyOf(defaults);
    }

    /** The version with this wire code ({@code 0x0303}), if jtls implements it. */
    public static Optional<ProtocolVersion> fromCode(int code) {
        for (ProtocolVersion version : values()) {
            if (version.code() == code) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /**
     * Looks a version up by any of the spellings in common use, ignoring case: the OpenSSL name
     * ({@code TLSv1.2}, {@code SSLv3}), the display name ({@code TLS 1.2}), the constant name
     * ({@code TLS_1_2}) and the variants {@code TLSv1.0}, {@code TLS1.2}, {@code tls1_2},
     * {@code SSLv3.0}.
     */
    public static Optional<ProtocolVersion> fromName(String name) {
        String compact = name.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        String family;
        if (compact.startsWith("ssl")) {
            family = "ssl";
        } else if (compact.startsWith("tls")) {
            family = "tls";
        } else {
            return Optional.empty();
        }
        String number = compact.substring(3);
        if (number.startsWith("v") || number.startsWith("_") || number.startsWith("-")) {
            number = number.substring(1);
        }
        number = number.replace('_', '.');
        return switch (family + number) {
            case "ssl3", "ssl3.0" -> Optional.of(SSL_3_0);
            case "tls1", "tls1.0" -> Optional.of(TLS_1_0);
            case "tls1.1" -> Optional.of(TLS_1_1);
            case "tls1.2" -> Optional.of(TLS_1_2);
            case "tls1.3" -> Optional.of(TLS_1_3);
            default -> Optional.empty();
        };
    }
}
