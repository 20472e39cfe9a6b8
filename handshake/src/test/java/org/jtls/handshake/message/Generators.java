package org.jtls.handshake.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignalingCipherSuiteValue;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.message.extension.AlpnOffer;
import org.jtls.handshake.message.extension.AlpnSelection;
import org.jtls.handshake.message.extension.CertificateAuthorities;
import org.jtls.handshake.message.extension.Cookie;
import org.jtls.handshake.message.extension.EarlyDataIndication;
import org.jtls.handshake.message.extension.EarlyDataMaxSize;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.EmptyStatusRequest;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.handshake.message.extension.ExtendedMasterSecret;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.ExtensionType;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.KeyShareClientHello;
import org.jtls.handshake.message.extension.KeyShareEntry;
import org.jtls.handshake.message.extension.KeyShareHelloRetryRequest;
import org.jtls.handshake.message.extension.KeyShareServerHello;
import org.jtls.handshake.message.extension.MaxFragmentLength;
import org.jtls.handshake.message.extension.OcspStatusRequest;
import org.jtls.handshake.message.extension.Padding;
import org.jtls.handshake.message.extension.PostHandshakeAuth;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.PskIdentity;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.handshake.message.extension.RawExtension;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.ServerName;
import org.jtls.handshake.message.extension.ServerNameAck;
import org.jtls.handshake.message.extension.ServerNameList;
import org.jtls.handshake.message.extension.SessionTicket;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SignatureAlgorithmsCert;
import org.jtls.handshake.message.extension.SignedCertificateTimestampRequest;
import org.jtls.handshake.message.extension.SignedCertificateTimestamps;
import org.jtls.handshake.message.extension.StapledOcspResponse;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionSelection;
import org.jtls.handshake.message.extension.SupportedVersionsOffer;

/**
 * jqwik arbitraries for every handshake message and extension form. Values mix known code points,
 * GREASE and arbitrary numbers, and stay small so that properties run fast.
 */
// Public for the tests in the extension package; javac's module check of test code would otherwise
// warn that the jqwik types in its signatures are not exported, but this class is no module API.
@SuppressWarnings("exports")
public final class Generators {
    private static final List<Integer> CIPHER_SUITE_CODES = codes(
            Arrays.stream(CipherSuite.values()).mapToInt(CipherSuite::code),
            Arrays.stream(SignalingCipherSuiteValue.values()).mapToInt(SignalingCipherSuiteValue::code));
    private static final List<Integer> GROUP_CODES =
            codes(Arrays.stream(NamedGroup.values()).mapToInt(NamedGroup::code));
    private static final List<Integer> SCHEME_CODES =
            codes(Arrays.stream(SignatureScheme.values()).mapToInt(SignatureScheme::code));
    private static final List<Integer> VERSION_CODES =
            codes(Arrays.stream(ProtocolVersion.values()).mapToInt(ProtocolVersion::code));
    /** Extension types jtls names but keeps raw in every message. */
    private static final List<Integer> NAMED_RAW_TYPES = List.of(ExtensionType.USE_SRTP.code(),
            ExtensionType.HEARTBEAT.code(), ExtensionType.STATUS_REQUEST_V2.code(),
            ExtensionType.CLIENT_CERTIFICATE_TYPE.code(), ExtensionType.COMPRESS_CERTIFICATE.code(),
            ExtensionType.OID_FILTERS.code(), ExtensionType.ENCRYPTED_CLIENT_HELLO.code());

    private Generators() {
    }

    private static List<Integer> codes(IntStream... streams) {
        return Arrays.stream(streams).flatMap(IntStream::boxed).collect(Collectors.toUnmodifiableList());
    }

    // ---- primitives ----

    public static Arbitrary<Opaque> opaque(int minLength, int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(minLength).ofMaxSize(maxLength).map(Opaque::of);
    }

