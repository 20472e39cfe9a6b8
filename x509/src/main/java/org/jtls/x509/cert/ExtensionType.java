package org.jtls.x509.cert;

import org.jtls.x509.der.DerException;
import org.jtls.x509.der.DerReader;
import org.jtls.x509.der.ObjectIdentifier;

/** The certificate extensions jtls decodes, with their OIDs (RFC 5280 §4.2, RFC 7633, RFC 6962) and display names. */
public enum ExtensionType {
    SUBJECT_KEY_IDENTIFIER("2.5.29.14", "X509v3 Subject Key Identifier", SubjectKeyIdentifier::decode),
    KEY_USAGE("2.5.29.15", "X509v3 Key Usage", KeyUsage::decode),
    SUBJECT_ALTERNATIVE_NAME("2.5.29.17", "X509v3 Subject Alternative Name", SubjectAlternativeName::decode),
    ISSUER_ALTERNATIVE_NAME("2.5.29.18", "X509v3 Issuer Alternative Name", IssuerAlternativeName::decode),
    BASIC_CONSTRAINTS("2.5.29.19", "X509v3 Basic Constraints", BasicConstraints::decode),
    NAME_CONSTRAINTS("2.5.29.30", "X509v3 Name Constraints", NameConstraints::decode),
    CRL_DISTRIBUTION_POINTS("2.5.29.31", "X509v3 CRL Distribution Points", CrlDistributionPoints::decode),
    CERTIFICATE_POLICIES("2.5.29.32", "X509v3 Certificate Policies", CertificatePolicies::decode),
    POLICY_MAPPINGS("2.5.29.33", "X509v3 Policy Mappings", PolicyMappings::decode),
    AUTHORITY_KEY_IDENTIFIER("2.5.29.35", "X509v3 Authority Key Identifier", AuthorityKeyIdentifier::decode),
    POLICY_CONSTRAINTS("2.5.29.36", "X509v3 Policy Constraints", PolicyConstraints::decode),
    EXTENDED_KEY_USAGE("2.5.29.37", "X509v3 Extended Key Usage", ExtendedKeyUsage::decode),
    INHIBIT_ANY_POLICY("2.5.29.54", "X509v3 Inhibit Any Policy", InhibitAnyPolicy::decode),
    AUTHORITY_INFORMATION_ACCESS("1.3.6.1.5.5.7.1.1", "Authority Information Access",
            AuthorityInformationAccess::decode),
    TLS_FEATURE("1.3.6.1.5.5.7.1.24", "TLS Feature", TlsFeature::decode),
    SIGNED_CERTIFICATE_TIMESTAMPS("1.3.6.1.4.1.11129.2.4.2", "CT Precertificate SCTs",
            SignedCertificateTimestamps::decode);

    /** Reads an extension's value from a reader over its {@code extnValue} octets. */
    @FunctionalInterface
    interface Decoder {
        ExtensionValue decode(DerReader extnValue) throws DerException;
    }

    private final ObjectIdentifier oid;
    private final String displayName;
    private final Decoder decoder;

    ExtensionType(String oid, String displayName, Decoder decoder) {
        this.oid = ObjectIdentifier.of(oid);
        this.displayName = displayName;
        this.decoder = decoder;
    }

    public ObjectIdentifier oid() {
        return oid;
    }

    public String displayName() {
        return displayName;
    }

    Decoder decoder() {
        return decoder;
    }

    public static ExtensionType forOid(ObjectIdentifier oid) {
        for (ExtensionType type : values()) {
            if (type.oid.equals(oid)) {
                return type;
            }
        }
        return null;
    }
}
