package org.jtls.handshake.tls13.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertificateSignatures;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.Role;
import org.jtls.handshake.Session;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.core.HandshakeState;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.CertificateEntry;
import org.jtls.handshake.message.CertificateRequestTls13;
import org.jtls.handshake.message.CertificateTls13;
import org.jtls.handshake.message.CertificateVerify;
import org.jtls.handshake.message.ClientHello;
import org.jtls.handshake.message.DigitallySigned;
import org.jtls.handshake.message.EncryptedExtensions;
import org.jtls.handshake.message.Finished;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.handshake.message.Opaque;
import org.jtls.handshake.message.ServerHello;
import org.jtls.handshake.message.extension.AlpnSelection;
import org.jtls.handshake.message.extension.EarlyDataIndication;
import org.jtls.handshake.message.extension.Extension;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.KeyShareClientHello;
import org.jtls.handshake.message.extension.KeyShareEntry;
import org.jtls.handshake.message.extension.KeyShareHelloRetryRequest;
import org.jtls.handshake.message.extension.KeyShareServerHello;
import org.jtls.handshake.message.extension.OcspStatusRequest;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.PskIdentity;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.handshake.message.extension.ServerNameAck;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SignatureAlgorithmsCert;
import org.jtls.handshake.message.extension.StapledOcspResponse;
import org.jtls.handshake.message.extension.SupportedGroups;
import org.jtls.handshake.message.extension.SupportedVersionSelection;
import org.jtls.handshake.tls12.Tls12Support;
import org.jtls.handshake.tls13.Tls13Connected;
import org.jtls.handshake.tls13.Tls13Support;
import org.jtls.handshake.tls13.Tls13Tickets;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * The server side of the TLS 1.3 handshake (RFC 8446 §2), once the ClientHello selected TLS 1.3:
 * <pre>
 * ← ClientHello
 * ServerHello (or HelloRetryRequest → ← ClientHello) {EncryptedExtensions} {CertificateRequest*}
 * {Certificate} {CertificateVerify} {Finished} →
 * ← {Certificate*} {CertificateVerify*} {Finished}
 * </pre>
 */
public final class Tls13Server {
    private Tls13Server() {
    }

    private static TlsAlertException alert(AlertDescription description, String reason) {
        return TlsAlertException.local(description, reason);
    }

    /** What the server chose from the ClientHello. */
    private record Choice(CipherSuite suite, NamedGroup group, KeyShareEntry clientShare, CertifiedKey key,
            SignatureScheme scheme) {
    }

    /** RFC 8446 §4.1.2: a ClientHello that selected TLS 1.3 (already in the transcript). */
    public static HandshakeState onClientHello(HandshakeContext context, ClientHello hello) throws TlsException {
        return respond(context, hello, null);
    }

