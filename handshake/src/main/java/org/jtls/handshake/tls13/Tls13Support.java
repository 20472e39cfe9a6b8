package org.jtls.handshake.tls13;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.keyschedule.Tls13KeySchedule;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.handshake.core.Messages;
import org.jtls.handshake.message.CertificateVerify;
import org.jtls.handshake.message.HandshakeType;
import org.jtls.record.AlertDescription;
import org.jtls.record.HandshakeMessage;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;

/** What the TLS 1.3 client and server share: signatures, transcript hashes, keys, key log. */
public final class Tls13Support {
    private Tls13Support() {
    }

    public static Tls13KeySchedule schedule(HandshakeContext context) {
        return new Tls13KeySchedule(context.crypto(), context.cipherSuite.prfHash());
    }

    public static byte[] transcriptHash(HandshakeContext context) {
        return context.transcript().hash(context.crypto(), context.cipherSuite.prfHash());
    }

    /**
     * RFC 8446 §4.4.1: after a HelloRetryRequest the first ClientHello is replaced in the transcript
     * by a synthetic message_hash message carrying its hash.
     */
    public static void replaceFirstClientHello(HandshakeContext context) {
        byte[] firstHelloHash = transcriptHash(context);
        context.transcript().reset();
        context.transcript().add(HandshakeMessage.of(HandshakeType.MESSAGE_HASH.code(), firstHelloHash));
    }

