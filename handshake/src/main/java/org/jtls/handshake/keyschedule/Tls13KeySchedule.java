package org.jtls.handshake.keyschedule;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jtls.crypto.AeadAlgorithm;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1–7.5) for one hash: HKDF-Expand-Label, Derive-Secret, the
 * early / handshake / master secret chain, traffic keys, Finished keys, KeyUpdate, resumption PSKs
 * and exporters. Stateless: each method is a pure function of its inputs.
 */
public final class Tls13KeySchedule {
    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private final CryptoBackend crypto;
    private final HashAlgorithm hash;
    private final byte[] zeros;
    private final byte[] emptyHash;

    public Tls13KeySchedule(CryptoBackend crypto, HashAlgorithm hash) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        if (hash != HashAlgorithm.SHA256 && hash != HashAlgorithm.SHA384) {
            throw new IllegalArgumentException("TLS 1.3 suites hash with SHA-256 or SHA-384, not " + hash);
        }
        this.hash = hash;
        this.zeros = new byte[hash.outputLength()];
        this.emptyHash = crypto.digest(hash).finish();
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** A fresh transcript hash for this suite. */
    public Digest newTranscript() {
        return crypto.digest(hash);
    }

    /**
     * {@code HKDF-Expand-Label(Secret, Label, Context, Length)} with
     * {@code HkdfLabel = length (2) || opaque label<7..255> = "tls13 " + Label || opaque context<0..255>}.
     */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        int fullLabelLength = LABEL_PREFIX.length + labelBytes.length;
        if (fullLabelLength > 255 || context.length > 255 || length > 0xFFFF || length < 0) {
            throw new IllegalArgumentException("HkdfLabel field out of range");
        }
        byte[] info = new byte[2 + 1 + fullLabelLength + 1 + context.length];
        int offset = 0;
        info[offset++] = (byte) (length >>> 8);
        info[offset++] = (byte) length;
        info[offset++] = (byte) fullLabelLength;
        System.arraycopy(LABEL_PREFIX, 0, info, offset, LABEL_PREFIX.length);
        offset += LABEL_PREFIX.length;
        System.arraycopy(labelBytes, 0, info, offset, labelBytes.length);
        offset += labelBytes.length;
        info[offset++] = (byte) context.length;
        System.arraycopy(context, 0, info, offset, context.length);
        return crypto.hkdfExpand(hash, secret, info, length);
    }

    /** {@code Derive-Secret(Secret, Label, Messages)}, given {@code Transcript-Hash(Messages)}. */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.outputLength());
    }

    /** {@code HKDF-Extract(0, PSK)}, or of Hash.length zeros when there is no PSK. */
    public byte[] earlySecret(byte[] psk) {
        return crypto.hkdfExtract(hash, zeros, psk == null ? zeros : psk);
    }

    /** {@code HKDF-Extract(Derive-Secret(early_secret, "derived", ""), (EC)DHE)}. */
    public byte[] handshakeSecret(byte[] earlySecret, byte[] sharedSecret) {
        return crypto.hkdfExtract(hash, deriveSecret(earlySecret, "derived", emptyHash), sharedSecret);
    }

    /** {@code HKDF-Extract(Derive-Secret(handshake_secret, "derived", ""), 0)}. */
    public byte[] masterSecret(byte[] handshakeSecret) {
        return crypto.hkdfExtract(hash, deriveSecret(handshakeSecret, "derived", emptyHash), zeros);
    }

    /** {@code binder_key}: "res binder" for resumption PSKs, "ext binder" for external ones. */
    public byte[] binderKey(byte[] earlySecret, boolean resumption) {
        return deriveSecret(earlySecret, resumption ? "res binder" : "ext binder", emptyHash);
    }

    /** RFC 8446 §7.3: the record key and IV of a traffic secret. */
    public TrafficKeys trafficKeys(byte[] trafficSecret, AeadAlgorithm aead) {
        return new TrafficKeys(expandLabel(trafficSecret, "key", new byte[0], aead.keyLength()),
                expandLabel(trafficSecret, "iv", new byte[0], aead.nonceLength()));
    }

    /**
     * RFC 8446 §4.4.4: {@code verify_data = HMAC(finished_key, Transcript-Hash(...))} with
     * {@code finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)}. Binders use the
     * same computation with the binder key as BaseKey (§4.2.11.2).
     */
    public byte[] finishedVerifyData(byte[] baseKey, byte[] transcriptHash) {
        byte[] finishedKey = expandLabel(baseKey, "finished", new byte[0], hash.outputLength());
        Mac mac = crypto.hmac(hash, finishedKey);
        mac.update(transcriptHash);
        return mac.finish();
    }

    /** RFC 8446 §7.2: {@code application_traffic_secret_N+1}. */
    public byte[] nextTrafficSecret(byte[] trafficSecret) {
        return expandLabel(trafficSecret, "traffic upd", new byte[0], hash.outputLength());
    }

    /** RFC 8446 §4.6.1: the PSK a NewSessionTicket with {@code ticketNonce} stands for. */
    public byte[] resumptionPsk(byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return expandLabel(resumptionMasterSecret, "resumption", ticketNonce, hash.outputLength());
    }

    /**
     * RFC 8446 §7.5: {@code HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter",
     * Hash(context_value), key_length)}.
     */
    public byte[] exportKeyingMaterial(byte[] exporterMasterSecret, String label, byte[] context, int length) {
        Digest contextHash = crypto.digest(hash);
        contextHash.update(context == null ? new byte[0] : context);
        byte[] secret = deriveSecret(exporterMasterSecret, label, emptyHash);
        return expandLabel(secret, "exporter", contextHash.finish(), length);
    }

    /** Transcript-Hash of no messages: Hash(""). */
    public byte[] emptyHash() {
        return emptyHash.clone();
    }

    /** A traffic key and IV. */
    public record TrafficKeys(byte[] key, byte[] iv) {
    }
}
