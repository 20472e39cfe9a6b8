/**
 * X.509 for jtls: a strict DER reader and writer, PEM, and certificates with the extensions TLS
 * needs. Every byte is parsed here; no third-party ASN.1 code is used.
 */
module org.jtls.x509 {
    requires transitive org.jtls.crypto;

    exports org.jtls.x509.der;
    exports org.jtls.x509.pem;
    exports org.jtls.x509.name;
    exports org.jtls.x509.algorithm;
    exports org.jtls.x509.key;
    exports org.jtls.x509.cert;
    exports org.jtls.x509.crl;
    exports org.jtls.x509.path;
}
