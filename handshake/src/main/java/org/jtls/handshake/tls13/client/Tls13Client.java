package org.jtls.handshake.tls13.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.ConstantTime;
import org.jtls.crypto.InvalidKeyShareException;
import org.jtls.crypto.KeyExchange;
import org.jtls.crypto.KeyShare;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.NamedGroup;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.CertificateSignatures;
import org.jtls.handshake.CertifiedKey;
import org.jtls.handshake.Role;
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
import org.jtls.handshake.message.extension.Cookie;
import org.jtls.handshake.message.extension.ExtensionContext;
import org.jtls.handshake.message.extension.Extensions;
import org.jtls.handshake.message.extension.KeyShareClientHello;
import org.jtls.handshake.message.extension.KeyShareEntry;
import org.jtls.handshake.message.extension.KeyShareHelloRetryRequest;
import org.jtls.handshake.message.extension.KeyShareServerHello;
import org.jtls.handshake.message.extension.PreSharedKeyOffer;
import org.jtls.handshake.message.extension.PreSharedKeySelection;
import org.jtls.handshake.message.extension.PskIdentity;
import org.jtls.handshake.message.extension.PskKeyExchangeModes;
import org.jtls.handshake.message.extension.RecordSizeLimit;
import org.jtls.handshake.message.extension.SignatureAlgorithms;
import org.jtls.handshake.message.extension.SignatureAlgorithmsCert;
import org.jtls.handshake.message.extension.StapledOcspResponse;
import org.jtls.handshake.tls12.Tls12Support;
import org.jtls.handshake.tls13.Tls13Connected;
import org.jtls.handshake.tls13.Tls13Support;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;

/**
 * The client side of the TLS 1.3 handshake (RFC 8446 §2), after a ServerHello selected TLS 1.3:
 * <pre>
 *                    ← ServerHello (or HelloRetryRequest → ClientHello again)
 *                    ← {EncryptedExtensions} {CertificateRequest*} {Certificate} {CertificateVerify} {Finished}
 * {Certificate*} {CertificateVerify*} {Finished} →
 * </pre>
 */
public final class Tls13Client {
    private Tls13Client() {
    }

    private static TlsAlertException alert(AlertDescription description, String reason) {
        return TlsAlertException.local(description, reason);
    }

    /**
     * The key shares of a first ClientHello: the most preferred group, and X25519 too when the first
     * is the X25519MLKEM768 hybrid (so a server without ML-KEM needs no HelloRetryRequest).
     */
    public static KeyShareClientHello initialKeyShares(HandshakeContext context) {
        List<NamedGroup> groups = context.config().groups();
        List<NamedGroup> shared = new ArrayList<>();
        shared.add(groups.get(0));
        if (groups.get(0) == NamedGroup.X25519MLKEM768 && groups.contains(NamedGroup.X25519)) {
            shared.add(NamedGroup.X25519);
        }
        List<KeyShareEntry> entries = new ArrayList<>();
        for (NamedGroup group : shared) {
            entries.add(KeyShareEntry.of(group, Opaque.of(share(context, group).publicValue())));
        }
        return new KeyShareClientHello(entries);
    }

    private static KeyShare share(HandshakeContext context, NamedGroup group) {
        KeyExchange exchange = context.crypto().keyExchange(group);
        KeyShare share = exchange.generate(context.config().random());
        context.clientExchanges.put(group, exchange);
        context.clientShares.put(group, share);
        return share;
    }

