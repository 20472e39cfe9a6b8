package org.jtls.handshake;

import static org.jtls.handshake.Tls12HandshakeTest.exchangeData;
import static org.jtls.handshake.Tls12HandshakeTest.pump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcCurve;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.TlsConfig.PskKeyExchangeMode;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 psk_ke, PSK-only key exchange (RFC 8446 §4.2.9, §7.1), between our client and server,
 * enabled by {@link TlsConfig.Builder#pskKeyExchangeModes}; psk_dhe_ke stays the default.
 */
class Tls13PskKeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CertifiedKey P256 = TestCredentials.ec(EcCurve.P256);
    private static final List<PskKeyExchangeMode> PSK_KE = List.of(PskKeyExchangeMode.PSK_KE);
    private static final List<PskKeyExchangeMode> BOTH = List.of(PskKeyExchangeMode.PSK_KE,
            PskKeyExchangeMode.PSK_DHE_KE);

    private static TlsConfig.Builder config() {
        return TlsConfig.builder(CryptoBackends.defaultBackend(), RANDOM, Clock.systemUTC())
                .peerVerifier(PeerVerifier.ACCEPT_ANY).versions(List.of(ProtocolVersion.TLS_1_3));
    }

    private static TlsConfig.Builder server() {
        return config().certificates(List.of(P256)).ticketKeys(new TicketKeys(CryptoBackends.defaultBackend(),
                RANDOM, Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(2)));
    }

    /** Records what the client sends and receives. */
    private static final class Recorder implements HandshakeObserver {
        final List<HandshakeMessage> sent = new ArrayList<>();
        final List<HandshakeMessage> received = new ArrayList<>();

        @Override
        public void messageSent(HandshakeMessage message) {
            sent.add(message);
        }

        @Override
        public void messageReceived(HandshakeMessage message) {
            received.add(message);
        }

        List<ServerHello> serverHellos() throws TlsAlertException {
            List<ServerHello> hellos = new ArrayList<>();
            for (HandshakeMessage message : received) {
                if (message.type() == HandshakeType.SERVER_HELLO.code()) {
                    hellos.add(Messages.decode(message, ServerHello::decode));
                }
            }
            return hellos;
        }

        List<ClientHello> clientHellos() throws TlsAlertException {
            List<ClientHello> hellos = new ArrayList<>();
            for (HandshakeMessage message : sent) {
                if (message.type() == HandshakeType.CLIENT_HELLO.code()) {
                    hellos.add(Messages.decode(message, ClientHello::decode));
                }
            }
            return hellos;
        }

        long certificates() {
            return received.stream().filter(m -> m.type() == HandshakeType.CERTIFICATE.code()).count();
        }
    }

    private static TlsEngine[] start(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine[] engines = {TlsEngine.client(client, "localhost"), TlsEngine.server(server)};
        engines[0].beginHandshake();
        engines[1].beginHandshake();
        return engines;
    }

    private static TlsEngine[] connect(TlsConfig client, TlsConfig server) throws TlsException {
        TlsEngine[] engines = start(client, server);
        pump(engines[0], engines[1]);
        for (TlsEngine engine : engines) {
            assertEquals(TlsEngine.Status.CONNECTED, engine.status(), engine.handshakeState());
        }
        exchangeData(engines[0], engines[1]);
        return engines;
    }

    private static Session ticket(TlsConfig client, TlsConfig server) throws TlsException {
        return connect(client, server)[0].resumableSession().orElseThrow();
    }

    private static List<Integer> offeredModes(ClientHello hello) {
        return hello.extensions().find(PskKeyExchangeModes.class).orElseThrow().modes();
    }

    private static boolean hasKeyShare(ServerHello hello) {
        return hello.extensions().findCode(ExtensionType.KEY_SHARE.code()).isPresent();
    }

    @Test
    void pskKeResumesWithoutKeyShareWhenBothSidesAllowIt() throws TlsException {
        TlsConfig server = server().pskKeyExchangeModes(PSK_KE).build();
        Session ticket = ticket(config().pskKeyExchangeModes(PSK_KE).build(), server);
        Recorder client = new Recorder();
        TlsEngine[] second = connect(config().pskKeyExchangeModes(PSK_KE).resumptionSession(ticket).observer(client)
                .build(), server);
        for (TlsEngine engine : second) {
            assertTrue(engine.session().orElseThrow().resumed());
            assertTrue(engine.session().orElseThrow().group().isEmpty(), "psk_ke negotiates no group");
        }
        assertEquals(List.of(PskKeyExchangeModes.PSK_KE), offeredModes(client.clientHellos().get(0)));
        ServerHello hello = client.serverHellos().get(0);
        assertFalse(hasKeyShare(hello), "a psk_ke ServerHello carries no key_share");
        assertTrue(hello.extensions().find(PreSharedKeySelection.class).isPresent());
        assertEquals(0, client.certificates());
        // The psk_ke connection's own tickets resume too.
        Session next = second[0].resumableSession().orElseThrow();
        TlsEngine[] third = connect(config().pskKeyExchangeModes(PSK_KE).resumptionSession(next).build(), server);
        assertTrue(third[0].session().orElseThrow().resumed());
    }

    @Test
    void theServerPrefersPskDheKeWhenBothAreOfferedAndAllowed() throws TlsException {
        TlsConfig server = server().pskKeyExchangeModes(BOTH).build();
        Session ticket = ticket(config().pskKeyExchangeModes(BOTH).build(), server);
        Recorder client = new Recorder();
        TlsEngine[] second = connect(config().pskKeyExchangeModes(BOTH).resumptionSession(ticket).observer(client)
                .build(), server);
        assertTrue(second[0].session().orElseThrow().resumed());
        assertEquals(List.of(PskKeyExchangeModes.PSK_KE, PskKeyExchangeModes.PSK_DHE_KE),
                offeredModes(client.clientHellos().get(0)), "the configured modes, in order");
        assertTrue(hasKeyShare(client.serverHellos().get(0)), "psk_dhe_ke keeps forward secrecy");
        assertTrue(second[1].session().orElseThrow().group().isPresent());
    }

    @Test
    void aServerAllowingPskKeStillTakesPskDheKeFromADefaultClient() throws TlsException {
        TlsConfig server = server().pskKeyExchangeModes(BOTH).build();
        Session ticket = ticket(config().build(), server);
        Recorder client = new Recorder();
        TlsEngine[] second = connect(config().resumptionSession(ticket).observer(client).build(), server);
        assertTrue(second[0].session().orElseThrow().resumed());
        assertTrue(hasKeyShare(client.serverHellos().get(0)));
    }

    @Test
    void aDefaultServerRefusesAPskKeOnlyOffer() throws TlsException {
        TlsConfig server = server().build();
        Session ticket = ticket(config().pskKeyExchangeModes(PSK_KE).build(), server);
        Recorder client = new Recorder();
        TlsEngine[] second = connect(config().pskKeyExchangeModes(PSK_KE).resumptionSession(ticket).observer(client)
                .build(), server);
        assertFalse(second[0].session().orElseThrow().resumed());
        assertFalse(second[1].session().orElseThrow().resumed());
        assertEquals(1, client.certificates(), "a full handshake");
        assertTrue(hasKeyShare(client.serverHellos().get(0)));
    }

    @Test
    void aPskKeOnlyServerGivesADefaultClientAFullHandshake() throws TlsException {
        TlsConfig server = server().pskKeyExchangeModes(PSK_KE).build();
        Session ticket = ticket(config().build(), server);
        TlsEngine[] second = connect(config().resumptionSession(ticket).build(), server);
        assertFalse(second[0].session().orElseThrow().resumed());
    }

    @Test
    void aDefaultClientNeverOffersPskKe() throws TlsException {
        TlsConfig server = server().pskKeyExchangeModes(BOTH).build();
        Recorder first = new Recorder();
        Session ticket = ticket(config().observer(first).build(), server);
        Recorder second = new Recorder();
        connect(config().resumptionSession(ticket).observer(second).build(), server);
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE), offeredModes(first.clientHellos().get(0)));
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE), offeredModes(second.clientHellos().get(0)));
        assertEquals(List.of(PskKeyExchangeMode.PSK_DHE_KE), config().build().pskKeyExchangeModes());
    }

    /**
     * The client's key share is for a group the server does not take: psk_dhe_ke would need a
     * HelloRetryRequest, psk_ke needs none and ignores the share.
     */
    @Test
    void pskKeNeedsNoHelloRetryRequest() throws TlsException {
        TlsConfig server = server().groups(List.of(NamedGroup.SECP384R1)).pskKeyExchangeModes(PSK_KE).build();
        TlsConfig.Builder client = config().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1));
        Session ticket = ticket(client.build(), server);
        Recorder recorder = new Recorder();
        TlsEngine[] second = connect(client.pskKeyExchangeModes(PSK_KE).resumptionSession(ticket).observer(recorder)
                .build(), server);
        assertTrue(second[1].session().orElseThrow().resumed());
        List<ServerHello> hellos = recorder.serverHellos();
        assertEquals(1, hellos.size(), "no HelloRetryRequest");
        assertFalse(hasKeyShare(hellos.get(0)));
        // The same with psk_dhe_ke needs the retry.
        Recorder dhe = new Recorder();
        connect(config().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)).resumptionSession(ticket)
                .observer(dhe).build(), server().groups(List.of(NamedGroup.SECP384R1)).build());
        assertEquals(2, dhe.serverHellos().size());
    }

    /** RFC 8446 §4.2.9, §9.2: a ServerHello without key_share to a client that offered only psk_dhe_ke. */
    @Test
    void aServerHelloWithoutKeyShareToAPskDheKeClientIsRefused() throws TlsException {
        TlsConfig server = server().build();
        Session ticket = ticket(config().build(), server);
        HandshakeInterceptor dropKeyShare = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            try {
                ServerHello hello = Messages.decode(message, ServerHello::decode);
                Extensions without = hello.extensions().without(ExtensionType.KEY_SHARE.code());
                return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(),
                        hello.cipherSuite(), hello.legacyCompressionMethod(), without).toHandshakeMessage();
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        };
        TlsEngine[] engines = start(config().resumptionSession(ticket).build(),
                server.toBuilder().interceptor(dropKeyShare).build());
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> pump(engines[0], engines[1]));
        assertEquals(AlertDescription.MISSING_EXTENSION, error.alert());
    }

    /** RFC 8446 §4.2.9: a server resuming with psk_dhe_ke when the client listed only psk_ke. */
    @Test
    void aPskDheKeResumptionToAPskKeOnlyClientIsRefused() throws TlsException {
        TlsConfig server = server().pskKeyExchangeModes(BOTH).build();
        Session ticket = ticket(config().pskKeyExchangeModes(PSK_KE).build(), server);
        HandshakeInterceptor addKeyShare = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            try {
                ServerHello hello = Messages.decode(message, ServerHello::decode);
                assertTrue(hello.extensions().find(PreSharedKeySelection.class).isPresent(), "the server resumed");
                assertFalse(hasKeyShare(hello), "psk_ke carries no key_share");
                Extensions with = hello.extensions().with(new org.jtls.handshake.message.extension.KeyShareServerHello(
                        org.jtls.handshake.message.extension.KeyShareEntry.of(NamedGroup.X25519,
                                org.jtls.handshake.message.Opaque.of(new byte[32]))));
                return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(),
                        hello.cipherSuite(), hello.legacyCompressionMethod(), with).toHandshakeMessage();
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        };
        TlsEngine[] engines = start(config().pskKeyExchangeModes(PSK_KE).resumptionSession(ticket).build(),
                server.toBuilder().interceptor(addKeyShare).build());
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> pump(engines[0], engines[1]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, error.alert());
        assertTrue(error.getMessage().contains("psk_dhe_ke"), error.getMessage());
    }

    /** Without a PSK selected, a ServerHello must carry key_share even to a client offering psk_ke. */
    @Test
    void aServerHelloWithNeitherKeyShareNorPskIsRefused() throws TlsException {
        TlsConfig server = server().build();
        HandshakeInterceptor dropKeyShare = message -> {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                return message;
            }
            try {
                ServerHello hello = Messages.decode(message, ServerHello::decode);
                return new ServerHello(hello.legacyVersion(), hello.random(), hello.legacySessionIdEcho(),
                        hello.cipherSuite(), hello.legacyCompressionMethod(),
                        hello.extensions().without(ExtensionType.KEY_SHARE.code())).toHandshakeMessage();
            } catch (TlsAlertException e) {
                throw new AssertionError(e);
            }
        };
        TlsEngine[] engines = start(config().pskKeyExchangeModes(BOTH).build(),
                server.toBuilder().interceptor(dropKeyShare).build());
        TlsAlertException error = assertThrows(TlsAlertException.class, () -> pump(engines[0], engines[1]));
        assertEquals(AlertDescription.MISSING_EXTENSION, error.alert());
    }

    @Test
    void theModesMustBeNonEmptyWithoutRepeats() {
        TlsConfig.Builder builder = config();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> builder.pskKeyExchangeModes(List.of()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> builder.pskKeyExchangeModes(List.of(PskKeyExchangeMode.PSK_KE, PskKeyExchangeMode.PSK_KE)));
    }
}
