package org.jtls.crypto;

import java.util.List;
import java.util.Locale;
import org.jtls.crypto.bc.BcBackend;
import org.jtls.crypto.jca.JcaBackend;
import org.jtls.crypto.registry.NamedGroup;

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

    /**
     * The per-primitive choice, from {@code CryptoBackendBenchmark} (JMH, 1 fork, 3×1 s warm-up,
     * 5×1 s measurement, JDK 17.0.15, 2-core machine, 2026-11-28; ops/s, JCA vs BC):
     * <pre>
     * AES-128-GCM seal 16 KiB     391 411 vs   9 518  → JCA (AES-NI/CLMUL intrinsics)
     * AES-256-GCM seal 16 KiB     370 651 vs   8 477  → JCA
     * ChaCha20-Poly1305 16 KiB     24 682 vs  22 538  → JCA (slightly, in two runs)
     * AES-128-CCM seal 16 KiB      17 779 vs   7 356  → JCA (jtls's CCM over the JCA's AES)
     * AES-128-CBC 16 KiB           91 245 vs  15 075  → JCA
     * SHA-256 16 KiB              123 275 vs  17 985  → JCA
     * HMAC-SHA256 16 KiB          117 191 vs  18 734  → JCA
     * X25519 respond                5 044 vs   8 030  → BC
     * P-256 ECDH respond              373 vs   2 021  → BC
     * P-384 ECDH respond              176 vs   1 399  → BC
     * ffdhe2048 respond             1 691 vs     375  → JCA
     * ML-KEM-768 encapsulate       14 543 vs  17 451  → BC (both are Bouncy Castle code underneath)
     * ECDSA P-256 sign              2 633 vs  17 642  → BC
     * ECDSA P-256 verify            1 371 vs  16 994  → BC
     * Ed25519 sign                  2 093 vs  44 615  → BC
     * RSA-2048 PKCS#1 sign          1 324 vs   1 152  → JCA (a tie within the error)
     * RSA-2048 PSS sign             1 295 vs   1 249  → JCA (a tie within the error)
     * </pre>
     * Unmeasured members follow their measured relatives: X448 and P-521 go with the other curves
     * to BC; the hybrids go to BC, where both of their halves are fastest; RSA encryption follows
     * RSA signing; key generation goes to BC for its faster EC arithmetic.
     */
    private static CryptoBackend chooseDefault() {
        PerPrimitiveBackend.Builder builder = PerPrimitiveBackend.builder(JCA);
        for (NamedGroup group : NamedGroup.values()) {
            if (group.kind() != NamedGroup.Kind.FFDHE) {
                builder.keyExchange(group, BOUNCY_CASTLE);
            }
        }
        return builder
                .signatures(SignatureAlgorithm.Family.ECDSA, BOUNCY_CASTLE)
                .signatures(SignatureAlgorithm.Family.EDDSA, BOUNCY_CASTLE)
                .keyGeneration(BOUNCY_CASTLE)
                .build();
    }
}