    public static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    public static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    public static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xFFFFFFFFL);
    }

    /** The sixteen GREASE values of RFC 8701. */
    public static Arbitrary<Integer> grease() {
        return Arbitraries.integers().between(0, 15).map(n -> 0x0A0A + n * 0x1010);
    }

    /** Mostly registry codes, some GREASE, some arbitrary numbers. */
    private static Arbitrary<Integer> code(List<Integer> known) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(known)), Tuple.of(2, grease()), Tuple.of(2, u16()));
    }

    public static Arbitrary<Integer> cipherSuiteCode() {
        return code(CIPHER_SUITE_CODES);
    }

    public static Arbitrary<Integer> groupCode() {
        return code(GROUP_CODES);
    }

    public static Arbitrary<Integer> schemeCode() {
        return code(SCHEME_CODES);
    }

    public static Arbitrary<Integer> versionCode() {
        return code(VERSION_CODES);
    }

    /** Extension types whose content jtls keeps as bytes in every message: unknown, GREASE, named-only. */
    public static Arbitrary<Integer> rawExtensionType() {
        Arbitrary<Integer> unknown = u16().filter(code -> ExtensionType.fromCode(code).isEmpty());
        return Arbitraries.frequencyOf(Tuple.of(3, unknown), Tuple.of(3, grease()),
                Tuple.of(2, Arbitraries.of(NAMED_RAW_TYPES)));
    }

    // ---- extensions ----

    public static Arbitrary<Extension> rawExtension() {
        return Combinators.combine(rawExtensionType(), opaque(0, 20)).as(RawExtension::new);
    }

    public static Arbitrary<Extension> serverNameList() {
        Arbitrary<Integer> nameType = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(ServerName.HOST_NAME)),
                Tuple.of(1, u8()));
        Arbitrary<ServerName> name = Combinators.combine(nameType, opaque(1, 20)).as(ServerName::new);
        return name.list().ofMinSize(1).ofMaxSize(3).uniqueElements(ServerName::nameType).map(ServerNameList::new);
    }

    public static Arbitrary<Extension> serverNameAck() {
        return Arbitraries.just(new ServerNameAck());
    }

    public static Arbitrary<Extension> maxFragmentLength() {
        return Arbitraries.integers().between(1, 4).map(MaxFragmentLength::new);
    }

    public static Arbitrary<Extension> ocspStatusRequest() {
        return Combinators.combine(opaque(1, 10).list().ofMaxSize(3), opaque(0, 10)).as(OcspStatusRequest::new);
    }

    public static Arbitrary<Extension> emptyStatusRequest() {
        return Arbitraries.just(new EmptyStatusRequest());
    }

    public static Arbitrary<Extension> stapledOcspResponse() {
        return opaque(1, 40).map(StapledOcspResponse::new);
    }

    public static Arbitrary<Extension> supportedGroups() {
        return groupCode().list().ofMinSize(1).ofMaxSize(10).map(SupportedGroups::new);
    }

    public static Arbitrary<Extension> ecPointFormats() {
        return u8().list().ofMinSize(1).ofMaxSize(4).map(EcPointFormats::new);
    }

    public static Arbitrary<Extension> signatureAlgorithms() {
        return schemeCode().list().ofMinSize(1).ofMaxSize(12).map(SignatureAlgorithms::new);
    }

    public static Arbitrary<Extension> signatureAlgorithmsCert() {
        return schemeCode().list().ofMinSize(1).ofMaxSize(12).map(SignatureAlgorithmsCert::new);
    }

    public static Arbitrary<Extension> alpnOffer() {
        return opaque(1, 12).list().ofMinSize(1).ofMaxSize(4).map(AlpnOffer::new);
    }

    public static Arbitrary<Extension> alpnSelection() {
        return opaque(1, 12).map(AlpnSelection::new);
    }

    public static Arbitrary<Extension> signedCertificateTimestampRequest() {
        return Arbitraries.just(new SignedCertificateTimestampRequest());
    }

    public static Arbitrary<Extension> signedCertificateTimestamps() {
        return opaque(1, 20).list().ofMinSize(1).ofMaxSize(3).map(SignedCertificateTimestamps::new);
    }

    public static Arbitrary<Extension> padding() {
        return Arbitraries.integers().between(0, 64).map(Padding::new);
    }

    public static Arbitrary<Extension> encryptThenMac() {
        return Arbitraries.just(new EncryptThenMac());
    }

    public static Arbitrary<Extension> extendedMasterSecret() {
        return Arbitraries.just(new ExtendedMasterSecret());
    }

    public static Arbitrary<Extension> recordSizeLimit() {
        return Arbitraries.integers().between(RecordSizeLimit.MINIMUM, 0xFFFF).map(RecordSizeLimit::new);
    }

    public static Arbitrary<Extension> sessionTicket() {
        return opaque(0, 40).map(SessionTicket::new);
    }

    public static Arbitrary<Extension> preSharedKeyOffer() {
        Arbitrary<PskIdentity> identity = Combinators.combine(opaque(1, 20), u32()).as(PskIdentity::new);
        return Arbitraries.integers().between(1, 3).flatMap(count -> Combinators.combine(
                identity.list().ofSize(count), opaque(32, 48).list().ofSize(count)).as(PreSharedKeyOffer::new));
    }

    public static Arbitrary<Extension> preSharedKeySelection() {
        return u16().map(PreSharedKeySelection::new);
    }

    public static Arbitrary<Extension> earlyDataIndication() {
        return Arbitraries.just(new EarlyDataIndication());
    }

    public static Arbitrary<Extension> earlyDataMaxSize() {
        return u32().map(EarlyDataMaxSize::new);
    }

    public static Arbitrary<Extension> supportedVersionsOffer() {
        return versionCode().list().ofMinSize(1).ofMaxSize(6).map(SupportedVersionsOffer::new);
    }

    public static Arbitrary<Extension> supportedVersionSelection() {
        return versionCode().map(SupportedVersionSelection::new);
    }

    public static Arbitrary<Extension> cookie() {
        return opaque(1, 40).map(Cookie::new);
    }

    public static Arbitrary<Extension> pskKeyExchangeModes() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(0, 1)), Tuple.of(1, u8()))
                .list().ofMinSize(1).ofMaxSize(4).map(PskKeyExchangeModes::new);
    }

    public static Arbitrary<Extension> certificateAuthorities() {
        return opaque(1, 30).list().ofMinSize(1).ofMaxSize(3).map(CertificateAuthorities::new);
    }

    public static Arbitrary<Extension> postHandshakeAuth() {
        return Arbitraries.just(new PostHandshakeAuth());
    }

    public static Arbitrary<KeyShareEntry> keyShareEntry() {
        return Combinators.combine(groupCode(), opaque(1, 40)).as(KeyShareEntry::new);
    }

    public static Arbitrary<Extension> keyShareClientHello() {
        return keyShareEntry().list().ofMaxSize(4).uniqueElements(KeyShareEntry::groupCode)
                .map(KeyShareClientHello::new);
    }

    public static Arbitrary<Extension> keyShareServerHello() {
        return keyShareEntry().map(KeyShareServerHello::new);
    }

    public static Arbitrary<Extension> keyShareHelloRetryRequest() {
        return groupCode().map(KeyShareHelloRetryRequest::new);
    }

    public static Arbitrary<Extension> renegotiationInfo() {
        return opaque(0, 40).map(RenegotiationInfo::new);
    }

    /** Every extension form defined for {@code context}, each decoding to itself there. */
    public static List<Arbitrary<Extension>> formsFor(ExtensionContext context) {
        return switch (context) {
            case CLIENT_HELLO -> List.of(serverNameList(), maxFragmentLength(), ocspStatusRequest(), supportedGroups(),
                    ecPointFormats(), signatureAlgorithms(), signatureAlgorithmsCert(), alpnOffer(),
                    signedCertificateTimestampRequest(), padding(), encryptThenMac(), extendedMasterSecret(),
                    recordSizeLimit(), sessionTicket(), preSharedKeyOffer(), earlyDataIndication(),
                    supportedVersionsOffer(), cookie(), pskKeyExchangeModes(), certificateAuthorities(),
                    postHandshakeAuth(), keyShareClientHello(), renegotiationInfo());
            case SERVER_HELLO -> List.of(serverNameAck(), maxFragmentLength(), emptyStatusRequest(), ecPointFormats(),
                    alpnSelection(), signedCertificateTimestamps(), encryptThenMac(), extendedMasterSecret(),
                    recordSizeLimit(), sessionTicket(), preSharedKeySelection(), supportedVersionSelection(),
                    keyShareServerHello(), renegotiationInfo());
            case HELLO_RETRY_REQUEST -> List.of(supportedVersionSelection(), keyShareHelloRetryRequest(), cookie());
            case ENCRYPTED_EXTENSIONS -> List.of(serverNameAck(), maxFragmentLength(), supportedGroups(),
                    alpnSelection(), recordSizeLimit(), earlyDataIndication());
            case CERTIFICATE -> List.of(stapledOcspResponse(), signedCertificateTimestamps());
            case CERTIFICATE_REQUEST -> List.of(signatureAlgorithms(), emptyStatusRequest(), signatureAlgorithmsCert(),
                    signedCertificateTimestampRequest(), certificateAuthorities());
            case NEW_SESSION_TICKET -> List.of(earlyDataMaxSize());
        };
    }

    /**
     * A valid extension block for {@code context}: a random selection of its forms and up to three
     * raw extensions, in random order, with pre_shared_key last in a ClientHello. The first form is
     * always present in a HelloRetryRequest (supported_versions) and a CertificateRequest
     * (signature_algorithms), whose blocks may not be empty.
     */
    public static Arbitrary<Extensions> extensions(ExtensionContext context) {
        List<Arbitrary<Extension>> forms = formsFor(context);
        boolean firstRequired = context == ExtensionContext.HELLO_RETRY_REQUEST
                || context == ExtensionContext.CERTIFICATE_REQUEST;
        List<Arbitrary<Extension>> maybe = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            maybe.add(i == 0 && firstRequired ? forms.get(i) : forms.get(i).injectNull(0.5));
        }
        Arbitrary<List<Extension>> chosen = Combinators.combine(maybe).as(list -> {
            List<Extension> present = new ArrayList<>(list);
            present.removeIf(Objects::isNull);
            return present;
        });
        Arbitrary<List<Extension>> raw = rawExtension().list().ofMaxSize(3).uniqueElements(Extension::typeCode);
        return Combinators.combine(chosen, raw).as((known, unknown) -> {
            List<Extension> all = new ArrayList<>(known);
            all.addAll(unknown);
            return all;
        }).flatMap(Arbitraries::shuffle).map(list -> {
            List<Extension> ordered = new ArrayList<>(list);
            ordered.sort((a, b) -> Boolean.compare(a instanceof PreSharedKeyOffer, b instanceof PreSharedKeyOffer));
            return new Extensions(ordered);
        });
    }

    // ---- messages ----

    public static Arbitrary<ClientHello> clientHello() {
        return Combinators.combine(versionCode(), opaque(32, 32), opaque(0, 32),
                cipherSuiteCode().list().ofMinSize(1).ofMaxSize(20), u8().list().ofMinSize(1).ofMaxSize(3),
                extensions(ExtensionContext.CLIENT_HELLO).optional(0.9)).as(ClientHello::new);
    }

    public static Arbitrary<ServerHello> serverHello() {
        Arbitrary<ServerHello> plain = Combinators.combine(versionCode(), opaque(32, 32), opaque(0, 32),
                cipherSuiteCode(), u8(), extensions(ExtensionContext.SERVER_HELLO).optional(0.9)).as(ServerHello::new);
        Arbitrary<ServerHello> helloRetryRequest = Combinators.combine(versionCode(), opaque(0, 32), cipherSuiteCode(),
                u8(), extensions(ExtensionContext.HELLO_RETRY_REQUEST))
                .as((version, sessionId, suite, compression, extensions) -> new ServerHello(version,
                        ServerHello.HELLO_RETRY_REQUEST_RANDOM, sessionId, suite, compression, extensions));
        return Arbitraries.frequencyOf(Tuple.of(3, plain), Tuple.of(1, helloRetryRequest));
    }

    public static Arbitrary<Certificate> certificate() {
        return opaque(1, 60).list().ofMaxSize(3).map(Certificate::new);
    }

    public static Arbitrary<CertificateTls13> certificateTls13() {
        Arbitrary<CertificateEntry> entry = Combinators.combine(opaque(1, 60), extensions(ExtensionContext.CERTIFICATE))
                .as(CertificateEntry::new);
        return Combinators.combine(opaque(0, 8), entry.list().ofMaxSize(3)).as(CertificateTls13::new);
    }

    public static Arbitrary<DigitallySigned> digitallySigned(ProtocolVersion version) {
        Arbitrary<Opaque> signature = opaque(0, 72);
        if (DigitallySigned.carriesScheme(version)) {
            return Combinators.combine(schemeCode(), signature).as(DigitallySigned::withScheme);
        }
        return signature.map(DigitallySigned::withoutScheme);
    }

    public static Arbitrary<ServerKeyExchangeEcdhe> serverKeyExchangeEcdhe(ProtocolVersion version) {
        return Combinators.combine(groupCode(), opaque(1, 65), digitallySigned(version))
                .as(ServerKeyExchangeEcdhe::new);
    }

    public static Arbitrary<ServerKeyExchangeDhe> serverKeyExchangeDhe(ProtocolVersion version) {
        return Combinators.combine(opaque(1, 64), opaque(1, 4), opaque(1, 64), digitallySigned(version))
                .as(ServerKeyExchangeDhe::new);
    }

    public static Arbitrary<CertificateRequest> certificateRequest(ProtocolVersion version) {
        Arbitrary<Optional<List<Integer>>> schemes = DigitallySigned.carriesScheme(version)
                ? schemeCode().list().ofMaxSize(10).map(Optional::of)
                : Arbitraries.just(Optional.empty());
        return Combinators.combine(u8().list().ofMinSize(1).ofMaxSize(4), schemes, opaque(1, 30).list().ofMaxSize(3))
                .as(CertificateRequest::new);
    }

    public static Arbitrary<CertificateRequestTls13> certificateRequestTls13() {
        return Combinators.combine(opaque(0, 8), extensions(ExtensionContext.CERTIFICATE_REQUEST))
                .as(CertificateRequestTls13::new);
    }

    public static Arbitrary<CertificateVerify> certificateVerify(ProtocolVersion version) {
        return digitallySigned(version).map(CertificateVerify::new);
    }

    public static Arbitrary<ClientKeyExchangeRsa> clientKeyExchangeRsa(ProtocolVersion version) {
        return opaque(0, 64).map(encrypted -> new ClientKeyExchangeRsa(encrypted, version));
    }

    public static Arbitrary<ClientKeyExchangeDhe> clientKeyExchangeDhe() {
        return opaque(1, 64).map(ClientKeyExchangeDhe::new);
    }

    public static Arbitrary<ClientKeyExchangeEcdhe> clientKeyExchangeEcdhe() {
        return opaque(1, 65).map(ClientKeyExchangeEcdhe::new);
    }

    /** A Finished of one of the real verify_data lengths: 12, 32, 36 or 48. */
    public static Arbitrary<Finished> finished() {
        return Arbitraries.of(12, 32, 36, 48).flatMap(length -> opaque(length, length)).map(Finished::new);
    }

    public static Arbitrary<NewSessionTicket> newSessionTicket() {
        return Combinators.combine(u32(), opaque(0, 60)).as(NewSessionTicket::new);
    }

    public static Arbitrary<NewSessionTicketTls13> newSessionTicketTls13() {
        return Combinators.combine(u32(), u32(), opaque(0, 16), opaque(1, 60),
                extensions(ExtensionContext.NEW_SESSION_TICKET)).as(NewSessionTicketTls13::new);
    }

    public static Arbitrary<CertificateStatus> certificateStatus() {
        return opaque(1, 60).map(CertificateStatus::new);
    }

    public static Arbitrary<EncryptedExtensions> encryptedExtensions() {
        return extensions(ExtensionContext.ENCRYPTED_EXTENSIONS).map(EncryptedExtensions::new);
    }

    public static Arbitrary<KeyUpdate> keyUpdate() {
        return Arbitraries.of(KeyUpdate.Request.class).map(KeyUpdate::new);
    }

    /** The versions that have ServerKeyExchange, ClientKeyExchange and the old CertificateRequest. */
    public static Arbitrary<ProtocolVersion> versionBeforeTls13() {
        return Arbitraries.of(ProtocolVersion.SSL_3_0, ProtocolVersion.TLS_1_0, ProtocolVersion.TLS_1_1,
                ProtocolVersion.TLS_1_2);
    }
}
