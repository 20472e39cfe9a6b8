package org.jtls.cli;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned plain-text columns, two spaces apart, without trailing spaces. */
final class TextTable {
    private static final String COLUMN_GAP = "  ";

    private TextTable() {
    }

    /** One line per row; every row has the same number of cells. */
    static List<String> align(List<List<String>> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            if (row.size() != columns) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + columns);
            }
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < columns; column++) {
                if (column > 0) {
                    line.append(COLUMN_GAP);
                }
                String cell = row.get(column);
                line.append(cell);
                if (column < columns - 1) {
                    line.append(" ".repeat(widths[column] - cell.length()));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
