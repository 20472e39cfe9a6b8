package org.jtls.handshake.message;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.IntFunction;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignalingCipherSuiteValue;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.extension.ExtensionType;

/**
 * Names for code points as a trace prints them: the registry name and the code,
 * {@code x25519 (0x001d)}, or {@code GREASE (0x3a3a)}, or {@code unknown (0x1234)}.
 */
public final class CodeNames {
    private CodeNames() {
    }

    public static String version(int code) {
        return name(code, 4, ProtocolVersion.fromCode(code).map(ProtocolVersion::displayName).orElse(null));
    }

    public static String cipherSuite(int code) {
        String name = CipherSuite.fromCode(code).map(CipherSuite::ianaName)
                .or(() -> SignalingCipherSuiteValue.fromCode(code).map(SignalingCipherSuiteValue::ianaName))
                .orElse(null);
        return name(code, 4, name);
    }

    public static String namedGroup(int code) {
        return name(code, 4, NamedGroup.fromCode(code).map(NamedGroup::ianaName).orElse(null));
    }

    public static String signatureScheme(int code) {
        return name(code, 4, SignatureScheme.fromCode(code).map(SignatureScheme::ianaName).orElse(null));
    }

    public static String extensionType(int code) {
        return name(code, 4, ExtensionType.fromCode(code).map(ExtensionType::rfcName).orElse(null));
    }

    public static String handshakeType(int code) {
        return name(code, 2, HandshakeType.fromCode(code).map(HandshakeType::rfcName).orElse(null));
    }

    /** {@code [a, b, c]} with each code named by {@code namer}. */
    public static String list(List<Integer> codes, IntFunction<String> namer) {
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        for (int code : codes) {
            joined.add(namer.apply(code));
        }
        return joined.toString();
    }

    /** {@code 0x1301}, or {@code 0x01} for {@code digits} 2. */
    public static String hex(int code, int digits) {
        return String.format(Locale.ROOT, "0x%0" + digits + "x", code);
    }

    private static String name(int code, int digits, String knownName) {
        String name = knownName != null ? knownName : digits == 4 && Grease.isGrease(code) ? "GREASE" : "unknown";
        return name + " (" + hex(code, digits) + ")";
    }
}
