package org.jtls.handshake.keyschedule;

import java.util.Arrays;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * Key derivation of SSL 3.0 through TLS 1.2: the master secret (RFC 5246 §8.1, the extended master
 * secret of RFC 7627 §4, SSL 3.0's RFC 6101 §6.1), the key block and its partition into write keys
 * (RFC 5246 §6.3), and the Finished verify_data (RFC 5246 §7.4.9, RFC 2246 §7.4.9, RFC 6101 §5.6.9).
 */
public final class LegacyKeySchedule {
    /** Length of every pre-1.3 master secret. */
    public static final int MASTER_SECRET_LENGTH = 48;
    private static final byte[] SSL3_CLIENT_SENDER = {0x43, 0x4C, 0x4E, 0x54}; // "CLNT"
    private static final byte[] SSL3_SERVER_SENDER = {0x53, 0x52, 0x56, 0x52}; // "SRVR"

    private final CryptoBackend crypto;
    private final ProtocolVersion version;
    private final CipherSuite suite;
    private final Prf prf;

    public LegacyKeySchedule(CryptoBackend crypto, ProtocolVersion version, CipherSuite suite) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.version = Objects.requireNonNull(version, "version");
        this.suite = Objects.requireNonNull(suite, "suite");
        if (version == ProtocolVersion.TLS_1_3 || !suite.supports(version)) {
            throw new IllegalArgumentException(suite.ianaName() + " cannot be used with " + version.displayName());
        }
        this.prf = Prf.forVersion(crypto, version, version == ProtocolVersion.TLS_1_2 ? suite.prfHash() : null);
    }

    public Prf prf() {
        return prf;
    }

    /** {@code master_secret = PRF(pre_master_secret, "master secret", client_random + server_random)[0..47]}. */
    public byte[] masterSecret(byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        byte[] randoms = concat(clientRandom, serverRandom);
        if (version == ProtocolVersion.SSL_3_0) {
            return prf.ssl3(preMasterSecret, randoms, MASTER_SECRET_LENGTH);
        }
        return prf.compute(preMasterSecret, "master secret", randoms, MASTER_SECRET_LENGTH);
    }

    /**
     * RFC 7627 §4: {@code PRF(pre_master_secret, "extended master secret", session_hash)[0..47]}, where
     * session_hash is the handshake transcript hash through ClientKeyExchange. Not defined for SSL 3.0.
     */
    public byte[] extendedMasterSecret(byte[] preMasterSecret, byte[] sessionHash) {
        if (version == ProtocolVersion.SSL_3_0) {
            throw new IllegalStateException("SSL 3.0 has no extended master secret");
        }
        return prf.compute(preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /** The key block cut into the six write secrets (RFC 5246 §6.3), lengths from the suite and version. */
    public KeyBlock keyBlock(byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        int macLength = suite.mac().macLength();
        int keyLength = suite.cipher().keyLength();
        int ivLength = suite.cipher().fixedIvLength(version);
        int total = 2 * (macLength + keyLength + ivLength);
        byte[] randoms = concat(serverRandom, clientRandom);
        byte[] block = version == ProtocolVersion.SSL_3_0
                ? prf.ssl3(masterSecret, randoms, total)
                : prf.compute(masterSecret, "key expansion", randoms, total);
        int offset = 0;
        byte[] clientMac = Arrays.copyOfRange(block, offset, offset += macLength);
        byte[] serverMac = Arrays.copyOfRange(block, offset, offset += macLength);
        byte[] clientKey = Arrays.copyOfRange(block, offset, offset += keyLength);
        byte[] serverKey = Arrays.copyOfRange(block, offset, offset += keyLength);
        byte[] clientIv = Arrays.copyOfRange(block, offset, offset += ivLength);
        byte[] serverIv = Arrays.copyOfRange(block, offset, offset + ivLength);
        Arrays.fill(block, (byte) 0);
        return new KeyBlock(new WriteKeys(clientMac, clientKey, clientIv), new WriteKeys(serverMac, serverKey, serverIv));
    }

    /** A fresh running hash of the kind this version's Finished needs (see {@link #finishedVerifyData}). */
    public TranscriptHashes newTranscript() {
        return version == ProtocolVersion.TLS_1_2
                ? new TranscriptHashes(crypto.digest(suite.prfHash()), null)
                : new TranscriptHashes(crypto.digest(HashAlgorithm.MD5), crypto.digest(HashAlgorithm.SHA1));
    }

    /**
     * The Finished verify_data for the transcript so far (the transcript is not disturbed):
     * TLS 1.2: {@code PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]};
     * TLS 1.0/1.1: the same with {@code MD5(handshake_messages) + SHA-1(handshake_messages)};
     * SSL 3.0 (36 bytes): {@code MD5(master + pad2 + MD5(messages + Sender + master + pad1)) +
     * SHA(master + pad2 + SHA(messages + Sender + master + pad1))}.
     */
    public byte[] finishedVerifyData(byte[] masterSecret, TranscriptHashes transcript, boolean fromClient) {
        if (version == ProtocolVersion.SSL_3_0) {
            byte[] sender = fromClient ? SSL3_CLIENT_SENDER : SSL3_SERVER_SENDER;
            return concat(ssl3Finished(transcript.first().fork(), 48, masterSecret, sender),
                    ssl3Finished(transcript.second().fork(), 40, masterSecret, sender));
        }
        String label = fromClient ? "client finished" : "server finished";
        return prf.compute(masterSecret, label, transcript.current(), 12);
    }

    /**
     * SSL 3.0 CertificateVerify's signed value (RFC 6101 §5.6.8), 36 bytes:
     * {@code MD5(master + pad_2 + MD5(handshake_messages + master + pad_1)) +
     * SHA(master + pad_2 + SHA(handshake_messages + master + pad_1))}, the Finished construction
     * without a Sender.
     */
    public byte[] ssl3CertificateVerifyHashes(byte[] masterSecret, TranscriptHashes transcript) {
        if (version != ProtocolVersion.SSL_3_0) {
            throw new IllegalStateException("the SSL 3.0 CertificateVerify hashes in " + version);
        }
        byte[] noSender = new byte[0];
        return concat(ssl3Finished(transcript.first().fork(), 48, masterSecret, noSender),
                ssl3Finished(transcript.second().fork(), 40, masterSecret, noSender));
    }

    private byte[] ssl3Finished(Digest messages, int padLength, byte[] masterSecret, byte[] sender) {
        byte[] pad1 = new byte[padLength];
        byte[] pad2 = new byte[padLength];
        Arrays.fill(pad1, (byte) 0x36);
        Arrays.fill(pad2, (byte) 0x5c);
        messages.update(sender);
        messages.update(masterSecret);
        messages.update(pad1);
        byte[] inner = messages.finish();
        Digest outer = crypto.digest(messages.algorithm());
        outer.update(masterSecret);
        outer.update(pad2);
        outer.update(inner);
        return outer.finish();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /** One direction's record keys: {@code [sender]_write_MAC_key}, {@code _key}, {@code _IV}. */
    public record WriteKeys(byte[] macKey, byte[] encryptionKey, byte[] fixedIv) {
    }

    /** Both directions' keys. */
    public record KeyBlock(WriteKeys client, WriteKeys server) {
    }

    /**
     * The running handshake hash of TLS ≤ 1.2: one digest (TLS 1.2's PRF hash) or the MD5 and SHA-1
     * pair of older versions, whose concatenation {@link #current()} returns.
     */
    public record TranscriptHashes(Digest first, Digest second) {
        public void update(byte[] message) {
            first.update(message);
            if (second != null) {
                second.update(message);
            }
        }

        public byte[] current() {
            return second == null ? first.current() : concat(first.current(), second.current());
        }
    }
}
