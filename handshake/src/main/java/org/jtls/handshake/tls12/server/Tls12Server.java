package org.jtls.handshake.tls12.server;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.jtls.handshake.CertificateSignatures;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.Role;
import org.jtls.handshake.Session;
import org.jtls.handshake.TicketKeys;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.core.Versions;
import org.jtls.handshake.message.Certificate;
import org.jtls.handshake.message.CertificateRequest;
import org.jtls.handshake.message.CertificateStatus;
import org.jtls.handshake.message.CertificateVerify;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.ClientKeyExchangeDhe;
import org.jtls.handshake.message.ClientKeyExchangeEcdhe;
import org.jtls.handshake.message.ClientKeyExchangeRsa;
import org.jtls.handshake.message.DigitallySigned;
import org.jtls.handshake.message.Finished;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.NewSessionTicket;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.ServerHelloDone;
import org.jtls.handshake.message.ServerKeyExchangeDhe;
import org.jtls.handshake.message.ServerKeyExchangeEcdhe;
import org.jtls.handshake.message.extension.AlpnOffer;
import org.jtls.handshake.message.extension.AlpnSelection;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.EmptyStatusRequest;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.handshake.message.extension.ExtendedMasterSecret;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.MaxFragmentLength;
import org.jtls.handshake.message.extension.OcspStatusRequest;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.ServerNameAck;
import org.jtls.handshake.message.extension.ServerNameList;
import org.jtls.handshake.message.extension.SessionTicket;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SignatureAlgorithmsCert;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionsOffer;
import org.jtls.handshake.tls12.Tls12Connected;
import org.jtls.handshake.tls12.Tls12Support;
import org.jtls.handshake.tls13.server.Tls13Server;
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

    /** A client asked to renegotiate with this ClientHello (RFC 5246 §7.4.1.2, RFC 5746 §3.7). */
    public static HandshakeState renegotiate(HandshakeContext context, HandshakeMessage clientHello)
            throws TlsException {
        context.beginRenegotiation();
        return new ExpectClientHello().handle(context, clientHello);
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
            if (version == ProtocolVersion.TLS_1_3) {
                return Tls13Server.onClientHello(context, hello);
            }
            boolean clientWantsTickets = offered.find(SessionTicket.class).isPresent();
            context.ticketExpected = clientWantsTickets && context.config().ticketKeys() != null
                    && version != ProtocolVersion.SSL_3_0;
            Optional<Session> resumable = findResumableSession(context, hello, offered);
            if (resumable.isPresent()) {
                return resume(context, hello, offered, resumable.get());
            }
            Choice choice = choose(context, hello, offered);
            context.cipherSuite = choice.suite();
            context.group = choice.ecGroup() != null ? choice.ecGroup() : dhGroupName(choice.dhGroup());
            context.encryptThenMac &= choice.suite().cipher().isCbc();
            context.records().setWriteVersion(version.code());
            context.records().setExpectedReadVersion(version.code());

            if (context.config().sessionCache() != null) {
                context.sessionId = new byte[32];
                context.config().random().nextBytes(context.sessionId);
            }
            // RFC 6066 §8: staple the certificate's OCSP response when the client asks and we have one.
            if (offered.find(OcspStatusRequest.class).isPresent() && version != ProtocolVersion.SSL_3_0) {
                context.stapledOcspResponse = choice.key().ocspResponse();
            }
            sendServerHello(context, offered, choice.ecGroup() != null);
            context.send(new Certificate(choice.key().chain().stream().map(Opaque::of).toList()));
            if (context.stapledOcspResponse != null) {
                context.send(new CertificateStatus(Opaque.of(context.stapledOcspResponse)));
            }
            KeyShare serverShare = null;
            KeyExchange exchange = null;
            if (choice.suite().keyExchange() != CipherSuite.KeyExchange.RSA) {
                exchange = choice.ecGroup() != null
                        ? context.crypto().keyExchange(choice.ecGroup())
                        : context.crypto().finiteFieldKeyExchange(choice.dhGroup());
                serverShare = exchange.generate(context.config().random());
                sendServerKeyExchange(context, choice, serverShare);
            }
            boolean requestCertificate = context.config().clientAuth() != TlsConfig.ClientAuth.NONE;
            if (requestCertificate) {
                Optional<List<Integer>> schemes = version == ProtocolVersion.TLS_1_2
                        ? Optional.of(context.config().signatureSchemes().stream().map(SignatureScheme::code).toList())
                        : Optional.empty();
                // SSL 3.0 (RFC 6101 §5.6.4): jtls verifies only RSA CertificateVerify there, so asks for rsa_sign.
                List<Integer> types = version == ProtocolVersion.SSL_3_0 ? List.of(CertificateRequest.RSA_SIGN)
                        : List.of(CertificateRequest.RSA_SIGN, CertificateRequest.ECDSA_SIGN);
                context.send(new CertificateRequest(types,
                        schemes, context.config().certificateAuthorities().stream().map(Opaque::of).toList()));
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
            List<ProtocolVersion> ours = Versions.implemented(context.config().versions()).stream()
                    .filter(v -> !context.renegotiating || v != ProtocolVersion.TLS_1_3).toList();
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
            boolean scsv = hello.signals(SignalingCipherSuiteValue.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
            if (context.renegotiating) {
                // RFC 5746 §3.7: a secure renegotiation carries the client's last verify_data, never the SCSV.
                if (scsv || renegotiationInfo.isEmpty() && context.secureRenegotiation) {
                    throw alert(AlertDescription.HANDSHAKE_FAILURE,
                            "renegotiating ClientHello lacks renegotiation_info or carries the SCSV (RFC 5746 §3.7)");
                }
                if (renegotiationInfo.isPresent() && !ConstantTime.equals(context.clientVerifyData,
                        renegotiationInfo.get().renegotiatedConnection().toByteArray())) {
                    throw alert(AlertDescription.HANDSHAKE_FAILURE,
                            "renegotiation_info does not match the previous client Finished (RFC 5746 §3.7)");
                }
            } else {
                if (renegotiationInfo.isPresent() && !renegotiationInfo.get().renegotiatedConnection().isEmpty()) {
                    throw alert(AlertDescription.HANDSHAKE_FAILURE,
                            "renegotiation_info of an initial handshake is not empty (RFC 5746 §3.6)");
                }
                context.secureRenegotiation = renegotiationInfo.isPresent() || scsv;
            }
            boolean ssl3 = context.version == ProtocolVersion.SSL_3_0;
            context.extendedMasterSecret = !ssl3 && offered.find(ExtendedMasterSecret.class).isPresent();
            if (!ssl3 && context.version != ProtocolVersion.TLS_1_3 && !context.extendedMasterSecret
                    && context.config().requireExtendedMasterSecret()) {
                // RFC 7627 §5.2: a server unwilling to talk to legacy clients aborts the handshake.
                // TLS 1.3 always binds its secrets to the transcript; extended_master_secret is a
                // TLS 1.2 extension that a TLS 1.3 client need not send (RFC 8446 §4.2).
                throw alert(AlertDescription.HANDSHAKE_FAILURE,
                        "client did not offer extended_master_secret (RFC 7627), which the configuration requires");
            }
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
            List<CertifiedKey> candidates = config.certificateSelector().select(context.serverName);
            if (candidates == null || candidates.isEmpty()) {
                throw alert(AlertDescription.UNRECOGNIZED_NAME, "no certificate for the requested server name '"
                        + context.serverName + "'");
            }
            // RFC 8446 §4.2.3 (which §1.3 applies to TLS 1.2) and §4.4.2.2: prefer chains signed with what
            // signature_algorithms_cert, or else signature_algorithms, lists; the others remain a fallback.
            Optional<List<Integer>> certificateSchemes = offered.find(SignatureAlgorithmsCert.class)
                    .map(SignatureAlgorithmsCert::schemeCodes)
                    .or(() -> offered.find(SignatureAlgorithms.class).map(SignatureAlgorithms::schemeCodes));
            if (certificateSchemes.isPresent()) {
                candidates = CertificateSignatures.preferSignedWith(candidates, certificateSchemes.get());
            }
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
                for (CertifiedKey key : candidates) {
                    PublicKeyMaterial publicKey = key.publicKey();
                    if (!Tls12Support.keyFitsSuite(publicKey, suite) || !curveAcceptable(publicKey, clientGroups)) {
                        continue;
                    }
                    // RFC 5246 §7.4.2: keyEncipherment for RSA key exchange, digitalSignature for the
                    // signing suites, each required only when the Key Usage extension is present.
                    if (!CertificateSignatures.leafAllows(key, suite.keyExchange() == CipherSuite.KeyExchange.RSA
                            ? org.jtls.x509.cert.KeyUsage.Bit.KEY_ENCIPHERMENT
                            : org.jtls.x509.cert.KeyUsage.Bit.DIGITAL_SIGNATURE)) {
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
         * ffdhe group gets the configured {@link TlsConfig#dhParameters()} (the parameters travel in
         * ServerKeyExchange either way).
         */
        private static FiniteFieldGroup chooseDhGroup(TlsConfig config, List<NamedGroup> clientGroups) {
            boolean clientNamesFfdhe = clientGroups.stream().anyMatch(g -> g.kind() == NamedGroup.Kind.FFDHE);
            if (!clientNamesFfdhe) {
                return config.dhParameters();
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

        /**
         * The session the client offers, if it can be resumed here: a ticket we sealed (RFC 5077
         * §3.1) or a cached session id, for the same version, a suite the client still offers, the
         * same server name, and the same extended-master-secret setting (RFC 7627 §5.3; otherwise a
         * full handshake follows).
         */
        private static Optional<Session> findResumableSession(HandshakeContext context, ClientHello hello,
                Extensions offered) {
            TlsConfig config = context.config();
            Session candidate = null;
            Optional<SessionTicket> ticket = offered.find(SessionTicket.class);
            if (config.ticketKeys() != null && ticket.isPresent() && !ticket.get().ticket().isEmpty()) {
                candidate = config.ticketKeys().open(ticket.get().ticket().toByteArray())
                        .flatMap(ExpectClientHello::decodeSession)
                        .filter(session -> session.created().plus(config.ticketKeys().lifetime())
                                .isAfter(config.clock().instant()))
                        .orElse(null);
            }
            byte[] offeredId = hello.legacySessionId().toByteArray();
            if (candidate == null && config.sessionCache() != null && offeredId.length > 0) {
                candidate = config.sessionCache().get(HexFormat.of().formatHex(offeredId)).orElse(null);
            }
            if (candidate == null) {
                return Optional.empty();
            }
            boolean clientOffersEms = offered.find(ExtendedMasterSecret.class).isPresent()
                    && context.version != ProtocolVersion.SSL_3_0;
            boolean emsMatches = candidate.extendedMasterSecret() == clientOffersEms
                    && (candidate.extendedMasterSecret() || !config.requireExtendedMasterSecret());
            String name = context.serverName == null ? "" : context.serverName;
            boolean usable = candidate.version() == context.version && hello.offers(candidate.cipherSuite())
                    && config.cipherSuites().contains(candidate.cipherSuite()) && emsMatches
                    && candidate.serverName().equals(name);
            return usable ? Optional.of(candidate) : Optional.empty();
        }

        private static Optional<Session> decodeSession(byte[] state) {
            try {
                return Optional.of(Session.decode(state));
            } catch (TlsAlertException e) {
                return Optional.empty();
            }
        }

        /** The abbreviated handshake (RFC 5246 §7.3): ServerHello, [NewSessionTicket], ChangeCipherSpec, Finished. */
        private static HandshakeState resume(HandshakeContext context, ClientHello hello, Extensions offered,
                Session session) throws TlsException {
            context.resumed = true;
            context.cipherSuite = session.cipherSuite();
            context.masterSecret = session.masterSecret();
            context.peerCertificates = session.peerCertificates();
            context.extendedMasterSecret = session.extendedMasterSecret();
            context.encryptThenMac &= session.cipherSuite().cipher().isCbc();
            context.sessionId = hello.legacySessionId().toByteArray();
            context.records().setWriteVersion(context.version.code());
            context.records().setExpectedReadVersion(context.version.code());
            sendServerHello(context, offered, false);
            context.logSecret("CLIENT_RANDOM", context.masterSecret);
            if (context.ticketExpected) {
                sendNewSessionTicket(context, session);
            }
            context.sendChangeCipherSpec();
            context.records().installWriteProtection(Tls12Support.protection(context, false));
            Tls12Support.applyRecordSizeLimits(context);
            byte[] verifyData = Tls12Support.finishedVerifyData(context, false);
            context.serverVerifyData = verifyData;
            context.send(new Finished(Opaque.of(verifyData)));
            context.records().flushHandshake();
            context.establishedSession = session;
            return new ExpectChangeCipherSpec();
        }

        private static void sendServerHello(HandshakeContext context, Extensions offered, boolean ecdhe) {
            byte[] random = new byte[32];
            context.config().random().nextBytes(random);
            ProtocolVersion best = Versions.implemented(context.config().versions()).get(0);
            Opaque serverRandom = Opaque.of(random);
            // RFC 8446 §4.1.3: a server able to do better marks its random when it settles lower.
            if (best == ProtocolVersion.TLS_1_3 && context.version == ProtocolVersion.TLS_1_2) {
                serverRandom = ServerHello.withDowngradeSentinel(serverRandom, ServerHello.DOWNGRADE_TLS12);
            } else if (best.isAtLeast(ProtocolVersion.TLS_1_2) && context.version.isBefore(ProtocolVersion.TLS_1_2)) {
                serverRandom = ServerHello.withDowngradeSentinel(serverRandom, ServerHello.DOWNGRADE_TLS11);
            }
            context.serverRandom = serverRandom.toByteArray();
            List<Extension> extensions = new ArrayList<>();
            int maxFragmentLength = 0;
            if (context.secureRenegotiation) {
                byte[] previous = new byte[context.clientVerifyData.length + context.serverVerifyData.length];
                System.arraycopy(context.clientVerifyData, 0, previous, 0, context.clientVerifyData.length);
                System.arraycopy(context.serverVerifyData, 0, previous, context.clientVerifyData.length,
                        context.serverVerifyData.length);
                extensions.add(new RenegotiationInfo(context.renegotiating ? Opaque.of(previous) : Opaque.empty()));
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
                if (ecdhe && offered.find(EcPointFormats.class).isPresent()) {
                    extensions.add(EcPointFormats.uncompressedOnly());
                }
                if (context.ticketExpected) {
                    extensions.add(SessionTicket.empty());
                }
                if (context.stapledOcspResponse != null && !context.resumed) {
                    extensions.add(new EmptyStatusRequest());
                }
                Optional<RecordSizeLimit> clientLimit = offered.find(RecordSizeLimit.class);
                Optional<MaxFragmentLength> fragmentLength = offered.find(MaxFragmentLength.class);
                if (clientLimit.isPresent() && context.config().recordSizeLimit() > 0) {
                    // RFC 8449 §4-5: answer with our limit; max_fragment_length is then ignored.
                    context.peerRecordSizeLimit = clientLimit.get().limit();
                    extensions.add(new RecordSizeLimit(context.config().recordSizeLimit()));
                } else if (fragmentLength.isPresent()) {
                    extensions.add(fragmentLength.get());
                    maxFragmentLength = fragmentLength.get().fragmentLength();
                }
            }
            context.send(new ServerHello(context.version.code(), serverRandom, Opaque.of(context.sessionId),
                    context.cipherSuite.code(), ClientHello.NULL_COMPRESSION, new Extensions(extensions)));
            if (maxFragmentLength > 0) {
                // RFC 6066 §4: fragment everything after the ServerHello to the negotiated length.
                context.records().setPlaintextLimits(maxFragmentLength, maxFragmentLength);
            }
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

    /** RFC 5077 §3.3: the session sealed into a ticket only this server can open. */
    static void sendNewSessionTicket(HandshakeContext context, Session session) {
        TicketKeys keys = context.config().ticketKeys();
        byte[] ticket = keys.seal(session.withTicket(new byte[0], 0).encode());
        context.send(new NewSessionTicket(keys.lifetime().toSeconds(), Opaque.of(ticket)));
    }

    /** The session a completed full handshake established, cached under its id when a cache is configured. */
    static Session establishSession(HandshakeContext context) {
        Session session = new Session(context.version, context.cipherSuite, context.masterSecret, context.sessionId,
                new byte[0], 0, context.extendedMasterSecret, context.peerCertificates, context.serverName,
                context.config().clock().instant(), 0, 0);
        if (context.config().sessionCache() != null && context.sessionId.length > 0) {
            context.config().sessionCache().put(HexFormat.of().formatHex(context.sessionId), session);
        }
        context.establishedSession = session;
        return session;
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

        /** RFC 6101 §5.6.6/§5.4.2: an SSL 3.0 client without a certificate sends a no_certificate warning. */
        @Override
        public HandshakeState handleNoCertificate(HandshakeContext context) throws TlsException {
            if (context.version != ProtocolVersion.SSL_3_0) {
                return this;
            }
            Tls12Support.clientSentNoCertificate(context, AlertDescription.HANDSHAKE_FAILURE,
                    "client sent no certificate, but one is required");
            return new ExpectClientKeyExchange(keys, null);
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
                Tls12Support.clientSentNoCertificate(context, AlertDescription.HANDSHAKE_FAILURE,
                        "client sent no certificate, but one is required");
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
            if (context.version == ProtocolVersion.SSL_3_0) {
                // RFC 6101 §5.6.8: RSA over MD5 and SHA hashes of the handshake with the master secret and pads.
                if (!(clientKey.key() instanceof RsaPublicKey rsa) || clientKey.pssOnly()) {
                    throw alert(AlertDescription.UNSUPPORTED_CERTIFICATE,
                            "jtls verifies only RSA client certificates in SSL 3.0");
                }
                if (!context.crypto().rsaVerifyPkcs1Raw(rsa, Tls12Support.ssl3CertificateVerifyHashes(context),
                        verify.signature().signature().toByteArray())) {
                    throw alert(AlertDescription.DECRYPT_ERROR, "client CertificateVerify signature does not verify");
                }
                context.transcript().add(message);
                return new ExpectChangeCipherSpec();
            }
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
            if (context.resumed) {
                context.complete();
                return new Tls12Connected();
            }
            Session session = establishSession(context);
            if (context.ticketExpected) {
                sendNewSessionTicket(context, session);
                context.records().flushHandshake();
            }
            context.sendChangeCipherSpec();
            context.records().installWriteProtection(Tls12Support.protection(context, false));
            Tls12Support.applyRecordSizeLimits(context);
            byte[] verifyData = Tls12Support.finishedVerifyData(context, false);
            context.serverVerifyData = verifyData;
            context.send(new Finished(Opaque.of(verifyData)));
            context.records().flushHandshake();
            context.complete();
            return new Tls12Connected();
        }
    }
}
