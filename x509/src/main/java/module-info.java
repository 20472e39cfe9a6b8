/** X.509: DER, PEM, certificates, keys, path validation (built in the X.509 issue). */
module org.jtls.x509 {
    requires org.jtls.crypto;
}
