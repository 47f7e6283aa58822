package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * All runs at one scale. Each run extracts into a fresh ingestion bucket, transforms into a fresh processed bucket
 * and loads a fresh warehouse, each stage in its own process ({@link StageJvm}), and measures each stage's physical
 * reference on the same data right after it. A cycle run does all three in one process on fresh buckets and
 * warehouse. Everything a run created is removed before the next.
 *
 * <p>A run is one full load: the extract takes the whole source as one batch, whatever the extractor's default
 * {@code EXTRACT_MAX_BATCH_ROWS} (since issue #19 a chain cuts at 2,000,000 rows, which would make an SF100 run
 * measure its first batch only, and the extract's rows differ from its reference's); {@code --stages chain} is where
 * batch sizes are measured.
 */
final class ScaleBench {
    /** The extractor's batch limit for a stage run: above any scale's row count, so the source is one batch. */
    private static final Map<String, String> ONE_BATCH = Map.of(StageMain.MAX_BATCH_ROWS,
            Long.toString(Long.MAX_VALUE));

    private final BenchBed bed;
    private final StageJvm jvm;
    private final Path work;
    private final PrintStream progress;

    ScaleBench(BenchBed bed, StageJvm jvm, Path work, PrintStream progress) {
        this.bed = bed;
        this.jvm = jvm;
        this.work = work;
        this.progress = progress;
    }

    ScaleResult run(int scale, long seed, int runs, Set<Stage> stages) throws Exception {
        Database toteSys = bed.newToteSys();
        progress.printf("SF%d: seeding ToteSys (seed %d) ...%n", scale, seed);
        long started = System.nanoTime();
        long sourceRows = ToteSysGenerator.seed(toteSys.dataSource(), scale, seed).totalRows();
        ScaleResult result = new ScaleResult(scale, seed, System.nanoTime() - started);
        progress.printf("SF%d: %,d source rows seeded in %.1f s (load %s)%n", scale, sourceRows,
                result.seedingNanos / 1e9, LoadAverage.text());
        for (int run = 1; run <= runs; run++) {
            new Run(toteSys, result, "sf" + scale + "-run" + run).measure(stages);
        }
        return result;
    }

    /** One run: its buckets and databases, removed at the end. */
    private final class Run {
        private final Database toteSys;
        private final ScaleResult result;
        private final String label;
        private final String ingestion = bed.newBucket("bench-ingestion");
        private final String processed = bed.newBucket("bench-processed");
        private final Database warehouse = bed.newWarehouse();

        Run(Database toteSys, ScaleResult result, String label) {
            this.toteSys = toteSys;
            this.result = result;
            this.label = label;
        }

        void measure(Set<Stage> stages) throws Exception {
            try {
                StageCoordinates at = bed.coordinates(ingestion, processed, toteSys, warehouse);
                IngestionManifest input = extract(at, stages.contains(Stage.EXTRACT));
                ProcessedManifest output = transform(at, input, stages.contains(Stage.TRANSFORM));
                if (stages.contains(Stage.LOAD)) {
                    load(at, output);
                }
                if (stages.contains(Stage.CYCLE)) {
                    cycle(input);
                }
            } finally {
                bed.dropBucket(ingestion);
                bed.dropBucket(processed);
                bed.dropDatabase(warehouse, toteSys);
            }
        }

        private IngestionManifest extract(StageCoordinates at, boolean measured) throws Exception {
            StageJvm.Outcome outcome = jvm.run(Stage.EXTRACT, at, label + "-extract", ONE_BATCH);
            IngestionManifest manifest = bed.ingestionManifest(ingestion, 1);
            if (!Boolean.parseBoolean(outcome.detail("caughtUp"))) {
                throw new IllegalStateException(label + ": the extract stopped at " + manifest.totalRows()
                        + " rows without taking the whole source; a stage run measures one full load");
            }
            if (measured) {
                Measurement ourRun = stageMeasurement(outcome, manifest.totalRows(), csvBytes(manifest));
                Measurement reference = CopyOutReference.measure(toteSys.dataSource());
                requireSameRows("extract", ourRun, reference);
                record(Stage.EXTRACT, ourRun, reference);
            }
            return manifest;
        }

