package org.jtls.handshake.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;

/**
 * Every handshake message round-trips in each of its forms: decoding the encoded body gives the
 * same value, encoding the decoded value gives the same bytes, and the same holds through the
 * handshake header.
 */
class MessageRoundTripProperties {
    private static final int TRIES = 300;

    static void assertRoundTrip(HandshakeBody message, BodyDecoder decoder) throws TlsAlertException {
        byte[] body = message.encodeBody();
        TlsReader reader = TlsReader.of(body);
        HandshakeBody decoded = decoder.decode(reader);
        assertEquals(message, decoded);
        assertEquals(message.hashCode(), decoded.hashCode());
        assertArrayEquals(body, decoded.encodeBody());

        HandshakeMessage framed = message.toHandshakeMessage();
        assertEquals(message.handshakeType().code(), framed.type());
        assertEquals(message, decoder.decode(message.handshakeType().bodyOf(framed)));
        assertFalse(message.toString().isBlank());
    }

    @Property(tries = TRIES)
    void clientHelloRoundTrips(@ForAll("clientHellos") ClientHello hello) throws TlsAlertException {
        assertRoundTrip(hello, ClientHello::decode);
    }

    @Property(tries = TRIES)
    void serverHelloAndHelloRetryRequestRoundTrip(@ForAll("serverHellos") ServerHello hello) throws TlsAlertException {
        assertRoundTrip(hello, ServerHello::decode);
    }

    @Example
    void emptyMessagesRoundTrip() throws TlsAlertException {
        assertRoundTrip(new HelloRequest(), HelloRequest::decode);
        assertRoundTrip(new ServerHelloDone(), ServerHelloDone::decode);
        assertRoundTrip(new EndOfEarlyData(), EndOfEarlyData::decode);
    }

    @Property(tries = TRIES)
    void certificateRoundTrips(@ForAll("certificates") Certificate certificate) throws TlsAlertException {
        assertRoundTrip(certificate, Certificate::decode);
    }

    @Property(tries = TRIES)
    void tls13CertificateRoundTrips(@ForAll("certificatesTls13") CertificateTls13 certificate)
            throws TlsAlertException {
        assertRoundTrip(certificate, CertificateTls13::decode);
    }

    @Property(tries = TRIES)
    void ecdheServerKeyExchangeRoundTrips(
            @ForAll("ecdheServerKeyExchanges") Tuple2<ProtocolVersion, ServerKeyExchangeEcdhe> versionAndMessage)
            throws TlsAlertException {
        ProtocolVersion version = versionAndMessage.get1();
        assertRoundTrip(versionAndMessage.get2(),
                body -> ServerKeyExchange.decode(body, CipherSuite.KeyExchange.ECDHE, version));
    }

    @Property(tries = TRIES)
    void dheServerKeyExchangeRoundTrips(
            @ForAll("dheServerKeyExchanges") Tuple2<ProtocolVersion, ServerKeyExchangeDhe> versionAndMessage)
            throws TlsAlertException {
        ProtocolVersion version = versionAndMessage.get1();
        assertRoundTrip(versionAndMessage.get2(),
                body -> ServerKeyExchange.decode(body, CipherSuite.KeyExchange.DHE, version));
    }

    @Property(tries = TRIES)
    void certificateRequestRoundTrips(
            @ForAll("certificateRequests") Tuple2<ProtocolVersion, CertificateRequest> versionAndMessage)
            throws TlsAlertException {
        ProtocolVersion version = versionAndMessage.get1();
        assertRoundTrip(versionAndMessage.get2(), body -> CertificateRequest.decode(body, version));
    }

    @Property(tries = TRIES)
    void tls13CertificateRequestRoundTrips(@ForAll("certificateRequestsTls13") CertificateRequestTls13 request)
            throws TlsAlertException {
        assertRoundTrip(request, CertificateRequestTls13::decode);
    }

    @Property(tries = TRIES)
    void certificateVerifyRoundTrips(
            @ForAll("certificateVerifies") Tuple2<ProtocolVersion, CertificateVerify> versionAndMessage)
            throws TlsAlertException {
        ProtocolVersion version = versionAndMessage.get1();
        assertRoundTrip(versionAndMessage.get2(), body -> CertificateVerify.decode(body, version));
    }

    @Property(tries = TRIES)
    void rsaClientKeyExchangeRoundTrips(@ForAll("rsaClientKeyExchanges") ClientKeyExchangeRsa message)
            throws TlsAlertException {
        assertRoundTrip(message,
                body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.RSA, message.version()));
    }

    @Property(tries = TRIES)
    void dheClientKeyExchangeRoundTrips(@ForAll("dheClientKeyExchanges") ClientKeyExchangeDhe message,
            @ForAll("versionsBeforeTls13") ProtocolVersion version) throws TlsAlertException {
        assertRoundTrip(message, body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.DHE, version));
    }

    @Property(tries = TRIES)
    void ecdheClientKeyExchangeRoundTrips(@ForAll("ecdheClientKeyExchanges") ClientKeyExchangeEcdhe message,
            @ForAll("versionsBeforeTls13") ProtocolVersion version) throws TlsAlertException {
        assertRoundTrip(message, body -> ClientKeyExchange.decode(body, CipherSuite.KeyExchange.ECDHE, version));
    }

    @Property(tries = TRIES)
    void finishedRoundTrips(@ForAll("finisheds") Finished finished) throws TlsAlertException {
        assertRoundTrip(finished, body -> Finished.decode(body, finished.verifyData().length()));
    }

    @Property(tries = TRIES)
    void newSessionTicketRoundTrips(@ForAll("newSessionTickets") NewSessionTicket ticket) throws TlsAlertException {
        assertRoundTrip(ticket, NewSessionTicket::decode);
    }

    @Property(tries = TRIES)
    void tls13NewSessionTicketRoundTrips(@ForAll("newSessionTicketsTls13") NewSessionTicketTls13 ticket)
            throws TlsAlertException {
        assertRoundTrip(ticket, NewSessionTicketTls13::decode);
    }

    @Property(tries = TRIES)
    void certificateStatusRoundTrips(@ForAll("certificateStatuses") CertificateStatus status)
            throws TlsAlertException {
        assertRoundTrip(status, CertificateStatus::decode);
    }

    @Property(tries = TRIES)
    void encryptedExtensionsRoundTrip(@ForAll("encryptedExtensions") EncryptedExtensions message)
            throws TlsAlertException {
        assertRoundTrip(message, EncryptedExtensions::decode);
    }

    @Property(tries = 10)
    void keyUpdateRoundTrips(@ForAll("keyUpdates") KeyUpdate message) throws TlsAlertException {
        assertRoundTrip(message, KeyUpdate::decode);
    }

    // ---- providers ----

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

    @Provide Arbitrary<ProtocolVersion> versionsBeforeTls13() {
        return Generators.versionBeforeTls13();
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
