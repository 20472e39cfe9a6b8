package org.jtls.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
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
 * Runs the socket benchmarks over loopback TCP in one JMH run — {@link SocketConnectionBenchmark},
 * {@link SocketBulkBenchmark} and {@link SocketConcurrentBenchmark}, each for jtls and SunJSSE —
 * and prints one row per measurement, jtls and SunJSSE side by side.
 *
 * <p>Forks, warmup (3 × 2 s) and measurement (5 × 2 s) come from the benchmarks' annotations.
 * Ordinary JMH options given as arguments override them and add to the run, e.g.
 * {@code -f 1 -wi 2 -w 2s -i 3 -r 3s} for a short run, or {@code -rf json -rff sockets.json}.
 */
public final class RunSocketBenchmarks {
    private RunSocketBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(benchmarksOf(SocketConnectionBenchmark.class))
                .include(benchmarksOf(SocketBulkBenchmark.class))
                .include(benchmarksOf(SocketConcurrentBenchmark.class))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(socketTable(results));
        System.out.println();
        System.out.println("± JMH's 99.9% confidence interval; - : not run. Loopback TCP, client and server in one JVM; "
                + "TLS 1.3, X25519, ECDSA P-256, AES-128-GCM, full handshakes only. Last column: how many times "
                + "as fast jtls is (above 1: faster).");
    }

    private static String benchmarksOf(Class<?> benchmarkClass) {
        return "^" + Pattern.quote(benchmarkClass.getName() + ".");
    }

    /** One measured quantity: a row of the table. */
    private enum Row {
        CONNECTIONS("connect + full handshake + 1 KiB echo + close, 1 client", "connections/s", 0),
        BULK("1 MiB client to server on one connection, acknowledged", "MB/s", 1),
        CONCURRENT_BATCH("batch of 50 concurrent connections (each as above), until all closed", "ms per batch", 1),
        CONCURRENT_RATE("the same batches as connections per second", "connections/s", 0);

        final String description;
        final String unit;
        final int decimals;

        Row(String description, String unit, int decimals) {
            this.description = description;
            this.unit = unit;
            this.decimals = decimals;
        }
    }

    static String socketTable(Collection<RunResult> results) {
        Map<Row, Map<SocketImplementation, String>> cells = new EnumMap<>(Row.class);
        Map<Row, Map<SocketImplementation, Double>> speeds = new EnumMap<>(Row.class);
        for (RunResult run : results) {
            SocketImplementation implementation =
                    SocketImplementation.valueOf(run.getParams().getParam("implementation"));
            Result<?> result = run.getPrimaryResult();
            String benchmark = run.getParams().getBenchmark();
            if (benchmark.startsWith(SocketConnectionBenchmark.class.getName() + ".")) {
                requireUnit(result, "ops/s");
                put(cells, speeds, Row.CONNECTIONS, implementation, result, score -> score, result.getScore());
            } else if (benchmark.startsWith(SocketBulkBenchmark.class.getName() + ".")) {
                requireUnit(result, "ops/s");
                DoubleUnaryOperator megabytes = score -> score * SocketBulkBenchmark.TRANSFER_SIZE / 1e6;
                put(cells, speeds, Row.BULK, implementation, result, megabytes, result.getScore());
            } else if (benchmark.startsWith(SocketConcurrentBenchmark.class.getName() + ".")) {
                requireUnit(result, "ms/op");
                int batch = Integer.parseInt(run.getParams().getParam("connections"));
                double perSecond = batch * 1000 / result.getScore();
                put(cells, speeds, Row.CONCURRENT_BATCH, implementation, result, score -> score, perSecond);
                // A rate derived from the mean batch time; JMH's interval is for the time, so none here.
                cells.computeIfAbsent(Row.CONCURRENT_RATE, ignored -> new EnumMap<>(SocketImplementation.class))
                        .put(implementation, format(perSecond, Row.CONCURRENT_RATE.decimals));
                speeds.computeIfAbsent(Row.CONCURRENT_RATE, ignored -> new HashMap<>()).put(implementation, perSecond);
            }
        }

        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("benchmark (loopback TCP)", "unit"));
        for (SocketImplementation implementation : SocketImplementation.values()) {
            header.add(implementation.displayName());
        }
        header.add("jtls ÷ SunJSSE");
        rows.add(header);
        cells.forEach((row, byImplementation) -> {
            List<String> line = new ArrayList<>(List.of(row.description, row.unit));
            for (SocketImplementation implementation : SocketImplementation.values()) {
                line.add(byImplementation.getOrDefault(implementation, "-"));
            }
            Map<SocketImplementation, Double> speed = speeds.get(row);
            Double jtls = speed.get(SocketImplementation.JTLS);
            Double sunJsse = speed.get(SocketImplementation.SUNJSSE);
            line.add(jtls == null || sunJsse == null ? "-" : String.format(Locale.ROOT, "%.2f×", jtls / sunJsse));
            rows.add(line);
        });
        return MarkdownTable.format(rows, 2);
    }

    /** Records the cell ({@code scale}d score ± error) and the speed (higher is faster) the ratio compares. */
    private static void put(Map<Row, Map<SocketImplementation, String>> cells,
            Map<Row, Map<SocketImplementation, Double>> speeds, Row row, SocketImplementation implementation,
            Result<?> result, DoubleUnaryOperator scale, double speed) {
        String cell = format(scale.applyAsDouble(result.getScore()), row.decimals);
        double error = result.getScoreError();
        if (!Double.isNaN(error)) {
            cell += " ± " + format(scale.applyAsDouble(error), row.decimals);
        }
        cells.computeIfAbsent(row, ignored -> new EnumMap<>(SocketImplementation.class)).put(implementation, cell);
        speeds.computeIfAbsent(row, ignored -> new HashMap<>()).put(implementation, speed);
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void requireUnit(Result<?> result, String unit) {
        if (!result.getScoreUnit().equals(unit)) {
            throw new IllegalStateException("expected a score in " + unit + ", got " + result.getScoreUnit());
        }
    }
}
