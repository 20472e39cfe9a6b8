/** The sans-I/O handshake engine: messages, state machines, key schedules (being built). */
module org.jtls.handshake {
    requires transitive org.jtls.record;
    requires org.jtls.x509;
}
