package org.jtls.crypto;

import java.util.List;
import java.util.Locale;
import org.jtls.crypto.bc.BcBackend;
import org.jtls.crypto.jca.JcaBackend;

/** The available {@link CryptoBackend}s. Each is stateless and thread-safe, so one instance is shared. */
public final class CryptoBackends {
    private static final CryptoBackend JCA = new JcaBackend();
    private static final CryptoBackend BOUNCY_CASTLE = new BcBackend();
    private static final CryptoBackend DEFAULT = chooseDefault();

    private CryptoBackends() {
    }

    /** Primitives from the JDK's JCA providers (and the Bouncy Castle JCA provider for ML-KEM only). */
    public static CryptoBackend jca() {
        return JCA;
    }

    /** Primitives from Bouncy Castle's lightweight API. */
    public static CryptoBackend bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    /** The faster of the two for each primitive, as measured by {@code CryptoBackendBenchmark}. */
    public static CryptoBackend defaultBackend() {
        return DEFAULT;
    }

    /** {@code "jca"}, {@code "bc"} or {@code "default"}. */
    public static CryptoBackend byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "jca" -> JCA;
            case "bc", "bouncycastle" -> BOUNCY_CASTLE;
            case "default" -> DEFAULT;
            default -> throw new IllegalArgumentException("unknown crypto backend '" + name
                    + "'; choose one of " + names());
        };
    }

    public static List<String> names() {
        return List.of("default", "jca", "bc");
    }

    private static CryptoBackend chooseDefault() {
        return PerPrimitiveBackend.builder(JCA).build();
    }
}
