package com.terrifictotes.etl.bench;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A first load through the chain of issue #19: the extractor run again and again with {@code EXTRACT_MAX_BATCH_ROWS}
 * until it reports {@code caughtUp}, and each batch it publishes transformed and loaded by an invocation of its own,
 * as each batch's event drives the deployed pipeline. Every invocation is a stage process of its own ({@link StageJvm}:
 * one pinned CPU, the stack's flags, the stage heap), and its wall time, CPU time and heap are recorded. The
 * warehouse is then checked against the oracle ({@link ChainCheck}). Optionally a day of source changes is made after
 * the first batch's load, and the harness notes after which batch's load the new orders and payments showed in the
 * warehouse: whether the pipeline still delivers while a chain runs.
 */
final class ChainBench {
    /** A chain that has not caught up after this many batches is reported as stuck rather than run for ever. */
    static final int MAX_BATCHES = 10_000;

    private final BenchBed bed;
    private final StageJvm jvm;
    private final PrintStream progress;
    private final Clock clock = Clock.systemUTC();

    ChainBench(BenchBed bed, StageJvm jvm, PrintStream progress) {
        this.bed = bed;
        this.jvm = jvm;
        this.progress = progress;
    }

    /**
     * @param toteSys      a seeded ToteSys (left as the chain and any changes leave it)
     * @param changes      whether to make a day of source changes after the first batch's load
     */
    ChainResult run(Database toteSys, ChainResult result, boolean changes) throws Exception {
        String ingestion = bed.newBucket("chain-ingestion");
        String processed = bed.newBucket("chain-processed");
        Database warehouse = bed.newWarehouse();
        try {
            new Chain(bed.coordinates(ingestion, processed, toteSys, warehouse), toteSys, warehouse, processed,
                    result).run(changes);
            return result;
        } finally {
            bed.dropBucket(ingestion);
            bed.dropBucket(processed);
            bed.dropDatabase(warehouse, toteSys);
        }
    }

    private final class Chain {
        private final StageCoordinates at;
        private final Database toteSys;
        private final Database warehouse;
        private final String processed;
        private final ChainResult result;
        private final String label;
        private ChangeReport made;
        private Instant madeAt;

        Chain(StageCoordinates at, Database toteSys, Database warehouse, String processed, ChainResult result) {
            this.at = at;
            this.toteSys = toteSys;
            this.warehouse = warehouse;
            this.processed = processed;
            this.result = result;
            this.label = "sf" + result.scale + "-chain" + result.maxBatchRows;
        }

        void run(boolean changes) throws Exception {
            long started = System.nanoTime();
            boolean caughtUp = false;
            while (!caughtUp) {
                if (result.batches() >= MAX_BATCHES) {
                    throw new IllegalStateException("the chain did not catch up after " + MAX_BATCHES + " batches");
                }
                StageJvm.Outcome extract = jvm.run(Stage.EXTRACT, at, label + "-" + (result.batches() + 1)
                        + "-extract", Map.of(StageMain.MAX_BATCH_ROWS, Long.toString(result.maxBatchRows)));
                caughtUp = Boolean.parseBoolean(extract.detail("caughtUp"));
                if (!Boolean.parseBoolean(extract.detail("published"))) {
                    break; // nothing new: the previous batch had caught up after all
                }
                long batch = Long.parseLong(extract.detail("sequence"));
                record(Stage.EXTRACT, batch, Long.parseLong(extract.detail("rows")), extract);
                long batchRows = bed.ingestionManifest(at.ingestionBucket(), batch).totalRows();
                Map<String, String> upTo = Map.of(StageMain.UP_TO, Long.toString(batch));
                record(Stage.TRANSFORM, batch, batchRows,
                        jvm.run(Stage.TRANSFORM, at, label + "-" + batch + "-transform", upTo));
                ProcessedManifest output = bed.processedManifest(processed, batch);
                record(Stage.LOAD, batch, output.tables().stream().mapToLong(TableOutput::rows).sum(),
                        jvm.run(Stage.LOAD, at, label + "-" + batch + "-load", upTo));
                if (made != null && result.changes.seenAfter() == 0) {
                    noteIfSeen(batch);
                }
                if (changes && made == null && !caughtUp) {
                    makeChanges(batch);
                }
            }
            result.wallNanos = System.nanoTime() - started;
            result.check = ChainCheck.of(toteSys.dataSource(), warehouse.dataSource(),
                    made == null ? Map.of() : made.rowsStampedPerTable());
            progress.printf("%s: %d batches, %.1f s in invocations, %.1f s end to end; warehouse %s%n", label,
                    result.batches(), result.invocationNanos() / 1e9, result.wallNanos / 1e9,
                    result.check.right() ? "equals the oracle" : "WRONG " + result.check.failures());
        }

        private void record(Stage stage, long batch, long rows, StageJvm.Outcome outcome) {
            ChainInvocation invocation = new ChainInvocation(stage, batch, rows, outcome.nanos(), outcome.cpuNanos(),
                    outcome.peakAfterGc(), outcome.peakUsed(), LoadAverage.oneMinute());
            result.invocations.add(invocation);
            progress.printf("  %s batch %d %-9s %,10d rows %7.2f s cpu %7.2f s heap %4.0f MiB (load %s)%n", label,
                    batch, stage.label(), rows, invocation.seconds(), outcome.cpuNanos() / 1e9,
                    outcome.peakAfterGc() / 1048576.0, LoadAverage.text());
        }

        private void makeChanges(long afterBatch) {
            made = DayOfChanges.apply(toteSys.dataSource(), result.seed + afterBatch, LocalDateTime.now(clock));
            madeAt = clock.instant();
            result.changes = new ChainResult.ChangesSeen(afterBatch, made.totalRowsStamped(), 0, null);
            progress.printf("  %s: a day of changes made after batch %d (%d rows stamped)%n", label, afterBatch,
                    made.totalRowsStamped());
        }

        /** Whether every new sales order and payment the changes made is in the warehouse now. */
        private void noteIfSeen(long batch) throws SQLException {
            boolean seen = allPresent(WarehouseCatalogue.FACT_SALES_ORDER, made.newSalesOrderIds())
                    && allPresent(WarehouseCatalogue.FACT_PAYMENT, made.newPaymentIds());
            if (seen) {
                result.changes = new ChainResult.ChangesSeen(result.changes.madeAfter(), result.changes.rows(), batch,
                        Duration.between(madeAt, clock.instant()));
            }
        }

        private boolean allPresent(WarehouseTable fact, List<Integer> ids) throws SQLException {
            try (Connection connection = warehouse.dataSource().getConnection();
                 PreparedStatement statement = connection.prepareStatement("SELECT count(DISTINCT "
                         + Identifiers.quote(fact.sourceIdColumn()) + ") FROM "
                         + fact.quotedName() + " WHERE " + Identifiers.quote(
                                 fact.sourceIdColumn()) + " = ANY (?)")) {
                Array array = connection.createArrayOf("integer", ids.toArray());
                statement.setArray(1, array);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == ids.size();
                }
            }
        }
    }
}
