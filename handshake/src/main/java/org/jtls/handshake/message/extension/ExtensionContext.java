package org.jtls.handshake.message.extension;

/**
 * The message an extension block belongs to. An extension's {@code extension_data} can have a
 * different form in each (key_share is a list in a ClientHello, one entry in a ServerHello, a group
 * alone in a HelloRetryRequest), so blocks are always decoded for a context. The abbreviations are
 * those of the table in RFC 8446 §4.2.
 */
public enum ExtensionContext {
    /** ClientHello, every version. */
    CLIENT_HELLO("CH", 0, 0xFFFF),
    /**
     * ServerHello, every version: the TLS ≤ 1.2 and TLS 1.3 forms never collide, so one context
     * serves both. (RFC 8446 §4.1.3 sets the floor to 6 in TLS 1.3; a TLS 1.2 block may be empty.)
     */
    SERVER_HELLO("SH", 0, 0xFFFF),
    /** TLS 1.3 HelloRetryRequest: {@code Extension extensions<6..2^16-1>} (RFC 8446 §4.1.3). */
    HELLO_RETRY_REQUEST("HRR", 6, 0xFFFF),
    /** TLS 1.3 EncryptedExtensions: {@code <0..2^16-1>} (RFC 8446 §4.3.1). */
    ENCRYPTED_EXTENSIONS("EE", 0, 0xFFFF),
    /** A TLS 1.3 CertificateEntry: {@code <0..2^16-1>} (RFC 8446 §4.4.2). */
    CERTIFICATE("CT", 0, 0xFFFF),
    /** TLS 1.3 CertificateRequest: {@code <2..2^16-1>} (RFC 8446 §4.3.2). */
    CERTIFICATE_REQUEST("CR", 2, 0xFFFF),
    /** TLS 1.3 NewSessionTicket: {@code <0..2^16-2>} (RFC 8446 §4.6.1). */
    NEW_SESSION_TICKET("NST", 0, 0xFFFE);

    private final String abbreviation;
    private final int blockFloor;
    private final int blockCeiling;

    ExtensionContext(String abbreviation, int blockFloor, int blockCeiling) {
        this.abbreviation = abbreviation;
        this.blockFloor = blockFloor;
        this.blockCeiling = blockCeiling;
    }

    /** {@code CH}, {@code SH}, {@code HRR}, {@code EE}, {@code CT}, {@code CR} or {@code NST}. */
    public String abbreviation() {
        return abbreviation;
    }

    /** The least number of bytes the extension block may hold in this message. */
    public int blockFloor() {
        return blockFloor;
    }

    /** The most bytes the extension block may hold in this message. */
    public int blockCeiling() {
        return blockCeiling;
    }
}
