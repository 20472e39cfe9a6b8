package org.jtls.handshake.tls12.client;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.CryptoException;
import org.jtls.crypto.FiniteFieldGroup;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.PublicKeyMaterial;
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
import org.jtls.handshake.message.extension.EarlyDataIndication;
import org.jtls.handshake.message.extension.EcPointFormats;
import org.jtls.handshake.message.extension.EmptyStatusRequest;
import org.jtls.handshake.message.extension.EncryptThenMac;
import org.jtls.handshake.message.extension.ExtendedMasterSecret;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.MaxFragmentLength;
import org.jtls.handshake.message.extension.OcspStatusRequest;
import org.jtls.handshake.message.extension.PostHandshakeAuth;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.handshake.message.extension.RenegotiationInfo;
import org.jtls.handshake.message.extension.ServerNameList;
import org.jtls.handshake.message.extension.SessionTicket;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SignatureAlgorithmsCert;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionSelection;
import org.jtls.handshake.message.extension.SupportedVersionsOffer;
import org.jtls.handshake.tls12.Tls12Support;
import org.jtls.handshake.tls13.client.Tls13Client;
import org.jtls.record.AlertDescription;
import org.jtls.record.AlertLevel;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * The client side of a full SSL 3.0 – TLS 1.2 handshake (RFC 5246 §7.3):
 * <pre>
 * ClientHello        →
 *                    ← ServerHello, Certificate, [ServerKeyExchange], [CertificateRequest], ServerHelloDone
 * [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished →
 *                    ← ChangeCipherSpec, Finished
 * </pre>
 * Each nested class is one state, named for the message it expects.
 */
public final class Tls12Client {
    private Tls12Client() {
    }

    /** Sends the ClientHello and waits for the ServerHello. */
    public static HandshakeState start(HandshakeContext context) throws TlsException {
        List<ProtocolVersion> versions = Versions.implemented(context.config().versions());
        if (versions.isEmpty()) {
            throw new IllegalStateException("none of the configured versions " + context.config().versions()
                    + " is implemented yet (TLS 1.3 is not)");
        }
        ProtocolVersion highest = versions.get(0);
        boolean offersTls13 = highest == ProtocolVersion.TLS_1_3 && !context.renegotiating;
        if (context.renegotiating) {
            versions = versions.stream().filter(v -> v != ProtocolVersion.TLS_1_3).toList();
            highest = versions.get(0);
        }
        List<CipherSuite> suites = new ArrayList<>();
        for (CipherSuite suite : context.config().cipherSuites()) {
            if (versions.stream().anyMatch(suite::supports)) {
                suites.add(suite);
            }
        }
        Tls13Client.restrictToExternalPskHash(context, suites);
        if (suites.isEmpty()) {
            throw new IllegalStateException("no configured cipher suite works with " + versions);
        }
        context.clientRandom = new byte[32];
        context.config().random().nextBytes(context.clientRandom);

        List<Extension> extensions = new ArrayList<>();
        if (context.serverName != null && !Versions.isIpLiteral(context.serverName)) {
            extensions.add(ServerNameList.ofHostName(context.serverName));
        }
        List<NamedGroup> groups = offersTls13 ? context.config().groups() : groupsBeforeTls13(context);
        boolean offersEcdhe = suites.stream().anyMatch(s -> s.keyExchange() == CipherSuite.KeyExchange.ECDHE);
        if (!groups.isEmpty()) {
            extensions.add(SupportedGroups.of(groups));
        }
        if (offersEcdhe) {
            extensions.add(EcPointFormats.uncompressedOnly());
        }
        if (highest.isAtLeast(ProtocolVersion.TLS_1_2)) {
            extensions.add(SignatureAlgorithms.of(context.config().signatureSchemes()));
            if (!context.config().certificateSignatureSchemes().isEmpty()) {
                // RFC 8446 §4.2.3: which signatures the client accepts in certificates (TLS 1.2 too, §1.3).
                extensions.add(SignatureAlgorithmsCert.of(context.config().certificateSignatureSchemes()));
            }
        }
        if (offersTls13) {
            extensions.add(SupportedVersionsOffer.of(versions));
            extensions.add(Tls13Client.initialKeyShares(context));
            if (context.config().postHandshakeAuthentication()) {
                extensions.add(new PostHandshakeAuth());
            }
        }
        if (!context.config().alpnProtocols().isEmpty()) {
            extensions.add(AlpnOffer.of(context.config().alpnProtocols()));
        }
        if (highest != ProtocolVersion.SSL_3_0) {
            extensions.add(new ExtendedMasterSecret());
        }
        if (suites.stream().anyMatch(s -> s.cipher().isCbc()) && highest != ProtocolVersion.SSL_3_0) {
            extensions.add(new EncryptThenMac());
        }
        if (context.config().requestOcspStapling() && highest != ProtocolVersion.SSL_3_0) {
            extensions.add(OcspStatusRequest.any());
        }
        if (highest != ProtocolVersion.SSL_3_0) {
            if (context.config().recordSizeLimit() > 0) {
                extensions.add(new RecordSizeLimit(
                        Versions.advertisedRecordSizeLimit(context.config().recordSizeLimit(), offersTls13)));
            }
            if (context.config().maxFragmentLength() > 0) {
                extensions.add(new MaxFragmentLength(Integer.numberOfTrailingZeros(context.config().maxFragmentLength()) - 8));
            }
        }
        // RFC 5746 §3.4/§3.5: empty on the initial handshake, the last client Finished when renegotiating.
        extensions.add(new RenegotiationInfo(context.renegotiating ? Opaque.of(context.clientVerifyData) : Opaque.empty()));
        byte[] sessionId = offerSession(context, versions, suites, extensions);
        if (offersTls13 && sessionId.length == 0) {
            // RFC 8446 Appendix D.4: middlebox-compatibility mode sends a non-empty legacy_session_id.
            sessionId = new byte[32];
            context.config().random().nextBytes(sessionId);
        }

        List<Integer> suiteCodes = new ArrayList<>(suites.stream().map(CipherSuite::code).toList());
        if (context.config().sendFallbackScsv()) {
            suiteCodes.add(SignalingCipherSuiteValue.TLS_FALLBACK_SCSV.code());
        }
        int legacyVersion = Math.min(highest.code(), ProtocolVersion.TLS_1_2.code());
        if (offersTls13 && (context.offeredPsk != null || context.config().externalPsk() != null)) {
            if (context.offeredPsk != null && context.config().earlyData() && context.offeredPsk.maxEarlyDataSize() > 0) {
                // RFC 8446 §4.2.10: 0-RTT data under the PSK's keys, sent right after the ClientHello.
                extensions.add(new EarlyDataIndication());
                context.earlyDataOffered = true;
                context.earlyDataRemaining = context.offeredPsk.maxEarlyDataSize();
            }
            Tls13Client.addPskOffer(context, extensions);
        } else if (offersTls13 && context.config().sessionTickets()) {
            // RFC 8446 §4.2.9: a server sends tickets only for the PSK modes the client listed; without
            // this extension a strict server (SunJSSE) sends none and nothing can be resumed.
            extensions.add(Tls13Client.pskKeyExchangeModes(context));
        }
        ClientHello hello = new ClientHello(legacyVersion, Opaque.of(context.clientRandom), Opaque.of(sessionId),
                suiteCodes, List.of(ClientHello.NULL_COMPRESSION), new Extensions(extensions));
        if (offersTls13 && (context.offeredPsk != null || context.offeredExternalPsk != null)) {
            hello = Tls13Client.withBinder(context, hello);
        }
        context.clientHello = hello;
        context.offeredVersions = versions;
        if (!context.renegotiating) {
            // Many servers reject a first record newer than TLS 1.0; the ClientHello says the rest.
            context.records().setWriteVersion(Math.min(ProtocolVersion.TLS_1_0.code(), highest.code()));
        }
        hello = asSent(hello, context.send(hello));
        context.clientHello = hello;
        context.records().flushHandshake();
        if (context.earlyDataOffered) {
            Tls13Client.startEarlyData(context);
        }
        return new ExpectServerHello(hello);
    }

    /**
     * The ClientHello that was actually sent: when a {@link org.jtls.handshake.HandshakeInterceptor}
     * replaced ours with another well-formed ClientHello, that one (it is what the server answers and
     * what our transcript holds), so the ServerHello is checked against what the server saw. A
     * replacement that is not a decodable ClientHello leaves ours in place.
     */
    private static ClientHello asSent(ClientHello built, HandshakeMessage sent) {
        if (sent.type() != HandshakeType.CLIENT_HELLO.code()
                || java.util.Arrays.equals(sent.body(), built.toHandshakeMessage().body())) {
            return built;
        }
        try {
            return Messages.decode(sent, ClientHello::decode);
        } catch (TlsAlertException e) {
            return built;
        }
    }

    /**
     * Picks a cached or configured session to resume and adds what offering it takes: its session id,
     * or its ticket in session_ticket with a fresh random session id so the server's echo can be
     * recognised (RFC 5077 §3.4). Returns the session id to send.
     */
    private static byte[] offerSession(HandshakeContext context, List<ProtocolVersion> versions,
            List<CipherSuite> suites, List<Extension> extensions) {
        Session session = context.config().resumptionSession();
        if (session == null && context.config().sessionCache() != null && context.serverName != null) {
            session = context.config().sessionCache().get(sessionCacheKey(context)).orElse(null);
        }
        if (session != null && session.version() == ProtocolVersion.TLS_1_3) {
            // TLS 1.3 resumption travels in pre_shared_key (added last, see Tls13Client).
            Session ticket = session;
            boolean alive = ticket.created().plusSeconds(ticket.ticketLifetimeSeconds())
                    .isAfter(context.config().clock().instant());
            boolean sameName = ticket.serverName().equals(context.serverName == null ? "" : context.serverName);
            if (alive && sameName && versions.contains(ProtocolVersion.TLS_1_3) && !context.renegotiating
                    && suites.stream().anyMatch(s -> s.isTls13() && s.prfHash() == ticket.cipherSuite().prfHash())) {
                context.offeredPsk = ticket;
            }
            session = null;
        }
        if (session != null && !resumable(context, session, versions, suites)) {
            session = null;
        }
        byte[] sessionId = new byte[0];
        byte[] ticket = new byte[0];
        if (session != null && session.hasTicket() && context.config().sessionTickets()) {
            ticket = session.ticket();
            sessionId = new byte[32];
            context.config().random().nextBytes(sessionId);
        } else if (session != null && session.sessionId().length > 0) {
            sessionId = session.sessionId();
        } else {
            session = null;
        }
        if (context.config().sessionTickets() && versions.get(0) != ProtocolVersion.SSL_3_0) {
            extensions.add(new SessionTicket(Opaque.of(ticket)));
        }
        context.offeredSession = session;
        context.offeredSessionId = sessionId;
        return sessionId;
    }

    private static boolean resumable(HandshakeContext context, Session session, List<ProtocolVersion> versions,
            List<CipherSuite> suites) {
        boolean sameName = session.serverName().equals(context.serverName == null ? "" : context.serverName);
        // RFC 7627 §5.3: never resume a session made without the extended master secret unless allowed.
        boolean emsOk = session.extendedMasterSecret() || !context.config().requireExtendedMasterSecret();
        return sameName && emsOk && versions.contains(session.version()) && suites.contains(session.cipherSuite());
    }

    /** Clients cache sessions under "host:port" (the port when known). */
    public static String sessionCacheKey(HandshakeContext context) {
        return context.serverPort >= 0 ? context.serverName + ":" + context.serverPort : context.serverName;
    }

    /** RFC 6066 §8: the stapled OCSP response, right after the Certificate when status_request was acknowledged. */
    static boolean acceptCertificateStatus(HandshakeContext context, HandshakeMessage message) throws TlsException {
        if (message.type() != HandshakeType.CERTIFICATE_STATUS.code() || !context.ocspExpected
                || context.stapledOcspResponse != null) {
            return false;
        }
        CertificateStatus status = Messages.decode(message, CertificateStatus::decode);
        context.stapledOcspResponse = status.ocspResponse().toByteArray();
        context.transcript().add(message);
        return true;
    }

    static List<NamedGroup> groupsBeforeTls13(HandshakeContext context) {
        return context.config().groups().stream().filter(NamedGroup::usableBeforeTls13).toList();
    }

    private static TlsAlertException alert(AlertDescription description, String reason) {
        return TlsAlertException.local(description, reason);
    }

    /** RFC 5246 §7.4.1.3. */
    static final class ExpectServerHello implements HandshakeState {
        private final ClientHello hello;

        ExpectServerHello(ClientHello hello) {
            this.hello = hello;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            ServerHello serverHello = Messages.decode(message, ServerHello::decode);
            boolean supportedVersions = serverHello.extensions().find(SupportedVersionSelection.class).isPresent();
            if (supportedVersions) {
                // RFC 8446 §4.2.1: supported_versions may only select TLS 1.3, and only if offered.
                if (serverHello.selectedVersionCode() != ProtocolVersion.TLS_1_3.code()
                        || !context.offeredVersions.contains(ProtocolVersion.TLS_1_3) || context.renegotiating) {
                    throw alert(AlertDescription.ILLEGAL_PARAMETER, String.format(
                            "supported_versions selected 0x%04x", serverHello.selectedVersionCode()));
                }
                return Tls13Client.onServerHello(context, serverHello, message);
            }
            if (serverHello.isHelloRetryRequest()) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest without supported_versions");
            }
            ProtocolVersion previous = context.renegotiating ? context.version : null;
            ProtocolVersion version = ProtocolVersion.fromCode(serverHello.selectedVersionCode())
                    .filter(context.offeredVersions::contains)
                    .filter(chosen -> previous == null || chosen == previous)
                    .orElseThrow(() -> alert(AlertDescription.PROTOCOL_VERSION, String.format(
                            "server chose version 0x%04x, which was not offered", serverHello.selectedVersionCode())));
            checkDowngradeSentinel(context, serverHello, version);
            CipherSuite suite = serverHello.knownCipherSuite()
                    .filter(hello::offers)
                    .filter(s -> s.supports(version))
                    .orElseThrow(() -> alert(AlertDescription.ILLEGAL_PARAMETER, String.format(
                            "server chose cipher suite 0x%04x, which was not offered for %s",
                            serverHello.cipherSuite(), version.displayName())));
            if (serverHello.legacyCompressionMethod() != ClientHello.NULL_COMPRESSION) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "server chose a compression method that was not offered");
            }
            context.version = version;
            context.cipherSuite = suite;
            context.serverRandom = serverHello.random().toByteArray();
            context.sessionId = serverHello.legacySessionIdEcho().toByteArray();
            processExtensions(context, serverHello.extensions());
            context.transcript().add(message);
            context.records().setWriteVersion(version.code());
            context.records().setExpectedReadVersion(version.code());
            Session offered = context.offeredSession;
            boolean resumed = offered != null && context.sessionId.length > 0
                    && Arrays.equals(context.sessionId, context.offeredSessionId);
            if (!resumed) {
                return new ExpectCertificate();
            }
            // RFC 5246 §7.4.1.3: a resumed session keeps its version and suite.
            if (offered.version() != version || offered.cipherSuite() != suite) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        "server resumed the session with another version or cipher suite");
            }
            // RFC 7627 §5.3: the extended master secret must be used exactly when the session used it.
            if (offered.extendedMasterSecret() != context.extendedMasterSecret) {
                throw alert(AlertDescription.HANDSHAKE_FAILURE,
                        "server resumed a session with a different extended_master_secret setting");
            }
            context.resumed = true;
            context.masterSecret = offered.masterSecret();
            context.peerCertificates = offered.peerCertificates();
            context.logSecret("CLIENT_RANDOM", context.masterSecret);
            return new ExpectChangeCipherSpec();
        }

        /** RFC 8446 §4.1.3: a server that could do better but settled lower marks its random. */
        private static void checkDowngradeSentinel(HandshakeContext context, ServerHello serverHello,
                ProtocolVersion version) throws TlsAlertException {
            ProtocolVersion highest = context.offeredVersions.get(0);
            if (highest == ProtocolVersion.TLS_1_3 && version == ProtocolVersion.TLS_1_2
                    && serverHello.signalsDowngradeToTls12()) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        "server random carries the TLS 1.2 downgrade sentinel: the connection was downgraded");
            }
            if (highest.isAtLeast(ProtocolVersion.TLS_1_2) && version.isBefore(ProtocolVersion.TLS_1_2)
                    && serverHello.signalsDowngradeToTls11OrBelow()) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        "server random carries the TLS 1.1 downgrade sentinel: the connection was downgraded");
            }
        }

        /** RFC 5246 §7.4.1.4: the server may only answer extensions the client sent. */
        private void processExtensions(HandshakeContext context, Extensions extensions) throws TlsAlertException {
            for (Extension extension : extensions.entries()) {
                if (!hello.extensions().findCode(extension.typeCode()).isPresent()) {
                    throw alert(AlertDescription.UNSUPPORTED_EXTENSION,
                            "server sent extension " + extension.typeCode() + " that the client did not offer");
                }
                if (extension instanceof ExtendedMasterSecret) {
                    context.extendedMasterSecret = true;
                } else if (extension instanceof RenegotiationInfo info) {
                    // RFC 5746 §3.4: empty on an initial handshake; §3.5: when renegotiating, the
                    // previous client and server verify_data, proving both saw the same handshake.
                    byte[] expected = context.renegotiating
                            ? concat(context.clientVerifyData, context.serverVerifyData) : new byte[0];
                    if (!ConstantTime.equals(expected, info.renegotiatedConnection().toByteArray())) {
                        throw alert(AlertDescription.HANDSHAKE_FAILURE,
                                "renegotiation_info does not match the previous handshake (RFC 5746)");
                    }
                    context.secureRenegotiation = true;
                } else if (extension instanceof EncryptThenMac) {
                    context.encryptThenMac = context.cipherSuite.cipher().isCbc();
                } else if (extension instanceof RecordSizeLimit limit) {
                    if (extensions.find(MaxFragmentLength.class).isPresent()) {
                        // RFC 8449 §5: a server never answers both.
                        throw alert(AlertDescription.ILLEGAL_PARAMETER,
                                "server sent both record_size_limit and max_fragment_length");
                    }
                    context.peerRecordSizeLimit = limit.limit();
                } else if (extension instanceof MaxFragmentLength length) {
                    // RFC 6066 §4: the server echoes the client's value or says nothing.
                    int offered = context.config().maxFragmentLength();
                    if (length.fragmentLength() != offered) {
                        throw alert(AlertDescription.ILLEGAL_PARAMETER, "server answered max_fragment_length "
                                + length.fragmentLength() + " to a request for " + offered);
                    }
                    // Both directions fragment to the negotiated length from now on.
                    context.records().setPlaintextLimits(offered, offered);
                } else if (extension instanceof EmptyStatusRequest) {
                    // RFC 6066 §8: a CertificateStatus may follow the Certificate.
                    context.ocspExpected = true;
                } else if (extension instanceof SessionTicket) {
                    // RFC 5077 §3.2: the server will send a NewSessionTicket before its ChangeCipherSpec.
                    context.ticketExpected = true;
                } else if (extension instanceof AlpnSelection selection) {
                    String protocol = new String(selection.protocolName().toByteArray(), StandardCharsets.UTF_8);
                    if (!context.config().alpnProtocols().contains(protocol)) {
                        throw alert(AlertDescription.ILLEGAL_PARAMETER,
                                "server selected ALPN protocol '" + protocol + "', which was not offered");
                    }
                    context.applicationProtocol = protocol;
                }
                // server_name acknowledgement and ec_point_formats carry nothing the client acts on.
            }
            if (context.renegotiating && context.secureRenegotiation
                    && extensions.find(RenegotiationInfo.class).isEmpty()) {
                throw alert(AlertDescription.HANDSHAKE_FAILURE,
                        "renegotiating server left out renegotiation_info (RFC 5746 §3.5)");
            }
            if (context.version == ProtocolVersion.SSL_3_0) {
                context.extendedMasterSecret = false;
                context.encryptThenMac = false;
            } else if (!context.extendedMasterSecret && context.config().requireExtendedMasterSecret()) {
                // RFC 7627 §5.2: a client unwilling to talk to legacy servers aborts the handshake.
                throw alert(AlertDescription.HANDSHAKE_FAILURE,
                        "server did not negotiate extended_master_secret (RFC 7627), which the configuration requires");
            }
        }
    }

    /** RFC 5246 §7.4.2: the server's chain. */
    static final class ExpectCertificate implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CERTIFICATE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            Certificate certificate = Messages.decode(message, Certificate::decode);
            if (certificate.certificateList().isEmpty()) {
                throw alert(AlertDescription.BAD_CERTIFICATE, "server sent an empty certificate chain");
            }
            List<byte[]> chain = certificate.certificateList().stream().map(Opaque::toByteArray).toList();
            Tls12Support.PeerKey peerKey = Tls12Support.peerKey(chain.get(0));
            if (!Tls12Support.keyFitsSuite(peerKey.key(), context.cipherSuite)) {
                throw alert(AlertDescription.UNSUPPORTED_CERTIFICATE, "server certificate holds a "
                        + peerKey.key().algorithm() + " key, which cannot authenticate " + context.cipherSuite.ianaName());
            }
            // The chain is judged at ServerHelloDone, when any stapled OCSP response is in too;
            // nothing is sent or trusted before then except the key's use for the signature check.
            context.peerCertificates = chain;
            context.transcript().add(message);
            return context.cipherSuite.keyExchange() == CipherSuite.KeyExchange.RSA
                    ? new ExpectCertificateRequestOrDone(peerKey, null)
                    : new ExpectServerKeyExchange(peerKey);
        }
    }

    /** RFC 5246 §7.4.3 (ECDHE: RFC 8422 §5.4). */
    static final class ExpectServerKeyExchange implements HandshakeState {
        static final int MAXIMUM_DH_BITS = 8192;
        private final Tls12Support.PeerKey peerKey;

        ExpectServerKeyExchange(Tls12Support.PeerKey peerKey) {
            this.peerKey = peerKey;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (acceptCertificateStatus(context, message)) {
                return this;
            }
            if (message.type() != HandshakeType.SERVER_KEY_EXCHANGE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            PendingKeyExchange pending;
            byte[] params;
            DigitallySigned signature;
            if (context.cipherSuite.keyExchange() == CipherSuite.KeyExchange.ECDHE) {
                ServerKeyExchangeEcdhe ecdhe = Messages.decode(message, body -> ServerKeyExchangeEcdhe.decode(body, context.version));
                // RFC 8422 §5.4: an elliptic curve; the ffdhe groups we offer are for DHE suites only.
                NamedGroup group = ecdhe.namedGroup()
                        .filter(g -> g.kind() == NamedGroup.Kind.ECDHE || g.kind() == NamedGroup.Kind.XDH)
                        .filter(groupsBeforeTls13(context)::contains)
                        .orElseThrow(() -> alert(AlertDescription.ILLEGAL_PARAMETER,
                                "server chose group " + ecdhe.namedGroupCode() + ", which was not offered as a curve"));
                context.group = group;
                pending = new PendingKeyExchange(context.crypto().keyExchange(group), ecdhe.publicPoint().toByteArray(),
                        false);
                params = Messages.encode(ecdhe::encodeParams);
                signature = ecdhe.signature();
            } else {
                ServerKeyExchangeDhe dhe = Messages.decode(message, body -> ServerKeyExchangeDhe.decode(body, context.version));
                FiniteFieldGroup group = finiteFieldGroup(context, dhe);
                pending = new PendingKeyExchange(context.crypto().finiteFieldKeyExchange(group),
                        dhe.dhYs().toByteArray(), true);
                params = Messages.encode(dhe::encodeParams);
                signature = dhe.signature();
            }
            verifySignature(context, Tls12Support.signedParams(context, params), signature);
            context.transcript().add(message);
            return new ExpectCertificateRequestOrDone(peerKey, pending);
        }

        private FiniteFieldGroup finiteFieldGroup(HandshakeContext context, ServerKeyExchangeDhe dhe)
                throws TlsAlertException {
            BigInteger prime = new BigInteger(1, dhe.dhP().toByteArray());
            BigInteger generator = new BigInteger(1, dhe.dhG().toByteArray());
            // Logjam (RFC 7457 §2.8): refuse groups below the configured floor.
            if (prime.bitLength() < context.config().minimumDhBits()) {
                throw alert(AlertDescription.INSUFFICIENT_SECURITY, "server's DH group has " + prime.bitLength()
                        + " bits; at least " + context.config().minimumDhBits() + " are required");
            }
            // The cost of DH grows with the square of p and more: a hostile server's 2^16-byte prime
            // would take minutes. The largest group anyone standardised is ffdhe8192 (RFC 7919).
            if (prime.bitLength() > MAXIMUM_DH_BITS) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "server's DH group has " + prime.bitLength()
                        + " bits; at most " + MAXIMUM_DH_BITS + " are accepted");
            }
            if (!prime.testBit(0) || generator.compareTo(BigInteger.ONE) <= 0
                    || generator.compareTo(prime.subtract(BigInteger.ONE)) >= 0) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "server's DH parameters are malformed");
            }
            for (NamedGroup named : NamedGroup.values()) {
                Optional<FiniteFieldGroup> known = named.finiteFieldGroup();
                if (known.isPresent() && known.get().prime().equals(prime) && known.get().generator().equals(generator)) {
                    context.group = named;
                    return known.get();
                }
            }
            return FiniteFieldGroup.custom(prime, generator);
        }

        private void verifySignature(HandshakeContext context, byte[] signed, DigitallySigned signature)
                throws TlsAlertException {
            SignatureAlgorithm algorithm;
            if (context.version == ProtocolVersion.TLS_1_2) {
                SignatureScheme scheme = signature.scheme()
                        .filter(context.config().signatureSchemes()::contains)
                        .filter(s -> Tls12Support.schemeFitsKey(s, peerKey.key(), peerKey.pssOnly()))
                        .orElseThrow(() -> alert(AlertDescription.ILLEGAL_PARAMETER,
                                "server signed with scheme " + signature.schemeCode()
                                        + ", which was not offered or does not fit its key"));
                context.peerSignatureScheme = scheme;
                algorithm = scheme.algorithm();
            } else {
                algorithm = Tls12Support.legacyAlgorithm(peerKey.key());
            }
            boolean valid = context.crypto().verifier(algorithm, peerKey.key())
                    .verify(signed, signature.signature().toByteArray());
            if (!valid) {
                throw alert(AlertDescription.DECRYPT_ERROR, "ServerKeyExchange signature does not verify");
            }
        }
    }

    /** The server's ephemeral value, waiting for ClientKeyExchange. */
    record PendingKeyExchange(KeyExchange exchange, byte[] serverValue, boolean finiteField) {
    }

    /** RFC 5246 §7.4.4–7.4.5. */
    static final class ExpectCertificateRequestOrDone implements HandshakeState {
        private final Tls12Support.PeerKey peerKey;
        private final PendingKeyExchange pending;
        private CertificateRequest request;

        ExpectCertificateRequestOrDone(Tls12Support.PeerKey peerKey, PendingKeyExchange pending) {
            this.peerKey = peerKey;
            this.pending = pending;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (pending == null && request == null && acceptCertificateStatus(context, message)) {
                return this;
            }
            if (message.type() == HandshakeType.CERTIFICATE_REQUEST.code() && request == null) {
                request = Messages.decode(message, body -> CertificateRequest.decode(body, context.version));
                context.transcript().add(message);
                return this;
            }
            if (message.type() != HandshakeType.SERVER_HELLO_DONE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            Messages.decode(message, ServerHelloDone::decode);
            context.transcript().add(message);
            List<String> problems = context.config().peerVerifier().verify(context.peerCertificates,
                    context.serverName, Role.SERVER, context.stapledOcspResponse);
            if (!problems.isEmpty()) {
                throw alert(AlertDescription.BAD_CERTIFICATE,
                        "server certificate rejected: " + String.join("; ", problems));
            }
            return sendClientFlight(context);
        }

        private HandshakeState sendClientFlight(HandshakeContext context) throws TlsException {
            CertifiedKey clientKey = null;
            SignatureScheme clientScheme = null;
            if (request != null) {
                if (context.version == ProtocolVersion.SSL_3_0) {
                    // RFC 6101 §5.6.6: an RSA certificate if we have one the request accepts (jtls signs
                    // SSL 3.0's CertificateVerify with RSA only); otherwise a no_certificate warning.
                    for (CertifiedKey candidate : CertificateSignatures.preferIssuedBy(
                            context.config().certificates(), authorities(request))) {
                        if (candidate.publicKey() instanceof RsaPublicKey && !candidate.pssOnly()
                                && request.certificateTypes().contains(CertificateRequest.RSA_SIGN)) {
                            clientKey = candidate;
                            break;
                        }
                    }
                    if (clientKey != null) {
                        context.send(new Certificate(clientKey.chain().stream().map(Opaque::of).toList()));
                    } else {
                        context.records().flushHandshake();
                        context.records().writeAlert(AlertLevel.WARNING, AlertDescription.NO_CERTIFICATE);
                    }
                } else {
                    // RFC 5246 §7.4.4: a chain from one of the named certificate_authorities comes first.
                    for (CertifiedKey candidate : CertificateSignatures.preferIssuedBy(
                            context.config().certificates(), authorities(request))) {
                        Optional<SignatureScheme> scheme = clientSignature(context, candidate);
                        if (scheme != null && (context.version != ProtocolVersion.TLS_1_2 || scheme.isPresent())) {
                            clientKey = candidate;
                            clientScheme = scheme.orElse(null);
                            break;
                        }
                    }
                    List<Opaque> chain = clientKey == null ? List.of()
                            : clientKey.chain().stream().map(Opaque::of).toList();
                    context.send(new Certificate(chain));
                }
            }

            byte[] preMasterSecret = sendClientKeyExchange(context);
            Tls12Support.deriveMasterSecret(context, preMasterSecret);

            if (clientKey != null && context.version == ProtocolVersion.SSL_3_0) {
                // RFC 6101 §5.6.8: RSA over MD5 and SHA hashes of the handshake with the master secret and pads.
                byte[] signature;
                try {
                    signature = context.crypto().rsaSignPkcs1Raw((org.jtls.crypto.RsaPrivateKey) clientKey.privateKey(),
                            Tls12Support.ssl3CertificateVerifyHashes(context), context.config().random());
                } catch (org.jtls.crypto.CryptoException e) {
                    throw TlsAlertException.local(AlertDescription.INTERNAL_ERROR,
                            "could not sign the SSL 3.0 CertificateVerify: " + e.getMessage(), e);
                }
                context.send(new CertificateVerify(DigitallySigned.withoutScheme(Opaque.of(signature))));
            } else if (clientKey != null) {
                SignatureAlgorithm algorithm = clientScheme != null ? clientScheme.algorithm()
                        : Tls12Support.legacyAlgorithm(clientKey.publicKey());
                byte[] signature = context.crypto().signer(algorithm, clientKey.privateKey())
                        .sign(context.transcript().bytes(), context.config().random());
                DigitallySigned signed = clientScheme != null
                        ? DigitallySigned.withScheme(clientScheme.code(), Opaque.of(signature))
                        : DigitallySigned.withoutScheme(Opaque.of(signature));
                context.send(new CertificateVerify(signed));
            }
            context.sendChangeCipherSpec();
            context.records().installWriteProtection(Tls12Support.protection(context, true));
            Tls12Support.applyRecordSizeLimits(context);
            byte[] verifyData = Tls12Support.finishedVerifyData(context, true);
            context.clientVerifyData = verifyData;
            context.send(new Finished(Opaque.of(verifyData)));
            context.records().flushHandshake();
            return new ExpectChangeCipherSpec();
        }

        private static List<byte[]> authorities(CertificateRequest request) {
            return request.certificateAuthorities().stream().map(Opaque::toByteArray).toList();
        }

        /**
         * Whether our certified key answers the request: null if it does not fit the requested
         * types; otherwise the TLS 1.2 scheme to sign with (empty before TLS 1.2).
         */
        private Optional<SignatureScheme> clientSignature(HandshakeContext context, CertifiedKey candidate) {
            PublicKeyMaterial key = candidate.publicKey();
            boolean rsa = key instanceof RsaPublicKey;
            int wantedType = rsa ? CertificateRequest.RSA_SIGN : CertificateRequest.ECDSA_SIGN;
            if (!request.certificateTypes().contains(wantedType)) {
                return null;
            }
            if (context.version != ProtocolVersion.TLS_1_2) {
                return rsa || key instanceof org.jtls.crypto.EcPublicKey ? Optional.empty() : null;
            }
            List<Integer> serverSchemes = request.supportedSignatureAlgorithms().orElse(List.of());
            return Tls12Support.chooseScheme(context.config().signatureSchemes(), serverSchemes, key,
                    candidate.pssOnly());
        }

        /** RFC 5246 §7.4.7; returns the pre-master secret. */
        private byte[] sendClientKeyExchange(HandshakeContext context) throws TlsException {
            switch (context.cipherSuite.keyExchange()) {
                case ECDHE, DHE -> {
                    KeyExchange.Response response;
                    try {
                        response = pending.exchange().respond(pending.serverValue(), context.config().random());
                    } catch (InvalidKeyShareException e) {
                        throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                                "server's key-exchange value is invalid: " + e.getMessage(), e);
                    }
                    if (pending.finiteField()) {
                        context.send(new ClientKeyExchangeDhe(Opaque.of(response.publicValue())));
                        // RFC 5246 §8.1.2: leading zero bytes of Z are stripped.
                        return stripLeadingZeros(response.sharedSecret());
                    }
                    context.send(new ClientKeyExchangeEcdhe(Opaque.of(response.publicValue())));
                    return response.sharedSecret();
                }
                case RSA -> {
                    // RFC 5246 §7.4.7.1: client_version (the version offered) and 46 random bytes.
                    byte[] preMasterSecret = new byte[48];
                    context.config().random().nextBytes(preMasterSecret);
                    int offered = context.offeredVersions.get(0).code();
                    preMasterSecret[0] = (byte) (offered >>> 8);
                    preMasterSecret[1] = (byte) offered;
                    RsaPublicKey serverKey = (RsaPublicKey) peerKey.key();
                    // RFC 8017 §7.2.1: PKCS#1 v1.5 wraps the 48 bytes in at least 11 bytes of padding.
                    if (serverKey.modulusLength() < preMasterSecret.length + 11) {
                        throw alert(AlertDescription.BAD_CERTIFICATE, "server's " + serverKey.bitLength()
                                + "-bit RSA key is too short to carry the pre-master secret");
                    }
                    byte[] encrypted;
                    try {
                        encrypted = context.crypto().rsaEncryptPkcs1(serverKey, preMasterSecret,
                                context.config().random());
                    } catch (CryptoException e) {
                        throw TlsAlertException.local(AlertDescription.BAD_CERTIFICATE,
                                "server's RSA key cannot encrypt: " + e.getMessage(), e);
                    }
                    context.send(new ClientKeyExchangeRsa(Opaque.of(encrypted), context.version));
                    return preMasterSecret;
                }
                default -> throw new IllegalStateException("TLS 1.3 suite in a TLS 1.2 handshake");
            }
        }
    }

    /** Stores the session for later resumption, with the ticket if the server sent one. */
    private static void rememberSession(HandshakeContext context) {
        byte[] ticket = context.receivedTicket != null ? context.receivedTicket
                : context.resumed && context.offeredSession.hasTicket() ? context.offeredSession.ticket() : new byte[0];
        long lifetime = context.receivedTicket != null ? context.receivedTicketLifetime : 0;
        Session session = new Session(context.version, context.cipherSuite, context.masterSecret,
                context.resumed && context.offeredSession.hasTicket() ? new byte[0] : context.sessionId, ticket,
                lifetime, context.extendedMasterSecret, context.peerCertificates, context.serverName,
                context.config().clock().instant(), 0, 0);
        context.establishedSession = session;
        if (context.config().sessionCache() != null && context.serverName != null
                && (session.hasTicket() || session.sessionId().length > 0)) {
            context.config().sessionCache().put(sessionCacheKey(context), session);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    static byte[] stripLeadingZeros(byte[] secret) {
        int start = 0;
        while (start < secret.length - 1 && secret[start] == 0) {
            start++;
        }
        return Arrays.copyOfRange(secret, start, secret.length);
    }

    /** RFC 5246 §7.1 (with RFC 5077 §3.3: a promised NewSessionTicket comes first). */
    static final class ExpectChangeCipherSpec implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() == HandshakeType.NEW_SESSION_TICKET.code() && context.ticketExpected
                    && context.receivedTicket == null) {
                NewSessionTicket ticket = Messages.decode(message, NewSessionTicket::decode);
                context.receivedTicket = ticket.ticket().toByteArray();
                context.receivedTicketLifetime = ticket.ticketLifetimeHint();
                context.transcript().add(message);
                if (context.receivedTicket.length > 0) {
                    context.event(new org.jtls.handshake.TlsEvent.SessionTicketReceived(ticket.ticketLifetimeHint()));
                }
                return this;
            }
            throw HandshakeState.unexpected(this, message);
        }

        @Override
        public HandshakeState handleChangeCipherSpec(HandshakeContext context) throws TlsException {
            if (context.ticketExpected && context.receivedTicket == null) {
                throw alert(AlertDescription.UNEXPECTED_MESSAGE,
                        "ChangeCipherSpec before the NewSessionTicket the server promised (RFC 5077 §3.3)");
            }
            context.records().installReadProtection(Tls12Support.protection(context, false));
            return new ExpectFinished();
        }
    }

    /** RFC 5246 §7.4.9. */
    static final class ExpectFinished implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.FINISHED.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            Finished finished = Messages.decode(message,
                    body -> Finished.decode(body, Tls12Support.verifyDataLength(context.version)));
            byte[] expected = Tls12Support.finishedVerifyData(context, false);
            if (!ConstantTime.equals(expected, finished.verifyData().toByteArray())) {
                throw alert(AlertDescription.DECRYPT_ERROR, "server Finished does not match the handshake");
            }
            context.serverVerifyData = expected;
            context.transcript().add(message);
            if (context.resumed) {
                // Abbreviated handshake (RFC 5246 §7.3): the client's Finished comes second.
                context.sendChangeCipherSpec();
                context.records().installWriteProtection(Tls12Support.protection(context, true));
                Tls12Support.applyRecordSizeLimits(context);
                byte[] verifyData = Tls12Support.finishedVerifyData(context, true);
                context.clientVerifyData = verifyData;
                context.send(new Finished(Opaque.of(verifyData)));
                context.records().flushHandshake();
            }
            rememberSession(context);
            context.complete();
            return new org.jtls.handshake.tls12.Tls12Connected();
        }
    }

}
