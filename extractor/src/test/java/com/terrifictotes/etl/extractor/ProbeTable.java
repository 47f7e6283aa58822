package com.terrifictotes.etl.extractor;

import static com.terrifictotes.etl.catalogue.ColumnType.BOOLEAN;
import static com.terrifictotes.etl.catalogue.ColumnType.DATE;
import static com.terrifictotes.etl.catalogue.ColumnType.DECIMAL_10_2;
import static com.terrifictotes.etl.catalogue.ColumnType.ENUM;
import static com.terrifictotes.etl.catalogue.ColumnType.INTEGER;
import static com.terrifictotes.etl.catalogue.ColumnType.TEXT;
import static com.terrifictotes.etl.catalogue.ColumnType.TIMESTAMP_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.TIME_MILLIS;
import static com.terrifictotes.etl.catalogue.ColumnType.VARCHAR_3;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.EnumType;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A table with one column of every catalogue type (every one nullable but the audit columns), created in a test
 * database, so both extraction paths can be run over values no ToteSys table can hold. {@link #createDrifted} makes
 * another one whose live types drifted from its catalogue entry ({@link #DRIFTED}) in every way the extractor carries.
 */
final class ProbeTable {
    static final EnumType KIND = new EnumType("ProbeKind", List.of("SALES_RECEIPT", "a \"quoted\", label", "é"));
    static final SourceTable TABLE = new SourceTable("copy_probe", "copy_probe_id", List.of(
            Column.required("copy_probe_id", INTEGER),
            Column.optional("note", TEXT),
            Column.optional("code", VARCHAR_3),
            Column.optional("amount", DECIMAL_10_2),
            Column.optional("flag", BOOLEAN),
            Column.optional("day", DATE),
            Column.optional("at_time", TIME_MILLIS),
            new Column("kind", ENUM, true, KIND),
            Column.optional("stamp", TIMESTAMP_MILLIS),
            Column.required(SourceTable.CREATED_AT, TIMESTAMP_MILLIS),
            Column.required(SourceTable.LAST_UPDATED, TIMESTAMP_MILLIS)), List.of(), List.of());
    static final String INSERT = "INSERT INTO copy_probe VALUES (?, ?, ?, ?::numeric, ?::boolean, ?::date, ?::time,"
            + " ?::\"ProbeKind\", ?::timestamp, ?::timestamp, ?::timestamp)";

    /** The catalogue's view of {@code drift_probe}: what the columns were before they drifted. */
    static final EnumType DRIFT_KIND = new EnumType("DriftKind", List.of("SALE", "PURCHASE"));
    static final SourceTable DRIFTED = new SourceTable("drift_probe", "drift_probe_id", List.of(
            Column.required("drift_probe_id", INTEGER),
            Column.optional("big", INTEGER),                  // now bigint
            Column.optional("money", DECIMAL_10_2),           // still numeric(10,2): NaN
            Column.optional("wide", DECIMAL_10_2),            // now numeric(12,4)
            Column.optional("free", DECIMAL_10_2),            // now numeric: NaN, ±Infinity, any scale
            Column.optional("code", VARCHAR_3),               // now text
            new Column("kind", ENUM, true, DRIFT_KIND),       // the enum gained a label
            new Column("kind_text", ENUM, true, DRIFT_KIND),  // the enum became text
            Column.required("must", TEXT),                    // lost NOT NULL
            Column.optional("note", TEXT),                    // now varchar(40)
            Column.required(SourceTable.CREATED_AT, TIMESTAMP_MILLIS), // now timestamp(6)
            Column.required(SourceTable.LAST_UPDATED, TIMESTAMP_MILLIS)), List.of(), List.of());
    static final String DRIFTED_INSERT = "INSERT INTO drift_probe VALUES (?, ?::bigint, ?::numeric, ?::numeric,"
            + " ?::numeric, ?, ?::\"DriftKind\", ?, ?, ?, ?::timestamp, ?::timestamp)";

    private final ExtractionBed bed;
    private final SourceTable table;
    private final String insert;

    private ProbeTable(ExtractionBed bed, SourceTable table, String insert) {
        this.bed = bed;
        this.table = table;
        this.insert = insert;
    }

    static ProbeTable create(ExtractionBed bed) {
        bed.execute("CREATE TYPE \"ProbeKind\" AS ENUM ('SALES_RECEIPT', 'a \"quoted\", label', 'é')");
        bed.execute("CREATE TABLE copy_probe (copy_probe_id integer PRIMARY KEY, note text, code varchar(3),"
                + " amount numeric(10,2), flag boolean, day date, at_time time(3), kind \"ProbeKind\","
                + " stamp timestamp(3), created_at timestamp(3) NOT NULL, last_updated timestamp(3) NOT NULL)");
        return new ProbeTable(bed, TABLE, INSERT);
    }

    /** {@code drift_probe}, whose live types are the drifted ones named in {@link #DRIFTED}. */
    static ProbeTable createDrifted(ExtractionBed bed) {
        bed.execute("CREATE TYPE \"DriftKind\" AS ENUM ('SALE', 'PURCHASE', 'REFUND \"x\", é')");
        bed.execute("CREATE TABLE drift_probe (drift_probe_id integer PRIMARY KEY, big bigint,"
                + " money numeric(10,2), wide numeric(12,4), free numeric, code text, kind \"DriftKind\","
                + " kind_text text, must text, note varchar(40), created_at timestamp NOT NULL,"
                + " last_updated timestamp(3) NOT NULL)");
        return new ProbeTable(bed, DRIFTED, DRIFTED_INSERT);
    }

    SourceTable table() {
        return table;
    }

    ExtractionBed bed() {
        return bed;
    }

    /** Inserts one row; every value but the key is SQL text cast to the column's type, null for NULL. */
    void insert(int id, String... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = id;
        System.arraycopy(values, 0, parameters, 1, values.length);
        bed.execute(insert, parameters);
    }

    void insertPlain(int id, LocalDateTime lastUpdated) {
        String stamp = lastUpdated.toString().replace('T', ' ');
        insert(id, "row " + id, null, "1.50", "true", null, null, null, null, stamp, stamp);
    }

    void truncate() {
        bed.execute("TRUNCATE " + table.quotedName());
    }

    /** As a run extracts: segments planned from the window and the versions delivered before. */
    TableExtract extract(ExtractionWindow window, List<RowVersion> delivered, ExtractionSettings settings)
            throws SQLException {
        TableExtraction extraction = new TableExtraction(bed.objects, settings, 1, UUID.randomUUID().toString(),
                LocalDate.now(ZoneOffset.UTC), TextTransfer.of(bed.serverEncoding()));
        WindowPlan plan = new WindowPlan(window, window.lo(), window.hi().minus(settings.overlap()));
        try (SourceSnapshot snapshot = SourceSnapshot.open(bed.database.dataSource().getConnection())) {
            return extraction.extract(snapshot.connection(), table, plan, delivered);
        }
    }

    /** Extracts the probe table over {@code window} in the given segments, as one run with its own id would. */
    TableExtract extract(ExtractionWindow window, WindowSegments segments, List<RowVersion> delivered,
                         ExtractionSettings settings) throws SQLException {
        TableExtraction extraction = new TableExtraction(bed.objects, settings, 1, UUID.randomUUID().toString(),
                LocalDate.now(ZoneOffset.UTC), TextTransfer.of(bed.serverEncoding()));
        // the previous run vouched from the window's start; this one remembers the usual overlap behind hi
        WindowPlan plan = new WindowPlan(window, window.lo(), window.hi().minus(settings.overlap()));
        try (SourceSnapshot snapshot = SourceSnapshot.open(bed.database.dataSource().getConnection())) {
            return extraction.extract(snapshot.connection(), table, plan, delivered, segments);
        }
    }

    /** The objects of an extract, in order. */
    List<byte[]> objects(TableExtract extract) {
        return extract.files().stream().map(DataFile::key).map(bed.objects::readAllBytes).toList();
    }

    static WindowSegments rowsOnly(ExtractionWindow window) {
        return new WindowSegments(List.of(new WindowSegments.Segment(window.lo(), window.hi(), false)));
    }

    static WindowSegments copyOnly(ExtractionWindow window) {
        return new WindowSegments(List.of(new WindowSegments.Segment(window.lo(), window.hi(), true)));
    }
}
