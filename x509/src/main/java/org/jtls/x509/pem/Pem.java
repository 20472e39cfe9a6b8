package org.jtls.x509.pem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 7468 textual encoding. Parsing finds every block in a file: text before, between and after
 * blocks is ignored (§2: "parsers MUST NOT malfunction" on it), boundaries are lines of their own
 * (surrounding whitespace allowed), CRLF, CR and LF all end lines, and inside a block any whitespace
 * may appear between base64 characters, as the lax grammar of §3 (Figure 2) allows. Stricter than
 * some parsers: the END label must match the BEGIN label (§2 lets a parser choose), and any other
 * character in the base64 text is an error rather than skipped, so a truncated or corrupted file is
 * reported with its line instead of yielding wrong bytes.
 *
 * <p>Writing follows the strict grammar (Figure 3): 64 characters a line, LF line ends.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int LINE_LENGTH = 64;

    private Pem() {
    }

    /** Every block in {@code text}, in order; an input with none gives an empty list. */
    public static List<PemBlock> parse(String text) throws PemException {
        return new Parser(text).blocks();
    }

    /** As {@link #parse(String)}, reading the bytes as Latin-1 so that any explanatory text is tolerated. */
    public static List<PemBlock> parse(byte[] text) throws PemException {
        return parse(new String(text, StandardCharsets.ISO_8859_1));
    }

    /** The data of every block with this label, in order. */
    public static List<byte[]> parseAll(String text, String label) throws PemException {
        List<byte[]> data = new ArrayList<>();
        for (PemBlock block : parse(text)) {
            if (block.label().equals(label)) {
                data.add(block.data());
            }
        }
        return data;
    }

    /** One block in the strict format. */
    public static String encode(String label, byte[] data) {
        if (!isValidLabel(label)) {
            throw new IllegalArgumentException("invalid PEM label '" + label + "'");
        }
        String base64 = Base64.getEncoder().encodeToString(data);
        StringBuilder out = new StringBuilder(base64.length() + base64.length() / LINE_LENGTH + 64);
        out.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
            out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
        }
        out.append(END).append(label).append(DASHES).append('\n');
        return out.toString();
    }

    public static String encode(PemBlock block) {
        if (!block.headers().isEmpty()) {
            throw new IllegalArgumentException("RFC 7468 blocks carry no headers");
        }
        return encode(block.label(), block.data());
    }

    /**
     * §3: printable characters except hyphen-minus, with single hyphen-minuses or spaces between
     * them and none at either end; empty is allowed.
     */
    static boolean isValidLabel(String label) {
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean separator = c == '-' || c == ' ';
            if (separator) {
                boolean inside = i > 0 && i < label.length() - 1;
                if (!inside || label.charAt(i - 1) == '-' || label.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(char c) {
        // §2: HT, VT, FF, SP, CR and LF.
        return c == '\t' || c == 0x0B || c == '\f' || c == ' ' || c == '\r' || c == '\n';
    }

    private static String trimWhitespace(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    /** The label if {@code line} is a boundary with this prefix ({@code BEGIN} or {@code END}), else null. */
    private static String boundaryLabel(String line, String prefix) {
        String trimmed = trimWhitespace(line);
        if (trimmed.length() < prefix.length() + DASHES.length()
                || !trimmed.startsWith(prefix) || !trimmed.endsWith(DASHES)) {
            return null;
        }
        return trimmed.substring(prefix.length(), trimmed.length() - DASHES.length());
    }

    private static final class Parser {
        private final List<String> lines = new ArrayList<>();

        Parser(String text) {
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    lines.add(text.substring(start, i));
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = i + 1;
                }
            }
            lines.add(text.substring(start));
        }

        List<PemBlock> blocks() throws PemException {
            List<PemBlock> blocks = new ArrayList<>();
            int index = 0;
            while (index < lines.size()) {
                String label = boundaryLabel(lines.get(index), BEGIN);
                if (label == null) {
                    index++;
                    continue;
                }
                int beginLine = index + 1;
                if (!isValidLabel(label)) {
                    throw new PemException("invalid label '" + label + "' in BEGIN line", beginLine);
                }
                index = block(blocks, label, index + 1, beginLine);
            }
            return blocks;
        }

        /** Reads one block's body from line index {@code first}; returns the index after its END line. */
        private int block(List<PemBlock> blocks, String label, int first, int beginLine) throws PemException {
            Map<String, String> headers = new LinkedHashMap<>();
            int index = readHeaders(first, headers);
            Base64Collector base64 = new Base64Collector();
            for (; index < lines.size(); index++) {
                String line = lines.get(index);
                String endLabel = boundaryLabel(line, END);
                if (endLabel != null) {
                    if (!endLabel.equals(label)) {
                        throw new PemException("END label '" + endLabel + "' does not match BEGIN label '"
                                + label + "' of line " + beginLine, index + 1);
                    }
                    blocks.add(new PemBlock(label, base64.decode(index + 1), headers, beginLine));
                    return index + 1;
                }
                if (boundaryLabel(line, BEGIN) != null) {
                    throw new PemException("BEGIN line inside the block begun at line " + beginLine
                            + " (missing END " + label + ")", index + 1);
                }
                base64.add(line, index + 1);
            }
            throw new PemException("no END " + label + " line for the block begun at line " + beginLine,
                    lines.size());
        }

        /**
         * RFC 1421 §4.4 headers ("Name: value", continued on lines that start with whitespace, ended
         * by a blank line), present only in legacy blocks; returns the index of the first body line.
         */
        private int readHeaders(int first, Map<String, String> headers) throws PemException {
            if (first >= lines.size() || lines.get(first).indexOf(':') < 0
                    || boundaryLabel(lines.get(first), END) != null) {
                return first;
            }
            int index = first;
            String name = null;
            for (; index < lines.size(); index++) {
                String line = lines.get(index);
                if (trimWhitespace(line).isEmpty()) {
                    return index + 1;
                }
                if (name != null && isWhitespace(line.charAt(0))) {
                    headers.put(name, headers.get(name) + trimWhitespace(line));
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new PemException("expected a 'Name: value' header or a blank line", index + 1);
                }
                name = line.substring(0, colon).trim();
                headers.put(name, trimWhitespace(line.substring(colon + 1)));
            }
            return index;
        }
    }

    /** The base64 characters of one block, checked as they arrive so errors carry their line. */
    private static final class Base64Collector {
        private final StringBuilder characters = new StringBuilder();
        private int padding;
        private int lastLine;

        void add(String line, int lineNumber) throws PemException {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (isWhitespace(c)) {
                    continue;
                }
                lastLine = lineNumber;
                if (c == '=') {
                    if (++padding > 2) {
                        throw new PemException("more than two '=' padding characters", lineNumber);
                    }
                } else if (isBase64Character(c)) {
                    if (padding > 0) {
                        throw new PemException("base64 data after '=' padding", lineNumber);
                    }
                } else {
                    throw new PemException(String.format("character '%s' (0x%02x) is not base64",
                            c < 0x20 || c > 0x7E ? "?" : String.valueOf(c), (int) c), lineNumber);
                }
                characters.append(c);
            }
        }

        byte[] decode(int endLine) throws PemException {
            int line = lastLine == 0 ? endLine : lastLine;
            if (characters.length() % 4 != 0) {
                throw new PemException("base64 text of " + characters.length()
                        + " characters is not a whole number of 4-character groups", line);
            }
            try {
                return Base64.getDecoder().decode(characters.toString());
            } catch (IllegalArgumentException e) {
                throw new PemException("invalid base64: " + e.getMessage(), line);
            }
        }

        private static boolean isBase64Character(char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        }
    }
}
