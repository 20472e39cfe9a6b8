package org.jtls.handshake.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hex values of RFC 8448 (Example Handshake Traces for TLS 1.3), read from the RFC text beside
 * the project ({@code ../shared/rfc/rfc8448.txt}) rather than copied, so no byte is mistyped. Each
 * value is a labelled dump such as {@code ClientHello (196 octets):  01 00 00 c0 ...} whose lines
 * continue across page breaks until the stated number of octets is read.
 */
final class Rfc8448 {
    private static final Pattern SECTION = Pattern.compile("^(\\d+)\\.  .*");
    private static final Pattern LABELLED = Pattern.compile("^\\s+(\\S.*?) \\((\\d+) octets\\):\\s*(.*)$");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+([0-9a-f]{2}( [0-9a-f]{2})*)\\s*$");

    record Value(int section, String label, byte[] bytes) {
    }

    private final List<Value> values;

    private Rfc8448(List<Value> values) {
        this.values = values;
    }

    /** The parsed RFC, or empty when the text is not beside the project. */
    static Optional<Rfc8448> load() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            for (Path candidate : List.of(directory.resolve("shared/rfc/rfc8448.txt"),
                    directory.resolve("../shared/rfc/rfc8448.txt"))) {
                if (Files.isRegularFile(candidate)) {
                    try {
                        return Optional.of(new Rfc8448(parse(Files.readAllLines(candidate))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Value> parse(List<String> lines) {
        List<Value> values = new ArrayList<>();
        int section = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher heading = SECTION.matcher(line);
            if (heading.matches()) {
                section = Integer.parseInt(heading.group(1));
                continue;
            }
            Matcher labelled = LABELLED.matcher(line);
            if (!labelled.matches()) {
                continue;
            }
            int octets = Integer.parseInt(labelled.group(2));
            StringBuilder hex = new StringBuilder(labelled.group(3).replace(" ", ""));
            // Continuation lines hold only hex pairs; page footers, headers and blank lines between
            // them are skipped.
            for (int j = i + 1; hex.length() < 2 * octets && j < lines.size(); j++) {
                Matcher continuation = HEX_LINE.matcher(lines.get(j));
                if (continuation.matches()) {
                    hex.append(continuation.group(1).replace(" ", ""));
                }
            }
            if (hex.length() == 2 * octets) {
                values.add(new Value(section, labelled.group(1), HexFormat.of().parseHex(hex)));
            }
        }
        return values;
    }

    List<Value> values() {
        return values;
    }

    /** The {@code occurrence}-th (from 0) value labelled {@code label} in section {@code section}. */
    byte[] value(int section, String label, int occurrence) {
        int seen = 0;
        for (Value value : values) {
            if (value.section() == section && value.label().equals(label) && seen++ == occurrence) {
                return value.bytes().clone();
            }
        }
        throw new IllegalArgumentException("RFC 8448 §" + section + " has no " + label + " #" + occurrence);
    }

    byte[] value(int section, String label) {
        return value(section, label, 0);
    }

    /** The handshake message whose encoding starts the {@code payload} of a record, by its first byte. */
    byte[] recordPayloadStartingWith(int section, int handshakeType, int occurrence) {
        int seen = 0;
        for (Value value : values) {
            if (value.section() == section && value.label().equals("payload") && value.bytes().length > 0
                    && (value.bytes()[0] & 0xFF) == handshakeType && seen++ == occurrence) {
                return value.bytes().clone();
            }
        }
        throw new IllegalArgumentException("RFC 8448 §" + section + " has no record starting with " + handshakeType);
    }
}