    private static HandshakeState respond(HandshakeContext context, ClientHello hello, NamedGroup retriedGroup)
            throws TlsException {
        context.version = ProtocolVersion.TLS_1_3;
        context.clientHello = hello;
        // extended_master_secret and renegotiation_info are TLS <= 1.2 matters (RFC 8446 §4.2, D):
        // the ClientHello may offer them for a TLS 1.2 fallback, but a TLS 1.3 session has neither,
        // as the client's view of it says.
        context.extendedMasterSecret = false;
        context.secureRenegotiation = false;
        if (!hello.legacyCompressionMethods().equals(List.of(ClientHello.NULL_COMPRESSION))) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.3 ClientHello must offer only null compression");
        }
        context.records().setExpectedReadVersion(-1);
        context.records().setWriteVersion(ProtocolVersion.TLS_1_2.code());
        Extensions offered = hello.extensions();
        if (pskMode(context, offered) == TlsConfig.PskKeyExchangeMode.PSK_KE) {
            // RFC 8446 §4.2.9: psk_ke needs no key share (any the client sent is ignored), so no
            // HelloRetryRequest either; without a usable PSK it is a full handshake below.
            CipherSuite suite = chooseSuite(context, hello);
            if (context.helloRetried && suite != context.cipherSuite) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello no longer offers the chosen suite");
            }
            context.cipherSuite = suite;
            AcceptedPsk resumed = acceptPsk(context, hello, offered, suite);
            if (resumed != null) {
                return sendServerFlight(context, hello, offered, new Choice(suite, null, null, null, null), resumed);
            }
        }
        List<Integer> clientSchemes = offered.find(SignatureAlgorithms.class).map(SignatureAlgorithms::schemeCodes)
                .orElseThrow(() -> alert(AlertDescription.MISSING_EXTENSION,
                        "TLS 1.3 ClientHello without signature_algorithms (RFC 8446 §9.2)"));
        List<NamedGroup> clientGroups = offered.find(SupportedGroups.class).map(SupportedGroups::knownGroups)
                .orElseThrow(() -> alert(AlertDescription.MISSING_EXTENSION,
                        "TLS 1.3 ClientHello without supported_groups (RFC 8446 §9.2)"));
        List<KeyShareEntry> shares = offered.find(KeyShareClientHello.class).map(KeyShareClientHello::clientShares)
                .orElseThrow(() -> alert(AlertDescription.MISSING_EXTENSION,
                        "TLS 1.3 ClientHello without key_share (RFC 8446 §9.2)"));
        CipherSuite suite = chooseSuite(context, hello);
        if (context.helloRetried && suite != context.cipherSuite) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "second ClientHello no longer offers the chosen suite");
        }
        context.cipherSuite = suite;

        KeyShareEntry share = null;
        NamedGroup group = null;
        for (NamedGroup candidate : context.config().groups()) {
            Optional<KeyShareEntry> match = shares.stream()
                    .filter(entry -> entry.group().filter(candidate::equals).isPresent()).findFirst();
            if (match.isPresent() && clientGroups.contains(candidate)) {
                share = match.get();
                group = candidate;
                break;
            }
        }
        if (retriedGroup != null && group != retriedGroup) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER,
                    "second ClientHello has no key share for " + retriedGroup.ianaName() + " (RFC 8446 §4.1.2)");
        }
        if (group == null) {
            NamedGroup common = context.config().groups().stream().filter(clientGroups::contains).findFirst()
                    .orElseThrow(() -> alert(AlertDescription.HANDSHAKE_FAILURE, "no key-exchange group in common"));
            if (context.helloRetried) {
                throw alert(AlertDescription.HANDSHAKE_FAILURE, "no usable key share after a HelloRetryRequest");
            }
            if (offered.find(EarlyDataIndication.class).isPresent()) {
                // RFC 8446 §4.2.10: a HelloRetryRequest rejects 0-RTT; its records are skipped.
                context.records().skipRejectedEarlyData(earlyDataSkipBudget(context));
            }
            return helloRetryRequest(context, hello, common);
        }
        AcceptedPsk resumed = pskMode(context, offered) == TlsConfig.PskKeyExchangeMode.PSK_DHE_KE
                ? acceptPsk(context, hello, offered, suite) : null;
        if (resumed != null) {
            return sendServerFlight(context, hello, offered, new Choice(suite, group, share, null, null), resumed);
        }
        Choice choice = chooseCertificate(context, clientSchemes, suite, group, share);
        return sendServerFlight(context, hello, offered, choice, null);
    }

    /**
     * RFC 8446 §4.2.9: the PSK key exchange mode for a ClientHello offering a PSK — psk_dhe_ke when
     * both sides allow it (it keeps forward secrecy), else psk_ke when both allow that, else none
     * (null: a full handshake). A pre_shared_key without psk_key_exchange_modes is refused.
     */
    private static TlsConfig.PskKeyExchangeMode pskMode(HandshakeContext context, Extensions offered)
            throws TlsAlertException {
        if (offered.find(PreSharedKeyOffer.class).isEmpty()
                || context.config().ticketKeys() == null && context.config().externalPskLookup() == null) {
            return null;
        }
        PskKeyExchangeModes modes = offered.find(PskKeyExchangeModes.class).orElseThrow(() -> alert(
                AlertDescription.MISSING_EXTENSION, "pre_shared_key without psk_key_exchange_modes (RFC 8446 §4.2.9)"));
        List<TlsConfig.PskKeyExchangeMode> ours = context.config().pskKeyExchangeModes();
        if (modes.allowsPskDheKe() && ours.contains(TlsConfig.PskKeyExchangeMode.PSK_DHE_KE)) {
            return TlsConfig.PskKeyExchangeMode.PSK_DHE_KE;
        }
        if (modes.allowsPskKe() && ours.contains(TlsConfig.PskKeyExchangeMode.PSK_KE)) {
            return TlsConfig.PskKeyExchangeMode.PSK_KE;
        }
        return null;
    }

    /**
     * The PSK the server selected: its secret, its index among the offered identities, and the
     * ticket's session (null for an external PSK).
     */
    private record AcceptedPsk(byte[] secret, int index, Session ticket) {
    }

    /**
     * RFC 8446 §4.2.11: the first offered identity that is usable — one of our tickets (for the
     * chosen suite's hash, still alive, for the same server name), or an external PSK the configured
     * lookup knows, bound to the chosen suite's hash — provided its binder checks out (the caller has
     * chosen the key exchange mode). A wrong binder on the selected identity aborts with decrypt_error;
     * no usable identity means a full handshake.
     */
    private static AcceptedPsk acceptPsk(HandshakeContext context, ClientHello hello, Extensions offered,
            CipherSuite suite) throws TlsException {
        Optional<PreSharedKeyOffer> psk = offered.find(PreSharedKeyOffer.class);
        if (psk.isEmpty()) {
            return null;
        }
        List<PskIdentity> identities = psk.get().identities();
        for (int index = 0; index < identities.size(); index++) {
            byte[] identity = identities.get(index).identity().toByteArray();
            Optional<Session> session = context.config().ticketKeys() == null ? Optional.empty()
                    : context.config().ticketKeys().open(identity)
                    .flatMap(Tls13Server::decodeSession)
                    .filter(candidate -> candidate.version() == ProtocolVersion.TLS_1_3)
                    .filter(candidate -> candidate.cipherSuite().prfHash() == suite.prfHash())
                    .filter(candidate -> candidate.created().plusSeconds(candidate.ticketLifetimeSeconds())
                            .isAfter(context.config().clock().instant()))
                    .filter(candidate -> candidate.serverName().equals(context.serverName == null ? "" : context.serverName));
            if (session.isPresent()) {
                verifyBinder(context, hello, psk.get(), index, suite, session.get().masterSecret(), true);
                context.resumed = true;
                context.peerCertificates = session.get().peerCertificates();
                return new AcceptedPsk(session.get().masterSecret(), index, session.get());
            }
            if (context.config().externalPskLookup() != null) {
                Optional<org.jtls.handshake.ExternalPsk> external = context.config().externalPskLookup().apply(identity);
                if (external != null && external.isPresent() && external.get().hash() == suite.prfHash()
                        && external.get().hasIdentity(identity)) {
                    verifyBinder(context, hello, psk.get(), index, suite, external.get().secret(), false);
                    context.externalPskIdentity = identity;
                    return new AcceptedPsk(external.get().secret(), index, null);
                }
            }
        }
        return null;
    }

    /** RFC 8446 §4.2.11.2: the binder covers the transcript before this ClientHello and the hello up to its binders. */
    private static void verifyBinder(HandshakeContext context, ClientHello hello, PreSharedKeyOffer psk, int index,
            CipherSuite suite, byte[] secret, boolean resumption) throws TlsException {
        if (index >= psk.binders().size()) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "pre_shared_key with fewer binders than identities");
        }
        byte[] transcript = context.transcript().bytes();
        int helloLength = hello.toHandshakeMessage().encoded().length;
        byte[] partial = hello.truncatedForBinders();
        byte[] covered = java.util.Arrays.copyOf(transcript, transcript.length - helloLength + partial.length);
        System.arraycopy(partial, 0, covered, transcript.length - helloLength, partial.length);
        context.cipherSuite = suite;
        byte[] expected = Tls13Support.binder(context, secret, covered, resumption);
        if (!ConstantTime.equals(expected, psk.binders().get(index).toByteArray())) {
            throw alert(AlertDescription.DECRYPT_ERROR, "PSK binder does not verify (RFC 8446 §4.2.11.2)");
        }
    }

    private static Optional<Session> decodeSession(byte[] state) {
        try {
            return Optional.of(Session.decode(state));
        } catch (TlsAlertException e) {
            return Optional.empty();
        }
    }

    private static CipherSuite chooseSuite(HandshakeContext context, ClientHello hello) throws TlsAlertException {
        List<CipherSuite> ours = context.config().cipherSuites().stream().filter(CipherSuite::isTls13).toList();
        List<CipherSuite> order = context.config().serverCipherPreference() ? ours : hello.knownCipherSuites();
        org.jtls.crypto.HashAlgorithm pskHash = externalPskHash(context, hello);
        if (pskHash != null) {
            // RFC 9258 §4: an external PSK works only with suites of its hash; prefer those.
            Optional<CipherSuite> forPsk = order.stream().filter(CipherSuite::isTls13).filter(hello::offers)
                    .filter(ours::contains).filter(suite -> suite.prfHash() == pskHash).findFirst();
            if (forPsk.isPresent()) {
                return forPsk.get();
            }
        }
        return order.stream().filter(CipherSuite::isTls13).filter(hello::offers).filter(ours::contains).findFirst()
                .orElseThrow(() -> alert(AlertDescription.HANDSHAKE_FAILURE, "no TLS 1.3 cipher suite in common"));
    }

    /**
     * The hash of the external PSK the server would select, when the first offered identity it
     * recognises (for a PSK mode both allow) is an external PSK rather than one of its tickets; else null.
     */
    private static org.jtls.crypto.HashAlgorithm externalPskHash(HandshakeContext context, ClientHello hello)
            throws TlsAlertException {
        Optional<PreSharedKeyOffer> psk = hello.extensions().find(PreSharedKeyOffer.class);
        if (psk.isEmpty() || context.config().externalPskLookup() == null
                || pskMode(context, hello.extensions()) == null) {
            return null;
        }
        for (PskIdentity offered : psk.get().identities()) {
            byte[] identity = offered.identity().toByteArray();
            if (context.config().ticketKeys() != null && context.config().ticketKeys().open(identity).isPresent()) {
                return null;
            }
            Optional<org.jtls.handshake.ExternalPsk> external = context.config().externalPskLookup().apply(identity);
            if (external != null && external.isPresent() && external.get().hasIdentity(identity)) {
                return external.get().hash();
            }
        }
        return null;
    }

    private static Choice chooseCertificate(HandshakeContext context, List<Integer> clientSchemes, CipherSuite suite,
            NamedGroup group, KeyShareEntry share) throws TlsAlertException {
        List<CertifiedKey> candidates = context.config().certificateSelector().select(context.serverName);
        if ((candidates == null || candidates.isEmpty()) && context.config().externalPskLookup() != null
                && context.config().certificates().isEmpty()) {
            // A PSK-only server: no identity it knows (with a suite of its hash) and no certificate to fall back on.
            throw alert(AlertDescription.HANDSHAKE_FAILURE, "no known external PSK offered, and no certificate");
        }
        if (candidates == null || candidates.isEmpty()) {
            throw alert(AlertDescription.UNRECOGNIZED_NAME,
                    "no certificate for the requested server name '" + context.serverName + "'");
        }
        // RFC 8446 §4.2.3/§4.4.2.2: prefer chains signed with what signature_algorithms_cert (or else
        // signature_algorithms) lists; the others remain a fallback.
        List<Integer> certificateSchemes = context.clientHello.extensions().find(SignatureAlgorithmsCert.class)
                .map(SignatureAlgorithmsCert::schemeCodes).orElse(clientSchemes);
        candidates = CertificateSignatures.withoutUnadvertisedSha1(
                CertificateSignatures.preferSignedWith(candidates, certificateSchemes), certificateSchemes);
        // RFC 8446 §4.4.2.2: "the digitalSignature bit MUST be set if the Key Usage extension is present".
        candidates = candidates.stream()
                .filter(key -> CertificateSignatures.leafAllows(key, org.jtls.x509.cert.KeyUsage.Bit.DIGITAL_SIGNATURE))
                .toList();
        for (CertifiedKey key : candidates) {
            Optional<SignatureScheme> scheme = Tls13Support.chooseScheme(context.config().signatureSchemes(),
                    clientSchemes, key.publicKey(), key.pssOnly());
            if (scheme.isPresent()) {
                return new Choice(suite, group, share, key, scheme.get());
            }
        }
        throw alert(AlertDescription.HANDSHAKE_FAILURE,
                "no certificate can sign with a TLS 1.3 signature scheme the client offers");
    }

    /** RFC 8446 §4.1.4: ask for a key share in a group both sides support. */
    private static HandshakeState helloRetryRequest(HandshakeContext context, ClientHello hello, NamedGroup group)
            throws TlsException {
        context.helloRetried = true;
        Tls13Support.replaceFirstClientHello(context);
        ServerHello retry = new ServerHello(ProtocolVersion.TLS_1_2.code(), ServerHello.HELLO_RETRY_REQUEST_RANDOM,
                hello.legacySessionId(), context.cipherSuite.code(), ClientHello.NULL_COMPRESSION,
                Extensions.of(SupportedVersionSelection.of(ProtocolVersion.TLS_1_3), KeyShareHelloRetryRequest.of(group)));
        context.send(retry);
        if (!hello.legacySessionId().isEmpty()) {
            context.sendChangeCipherSpec(); // RFC 8446 Appendix D.4
        }
        context.records().flushHandshake();
        return new ExpectSecondClientHello(group, hello);
    }

    /** RFC 8446 §4.1.2: the ClientHello that answers our HelloRetryRequest. */
    static final class ExpectSecondClientHello implements HandshakeState {
        private final NamedGroup group;
        private final ClientHello first;

        ExpectSecondClientHello(NamedGroup group, ClientHello first) {
            this.group = group;
            this.first = first;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CLIENT_HELLO.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            ClientHello second = Messages.decode(message, ClientHello::decode);
            if (!second.random().equals(first.random()) || !second.legacySessionId().equals(first.legacySessionId())
                    || !second.cipherSuites().equals(first.cipherSuites())) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        "second ClientHello changed more than RFC 8446 §4.1.2 allows");
            }
            List<KeyShareEntry> shares = second.extensions().find(KeyShareClientHello.class)
                    .map(KeyShareClientHello::clientShares).orElse(List.of());
            if (shares.size() != 1) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER,
                        "second ClientHello must carry exactly the one requested key share");
            }
            context.transcript().add(message);
            return respond(context, second, group);
        }
    }

    /** How much rejected 0-RTT data the server skips: what its tickets allow, at least one full record. */
    private static int earlyDataSkipBudget(HandshakeContext context) {
        return Math.max(context.config().maxEarlyDataSize(), 1 << 14);
    }

    /**
     * RFC 8446 §4.2.10, §8: early data is taken only with the first PSK, from a ticket that allows it,
     * for the same suite, without a HelloRetryRequest, when configured, and only once per ticket.
     */
    private static boolean acceptEarlyData(HandshakeContext context, Extensions offered, Session resumed) {
        // Only the first identity may carry early data (RFC 8446 §4.2.10); never an external PSK's.
        if (resumed == null || offered.find(EarlyDataIndication.class).isEmpty()) {
            return false;
        }
        byte[] ticket = offered.find(PreSharedKeyOffer.class).orElseThrow().identities().get(0).identity().toByteArray();
        return context.config().maxEarlyDataSize() > 0 && resumed.maxEarlyDataSize() > 0
                && resumed.cipherSuite() == context.cipherSuite && !context.helloRetried
                && context.config().ticketKeys().firstEarlyDataUse(ticket);
    }

    private static HandshakeState sendServerFlight(HandshakeContext context, ClientHello hello, Extensions offered,
            Choice choice, AcceptedPsk accepted) throws TlsException {
        Session resumed = accepted == null || accepted.index() != 0 ? null : accepted.ticket();
        boolean earlyData = acceptEarlyData(context, offered, resumed);
        byte[] clientEarlyTrafficSecret = null;
        if (earlyData) {
            org.jtls.handshake.keyschedule.Tls13KeySchedule schedule = Tls13Support.schedule(context);
            byte[] earlySecret = schedule.earlySecret(resumed.masterSecret());
            clientEarlyTrafficSecret = schedule.deriveSecret(earlySecret, "c e traffic",
                    Tls13Support.transcriptHash(context));
            context.logSecret("CLIENT_EARLY_TRAFFIC_SECRET", clientEarlyTrafficSecret);
            // RFC 8446 §7.1: early_exporter_master_secret, logged as NSS and OpenSSL do for 0-RTT connections.
            context.logSecret("EARLY_EXPORTER_SECRET",
                    schedule.deriveSecret(earlySecret, "e exp master", Tls13Support.transcriptHash(context)));
            context.earlyDataAccepted = true;
            context.earlyDataRemaining = Math.min(resumed.maxEarlyDataSize(), context.config().maxEarlyDataSize());
        } else if (offered.find(EarlyDataIndication.class).isPresent()) {
            context.records().skipRejectedEarlyData(earlyDataSkipBudget(context));
        }
        // psk_ke (no group chosen): no key_share, and zeros for the (EC)DHE input (RFC 8446 §7.1).
        KeyExchange.Response response = null;
        if (choice.group() != null) {
            KeyExchange exchange = context.crypto().keyExchange(choice.group());
            try {
                response = exchange.respond(choice.clientShare().keyExchange().toByteArray(),
                        context.config().random());
            } catch (InvalidKeyShareException e) {
                throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "client's key share is invalid: " + e.getMessage(), e);
            }
            context.group = choice.group();
        }
        byte[] random = new byte[32];
        context.config().random().nextBytes(random);
        context.serverRandom = random;
        List<Extension> helloExtensions = new ArrayList<>(List.of(SupportedVersionSelection.of(ProtocolVersion.TLS_1_3)));
        if (response != null) {
            helloExtensions.add(new KeyShareServerHello(KeyShareEntry.of(choice.group(),
                    Opaque.of(response.publicValue()))));
        }
        if (accepted != null) {
            helloExtensions.add(new PreSharedKeySelection(accepted.index()));
        }
        context.send(new ServerHello(ProtocolVersion.TLS_1_2.code(), Opaque.of(random), hello.legacySessionId(),
                choice.suite().code(), ClientHello.NULL_COMPRESSION, new Extensions(helloExtensions)));
        if (!hello.legacySessionId().isEmpty() && !context.helloRetried) {
            context.sendChangeCipherSpec(); // RFC 8446 Appendix D.4
        }
        context.records().flushHandshake();
        Tls13Support.deriveHandshakeSecrets(context, accepted == null ? null : accepted.secret(),
                response == null ? null : response.sharedSecret());
        Tls13Support.installWrite(context, context.serverHandshakeTrafficSecret);
        Tls13Support.installRead(context, earlyData ? clientEarlyTrafficSecret : context.clientHandshakeTrafficSecret);
        // A client that fails on our ServerHello has no keys yet and alerts in the clear.
        context.records().allowPlaintextAlertsUntilProtectedRecord();

        List<Extension> encrypted = new ArrayList<>();
        if (context.applicationProtocol != null) {
            encrypted.add(AlpnSelection.of(context.applicationProtocol));
        }
        if (context.serverName != null) {
            encrypted.add(new ServerNameAck());
        }
        Optional<RecordSizeLimit> clientLimit = offered.find(RecordSizeLimit.class);
        if (clientLimit.isPresent() && context.config().recordSizeLimit() > 0) {
            context.peerRecordSizeLimit = clientLimit.get().limit();
            encrypted.add(new RecordSizeLimit(context.config().recordSizeLimit() + 1));
            // RFC 8449 §4: the client's limit binds every protected record we send from now on, our
            // encrypted handshake flight included (found against gnutls-cli --recordsize: our first
            // flight went out in one 1 KiB record). Our own limit binds the client once it has read
            // EncryptedExtensions, so the receiving side follows after our Finished.
            int maximum = (1 << 14) + 1;
            context.records().setPlaintextLimits(Math.min(context.peerRecordSizeLimit, maximum), maximum);
        }
        if (earlyData) {
            encrypted.add(new EarlyDataIndication());
        }
        context.send(new EncryptedExtensions(new Extensions(encrypted)));
        if (accepted != null) {
            // RFC 8446 §2.2: a PSK handshake authenticates by the PSK; no Certificate follows.
            HandshakeState next = finishServerFlight(context, false);
            return earlyData ? new ExpectEndOfEarlyData() : next;
        }
        boolean requestCertificate = context.config().clientAuth() != TlsConfig.ClientAuth.NONE;
        if (requestCertificate) {
            List<Extension> requestExtensions = new ArrayList<>(
                    List.of(SignatureAlgorithms.of(context.config().signatureSchemes())));
            if (!context.config().certificateSignatureSchemes().isEmpty()) {
                // RFC 8446 §4.3.2: a CertificateRequest may carry signature_algorithms_cert.
                requestExtensions.add(SignatureAlgorithmsCert.of(context.config().certificateSignatureSchemes()));
            }
            if (!context.config().certificateAuthorities().isEmpty()) {
                requestExtensions.add(new org.jtls.handshake.message.extension.CertificateAuthorities(
                        context.config().certificateAuthorities().stream().map(Opaque::of).toList()));
            }
            context.send(new CertificateRequestTls13(Opaque.empty(), new Extensions(requestExtensions)));
        }
        List<CertificateEntry> entries = new ArrayList<>();
        List<byte[]> chain = choice.key().chain();
        byte[] ocsp = offered.find(OcspStatusRequest.class).isPresent() ? choice.key().ocspResponse() : null;
        for (int i = 0; i < chain.size(); i++) {
            Extensions entryExtensions = i == 0 && ocsp != null
                    ? Extensions.of(new StapledOcspResponse(Opaque.of(ocsp))) : Extensions.empty();
            entries.add(new CertificateEntry(Opaque.of(chain.get(i)), entryExtensions));
        }
        context.send(new CertificateTls13(Opaque.empty(), entries));
        byte[] content = Tls13Support.certificateVerifyContent(true, Tls13Support.transcriptHash(context));
        byte[] signature = context.crypto().signer(choice.scheme().algorithm(), choice.key().privateKey())
                .sign(content, context.config().random());
        context.send(new CertificateVerify(DigitallySigned.withScheme(choice.scheme().code(), Opaque.of(signature))));
        return finishServerFlight(context, requestCertificate);
    }

    private static HandshakeState finishServerFlight(HandshakeContext context, boolean requestCertificate)
            throws TlsException {
        byte[] verifyData = Tls13Support.schedule(context).finishedVerifyData(context.serverHandshakeTrafficSecret,
                Tls13Support.transcriptHash(context));
        context.serverVerifyData = verifyData;
        context.send(new Finished(Opaque.of(verifyData)));
        context.records().flushHandshake();
        Tls13Support.deriveApplicationSecrets(context);
        Tls13Support.installWrite(context, context.serverApplicationTrafficSecret);
        applyRecordSizeLimit(context);
        return requestCertificate ? new ExpectClientCertificate() : new ExpectClientFinished();
    }

    private static void applyRecordSizeLimit(HandshakeContext context) {
        if (context.peerRecordSizeLimit > 0) {
            int maximum = (1 << 14) + 1;
            int ours = context.config().recordSizeLimit() + 1;
            context.records().setPlaintextLimits(Math.min(context.peerRecordSizeLimit, maximum), Math.min(ours, maximum));
        }
    }

    /**
     * RFC 8446 §4.6.2: asks an established client for a certificate; only when the client offered
     * post_handshake_auth.
     */
    public static void requestPostHandshakeCertificate(HandshakeContext context) throws TlsException {
        if (context.clientHello == null
                || context.clientHello.extensions().find(org.jtls.handshake.message.extension.PostHandshakeAuth.class)
                        .isEmpty()) {
            throw new IllegalStateException("the client did not offer post-handshake authentication");
        }
        if (context.certificateRequestContext != null) {
            throw new IllegalStateException("a post-handshake certificate request is already outstanding");
        }
        byte[] requestContext = new byte[8];
        context.config().random().nextBytes(requestContext);
        context.postHandshakeTranscript = context.transcript().bytes();
        context.certificateRequestContext = requestContext;
        List<Extension> requestExtensions = new ArrayList<>(
                List.of(SignatureAlgorithms.of(context.config().signatureSchemes())));
        if (!context.config().certificateSignatureSchemes().isEmpty()) {
            requestExtensions.add(SignatureAlgorithmsCert.of(context.config().certificateSignatureSchemes()));
        }
        if (!context.config().certificateAuthorities().isEmpty()) {
            // RFC 8446 §4.3.2: the post-handshake request names the acceptable authorities as in the handshake.
            requestExtensions.add(new org.jtls.handshake.message.extension.CertificateAuthorities(
                    context.config().certificateAuthorities().stream().map(Opaque::of).toList()));
        }
        context.send(new CertificateRequestTls13(Opaque.of(requestContext), new Extensions(requestExtensions)));
        context.records().flushHandshake();
    }

    /** The client's answer to a post-handshake request: Certificate, then CertificateVerify and Finished. */
    public static HandshakeState postHandshakeCertificate(HandshakeContext context, HandshakeMessage message,
            HandshakeState connected) throws TlsException {
        CertificateTls13 certificate = Messages.decode(message, CertificateTls13::decode);
        if (!java.util.Arrays.equals(certificate.certificateRequestContext().toByteArray(),
                context.certificateRequestContext)) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "Certificate answers another certificate_request_context");
        }
        context.transcript().add(message);
        if (certificate.certificateList().isEmpty()) {
            Tls12Support.clientSentNoCertificate(context, AlertDescription.CERTIFICATE_REQUIRED,
                    "client declined post-handshake authentication");
            return new ExpectPostHandshakeFinished(connected);
        }
        List<byte[]> chain = certificate.certificateList().stream().map(e -> e.certData().toByteArray()).toList();
        Tls12Support.PeerKey key = Tls12Support.peerKey(chain.get(0));
        List<String> problems = context.config().peerVerifier().verify(chain, null, Role.CLIENT);
        if (!problems.isEmpty() && context.config().clientAuth() == TlsConfig.ClientAuth.REQUIRE) {
            throw alert(AlertDescription.BAD_CERTIFICATE, "client certificate rejected: " + String.join("; ", problems));
        }
        context.peerCertificates = chain;
        context.peerKey = key.key();
        context.peerKeyPssOnly = key.pssOnly();
        return new ExpectPostHandshakeCertificateVerify(connected);
    }

    static final class ExpectPostHandshakeCertificateVerify implements HandshakeState {
        private final HandshakeState connected;

        ExpectPostHandshakeCertificateVerify(HandshakeState connected) {
            this.connected = connected;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            new ExpectClientCertificateVerify().handle(context, message);
            return new ExpectPostHandshakeFinished(connected);
        }

        @Override
        public boolean acceptsApplicationData() {
            return true;
        }
    }

    static final class ExpectPostHandshakeFinished implements HandshakeState {
        private final HandshakeState connected;

        ExpectPostHandshakeFinished(HandshakeState connected) {
            this.connected = connected;
        }

        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.FINISHED.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            int length = context.cipherSuite.prfHash().outputLength();
            Finished finished = Messages.decode(message, body -> Finished.decode(body, length));
            byte[] expected = Tls13Support.schedule(context).finishedVerifyData(context.clientApplicationTrafficSecret,
                    Tls13Support.transcriptHash(context));
            if (!ConstantTime.equals(expected, finished.verifyData().toByteArray())) {
                throw alert(AlertDescription.DECRYPT_ERROR, "post-handshake Finished does not match");
            }
            context.transcript().reset();
            context.transcript().addBytes(context.postHandshakeTranscript);
            context.certificateRequestContext = null;
            context.event(new org.jtls.handshake.TlsEvent.PeerCertificateUpdated(context.peerCertificates));
            return connected;
        }

        @Override
        public boolean acceptsApplicationData() {
            return true;
        }
    }

    /** RFC 8446 §4.5: 0-RTT application data, closed by EndOfEarlyData under the early keys. */
    static final class ExpectEndOfEarlyData implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.END_OF_EARLY_DATA.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            Messages.decode(message, org.jtls.handshake.message.EndOfEarlyData::decode);
            context.transcript().add(message);
            Tls13Support.installRead(context, context.clientHandshakeTrafficSecret);
            return new ExpectClientFinished();
        }

        @Override
        public boolean acceptsApplicationData() {
            return true;
        }
    }

    /** RFC 8446 §4.4.2: the client's certificate, possibly empty. */
    static final class ExpectClientCertificate implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CERTIFICATE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            CertificateTls13 certificate = Messages.decode(message, CertificateTls13::decode);
            if (!certificate.certificateRequestContext().isEmpty()) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "client Certificate with a different request context");
            }
            context.transcript().add(message);
            boolean required = context.config().clientAuth() == TlsConfig.ClientAuth.REQUIRE;
            if (certificate.certificateList().isEmpty()) {
                Tls12Support.clientSentNoCertificate(context, AlertDescription.CERTIFICATE_REQUIRED,
                        "client sent no certificate (RFC 8446 §4.4.2.4)");
                return new ExpectClientFinished();
            }
            List<byte[]> chain = certificate.certificateList().stream().map(e -> e.certData().toByteArray()).toList();
            Tls12Support.PeerKey key = Tls12Support.peerKey(chain.get(0));
            List<String> problems = context.config().peerVerifier().verify(chain, null, Role.CLIENT);
            if (!problems.isEmpty() && required) {
                throw alert(AlertDescription.BAD_CERTIFICATE, "client certificate rejected: " + String.join("; ", problems));
            }
            context.peerCertificates = chain;
            context.peerKey = key.key();
            context.peerKeyPssOnly = key.pssOnly();
            return new ExpectClientCertificateVerify();
        }
    }

    /** RFC 8446 §4.4.3. */
    static final class ExpectClientCertificateVerify implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CERTIFICATE_VERIFY.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            SignatureScheme scheme = Tls13Support.verifyPeerCertificateVerify(context, message, false);
            context.peerSignatureScheme = scheme;
            context.transcript().add(message);
            return new ExpectClientFinished();
        }
    }

    /** RFC 8446 §4.4.4. */
    static final class ExpectClientFinished implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.FINISHED.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            int length = context.cipherSuite.prfHash().outputLength();
            Finished finished = Messages.decode(message, body -> Finished.decode(body, length));
            byte[] expected = Tls13Support.schedule(context).finishedVerifyData(context.clientHandshakeTrafficSecret,
                    Tls13Support.transcriptHash(context));
            if (!ConstantTime.equals(expected, finished.verifyData().toByteArray())) {
                throw alert(AlertDescription.DECRYPT_ERROR, "client Finished does not match the handshake");
            }
            context.clientVerifyData = expected;
            context.transcript().add(message);
            Tls13Support.installRead(context, context.clientApplicationTrafficSecret);
            Tls13Support.deriveResumptionSecret(context);
            context.complete();
            Tls13Tickets.issue(context, context.config().tls13TicketCount());
            return new Tls13Connected();
        }
    }
}
