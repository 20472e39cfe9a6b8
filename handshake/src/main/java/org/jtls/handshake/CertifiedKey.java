package org.jtls.handshake;

import java.util.List;
import java.util.Objects;
import org.jtls.crypto.PrivateKeyMaterial;
import org.jtls.crypto.PublicKeyMaterial;

/**
 * A certificate chain (leaf first, DER) and the private key of its leaf: what a server presents,
 * or a client when asked for a certificate.
 *
 * @param pssOnly      whether the leaf's key is an id-RSASSA-PSS key, usable only for rsa_pss_pss_*
 * @param ocspResponse a DER OCSPResponse for the leaf to staple (RFC 6066 §8), or null
 */
public record CertifiedKey(List<byte[]> chain, PrivateKeyMaterial privateKey, boolean pssOnly, byte[] ocspResponse) {
    public CertifiedKey {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = chain.stream().map(byte[]::clone).toList();
        ocspResponse = ocspResponse == null ? null : ocspResponse.clone();
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certified key needs at least its leaf certificate");
        }
    }

    public CertifiedKey(List<byte[]> chain, PrivateKeyMaterial privateKey) {
        this(chain, privateKey, false, null);
    }

    public CertifiedKey(List<byte[]> chain, PrivateKeyMaterial privateKey, boolean pssOnly) {
        this(chain, privateKey, pssOnly, null);
    }

    /** A copy that staples {@code response}. */
    public CertifiedKey withOcspResponse(byte[] response) {
        return new CertifiedKey(chain, privateKey, pssOnly, response);
    }

    @Override
    public byte[] ocspResponse() {
        return ocspResponse == null ? null : ocspResponse.clone();
    }

    @Override
    public List<byte[]> chain() {
        return chain.stream().map(byte[]::clone).toList();
    }

    public PublicKeyMaterial publicKey() {
        return privateKey.publicKey();
    }
}
