package org.jtls.handshake.core;

import java.io.ByteArrayOutputStream;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.record.HandshakeMessage;

/**
 * The handshake messages of the current handshake, exactly as sent and received. TLS ≤ 1.2 signs
 * and hashes them with a hash that is known only once the suite is chosen (and CertificateVerify
 * signs the messages themselves), so they are kept whole; hashes are computed on demand.
 */
public final class Transcript {
    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    public void add(HandshakeMessage message) {
        messages.writeBytes(message.encoded());
    }

    /** Appends raw transcript bytes (restoring a saved transcript). */
    public void addBytes(byte[] bytes) {
        messages.writeBytes(bytes);
    }

    /** Everything so far. */
    public byte[] bytes() {
        return messages.toByteArray();
    }

    public byte[] hash(CryptoBackend crypto, HashAlgorithm algorithm) {
        Digest digest = crypto.digest(algorithm);
        digest.update(messages.toByteArray());
        return digest.finish();
    }

    /** TLS 1.0/1.1's handshake hash: MD5 then SHA-1 of the messages. */
    public byte[] md5AndSha1(CryptoBackend crypto) {
        byte[] md5 = hash(crypto, HashAlgorithm.MD5);
        byte[] sha1 = hash(crypto, HashAlgorithm.SHA1);
        byte[] both = java.util.Arrays.copyOf(md5, md5.length + sha1.length);
        System.arraycopy(sha1, 0, both, md5.length, sha1.length);
        return both;
    }

    public void reset() {
        messages.reset();
    }
}
