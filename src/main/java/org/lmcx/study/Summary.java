package org.lmcx.study;

import org.lmcx.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's summary: the rows of {@link Aggregation} with how many cells had finished. Written as
 * {@code summary.csv} (tidy: a header line, one row per group and quantity, empty cells for missing numbers,
 * so {@code pandas.read_csv} reads it without options) and {@code summary.json}.
 */
public record Summary(String study, int cellsFinished, int cellsTotal, List<SummaryRow> rows) {

    public static final List<String> COLUMNS = List.of("kind", "architecture", "width", "method", "metric", "n",
            "mean", "std", "ci95_low", "ci95_high", "test", "statistic", "p_value");

    public Summary {
        rows = List.copyOf(rows);
    }

    /** Summarizes whatever has finished of a study. */
    public static Summary of(Study s) throws IOException {
        List<CellResult> done = s.finishedResults();
        return new Summary(s.plan().name(), done.size(), s.cells().size(),
                Aggregation.summarize(done, s.plan().tests().threeModel()));
    }

    public void write(StudyFolder folder) throws IOException {
        AtomicFiles.write(folder.summaryCsv(), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(toCsv());
            w.flush();
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("study", study);
        json.put("cellsFinished", cellsFinished);
        json.put("cellsTotal", cellsTotal);
        json.put("columns", COLUMNS);
        List<Map<String, Object>> list = new ArrayList<>();
        for (SummaryRow r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.kind());
            m.put("architecture", r.architecture());
            m.put("width", r.width());
            m.put("method", r.method());
            m.put("metric", r.metric());
            m.put("n", r.n());
            m.put("mean", finite(r.mean()));
            m.put("std", finite(r.std()));
            m.put("ci95_low", finite(r.ciLow()));
            m.put("ci95_high", finite(r.ciHigh()));
            m.put("test", r.test());
            m.put("statistic", finite(r.statistic()));
            m.put("p_value", finite(r.pValue()));
            list.add(m);
        }
        json.put("rows", list);
        AtomicFiles.write(folder.summaryJson(),
                out -> StudyFolder.JSON.writerWithDefaultPrettyPrinter().writeValue(out, json));
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (SummaryRow r : rows) {
            List<String> cells = cells(r);
            for (int i = 0; i < cells.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(quote(cells.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The row as CSV fields; numbers in full precision ({@link Double#toString}), NaN as an empty field. */
    static List<String> cells(SummaryRow r) {
        return List.of(r.kind(), r.architecture(), r.width(), r.method(), r.metric(), Integer.toString(r.n()),
                num(r.mean()), num(r.std()), num(r.ciLow()), num(r.ciHigh()), r.test(), num(r.statistic()),
                num(r.pValue()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The row for a quantity, or null. */
    public SummaryRow find(String kind, String width, String method, String metric) {
        for (SummaryRow r : rows) {
            if (r.kind().equals(kind) && r.width().equals(width) && r.method().equals(method)
                    && r.metric().equals(metric)) {
                return r;
            }
        }
        return null;
    }
}
