package org.jtls.bench;

import java.util.List;
import java.util.Locale;

/** The result tables the benchmark runners print: Markdown, padded so they also read as plain text. */
final class MarkdownTable {
    private MarkdownTable() {
    }

    /**
     * Formats {@code rows} (the first is the header) with the first {@code nameColumns} columns
     * left-aligned and the others, the numbers, right-aligned.
     */
    static String format(List<List<String>> rows, int nameColumns) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                String pattern = i < nameColumns ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                table.append(i == 0 ? "| " : " | ").append(String.format(Locale.ROOT, pattern, row.get(i)));
            }
            table.append(" |\n");
            if (r == 0) {
                // The separator row marks the number columns right-aligned.
                for (int i = 0; i < widths.length; i++) {
                    table.append('|').append(i < nameColumns ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":");
                }
                table.append("|\n");
            }
        }
        return table.toString();
    }
}
