package org.jtls.handshake;

import static org.jtls.handshake.Tls13FeatureMatrixTest.KEYS;
import static org.jtls.handshake.Tls13FeatureMatrixTest.SCHEMES;
import static org.jtls.handshake.Tls13FeatureMatrixTest.config;
import static org.jtls.handshake.Tls13FeatureMatrixTest.finish;
import static org.jtls.handshake.Tls13FeatureMatrixTest.start;
import static org.jtls.handshake.Tls13FeatureMatrixTest.suites;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.Tls13FeatureMatrixTest.Case;
import org.jtls.handshake.Tls13FeatureMatrixTest.Scenario;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full plain-handshake cross product that {@link Tls13FeatureMatrixTest} covers only partly: every
 * TLS 1.3 suite × every {@link NamedGroup} × every TLS 1.3 signature scheme (5 × 13 × 11 = 715 cases),
 * our client against our server in memory, each end configured with that one suite, group and scheme
 * only and no other feature (no HRR, resumption, client authentication). All 13 groups, ffdhe6144 and
 * ffdhe8192 included, are run with every suite and scheme: no subset was needed (about 8 s under surefire).
 *
 * <p>Each case asserts, through the matrix class's {@code finish}, that both ends are connected on
 * TLS 1.3 with exactly the case's suite and group, that the client saw the server sign with exactly the
 * case's scheme, and that application data flows both ways; and here, that the client received the
 * server's certified leaf. The certified keys are the matrix's, generated once per scheme.
 * {@link #theProductIsComplete} checks that the cases are 715 distinct (suite, group, scheme) triples.
 */
class Tls13FullProductTest {

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (CipherSuite suite : suites()) {
            for (NamedGroup group : NamedGroup.values()) {
                for (SignatureScheme scheme : SCHEMES) {
                    cases.add(new Case(suite, group, scheme, Scenario.PLAIN));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void theProductIsComplete() {
        List<Case> cases = cases().toList();
        assertEquals(5 * 13 * 11, cases.size());
        assertEquals(cases.size(), cases.stream().map(c -> List.of(c.suite(), c.group(), c.scheme()))
                .distinct().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plainHandshake(Case c) throws TlsException {
        CertifiedKey serverKey = KEYS.get(c.scheme())[0];
        TlsConfig server = config(c).certificates(List.of(serverKey)).build();
        TlsConfig client = config(c).build();
        TlsEngine[] engines = start(client, server);
        finish(c, engines, false);
        SessionInfo clientView = engines[0].session().orElseThrow();
        assertEquals(Optional.of(c.scheme()), clientView.peerSignatureScheme());
        assertArrayEquals(serverKey.chain().get(0), clientView.peerCertificates().get(0));
    }
}
