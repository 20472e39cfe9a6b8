package org.jtls.handshake.keyschedule;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.Mac;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * The pseudo-random functions of TLS 1.0–1.2 and SSL 3.0's key derivation:
 * <ul>
 *   <li>TLS 1.2 (RFC 5246 §5): {@code PRF(secret, label, seed) = P_hash(secret, label + seed)} with the
 *       suite's PRF hash (SHA-256 unless the suite says SHA-384);</li>
 *   <li>TLS 1.0/1.1 (RFC 2246 §5, RFC 4346 §5): {@code P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed)},
 *       S1 and S2 the two halves of the secret, sharing the middle byte when its length is odd;</li>
 *   <li>SSL 3.0 (RFC 6101 §6.1–6.2.2): the MD5/SHA-1 construction with the salts "A", "BB", "CCC", …
 *       (it takes no label; {@link #ssl3}).</li>
 * </ul>
 */
public final class Prf {
    private final CryptoBackend crypto;
    private final ProtocolVersion version;
    private final HashAlgorithm tls12Hash;

    private Prf(CryptoBackend crypto, ProtocolVersion version, HashAlgorithm tls12Hash) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.version = Objects.requireNonNull(version, "version");
        this.tls12Hash = tls12Hash;
    }

    /** The PRF for {@code version}; {@code prfHash} matters only for TLS 1.2. */
    public static Prf forVersion(CryptoBackend crypto, ProtocolVersion version, HashAlgorithm prfHash) {
        if (version == ProtocolVersion.TLS_1_3) {
            throw new IllegalArgumentException("TLS 1.3 derives keys with HKDF, not a PRF");
        }
        if (version == ProtocolVersion.TLS_1_2) {
            Objects.requireNonNull(prfHash, "prfHash");
            if (prfHash != HashAlgorithm.SHA256 && prfHash != HashAlgorithm.SHA384) {
                throw new IllegalArgumentException("TLS 1.2 PRF hash must be SHA-256 or SHA-384, not " + prfHash);
            }
        }
        return new Prf(crypto, version, prfHash);
    }

    public ProtocolVersion version() {
        return version;
    }

    /**
     * {@code PRF(secret, label, seed)[0..length)}. For SSL 3.0 the label must be empty and the
     * SSL 3.0 derivation is used instead ({@link #ssl3}).
     */
    public byte[] compute(byte[] secret, String label, byte[] seed, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative PRF output length");
        }
        byte[] labelAndSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        return switch (version) {
            case TLS_1_2 -> pHash(tls12Hash, secret, labelAndSeed, length);
            case TLS_1_0, TLS_1_1 -> {
                int half = (secret.length + 1) / 2;
                byte[] s1 = Arrays.copyOfRange(secret, 0, half);
                byte[] s2 = Arrays.copyOfRange(secret, secret.length - half, secret.length);
                byte[] md5 = pHash(HashAlgorithm.MD5, s1, labelAndSeed, length);
                byte[] sha1 = pHash(HashAlgorithm.SHA1, s2, labelAndSeed, length);
                for (int i = 0; i < length; i++) {
                    md5[i] ^= sha1[i];
                }
                yield md5;
            }
            case SSL_3_0 -> {
                if (!label.isEmpty()) {
                    throw new IllegalArgumentException("SSL 3.0 has no labelled PRF; use ssl3()");
                }
                yield ssl3(secret, seed, length);
            }
            case TLS_1_3 -> throw new IllegalStateException("unreachable: TLS 1.3 has no PRF");
        };
    }

    /** {@code P_hash(secret, seed)} of RFC 5246 §5, truncated to {@code length}. */
    private byte[] pHash(HashAlgorithm hash, byte[] secret, byte[] seed, int length) {
        Mac mac = crypto.hmac(hash, secret);
        byte[] output = new byte[length];
        byte[] a = seed;
        int written = 0;
        while (written < length) {
            mac.update(a);
            a = mac.finish(); // A(i) = HMAC(secret, A(i-1))
            mac.update(a);
            mac.update(seed);
            byte[] block = mac.finish();
            int count = Math.min(block.length, length - written);
            System.arraycopy(block, 0, output, written, count);
            written += count;
        }
        return output;
    }

    /**
     * SSL 3.0's derivation (RFC 6101 §6.1 and §6.2.2):
     * {@code MD5(secret + SHA('A' + secret + seed)) + MD5(secret + SHA('BB' + secret + seed)) + …}.
     * For the master secret the seed is {@code client_random + server_random}; for the key block it is
     * {@code server_random + client_random}.
     */
    public byte[] ssl3(byte[] secret, byte[] seed, int length) {
        int rounds = (length + 15) / 16;
        if (rounds > 26) {
            throw new IllegalArgumentException("SSL 3.0 derivation yields at most 416 bytes");
        }
        Digest md5 = crypto.digest(HashAlgorithm.MD5);
        Digest sha1 = crypto.digest(HashAlgorithm.SHA1);
        byte[] output = new byte[rounds * 16];
        for (int round = 0; round < rounds; round++) {
            byte[] salt = new byte[round + 1];
            Arrays.fill(salt, (byte) ('A' + round));
            sha1.update(salt);
            sha1.update(secret);
            sha1.update(seed);
            md5.update(secret);
            md5.update(sha1.finish());
            System.arraycopy(md5.finish(), 0, output, round * 16, 16);
        }
        return Arrays.copyOf(output, length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
