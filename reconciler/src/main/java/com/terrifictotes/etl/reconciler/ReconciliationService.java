package com.terrifictotes.etl.reconciler;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.extractor.ConcurrentRunException;
import com.terrifictotes.etl.extractor.ManifestLog;
import com.terrifictotes.etl.extractor.SourceDatabase;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.Reconciliation;
import com.terrifictotes.etl.manifest.Reconciliation.Findings;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.reconciler.ReconciliationResult.Outcome;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.transformer.Lineage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One reconciliation pass: compares what the warehouse holds with what ToteSys holds now, table by table, and
 * publishes what differs as an ordinary ingestion batch, which the normal chain carries to the warehouse.
 *
 * <ol>
 *   <li>Open a read-only snapshot of the warehouse: the batch it applied last, and the versions it quarantined.</li>
 *   <li>Read the latest ingestion manifest (the batch will be the next) and the one the warehouse applied last (its
 *       bounds tell which versions are still in flight).</li>
 *   <li>Open a read-only snapshot of ToteSys and, per warehouse table, stream its source rows in key order in chunks,
 *       derive each with the transformer's code, and compare each chunk with the warehouse by bisection.</li>
 *   <li>Refuse if a table lost too much ({@link DeleteGuard}).</li>
 *   <li>Publish the rows to deliver and the keys gone ({@link ReconciliationBatch}), unless nothing differs.</li>
 * </ol>
 * An extraction publishing the same sequence first makes the pass start again (up to {@value #ATTEMPTS} times).
 */
public final class ReconciliationService {
    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationService.class);
    private static final int KEYS_LOGGED = 20;

    private final WriteOnceBucket bucket;
    private final ManifestLog manifests;
    private final SourceDatabase source;
    private final SourceDatabase warehouse;
    private final ReconciliationSettings settings;
    private final Clock clock;

    public ReconciliationService(S3Client s3, DataSource toteSys, DataSource warehouse,
                                 ReconciliationSettings settings, Clock clock) {
        this.bucket = new WriteOnceBucket(s3, settings.bucket());
        this.manifests = new ManifestLog(s3, bucket);
        this.source = SourceDatabase.of(toteSys);
        this.warehouse = SourceDatabase.of(warehouse);
        this.settings = settings;
        this.clock = clock;
    }

    public ReconciliationResult run() {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt();
            } catch (ConcurrentRunException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn("an extraction published the sequence this pass meant to: comparing again",
                        entry("attempt", attempt), entry("error", e.getMessage()));
            }
        }
    }

    private ReconciliationResult attempt() {
        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        try (WarehouseRead target = WarehouseRead.open(warehouse)) {
            long ledger = target.ledgerSequence();
            if (ledger == 0) {
                LOG.info("nothing to reconcile: the warehouse has applied no batch yet, so everything is in flight",
                        entry("warehouse", warehouse.description()));
                return new ReconciliationResult(Outcome.NOTHING_TO_RECONCILE, 0, null, 0, null, Map.of(), Map.of(),
                        0, 0, 0, (System.nanoTime() - started) / 1_000_000);
            }
            IngestionManifest latest = latest(ledger);
            Map<String, LocalDateTime> inFlightFrom = inFlightFrom(ingestion(ledger));
            RejectedVersions rejected = target.openRejections();
            try (SourceRead read = SourceRead.open(source, settings.sourceTimeZone(), settings.fetchSize())) {
                Rules rules = new Rules(inFlightFrom, read.now(), rejected);
                Bisection bisection = new Bisection(settings.bisectionFactor(), settings.bisectionThreshold());
                List<TableComparison> tables = new ArrayList<>();
                for (Lineage lineage : Lineage.ALL) {
                    tables.add(compare(lineage, read, target, rules, bisection));
                }
                new DeleteGuard(settings.maxDeleteRatio(), settings.deleteFloor()).check(tables);
                Map<String, NavigableSet<Integer>> deliveries = deliveries(tables);
                Reconciliation reconciliation = new Reconciliation(read.now(), ledger, deletions(tables),
                        findings(tables));
                Outcome outcome = deliveries.isEmpty() && reconciliation.deleted().isEmpty()
                        ? Outcome.NOTHING_TO_RECONCILE : settings.dryRun() ? Outcome.DRY_RUN : Outcome.PUBLISHED;
                long sequence = 0;
                if (outcome == Outcome.PUBLISHED) {
                    sequence = new ReconciliationBatch(bucket, manifests, settings, clock)
                            .publish(latest, read, deliveries, reconciliation, startedAt).sequence();
                }
                return finish(outcome, sequence, ledger, read.now(), tables, deliveries, bisection, started);
            }
        }
    }

    /** The latest ingestion manifest, which the batch follows; it cannot be older than what the warehouse applied. */
    private IngestionManifest latest(long ledger) {
        IngestionManifest latest = manifests.latest().orElseThrow(() -> new ConfigurationException(
                "ingestion bucket " + bucket.name() + " holds no manifest, but warehouse " + warehouse.description()
                        + " applied batch " + ledger
                        + ": reconcile against the buckets the warehouse was loaded from"));
        if (latest.sequence() < ledger) {
            throw new ConfigurationException("warehouse " + warehouse.description() + " applied batch " + ledger
                    + " but ingestion bucket " + bucket.name() + " ends at batch " + latest.sequence()
                    + " (buckets restarted?): reconcile against the buckets the warehouse was loaded from");
        }
        return latest;
    }

    private IngestionManifest ingestion(long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key));
    }

    /**
     * Per table, the stamp from which a version may still come through the normal chain: the bound of the batch the
     * warehouse applied last, less the extractor's overlap (every later window starts there or after); or, if that
     * batch was cut at its row limit, where it was cut (the chain goes on from there), or where its backfill range
     * goes on, if that is lower.
     */
    private Map<String, LocalDateTime> inFlightFrom(IngestionManifest applied) {
        Map<String, LocalDateTime> from = new HashMap<>();
        for (TableExtract table : applied.tables()) {
            LocalDateTime lowest = table.windowHi().minus(settings.overlap());
            if (table.isCut()) {
                lowest = lower(lowest, table.continueAfter().lastUpdated());
            }
            if (table.backfill() != null) {
                lowest = lower(lowest, table.backfill().from());
            }
            from.put(table.table(), lowest);
        }
        return from;
    }

    /** The lower of the two; a null {@code position} stands for the beginning of the table. */
    private static LocalDateTime lower(LocalDateTime stamp, LocalDateTime position) {
        LocalDateTime at = position == null ? LocalDateTime.MIN : position;
        return at.isBefore(stamp) ? at : stamp;
    }

    private TableComparison compare(Lineage lineage, SourceRead read, WarehouseRead target, Rules rules,
                                    Bisection bisection) {
        long started = System.nanoTime();
        TableComparison table = new TableComparison(lineage, rules);
        Bisection.Warehouse side = target.table(lineage.target());
        read.chunks(lineage, settings.chunkRows(), chunk -> table.add(chunk, bisection.compare(chunk, side)));
        Findings found = table.findings();
        LOG.info("table compared", entry("table", lineage.target().name()),
                entry("source_rows", table.sourceRows()), entry("warehouse_rows", table.warehouseRows()),
                entry("missing", found.missing()), entry("changed", found.changed()),
                entry("deleted", found.deleted()), entry("parents", found.parents()),
                entry("skipped_in_flight", found.skippedInFlight()), entry("quarantined", found.quarantined()),
                entry("delivered_keys", first(table.deliver())), entry("deleted_keys", first(table.deleted())),
                entry("duration_ms", (System.nanoTime() - started) / 1_000_000));
        return table;
    }

    /** Per source table, the keys to deliver: each table's own rows, and the joined rows of joined dimensions. */
    private static Map<String, NavigableSet<Integer>> deliveries(List<TableComparison> tables) {
        Map<String, NavigableSet<Integer>> deliveries = new TreeMap<>();
        for (TableComparison table : tables) {
            if (!table.deliver().isEmpty()) {
                deliveries.computeIfAbsent(table.lineage().source().name(), t -> new TreeSet<>())
                        .addAll(table.deliver());
            }
            table.lineage().parent().filter(join -> !table.parents().isEmpty()).ifPresent(join -> deliveries
                    .computeIfAbsent(join.table().name(), t -> new TreeSet<>()).addAll(table.parents()));
        }
        return deliveries;
    }

    private static Map<String, List<Integer>> deletions(List<TableComparison> tables) {
        Map<String, List<Integer>> deleted = new TreeMap<>();
        tables.stream().filter(t -> !t.deleted().isEmpty())
                .forEach(t -> deleted.put(t.lineage().source().name(), t.deleted()));
        return deleted;
    }

    private static Map<String, Findings> findings(List<TableComparison> tables) {
        Map<String, Findings> found = new LinkedHashMap<>();
        tables.forEach(t -> found.put(t.lineage().target().name(), t.findings()));
        return found;
    }

    private ReconciliationResult finish(Outcome outcome, long sequence, long ledger, LocalDateTime sourceTime,
                                        List<TableComparison> tables, Map<String, NavigableSet<Integer>> deliveries,
                                        Bisection bisection, long started) {
        Map<String, Map<String, Long>> found = new LinkedHashMap<>();
        for (TableComparison table : tables) {
            Findings f = table.findings();
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("missing", f.missing());
            counts.put("changed", f.changed());
            counts.put("deleted", f.deleted());
            counts.put("parents", f.parents());
            counts.put("skippedInFlight", f.skippedInFlight());
            counts.put("quarantined", f.quarantined());
            found.put(table.lineage().target().name(), counts);
        }
        Map<String, Long> delivered = new LinkedHashMap<>();
        ToteSysCatalogue.TABLES.stream().filter(t -> deliveries.containsKey(t.name()))
                .forEach(t -> delivered.put(t.name(), (long) deliveries.get(t.name()).size()));
        long sourceRows = tables.stream().mapToLong(TableComparison::sourceRows).sum();
        ReconciliationResult result = new ReconciliationResult(outcome, sequence,
                sequence == 0 ? null : BucketLayout.ingestionManifestKey(sequence), ledger,
                Timestamps.format(sourceTime), found, delivered, sourceRows, bisection.cost().summaries,
                bisection.cost().rowsFetched, (System.nanoTime() - started) / 1_000_000);
        LOG.info(switch (outcome) {
            case PUBLISHED -> "reconciliation published";
            case NOTHING_TO_RECONCILE -> "nothing to reconcile: the warehouse matches the source";
            case DRY_RUN -> "dry run: nothing published";
        }, entry("outcome", outcome.name()), entry("sequence", sequence), entry("manifest_key", result.manifestKey()),
                entry("warehouse_sequence", ledger), entry("reconciled_rows", result.reconciledRows()),
                entry("skipped_in_flight", result.total("skippedInFlight")),
                entry("quarantined", result.total("quarantined")), entry("source_rows", sourceRows),
                entry("summaries", result.summaries()), entry("warehouse_rows_fetched", result.warehouseRows()),
                entry("duration_ms", result.durationMs()));
        return result;
    }

    private static List<Integer> first(java.util.Collection<Integer> keys) {
        return keys.stream().limit(KEYS_LOGGED).toList();
    }
}
