package org.jtls.api;

import java.util.Objects;
import org.jtls.x509.cert.Extension;
import org.jtls.x509.cert.ExtensionType;

/**
 * One extension of a certificate (Qt's {@code QSslCertificateExtension}).
 *
 * @param oid       the dotted OID
 * @param name      OpenSSL's short name ({@code basicConstraints}, {@code subjectAltName}), or the
 *                  OID when jtls does not know the extension
 * @param value     the value as {@code openssl x509 -text} shows it; colon-separated hex for
 *                  unknown extensions. Qt gives a QVariant map for a few types; a string covers all.
 * @param critical  whether the extension is marked critical
 * @param supported whether jtls decodes this extension type
 */
public record SslCertificateExtension(String oid, String name, String value, boolean critical, boolean supported) {
    public SslCertificateExtension {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    static SslCertificateExtension of(Extension extension) {
        String name = extension.type().map(SslCertificateExtension::opensslShortName).orElse(extension.oid().toString());
        return new SslCertificateExtension(extension.oid().toString(), name, extension.describe(), extension.critical(),
                extension.decoded().isPresent());
    }

    /** The short names OpenSSL's {@code OBJ_nid2sn} gives these extensions. */
    private static String opensslShortName(ExtensionType type) {
        return switch (type) {
            case SUBJECT_KEY_IDENTIFIER -> "subjectKeyIdentifier";
            case KEY_USAGE -> "keyUsage";
            case SUBJECT_ALTERNATIVE_NAME -> "subjectAltName";
            case ISSUER_ALTERNATIVE_NAME -> "issuerAltName";
            case BASIC_CONSTRAINTS -> "basicConstraints";
            case NAME_CONSTRAINTS -> "nameConstraints";
            case CRL_DISTRIBUTION_POINTS -> "crlDistributionPoints";
            case CERTIFICATE_POLICIES -> "certificatePolicies";
            case POLICY_MAPPINGS -> "policyMappings";
            case AUTHORITY_KEY_IDENTIFIER -> "authorityKeyIdentifier";
            case POLICY_CONSTRAINTS -> "policyConstraints";
            case EXTENDED_KEY_USAGE -> "extendedKeyUsage";
            case INHIBIT_ANY_POLICY -> "inhibitAnyPolicy";
            case AUTHORITY_INFORMATION_ACCESS -> "authorityInfoAccess";
            case TLS_FEATURE -> "tlsfeature";
            case SIGNED_CERTIFICATE_TIMESTAMPS -> "ct_precert_scts";
        };
    }
}
