package org.jtls.vectors.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of RFC 8448 ("Example Handshake Traces for TLS 1.3") read into its numbered sections,
 * each a list of steps such as {@code {server}  send handshake record:} with the labelled hex values
 * printed under it ({@code payload (36 octets):  14 00 00 20 ...}). Values run across page breaks;
 * each is read until its stated number of octets is complete, so a misread shows up as an error
 * here rather than as a wrong vector.
 */
final class Rfc8448Trace {
    /** Where the RFC text lives, relative to the repository's parent directory ({@code /work}). */
    static final Path RELATIVE_LOCATION = Path.of("shared", "rfc", "rfc8448.txt");

    private static final Pattern SECTION = Pattern.compile("^(\\d+)\\.  (\\S.*)$");
    private static final Pattern STEP = Pattern.compile("^   \\{(client|server)\\}  (.*)$");
    private static final Pattern VALUE = Pattern.compile("^      (\\S.*?) \\((\\d+) octets\\):\\s*(.*)$");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+([0-9a-f]{2}( [0-9a-f]{2})*)\\s*$");
    private static final Pattern PAGE_FOOTER = Pattern.compile("^Thomson\\s.*\\[Page \\d+\\]$");
    private static final Pattern PAGE_HEADER = Pattern.compile("^RFC 8448\\s.*January 2019$");
    private static final HexFormat HEX = HexFormat.of();

    enum Actor {
        CLIENT, SERVER;

        Actor peer() {
            return this == CLIENT ? SERVER : CLIENT;
        }

        @Override
        public String toString() {
            return "{" + name().toLowerCase(Locale.ROOT) + "}";
        }
    }

    /** One {@code {actor}  action:} paragraph and its values, in the order the RFC prints them. */
    record Step(int sectionNumber, int line, Actor actor, String action, Map<String, byte[]> values) {
        byte[] value(String label) {
            byte[] value = values.get(label);
            if (value == null) {
                throw new IllegalStateException(this + " prints no value labelled '" + label + "'");
            }
            return value.clone();
        }

        boolean has(String label) {
            return values.containsKey(label);
        }

        @Override
        public String toString() {
            return "RFC 8448 §" + sectionNumber + " line " + line + " " + actor + " " + action;
        }
    }

    record Section(int number, String title, List<Step> steps) {
    }

    private final Map<Integer, Section> sections;

    private Rfc8448Trace(Map<Integer, Section> sections) {
        this.sections = sections;
    }

    /**
     * Looks for {@code shared/rfc/rfc8448.txt} in the working directory and each of its parents (the
     * build runs in the module directory, two levels below {@code /work}).
     */
    static Optional<Path> locate() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(RELATIVE_LOCATION);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Rfc8448Trace read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Rfc8448Trace parse(List<String> lines) {
        Map<Integer, Section> sections = new LinkedHashMap<>();
        List<Step> steps = null;
        int sectionNumber = 0;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                sectionNumber = Integer.parseInt(section.group(1));
                steps = new ArrayList<>();
                sections.put(sectionNumber, new Section(sectionNumber, section.group(2), steps));
                continue;
            }
            Matcher step = STEP.matcher(line);
            if (step.matches() && steps != null) {
                index = readStep(lines, index, sectionNumber, step, steps);
            }
        }
        return new Rfc8448Trace(sections);
    }

    /** Reads one step starting at {@code first}; returns the index of its last line. */
    private static int readStep(List<String> lines, int first, int sectionNumber, Matcher heading, List<Step> steps) {
        Actor actor = Actor.valueOf(heading.group(1).toUpperCase(Locale.ROOT));
        StringBuilder action = new StringBuilder(heading.group(2).trim());
        int index = first + 1;
        // An action that wraps continues on the following non-blank lines ("(same as server ...").
        while (index < lines.size() && !lines.get(index).isBlank()) {
            action.append(' ').append(lines.get(index).trim());
            index++;
        }
        String actionText = action.toString().replaceAll(":$", "");
        Map<String, byte[]> values = new LinkedHashMap<>();
        while (index < lines.size()) {
            String line = lines.get(index);
            if (STEP.matcher(line).matches() || SECTION.matcher(line).matches()) {
                break;
            }
            Matcher value = VALUE.matcher(line);
            if (value.matches()) {
                String label = value.group(1);
                int octets = Integer.parseInt(value.group(2));
                ByteCollector collector = new ByteCollector(octets, label, index + 1);
                String rest = value.group(3);
                if (!rest.equals("(empty)")) {
                    collector.add(rest);
                }
                while (!collector.complete()) {
                    index++;
                    if (index >= lines.size()) {
                        throw collector.incomplete();
                    }
                    String next = lines.get(index);
                    if (isPageBreak(next)) {
                        continue;
                    }
                    Matcher hex = HEX_LINE.matcher(next);
                    if (!hex.matches()) {
                        throw collector.incomplete();
                    }
                    collector.add(hex.group(1));
                }
                if (values.put(label, collector.bytes()) != null) {
                    throw new IllegalStateException("RFC 8448 line " + (first + 1) + ": value '" + label + "' printed twice");
                }
            }
            index++;
        }
        steps.add(new Step(sectionNumber, first + 1, actor, actionText, values));
        return index - 1;
    }

    private static boolean isPageBreak(String line) {
        return line.isBlank() || line.equals("\f") || PAGE_FOOTER.matcher(line).matches()
                || PAGE_HEADER.matcher(line).matches();
    }

    /** Gathers the hex octets of one value until its declared length is reached. */
    private static final class ByteCollector {
        private final byte[] bytes;
        private final String label;
        private final int line;
        private int filled;

        ByteCollector(int octets, String label, int line) {
            this.bytes = new byte[octets];
            this.label = label;
            this.line = line;
        }

        void add(String hexWithSpaces) {
            String hex = hexWithSpaces.replace(" ", "");
            byte[] parsed = HEX.parseHex(hex);
            if (filled + parsed.length > bytes.length) {
                throw new IllegalStateException("RFC 8448 line " + line + ": '" + label + "' has more than the "
                        + bytes.length + " octets it declares");
            }
            System.arraycopy(parsed, 0, bytes, filled, parsed.length);
            filled += parsed.length;
        }

        boolean complete() {
            return filled == bytes.length;
        }

        IllegalStateException incomplete() {
            return new IllegalStateException("RFC 8448 line " + line + ": '" + label + "' ends after " + filled
                    + " of its " + bytes.length + " octets");
        }

        byte[] bytes() {
            return bytes;
        }
    }

    Section section(int number) {
        Section section = sections.get(number);
        if (section == null) {
            throw new IllegalArgumentException("RFC 8448 has no section " + number);
        }
        return section;
    }
}
