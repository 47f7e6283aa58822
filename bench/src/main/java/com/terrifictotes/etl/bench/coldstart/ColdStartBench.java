package com.terrifictotes.etl.bench.coldstart;

import com.terrifictotes.etl.bench.LoadAverage;
import com.terrifictotes.etl.extractor.ExtractionService;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.loader.WarehouseLoader;
import com.terrifictotes.etl.testbed.lambda.LaunchJar;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import com.terrifictotes.etl.transformer.TransformerService;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Cold starts of the three deployable jars, each a fresh JVM from its start to the first handler return on a small
 * batch (a day of changes on an SF1 ToteSys already loaded once), under several JVM configurations: Java 17 and the
 * stack's Java 25, with and without the stack's flags, with and without a class-data archive (AppCDS on 17, the AOT
 * cache on 25). The jars are copied first, so archives always match the jar they were made from.
 */
public final class ColdStartBench {
    private static final String TOTESYS_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-totesys";
    private static final String WAREHOUSE_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-wh";
    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private final Path home;
    private final Path work;
    private final int runs;
    private final PrintStream progress;
    private final double maxLoad;
    private final List<String> selected;
    private final List<String> extraFlags;
    private final int cpu;
    private long changeSeed = 1000;
    private Database toteSys;

    /**
     * @param selected   configurations to run, by key ({@link #available}) or by a part of their name; all if empty
     * @param extraFlags JVM flags added to every launch after the configuration's own (to try a flag, or to log
     *                   class loading: {@code -Xlog:class+load:file=...})
     * @param cpu        the CPU to pin each handler JVM to, or -1 to leave it free (the servers use the other CPUs)
     */
    public ColdStartBench(Path home, Path work, int runs, double maxLoad, List<String> selected,
                          List<String> extraFlags, int cpu, PrintStream progress) {
        this.cpu = cpu;
        this.home = home;
        this.selected = List.copyOf(selected);
        this.extraFlags = List.copyOf(extraFlags);
        this.maxLoad = maxLoad;
        this.work = work;
        this.runs = runs;
        this.progress = progress;
    }

