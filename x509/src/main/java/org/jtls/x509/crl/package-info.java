/**
 * Certificate revocation lists (RFC 5280 §5): {@link org.jtls.x509.crl.CertificateList} parses a
 * v1 or v2 CRL strictly from DER with its CRL and entry extensions, finds a certificate's entry
 * (also in indirect CRLs) and verifies the CRL's signature. Deciding a certificate's status from
 * CRLs is path validation's job ({@code org.jtls.x509.path}).
 */
package org.jtls.x509.crl;
