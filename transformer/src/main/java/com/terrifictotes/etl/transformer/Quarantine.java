package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.ETL_REJECTED_ROW;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.EtlColumns;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.RejectedValue;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row versions one batch sets aside, and the earlier ones it supersedes. A version the warehouse cannot hold is
 * quarantined, not loaded: one {@code etl_rejected_row} record per offending value (its table, key, stamp, column,
 * reason and value, cut to {@value #VALUE_CHARACTERS} characters), written with the batch's good rows and committed
 * by the same processed manifest. The batch and every later one go on.
 *
 * <p>When a later batch delivers an accepted version of a key with open rejections ({@link OpenRejections}), it
 * writes each of them again with {@code superseded_in_batch} and {@code superseded_by_last_updated} filled: the lake
 * table is a log of what each batch found, and the warehouse (upserting on the rejection's key) keeps the latest.
 *
 * <p>Each rejected version is named in one WARN line (the first {@value #VERSIONS_LOGGED} of a batch).
 */
final class Quarantine {
    static final int VALUE_CHARACTERS = 200;
    static final int REASON_CHARACTERS = 500;
    static final int VERSIONS_LOGGED = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    private static final Comparator<TableRow> BY_KEY = Comparator
            .comparing((TableRow r) -> (Integer) r.get(EtlColumns.REJECTED_IN_BATCH))
            .thenComparing(r -> (String) r.get(EtlColumns.SOURCE_TABLE))
            .thenComparing(r -> (String) r.get(EtlColumns.SOURCE_ID))
            .thenComparing(r -> (String) r.get(EtlColumns.COLUMN_NAME));

    private final int batch;
    private final OpenRejections open;
    /** This batch's rejections, by table, key and column: a value met twice (a dimension read again) is one. */
    private final Map<String, TableRow> rejected = new LinkedHashMap<>();
    /** Per source table, the keys of the versions this batch rejected, with their problems, for the log. */
    private final Map<String, Map<String, List<String>>> versions = new TreeMap<>();
    private final List<TableRow> superseded = new ArrayList<>();

    Quarantine(long batch, OpenRejections open) {
        if (batch > Integer.MAX_VALUE) {
            throw new IllegalStateException("batch " + batch + " exceeds the warehouse's integer batch numbers");
        }
        this.batch = (int) batch;
        this.open = open;
    }

    /** Sets aside the version a derivation refused, naming every value at fault. */
    void reject(RowRejected rejection) {
        for (RowRejected.Problem problem : rejection.problems()) {
            reject(problem.origin(), problem.column(), problem.reason());
        }
    }

    /** Sets aside a row version because of one of its values. */
    void reject(SourceRow row, String column, String reason) {
        SourceTable table = row.table();
        Object stamp = row.get(SourceTable.LAST_UPDATED);
        add(table.name(), row.display(table.primaryKey()), stamp instanceof LocalDateTime time ? time : null, column,
                WarehouseCatalogue.STAGE_TRANSFORM, reason, row.display(column));
    }

    /** A version the extractor could not deliver (listed in its manifest, left out of the CSV). */
    void rejectedByTheExtractor(String table, RejectedValue value) {
        add(table, Integer.toString(value.id()), value.lastUpdated(), value.column(), WarehouseCatalogue.STAGE_EXTRACT,
                value.reason(), value.value());
    }

    /** A version this batch accepted: it supersedes every open rejection of the same key from earlier batches. */
    void accepted(SourceRow row) {
        for (TableRow rejection : open.supersede(row.table().name(), row.id())) {
            superseded.add(OpenRejections.superseded(rejection, batch, row.lastUpdated()));
        }
    }

    /** {@link #accepted(SourceRow)} of the version {@code stamp} ({@link VersionStamps}) of row {@code id}. */
    void accepted(String table, int id, long stamp) {
        for (TableRow rejection : open.supersede(table, id)) {
            superseded.add(OpenRejections.superseded(rejection, batch, VersionStamps.toDateTime(stamp)));
        }
    }

    /** The batch's etl_rejected_row rows: its rejections and the supersessions, sorted by their key. */
    List<TableRow> rows() {
        List<TableRow> rows = new ArrayList<>(rejected.values());
        rows.addAll(superseded);
        rows.sort(BY_KEY);
        return rows;
    }

    /** The versions set aside, per source table (tables with none left out). */
    Map<String, Long> versionsPerTable() {
        Map<String, Long> counts = new TreeMap<>();
        versions.forEach((table, keys) -> counts.put(table, (long) keys.size()));
        return counts;
    }

    long versions() {
        return versions.values().stream().mapToLong(Map::size).sum();
    }

    /** The rejections left open after this batch: the earlier ones not superseded, and this batch's. */
    OpenRejections openAfter() {
        return open.plus(new ArrayList<>(rejected.values()));
    }

    /** Whether the open rejections change with this batch, so their state must be written anew. */
    boolean changesOpenRejections() {
        return !rejected.isEmpty() || !superseded.isEmpty();
    }

    /** One WARN line per rejected version. */
    void log(long sequence) {
        long logged = 0;
        for (Map.Entry<String, Map<String, List<String>>> table : versions.entrySet()) {
            for (Map.Entry<String, List<String>> version : table.getValue().entrySet()) {
                if (logged++ < VERSIONS_LOGGED) {
                    LOG.warn("row version quarantined: the warehouse cannot hold it; it goes to etl_rejected_row and"
                                    + " the batch goes on", entry("sequence", sequence),
                            entry(EtlColumns.SOURCE_TABLE, table.getKey()),
                            entry(EtlColumns.SOURCE_ID, version.getKey()),
                            entry("problems", String.join("; ", version.getValue())));
                }
            }
        }
        if (logged > VERSIONS_LOGGED) {
            LOG.warn("more row versions quarantined than logged: query etl_rejected_row for all",
                    entry("sequence", sequence), entry("quarantined", logged), entry("logged", VERSIONS_LOGGED));
        }
        if (!superseded.isEmpty()) {
            LOG.info("quarantined values superseded: a later version of their row was accepted",
                    entry("sequence", sequence), entry("superseded", superseded.size()));
        }
    }

    private void add(String table, String id, LocalDateTime stamp, String column, String stage, String reason,
                     String value) {
        String sourceId = id == null ? "(null)" : id;
        String key = table + '\u0000' + sourceId + '\u0000' + column;
        if (rejected.containsKey(key)) {
            return;
        }
        String shownReason = shown(reason, REASON_CHARACTERS);
        rejected.put(key, TableRow.of(com.terrifictotes.etl.lake.AvroSchemas.of(
                ETL_REJECTED_ROW), batch, table, sourceId, column, stamp, stage, shownReason,
                shown(value, VALUE_CHARACTERS), null, null));
        versions.computeIfAbsent(table, t -> new TreeMap<>())
                .computeIfAbsent(sourceId + (stamp == null ? "" : " @ " + stamp), v -> new ArrayList<>())
                .add(column + ": " + shownReason);
    }

    /**
     * Text the warehouse's text columns can hold and a reader can take in: a NUL (the very thing PostgreSQL refuses)
     * shown as {@code \0}, and at most {@code characters} characters, then how long it was.
     */
    static String shown(String text, int characters) {
        if (text == null) {
            return null;
        }
        String visible = text.replace("\u0000", "\\0");
        int length = visible.codePointCount(0, visible.length());
        if (length <= characters) {
            return visible;
        }
        return visible.substring(0, visible.offsetByCodePoints(0, characters)) + "… (" + length + " characters)";
    }
}
