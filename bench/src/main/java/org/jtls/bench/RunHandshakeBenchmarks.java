package org.jtls.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Runs the handshake benchmarks in one JMH run — {@link HandshakeBenchmark} (jtls, default
 * backend), {@link HandshakeBackendBenchmark} (jtls's full handshakes on the {@code jca} and
 * {@code bc} backends), {@link SunJsseHandshakeBenchmark} and
 * {@link SunJsseSessionIdResumptionBenchmark} (SunJSSE) — and prints handshakes per second, one row
 * per {@link HandshakeKind}, one column per implementation.
 *
 * <p>Forks, warmup (3 × 1 s) and measurement (5 × 1 s) come from the benchmarks' annotations.
 * Ordinary JMH options given as arguments override them and add to the run, e.g.
 * {@code -wi 10} or {@code -rf json -rff handshakes.json}; {@code -e HandshakeBackendBenchmark}
 * leaves out the single-backend columns.
 */
public final class RunHandshakeBenchmarks {
    private static final String JTLS_DEFAULT = "jtls (default backend)";
    private static final String SUNJSSE = "SunJSSE";

    private RunHandshakeBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(benchmarksOf(HandshakeBenchmark.class))
                .include(benchmarksOf(HandshakeBackendBenchmark.class))
                .include(benchmarksOf(SunJsseHandshakeBenchmark.class))
                .include(benchmarksOf(SunJsseSessionIdResumptionBenchmark.class))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(handshakesPerSecondTable(results));
        System.out.println();
        System.out.println("Handshakes per second, ± JMH's 99.9% confidence interval; - : not run. SunJSSE on JDK "
                + Runtime.version().feature() + " has no ML-KEM; the single-backend columns cover full handshakes only.");
    }

    private static String benchmarksOf(Class<?> benchmarkClass) {
        return "^" + Pattern.quote(benchmarkClass.getName() + ".");
    }

    /** One row per handshake kind, in {@link HandshakeKind}'s order; one column per implementation. */
    static String handshakesPerSecondTable(Collection<RunResult> results) {
        Map<HandshakeKind, Map<String, Result<?>>> byKind = new EnumMap<>(HandshakeKind.class);
        for (RunResult result : results) {
            HandshakeKind kind = HandshakeKind.valueOf(result.getParams().getParam("kind"));
            byKind.computeIfAbsent(kind, ignored -> new LinkedHashMap<>())
                    .put(column(result), result.getPrimaryResult());
        }
        List<String> columns = List.of(JTLS_DEFAULT, "jtls jca", "jtls bc", SUNJSSE);

        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("handshake (handshakes/s)");
        header.addAll(columns);
        rows.add(header);
        byKind.forEach((kind, cells) -> {
            List<String> row = new ArrayList<>();
            row.add(kind.displayName());
            for (String column : columns) {
                Result<?> cell = cells.get(column);
                row.add(cell == null ? "-" : perSecond(cell));
            }
            rows.add(row);
        });
        return MarkdownTable.format(rows, 1);
    }

    private static String column(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        if (benchmark.startsWith(SunJsseHandshakeBenchmark.class.getName() + ".")
                || benchmark.startsWith(SunJsseSessionIdResumptionBenchmark.class.getName() + ".")) {
            return SUNJSSE;
        }
        String backend = result.getParams().getParam("backend");
        return backend.equals("default") ? JTLS_DEFAULT : "jtls " + backend;
    }

    private static String perSecond(Result<?> result) {
        if (!result.getScoreUnit().equals("ops/s")) {
            throw new IllegalStateException("expected a throughput in ops/s, got " + result.getScoreUnit());
        }
        String score = String.format(Locale.ROOT, "%.0f", result.getScore());
        double error = result.getScoreError();
        return Double.isNaN(error) ? score : score + String.format(Locale.ROOT, " ± %.0f", error);
    }
}
