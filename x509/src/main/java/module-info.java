/**
 * X.509 for jtls: a strict DER reader and writer, PEM, certificates with the extensions TLS needs,
 * private keys (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8, legacy PEM, PKCS#12), trust stores, host
 * names and OCSP. Every byte is parsed here; no third-party ASN.1 code is used.
 */
module org.jtls.x509 {
    requires transitive org.jtls.crypto;

    exports org.jtls.x509.der;
    exports org.jtls.x509.pem;
    exports org.jtls.x509.name;
    exports org.jtls.x509.algorithm;
    exports org.jtls.x509.key;
    exports org.jtls.x509.cert;
    exports org.jtls.x509.host;
    exports org.jtls.x509.ocsp;
    exports org.jtls.x509.pkcs12;
    exports org.jtls.x509.trust;
    exports org.jtls.x509.crl;
    exports org.jtls.x509.path;
}
