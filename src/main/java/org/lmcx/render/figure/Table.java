package org.lmcx.render.figure;

import org.lmcx.render.Csv;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers behind a figure as a plain table: one header row and data rows, nothing else, so
 * {@code pandas.read_csv} and R's {@code read.csv} read it with no options. Units, markers and provenance go into
 * the JSON sidecar ({@link FigureFiles}), never into comment lines.
 */
public record Table(List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        List<List<String>> c = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row of " + r.size() + " cells under a header of "
                        + header.size() + ": " + r);
            }
            c.add(List.copyOf(r));
        }
        rows = List.copyOf(c);
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        public Builder(String... header) {
            this.header = List.of(header);
        }

        /** Cells: numbers in full precision (NaN as an empty cell), anything else as text. */
        public Builder row(Object... cells) {
            List<String> r = new ArrayList<>();
            for (Object o : cells) {
                r.add(o instanceof Double d ? Csv.num(d) : o instanceof Float f ? Csv.num(f) : String.valueOf(o));
            }
            rows.add(r);
            return this;
        }

        public Table build() {
            return new Table(header, rows);
        }
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (List<String> r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(Csv.field(cells.get(i)));
        }
        sb.append('\n');
    }
}
