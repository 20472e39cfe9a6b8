package org.jtls.crypto.registry;

import java.util.Locale;
import java.util.Optional;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.FiniteFieldGroup;

/**
 * The TLS Supported Groups registry entries jtls implements (RFC 8422, RFC 7748, RFC 7919,
 * draft-ietf-tls-ecdhe-mlkem, draft-connolly-tls-mlkem-key-agreement).
 */
public enum NamedGroup {
    SECP256R1(0x0017, "secp256r1", "P-256", Kind.ECDHE, EcCurve.P256, null),
    SECP384R1(0x0018, "secp384r1", "P-384", Kind.ECDHE, EcCurve.P384, null),
    SECP521R1(0x0019, "secp521r1", "P-521", Kind.ECDHE, EcCurve.P521, null),
    X25519(0x001D, "x25519", "X25519", Kind.XDH, null, null),
    X448(0x001E, "x448", "X448", Kind.XDH, null, null),
    FFDHE2048(0x0100, "ffdhe2048", "ffdhe2048", Kind.FFDHE, null, FiniteFieldGroup.FFDHE2048),
    FFDHE3072(0x0101, "ffdhe3072", "ffdhe3072", Kind.FFDHE, null, FiniteFieldGroup.FFDHE3072),
    FFDHE4096(0x0102, "ffdhe4096", "ffdhe4096", Kind.FFDHE, null, FiniteFieldGroup.FFDHE4096),
    FFDHE6144(0x0103, "ffdhe6144", "ffdhe6144", Kind.FFDHE, null, FiniteFieldGroup.FFDHE6144),
    FFDHE8192(0x0104, "ffdhe8192", "ffdhe8192", Kind.FFDHE, null, FiniteFieldGroup.FFDHE8192),
    /** Pure ML-KEM-768 (draft-connolly-tls-mlkem-key-agreement); TLS 1.3 only. */
    MLKEM768(0x0201, "MLKEM768", "ML-KEM-768", Kind.KEM, null, null),
    /** SecP256r1 share then ML-KEM-768 (draft-ietf-tls-ecdhe-mlkem §4); TLS 1.3 only. */
    SECP256R1MLKEM768(0x11EB, "SecP256r1MLKEM768", "SecP256r1MLKEM768", Kind.HYBRID, EcCurve.P256, null),
    /** ML-KEM-768 first, then X25519 — the historical order (draft-ietf-tls-ecdhe-mlkem §4.1); TLS 1.3 only. */
    X25519MLKEM768(0x11EC, "X25519MLKEM768", "X25519MLKEM768", Kind.HYBRID, null, null);

    /** How the group agrees on a key. */
    public enum Kind { ECDHE, XDH, FFDHE, KEM, HYBRID }

    private final int code;
    private final String ianaName;
    private final String displayName;
    private final Kind kind;
    private final EcCurve curve;
    private final FiniteFieldGroup finiteFieldGroup;

    NamedGroup(int code, String ianaName, String displayName, Kind kind, EcCurve curve, FiniteFieldGroup ffGroup) {
        this.code = code;
        this.ianaName = ianaName;
        this.displayName = displayName;
        this.kind = kind;
        this.curve = curve;
        this.finiteFieldGroup = ffGroup;
    }

    /** The IANA code point. */
    public int code() {
        return code;
    }

    /** The IANA description ({@code secp256r1}, {@code x25519}, {@code X25519MLKEM768}). */
    public String ianaName() {
        return ianaName;
    }

    /** A name for people ({@code P-256}). */
    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }

    /** The NIST curve for ECDHE groups and the EC half of SecP256r1MLKEM768, else empty. */
    public Optional<EcCurve> curve() {
        return Optional.ofNullable(curve);
    }

    /** The (p, g) for ffdhe groups, else empty. */
    public Optional<FiniteFieldGroup> finiteFieldGroup() {
        return Optional.ofNullable(finiteFieldGroup);
    }

    /** Whether TLS 1.2 and older can use it (ECDHE/DHE); KEM-based groups exist only in TLS 1.3. */
    public boolean usableBeforeTls13() {
        return kind != Kind.KEM && kind != Kind.HYBRID;
    }

    public static Optional<NamedGroup> fromCode(int code) {
        for (NamedGroup group : values()) {
            if (group.code == code) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /**
     * Looks a group up by IANA name, display name or the aliases OpenSSL accepts
     * ({@code P-256}, {@code prime256v1}), ignoring case.
     */
    public static Optional<NamedGroup> fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (NamedGroup group : values()) {
            if (group.ianaName.toLowerCase(Locale.ROOT).equals(wanted)
                    || group.displayName.toLowerCase(Locale.ROOT).equals(wanted)
                    || group.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(group);
            }
        }
        return switch (wanted) {
            case "prime256v1" -> Optional.of(SECP256R1);
            case "mlkem768", "ml-kem-768" -> Optional.of(MLKEM768);
            default -> Optional.empty();
        };
    }
}