    public void run(PrintStream report) throws Exception {
        Path jars = Files.createDirectories(work.resolve("jars"));
        Map<LambdaFunction, String> classPaths = new LinkedHashMap<>();
        for (LambdaFunction function : LambdaFunction.ALL) {
            Path jar = home.resolve(function.name()).resolve("target").resolve(function.jarName());
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl " + function.name()
                        + " package -DskipTests");
            }
            Files.copy(jar, jars.resolve(function.jarName()), StandardCopyOption.REPLACE_EXISTING);
            classPaths.put(function, LaunchJar.write(jars.resolve("handler-launch.jar")) + File.pathSeparator
                    + jars.resolve(function.jarName()));
        }
        new ColdStartReport(report).jarSizes(home);
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            Map<String, String> environment = prepare(secrets);
            Map<JvmConfig, Map<LambdaFunction, List<LaunchResult>>> results = new LinkedHashMap<>();
            for (JvmConfig config : configs()) {
                results.put(config, measure(config, classPaths, environment));
            }
            new ColdStartReport(report).results(results, runs);
        }
    }

    /** Every configuration this machine can run, in report order; {@code --cold-configs} picks by key. */
    static List<JvmConfig> available(Path java17, Path java25) {
        List<JvmConfig> configs = new ArrayList<>(List.of(
                new JvmConfig("17", "Java 17, no flags", java17, false, JvmConfig.Archive.NONE, false),
                new JvmConfig("17-stack", "Java 17, stack flags", java17, true, JvmConfig.Archive.NONE, false),
                new JvmConfig("17-cds", "Java 17, stack flags + AppCDS", java17, true, JvmConfig.Archive.APP_CDS,
                        false)));
        if (Files.isExecutable(java25.resolve("bin/java"))) {
            configs.add(new JvmConfig("25", "Java 25, no flags", java25, false, JvmConfig.Archive.NONE, false));
            configs.add(new JvmConfig("25-stack", "Java 25, stack flags", java25, true, JvmConfig.Archive.NONE,
                    false));
            configs.add(new JvmConfig("25-aot", "Java 25, stack flags + AOT cache", java25, true,
                    JvmConfig.Archive.AOT_CACHE, false));
            configs.add(new JvmConfig("25-primed",
                    "Java 25, stack flags, primed first (SnapStart hooks run before the call)", java25, true,
                    JvmConfig.Archive.NONE, true));
            // what SnapStart's restore gives with C2: is C1-only still worth it once start-up is a snapshot?
            configs.add(new JvmConfig("25-primed-c2", "Java 25, stack flags without C1-only (C2), primed first",
                    java25, JvmConfig.STACK_FLAGS_WITH_C2, JvmConfig.Archive.NONE, true));
        }
        return configs;
    }

    private List<JvmConfig> configs() {
        List<JvmConfig> all = available(Path.of(System.getProperty("java.home")), JAVA_25);
        if (selected.isEmpty()) {
            return all;
        }
        List<String> unknown = selected.stream()
                .filter(wanted -> all.stream().noneMatch(config -> config.isCalled(wanted))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown or unavailable --cold-configs " + unknown + "; available: "
                    + all.stream().map(JvmConfig::key).toList());
        }
        return all.stream().filter(config -> selected.stream().anyMatch(config::isCalled)).toList();
    }

    private Map<LambdaFunction, List<LaunchResult>> measure(JvmConfig config, Map<LambdaFunction, String> classPaths,
                                                            Map<String, String> environment) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        if (config.toolOptions() != null) {
            env.put("JAVA_TOOL_OPTIONS", config.toolOptions());
        }
        String slug = config.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        Path log = work.resolve(slug + ".log");
        Map<LambdaFunction, Path> archives = new HashMap<>();
        for (LambdaFunction function : LambdaFunction.ALL) {
            archives.put(function, work.resolve(slug + "-" + function.name() + config.archiveSuffix()));
        }
        if (config.archive() != JvmConfig.Archive.NONE) {
            round(config, classPaths, env, log, f -> config.trainingFlags(archives.get(f)));
        }
        Map<LambdaFunction, List<LaunchResult>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            LoadAverage.awaitAtMost(maxLoad, Duration.ofMinutes(3), progress);
            round(config, classPaths, env, log, f -> config.flags(archives.get(f)))
                    .forEach((f, r) -> results.computeIfAbsent(f, x -> new ArrayList<>()).add(r));
        }
        progress.printf("cold start: %s done (load %s)%n", config.name(), LoadAverage.text());
        return results;
    }

    /** A day of changes, then each function once, in pipeline order. */
    private Map<LambdaFunction, LaunchResult> round(JvmConfig config, Map<LambdaFunction, String> classPaths,
                                                    Map<String, String> environment, Path log,
                                                    Function<LambdaFunction, List<String>> flags)
            throws Exception {
        DayOfChanges.apply(toteSys.dataSource(), changeSeed++, LocalDateTime.now(ZoneOffset.UTC));
        Map<LambdaFunction, LaunchResult> round = new LinkedHashMap<>();
        for (LambdaFunction function : LambdaFunction.ALL) {
            List<String> jvmFlags = new ArrayList<>(flags.apply(function));
            jvmFlags.addAll(extraFlags);
            round.put(function, HandlerProcess.launch(config.javaBin(), jvmFlags,
                    classPaths.get(function), function, config.prime(), environment, log, cpu));
        }
        return round;
    }

    /** SF1 ToteSys, loaded once through the services, so every measured round handles a small incremental batch. */
    private Map<String, String> prepare(SecretsManagerStandIn secrets) throws IOException {
        TestBed bed = TestBed.shared();
        toteSys = bed.createToteSysDatabase();
        ToteSysGenerator.seed(toteSys.dataSource(), 1, 42);
        Database warehouse = bed.createWarehouseDatabase();
        String ingestion = bed.createBucket("cold-ingestion");
        String processed = bed.createBucket("cold-processed");
        new ExtractionService(bed.s3(), toteSys.dataSource(), ExtractionSettings.forBucket(ingestion)).run();
        new TransformerService(bed.s3(), TransformerSettings.forBuckets(ingestion, processed))
                .transformPending(OptionalLong.empty());
        new WarehouseLoader(bed.s3(), processed, warehouse.dataSource()).loadPending();
        secrets.put(TOTESYS_SECRET, toteSys.secretJson());
        secrets.put(WAREHOUSE_SECRET, warehouse.secretJson());
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", Files.createDirectories(work.resolve("home")).toString());
        environment.put("AWS_REGION", bed.s3Region());
        environment.put("AWS_ACCESS_KEY_ID", bed.s3AccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", bed.s3SecretKey());
        environment.put("AWS_ENDPOINT_URL_S3", bed.s3Endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "totes-etl-bench");
        environment.put("TOTESYS_SECRET_ID", TOTESYS_SECRET);
        environment.put("WAREHOUSE_SECRET_ID", WAREHOUSE_SECRET);
        environment.put("INGESTION_BUCKET", ingestion);
        environment.put("PROCESSED_BUCKET", processed);
        environment.put("DB_SSLMODE", "disable");
        // the loader's catch-up event would also verify the warehouse: a daily job's cost, not a cold start's
        environment.put("VERIFY_ON_CATCH_UP", "false");
        environment.put("POWERTOOLS_SERVICE_NAME", "bench");
        environment.put("POWERTOOLS_METRICS_NAMESPACE", "totes-etl-bench");
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");
        return environment;
    }
}
