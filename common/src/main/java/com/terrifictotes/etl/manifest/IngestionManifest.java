package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commit of one extractor run, and the extractor's only state. Data files that no manifest names are never read.
 *
 * @param sequence       1 for the first run, then one more than the latest manifest; it is in the key, so two
 *                       overlapping runs race for the same key and the write-once put lets only one publish
 * @param sourceTimeZone the zone in which the source's wall-clock timestamps are read (informational)
 * @param reconciliation null for an extraction; for a batch of the reconciliation pass, what marks it as one (its
 *                       tables then carry the previous manifest's window state forward). Absent from the JSON of an
 *                       extraction, so those manifests are exactly as before the field existed
 */
public record IngestionManifest(int formatVersion, long sequence, String runId, Instant startedAt,
                                Instant finishedAt, String sourceTimeZone, List<TableExtract> tables,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Reconciliation reconciliation) {
    public static final int FORMAT_VERSION = 1;

    public IngestionManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("ingestion manifest format " + formatVersion
                    + " is not supported (this code reads " + FORMAT_VERSION + ")");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("ingestion manifest sequence must be positive");
        }
        Objects.requireNonNull(runId, "runId");
        tables = List.copyOf(tables);
    }

    /** An extraction's manifest. */
    public IngestionManifest(int formatVersion, long sequence, String runId, Instant startedAt, Instant finishedAt,
                             String sourceTimeZone, List<TableExtract> tables) {
        this(formatVersion, sequence, runId, startedAt, finishedAt, sourceTimeZone, tables, null);
    }

    /** Whether this batch is the reconciliation pass's rather than an extraction window's. */
    @JsonIgnore
    public boolean isReconciliation() {
        return reconciliation != null;
    }

    public Optional<TableExtract> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableExtract::rows).sum();
    }
}