    /**
     * RFC 8446 §4.4.3: what a CertificateVerify signs — 64 spaces, the context string, a zero byte and
     * the transcript hash.
     */
    public static byte[] certificateVerifyContent(boolean server, byte[] transcriptHash) {
        byte[] label = (server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[64 + label.length + 1 + transcriptHash.length];
        Arrays.fill(content, 0, 64, (byte) 0x20);
        System.arraycopy(label, 0, content, 64, label.length);
        System.arraycopy(transcriptHash, 0, content, 64 + label.length + 1, transcriptHash.length);
        return content;
    }

    /**
     * RFC 8446 §4.2.3: a TLS 1.3 signature scheme — no PKCS#1 v1.5, no SHA-1 — that fits the key,
     * with ECDSA tied to its curve.
     */
    public static boolean schemeFits(SignatureScheme scheme, PublicKeyMaterial key, boolean pssOnlyKey) {
        if (!scheme.allowedInTls13Handshake()) {
            return false;
        }
        return switch (scheme.keyType()) {
            case RSA -> key instanceof RsaPublicKey && !pssOnlyKey;
            case RSA_PSS -> key instanceof RsaPublicKey && pssOnlyKey;
            case EC -> key instanceof EcPublicKey ec && scheme.tls13Curve().filter(ec.curve()::equals).isPresent();
            case ED25519, ED448 -> scheme.algorithm().acceptsKey(key);
        };
    }

    /** The first of our schemes the peer listed that fits the key. */
    public static Optional<SignatureScheme> chooseScheme(List<SignatureScheme> ours, List<Integer> peerCodes,
            PublicKeyMaterial key, boolean pssOnlyKey) {
        for (SignatureScheme scheme : ours) {
            if (peerCodes.contains(scheme.code()) && schemeFits(scheme, key, pssOnlyKey)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 8446 §4.2.11.2: a resumption PSK's binder, the Finished-style HMAC under the binder key
     * over the hash of {@code covered} (the transcript before the ClientHello and the ClientHello up to
     * its binders), with the hash of {@code context.cipherSuite}.
     */
    public static byte[] binder(HandshakeContext context, byte[] psk, byte[] covered) {
        return binder(context, psk, covered, true);
    }

    /** As {@link #binder(HandshakeContext, byte[], byte[])}; "res binder" or, for an external PSK, "ext binder". */
    public static byte[] binder(HandshakeContext context, byte[] psk, byte[] covered, boolean resumption) {
        Tls13KeySchedule schedule = schedule(context);
        byte[] binderKey = schedule.binderKey(schedule.earlySecret(psk), resumption);
        org.jtls.crypto.Digest hash = context.crypto().digest(context.cipherSuite.prfHash());
        hash.update(covered);
        return schedule.finishedVerifyData(binderKey, hash.finish());
    }

    /** Record protection from a traffic secret (RFC 8446 §7.3). */
    public static RecordProtection protection(HandshakeContext context, byte[] trafficSecret) {
        Tls13KeySchedule.TrafficKeys keys = schedule(context).trafficKeys(trafficSecret,
                context.cipherSuite.cipher().aeadAlgorithm().orElseThrow());
        return RecordProtections.tls13(context.crypto(), context.cipherSuite, keys.key(), keys.iv(),
                context.config().recordSettings().tls13Padding());
    }

    /**
     * Derives the handshake traffic secrets from the (EC)DHE secret and the transcript through
     * ServerHello; a null {@code sharedSecret} (psk_ke) stands for a string of zeros of the hash's
     * length (RFC 8446 §7.1).
     */
    public static void deriveHandshakeSecrets(HandshakeContext context, byte[] psk, byte[] sharedSecret) {
        Tls13KeySchedule schedule = schedule(context);
        if (sharedSecret == null) {
            sharedSecret = new byte[context.cipherSuite.prfHash().outputLength()];
        }
        byte[] early = schedule.earlySecret(psk);
        context.handshakeSecret = schedule.handshakeSecret(early, sharedSecret);
        byte[] helloHash = transcriptHash(context);
        context.clientHandshakeTrafficSecret = schedule.deriveSecret(context.handshakeSecret, "c hs traffic", helloHash);
        context.serverHandshakeTrafficSecret = schedule.deriveSecret(context.handshakeSecret, "s hs traffic", helloHash);
        Arrays.fill(sharedSecret, (byte) 0);
        context.logSecret("CLIENT_HANDSHAKE_TRAFFIC_SECRET", context.clientHandshakeTrafficSecret);
        context.logSecret("SERVER_HANDSHAKE_TRAFFIC_SECRET", context.serverHandshakeTrafficSecret);
    }

    /** Derives the application traffic secrets from the transcript through the server Finished. */
    public static void deriveApplicationSecrets(HandshakeContext context) {
        Tls13KeySchedule schedule = schedule(context);
        byte[] master = schedule.masterSecret(context.handshakeSecret);
        byte[] throughServerFinished = transcriptHash(context);
        context.clientApplicationTrafficSecret = schedule.deriveSecret(master, "c ap traffic", throughServerFinished);
        context.serverApplicationTrafficSecret = schedule.deriveSecret(master, "s ap traffic", throughServerFinished);
        context.exporterMasterSecret = schedule.deriveSecret(master, "exp master", throughServerFinished);
        context.masterSecret = master;
        context.logSecret("CLIENT_TRAFFIC_SECRET_0", context.clientApplicationTrafficSecret);
        context.logSecret("SERVER_TRAFFIC_SECRET_0", context.serverApplicationTrafficSecret);
        context.logSecret("EXPORTER_SECRET", context.exporterMasterSecret);
    }

    /** The resumption master secret, from the transcript through the client Finished. */
    public static void deriveResumptionSecret(HandshakeContext context) {
        context.resumptionMasterSecret = schedule(context).deriveSecret(context.masterSecret, "res master",
                transcriptHash(context));
    }

    /** Installs new read keys; a key change must fall on a record boundary (RFC 8446 §5.1). */
    public static void installRead(HandshakeContext context, byte[] trafficSecret) throws TlsException {
        context.records().installReadProtection(protection(context, trafficSecret));
    }

    public static void installWrite(HandshakeContext context, byte[] trafficSecret) throws TlsException {
        context.records().installWriteProtection(protection(context, trafficSecret));
    }

    /**
     * Checks the peer's CertificateVerify (RFC 8446 §4.4.3) against the key of the certificate it
     * sent: the scheme must be one we offered and fit that key (illegal_parameter otherwise), and the
     * signature over the transcript must verify (decrypt_error otherwise). Returns the scheme.
     *
     * @param fromServer whether the peer is the server (which selects the context string)
     */
    public static SignatureScheme verifyPeerCertificateVerify(HandshakeContext context, HandshakeMessage message,
            boolean fromServer) throws TlsException {
        String peer = fromServer ? "server" : "client";
        CertificateVerify verify = Messages.decode(message, body -> CertificateVerify.decode(body, ProtocolVersion.TLS_1_3));
        SignatureScheme scheme = verify.signature().scheme()
                .filter(context.config().signatureSchemes()::contains)
                .filter(s -> schemeFits(s, context.peerKey, context.peerKeyPssOnly))
                .orElseThrow(() -> TlsAlertException.local(AlertDescription.ILLEGAL_PARAMETER,
                        peer + " signed with a scheme that was not offered or does not fit its key"));
        byte[] content = certificateVerifyContent(fromServer, transcriptHash(context));
        if (!context.crypto().verifier(scheme.algorithm(), context.peerKey)
                .verify(content, verify.signature().signature().toByteArray())) {
            throw TlsAlertException.local(AlertDescription.DECRYPT_ERROR,
                    peer + " CertificateVerify signature does not verify");
        }
        return scheme;
    }
}
