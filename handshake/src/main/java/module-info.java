/** The sans-I/O handshake engine (built in the handshake issues). */
module org.jtls.handshake {
    requires org.jtls.record;
    requires org.jtls.x509;
}
