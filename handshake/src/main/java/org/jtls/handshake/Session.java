package org.jtls.handshake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jtls.crypto.registry.CipherSuite;
import org.jtls.crypto.registry.ProtocolVersion;
import org.jtls.record.TlsAlertException;
import org.jtls.record.codec.TlsReader;
import org.jtls.record.codec.TlsWriter;

/**
 * A resumable session: what both sides must remember to skip the full handshake next time. For
 * TLS ≤ 1.2 (RFC 5246 §7.3, RFC 5077) it holds the master secret; for TLS 1.3 (RFC 8446 §4.6.1)
 * the resumption PSK of a NewSessionTicket, with its ticket_age_add. Whoever has the encoding can
 * read every connection resumed from it, so treat {@link #encode()} like a key.
 *
 * @param sessionId            the server-assigned id (may be empty for ticket-only sessions)
 * @param ticket               the server's RFC 5077 ticket, empty if none
 * @param ticketLifetimeSeconds the server's lifetime hint for the ticket (0: unspecified)
 * @param serverName           the name the client asked for (SNI), empty if none
 * @param ticketAgeAdd         TLS 1.3: the server's ticket_age_add, which obfuscates the ticket age
 * @param maxEarlyDataSize     TLS 1.3: how much 0-RTT data the ticket allows (0: none)
 */
public record Session(
        ProtocolVersion version,
        CipherSuite cipherSuite,
        byte[] masterSecret,
        byte[] sessionId,
        byte[] ticket,
        long ticketLifetimeSeconds,
        boolean extendedMasterSecret,
        List<byte[]> peerCertificates,
        String serverName,
        Instant created,
        long ticketAgeAdd,
        long maxEarlyDataSize) {

    private static final int FORMAT = 1;

    public Session {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(created, "created");
        masterSecret = masterSecret.clone();
        sessionId = sessionId.clone();
        ticket = ticket.clone();
        peerCertificates = peerCertificates.stream().map(byte[]::clone).toList();
        serverName = serverName == null ? "" : serverName;
        boolean tls13 = version == ProtocolVersion.TLS_1_3;
        if (!tls13 && masterSecret.length != 48 || tls13 && masterSecret.length != cipherSuite.prfHash().outputLength()) {
            throw new IllegalArgumentException("a TLS <= 1.2 master secret is 48 bytes, a TLS 1.3 PSK Hash.length");
        }
        if (sessionId.length > 32) {
            throw new IllegalArgumentException("session ids are at most 32 bytes");
        }
    }

    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    @Override
    public List<byte[]> peerCertificates() {
        return peerCertificates.stream().map(byte[]::clone).toList();
    }

    public boolean hasTicket() {
        return ticket.length > 0;
    }

    public Optional<String> serverNameIfAny() {
        return serverName.isEmpty() ? Optional.empty() : Optional.of(serverName);
    }

    /** A copy carrying a (new) ticket. */
    public Session withTicket(byte[] newTicket, long lifetimeSeconds) {
        return new Session(version, cipherSuite, masterSecret, sessionId, newTicket, lifetimeSeconds,
                extendedMasterSecret, peerCertificates, serverName, created, ticketAgeAdd, maxEarlyDataSize);
    }

    /** A copy with another session id. */
    public Session withSessionId(byte[] id) {
        return new Session(version, cipherSuite, masterSecret, id, ticket, ticketLifetimeSeconds,
                extendedMasterSecret, peerCertificates, serverName, created, ticketAgeAdd, maxEarlyDataSize);
    }

    /**
     * Serialises the session (including its master secret) so it can be resumed by another engine
     * or process. The format is jtls's own, versioned.
     */
    public byte[] encode() {
        TlsWriter writer = new TlsWriter(256);
        writer.u8(FORMAT);
        writer.u16(version.code());
        writer.u16(cipherSuite.code());
        writer.opaque8(masterSecret);
        writer.opaque8(sessionId);
        writer.opaque16(ticket);
        writer.u32(ticketLifetimeSeconds);
        writer.u8(extendedMasterSecret ? 1 : 0);
        writer.startVector(3, 0xFFFFFF);
        for (byte[] certificate : peerCertificates) {
            writer.opaque24(certificate);
        }
        writer.endVector();
        writer.opaque8(serverName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writer.u32(Math.max(0, created.getEpochSecond()));
        writer.u32(ticketAgeAdd);
        writer.u32(maxEarlyDataSize);
        return writer.toByteArray();
    }

    /**
     * Reads a session written by {@link #encode()}.
     *
     * @throws TlsAlertException (decode_error) if the bytes are not such an encoding
     */
    public static Session decode(byte[] encoded) throws TlsAlertException {
        TlsReader reader = TlsReader.of(encoded);
        int format = reader.u8("session format");
        if (format != FORMAT) {
            throw TlsAlertException.local(org.jtls.record.AlertDescription.DECODE_ERROR,
                    "unknown session encoding format " + format);
        }
        int versionCode = reader.u16("version");
        int suiteCode = reader.u16("cipher suite");
        ProtocolVersion version = ProtocolVersion.fromCode(versionCode).orElseThrow(() -> invalid("version"));
        CipherSuite suite = CipherSuite.fromCode(suiteCode).orElseThrow(() -> invalid("cipher suite"));
        byte[] master = reader.opaque8(32, 48, "master secret");
        byte[] id = reader.opaque8(0, 32, "session id");
        byte[] ticket = reader.opaque16(0, 0xFFFF, "ticket");
        long lifetime = reader.u32("ticket lifetime");
        boolean ems = reader.u8("extended master secret") == 1;
        TlsReader certificates = reader.vector(3, 0, 0xFFFFFF, 1, "peer certificates");
        List<byte[]> chain = new ArrayList<>();
        while (certificates.hasRemaining()) {
            chain.add(certificates.opaque24(1, 0xFFFFFF, "certificate"));
        }
        String name = new String(reader.opaque8(0, 255, "server name"), java.nio.charset.StandardCharsets.UTF_8);
        Instant created = Instant.ofEpochSecond(reader.u32("created"));
        long ageAdd = reader.u32("ticket age add");
        long maxEarlyData = reader.u32("max early data size");
        reader.expectEnd("session");
        if (!suite.supports(version)) {
            throw invalid("suite " + suite.ianaName() + " for " + version.displayName());
        }
        boolean tls13 = version == ProtocolVersion.TLS_1_3;
        if (!tls13 && master.length != 48 || tls13 && master.length != suite.prfHash().outputLength()) {
            throw invalid("secret length for " + version.displayName());
        }
        return new Session(version, suite, master, id, ticket, lifetime, ems, chain, name, created, ageAdd,
                maxEarlyData);
    }

    private static TlsAlertException invalid(String what) {
        return TlsAlertException.local(org.jtls.record.AlertDescription.DECODE_ERROR, "session encoding has an invalid " + what);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Session that && Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sessionId) * 31 + cipherSuite.hashCode();
    }

    @Override
    public String toString() {
        return "Session[" + version.displayName() + ", " + cipherSuite.ianaName() + ", id=" + sessionId.length
                + " bytes, ticket=" + ticket.length + " bytes, ems=" + extendedMasterSecret + "]";
    }
}
