package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * Fixed cases for what the engine properties ({@link EngineRobustnessProperties},
 * {@link HandshakeMutationProperties}, {@link ArbitraryInputProperties}) once found: each test
 * replays one failure deterministically.
 */
class Tls12RobustnessTest {
    private static final List<CipherSuite> SSL3_SUITE = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);

    @Test
    void ssl3ServerDoesNotReportAnAlpnProtocolItCannotSend() throws TlsException {
        TlsConfig client = Tls12HandshakeTest.config().versions(List.of(ProtocolVersion.SSL_3_0))
                .cipherSuites(SSL3_SUITE).alpnProtocols(List.of("h2", "http/1.1")).build();
        TlsConfig server = Tls12HandshakeTest.config().versions(List.of(ProtocolVersion.SSL_3_0))
                .cipherSuites(SSL3_SUITE).alpnProtocols(List.of("http/1.1")).certificates(List.of(Scenario.RSA.key()))
                .build();
        Conversation conversation = new Conversation(client, server)
                .handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
        assertEquals(Optional.empty(), conversation.client.engine.session().orElseThrow().applicationProtocol());
        assertEquals(Optional.empty(), conversation.server.engine.session().orElseThrow().applicationProtocol());
    }
}
