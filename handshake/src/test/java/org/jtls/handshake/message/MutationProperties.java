package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * Damaged encodings of valid messages (bit flips, truncation, extra bytes, overwritten lengths)
 * decode to a value or fail with decode_error or illegal_parameter: never another exception. A
 * damaged encoding that still decodes must be canonical: encoding the value gives back the same
 * bytes.
 */
class MutationProperties {
    private static final int TRIES = 400;
    private static final Set<AlertDescription> DECODING_ALERTS =
            EnumSet.of(AlertDescription.DECODE_ERROR, AlertDescription.ILLEGAL_PARAMETER);

    /**
     * Checked after all tries of a property: the mutations must produce both outcomes, or the
     * property tests less than it claims.
     */
    static void requireBothOutcomes() {
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("decoded").percentage(percent -> percent >= 5);
            coverage.check("decode_error").percentage(percent -> percent >= 20);
        });
    }

    static void assertMutationHandled(HandshakeBody valid, Mutation mutation, BodyDecoder decoder) {
        byte[] damaged = mutation.apply(valid.encodeBody());
        HandshakeBody decoded;
        try {
            decoded = decoder.decode(TlsReader.of(damaged));
        } catch (TlsAlertException e) {
            assertTrue(DECODING_ALERTS.contains(e.alert()), "unexpected alert " + e.alert() + ": " + e.getMessage());
            assertTrue(e.isLocal());
            Statistics.label("outcome").collect(e.alert().rfcName());
            return;
        } catch (RuntimeException e) {
            fail("decoding " + HexFormat.of().formatHex(damaged) + " threw " + e, e);
            return;
        }
        Statistics.label("outcome").collect("decoded");
        assertArrayEquals(damaged, decoded.encodeBody(), "a decoded value must re-encode to the bytes it came from");
        assertEquals(decoded, decoderRoundTrip(decoded, decoder));
    }

    private static HandshakeBody decoderRoundTrip(HandshakeBody value, BodyDecoder decoder) {
        try {
            return decoder.decode(TlsReader.of(value.encodeBody()));
        } catch (TlsAlertException e) {
            throw new AssertionError("re-decoding a decoded value failed", e);
        }
    }

    @Property(tries = TRIES)
    void clientHello(@ForAll("clientHellos") ClientHello valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, ClientHello::decode);
        requireBothOutcomes();
    }

    @Property(tries = TRIES)
    void serverHello(@ForAll("serverHellos") ServerHello valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, ServerHello::decode);
        requireBothOutcomes();
    }

    @Property(tries = 100)
    void emptyMessages(@ForAll("mutations") Mutation mutation) {
        assertMutationHandled(new HelloRequest(), mutation, HelloRequest::decode);
        assertMutationHandled(new ServerHelloDone(), mutation, ServerHelloDone::decode);
        assertMutationHandled(new EndOfEarlyData(), mutation, EndOfEarlyData::decode);
    }

    @Property(tries = TRIES)
    void certificate(@ForAll("certificates") Certificate valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, Certificate::decode);
    }

    @Property(tries = TRIES)
    void tls13Certificate(@ForAll("certificatesTls13") CertificateTls13 valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, CertificateTls13::decode);
        requireBothOutcomes();
    }

    @Property(tries = TRIES)
    void ecdheServerKeyExchange(
            @ForAll("ecdheServerKeyExchanges") Tuple2<ProtocolVersion, ServerKeyExchangeEcdhe> valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid.get2(), mutation,
                body -> ServerKeyExchange.decode(body, CipherSuite.KeyExchange.ECDHE, valid.get1()));
    }

    @Property(tries = TRIES)
    void dheServerKeyExchange(@ForAll("dheServerKeyExchanges") Tuple2<ProtocolVersion, ServerKeyExchangeDhe> valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid.get2(), mutation,
                body -> ServerKeyExchange.decode(body, CipherSuite.KeyExchange.DHE, valid.get1()));
    }

    @Property(tries = TRIES)
    void certificateRequest(@ForAll("certificateRequests") Tuple2<ProtocolVersion, CertificateRequest> valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid.get2(), mutation, body -> CertificateRequest.decode(body, valid.get1()));
    }

    @Property(tries = TRIES)
    void tls13CertificateRequest(@ForAll("certificateRequestsTls13") CertificateRequestTls13 valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, CertificateRequestTls13::decode);
        requireBothOutcomes();
    }

    @Property(tries = TRIES)
    void certificateVerify(@ForAll("certificateVerifies") Tuple2<ProtocolVersion, CertificateVerify> valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid.get2(), mutation, body -> CertificateVerify.decode(body, valid.get1()));
    }

    @Property(tries = TRIES)
    void rsaClientKeyExchange(@ForAll("rsaClientKeyExchanges") ClientKeyExchangeRsa valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation,
                body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.RSA, valid.version()));
    }

    @Property(tries = TRIES)
    void dheAndEcdheClientKeyExchange(@ForAll("dheClientKeyExchanges") ClientKeyExchangeDhe dhe,
            @ForAll("ecdheClientKeyExchanges") ClientKeyExchangeEcdhe ecdhe, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(dhe, mutation,
                body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.DHE, ProtocolVersion.TLS_1_2));
        assertMutationHandled(ecdhe, mutation,
                body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.ECDHE, ProtocolVersion.TLS_1_0));
    }

    @Property(tries = TRIES)
    void finished(@ForAll("finisheds") Finished valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, body -> Finished.decode(body, valid.verifyData().length()));
    }

    @Property(tries = TRIES)
    void newSessionTicket(@ForAll("newSessionTickets") NewSessionTicket valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, NewSessionTicket::decode);
    }

    @Property(tries = TRIES)
    void tls13NewSessionTicket(@ForAll("newSessionTicketsTls13") NewSessionTicketTls13 valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, NewSessionTicketTls13::decode);
        requireBothOutcomes();
    }

    @Property(tries = TRIES)
    void certificateStatus(@ForAll("certificateStatuses") CertificateStatus valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, CertificateStatus::decode);
    }

    @Property(tries = TRIES)
    void encryptedExtensions(@ForAll("encryptedExtensions") EncryptedExtensions valid,
            @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, EncryptedExtensions::decode);
    }

    @Property(tries = 100)
    void keyUpdate(@ForAll("keyUpdates") KeyUpdate valid, @ForAll("mutations") Mutation mutation) {
        assertMutationHandled(valid, mutation, KeyUpdate::decode);
    }

    // ---- providers ----

    @Provide Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide Arbitrary<ClientHello> clientHellos() {
        return Generators.clientHello();
    }

    @Provide Arbitrary<ServerHello> serverHellos() {
        return Generators.serverHello();
    }

    @Provide Arbitrary<Certificate> certificates() {
        return Generators.certificate();
    }

    @Provide Arbitrary<CertificateTls13> certificatesTls13() {
        return Generators.certificateTls13();
    }

    @Provide Arbitrary<Tuple2<ProtocolVersion, ServerKeyExchangeEcdhe>> ecdheServerKeyExchanges() {
        return Generators.versionBeforeTls13().flatMap(version ->
                Generators.serverKeyExchangeEcdhe(version).map(message -> Tuple.of(version, message)));
    }

    @Provide Arbitrary<Tuple2<ProtocolVersion, ServerKeyExchangeDhe>> dheServerKeyExchanges() {
        return Generators.versionBeforeTls13().flatMap(version ->
                Generators.serverKeyExchangeDhe(version).map(message -> Tuple.of(version, message)));
    }

    @Provide Arbitrary<Tuple2<ProtocolVersion, CertificateRequest>> certificateRequests() {
        return Generators.versionBeforeTls13().flatMap(version ->
                Generators.certificateRequest(version).map(message -> Tuple.of(version, message)));
    }

    @Provide Arbitrary<CertificateRequestTls13> certificateRequestsTls13() {
        return Generators.certificateRequestTls13();
    }

    @Provide Arbitrary<Tuple2<ProtocolVersion, CertificateVerify>> certificateVerifies() {
        return net.jqwik.api.Arbitraries.of(ProtocolVersion.class).flatMap(version ->
                Generators.certificateVerify(version).map(message -> Tuple.of(version, message)));
    }

    @Provide Arbitrary<ClientKeyExchangeRsa> rsaClientKeyExchanges() {
        return Generators.versionBeforeTls13().flatMap(Generators::clientKeyExchangeRsa);
    }

    @Provide Arbitrary<ClientKeyExchangeDhe> dheClientKeyExchanges() {
        return Generators.clientKeyExchangeDhe();
    }

    @Provide Arbitrary<ClientKeyExchangeEcdhe> ecdheClientKeyExchanges() {
        return Generators.clientKeyExchangeEcdhe();
    }

    @Provide Arbitrary<Finished> finisheds() {
        return Generators.finished();
    }

    @Provide Arbitrary<NewSessionTicket> newSessionTickets() {
        return Generators.newSessionTicket();
    }

    @Provide Arbitrary<NewSessionTicketTls13> newSessionTicketsTls13() {
        return Generators.newSessionTicketTls13();
    }

    @Provide Arbitrary<CertificateStatus> certificateStatuses() {
        return Generators.certificateStatus();
    }

    @Provide Arbitrary<EncryptedExtensions> encryptedExtensions() {
        return Generators.encryptedExtensions();
    }

    @Provide Arbitrary<KeyUpdate> keyUpdates() {
        return Generators.keyUpdate();
    }
}
