package org.jtls.handshake.tls12;

import java.util.List;
import java.util.Optional;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.crypto.SignatureAlgorithm;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.crypto.registry.SignatureScheme;
import org.jtls.handshake.Role;
import org.jtls.handshake.TlsConfig;
import org.jtls.handshake.core.HandshakeContext;
import org.jtls.handshake.keyschedule.LegacyKeySchedule;
import org.jtls.record.AlertDescription;
import org.jtls.record.TlsAlertException;
import org.jtls.record.TlsException;
import org.jtls.record.protection.RecordProtection;
import org.jtls.record.protection.RecordProtections;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;

/** What the TLS ≤ 1.2 client and server handshakes share: key checks, signature choices, keys. */
public final class Tls12Support {
    private Tls12Support() {
    }

    /**
     * Server: the client sent no certificate (an empty Certificate, or SSL 3.0's no_certificate
     * alert). Without {@link TlsConfig.ClientAuth#REQUIRE} that is fine; with it, the handshake
     * fails with {@code description}, unless {@link TlsConfig#missingClientCertificateIsFatal()} is
     * off and the peer verifier, asked about the empty chain, reports no problem.
     */
    public static void clientSentNoCertificate(HandshakeContext context, AlertDescription description, String reason)
            throws TlsAlertException {
        TlsConfig config = context.config();
        if (config.clientAuth() != TlsConfig.ClientAuth.REQUIRE) {
            return;
        }
        if (config.missingClientCertificateIsFatal()) {
            throw TlsAlertException.local(description, reason);
        }
        List<String> problems = config.peerVerifier().verify(List.of(), null, Role.CLIENT);
        if (!problems.isEmpty()) {
            throw TlsAlertException.local(description, reason + ": " + String.join("; ", problems));
        }
    }

    /** Whether a certificate key can authenticate {@code suite} (RFC 5246 §7.4.2, RFC 8422 §5.3). */
    public static boolean keyFitsSuite(PublicKeyMaterial key, CipherSuite suite) {
        return switch (suite.authentication()) {
            case RSA -> key instanceof RsaPublicKey;
            case ECDSA -> key instanceof EcPublicKey || key instanceof EdPublicKey;
            case ANY -> false;
        };
    }

    /** Whether {@code scheme} can be made with {@code key} in TLS 1.2 (the curve is not tied to the hash). */
    public static boolean schemeFitsKey(SignatureScheme scheme, PublicKeyMaterial key, boolean pssOnlyKey) {
        return switch (scheme.keyType()) {
            case RSA -> key instanceof RsaPublicKey && !pssOnlyKey;
            case RSA_PSS -> key instanceof RsaPublicKey && pssOnlyKey;
            case EC -> key instanceof EcPublicKey;
            case ED25519, ED448 -> scheme.algorithm().acceptsKey(key);
        };
    }

