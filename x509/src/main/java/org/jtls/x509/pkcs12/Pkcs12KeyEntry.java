package org.jtls.x509.pkcs12;

import java.util.List;
import java.util.Objects;
import org.jtls.x509.cert.Certificate;
import org.jtls.x509.key.DecodedPrivateKey;

/**
 * A private key from a PKCS#12 file with its certificate chain: the certificate whose public key
 * matches the key first, then its issuers as far as the file holds them, then any other
 * certificates of the file. The chain is empty if no certificate matches the key.
 */
public record Pkcs12KeyEntry(DecodedPrivateKey privateKey, List<Certificate> chain, Pkcs12Attributes attributes) {
    public Pkcs12KeyEntry {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(attributes, "attributes");
        chain = List.copyOf(chain);
    }
}
