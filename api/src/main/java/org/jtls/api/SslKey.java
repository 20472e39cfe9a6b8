package org.jtls.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.CryptoBackends;
import org.jtls.crypto.EcPublicKey;
import org.jtls.crypto.EdPublicKey;
import org.jtls.crypto.EdwardsCurve;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;
import org.jtls.crypto.RsaPublicKey;
import org.jtls.x509.der.DerException;
import org.jtls.x509.key.DecodedPrivateKey;
import org.jtls.x509.key.KeyFormatException;
import org.jtls.x509.key.PrivateKeyReader;
import org.jtls.x509.key.PrivateKeyWriter;
import org.jtls.x509.key.SubjectPublicKeyInfo;
import org.jtls.x509.pem.Pem;
import org.jtls.x509.pem.PemBlock;
import org.jtls.x509.pem.PemException;

/**
 * A private or public key (Qt's {@code QSslKey}). Private keys are read from PKCS#8 (plain or
 * encrypted), PKCS#1, SEC 1 and OpenSSL's legacy encrypted PEM, and written as PKCS#8, encrypted
 * with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) when a passphrase is given. Public keys are
 * SubjectPublicKeyInfo ({@code PUBLIC KEY}). Immutable.
 */
public final class SslKey {
    /**
     * PBKDF2 rounds for keys written with a passphrase: the OWASP 2023 advice for
     * PBKDF2-HMAC-SHA256 (OpenSSL's default of 2048 is far below it).
     */
    public static final int DEFAULT_PBKDF2_ITERATIONS = 600_000;
    private static final String PUBLIC_KEY_LABEL = "PUBLIC KEY";

    private final KeyType type;
    private final DecodedPrivateKey privateKey;
    private final PublicKeyMaterial publicKey;

