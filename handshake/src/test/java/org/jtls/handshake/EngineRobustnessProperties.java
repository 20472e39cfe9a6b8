package org.jtls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * How bytes travel must not change what a handshake negotiates: flights cut into TCP-sized chunks
 * (down to single bytes), fed while the engine's receive buffer is full, or with their handshake
 * messages re-framed into records of any size, give the same connection as whole flights, and
 * application data of any size arrives intact.
 */
class EngineRobustnessProperties {
    private static final int TRIES = 60;

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenario.any();
    }

    /** Chunk sizes: single bytes, record-sized and larger than the engine's receive buffer. */
    @Provide
    Arbitrary<Conversation.Delivery> deliveries() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 4)),
                Tuple.of(3, Arbitraries.integers().between(5, 300)),
                Tuple.of(2, Arbitraries.integers().between(301, 20_000)),
                Tuple.of(1, Arbitraries.integers().between(20_001, 80_000)));
        return Combinators.combine(size.list().ofMinSize(1).ofMaxSize(8), Arbitraries.integers().between(1, 4))
                .as(Conversation.Delivery::new);
    }

    /** Record fragment sizes for re-framing: 1..2^14, mostly small so messages span records. */
    @Provide
    Arbitrary<List<Integer>> fragmentSizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 8)),
                Tuple.of(3, Arbitraries.integers().between(9, 600)),
                Tuple.of(2, Arbitraries.integers().between(601, Wire.MAX_FRAGMENT)))
                .list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = TRIES)
    void splitPointsDoNotChangeTheHandshakeOrTheData(@ForAll("scenarios") Scenario scenario,
            @ForAll("deliveries") Conversation.Delivery delivery,
            @ForAll @IntRange(max = 70_000) int clientDataLength,
            @ForAll @IntRange(max = 70_000) int serverDataLength, @ForAll long dataSeed,
            @ForAll boolean serverDataWithFinished) {
        about(scenario + " " + delivery + (serverDataWithFinished ? " server data with its Finished" : ""),
                () -> splitPoints(scenario, delivery, clientDataLength, serverDataLength, dataSeed,
                        serverDataWithFinished));
    }

    private static void splitPoints(Scenario scenario, Conversation.Delivery delivery, int clientDataLength,
            int serverDataLength, long dataSeed, boolean serverDataWithFinished) {
        Random data = new Random(dataSeed);
        byte[] fromClient = new byte[clientDataLength];
        byte[] fromServer = new byte[serverDataLength];
        data.nextBytes(fromClient);
        data.nextBytes(fromServer);

        Conversation whole = scenario.conversation().handshake(Conversation.UNTOUCHED, Conversation.Delivery.WHOLE);
        assertTrue(whole.bothConnected(), "whole flights: " + whole);
        Conversation split = scenario.conversation();
        // The server may send data as soon as it has sent its Finished: then both travel together.
        split.handshake(serverDataWithFinished ? (sender, flight, bytes) -> {
            if (sender != Role.SERVER || flight != 1) {
                return bytes;
            }
            split.write(split.server, fromServer);
            byte[] withData = Arrays.copyOf(bytes, bytes.length + split.server.engine.pendingOutput());
            split.server.engine.drainOutput(ByteBuffer.wrap(withData, bytes.length, withData.length - bytes.length));
            return withData;
        } : Conversation.UNTOUCHED, delivery);
        assertTrue(split.bothConnected(), "split flights: " + split);
        assertEquals(describe(whole.client), describe(split.client));
        assertEquals(describe(whole.server), describe(split.server));
        assertAgree(split);

        split.write(split.client, fromClient);
        if (!serverDataWithFinished) {
            split.write(split.server, fromServer);
        }
        split.run(Conversation.UNTOUCHED, delivery);
        assertArrayEquals(fromClient, split.server.applicationData.toByteArray(), "client → server data");
        assertArrayEquals(fromServer, split.client.applicationData.toByteArray(), "server → client data");
        Statistics.label("version").collect(scenario.version().displayName());
        Statistics.label("key exchange").collect(scenario.suite().keyExchange());
    }

    /**
     * RFC 5246 §6.2.1: handshake messages may be coalesced into one record or fragmented across
     * several. Every plaintext flight is re-framed into records of random sizes.
     */
    @Property(tries = TRIES)
    void handshakeMessagesMaySpanAndShareRecords(@ForAll("scenarios") Scenario scenario,
            @ForAll("fragmentSizes") List<Integer> fragmentSizes) {
        about(scenario + " fragments " + fragmentSizes, () -> reframed(scenario, fragmentSizes));
    }

    private static void reframed(Scenario scenario, List<Integer> fragmentSizes) {
        IntSupplier sizes = cycle(fragmentSizes);
        Conversation conversation = scenario.conversation().handshake((sender, flight, bytes) -> {
            Wire.Flight parsed = Wire.Flight.parse(bytes);
            return parsed.messages().isEmpty() ? bytes : parsed.reframe(parsed.messages(), sizes);
        }, Conversation.Delivery.WHOLE);
        assertTrue(conversation.bothConnected(), conversation.toString());
        assertAgree(conversation);
        Statistics.label("version").collect(scenario.version().displayName());
    }

    /**
     * Runs a property's body, naming the sample in any failure: surefire does not show jqwik's
     * sample report.
     */
    static void about(Object sample, Runnable body) {
        try {
            body.run();
        } catch (AssertionError e) {
            throw new AssertionError("with " + sample + ": " + e.getMessage(), e);
        }
    }

    static IntSupplier cycle(List<Integer> values) {
        int[] next = {0};
        return () -> values.get(next[0]++ % values.size());
    }

    /** Both sides saw the same negotiation. */
    static void assertAgree(Conversation conversation) {
        SessionInfo client = conversation.client.engine.session().orElseThrow();
        SessionInfo server = conversation.server.engine.session().orElseThrow();
        assertEquals(client.version(), server.version());
        assertEquals(client.cipherSuite(), server.cipherSuite());
        assertEquals(client.applicationProtocol(), server.applicationProtocol());
        assertEquals(client.extendedMasterSecret(), server.extendedMasterSecret());
        assertEquals(client.secureRenegotiation(), server.secureRenegotiation());
    }

    /** Everything a SessionInfo says, certificates as hex, so two sessions compare by value. */
    static String describe(Conversation.Endpoint side) {
        SessionInfo session = side.engine.session().orElseThrow();
        return session.version() + " " + session.cipherSuite() + " group=" + session.group()
                + " peerSignature=" + session.peerSignatureScheme() + " alpn=" + session.applicationProtocol()
                + " peerCertificates=" + session.peerCertificates().stream().map(HexFormat.of()::formatHex).toList()
                + " resumed=" + session.resumed() + " ems=" + session.extendedMasterSecret()
                + " secureRenegotiation=" + session.secureRenegotiation() + " serverName=" + session.serverName();
    }
}
