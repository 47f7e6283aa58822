package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.bench.hotpaths.HotPaths.Figure;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./pipeline bench --hot-paths}: the hand-written hot paths against their library or JDK alternatives, on the
 * batch the stages make of ToteSys at the scale. Extracts and transforms it (each stage in its own process, as the
 * stage benchmark does), then measures in one stage-shaped process per JIT configuration ({@link HotPathsMain}):
 * the stage's flags (the stack's C1-only) and the same without {@code -XX:TieredStopAtLevel=1} (C2).
 */
final class HotPathsBench {
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final int TABLES = 3;
    private static final long TIMEOUT_MINUTES = 30;

    private final BenchBed bed;
    private final StageJvm jvm;
    private final Path work;
    private final PrintStream progress;

    HotPathsBench(BenchBed bed, StageJvm jvm, Path work, PrintStream progress) {
        this.bed = bed;
        this.jvm = jvm;
        this.work = work;
        this.progress = progress;
    }

    void run(int scale, long seed, int warmups, int rounds, PrintStream report) throws Exception {
        Database toteSys = bed.newToteSys();
        progress.printf("hot paths, SF%d: seeding ToteSys (seed %d) ...%n", scale, seed);
        ToteSysGenerator.seed(toteSys.dataSource(), scale, seed);
        String ingestion = bed.newBucket("bench-hot-ingestion");
        String processed = bed.newBucket("bench-hot-processed");
        try {
            StageCoordinates at = bed.coordinates(ingestion, processed, toteSys, null);
            jvm.run(Stage.EXTRACT, at, "hot-sf" + scale + "-extract");
            jvm.run(Stage.TRANSFORM, at, "hot-sf" + scale + "-transform");
            Map<String, List<Figure>> byJit = new LinkedHashMap<>();
            String description = null;
            for (Map.Entry<String, List<String>> jit : configurations().entrySet()) {
                String load = LoadAverage.text();
                List<String> lines = measure(at, jit.getValue(), "hot-sf" + scale + "-" + jit.getKey(), warmups,
                        rounds);
                description = lines.get(0);
                byJit.put(jit.getKey() + " (load " + load + ")", lines.subList(1, lines.size()).stream()
                        .map(Figure::parse).toList());
            }
            new HotPathsReport(report).table(scale, description, warmups, rounds, byJit);
        } finally {
            bed.dropBucket(ingestion);
            bed.dropBucket(processed);
        }
    }

    /** C1 as the stage's flags say, C2 the same flags without the C1-only one. */
    private Map<String, List<String>> configurations() {
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        configurations.put("C1", jvm.flags());
        configurations.put("C2", jvm.flags().stream().filter(flag -> !flag.equals(C1_ONLY)).toList());
        return configurations;
    }

    private List<String> measure(StageCoordinates at, List<String> flags, String label, int warmups, int rounds)
            throws IOException, InterruptedException {
        Path directory = Files.createDirectories(work.resolve("stages").resolve(label));
        Path resultFile = directory.resolve("hot-paths.tsv");
        Path log = directory.resolve("hot-paths.log");
        LoadAverage.awaitAtMost(jvm.maxLoad(), Duration.ofMinutes(3), progress);
        progress.printf("%s: measuring with %s ...%n", label, String.join(" ", flags));
        List<String> command = new ArrayList<>();
        if (jvm.cpu() >= 0 && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            command.addAll(List.of("/usr/bin/taskset", "-c", Integer.toString(jvm.cpu())));
        }
        command.addAll(List.of(jvm.javaBin(), "-Xmx" + jvm.heap()));
        if (jvm.cpu() >= 0) {
            command.add("-XX:ActiveProcessorCount=1");
        }
        command.addAll(flags);
        command.addAll(List.of("-cp", jvm.classPath(), HotPathsMain.class.getName(), resultFile.toString(),
                Integer.toString(warmups), Integer.toString(rounds), Integer.toString(TABLES)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(at.environment());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(label + " did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0 || !Files.exists(resultFile)) {
            throw new IllegalStateException(label + " failed (exit " + process.exitValue() + "): "
                    + StageJvm.tail(log));
        }
        return Files.readAllLines(resultFile);
    }
}