    private SslKey(KeyType type, DecodedPrivateKey privateKey, PublicKeyMaterial publicKey) {
        this.type = type;
        this.privateKey = privateKey;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /** A private key from its values. */
    public static SslKey ofPrivateKey(PrivateKeyMaterial key) {
        return ofPrivateKey(DecodedPrivateKey.of(key));
    }

    /** A private key as the x509 readers return it, keeping an RSASSA-PSS restriction. */
    public static SslKey ofPrivateKey(DecodedPrivateKey key) {
        return new SslKey(KeyType.PRIVATE_KEY, key, key.publicKey());
    }

    public static SslKey ofPublicKey(PublicKeyMaterial key) {
        return new SslKey(KeyType.PUBLIC_KEY, null, key);
    }

    /**
     * Reads a key. Private keys: any format {@link PrivateKeyReader} knows, in PEM or DER;
     * {@code passphrase} decrypts an encrypted one and may be {@code null} otherwise. Public keys:
     * a SubjectPublicKeyInfo, PEM label {@code PUBLIC KEY}.
     *
     * @throws SslFormatException when the data holds no such key, or the passphrase is missing or wrong
     */
    public static SslKey read(byte[] encoded, EncodingFormat format, KeyType type, char[] passphrase)
            throws SslFormatException {
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(type, "type");
        if (type == KeyType.PUBLIC_KEY) {
            return readPublicKey(encoded, format);
        }
        CryptoBackend crypto = CryptoBackends.defaultBackend();
        try {
            DecodedPrivateKey key = format == EncodingFormat.PEM
                    ? PrivateKeyReader.readPem(new String(encoded, StandardCharsets.ISO_8859_1), passphrase, crypto)
                    : PrivateKeyReader.readDer(encoded, passphrase, crypto);
            return ofPrivateKey(key);
        } catch (KeyFormatException e) {
            throw new SslFormatException("cannot read the private key: " + e.getMessage(), e);
        }
    }

    /**
     * Qt's constructor with an algorithm: as {@link #read(byte[], EncodingFormat, KeyType, char[])},
     * and the key must be of {@code algorithm}.
     */
    public static SslKey read(byte[] encoded, KeyAlgorithm algorithm, EncodingFormat format, KeyType type,
            char[] passphrase) throws SslFormatException {
        SslKey key = read(encoded, format, type, passphrase);
        if (key.algorithm() != algorithm) {
            throw new SslFormatException("the key is " + key.algorithm() + ", not " + algorithm);
        }
        return key;
    }

    /** Reads a key file; see {@link #read(byte[], EncodingFormat, KeyType, char[])}. */
    public static SslKey read(Path file, EncodingFormat format, KeyType type, char[] passphrase) throws IOException {
        return read(Files.readAllBytes(file), format, type, passphrase);
    }

    private static SslKey readPublicKey(byte[] encoded, EncodingFormat format) throws SslFormatException {
        byte[] der = encoded;
        try {
            if (format == EncodingFormat.PEM) {
                List<PemBlock> blocks = Pem.parse(encoded).stream()
                        .filter(block -> block.label().equals(PUBLIC_KEY_LABEL)).toList();
                if (blocks.size() != 1) {
                    throw new SslFormatException("expected one " + PUBLIC_KEY_LABEL + " block, found " + blocks.size());
                }
                der = blocks.get(0).data();
            }
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.decode(der);
            return ofPublicKey(info.publicKey().orElseThrow(() -> new SslFormatException(
                    "unsupported public key algorithm " + info.algorithm().name())));
        } catch (PemException | DerException e) {
            throw new SslFormatException("cannot read the public key: " + e.getMessage(), e);
        }
    }

    public KeyType type() {
        return type;
    }

    public KeyAlgorithm algorithm() {
        if (publicKey instanceof RsaPublicKey) {
            return KeyAlgorithm.RSA;
        }
        if (publicKey instanceof EcPublicKey) {
            return KeyAlgorithm.EC;
        }
        return ((EdPublicKey) publicKey).curve() == EdwardsCurve.ED25519 ? KeyAlgorithm.ED25519 : KeyAlgorithm.ED448;
    }

    /** The size in bits: RSA modulus bits, EC field bits (521 for P-521), 255 or 448 for the Edwards curves. */
    public int length() {
        return publicKey.bitLength();
    }

    /** Whether the key was stored as id-RSASSA-PSS and so may make only RSASSA-PSS signatures. */
    public boolean isRsaPssOnly() {
        return privateKey != null && privateKey.isRsaPssOnly();
    }

    /** The private key's values, for a private key. */
    public Optional<PrivateKeyMaterial> privateKeyMaterial() {
        return Optional.ofNullable(privateKey).map(DecodedPrivateKey::key);
    }

    /** The public key's values (for a private key, its public half). */
    public PublicKeyMaterial publicKeyMaterial() {
        return publicKey;
    }

    /** The public half of this key (this key, if it is public). */
    public SslKey publicKey() {
        return type == KeyType.PUBLIC_KEY ? this : ofPublicKey(publicKey);
    }

    /** Unencrypted PEM: {@code PRIVATE KEY} (PKCS#8) or {@code PUBLIC KEY}. */
    public String toPem() {
        return type == KeyType.PUBLIC_KEY ? Pem.encode(PUBLIC_KEY_LABEL, toDer()) : PrivateKeyWriter.pkcs8Pem(privateKey);
    }

    /** Unencrypted DER: PKCS#8 or SubjectPublicKeyInfo. */
    public byte[] toDer() {
        return type == KeyType.PUBLIC_KEY ? SubjectPublicKeyInfo.of(publicKey).encoded() : PrivateKeyWriter.pkcs8Der(privateKey);
    }

    /**
     * A private key as {@code ENCRYPTED PRIVATE KEY} PEM under {@code passphrase}, with
     * {@link #DEFAULT_PBKDF2_ITERATIONS}; a public key as {@link #toPem()} (Qt ignores the
     * passphrase for public keys too). A {@code null} or empty passphrase writes the key unencrypted.
     */
    public String toPem(char[] passphrase, SecureRandom random) {
        return toPem(passphrase, DEFAULT_PBKDF2_ITERATIONS, random);
    }

    public String toPem(char[] passphrase, int iterations, SecureRandom random) {
        if (type == KeyType.PUBLIC_KEY || passphrase == null || passphrase.length == 0) {
            return toPem();
        }
        return PrivateKeyWriter.encryptedPkcs8Pem(privateKey, passphrase, iterations, random,
                CryptoBackends.defaultBackend());
    }

    /** As {@link #toPem(char[], SecureRandom)}, in DER ({@code EncryptedPrivateKeyInfo}). */
    public byte[] toDer(char[] passphrase, SecureRandom random) {
        return toDer(passphrase, DEFAULT_PBKDF2_ITERATIONS, random);
    }

    public byte[] toDer(char[] passphrase, int iterations, SecureRandom random) {
        if (type == KeyType.PUBLIC_KEY || passphrase == null || passphrase.length == 0) {
            return toDer();
        }
        return PrivateKeyWriter.encryptedPkcs8Der(privateKey, passphrase, iterations, random,
                CryptoBackends.defaultBackend());
    }

    /** Keys are equal when type, values and restrictions are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SslKey that && type == that.type && publicKey.equals(that.publicKey)
                && Objects.equals(privateKey, that.privateKey);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + publicKey.hashCode();
    }

    /** Never shows secret values. */
    @Override
    public String toString() {
        return "SslKey[" + algorithm() + ", " + length() + " bits, " + type + "]";
    }
}
