package org.jtls.api;

/**
 * Switches of an {@link SslConfiguration} (Qt's {@code QSsl::SslOption}). Qt enables
 * {@link #DISABLE_EMPTY_FRAGMENTS}, {@link #DISABLE_LEGACY_RENEGOTIATION},
 * {@link #DISABLE_COMPRESSION} and {@link #DISABLE_SESSION_PERSISTENCE} by default, and so does
 * jtls.
 */
public enum SslOption {
    /**
     * Qt: do not send the empty records OpenSSL uses against the TLS 1.0 CBC IV attack. jtls never
     * sends them, so this option is always in effect.
     */
    DISABLE_EMPTY_FRAGMENTS,
    /** Client: do not ask for session tickets (RFC 5077); server: issue none. */
    DISABLE_SESSION_TICKETS,
    /** jtls never compresses records (CRIME), so this option is always in effect. */
    DISABLE_COMPRESSION,
    /** Client: send no server_name extension (RFC 6066 §3). */
    DISABLE_SERVER_NAME_INDICATION,
    /** Refuse renegotiation with peers that lack RFC 5746 secure renegotiation. */
    DISABLE_LEGACY_RENEGOTIATION,
    /**
     * Client: do not share sessions between sockets. Without it (Qt's default) a client keeps the
     * sessions it establishes in {@link SslConfiguration#clientSessionCache()} under the server's
     * name and port, and a later socket to the same name and port offers to resume one; with it, a
     * socket resumes only the session set with {@link SslConfiguration.Builder#sessionTicket}. A
     * session is resumed without checking the server's certificates again, so a socket that went
     * on despite certificate problems (ignored, QueryPeer, or a continued interrupted handshake)
     * takes its session out of the shared cache: a stricter socket never resumes it.
     */
    DISABLE_SESSION_SHARING,
    /**
     * Do not make the session available for export: {@link SslConfiguration#sessionTicket()} of a
     * socket's configuration stays empty. Clear this option to resume sessions in other sockets.
     */
    DISABLE_SESSION_PERSISTENCE,
    /** Server: follow the client's cipher-suite preference instead of our own. */
    DISABLE_SERVER_CIPHER_PREFERENCE,
    /**
     * Do not split application data 1/n−1 in SSL 3.0 and TLS 1.0 CBC records. The split is jtls's
     * countermeasure against the chained-IV (BEAST) attack, in place of the empty fragments
     * {@link #DISABLE_EMPTY_FRAGMENTS} refers to; every current peer accepts it. Not set by
     * default; set it only for a peer that cannot take a 1-byte record.
     */
    DISABLE_RECORD_SPLITTING
}
