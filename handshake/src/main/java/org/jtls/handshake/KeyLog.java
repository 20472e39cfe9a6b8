package org.jtls.handshake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Receives the connection secrets in the NSS key-log format ({@code SSLKEYLOGFILE}) so a capture can
 * be decrypted with Wireshark: one line {@code LABEL <client_random hex> <secret hex>} per secret,
 * with labels CLIENT_RANDOM (the TLS ≤ 1.2 master secret), CLIENT_HANDSHAKE_TRAFFIC_SECRET,
 * SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0,
 * EXPORTER_SECRET, and on a 0-RTT connection CLIENT_EARLY_TRAFFIC_SECRET and EARLY_EXPORTER_SECRET.
 *
 * <p>Off unless configured: logging secrets defeats the encryption for anyone who reads the file.
 */
@FunctionalInterface
public interface KeyLog {
    void log(String label, byte[] clientRandom, byte[] secret);

    /** Formats one NSS key-log line (without the line terminator). */
    static String line(String label, byte[] clientRandom, byte[] secret) {
        return label + " " + HexFormat.of().formatHex(clientRandom) + " " + HexFormat.of().formatHex(secret);
    }

    /** Appends lines to {@code writer}, flushing each, serialised across connections. */
    static KeyLog to(Writer writer) {
        Objects.requireNonNull(writer, "writer");
        return (label, clientRandom, secret) -> {
            synchronized (writer) {
                try {
                    writer.write(line(label, clientRandom, secret));
                    writer.write('\n');
                    writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write the key log", e);
                }
            }
        };
    }
}
