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
    /**
     * The format this code writes: 4, a table's extract may carry a backfill range ({@link TableExtract#backfill()}:
     * the rest of an older window, read after the fresh one). An extractor that knows only format 3 would drop that
     * range and lose its rows, so it must refuse such a manifest rather than misread it. Format 3 (an extract may be
     * cut, {@link TableExtract#continueAfter()}: the batch stopped at its row limit) is still read, and so are 1
     * (files recorded by a bare {@code sha256}) and 2 (files recorded by their S3 CRC32C, {@link Checksum}), neither
     * of which holds a cut.
     */
    public static final int FORMAT_VERSION = 4;
    public static final int OLDEST_READABLE_FORMAT = 1;
    /** The first format whose files carry a CRC32C {@link Checksum} rather than a {@code sha256}. */
    public static final int FIRST_CRC32C_FORMAT = 2;
    /** The first format whose extracts may be cut ({@link TableExtract#continueAfter()}). */
    public static final int FIRST_CUT_FORMAT = 3;
    /** The first format whose extracts may carry a backfill range ({@link TableExtract#backfill()}). */
    public static final int FIRST_BACKFILL_FORMAT = 4;

    public IngestionManifest {
        if (formatVersion < OLDEST_READABLE_FORMAT || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("ingestion manifest format " + formatVersion
                    + " is not supported (this code reads " + OLDEST_READABLE_FORMAT + " to " + FORMAT_VERSION + ")");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("ingestion manifest sequence must be positive");
        }
        Objects.requireNonNull(runId, "runId");
        tables = List.copyOf(tables);
        if (formatVersion < FIRST_CUT_FORMAT && tables.stream().anyMatch(TableExtract::isCut)) {
            throw new IllegalArgumentException("ingestion manifest format " + formatVersion
                    + " cannot hold a cut window (continueAfter): that needs format " + FIRST_CUT_FORMAT);
        }
        if (formatVersion < FIRST_BACKFILL_FORMAT && tables.stream().anyMatch(t -> t.backfill() != null)) {
            throw new IllegalArgumentException("ingestion manifest format " + formatVersion
                    + " cannot hold a backfill range: that needs format " + FIRST_BACKFILL_FORMAT);
        }
        Checksum.requireAll(formatVersion >= FIRST_CRC32C_FORMAT ? Checksum.Algorithm.CRC32C
                : Checksum.Algorithm.SHA256, tables.stream().flatMap(t -> t.files().stream()),
                "ingestion manifest format " + formatVersion);
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
