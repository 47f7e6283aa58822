package com.terrifictotes.etl.reconciler;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.extractor.CsvParts;
import com.terrifictotes.etl.extractor.ManifestLog;
import com.terrifictotes.etl.manifest.Backfill;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.Reconciliation;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes what the comparison found as an ordinary ingestion batch, written exactly as an extraction writes one: CSV
 * parts of the rows to deliver (read from the pass's snapshot, by the extractor's row path, in {@code last_updated}
 * order), then the manifest, last and write-once, at the next sequence. So the transformer, the loader and every tool
 * that reads the lake take it like any other batch. What makes it a reconciliation batch is the manifest's
 * {@link Reconciliation}: the deletions and the findings.
 *
 * <p>The window state is the previous manifest's, carried forward: the same bounds, and its remembered versions plus
 * any version this batch delivers at or after the point from which the next window re-reads ({@code windowHi} less
 * the overlap), such as a row stamped in the future. So the next extraction continues where it was and drops what
 * this batch already delivered. Between two batches of an extraction chain (issue #19) a table's cut
 * ({@link TableExtract#continueAfter()}) is carried too, with {@code recentFrom}, and every version delivered here
 * after the cut is remembered whatever its stamp: the chain reads on from the cut and must drop it. A table's
 * backfill range ({@link TableExtract#backfill()}) is carried likewise, and every version delivered here that lies
 * in it is remembered: a later batch reads the range and must drop it.
 */
final class ReconciliationBatch {
    private final WriteOnceBucket bucket;
    private final ManifestLog manifests;
    private final ReconciliationSettings settings;
    private final Clock clock;

    ReconciliationBatch(WriteOnceBucket bucket, ManifestLog manifests, ReconciliationSettings settings, Clock clock) {
        this.bucket = bucket;
        this.manifests = manifests;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Writes and publishes the batch after {@code previous}: the current rows of the keys {@code deliveries} names
     * per source table. @return the manifest published
     *
     * @throws com.terrifictotes.etl.extractor.ConcurrentRunException if an extraction published that sequence first
     */
    IngestionManifest publish(IngestionManifest previous, SourceRead source,
                              Map<String, ? extends Collection<Integer>> deliveries, Reconciliation reconciliation,
                              Instant startedAt) {
        long sequence = previous.sequence() + 1;
        String runId = UUID.randomUUID().toString();
        LocalDate on = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
        List<TableExtract> extracts = new ArrayList<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            TableExtract before = previous.table(table.name()).orElseThrow(() -> new BadInputException(
                    bucket.uri(BucketLayout.ingestionManifestKey(previous.sequence())) + " has no entry for table "
                            + table.name() + ": its window state cannot be carried forward"));
            Collection<Integer> keys = deliveries.get(table.name());
            extracts.add(keys == null || keys.isEmpty() ? carried(table, before, List.of(), 0, List.of())
                    : write(table, before, source, keys, sequence, runId, on));
        }
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, sequence, runId,
                startedAt, clock.instant(), settings.sourceTimeZone().getId(), extracts, reconciliation);
        manifests.publish(manifest);
        return manifest;
    }

    private TableExtract write(SourceTable table, TableExtract before, SourceRead source, Collection<Integer> keys,
                               long sequence, String runId, LocalDate on) {
        CsvParts parts = new CsvParts(bucket, part -> BucketLayout.csvPartKey(table.name(), on, sequence, runId, part),
                table.columnNames(), settings.partRows());
        List<RowVersion> delivered = new ArrayList<>();
        long rows;
        try {
            rows = source.deliver(table, keys, parts, delivered::add);
        } catch (RuntimeException e) {
            parts.abort();
            throw e;
        }
        return carried(table, before, parts.finish(), rows, delivered);
    }

    /** The previous window state, with the versions delivered here that a later window may read again. */
    private TableExtract carried(SourceTable table, TableExtract before, List<DataFile> files, long rows,
                                 List<RowVersion> delivered) {
        LocalDateTime overlapFrom = before.windowHi().minus(overlap());
        LocalDateTime rereadFrom = before.recentFrom() != null && before.recentFrom().isBefore(overlapFrom)
                ? before.recentFrom() : overlapFrom;
        ContinueAfter cut = before.continueAfter();
        Backfill range = before.backfill();
        Set<RowVersion> remembered = new LinkedHashSet<>(before.recentVersions());
        delivered.stream().filter(v -> !v.lastUpdated().isBefore(rereadFrom) || (cut != null && cut.precedes(v))
                || (range != null && range.holds(v))).forEach(remembered::add);
        List<RowVersion> recent = remembered.stream().sorted(Comparator.comparing(RowVersion::lastUpdated)
                .thenComparingInt(RowVersion::id)).toList();
        long bytes = files.stream().mapToLong(DataFile::bytes).sum();
        return new TableExtract(table.name(), before.windowLo(), before.windowHi(), table.columnNames(), rows, bytes,
                files, recent, before.recentFrom(), List.of(), cut, range);
    }

    private Duration overlap() {
        return settings.overlap();
    }
}
