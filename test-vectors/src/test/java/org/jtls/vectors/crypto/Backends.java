package org.jtls.vectors.crypto;

import java.util.List;
import java.util.stream.Stream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.bc.BcBackend;
import org.jtls.crypto.jca.JcaBackend;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two crypto backends every known-answer test runs against, named for test reports. Use as
 * {@code @MethodSource("org.jtls.vectors.crypto.Backends#both")}, or {@link #eachWith} to pair each
 * backend with each vector.
 */
final class Backends {
    private Backends() {
    }

    static Stream<Named<CryptoBackend>> both() {
        return Stream.of(Named.of("jca", new JcaBackend()), Named.of("bc", new BcBackend()));
    }

    /** Every (backend, vector) pair, the vector shown by its name. */
    static <V> Stream<Arguments> eachWith(List<Named<V>> vectors) {
        return both().flatMap(backend -> vectors.stream().map(vector -> Arguments.of(backend, vector)));
    }
}
