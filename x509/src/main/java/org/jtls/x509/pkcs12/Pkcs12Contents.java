package org.jtls.x509.pkcs12;

import java.util.List;
import org.jtls.x509.key.KeyFormatException;

/**
 * What a PKCS#12 file holds: its private keys, each with its chain, and every certificate bag.
 *
 * @param integrityVerified whether the file had a MAC and it verified; a file without one (made
 *        with {@code openssl pkcs12 -nomac}) is read, but nothing vouches that it is unaltered
 * @param ignoredBags the bag types that were present and skipped (CRL and secret bags)
 */
public record Pkcs12Contents(List<Pkcs12KeyEntry> keyEntries, List<Pkcs12CertificateEntry> certificates,
        boolean integrityVerified, List<String> ignoredBags) {
    public Pkcs12Contents {
        keyEntries = List.copyOf(keyEntries);
        certificates = List.copyOf(certificates);
        ignoredBags = List.copyOf(ignoredBags);
    }

    /** The one key entry, as in the usual "key and its chain" file. */
    public Pkcs12KeyEntry singleKeyEntry() throws KeyFormatException {
        if (keyEntries.size() != 1) {
            throw new KeyFormatException("the PKCS#12 file holds " + keyEntries.size() + " private keys, not one");
        }
        return keyEntries.get(0);
    }

    @Override
    public String toString() {
        return "Pkcs12Contents[" + keyEntries.size() + " keys, " + certificates.size() + " certificates"
                + (integrityVerified ? "" : ", no MAC") + "]";
    }

}
