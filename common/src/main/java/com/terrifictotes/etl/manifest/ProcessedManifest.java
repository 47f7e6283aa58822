package com.terrifictotes.etl.manifest;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 */
public record ProcessedManifest(int formatVersion, long sequence, String sourceManifestKey, int schemaVersion,
                                Instant createdAt, List<TableOutput> tables, List<TableOutput> stateFiles,
                                Map<String, Long> quarantined) {
    public static final int FORMAT_VERSION = 1;

    public ProcessedManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("processed manifest format " + formatVersion
                    + " is not supported (this code reads " + FORMAT_VERSION + ")");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("processed manifest sequence must be positive");
        }
        Objects.requireNonNull(sourceManifestKey, "sourceManifestKey");
        tables = List.copyOf(tables);
        stateFiles = stateFiles == null ? List.of() : List.copyOf(stateFiles);
        quarantined = quarantined == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(quarantined));
    }

    /** A batch with nothing quarantined. */
    public ProcessedManifest(int formatVersion, long sequence, String sourceManifestKey, int schemaVersion,
                             Instant createdAt, List<TableOutput> tables, List<TableOutput> stateFiles) {
        this(formatVersion, sequence, sourceManifestKey, schemaVersion, createdAt, tables, stateFiles, Map.of());
    }

    /** Row versions set aside, over all source tables. */
    public long quarantinedRows() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    public Optional<TableOutput> table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }
}
