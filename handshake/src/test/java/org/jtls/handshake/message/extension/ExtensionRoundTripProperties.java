package org.jtls.handshake.message.extension;

import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE;
import static org.jtls.handshake.message.extension.ExtensionContext.CERTIFICATE_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.CLIENT_HELLO;
import static org.jtls.handshake.message.extension.ExtensionContext.ENCRYPTED_EXTENSIONS;
import static org.jtls.handshake.message.extension.ExtensionContext.HELLO_RETRY_REQUEST;
import static org.jtls.handshake.message.extension.ExtensionContext.NEW_SESSION_TICKET;
import static org.jtls.handshake.message.extension.ExtensionContext.SERVER_HELLO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.jtls.handshake.message.Generators;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * Every extension form round-trips in every message where it is defined: decoding the encoding
 * gives the same value, in the same form, and encoding the decoded value gives the same bytes.
 */
class ExtensionRoundTripProperties {
    private static final int TRIES = 200;

    /** Encodes {@code extension} alone in a block for {@code context}, decodes it and compares both ways. */
    static void assertRoundTrip(Extension extension, ExtensionContext... contexts) throws TlsAlertException {
        for (ExtensionContext context : contexts) {
            // A HelloRetryRequest block must hold at least 6 bytes; supported_versions is always there.
            Extensions block = context == HELLO_RETRY_REQUEST && !(extension instanceof SupportedVersionSelection)
                    ? Extensions.of(new SupportedVersionSelection(0x0304), extension)
                    : Extensions.of(extension);
            byte[] encoded = encode(block);
            TlsReader reader = TlsReader.of(encoded);
            Extensions decoded = Extensions.decode(reader, context);
            reader.expectEnd("test block");
            assertEquals(block, decoded, "in " + context);
            assertSame(extension.getClass(), decoded.findCode(extension.typeCode()).orElseThrow().getClass());
            assertArrayEquals(encoded, encode(decoded), "re-encoding in " + context);
            assertFalse(extension.toString().isBlank());
        }
    }

    static byte[] encode(Extensions block) {
        TlsWriter writer = new TlsWriter();
        block.encode(writer);
        return writer.toByteArray();
    }

    @Property(tries = TRIES)
    void serverNameListRoundTrips(@ForAll("serverNameList") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Example
    void serverNameAckRoundTrips() throws TlsAlertException {
        assertRoundTrip(new ServerNameAck(), SERVER_HELLO, ENCRYPTED_EXTENSIONS);
    }

    @Property(tries = TRIES)
    void maxFragmentLengthRoundTrips(@ForAll("maxFragmentLength") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS);
    }

    @Property(tries = TRIES)
    void ocspStatusRequestRoundTrips(@ForAll("ocspStatusRequest") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Example
    void emptyStatusRequestRoundTrips() throws TlsAlertException {
        assertRoundTrip(new EmptyStatusRequest(), SERVER_HELLO, CERTIFICATE_REQUEST);
    }

    @Property(tries = TRIES)
    void stapledOcspResponseRoundTrips(@ForAll("stapledOcspResponse") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CERTIFICATE);
    }

