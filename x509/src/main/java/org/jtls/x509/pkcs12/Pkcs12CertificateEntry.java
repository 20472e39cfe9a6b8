package org.jtls.x509.pkcs12;

import java.util.Objects;
import org.jtls.x509.cert.Certificate;

/** A certificate bag: an X.509 certificate and its bag attributes. */
public record Pkcs12CertificateEntry(Certificate certificate, Pkcs12Attributes attributes) {
    public Pkcs12CertificateEntry {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(attributes, "attributes");
    }
}
