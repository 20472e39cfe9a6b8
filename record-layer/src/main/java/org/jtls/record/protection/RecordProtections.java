package org.jtls.record.protection;

import java.security.SecureRandom;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.crypto.registry.BulkCipher;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * Builds the right {@link RecordProtection} for a negotiated suite and version from the keys the
 * handshake derived (the TLS ≤ 1.2 key block, RFC 5246 §6.3, or the TLS 1.3 traffic keys,
 * RFC 8446 §7.3).
 */
public final class RecordProtections {
    private RecordProtections() {
    }

    /**
     * Protection for TLS 1.2 and older (including SSL 3.0).
     *
     * @param macKey         {@code [sender]_write_MAC_key}; empty for AEAD suites
     * @param encryptionKey  {@code [sender]_write_key}; empty for NULL
     * @param fixedIv        {@code [sender]_write_IV}: the AEAD salt/IV, or the CBC IV of SSL 3.0 / TLS 1.0;
     *                       empty where the suite and version derive none
     * @param encryptThenMac whether RFC 7366 was negotiated (CBC suites only)
     * @param random         for the explicit CBC IVs of TLS 1.1+
     */
    public static RecordProtection legacy(CryptoBackend crypto, ProtocolVersion version, CipherSuite suite,
            byte[] macKey, byte[] encryptionKey, byte[] fixedIv, boolean encryptThenMac, SecureRandom random) {
        if (version == ProtocolVersion.TLS_1_3 || suite.isTls13()) {
            throw new IllegalArgumentException("use tls13() for TLS 1.3");
        }
        if (!suite.supports(version)) {
            throw new IllegalArgumentException(suite.ianaName() + " is not defined for " + version.displayName());
        }
        BulkCipher cipher = suite.cipher();
        if (cipher.isAead()) {
            return new Tls12AeadProtection(crypto, cipher.aeadAlgorithm().orElseThrow(), encryptionKey, fixedIv);
        }
        HashAlgorithm macHash = suite.mac().hash()
                .orElseThrow(() -> new IllegalArgumentException(suite.ianaName() + " has no MAC"));
        if (cipher == BulkCipher.NULL) {
            return new NullCipherProtection(crypto, version, macHash, macKey);
        }
        return new CbcProtection(crypto, version, cipher.cbcAlgorithm().orElseThrow(), encryptionKey, fixedIv,
                macHash, macKey, encryptThenMac, random);
    }

    /**
     * TLS 1.3 protection from a traffic key and IV (RFC 8446 §7.3).
     */
    public static RecordProtection tls13(CryptoBackend crypto, CipherSuite suite, byte[] key, byte[] iv,
            PaddingPolicy padding) {
        if (!suite.isTls13()) {
            throw new IllegalArgumentException(suite.ianaName() + " is not a TLS 1.3 suite");
        }
        return new Tls13AeadProtection(crypto, suite.cipher().aeadAlgorithm().orElseThrow(), key, iv, padding);
    }
}
