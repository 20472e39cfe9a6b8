/** The QSslSocket-style API (built in the api issue). */
module org.jtls.api {
    requires org.jtls.handshake;
}