    /**
     * RFC 8446 §4.2.9–4.2.11: offers the ticket's PSK for the configured key exchange modes, with the obfuscated ticket age
     * and a placeholder binder of the right length (filled in by {@link #withBinder}); pre_shared_key
     * must be the last extension.
     */
    public static void addPskOffer(HandshakeContext context, List<org.jtls.handshake.message.extension.Extension> extensions) {
        List<PskIdentity> identities = new ArrayList<>();
        List<Opaque> binders = new ArrayList<>();
        org.jtls.handshake.Session session = context.offeredPsk;
        if (session != null) {
            long ageMillis = java.time.Duration.between(session.created(), context.config().clock().instant()).toMillis();
            long obfuscatedAge = (Math.max(0, ageMillis) + session.ticketAgeAdd()) & 0xFFFFFFFFL;
            identities.add(new PskIdentity(Opaque.of(session.ticket()), obfuscatedAge));
            binders.add(Opaque.zeros(session.cipherSuite().prfHash().outputLength()));
        }
        org.jtls.handshake.ExternalPsk external = context.config().externalPsk();
        if (external != null) {
            // RFC 8446 §4.2.11: an external identity's obfuscated_ticket_age SHOULD be 0.
            context.offeredExternalPsk = external;
            identities.add(new PskIdentity(Opaque.of(external.identity()), 0));
            binders.add(Opaque.zeros(external.hash().outputLength()));
        }
        extensions.add(pskKeyExchangeModes(context));
        extensions.add(new PreSharedKeyOffer(identities, binders));
    }

    /**
     * RFC 9258 §4: an external PSK is used only with its one hash, so with one configured the client
     * offers no TLS 1.3 suite of another hash (a certificate handshake then uses such a suite too).
     */
    public static void restrictToExternalPskHash(HandshakeContext context, List<CipherSuite> suites) {
        org.jtls.handshake.ExternalPsk external = context.config().externalPsk();
        if (external != null) {
            suites.removeIf(suite -> suite.isTls13() && suite.prfHash() != external.hash());
        }
    }

    /** The index of the external PSK among the offered identities (the ticket, if any, is 0). */
    private static int externalPskIndex(HandshakeContext context) {
        return context.offeredPsk != null ? 1 : 0;
    }

    /** RFC 8446 §4.2.9: psk_key_exchange_modes listing the configured modes, in preference order. */
    public static PskKeyExchangeModes pskKeyExchangeModes(HandshakeContext context) {
        return new PskKeyExchangeModes(context.config().pskKeyExchangeModes().stream()
                .map(org.jtls.handshake.TlsConfig.PskKeyExchangeMode::code).toList());
    }

