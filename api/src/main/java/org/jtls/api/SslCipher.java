package org.jtls.api;

import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.BulkCipher;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;

/**
 * A cipher suite as Qt's {@code QSslCipher} describes it, with the field spellings OpenSSL's
 * {@code SSL_CIPHER_description} uses ({@code Kx=ECDH Au=RSA Enc=AESGCM(128)}), which is where Qt
 * takes them from. Immutable; equal when the suites are.
 */
public final class SslCipher {
    private final CipherSuite suite;

    private SslCipher(CipherSuite suite) {
        this.suite = Objects.requireNonNull(suite, "suite");
    }

    public static SslCipher of(CipherSuite suite) {
        return new SslCipher(suite);
    }

    /** The suite with this OpenSSL or IANA name, ignoring case, if jtls implements it. */
    public static Optional<SslCipher> fromName(String name) {
        return CipherSuite.fromName(name).map(SslCipher::new);
    }

    /**
     * Qt's {@code QSslCipher(name, protocol)}: the suite with this name, if it is usable with
     * {@code protocol}'s versions.
     */
    public static Optional<SslCipher> fromName(String name, SslProtocol protocol) {
        return fromName(name).filter(cipher -> protocol.versions().stream().anyMatch(cipher.suite::supports));
    }

    /** The registry entry. */
    public CipherSuite suite() {
        return suite;
    }

    /** The OpenSSL name ({@code ECDHE-RSA-AES128-GCM-SHA256}; TLS 1.3 suites keep their IANA name). */
    public String name() {
        return suite.opensslName();
    }

    public String ianaName() {
        return suite.ianaName();
    }

    /**
     * The oldest protocol the suite is defined for, as OpenSSL reports it: {@link SslProtocol#SSL_V3}
     * for the SHA-1 CBC suites, {@link SslProtocol#TLS_V1_2} for AEAD and SHA-2 suites,
     * {@link SslProtocol#TLS_V1_3} for TLS 1.3 suites.
     */
    public SslProtocol protocol() {
        return SslProtocol.of(suite.minimumVersion());
    }

    /** {@link #protocol()} as OpenSSL names it: {@code SSLv3}, {@code TLSv1.2}, {@code TLSv1.3}. */
    public String protocolString() {
        ProtocolVersion version = suite.minimumVersion();
        return version.opensslName();
    }

    /** {@code ECDH}, {@code DH}, {@code RSA}, or {@code any} for TLS 1.3 suites. */
    public String keyExchangeMethod() {
        return switch (suite.keyExchange()) {
            case ECDHE -> "ECDH";
            case DHE -> "DH";
            case RSA -> "RSA";
            case ANY -> "any";
        };
    }

    /** {@code RSA}, {@code ECDSA}, or {@code any} for TLS 1.3 suites. */
    public String authenticationMethod() {
        return switch (suite.authentication()) {
            case RSA -> "RSA";
            case ECDSA -> "ECDSA";
            case ANY -> "any";
        };
    }

    /** {@code AESGCM(128)}, {@code CHACHA20/POLY1305(256)}, {@code AES(256)}, {@code 3DES(168)}, {@code None}. */
    public String encryptionMethod() {
        BulkCipher cipher = suite.cipher();
        return switch (cipher) {
            case NULL -> "None";
            case TRIPLE_DES_EDE_CBC -> "3DES(168)";
            case AES_128_CBC, AES_256_CBC -> "AES(" + supportedBits() + ")";
            case AES_128_GCM, AES_256_GCM -> "AESGCM(" + supportedBits() + ")";
            case AES_128_CCM, AES_256_CCM -> "AESCCM(" + supportedBits() + ")";
            case AES_128_CCM_8, AES_256_CCM_8 -> "AESCCM8(" + supportedBits() + ")";
            case CHACHA20_POLY1305 -> "CHACHA20/POLY1305(256)";
        };
    }

    /** The effective strength in bits: 112 for triple DES, the key size otherwise, 0 for NULL. */
    public int usedBits() {
        return suite.cipher().strengthBits();
    }

    /** The key size in bits: 168 for triple DES (of which 112 count), 0 for NULL. */
    public int supportedBits() {
        return suite.cipher() == BulkCipher.TRIPLE_DES_EDE_CBC ? 168 : suite.cipher().keyLength() * 8;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SslCipher that && suite == that.suite;
    }

    @Override
    public int hashCode() {
        return suite.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