    @Property(tries = TRIES)
    void supportedGroupsRoundTrip(@ForAll("supportedGroups") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, ENCRYPTED_EXTENSIONS);
    }

    @Property(tries = TRIES)
    void ecPointFormatsRoundTrip(@ForAll("ecPointFormats") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, SERVER_HELLO);
    }

    @Property(tries = TRIES)
    void signatureAlgorithmsRoundTrip(@ForAll("signatureAlgorithms") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, CERTIFICATE_REQUEST);
    }

    @Property(tries = TRIES)
    void signatureAlgorithmsCertRoundTrip(@ForAll("signatureAlgorithmsCert") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, CERTIFICATE_REQUEST);
    }

    @Property(tries = TRIES)
    void alpnOfferRoundTrips(@ForAll("alpnOffer") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Property(tries = TRIES)
    void alpnSelectionRoundTrips(@ForAll("alpnSelection") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, SERVER_HELLO, ENCRYPTED_EXTENSIONS);
    }

    @Example
    void signedCertificateTimestampRequestRoundTrips() throws TlsAlertException {
        assertRoundTrip(new SignedCertificateTimestampRequest(), CLIENT_HELLO, CERTIFICATE_REQUEST);
    }

    @Property(tries = TRIES)
    void signedCertificateTimestampsRoundTrip(@ForAll("signedCertificateTimestamps") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, SERVER_HELLO, CERTIFICATE);
    }

    @Property(tries = TRIES)
    void paddingRoundTrips(@ForAll("padding") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Example
    void emptyFlagExtensionsRoundTrip() throws TlsAlertException {
        assertRoundTrip(new EncryptThenMac(), CLIENT_HELLO, SERVER_HELLO);
        assertRoundTrip(new ExtendedMasterSecret(), CLIENT_HELLO, SERVER_HELLO);
        assertRoundTrip(new PostHandshakeAuth(), CLIENT_HELLO);
        assertRoundTrip(new EarlyDataIndication(), CLIENT_HELLO, ENCRYPTED_EXTENSIONS);
    }

    @Property(tries = TRIES)
    void recordSizeLimitRoundTrips(@ForAll("recordSizeLimit") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS);
    }

    @Property(tries = TRIES)
    void sessionTicketRoundTrips(@ForAll("sessionTicket") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, SERVER_HELLO);
    }

    @Property(tries = TRIES)
    void preSharedKeyOfferRoundTrips(@ForAll("preSharedKeyOffer") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Property(tries = TRIES)
    void preSharedKeySelectionRoundTrips(@ForAll("preSharedKeySelection") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, SERVER_HELLO);
    }

    @Property(tries = TRIES)
    void earlyDataMaxSizeRoundTrips(@ForAll("earlyDataMaxSize") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, NEW_SESSION_TICKET);
    }

    @Property(tries = TRIES)
    void supportedVersionsOfferRoundTrips(@ForAll("supportedVersionsOffer") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Property(tries = TRIES)
    void supportedVersionSelectionRoundTrips(@ForAll("supportedVersionSelection") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, SERVER_HELLO, HELLO_RETRY_REQUEST);
    }

    @Property(tries = TRIES)
    void cookieRoundTrips(@ForAll("cookie") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, HELLO_RETRY_REQUEST);
    }

    @Property(tries = TRIES)
    void pskKeyExchangeModesRoundTrip(@ForAll("pskKeyExchangeModes") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Property(tries = TRIES)
    void certificateAuthoritiesRoundTrip(@ForAll("certificateAuthorities") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, CERTIFICATE_REQUEST);
    }

    @Property(tries = TRIES)
    void keyShareClientHelloRoundTrips(@ForAll("keyShareClientHello") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO);
    }

    @Property(tries = TRIES)
    void keyShareServerHelloRoundTrips(@ForAll("keyShareServerHello") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, SERVER_HELLO);
    }

    @Property(tries = TRIES)
    void keyShareHelloRetryRequestRoundTrips(@ForAll("keyShareHelloRetryRequest") Extension extension)
            throws TlsAlertException {
        assertRoundTrip(extension, HELLO_RETRY_REQUEST);
    }

    @Property(tries = TRIES)
    void renegotiationInfoRoundTrips(@ForAll("renegotiationInfo") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, CLIENT_HELLO, SERVER_HELLO);
    }

    @Property(tries = TRIES)
    void rawExtensionsRoundTripInEveryContext(@ForAll("rawExtension") Extension extension) throws TlsAlertException {
        assertRoundTrip(extension, ExtensionContext.values());
    }

    /** Whole blocks: several forms and raw extensions together, in random order. */
    @Property(tries = 300)
    void blocksRoundTripInEveryContext(@ForAll("blocks") Tuple2<ExtensionContext, Extensions> contextAndBlock)
            throws TlsAlertException {
        ExtensionContext context = contextAndBlock.get1();
        Extensions block = contextAndBlock.get2();
        byte[] encoded = encode(block);
        TlsReader reader = TlsReader.of(encoded);
        Extensions decoded = Extensions.decode(reader, context);
        reader.expectEnd("test block");
        assertEquals(block, decoded);
        assertArrayEquals(encoded, encode(decoded));
    }

    @Provide Arbitrary<Tuple2<ExtensionContext, Extensions>> blocks() {
        return Arbitraries.of(ExtensionContext.class)
                .flatMap(context -> Generators.extensions(context).map(block -> Tuple.of(context, block)));
    }

    @Provide Arbitrary<Extension> serverNameList() {
        return Generators.serverNameList();
    }

    @Provide Arbitrary<Extension> maxFragmentLength() {
        return Generators.maxFragmentLength();
    }

    @Provide Arbitrary<Extension> ocspStatusRequest() {
        return Generators.ocspStatusRequest();
    }

    @Provide Arbitrary<Extension> stapledOcspResponse() {
        return Generators.stapledOcspResponse();
    }

    @Provide Arbitrary<Extension> supportedGroups() {
        return Generators.supportedGroups();
    }

    @Provide Arbitrary<Extension> ecPointFormats() {
        return Generators.ecPointFormats();
    }

    @Provide Arbitrary<Extension> signatureAlgorithms() {
        return Generators.signatureAlgorithms();
    }

    @Provide Arbitrary<Extension> signatureAlgorithmsCert() {
        return Generators.signatureAlgorithmsCert();
    }

    @Provide Arbitrary<Extension> alpnOffer() {
        return Generators.alpnOffer();
    }

    @Provide Arbitrary<Extension> alpnSelection() {
        return Generators.alpnSelection();
    }

    @Provide Arbitrary<Extension> signedCertificateTimestamps() {
        return Generators.signedCertificateTimestamps();
    }

    @Provide Arbitrary<Extension> padding() {
        return Generators.padding();
    }

    @Provide Arbitrary<Extension> recordSizeLimit() {
        return Generators.recordSizeLimit();
    }

    @Provide Arbitrary<Extension> sessionTicket() {
        return Generators.sessionTicket();
    }

    @Provide Arbitrary<Extension> preSharedKeyOffer() {
        return Generators.preSharedKeyOffer();
    }

    @Provide Arbitrary<Extension> preSharedKeySelection() {
        return Generators.preSharedKeySelection();
    }

    @Provide Arbitrary<Extension> earlyDataMaxSize() {
        return Generators.earlyDataMaxSize();
    }

    @Provide Arbitrary<Extension> supportedVersionsOffer() {
        return Generators.supportedVersionsOffer();
    }

    @Provide Arbitrary<Extension> supportedVersionSelection() {
        return Generators.supportedVersionSelection();
    }

    @Provide Arbitrary<Extension> cookie() {
        return Generators.cookie();
    }

    @Provide Arbitrary<Extension> pskKeyExchangeModes() {
        return Generators.pskKeyExchangeModes();
    }

    @Provide Arbitrary<Extension> certificateAuthorities() {
        return Generators.certificateAuthorities();
    }

    @Provide Arbitrary<Extension> keyShareClientHello() {
        return Generators.keyShareClientHello();
    }

    @Provide Arbitrary<Extension> keyShareServerHello() {
        return Generators.keyShareServerHello();
    }

    @Provide Arbitrary<Extension> keyShareHelloRetryRequest() {
        return Generators.keyShareHelloRetryRequest();
    }

    @Provide Arbitrary<Extension> renegotiationInfo() {
        return Generators.renegotiationInfo();
    }

    @Provide Arbitrary<Extension> rawExtension() {
        return Generators.rawExtension();
    }
}
