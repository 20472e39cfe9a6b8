package org.jtls.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RecordThroughputBenchmark} and {@link SunJsseThroughputBenchmark} in one JMH run and
 * prints their 16 KiB-record throughput in MB/s, one row per cipher suite, jtls's backends and
 * SunJSSE side by side.
 *
 * <p>Forks, warmup (3 × 1 s) and measurement (5 × 1 s) come from the benchmarks' annotations.
 * Ordinary JMH options given as arguments override them and add to the run, e.g.
 * {@code -p backend=jca -wi 1 -i 2} or {@code -rf json -rff record.json}.
 */
public final class RunRecordBenchmarks {
    private static final String SUNJSSE_COLUMN = "SunJSSE";

    private RunRecordBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(benchmarksOf(RecordThroughputBenchmark.class))
                .include(benchmarksOf(SunJsseThroughputBenchmark.class))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(megabytesPerSecondTable(results));
    }

    private static String benchmarksOf(Class<?> benchmarkClass) {
        return "^" + Pattern.quote(benchmarkClass.getName() + ".");
    }

    /**
     * One row per suite; one column per jtls backend and one for SunJSSE. Each cell is
     * ops/s × 16384 / 10^6 with JMH's 99.9% error margin scaled the same way.
     */
    static String megabytesPerSecondTable(Collection<RunResult> results) {
        Map<String, Map<String, Result<?>>> bySuite = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (RunResult result : results) {
            String suite = result.getParams().getParam("suite");
            String column = result.getParams().getBenchmark().startsWith(SunJsseThroughputBenchmark.class.getName())
                    ? SUNJSSE_COLUMN
                    : "jtls " + result.getParams().getParam("backend");
            columns.add(column);
            bySuite.computeIfAbsent(suite, ignored -> new LinkedHashMap<>()).put(column, result.getPrimaryResult());
        }
        // SunJSSE last, so each jtls backend reads against it.
        if (columns.remove(SUNJSSE_COLUMN)) {
            columns.add(SUNJSSE_COLUMN);
        }

        List<String> header = new ArrayList<>();
        header.add("suite (16 KiB records, MB/s)");
        header.add("protocol");
        header.addAll(columns);
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        bySuite.forEach((suite, cells) -> {
            List<String> row = new ArrayList<>();
            row.add(suite);
            row.add(suite.startsWith("TLS_ECDHE_") ? "TLS 1.2" : "TLS 1.3");
            for (String column : columns) {
                Result<?> cell = cells.get(column);
                row.add(cell == null ? "-" : megabytesPerSecond(cell));
            }
            rows.add(row);
        });
        return MarkdownTable.format(rows, 2);
    }

    private static String megabytesPerSecond(Result<?> result) {
        if (!result.getScoreUnit().equals("ops/s")) {
            throw new IllegalStateException("expected a throughput in ops/s, got " + result.getScoreUnit());
        }
        double scale = RecordThroughputBenchmark.RECORD_SIZE / 1e6;
        double error = result.getScoreError();
        String score = String.format(Locale.ROOT, "%.0f", result.getScore() * scale);
        return Double.isNaN(error) ? score : score + String.format(Locale.ROOT, " ± %.0f", error * scale);
    }
}