    /**
     * The signature our key makes in a TLS 1.2 handshake: the first of our schemes the peer listed
     * that fits the key. Before TLS 1.2 there is no choice (see {@link #legacyAlgorithm}).
     */
    public static Optional<SignatureScheme> chooseScheme(List<SignatureScheme> ours, List<Integer> peerCodes,
            PublicKeyMaterial key, boolean pssOnlyKey) {
        for (SignatureScheme scheme : ours) {
            if (peerCodes.contains(scheme.code()) && schemeFitsKey(scheme, key, pssOnlyKey)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /**
     * TLS 1.0/1.1 and SSL 3.0 signatures have no negotiated scheme: RSA keys sign MD5+SHA-1
     * (RFC 4346 §7.4.3), ECDSA keys sign SHA-1 (RFC 4492 §5.4).
     */
    public static SignatureAlgorithm legacyAlgorithm(PublicKeyMaterial key) throws TlsAlertException {
        if (key instanceof RsaPublicKey) {
            return SignatureAlgorithm.RSA_PKCS1_MD5_SHA1;
        }
        if (key instanceof EcPublicKey) {
            return SignatureAlgorithm.ECDSA_SHA1;
        }
        throw TlsAlertException.local(AlertDescription.HANDSHAKE_FAILURE,
                key.algorithm() + " keys cannot sign before TLS 1.2");
    }

    /** The peer's leaf key, parsed from the certificate it sent. */
    public static PeerKey peerKey(byte[] leafDer) throws TlsAlertException {
        try {
            Certificate leaf = Certificate.parse(leafDer);
            PublicKeyMaterial key = leaf.publicKey().orElseThrow(() -> TlsAlertException.local(
                    AlertDescription.UNSUPPORTED_CERTIFICATE, "the peer certificate's key algorithm is not supported"));
            return new PeerKey(key, leaf.subjectPublicKeyInfo().isRsaPssKey());
        } catch (DerException e) {
            throw TlsAlertException.local(AlertDescription.BAD_CERTIFICATE,
                    "the peer certificate does not parse: " + e.getMessage(), e);
        }
    }

    /** A peer's certificate key and whether it is restricted to RSA-PSS. */
    public record PeerKey(PublicKeyMaterial key, boolean pssOnly) {
    }

    /** client_random + server_random + params: what ServerKeyExchange signs (RFC 5246 §7.4.3). */
    public static byte[] signedParams(HandshakeContext context, byte[] params) {
        byte[] signed = new byte[64 + params.length];
        System.arraycopy(context.clientRandom, 0, signed, 0, 32);
        System.arraycopy(context.serverRandom, 0, signed, 32, 32);
        System.arraycopy(params, 0, signed, 64, params.length);
        return signed;
    }

    /**
     * Derives the key block from the master secret and installs the protection for one direction
     * (RFC 5246 §6.3).
     */
    public static RecordProtection protection(HandshakeContext context, boolean forClientWrites) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(context.crypto(), context.version, context.cipherSuite);
        LegacyKeySchedule.KeyBlock block = schedule.keyBlock(context.masterSecret, context.clientRandom,
                context.serverRandom);
        LegacyKeySchedule.WriteKeys keys = forClientWrites ? block.client() : block.server();
        return RecordProtections.legacy(context.crypto(), context.version, context.cipherSuite, keys.macKey(),
                keys.encryptionKey(), keys.fixedIv(), context.encryptThenMac, context.config().random());
    }

    /**
     * RFC 8449 §4: once negotiated, protected records toward the peer carry at most its limit, and
     * records toward us at most ours. Called when our new write keys take effect.
     */
    public static void applyRecordSizeLimits(HandshakeContext context) {
        if (context.peerRecordSizeLimit > 0) {
            int tls12Maximum = 1 << 14;
            int ours = context.config().recordSizeLimit() > 0 ? context.config().recordSizeLimit() : tls12Maximum;
            context.records().setPlaintextLimits(Math.min(context.peerRecordSizeLimit, tls12Maximum),
                    Math.min(ours, tls12Maximum));
        }
    }

    /** Our Finished verify_data over the transcript so far. */
    public static byte[] finishedVerifyData(HandshakeContext context, boolean fromClient) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(context.crypto(), context.version, context.cipherSuite);
        LegacyKeySchedule.TranscriptHashes hashes = schedule.newTranscript();
        hashes.update(context.transcript().bytes());
        return schedule.finishedVerifyData(context.masterSecret, hashes, fromClient);
    }

    /** SSL 3.0 CertificateVerify's 36-byte signed value over the transcript so far (RFC 6101 §5.6.8). */
    public static byte[] ssl3CertificateVerifyHashes(HandshakeContext context) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(context.crypto(), context.version, context.cipherSuite);
        LegacyKeySchedule.TranscriptHashes hashes = schedule.newTranscript();
        hashes.update(context.transcript().bytes());
        return schedule.ssl3CertificateVerifyHashes(context.masterSecret, hashes);
    }

    /** Length of verify_data: 36 in SSL 3.0, 12 in TLS (RFC 5246 §7.4.9). */
    public static int verifyDataLength(ProtocolVersion version) {
        return version == ProtocolVersion.SSL_3_0 ? 36 : 12;
    }

    /** The session hash of RFC 7627 §3: the transcript hash through ClientKeyExchange. */
    public static byte[] sessionHash(HandshakeContext context) {
        return context.version == ProtocolVersion.TLS_1_2
                ? context.transcript().hash(context.crypto(), context.cipherSuite.prfHash())
                : context.transcript().md5AndSha1(context.crypto());
    }

    /** Derives the master secret (extended when negotiated) and logs it. */
    public static void deriveMasterSecret(HandshakeContext context, byte[] preMasterSecret) {
        LegacyKeySchedule schedule = new LegacyKeySchedule(context.crypto(), context.version, context.cipherSuite);
        context.masterSecret = context.extendedMasterSecret
                ? schedule.extendedMasterSecret(preMasterSecret, sessionHash(context))
                : schedule.masterSecret(preMasterSecret, context.clientRandom, context.serverRandom);
        java.util.Arrays.fill(preMasterSecret, (byte) 0);
        context.logSecret("CLIENT_RANDOM", context.masterSecret);
    }

    /** Wraps a TlsException that is not already an alert as internal_error. */
    public static TlsAlertException internalError(String what, TlsException cause) {
        if (cause instanceof TlsAlertException alert) {
            return alert;
        }
        return TlsAlertException.local(AlertDescription.INTERNAL_ERROR, what + ": " + cause.getMessage(), cause);
    }
}
