package org.jtls.x509.ocsp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.CryptoBackend;
import org.jtls.crypto.Digest;
import org.jtls.crypto.HashAlgorithm;
import org.jtls.x509.algorithm.AlgorithmIdentifier;
import org.jtls.x509.algorithm.KnownAlgorithm;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.DerWriter;

/**
 * {@code CertID} (RFC 6960 §4.1.1): a certificate named by its issuer and serial number.
 *
 * <pre>
 * CertID ::= SEQUENCE {
 *     hashAlgorithm   AlgorithmIdentifier,
 *     issuerNameHash  OCTET STRING, -- Hash of issuer's DN
 *     issuerKeyHash   OCTET STRING, -- Hash of issuer's public key
 *     serialNumber    CertificateSerialNumber }
 * </pre>
 *
 * The issuer key hash covers the issuer's subjectPublicKey BIT STRING without its tag, length and
 * unused-bits octet: the key bits themselves, as every implementation computes it (OpenSSL's
 * {@code X509_pubkey_digest}, Bouncy Castle's {@code CertificateID}). Hash algorithms jtls computes
 * here: SHA-1, SHA-256, SHA-384 and SHA-512, with absent or NULL parameters.
 */
public final class CertId {
    private final AlgorithmIdentifier hashAlgorithm;
    private final byte[] issuerNameHash;
    private final byte[] issuerKeyHash;
    private final BigInteger serialNumber;

    public CertId(AlgorithmIdentifier hashAlgorithm, byte[] issuerNameHash, byte[] issuerKeyHash,
            BigInteger serialNumber) {
        this.hashAlgorithm = Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        this.issuerNameHash = issuerNameHash.clone();
        this.issuerKeyHash = issuerKeyHash.clone();
        this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
    }

    /** The CertID of {@code leaf}, issued by {@code issuer}, with {@code hash} (SHA-1 or a SHA-2). */
    public static CertId of(Certificate leaf, Certificate issuer, HashAlgorithm hash, CryptoBackend crypto) {
        if (!usableForCertId(hash)) {
            throw new IllegalArgumentException(hash.standardName() + " is not used for OCSP CertIDs");
        }
        AlgorithmIdentifier identifier = AlgorithmIdentifier.withNullParameters(KnownAlgorithm.hashFunction(hash).oid());
        return new CertId(identifier, digest(hash, crypto, leaf.issuer().encoded()), keyHash(issuer, hash, crypto),
                leaf.serialNumber());
    }

    static CertId decode(DerReader reader) throws DerException {
        DerReader sequence = reader.readSequence();
        AlgorithmIdentifier hashAlgorithm = AlgorithmIdentifier.decode(sequence);
        byte[] issuerNameHash = sequence.readOctetString();
        byte[] issuerKeyHash = sequence.readOctetString();
        BigInteger serialNumber = sequence.readInteger();
        sequence.end();
        return new CertId(hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber);
    }

    public void encode(DerWriter writer) {
        writer.writeSequence(sequence -> {
            hashAlgorithm.encode(sequence);
            sequence.writeOctetString(issuerNameHash).writeOctetString(issuerKeyHash).writeInteger(serialNumber);
        });
    }

    /** The hash function of {@link #hashAlgorithm()}, when it is one jtls computes for CertIDs. */
    public Optional<HashAlgorithm> hash() {
        KnownAlgorithm known = hashAlgorithm.knownAlgorithm();
        if (known == null || (hashAlgorithm.hasParameters() && !hashAlgorithm.hasNullParameters())) {
            return Optional.empty();
        }
        HashAlgorithm hash = known.hash();
        boolean isHashFunction = hash != null && KnownAlgorithm.hashFunction(hash) == known;
        return isHashFunction && usableForCertId(hash) ? Optional.of(hash) : Optional.empty();
    }

    /**
     * Whether this names {@code leaf} as issued by {@code issuer}: same serial number, and both
     * hashes equal to those computed with this CertID's hash algorithm. The name hash is over the
     * leaf's issuer field as encoded (RFC 6960 §4.1.1); the issuer's subject field is accepted too,
     * for the rare chain where the two names match under RFC 5280 §7.1 but are encoded
     * differently. The key hash is what ties the answer to the issuer's key.
     */
    public boolean identifies(Certificate leaf, Certificate issuer, CryptoBackend crypto) {
        Optional<HashAlgorithm> hash = hash();
        if (hash.isEmpty() || !serialNumber.equals(leaf.serialNumber())) {
            return false;
        }
        if (!Arrays.equals(issuerKeyHash, keyHash(issuer, hash.get(), crypto))) {
            return false;
        }
        return Arrays.equals(issuerNameHash, digest(hash.get(), crypto, leaf.issuer().encoded()))
                || Arrays.equals(issuerNameHash, digest(hash.get(), crypto, issuer.subject().encoded()));
    }

    public AlgorithmIdentifier hashAlgorithm() {
        return hashAlgorithm;
    }

    public byte[] issuerNameHash() {
        return issuerNameHash.clone();
    }

    public byte[] issuerKeyHash() {
        return issuerKeyHash.clone();
    }

    public BigInteger serialNumber() {
        return serialNumber;
    }

    /** The hash of a certificate's subjectPublicKey bits, as CertID and ResponderID byKey use it. */
    static byte[] keyHash(Certificate certificate, HashAlgorithm hash, CryptoBackend crypto) {
        return digest(hash, crypto, certificate.subjectPublicKeyInfo().subjectPublicKey().bytes());
    }

    static byte[] digest(HashAlgorithm hash, CryptoBackend crypto, byte[] input) {
        Digest digest = crypto.digest(hash);
        digest.update(input);
        return digest.finish();
    }

    /** SHA-1 (RFC 6960's default) and SHA-2; MD5 and SHA-224 are not accepted. */
    private static boolean usableForCertId(HashAlgorithm hash) {
        return switch (hash) {
            case SHA1, SHA256, SHA384, SHA512 -> true;
            default -> false;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertId that && hashAlgorithm.algorithm().equals(that.hashAlgorithm.algorithm())
                && Arrays.equals(issuerNameHash, that.issuerNameHash) && Arrays.equals(issuerKeyHash, that.issuerKeyHash)
                && serialNumber.equals(that.serialNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hashAlgorithm.algorithm(), serialNumber) * 31 + Arrays.hashCode(issuerKeyHash);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "CertID[" + hashAlgorithm.name() + ", issuerNameHash=" + hex.formatHex(issuerNameHash)
                + ", issuerKeyHash=" + hex.formatHex(issuerKeyHash) + ", serial=" + serialNumber.toString(16) + "]";
    }
}
