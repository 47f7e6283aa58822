package com.terrifictotes.etl.local;

import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.GenerationReport;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine, with no cloud account.",
                "An embedded PostgreSQL holds ToteSys (generated data) and an empty warehouse, an in-process S3 "
                        + "server holds both buckets. Runs a full cycle, applies a day of changes, runs a second "
                        + "cycle, and prints what happened."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "1", description = "ToteSys scale factor (default ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--seed", defaultValue = "42", description = "data seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-batch-rows", description = "EXTRACT_MAX_BATCH_ROWS: cut the first load into a chain of"
            + " batches of at most this many rows (default: the extractor's, "
            + ExtractionSettings.DEFAULT_MAX_BATCH_ROWS + ")")
    Long maxBatchRows;

    @Option(names = "--keep", description = "keep the embedded servers running until Ctrl-C, to explore the data")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (maxBatchRows != null && maxBatchRows < 1) {
            throw new IllegalArgumentException("--max-batch-rows must be at least 1, got " + maxBatchRows);
        }
        Path logFile = Path.of(System.getProperty("totes.home", "."), "local", "target", "demo", "lambda-output.log");
        Console console = Console.divertingLambdaOutputTo(logFile);
        console.line("totes-etl demo: ToteSys -> extractor -> CSV -> transformer -> Parquet -> loader -> warehouse");
        console.line("");
        TestBed bed = TestBed.shared();
        Database toteSys = console.step("Starting embedded PostgreSQL and an S3 server; creating ToteSys",
                bed::createToteSysDatabase);
        GenerationReport seeded = console.step("Seeding ToteSys at SF" + scale,
                () -> ToteSysGenerator.seed(toteSys.dataSource(), scale, seed));
        console.line("    %,d rows in %d tables", seeded.totalRows(), seeded.rowsPerTable().size());
        Database warehouse = console.step("Creating an empty warehouse (the loader migrates it with Flyway)",
                bed::createEmptyDatabase);
        PipelineServices services = new PipelineServices(bed.s3(), bed.s3Region(), bed.createBucket("ingestion"),
                bed.createBucket("processed"), toteSys.dataSource(), warehouse.dataSource());
        ExtractionSettings extraction = ExtractionSettings.forBucket(services.ingestionBucket());
        LocalPipeline pipeline = new LocalPipeline(services, maxBatchRows == null ? extraction
                : extraction.withMaxBatchRows(maxBatchRows), Clock.systemUTC());
        CycleSummary summary = new CycleSummary(services, console);

        console.line("  Cycle 1: the first run reads everything");
        console.cycle("Cycle 1 (full load)", pipeline, summary);

        ChangeReport changes = console.step("Applying a day of changes to ToteSys",
                () -> DayOfChanges.apply(toteSys.dataSource(), seed, LocalDateTime.now(ZoneOffset.UTC)));
        console.line("    %,d rows stamped %s: %s", changes.totalRowsStamped(), changes.stampedAt(),
                changes.rowsStampedPerTable());
        console.line("  Cycle 2: only what changed");
        console.cycle("Cycle 2 (incremental)", pipeline, summary);

        new WarehouseReport(console, warehouse.dataSource()).print();
        printWhereTheDataLies(console, bed, services, toteSys, warehouse);
        if (keep) {
            console.line("");
            console.line("Servers keep running; press Ctrl-C to stop.");
            Thread.currentThread().join();
        }
        return 0;
    }

    private static void printWhereTheDataLies(Console console, TestBed bed, PipelineServices services,
                                              Database toteSys, Database warehouse) {
        console.line("");
        console.line("Where the data lies%s", " (embedded servers stop when this command ends; --keep keeps them)");
        console.line("  S3 endpoint      %s (path-style, access key %s)", bed.s3Endpoint(), bed.s3AccessKey());
        console.line("  ingestion bucket s3://%s/  (data/ CSV, manifests/)", services.ingestionBucket());
        console.line("  processed bucket s3://%s/  (tables/ Parquet, state/, manifests/)", services.processedBucket());
        console.line("  ToteSys          %s (user %s)", toteSys.jdbcUrl(), toteSys.user());
        console.line("  warehouse        %s (user %s)", warehouse.jdbcUrl(), warehouse.user());
        console.line("  Lambda logs      %s (JSON log lines and EMF metrics)",
                console.logFile().toAbsolutePath().normalize());
    }
}