        private ProcessedManifest transform(StageCoordinates at, IngestionManifest input, boolean measured)
                throws Exception {
            StageJvm.Outcome outcome = jvm.run(Stage.TRANSFORM, at, label + "-transform");
            ProcessedManifest manifest = bed.processedManifest(processed, 1);
            if (measured) {
                Path csv = work.resolve("csv-sf" + result.scale);
                if (!Files.isDirectory(csv)) {
                    DuckDbReference.download(new WriteOnceBucket(bed.s3(), ingestion), input, csv);
                }
                Path parquet = work.resolve(label + "-duckdb");
                Measurement reference = DuckDbReference.measure(input, csv, parquet);
                deleteTree(parquet);
                record(Stage.TRANSFORM, stageMeasurement(outcome, input.totalRows(), csvBytes(input)), reference);
                noteOutput(manifest);
            }
            return manifest;
        }

        private void load(StageCoordinates at, ProcessedManifest batch) throws Exception {
            StageJvm.Outcome outcome = jvm.run(Stage.LOAD, at, label + "-load");
            long rows = batch.tables().stream().mapToLong(TableOutput::rows).sum();
            Measurement ourRun = stageMeasurement(outcome, rows, parquetBytes(batch));
            Path csv = work.resolve("warehouse-csv-sf" + result.scale);
            if (!Files.isDirectory(csv)) {
                CopyInReference.export(warehouse.dataSource(), csv);
            }
            Database target = bed.newEmptyDatabase();
            try {
                Measurement reference = CopyInReference.measure(csv, target.dataSource());
                requireSameRows("load", ourRun, reference);
                record(Stage.LOAD, ourRun, reference);
            } finally {
                bed.dropDatabase(target, toteSys);
            }
        }

        private void cycle(IngestionManifest input) throws Exception {
            String cycleIngestion = bed.newBucket("bench-cycle-ingestion");
            String cycleProcessed = bed.newBucket("bench-cycle-processed");
            Database cycleWarehouse = bed.newWarehouse();
            try {
                StageJvm.Outcome outcome = jvm.run(Stage.CYCLE,
                        bed.coordinates(cycleIngestion, cycleProcessed, toteSys, cycleWarehouse), label + "-cycle",
                        ONE_BATCH);
                record(Stage.CYCLE, stageMeasurement(outcome, input.totalRows(), csvBytes(input)), null);
                noteOutput(bed.processedManifest(cycleProcessed, 1));
            } finally {
                bed.dropBucket(cycleIngestion);
                bed.dropBucket(cycleProcessed);
                bed.dropDatabase(cycleWarehouse, toteSys);
            }
        }

        private void record(Stage stage, Measurement ourRun, Measurement reference) {
            result.add(stage, ourRun, reference);
            String line = String.format("  %s %-9s %,10d rows %8.2f s %,10.0f rows/s heap %5.0f MiB", label,
                    stage.label(), ourRun.rows(), ourRun.seconds(), ourRun.rowsPerSecond(),
                    ourRun.peakAfterGc() / 1048576.0);
            if (reference != null) {
                line += String.format(" | reference %8.2f s %,10.0f rows/s | ratio %.2f", reference.seconds(),
                        reference.rowsPerSecond(), ourRun.rowsPerSecond() / reference.rowsPerSecond());
            }
            progress.println(line + " (load " + LoadAverage.text() + ")");
            result.loads.add(LoadAverage.text());
        }

        private void noteOutput(ProcessedManifest manifest) {
            result.parquetRows = manifest.tables().stream().mapToLong(TableOutput::rows).sum();
            result.parquetBytes = parquetBytes(manifest);
            for (TableOutput table : manifest.tables()) {
                if (WarehouseCatalogue.table(table.table()).isFact() && table.rows() > result.largestFactRows) {
                    result.largestFactRows = table.rows();
                    result.largestFactTable = table.table();
                }
            }
        }
    }

    private static Measurement stageMeasurement(StageJvm.Outcome outcome, long rows, long bytes) {
        return new Measurement(rows, bytes, outcome.nanos(), outcome.cpuNanos(), outcome.peakAfterGc(),
                outcome.peakUsed(), outcome.peakTemporary(), LoadAverage.oneMinute());
    }

    private static void requireSameRows(String stage, Measurement ourRun, Measurement reference) {
        if (ourRun.rows() != reference.rows()) {
            throw new IllegalStateException(stage + ": the reference moved " + reference.rows()
                    + " rows but the stage " + ourRun.rows() + "; they must work on the same rows");
        }
    }

    private static long csvBytes(IngestionManifest manifest) {
        return manifest.tables().stream().mapToLong(TableExtract::bytes).sum();
    }

    private static long parquetBytes(ProcessedManifest manifest) {
        return manifest.tables().stream().flatMap(t -> t.files().stream()).mapToLong(DataFile::bytes).sum();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
