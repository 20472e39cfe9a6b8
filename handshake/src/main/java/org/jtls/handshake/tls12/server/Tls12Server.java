package org.jtls.handshake.tls12.server;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPrivateKey;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignalingCipherSuiteValue;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.Role;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.core.Versions;
import org.jtls.handshake.message.Certificate;
import org.jtls.handshake.message.CertificateRequest;
import org.jtls.handshake.message.CertificateVerify;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.ClientKeyExchangeDhe;
import org.jtls.handshake.message.ClientKeyExchangeEcdhe;
import org.jtls.handshake.message.ClientKeyExchangeRsa;
import org.jtls.handshake.message.DigitallySigned;
import org.jtls.handshake.message.Finished;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.ServerHelloDone;
import org.jtls.handshake.message.ServerKeyExchangeDhe;
import org.jtls.handshake.message.ServerKeyExchangeEcdhe;
import org.jtls.handshake.message.extension.AlpnOffer;
import org.jtls.handshake.message.extension.AlpnSelection;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.handshake.message.extension.ExtendedMasterSecret;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.ServerNameAck;
import org.jtls.handshake.message.extension.ServerNameList;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionsOffer;
import org.jtls.handshake.tls12.Tls12Connected;
import org.jtls.handshake.tls12.Tls12Support;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * The server side of a full SSL 3.0 – TLS 1.2 handshake (RFC 5246 §7.3):
 * <pre>
 *                    ← ClientHello
 * ServerHello, Certificate, [ServerKeyExchange], [CertificateRequest], ServerHelloDone →
 *                    ← [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished
 * ChangeCipherSpec, Finished →
 * </pre>
 * Each nested class is one state, named for the message it expects.
 */
public final class Tls12Server {
    private Tls12Server() {
    }

    /** The first state of a server. */
    public static HandshakeState start() {
        return new ExpectClientHello();
    }

    private static TlsAlertException alert(AlertDescription description, String reason) {
        return TlsAlertException.local(description, reason);
    }

    /** What the server decided from the ClientHello. */
    private record Choice(CipherSuite suite, CertifiedKey key, SignatureScheme scheme, NamedGroup ecGroup,
            FiniteFieldGroup dhGroup) {
    }

    /** RFC 5246 §7.4.1.2. */
    static final class ExpectClientHello implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            ClientHello hello = Messages.decode(message, ClientHello::decode);
            context.transcript().add(message);
            context.clientRandom = hello.random().toByteArray();
            context.clientHelloVersion = hello.legacyVersion();
            ProtocolVersion version = chooseVersion(context, hello);
            context.version = version;
            if (!hello.legacyCompressionMethods().contains(ClientHello.NULL_COMPRESSION)) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "ClientHello does not offer the null compression method");
            }
            Extensions offered = hello.extensions();
            readClientExtensions(context, hello, offered);
            Choice choice = choose(context, hello, offered);
            context.cipherSuite = choice.suite();
            context.group = choice.ecGroup() != null ? choice.ecGroup() : dhGroupName(choice.dhGroup());
            context.encryptThenMac &= choice.suite().cipher().isCbc();
            context.records().setWriteVersion(version.code());
            context.records().setExpectedReadVersion(version.code());

            sendServerHello(context, offered, choice);
            context.send(new Certificate(choice.key().chain().stream().map(Opaque::of).toList()));
            KeyShare serverShare = null;
            KeyExchange exchange = null;
            if (choice.suite().keyExchange() != CipherSuite.KeyExchange.RSA) {
                exchange = choice.ecGroup() != null
                        ? context.crypto().keyExchange(choice.ecGroup())
                        : context.crypto().finiteFieldKeyExchange(choice.dhGroup());
                serverShare = exchange.generate(context.config().random());
                sendServerKeyExchange(context, choice, serverShare);
            }
            boolean requestCertificate = context.config().clientAuth() != TlsConfig.ClientAuth.NONE
                    && version != ProtocolVersion.SSL_3_0;
            if (requestCertificate) {
                Optional<List<Integer>> schemes = version == ProtocolVersion.TLS_1_2
                        ? Optional.of(context.config().signatureSchemes().stream().map(SignatureScheme::code).toList())
                        : Optional.empty();
                context.send(new CertificateRequest(List.of(CertificateRequest.RSA_SIGN, CertificateRequest.ECDSA_SIGN),
                        schemes, List.of()));
            }
            context.send(new ServerHelloDone());
            context.records().flushHandshake();
            PendingServerKeys keys = new PendingServerKeys(choice, exchange, serverShare);
            return requestCertificate ? new ExpectClientCertificate(keys) : new ExpectClientKeyExchange(keys, null);
        }

        /**
         * The highest version both sides have (RFC 5246 Appendix E.1); a TLS 1.3 client lists its
         * versions in supported_versions (RFC 8446 §4.2.1), which then wins over legacy_version.
         */
        private static ProtocolVersion chooseVersion(HandshakeContext context, ClientHello hello)
                throws TlsAlertException {
            List<ProtocolVersion> ours = Versions.implemented(context.config().versions());
            Optional<SupportedVersionsOffer> supportedVersions = hello.extensions().find(SupportedVersionsOffer.class);
            ProtocolVersion chosen = null;
            for (ProtocolVersion candidate : ours) {
                boolean clientHasIt = supportedVersions
                        .map(offer -> offer.versionCodes().contains(candidate.code()))
                        .orElse(candidate.code() <= hello.legacyVersion());
                if (clientHasIt) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                throw alert(AlertDescription.PROTOCOL_VERSION, String.format(
                        "no version in common: client offers up to 0x%04x, server speaks %s", hello.legacyVersion(), ours));
            }
            // RFC 7507 §3: a fallback retry below our best version means someone interfered.
            if (hello.signals(SignalingCipherSuiteValue.TLS_FALLBACK_SCSV) && chosen.isBefore(ours.get(0))) {
                throw alert(AlertDescription.INAPPROPRIATE_FALLBACK,
                        "client signalled a fallback to " + chosen.displayName() + " but the server supports "
                                + ours.get(0).displayName());
            }
            return chosen;
        }

        private static void readClientExtensions(HandshakeContext context, ClientHello hello, Extensions offered)
                throws TlsAlertException {
            offered.find(ServerNameList.class).flatMap(ServerNameList::hostName)
                    .ifPresent(name -> context.serverName = name);
            Optional<RenegotiationInfo> renegotiationInfo = offered.find(RenegotiationInfo.class);
            if (renegotiationInfo.isPresent() && !renegotiationInfo.get().renegotiatedConnection().isEmpty()) {
                throw alert(AlertDescription.HANDSHAKE_FAILURE,
                        "renegotiation_info of an initial handshake is not empty (RFC 5746 §3.6)");
            }
            context.secureRenegotiation = renegotiationInfo.isPresent()
                    || hello.signals(SignalingCipherSuiteValue.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
            boolean ssl3 = context.version == ProtocolVersion.SSL_3_0;
            context.extendedMasterSecret = !ssl3 && offered.find(ExtendedMasterSecret.class).isPresent();
            context.encryptThenMac = !ssl3 && offered.find(EncryptThenMac.class).isPresent();
            // An SSL 3.0 ServerHello carries no ALPN selection (see sendServerHello), so none is negotiated.
            Optional<AlpnOffer> alpn = offered.find(AlpnOffer.class);
            if (!ssl3 && alpn.isPresent() && !context.config().alpnProtocols().isEmpty()) {
                List<String> clientProtocols = alpn.get().protocolNames().stream()
                        .map(name -> new String(name.toByteArray(), StandardCharsets.UTF_8)).toList();
                context.applicationProtocol = context.config().alpnProtocols().stream()
                        .filter(clientProtocols::contains).findFirst()
                        .orElseThrow(() -> alert(AlertDescription.NO_APPLICATION_PROTOCOL,
                                "no ALPN protocol in common: client offers " + clientProtocols));
            }
        }

        /** The suite, certificate, signature scheme and group, in the configured preference order. */
        private static Choice choose(HandshakeContext context, ClientHello hello, Extensions offered)
                throws TlsAlertException {
            TlsConfig config = context.config();
            ProtocolVersion version = context.version;
            List<CipherSuite> clientSuites = hello.knownCipherSuites();
            List<CipherSuite> order = config.serverCipherPreference() ? config.cipherSuites() : clientSuites;
            List<NamedGroup> clientGroups = offered.find(SupportedGroups.class)
                    .map(SupportedGroups::knownGroups)
                    // RFC 8422 §4: no supported_groups extension means the client takes any curve; offer ours.
                    .orElse(List.of(NamedGroup.SECP256R1));
            List<Integer> clientSchemes = offered.find(SignatureAlgorithms.class)
                    .map(SignatureAlgorithms::schemeCodes)
                    // RFC 5246 §7.4.1.4.1: without the extension, {sha1, rsa} and {sha1, ecdsa} are assumed.
                    .orElse(List.of(SignatureScheme.RSA_PKCS1_SHA1.code(), SignatureScheme.ECDSA_SHA1.code()));
            for (CipherSuite suite : order) {
                if (suite.isTls13() || !suite.supports(version) || !clientSuites.contains(suite)
                        || !config.cipherSuites().contains(suite)) {
                    continue;
                }
                NamedGroup ecGroup = null;
                FiniteFieldGroup dhGroup = null;
                if (suite.keyExchange() == CipherSuite.KeyExchange.ECDHE) {
                    ecGroup = config.groups().stream()
                            .filter(g -> g.kind() == NamedGroup.Kind.ECDHE || g.kind() == NamedGroup.Kind.XDH)
                            .filter(clientGroups::contains).findFirst().orElse(null);
                    if (ecGroup == null) {
                        continue;
                    }
                } else if (suite.keyExchange() == CipherSuite.KeyExchange.DHE) {
                    dhGroup = chooseDhGroup(config, clientGroups);
                    if (dhGroup == null) {
                        continue;
                    }
                }
                for (CertifiedKey key : config.certificates()) {
                    PublicKeyMaterial publicKey = key.publicKey();
                    if (!Tls12Support.keyFitsSuite(publicKey, suite) || !curveAcceptable(publicKey, clientGroups)) {
                        continue;
                    }
                    if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
                        return new Choice(suite, key, null, null, null);
                    }
                    if (version != ProtocolVersion.TLS_1_2) {
                        // Before TLS 1.2 only RSA (MD5+SHA-1) and ECDSA (SHA-1) keys can sign.
                        if (publicKey instanceof RsaPublicKey || publicKey instanceof EcPublicKey) {
                            return new Choice(suite, key, null, ecGroup, dhGroup);
                        }
                        continue;
                    }
                    Optional<SignatureScheme> scheme = Tls12Support.chooseScheme(config.signatureSchemes(),
                            clientSchemes, publicKey, key.pssOnly());
                    if (scheme.isPresent()) {
                        return new Choice(suite, key, scheme.get(), ecGroup, dhGroup);
                    }
                }
            }
            throw alert(AlertDescription.HANDSHAKE_FAILURE, "no cipher suite, certificate and group in common with the "
                    + "client (client offers " + clientSuites.stream().map(CipherSuite::ianaName).toList() + ")");
        }

        /** RFC 8422 §5.1: an ECDSA certificate's curve must be one the client supports. */
        private static boolean curveAcceptable(PublicKeyMaterial key, List<NamedGroup> clientGroups) {
            if (key instanceof EcPublicKey ec) {
                return clientGroups.stream().anyMatch(g -> g.curve().filter(ec.curve()::equals).isPresent());
            }
            return true;
        }

        /**
         * RFC 7919 §4: the first ffdhe group we configure that the client lists; a client that lists no
         * ffdhe group gets ffdhe2048 (the parameters travel in ServerKeyExchange either way).
         */
        private static FiniteFieldGroup chooseDhGroup(TlsConfig config, List<NamedGroup> clientGroups) {
            boolean clientNamesFfdhe = clientGroups.stream().anyMatch(g -> g.kind() == NamedGroup.Kind.FFDHE);
            if (!clientNamesFfdhe) {
                return FiniteFieldGroup.FFDHE2048;
            }
            return config.groups().stream().filter(g -> g.kind() == NamedGroup.Kind.FFDHE)
                    .filter(clientGroups::contains).findFirst()
                    .flatMap(NamedGroup::finiteFieldGroup).orElse(null);
        }

        private static NamedGroup dhGroupName(FiniteFieldGroup group) {
            if (group == null) {
                return null;
            }
            for (NamedGroup named : NamedGroup.values()) {
                if (named.finiteFieldGroup().filter(group::equals).isPresent()) {
                    return named;
                }
            }
            return null;
        }

        private static void sendServerHello(HandshakeContext context, Extensions offered, Choice choice) {
            byte[] random = new byte[32];
            context.config().random().nextBytes(random);
            ProtocolVersion best = Versions.implemented(context.config().versions()).get(0);
            Opaque serverRandom = Opaque.of(random);
            // RFC 8446 §4.1.3: TLS 1.2 servers SHOULD mark a negotiation of TLS 1.1 or below.
            if (best.isAtLeast(ProtocolVersion.TLS_1_2) && context.version.isBefore(ProtocolVersion.TLS_1_2)) {
                serverRandom = ServerHello.withDowngradeSentinel(serverRandom, ServerHello.DOWNGRADE_TLS11);
            }
            context.serverRandom = serverRandom.toByteArray();
            List<Extension> extensions = new ArrayList<>();
            if (context.secureRenegotiation) {
                extensions.add(new RenegotiationInfo(Opaque.empty()));
            }
            if (context.version != ProtocolVersion.SSL_3_0) {
                if (context.extendedMasterSecret) {
                    extensions.add(new ExtendedMasterSecret());
                }
                if (context.encryptThenMac) {
                    extensions.add(new EncryptThenMac());
                }
                if (context.applicationProtocol != null) {
                    extensions.add(AlpnSelection.of(context.applicationProtocol));
                }
                if (context.serverName != null) {
                    extensions.add(new ServerNameAck());
                }
                if (choice.ecGroup() != null && offered.find(EcPointFormats.class).isPresent()) {
                    extensions.add(EcPointFormats.uncompressedOnly());
                }
            }
            context.send(new ServerHello(context.version.code(), serverRandom, Opaque.empty(), choice.suite().code(),
                    ClientHello.NULL_COMPRESSION, new Extensions(extensions)));
        }

        private static void sendServerKeyExchange(HandshakeContext context, Choice choice, KeyShare share) {
            Opaque signatureBytes;
            if (choice.ecGroup() != null) {
                ServerKeyExchangeEcdhe unsigned = new ServerKeyExchangeEcdhe(choice.ecGroup().code(),
                        Opaque.of(share.publicValue()), DigitallySigned.withoutScheme(Opaque.empty()));
                signatureBytes = sign(context, choice, Messages.encode(unsigned::encodeParams));
                context.send(new ServerKeyExchangeEcdhe(choice.ecGroup().code(), Opaque.of(share.publicValue()),
                        signed(context, choice, signatureBytes)));
            } else {
                Opaque prime = Opaque.of(unsigned(choice.dhGroup().prime()));
                Opaque generator = Opaque.of(unsigned(choice.dhGroup().generator()));
                ServerKeyExchangeDhe unsigned = new ServerKeyExchangeDhe(prime, generator,
                        Opaque.of(share.publicValue()), DigitallySigned.withoutScheme(Opaque.empty()));
                signatureBytes = sign(context, choice, Messages.encode(unsigned::encodeParams));
                context.send(new ServerKeyExchangeDhe(prime, generator, Opaque.of(share.publicValue()),
                        signed(context, choice, signatureBytes)));
            }
        }

        private static Opaque sign(HandshakeContext context, Choice choice, byte[] params) {
            SignatureAlgorithm algorithm;
            try {
                algorithm = choice.scheme() != null ? choice.scheme().algorithm()
                        : Tls12Support.legacyAlgorithm(choice.key().publicKey());
            } catch (TlsAlertException e) {
                throw new IllegalStateException("certificate chosen for a suite its key cannot sign", e);
            }
            return Opaque.of(context.crypto().signer(algorithm, choice.key().privateKey())
                    .sign(Tls12Support.signedParams(context, params), context.config().random()));
        }

        private static DigitallySigned signed(HandshakeContext context, Choice choice, Opaque signature) {
            return context.version == ProtocolVersion.TLS_1_2
                    ? DigitallySigned.withScheme(choice.scheme().code(), signature)
                    : DigitallySigned.withoutScheme(signature);
        }

        private static byte[] unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            return bytes[0] == 0 && bytes.length > 1 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        }
    }

    /** The server's half of the key exchange, kept until ClientKeyExchange arrives. */
    record PendingServerKeys(Choice choice, KeyExchange exchange, KeyShare share) {
    }

    /** RFC 5246 §7.4.6. */
    static final class ExpectClientCertificate implements HandshakeState {
        private final PendingServerKeys keys;

        ExpectClientCertificate(PendingServerKeys keys) {
            this.keys = keys;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CERTIFICATE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            Certificate certificate = Messages.decode(message, Certificate::decode);
            context.transcript().add(message);
            boolean required = context.config().clientAuth() == TlsConfig.ClientAuth.REQUIRE;
            if (certificate.certificateList().isEmpty()) {
                if (required) {
                    throw alert(AlertDescription.HANDSHAKE_FAILURE, "client sent no certificate, but one is required");
                }
                return new ExpectClientKeyExchange(keys, null);
            }
            List<byte[]> chain = certificate.certificateList().stream().map(Opaque::toByteArray).toList();
            Tls12Support.PeerKey peerKey = Tls12Support.peerKey(chain.get(0));
            List<String> problems = context.config().peerVerifier().verify(chain, null, Role.CLIENT);
            // QueryPeer (REQUEST) accepts a certificate it cannot verify; VerifyPeer (REQUIRE) does not.
            if (!problems.isEmpty() && required) {
                throw alert(AlertDescription.BAD_CERTIFICATE, "client certificate rejected: " + String.join("; ", problems));
            }
            context.peerCertificates = chain;
            return new ExpectClientKeyExchange(keys, peerKey);
        }
    }

    /** RFC 5246 §7.4.7. */
    static final class ExpectClientKeyExchange implements HandshakeState {
        private final PendingServerKeys keys;
        private final Tls12Support.PeerKey clientKey;

        ExpectClientKeyExchange(PendingServerKeys keys, Tls12Support.PeerKey clientKey) {
            this.keys = keys;
            this.clientKey = clientKey;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CLIENT_KEY_EXCHANGE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            byte[] preMasterSecret;
            try {
                preMasterSecret = switch (context.cipherSuite.keyExchange()) {
                    case ECDHE -> keys.exchange().complete(keys.share(),
                            Messages.decode(message, ClientKeyExchangeEcdhe::decode).ecdhYc().toByteArray());
                    case DHE -> stripLeadingZeros(keys.exchange().complete(keys.share(),
                            Messages.decode(message, ClientKeyExchangeDhe::decode).dhYc().toByteArray()));
                    case RSA -> {
                        ClientKeyExchangeRsa rsa = Messages.decode(message,
                                body -> ClientKeyExchangeRsa.decode(body, context.version));
                        byte[] clientVersion = {(byte) (context.clientHelloVersion >>> 8),
                                (byte) context.clientHelloVersion};
                        // RFC 5246 §7.4.7.1: never reveal a padding failure; a bad secret fails Finished.
                        yield context.crypto().rsaDecryptPremasterSecret((RsaPrivateKey) keys.choice().key().privateKey(),
                                rsa.encryptedPreMasterSecret().toByteArray(), clientVersion, context.config().random());
                    }
                    case ANY -> throw new IllegalStateException("TLS 1.3 suite in a TLS 1.2 handshake");
                };
            } catch (InvalidKeyShareException e) {
                throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "client's key-exchange value is invalid: " + e.getMessage(), e);
            }
            context.transcript().add(message);
            Tls12Support.deriveMasterSecret(context, preMasterSecret);
            return clientKey != null ? new ExpectCertificateVerify(clientKey) : new ExpectChangeCipherSpec();
        }
    }

    static byte[] stripLeadingZeros(byte[] secret) {
        int start = 0;
        while (start < secret.length - 1 && secret[start] == 0) {
            start++;
        }
        return java.util.Arrays.copyOfRange(secret, start, secret.length);
    }

    /** RFC 5246 §7.4.8: the client proves it holds its certificate's key. */
    static final class ExpectCertificateVerify implements HandshakeState {
        private final Tls12Support.PeerKey clientKey;

        ExpectCertificateVerify(Tls12Support.PeerKey clientKey) {
            this.clientKey = clientKey;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CERTIFICATE_VERIFY.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            CertificateVerify verify = Messages.decode(message, body -> CertificateVerify.decode(body, context.version));
            SignatureAlgorithm algorithm;
            if (context.version == ProtocolVersion.TLS_1_2) {
                SignatureScheme scheme = verify.signature().scheme()
                        .filter(context.config().signatureSchemes()::contains)
                        .filter(s -> Tls12Support.schemeFitsKey(s, clientKey.key(), clientKey.pssOnly()))
                        .orElseThrow(() -> alert(AlertDescription.ILLEGAL_PARAMETER,
                                "client signed with a scheme that was not offered or does not fit its key"));
                context.peerSignatureScheme = scheme;
                algorithm = scheme.algorithm();
            } else {
                algorithm = Tls12Support.legacyAlgorithm(clientKey.key());
            }
            boolean valid = context.crypto().verifier(algorithm, clientKey.key())
                    .verify(context.transcript().bytes(), verify.signature().signature().toByteArray());
            if (!valid) {
                throw alert(AlertDescription.DECRYPT_ERROR, "client CertificateVerify signature does not verify");
            }
            context.transcript().add(message);
            return new ExpectChangeCipherSpec();
        }
    }

    /** RFC 5246 §7.1. */
    static final class ExpectChangeCipherSpec implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            throw HandshakeState.unexpected(this, message);
        }

        @Override
        public HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
            context.records().installReadProtection(Tls12Support.protection(context, true));
            return new ExpectFinished();
        }
    }

    /** RFC 5246 §7.4.9: check the client's Finished, then send ours. */
    static final class ExpectFinished implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.FINISHED.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            Finished finished = Messages.decode(message,
                    body -> Finished.decode(body, Tls12Support.verifyDataLength(context.version)));
            byte[] expected = Tls12Support.finishedVerifyData(context, true);
            if (!ConstantTime.equals(expected, finished.verifyData().toByteArray())) {
                throw alert(AlertDescription.DECRYPT_ERROR, "client Finished does not match the handshake");
            }
            context.clientVerifyData = expected;
            context.transcript().add(message);
            context.records().writeChangeCipherSpec();
            context.records().installWriteProtection(Tls12Support.protection(context, false));
            byte[] verifyData = Tls12Support.finishedVerifyData(context, false);
            context.serverVerifyData = verifyData;
            context.send(new Finished(Opaque.of(verifyData)));
            context.records().flushHandshake();
            context.complete();
            return new Tls12Connected();
        }
    }
}
