/**
 * The QSslSocket-style API: {@code SslSocket}, {@code SslConfiguration}, {@code SslCertificate},
 * {@code SslKey}, {@code SslCipher}, {@code SslError}, over the sans-I/O handshake engine.
 */
module org.jtls.api {
    requires transitive org.jtls.handshake;

    exports org.jtls.api;
}
