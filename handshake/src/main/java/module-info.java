/**
 * The sans-I/O handshake engine: handshake messages and extensions as immutable values with their
 * codecs ({@code org.jtls.handshake.message}, the view researchers and traces use), state machines
 * and key schedules.
 */
module org.jtls.handshake {
    requires transitive org.jtls.record;
    requires transitive org.jtls.x509;

    // The connection engine and its configuration, which the api module drives.
    exports org.jtls.handshake;
    exports org.jtls.handshake.message;
    exports org.jtls.handshake.message.extension;
}
