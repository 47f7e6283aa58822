package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.bench.coldstart.ColdStartBench;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.runtime.LambdaJvm;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pipeline bench}: how fast, how much memory, how cold, each against its physical limit. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generates ToteSys at each scale on the embedded servers and measures every stage on its own",
                "(each in a JVM of its own, shaped like a 1,769 MB Lambda: one CPU, the stack's JVM flags, a 512 MB",
                "heap) and the whole cycle, side by side with each stage's physical reference on the same rows:",
                "extract vs COPY TO, transform vs DuckDB on one thread, load vs COPY FROM into unindexed tables.",
                "Figures are medians of --runs runs. --cold-start adds the Lambda jars' cold starts; --hot-paths the",
                "hand-written hot paths against their libraries."})
public final class BenchCommand implements Callable<Integer> {
    /** The JVM flags the stack gives every function (infra-cdk EtlFunction.JAVA_TOOL_OPTIONS). */
    public static final String STACK_FLAGS = LambdaJvm.JAVA_TOOL_OPTIONS;
    private static final int HOT_PATH_WARMUPS = 3;
    private static final String CHAIN = "chain";
    private boolean chainsRight = true;

    @Option(names = "--scale", split = ",", defaultValue = "10",
            description = "scale factors (default ${DEFAULT-VALUE})")
    List<Integer> scales;

    @Option(names = "--seed", defaultValue = "42", description = "data seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--runs", defaultValue = "3", description = "runs per measurement; the median is reported")
    int runs;

    @Option(names = "--stages", split = ",", defaultValue = "extract,transform,load,cycle",
            description = "stages to measure (default ${DEFAULT-VALUE}); 'chain' for a first load through the chain "
                    + "of bounded batches (issue #19); empty with --cold-start for cold starts only")
    List<String> stages;

    @Option(names = "--max-batch-rows", split = ",", description = "with --stages chain: the extractor's "
            + "EXTRACT_MAX_BATCH_ROWS, one chain per value at each scale (default: the extractor's default)")
    List<Long> maxBatchRows = List.of(ExtractionSettings.DEFAULT_MAX_BATCH_ROWS);

    @Option(names = "--chain-changes", description = "with --stages chain: make a day of source changes after the "
            + "first batch's load, and note after which batch they are in the warehouse")
    boolean chainChanges;

    @Option(names = "--heap-check", description = "fail (exit 3) unless every stage process stayed within 512 MB "
            + "on a batch whose largest fact table has at least 1M rows")
    boolean heapCheck;

    @Option(names = "--stage-heap", defaultValue = "512m",
            description = "-Xmx of each stage process (default ${DEFAULT-VALUE})")
    String stageHeap;

    @Option(names = "--stage-flags", defaultValue = STACK_FLAGS,
            description = "JVM flags of each stage process (default: the stack's, '${DEFAULT-VALUE}')")
    String stageFlags;

    @Option(names = "--stage-primed", description = "run each stage after its function's SnapStart hooks, as a "
            + "function restored from its snapshot does (the stack's shape); default: a cold JVM, as without SnapStart")
    boolean stagePrimed;

    @Option(names = "--stage-cpu", defaultValue = "1", description = "CPU to pin each stage process to, -1 for none")
    int stageCpu;

    @Option(names = "--max-load", defaultValue = "0", description = "before each measurement, wait (up to 3 min) "
            + "until the 1-min load average is at most this; 0 = never wait (default)")
    double maxLoad;

    @Option(names = "--cold-start", description = "also measure each Lambda jar's cold start")
    boolean coldStart;

    @Option(names = "--cold-runs", defaultValue = "5",
            description = "cold starts per configuration (default ${DEFAULT-VALUE})")
    int coldRuns;

    @Option(names = "--hot-paths", description = "also measure the hand-written hot paths against their library "
            + "alternatives on the batch of each --scale, with C1 and C2, checking each pair's output is equal")
    boolean hotPaths;

    @Option(names = "--hot-path-rounds", defaultValue = "7",
            description = "measured rounds per hot path, after 3 warm-up rounds (default ${DEFAULT-VALUE})")
    int hotPathRounds;

    @Option(names = "--cold-configs", split = ",", description = "cold-start JVM configurations to run, by key "
            + "(17, 17-stack, 17-cds, 25, 25-stack, 25-aot, 25-primed, 25-primed-c2) or by a part of their name, "
            + "e.g. 'primed first' (default: all this machine can run)")
    List<String> coldConfigs = List.of();

    @Option(names = "--cold-flags", description = "JVM flags added to every cold-start launch (e.g. "
            + "'-XX:+UseSerialGC', or '-Xlog:class+load:file=/tmp/%%p.log' to see what a cold start loads)")
    String coldFlags = "";

