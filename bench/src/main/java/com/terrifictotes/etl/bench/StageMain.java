package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.extractor.ExtractionResult;
import com.terrifictotes.etl.extractor.ExtractionService;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.loader.LoadReport;
import com.terrifictotes.etl.loader.WarehouseLoader;
import com.terrifictotes.etl.s3.S3Clients;
import com.terrifictotes.etl.transformer.BatchReport;
import com.terrifictotes.etl.transformer.TransformerService;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One stage in a process of its own, so that its heap is the stage's alone (the servers live in the harness):
 * builds the stage's plain service the way the local runner does, runs it once, and writes how long the call took
 * and how much memory it needed to the result file. Arguments: the stage, the result file.
 *
 * <p>For the chain ({@link ChainBench}) two variables shape one invocation as the deployed chain runs it:
 * {@value #MAX_BATCH_ROWS} is the extractor's {@code EXTRACT_MAX_BATCH_ROWS}, and {@value #UP_TO} the batch a
 * transform or load invocation goes up to: the next one, so each invocation takes one batch, as a deployed one does
 * with a chain's full batches under {@code MAX_ROWS_PER_INVOCATION} (the stack sets it to the extractor's limit).
 * The extraction's own result ({@code caughtUp}, the sequence it published, its rows) is written to the result file
 * beside the measurements.
 *
 * <p>With {@value StagePriming#PRIMED} set ({@code --stage-primed}), the stage's function's SnapStart hooks run first,
 * outside the timed call and its CPU and heap figures ({@link StagePriming}).
 *
 * <p>With the system property {@value #TRANSFORM_ROW_PATH} true ({@code --stage-flags -Dbench.transformRowPath=true})
 * a transform stage takes every row the row path, as before the columnar pass: the two are measured in one build.
 */
public final class StageMain {
    static final String MAX_BATCH_ROWS = "BENCH_MAX_BATCH_ROWS";
    static final String UP_TO = "BENCH_UP_TO";
    static final String TRANSFORM_ROW_PATH = "bench.transformRowPath";

    private StageMain() {
    }

    public static void main(String[] args) throws IOException {
        Stage stage = Stage.of(args[0]);
        Path resultFile = Path.of(args[1]);
        StageCoordinates at = StageCoordinates.fromEnvironment(System.getenv());
        S3Client s3 = S3Clients.fromEnvironment(System.getenv());
        Properties result = new Properties();
        if (StagePriming.requested(System.getenv())) {
            long priming = System.nanoTime();
            result.setProperty("primingHooks", Integer.toString(StagePriming.prime(stage)));
            result.setProperty("primingNanos", Long.toString(System.nanoTime() - priming));
        }
        try (HeapWatch watch = new HeapWatch(Path.of(System.getProperty("java.io.tmpdir")))) {
            long cpuStarted = processCpuNanos();
            long started = System.nanoTime();
            String outcome = run(stage, at, s3, result);
            long nanos = System.nanoTime() - started;
            result.setProperty("cpuNanos", Long.toString(processCpuNanos() - cpuStarted));
            watch.close();
            result.setProperty("nanos", Long.toString(nanos));
            result.setProperty("outcome", outcome);
            result.setProperty("peakAfterGc", Long.toString(watch.peakAfterGc()));
            result.setProperty("peakUsed", Long.toString(watch.peakUsed()));
            result.setProperty("peakTemporary", Long.toString(watch.peakTemporaryBytes()));
            result.setProperty("collections", Long.toString(watch.collections()));
            result.setProperty("maxHeap", Long.toString(Runtime.getRuntime().maxMemory()));
        }
        try (OutputStream out = Files.newOutputStream(resultFile)) {
            result.store(out, "bench stage result");
        }
        System.exit(0); // the SDK's and Powertools' threads are not ours to wait for
    }

    /** CPU time of this process, all threads: what the stage costs its (one) CPU, whatever else runs beside it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String run(Stage stage, StageCoordinates at, S3Client s3, Properties result) {
        return switch (stage) {
            case EXTRACT -> extract(at, s3, result);
            case TRANSFORM -> transform(at, s3);
            case LOAD -> load(at, s3);
            case CYCLE -> extract(at, s3, result) + "; " + transform(at, s3) + "; " + load(at, s3);
        };
    }

    private static String extract(StageCoordinates at, S3Client s3, Properties properties) {
        DataSource toteSys = PostgresDataSources.fromUrl(at.toteSysUrl(), at.dbUser(), at.dbPassword(),
                "totes-etl-bench");
        ExtractionSettings defaults = ExtractionSettings.forBucket(at.ingestionBucket());
        long maxBatchRows = Long.parseLong(System.getenv().getOrDefault(MAX_BATCH_ROWS,
                Long.toString(defaults.maxBatchRows())));
        ExtractionSettings settings = new ExtractionSettings(defaults.bucket(), defaults.overlap(),
                defaults.sourceTimeZone(), defaults.partRows(), defaults.fetchSize(), defaults.maxClockSkew(),
                maxBatchRows);
        ExtractionResult result = new ExtractionService(s3, toteSys, settings).run();
        properties.setProperty("caughtUp", Boolean.toString(result.caughtUp()));
        properties.setProperty("sequence", Long.toString(result.sequence()));
        properties.setProperty("rows", Long.toString(result.totalRows()));
        properties.setProperty("published", Boolean.toString(result.outcome() == ExtractionResult.Outcome.PUBLISHED));
        return result.outcome() + " " + result.totalRows() + " rows" + (result.caughtUp() ? "" : ", not caught up");
    }

    private static String transform(StageCoordinates at, S3Client s3) {
        TransformerSettings settings = TransformerSettings.forBuckets(at.ingestionBucket(), at.processedBucket());
        if (Boolean.getBoolean(TRANSFORM_ROW_PATH)) {
            settings = settings.withRowPathOnly();
        }
        List<BatchReport> reports = new TransformerService(s3, settings).transformPending(upTo());
        return "batches " + reports.stream().map(r -> r.sequence() + " " + r.outcome()).toList();
    }

    private static String load(StageCoordinates at, S3Client s3) {
        DataSource warehouse = PostgresDataSources.fromUrl(at.warehouseUrl(), at.dbUser(), at.dbPassword(),
                "totes-etl-bench");
        LoadReport report = new WarehouseLoader(s3, at.processedBucket(), warehouse)
                .loadPending(upTo().orElse(Long.MAX_VALUE));
        return report.summary();
    }

    /** The batch this invocation goes up to (the next pending one in a chain); empty: every pending one. */
    private static OptionalLong upTo() {
        String upTo = System.getenv(UP_TO);
        return upTo == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(upTo));
    }
}
