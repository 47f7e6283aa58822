package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The commit of one transformer batch, and the only thing the loader reads.
 *
 * @param sequence          equal to the sequence of the ingestion manifest it was made from, so batches load in
 *                          extraction order and a repeated transform of the same batch aims at the same key
 * @param schemaVersion     the warehouse schema version the files follow
 *                          ({@link com.terrifictotes.etl.catalogue.WarehouseCatalogue#SCHEMA_VERSION})
 * @param stateFiles        the transformer's own snapshot objects for this batch (not for the loader), keyed by
 *                          source table name (and {@code etl_rejected_row}: the rejections not yet superseded)
 * @param quarantined       row versions the batch set aside (in its {@code etl_rejected_row} table) per source
 *                          table, tables with none left out; absent in batches of schema version 1
 * @param quarantinedBy     format 2: the key of the operator's decision ({@link OperatorDecision}) on which this batch
 *                          was committed as quarantine rows only, its source batch unread; null for a batch
 *                          transformed (and for every format 1 manifest, which {@link ManifestJson} upcasts)
 * @param lakeFormat        the Parquet representation the transformer wrote ({@code LakeFormat} in the lake module);
 *                          absent in manifests written before it was recorded, which are all format
 *                          {@value #FIRST_LAKE_FORMAT}. A file kept from an interrupted earlier run of the same batch
 *                          may be of an older format: readers accept every format they know.
 */
public record ProcessedManifest(int formatVersion, long sequence, String sourceManifestKey, int schemaVersion,
                                Instant createdAt, List<TableOutput> tables, List<TableOutput> stateFiles,
                                Map<String, Long> quarantined,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String quarantinedBy,
                                Integer lakeFormat) {
    /**
     * The format this code writes: 3, files recorded by their S3 CRC32C ({@link Checksum}). Formats 1 (before
     * {@code quarantinedBy}) and 2 (files recorded by a bare {@code sha256}) are still read.
     */
    public static final int FORMAT_VERSION = 3;
    /** The first format whose files carry a CRC32C {@link Checksum} rather than a {@code sha256}. */
    public static final int FIRST_CRC32C_FORMAT = 3;
    public static final int OLDEST_READABLE_FORMAT = 1;
    public static final int FIRST_LAKE_FORMAT = 1;

    public ProcessedManifest {
        if (formatVersion < OLDEST_READABLE_FORMAT || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("processed manifest format " + formatVersion
                    + " is not supported (this code reads " + OLDEST_READABLE_FORMAT + " to " + FORMAT_VERSION + ")");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("processed manifest sequence must be positive");
        }
        Objects.requireNonNull(sourceManifestKey, "sourceManifestKey");
        tables = List.copyOf(tables);
        stateFiles = stateFiles == null ? List.of() : List.copyOf(stateFiles);
        quarantined = quarantined == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(quarantined));
        lakeFormat = lakeFormat == null ? FIRST_LAKE_FORMAT : lakeFormat;
        if (lakeFormat < FIRST_LAKE_FORMAT) {
            throw new IllegalArgumentException("processed manifest lakeFormat must be at least " + FIRST_LAKE_FORMAT);
        }
        Checksum.requireAll(formatVersion >= FIRST_CRC32C_FORMAT ? Checksum.Algorithm.CRC32C
                        : Checksum.Algorithm.SHA256,
                Stream.concat(tables.stream(), stateFiles.stream()).flatMap(t -> t.files().stream()),
                "processed manifest format " + formatVersion);
    }

    /** Row versions set aside, over all source tables. */
    public long quarantinedRows() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether an operator's decision made this batch a quarantined one (its source batch was not read). */
    public boolean quarantinedByOperator() {
        return quarantinedBy != null;
    }

    public Optional<TableOutput> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }
}