    /** The hello with its PSK binder computed over the transcript so far and the truncated hello. */
    public static ClientHello withBinder(HandshakeContext context, ClientHello hello) {
        byte[] transcript = context.transcript().bytes();
        byte[] partial = hello.truncatedForBinders();
        byte[] covered = Arrays.copyOf(transcript, transcript.length + partial.length);
        System.arraycopy(partial, 0, covered, transcript.length, partial.length);
        org.jtls.crypto.registry.CipherSuite previous = context.cipherSuite;
        List<Opaque> binders = new ArrayList<>();
        if (context.offeredPsk != null) {
            context.cipherSuite = context.offeredPsk.cipherSuite();
            binders.add(Opaque.of(Tls13Support.binder(context, context.offeredPsk.masterSecret(), covered)));
        }
        if (context.offeredExternalPsk != null) {
            org.jtls.handshake.ExternalPsk external = context.offeredExternalPsk;
            context.cipherSuite = context.config().cipherSuites().stream()
                    .filter(suite -> suite.isTls13() && suite.prfHash() == external.hash()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no TLS 1.3 cipher suite for the external PSK's hash"));
            binders.add(Opaque.of(Tls13Support.binder(context, external.secret(), covered, false)));
        }
        context.cipherSuite = previous;
        return hello.withPskBinders(binders);
    }

    /**
     * RFC 8446 §4.2.10, Appendix D.4: after a ClientHello offering early data, the compatibility
     * change_cipher_spec and then the client_early_traffic_secret's keys for writing.
     */
    public static void startEarlyData(HandshakeContext context) throws TlsException {
        // RFC 8446 §5.1: only an initial ClientHello's record may carry 0x0301; this
        // change_cipher_spec (and all that follows) carries 0x0303.
        context.records().flushHandshake();
        context.records().setWriteVersion(ProtocolVersion.TLS_1_2.code());
        context.sendChangeCipherSpec();
        context.compatibilityCcsSent = true;
        context.cipherSuite = context.offeredPsk.cipherSuite();
        org.jtls.handshake.keyschedule.Tls13KeySchedule schedule = Tls13Support.schedule(context);
        byte[] early = schedule.earlySecret(context.offeredPsk.masterSecret());
        byte[] clientEarly = schedule.deriveSecret(early, "c e traffic", Tls13Support.transcriptHash(context));
        context.logSecret("CLIENT_EARLY_TRAFFIC_SECRET", clientEarly);
        // RFC 8446 §7.1: early_exporter_master_secret, logged as NSS and OpenSSL do for 0-RTT connections.
        context.logSecret("EARLY_EXPORTER_SECRET",
                schedule.deriveSecret(early, "e exp master", Tls13Support.transcriptHash(context)));
        Tls13Support.installWrite(context, clientEarly);
    }

    /** The server did not take our 0-RTT data: stop sending it and tell the application. */
    private static void earlyDataRejected(HandshakeContext context) throws TlsException {
        if (context.earlyDataOffered && !context.earlyDataAccepted) {
            context.earlyDataOffered = false;
            context.event(new org.jtls.handshake.TlsEvent.EarlyDataAnswered(false));
        }
    }

    /** RFC 8446 §4.1.3–4.1.4: the server selected TLS 1.3. */
    public static HandshakeState onServerHello(HandshakeContext context, ServerHello serverHello,
            HandshakeMessage message) throws TlsException {
        ClientHello hello = context.clientHello;
        if (!serverHello.legacySessionIdEcho().equals(hello.legacySessionId())) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "server did not echo the legacy session ID");
        }
        if (serverHello.legacyVersion() != ProtocolVersion.TLS_1_2.code()) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.3 ServerHello must carry legacy_version 0x0303");
        }
        if (serverHello.legacyCompressionMethod() != ClientHello.NULL_COMPRESSION) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "TLS 1.3 forbids compression (RFC 8446 §4.1.3)");
        }
        CipherSuite suite = serverHello.knownCipherSuite().filter(CipherSuite::isTls13).filter(hello::offers)
                .orElseThrow(() -> alert(AlertDescription.ILLEGAL_PARAMETER,
                        "server chose cipher suite " + serverHello.cipherSuite() + ", which was not offered for TLS 1.3"));
        if (context.helloRetried && suite != context.cipherSuite) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER,
                    "ServerHello changed the cipher suite the HelloRetryRequest chose (RFC 8446 §4.1.4)");
        }
        serverHello.extensions().requireAllowedInTls13(serverHello.extensionContext());
        // RFC 8446 §4.1.3, §4.1.4, §4.2: no extension the client did not offer (a HelloRetryRequest's
        // cookie aside), unknown types included.
        for (var extension : serverHello.extensions().entries()) {
            boolean cookie = serverHello.isHelloRetryRequest()
                    && extension.typeCode() == org.jtls.handshake.message.extension.ExtensionType.COOKIE.code();
            if (!cookie && hello.extensions().findCode(extension.typeCode()).isEmpty()) {
                throw alert(AlertDescription.UNSUPPORTED_EXTENSION,
                        "server sent extension " + extension.typeCode() + " that the client did not offer");
            }
        }
        context.version = ProtocolVersion.TLS_1_3;
        context.cipherSuite = suite;
        context.records().setExpectedReadVersion(-1);
        context.records().setWriteVersion(ProtocolVersion.TLS_1_2.code());
        if (serverHello.isHelloRetryRequest()) {
            return retry(context, serverHello, message);
        }
        context.serverRandom = serverHello.random().toByteArray();
        Optional<PreSharedKeySelection> selection = serverHello.extensions().find(PreSharedKeySelection.class);
        Optional<KeyShareServerHello> keyShare = serverHello.extensions().find(KeyShareServerHello.class);
        if (selection.isPresent() && keyShare.isPresent() && hello.extensions().find(PskKeyExchangeModes.class)
                .filter(PskKeyExchangeModes::allowsPskDheKe).isEmpty()) {
            // RFC 8446 §4.2.9: the server must not select a key exchange mode the client did not list.
            throw alert(AlertDescription.ILLEGAL_PARAMETER,
                    "server resumed with psk_dhe_ke, which the client did not offer (RFC 8446 §4.2.9)");
        }
        byte[] sharedSecret = null;
        if (keyShare.isEmpty()) {
            // RFC 8446 §4.2.9, §9.2: only psk_ke may go without key_share, and only if it was offered.
            boolean pskKeOffered = (context.offeredPsk != null || context.offeredExternalPsk != null) && hello.extensions().find(PskKeyExchangeModes.class)
                    .filter(PskKeyExchangeModes::allowsPskKe).isPresent();
            if (selection.isEmpty() || !pskKeOffered) {
                throw alert(AlertDescription.MISSING_EXTENSION, selection.isEmpty()
                        ? "TLS 1.3 ServerHello without key_share"
                        : "TLS 1.3 ServerHello without key_share, but psk_ke was not offered (RFC 8446 §4.2.9)");
            }
        } else {
            KeyShareEntry serverShare = keyShare.get().serverShare();
            NamedGroup group = serverShare.group().filter(context.clientShares::containsKey)
                    .orElseThrow(() -> alert(AlertDescription.ILLEGAL_PARAMETER, "server's key_share is for group "
                            + serverShare.groupCode() + ", for which no share was sent"));
            try {
                sharedSecret = context.clientExchanges.get(group).complete(context.clientShares.get(group),
                        serverShare.keyExchange().toByteArray());
            } catch (InvalidKeyShareException e) {
                throw TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                        "server's key share is invalid: " + e.getMessage(), e);
            }
            context.group = group;
        }
        byte[] psk = null;
        if (selection.isPresent()) {
            // RFC 8446 §4.2.11: only an identity offered, with a suite of that PSK's hash.
            int index = selection.get().selectedIdentity();
            if (context.offeredPsk != null && index == 0) {
                if (context.offeredPsk.cipherSuite().prfHash() != suite.prfHash()) {
                    throw alert(AlertDescription.ILLEGAL_PARAMETER, "server selected a PSK for a suite of another hash");
                }
                psk = context.offeredPsk.masterSecret();
                context.resumed = true;
                context.peerCertificates = context.offeredPsk.peerCertificates();
            } else if (context.offeredExternalPsk != null && index == externalPskIndex(context)) {
                if (context.offeredExternalPsk.hash() != suite.prfHash()) {
                    throw alert(AlertDescription.ILLEGAL_PARAMETER, "server selected a PSK for a suite of another hash");
                }
                psk = context.offeredExternalPsk.secret();
                context.externalPskIdentity = context.offeredExternalPsk.identity();
            } else {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "server selected a PSK that was not offered");
            }
        }
        context.transcript().add(message);
        Tls13Support.deriveHandshakeSecrets(context, psk, sharedSecret);
        Tls13Support.installRead(context, context.serverHandshakeTrafficSecret);
        return new ExpectEncryptedExtensions();
    }

    /** RFC 8446 §4.1.4: send a second ClientHello with a share for the group the server asked for. */
    private static HandshakeState retry(HandshakeContext context, ServerHello retryRequest, HandshakeMessage message)
            throws TlsException {
        if (context.helloRetried) {
            throw alert(AlertDescription.UNEXPECTED_MESSAGE, "a second HelloRetryRequest (RFC 8446 §4.1.4)");
        }
        context.helloRetried = true;
        Extensions extensions = retryRequest.extensions();
        Optional<NamedGroup> selected = extensions.find(KeyShareHelloRetryRequest.class)
                .flatMap(KeyShareHelloRetryRequest::selectedGroup);
        Optional<Cookie> cookie = extensions.find(Cookie.class);
        if (selected.isEmpty() && cookie.isEmpty()) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest that would not change the ClientHello");
        }
        ClientHello first = context.clientHello;
        Extensions secondExtensions = first.extensions();
        if (selected.isPresent()) {
            NamedGroup group = selected.get();
            if (!context.config().groups().contains(group) || context.clientShares.containsKey(group)) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "HelloRetryRequest asks for group " + group.ianaName()
                        + ", which was not offered or already had a share");
            }
            context.clientShares.clear();
            context.clientExchanges.clear();
            KeyShare share = share(context, group);
            secondExtensions = secondExtensions.with(new KeyShareClientHello(
                    List.of(KeyShareEntry.of(group, Opaque.of(share.publicValue())))));
        }
        if (cookie.isPresent()) {
            secondExtensions = secondExtensions.with(cookie.get());
        }
        if (context.earlyDataOffered) {
            // RFC 8446 §4.2.10: a HelloRetryRequest rejects early data; the second hello goes in the clear.
            context.records().installWriteProtection(new org.jtls.record.protection.PlaintextProtection());
            earlyDataRejected(context);
            secondExtensions = secondExtensions.without(
                    org.jtls.handshake.message.extension.ExtensionType.EARLY_DATA.code());
        }
        Tls13Support.replaceFirstClientHello(context);
        context.transcript().add(message);
        ClientHello second = first.withExtensions(secondExtensions);
        if (context.offeredPsk != null || context.offeredExternalPsk != null) {
            // The PSK must suit the suite the server chose; the binder now covers the retry. (An
            // external PSK always does: only suites of its hash were offered, the ticket's too.)
            if (context.offeredExternalPsk == null
                    && context.offeredPsk.cipherSuite().prfHash() != context.cipherSuite.prfHash()) {
                context.offeredPsk = null;
                second = second.withExtensions(second.extensions()
                        .without(org.jtls.handshake.message.extension.ExtensionType.PRE_SHARED_KEY.code())
                        .without(org.jtls.handshake.message.extension.ExtensionType.PSK_KEY_EXCHANGE_MODES.code()));
            } else {
                second = withBinder(context, second);
            }
        }
        context.clientHello = second;
        // RFC 8446 Appendix D.4: in middlebox-compatibility mode a change_cipher_spec precedes the second flight.
        if (!context.compatibilityCcsSent) {
            context.sendChangeCipherSpec();
            context.compatibilityCcsSent = true;
        }
        context.send(second);
        context.records().flushHandshake();
        return new ExpectServerHelloAfterRetry();
    }

    /** The ServerHello that answers the second ClientHello. */
    static final class ExpectServerHelloAfterRetry implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.SERVER_HELLO.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            ServerHello serverHello = Messages.decode(message, ServerHello::decode);
            if (serverHello.selectedVersionCode() != ProtocolVersion.TLS_1_3.code()) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "ServerHello after HelloRetryRequest is not TLS 1.3");
            }
            return onServerHello(context, serverHello, message);
        }

        @Override
        public HandshakeState handleChangeCipherSpec(HandshakeContext context) {
            return this; // RFC 8446 §5: middlebox-compatibility change_cipher_spec, dropped.
        }
    }

    /** RFC 8446 §4.3.1. */
    static final class ExpectEncryptedExtensions implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            EncryptedExtensions encrypted = Messages.decode(message, EncryptedExtensions::decode);
            Extensions extensions = encrypted.extensions();
            extensions.requireAllowedInTls13(ExtensionContext.ENCRYPTED_EXTENSIONS);
            for (var extension : extensions.entries()) {
                if (context.clientHello.extensions().findCode(extension.typeCode()).isEmpty()) {
                    throw alert(AlertDescription.UNSUPPORTED_EXTENSION,
                            "server sent extension " + extension.typeCode() + " that the client did not offer");
                }
            }
            Optional<AlpnSelection> alpn = extensions.find(AlpnSelection.class);
            if (alpn.isPresent()) {
                String protocol = new String(alpn.get().protocolName().toByteArray(), StandardCharsets.UTF_8);
                if (!context.config().alpnProtocols().contains(protocol)) {
                    throw alert(AlertDescription.ILLEGAL_PARAMETER,
                            "server selected ALPN protocol '" + protocol + "', which was not offered");
                }
                context.applicationProtocol = protocol;
            }
            extensions.find(RecordSizeLimit.class).ifPresent(limit -> context.peerRecordSizeLimit = limit.limit());
            if (extensions.find(org.jtls.handshake.message.extension.EarlyDataIndication.class).isPresent()) {
                if (!context.earlyDataOffered || !context.resumed) {
                    throw alert(AlertDescription.ILLEGAL_PARAMETER, "server accepted early data that was not sent");
                }
                context.earlyDataAccepted = true;
                context.event(new org.jtls.handshake.TlsEvent.EarlyDataAnswered(true));
            } else {
                earlyDataRejected(context);
            }
            context.transcript().add(message);
            applyRecordSizeLimit(context);
            // RFC 8446 §2.2: a PSK (ticket or external) authenticates the server; no Certificate follows.
            return context.resumed || context.externalPskIdentity != null
                    ? new ExpectFinished() : new ExpectCertificateOrRequest();
        }
    }

    /** RFC 8449 §4: in TLS 1.3 the limit counts the content type, and applies from the handshake keys on. */
    static void applyRecordSizeLimit(HandshakeContext context) {
        if (context.peerRecordSizeLimit > 0) {
            int maximum = (1 << 14) + 1;
            int ours = context.config().recordSizeLimit() > 0 ? context.config().recordSizeLimit() + 1 : maximum;
            context.records().setPlaintextLimits(Math.min(context.peerRecordSizeLimit, maximum), Math.min(ours, maximum));
        }
    }

    /** RFC 8446 §4.3.2 / §4.4.2. */
    static final class ExpectCertificateOrRequest implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() == HandshakeType.CERTIFICATE_REQUEST.code() && context.certificateRequestContext == null) {
                CertificateRequestTls13 request = Messages.decode(message, CertificateRequestTls13::decode);
                request.extensions().requireAllowedInTls13(ExtensionContext.CERTIFICATE_REQUEST);
                context.certificateRequestContext = request.certificateRequestContext().toByteArray();
                context.certificateRequestSchemes = request.extensions().find(SignatureAlgorithms.class)
                        .map(SignatureAlgorithms::schemeCodes)
                        .orElseThrow(() -> alert(AlertDescription.MISSING_EXTENSION,
                                "CertificateRequest without signature_algorithms (RFC 8446 §4.3.2)"));
                context.certificateRequestCertificateSchemes = request.extensions()
                        .find(SignatureAlgorithmsCert.class).map(SignatureAlgorithmsCert::schemeCodes).orElse(null);
                context.certificateRequestAuthorities = authorities(request);
                context.transcript().add(message);
                return this;
            }
            if (message.type() != HandshakeType.CERTIFICATE.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            CertificateTls13 certificate = Messages.decode(message, CertificateTls13::decode);
            if (!certificate.certificateRequestContext().isEmpty()) {
                throw alert(AlertDescription.ILLEGAL_PARAMETER, "server Certificate with a request context");
            }
            if (certificate.certificateList().isEmpty()) {
                throw alert(AlertDescription.DECODE_ERROR, "server sent an empty certificate chain (RFC 8446 §4.4.2)");
            }
            List<byte[]> chain = new ArrayList<>();
            for (CertificateEntry entry : certificate.certificateList()) {
                entry.extensions().requireAllowedInTls13(ExtensionContext.CERTIFICATE);
                chain.add(entry.certData().toByteArray());
            }
            certificate.certificateList().get(0).extensions().find(StapledOcspResponse.class)
                    .ifPresent(staple -> context.stapledOcspResponse = staple.ocspResponse().toByteArray());
            Tls12Support.PeerKey peerKey = Tls12Support.peerKey(chain.get(0));
            context.peerKey = peerKey.key();
            context.peerKeyPssOnly = peerKey.pssOnly();
            context.peerCertificates = chain;
            context.transcript().add(message);
            return new ExpectCertificateVerify();
        }
    }

    /** RFC 8446 §4.4.3. */
    static final class ExpectCertificateVerify implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.CERTIFICATE_VERIFY.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            SignatureScheme scheme = Tls13Support.verifyPeerCertificateVerify(context, message, true);
            List<String> problems = context.config().peerVerifier().verify(context.peerCertificates,
                    context.serverName, Role.SERVER, context.stapledOcspResponse);
            if (!problems.isEmpty()) {
                throw alert(AlertDescription.BAD_CERTIFICATE, "server certificate rejected: " + String.join("; ", problems));
            }
            context.peerSignatureScheme = scheme;
            context.transcript().add(message);
            return new ExpectFinished();
        }
    }

    /** RFC 8446 §4.4.4: check the server's Finished, then send our flight. */
    static final class ExpectFinished implements HandshakeState {
        @Override
        public HandshakeState handle(HandshakeContext context, HandshakeMessage message) throws TlsException {
            if (message.type() != HandshakeType.FINISHED.code()) {
                throw HandshakeState.unexpected(this, message);
            }
            int length = context.cipherSuite.prfHash().outputLength();
            Finished finished = Messages.decode(message, body -> Finished.decode(body, length));
            byte[] expected = Tls13Support.schedule(context).finishedVerifyData(context.serverHandshakeTrafficSecret,
                    Tls13Support.transcriptHash(context));
            if (!ConstantTime.equals(expected, finished.verifyData().toByteArray())) {
                throw alert(AlertDescription.DECRYPT_ERROR, "server Finished does not match the handshake");
            }
            context.transcript().add(message);
            Tls13Support.deriveApplicationSecrets(context);
            Tls13Support.installRead(context, context.serverApplicationTrafficSecret);

            if (context.earlyDataAccepted) {
                // RFC 8446 §4.5: EndOfEarlyData, under the early keys, closes the 0-RTT data.
                context.send(new org.jtls.handshake.message.EndOfEarlyData());
                context.records().flushHandshake();
            }
            // RFC 8446 Appendix D.4: the compatibility change_cipher_spec before our first encrypted flight.
            if (!context.compatibilityCcsSent) {
                context.sendChangeCipherSpec();
                context.compatibilityCcsSent = true;
            }
            Tls13Support.installWrite(context, context.clientHandshakeTrafficSecret);
            if (context.certificateRequestContext != null) {
                sendClientCertificate(context);
            }
            byte[] verifyData = Tls13Support.schedule(context).finishedVerifyData(context.clientHandshakeTrafficSecret,
                    Tls13Support.transcriptHash(context));
            context.send(new Finished(Opaque.of(verifyData)));
            context.records().flushHandshake();
            Tls13Support.installWrite(context, context.clientApplicationTrafficSecret);
            Tls13Support.deriveResumptionSecret(context);
            context.complete();
            return new Tls13Connected();
        }

        /** RFC 8446 §4.4.2–4.4.3: our certificate (possibly none) and, with one, our CertificateVerify. */
        static void sendClientCertificate(HandshakeContext context) {
            CertifiedKey chosen = null;
            SignatureScheme scheme = null;
            // RFC 8446 §4.2.3/§4.4.2.2: prefer a chain signed with what the request's signature_algorithms_cert
            // (or else signature_algorithms) lists; the others remain a fallback.
            List<Integer> certificateSchemes = context.certificateRequestCertificateSchemes != null
                    ? context.certificateRequestCertificateSchemes : context.certificateRequestSchemes;
            // RFC 8446 §4.2.4: a chain from one of the request's certificate_authorities comes first of all.
            for (CertifiedKey candidate : CertificateSignatures.preferIssuedBy(CertificateSignatures.preferSignedWith(
                    context.config().certificates(), certificateSchemes), context.certificateRequestAuthorities)) {
                Optional<SignatureScheme> fit = Tls13Support.chooseScheme(context.config().signatureSchemes(),
                        context.certificateRequestSchemes, candidate.publicKey(), candidate.pssOnly());
                if (fit.isPresent()) {
                    chosen = candidate;
                    scheme = fit.get();
                    break;
                }
            }
            List<CertificateEntry> entries = chosen == null ? List.of()
                    : chosen.chain().stream().map(der -> CertificateEntry.of(Opaque.of(der))).toList();
            context.send(new CertificateTls13(Opaque.of(context.certificateRequestContext), entries));
            if (chosen != null) {
                byte[] content = Tls13Support.certificateVerifyContent(false, Tls13Support.transcriptHash(context));
                byte[] signature = context.crypto().signer(scheme.algorithm(), chosen.privateKey())
                        .sign(content, context.config().random());
                context.send(new CertificateVerify(DigitallySigned.withScheme(scheme.code(), Opaque.of(signature))));
            }
        }
    }

    /**
     * RFC 8446 §4.6.2: answers a post-handshake CertificateRequest with Certificate, CertificateVerify
     * and a Finished under the client application traffic secret, over the handshake transcript
     * extended by these messages (the transcript is restored afterwards, for the next request).
     */
    public static void answerPostHandshakeRequest(HandshakeContext context, HandshakeMessage message)
            throws TlsException {
        CertificateRequestTls13 request = Messages.decode(message, CertificateRequestTls13::decode);
        request.extensions().requireAllowedInTls13(ExtensionContext.CERTIFICATE_REQUEST);
        if (request.certificateRequestContext().isEmpty()) {
            throw alert(AlertDescription.ILLEGAL_PARAMETER, "post-handshake CertificateRequest needs a context");
        }
        byte[] handshakeTranscript = context.transcript().bytes();
        context.certificateRequestContext = request.certificateRequestContext().toByteArray();
        context.certificateRequestSchemes = request.extensions().find(SignatureAlgorithms.class)
                .map(SignatureAlgorithms::schemeCodes)
                .orElseThrow(() -> alert(AlertDescription.MISSING_EXTENSION,
                        "CertificateRequest without signature_algorithms (RFC 8446 §4.3.2)"));
        context.certificateRequestCertificateSchemes = request.extensions().find(SignatureAlgorithmsCert.class)
                .map(SignatureAlgorithmsCert::schemeCodes).orElse(null);
        context.certificateRequestAuthorities = authorities(request);
        context.transcript().add(message);
        ExpectFinished.sendClientCertificate(context);
        byte[] verifyData = Tls13Support.schedule(context).finishedVerifyData(context.clientApplicationTrafficSecret,
                Tls13Support.transcriptHash(context));
        context.send(new Finished(Opaque.of(verifyData)));
        context.records().flushHandshake();
        context.transcript().reset();
        context.transcript().addBytes(handshakeTranscript);
        context.certificateRequestContext = null;
    }

    /** The DER names of a CertificateRequest's certificate_authorities (RFC 8446 §4.2.4); empty without it. */
    static List<byte[]> authorities(CertificateRequestTls13 request) {
        return request.extensions().find(org.jtls.handshake.message.extension.CertificateAuthorities.class)
                .map(names -> names.distinguishedNames().stream().map(Opaque::toByteArray).toList())
                .orElse(List.of());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
