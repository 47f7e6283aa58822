package com.terrifictotes.etl.extractor;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One extractor run: everything in ToteSys that changed since the latest manifest, written to the ingestion bucket
 * and committed by publishing the next manifest.
 *
 * <ol>
 *   <li>Read the latest manifest (S3 first, so a missing bucket fails before the database is touched).</li>
 *   <li>Open one read-only REPEATABLE READ snapshot and read the database's clock in it; refuse to go on if it
 *       disagrees with the function's ({@link ClockSkewGuard}); the bound {@code hi} is that instant on the
 *       source's wall clock ({@link WallClock}).</li>
 *   <li>Check the live schema against the catalogue: drift it can carry is a warning, drift it cannot stops the run
 *       here, before any row is read.</li>
 *   <li>Per catalogue table: plan the fresh window ({@link WindowPlanner}: from the overlap before the previous
 *       snapshot, on the source's wall clock) and any backfill range (the rest of an older window a batch was cut
 *       in), drop versions already delivered, stream the rest to CSV parts ({@link TableReads}).</li>
 *   <li>At most {@code maxBatchRows} rows over all tables: first every table's fresh window in catalogue order
 *       (every foreign key's target before the tables that reference it), then each backfill range with what is
 *       left ({@link BatchRoom}). A read that would pass the limit is cut after the last row that fits, and the
 *       reads after it do not happen; the extracts say where the next batch goes on (issue #19: a window of any
 *       size as a chain of bounded batches, each committed on its own, while changes keep arriving with the next
 *       batch).</li>
 *   <li>If no table has a new row or a rejected one: write nothing more (no manifest, so nothing downstream
 *       fires).</li>
 *   <li>Otherwise publish the manifest with sequence = latest + 1, last, write-once.</li>
 * </ol>
 * Any failure before the manifest leaves the latest manifest unchanged, so the next run (or a retry) reads the
 * same window again, and more.
 */
public final class ExtractionService {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionService.class);

    private final WriteOnceBucket bucket;
    private final ManifestLog manifests;
    private final SourceDatabase source;
    private final ExtractionSettings settings;
    private final Clock clock;
    private final RunMetrics metrics;
    private final UnaryOperator<Instant> sourceClock;
    private final LakeVersions lake;

    public ExtractionService(S3Client s3, DataSource dataSource, ExtractionSettings settings, Clock clock,
                             RunMetrics metrics) {
        this(s3, dataSource, settings, clock, metrics, UnaryOperator.identity());
    }

    /**
     * As above, with the database's clock read through {@code sourceClock}: tests place the source at a chosen
     * instant (a change of the clocks, a skewed database), since the database's own clock cannot be moved.
     */
    ExtractionService(S3Client s3, DataSource dataSource, ExtractionSettings settings, Clock clock,
                      RunMetrics metrics, UnaryOperator<Instant> sourceClock) {
        this.bucket = new WriteOnceBucket(s3, settings.bucket());
        this.manifests = new ManifestLog(s3, bucket);
        this.source = SourceDatabase.of(dataSource);
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.sourceClock = sourceClock;
        this.lake = new LakeVersions(bucket, manifests);
    }

    public ExtractionService(S3Client s3, DataSource dataSource, ExtractionSettings settings) {
        this(s3, dataSource, settings, Clock.systemUTC(), RunMetrics.discarding());
    }

    public ExtractionResult run() {
        Instant startedAt = clock.instant();
        String runId = UUID.randomUUID().toString();
        Optional<IngestionManifest> previous = manifests.latest();
        long sequence = previous.map(m -> m.sequence() + 1).orElse(1L);
        LOG.info("extraction started", entry("run_id", runId), entry("sequence", sequence));
        Snapshot read = readSnapshot(previous, sequence, runId, LocalDate.ofInstant(startedAt, ZoneOffset.UTC));
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> rejected = new LinkedHashMap<>();
        read.tables().forEach(t -> rows.put(t.table(), t.rows()));
        read.tables().stream().filter(t -> !t.rejects().isEmpty())
                .forEach(t -> rejected.put(t.table(), (long) t.rejects().size()));
        String hi = Timestamps.format(read.hi());
        boolean caughtUp = read.tables().stream().noneMatch(TableExtract::isUnfinished);
        ExtractionResult result;
        if (rows.values().stream().allMatch(n -> n == 0) && rejected.isEmpty()) {
            result = new ExtractionResult(Outcome.NOTHING_NEW, previous.map(IngestionManifest::sequence).orElse(0L),
                    null, hi, rows, rejected, read.drift().messages(), caughtUp);
        } else {
            // a window with only rejects is still published: the next stage quarantines them
            IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, sequence, runId,
                    startedAt, clock.instant(), settings.sourceTimeZone().getId(), read.tables());
            manifests.publish(manifest);
            result = new ExtractionResult(Outcome.PUBLISHED, sequence, BucketLayout.ingestionManifestKey(sequence),
                    hi, rows, rejected, read.drift().messages(), caughtUp);
        }
        finish(result, startedAt, read.instant());
        return result;
    }

    /** What one snapshot gave: the database's instant, the bound on the source's wall clock, every table, drift. */
    private record Snapshot(Instant instant, LocalDateTime hi, List<TableExtract> tables, SchemaDrift drift) {
    }

    private Snapshot readSnapshot(Optional<IngestionManifest> previous, long sequence, String runId,
                                  LocalDate extractedOn) {
        Connection connection = connect();
        SourceSnapshot snapshot;
        try {
            snapshot = SourceSnapshot.open(connection);
        } catch (SQLException e) {
            throw source.failure("cannot open a snapshot of", e);
        }
        try {
            Instant instant = sourceClock.apply(snapshot.instant());
            WallClock wallClock = new WallClock(settings.sourceTimeZone());
            ClockSkewGuard.check(source, wallClock, instant, clock.instant(), settings.maxClockSkew());
            SourceSchema schema = readSchema(snapshot.connection());
            SchemaDrift drift = verifySchema(schema);
            TableExtraction extraction = new TableExtraction(bucket, settings, sequence, runId, extractedOn,
                    schema.textTransfer());
            TableReads reads = new TableReads(source, settings, metrics, lake);
            // every window is planned before any table is read, so a window that cannot be read writes nothing
            WindowPlanner planner = new WindowPlanner(settings.sourceTimeZone(), settings.overlap());
            Map<SourceTable, WindowPlan> plans = new LinkedHashMap<>();
            ToteSysCatalogue.TABLES.forEach(table -> plans.put(table, planner.plan(table.name(), instant, previous)));
            Map<SourceTable, TableExtract> tables = new LinkedHashMap<>();
            List<String> unread = new ArrayList<>();
            BatchRoom room = new BatchRoom(settings.maxBatchRows());
            for (Map.Entry<SourceTable, WindowPlan> entry : plans.entrySet()) {
                long limit = room.nextLimit();
                TableExtract extract = reads.fresh(snapshot, entry.getKey(), entry.getValue(), previous, extraction,
                        limit);
                room.took(extract);
                tables.put(entry.getKey(), extract);
                if (limit == BatchRoom.FULL) {
                    unread.add(extract.table());
                }
            }
            if (!unread.isEmpty()) {
                LOG.info("batch full: tables left whole for the next batch", entry("tables", unread));
            }
            // then the backfill ranges, with what the fresh windows left
            for (Map.Entry<SourceTable, WindowPlan> entry : plans.entrySet()) {
                if (entry.getValue().backfill() != null && room.nextLimit() != BatchRoom.FULL) {
                    TableExtract fresh = tables.get(entry.getKey());
                    TableExtract whole = reads.backfill(snapshot, entry.getKey(), entry.getValue(), fresh, previous,
                            extraction, room.nextLimit());
                    room.tookBackfill(fresh, whole);
                    tables.put(entry.getKey(), whole);
                }
            }
            return new Snapshot(instant, wallClock.at(instant), List.copyOf(tables.values()), drift);
        } finally {
            closeQuietly(snapshot);
        }
    }

    private Connection connect() {
        try {
            return source.dataSource().getConnection();
        } catch (SQLException e) {
            throw source.failure("cannot connect to", e);
        }
    }

    private SourceSchema readSchema(Connection connection) {
        try {
            return SourceSchema.read(connection);
        } catch (SQLException e) {
            throw source.failure("cannot read the schema of", e);
        }
    }

    /**
     * Stops the run, before any row is read, on drift it cannot carry; logs each drift it carries once and counts
     * it once per kind.
     */
    private SchemaDrift verifySchema(SourceSchema schema) {
        SchemaDrift drift = schema.verify(ToteSysCatalogue.TABLES);
        for (DriftWarning warning : drift.warnings()) {
            LOG.warn("source schema drift carried: " + warning.message(), entry("drift_kind",
                    warning.kind().dimension()), entry("table", warning.table()), entry("column", warning.column()));
        }
        if (!drift.warnings().isEmpty()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            drift.countsByKind().forEach((kind, count) -> counts.put(kind.dimension(), count));
            metrics.schemaDriftCarried(counts);
        }
        if (schema.textTransfer() == TextTransfer.RAW_BYTES) {
            LOG.info("the source database's encoding is SQL_ASCII: text is read as bytes and checked to be UTF-8",
                    entry("server_encoding", schema.serverEncoding()));
        }
        if (!schema.unknownTables(ToteSysCatalogue.TABLES).isEmpty()) {
            LOG.info("source tables outside the catalogue are skipped: {}",
                    schema.unknownTables(ToteSysCatalogue.TABLES));
        }
        return drift;
    }

    private void finish(ExtractionResult result, Instant startedAt, Instant snapshotInstant) {
        Instant now = clock.instant();
        // instants, not wall-clock readings: a reading of a repeated hour names two instants. Never negative: the
        // database may be ahead of the function by up to the skew the guard allows
        Duration sinceSnapshot = Duration.between(snapshotInstant, now);
        Duration lag = sinceSnapshot.isNegative() ? Duration.ZERO : sinceSnapshot;
        Duration runDuration = Duration.between(startedAt, now);
        metrics.runFinished(runDuration, lag);
        LOG.info(result.outcome() == Outcome.PUBLISHED ? "manifest published" : "nothing new: nothing written",
                entry("outcome", result.outcome()), entry("sequence", result.sequence()),
                entry("manifest_key", result.manifestKey()), entry("rows", result.totalRows()),
                entry("rejected", result.totalRejected()), entry("schema_drift", result.schemaDrift().size()),
                entry("window_hi", result.windowHi()), entry("caught_up", result.caughtUp()),
                entry("duration_ms", runDuration.toMillis()),
                entry("freshness_lag_seconds", lag.toSeconds()));
    }

    private void closeQuietly(SourceSnapshot snapshot) {
        try {
            snapshot.close();
        } catch (SQLException e) {
            // Everything was read (or the run is failing anyway); a read-only transaction has nothing to lose.
            LOG.warn("could not close the snapshot of source database {}: {}", source.description(), e.getMessage());
        }
    }
}
