package org.jtls.x509.cert;

import org.jtls.x509.der.DerWriter;

/** A decoded extension value: what an extension's {@code extnValue} OCTET STRING wraps. */
public sealed interface ExtensionValue permits AuthorityInformationAccess, AuthorityKeyIdentifier,
        BasicConstraints, CertificatePolicies, CrlDistributionPoints, ExtendedKeyUsage, InhibitAnyPolicy,
        IssuerAlternativeName, KeyUsage, NameConstraints, PolicyConstraints, PolicyMappings,
        SignedCertificateTimestamps, SubjectAlternativeName, SubjectKeyIdentifier, TlsFeature {

    ExtensionType type();

    /** Writes the DER that {@code extnValue} wraps. */
    void encode(DerWriter writer);

    /** The value as {@code openssl x509 -text} shows it, possibly over several lines. */
    String describe();

    /** The {@code extnValue} octets. */
    default byte[] encoded() {
        DerWriter writer = new DerWriter();
        encode(writer);
        return writer.toByteArray();
    }
}