    @Option(names = "--cold-cpu", defaultValue = "-1", description = "CPU to pin each cold-start JVM to (with "
            + "-XX:ActiveProcessorCount=1), as a one-vCPU Lambda; -1 for none (default)")
    int coldCpu;

    @Option(names = "--work", description = "working directory (default bench/target/bench-work)")
    Path work;

    public static void main(String[] args) {
        int status = new CommandLine(new BenchCommand()).execute(args);
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("totes.home", "."));
        Path directory = Files.createDirectories(work != null ? work : home.resolve("bench/target/bench-work"));
        System.setProperty(TestBed.S3_DIRECTORY_PROPERTY, System.getProperty(TestBed.S3_DIRECTORY_PROPERTY,
                directory.resolve("s3").toString()));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream report = new PrintStream(text, true, StandardCharsets.UTF_8);
        report.println(Machine.describe(this));
        boolean heapOk = measureStages(directory, report);
        if (stages.stream().anyMatch(s -> s.trim().equals(CHAIN))) {
            boolean chainsBounded = measureChains(directory, report);
            heapOk = heapOk && chainsBounded;
        }
        if (hotPaths) {
            HotPathsBench bench = new HotPathsBench(new BenchBed(), stageJvm(directory), directory, System.out);
            for (int scale : scales) {
                bench.run(scale, seed, HOT_PATH_WARMUPS, hotPathRounds, report);
            }
        }
        if (coldStart) {
            new ColdStartBench(home, directory.resolve("cold-start"), coldRuns, maxLoad, coldConfigs,
                    Arrays.stream(coldFlags.trim().split("\\s+")).filter(f -> !f.isBlank()).toList(), coldCpu,
                    System.out)
                    .run(report);
        }
        Path results = directory.resolve("bench-results.md");
        Files.writeString(results, text.toString(StandardCharsets.UTF_8));
        System.out.println();
        System.out.print(text.toString(StandardCharsets.UTF_8));
        System.out.println("(also written to " + results + ")");
        if (!chainsRight) {
            System.err.println("a chain's warehouse differs from the oracle (see the report): its figures are void");
            return 4;
        }
        return heapCheck && !heapOk ? 3 : 0;
    }

    private StageJvm stageJvm(Path directory) {
        return new StageJvm(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), stageHeap,
                Arrays.stream(stageFlags.trim().split("\\s+")).filter(f -> !f.isBlank()).toList(), stageCpu,
                directory.resolve("stages"), maxLoad, stagePrimed);
    }

    /**
     * Each scale seeded once, then a first load through the chain per batch size. Returns whether every invocation
     * stayed under 5 minutes and within the heap; a chain whose warehouse differs from the oracle is noted in
     * {@link #chainsRight} (exit 4: a bench that measured a wrong result).
     */
    private boolean measureChains(Path directory, PrintStream report) throws Exception {
        BenchBed bed = new BenchBed();
        ChainBench bench = new ChainBench(bed, stageJvm(directory), System.out);
        ChainReport out = new ChainReport(report);
        List<ChainResult> results = new ArrayList<>();
        for (int scale : scales) {
            Database toteSys = bed.newToteSys();
            System.out.printf("SF%d: seeding ToteSys (seed %d) for the chain ...%n", scale, seed);
            long started = System.nanoTime();
            long sourceRows = ToteSysGenerator.seed(toteSys.dataSource(), scale, seed).totalRows();
            long seeding = System.nanoTime() - started;
            for (long rows : maxBatchRows) {
                ChainResult result = bench.run(toteSys, new ChainResult(scale, seed, rows, sourceRows, seeding),
                        chainChanges);
                results.add(result);
                out.chain(result, stageHeap);
                if (!result.check.right()) {
                    chainsRight = false;
                }
            }
        }
        return ChainReport.bounded(results);
    }

    /** Returns whether the heap check passed (trivially true when no stage ran). */
    private boolean measureStages(Path directory, PrintStream report) throws Exception {
        Set<Stage> selected = EnumSet.noneOf(Stage.class);
        stages.stream().filter(s -> !s.isBlank() && !s.trim().equals(CHAIN)).map(Stage::of).forEach(selected::add);
        if (selected.isEmpty()) {
            return true;
        }
        ScaleBench bench = new ScaleBench(new BenchBed(), stageJvm(directory), directory, System.out);
        List<ScaleResult> results = new ArrayList<>();
        BenchReport out = new BenchReport(report);
        for (int scale : scales) {
            ScaleResult result = bench.run(scale, seed, runs, selected);
            results.add(result);
            out.scale(result, runs);
        }
        out.linearity(results);
        ScaleResult largest = results.get(results.size() - 1);
        out.heapCheck(largest, stageHeap);
        return largest.largestFactRows >= BenchReport.FACT_ROWS_FOR_HEAP_CHECK && largest.ours.values().stream()
                .flatMap(List::stream).allMatch(m -> m.peakUsed() <= BenchReport.HEAP_LIMIT);
    }
}
