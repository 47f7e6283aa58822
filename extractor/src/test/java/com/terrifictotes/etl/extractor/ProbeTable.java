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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A table with one column of every catalogue type (every one nullable but the audit columns), created in a test
 * database, so both extraction paths can be run over values no ToteSys table can hold.
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

    private final ExtractionBed bed;

    private ProbeTable(ExtractionBed bed) {
        this.bed = bed;
    }

    static ProbeTable create(ExtractionBed bed) {
        bed.execute("CREATE TYPE \"ProbeKind\" AS ENUM ('SALES_RECEIPT', 'a \"quoted\", label', 'é')");
        bed.execute("CREATE TABLE copy_probe (copy_probe_id integer PRIMARY KEY, note text, code varchar(3),"
                + " amount numeric(10,2), flag boolean, day date, at_time time(3), kind \"ProbeKind\","
                + " stamp timestamp(3), created_at timestamp(3) NOT NULL, last_updated timestamp(3) NOT NULL)");
        return new ProbeTable(bed);
    }

    /** Inserts one row; every value but the key is SQL text cast to the column's type, null for NULL. */
    void insert(int id, String... values) {
        Object[] parameters = new Object[values.length + 1];
        parameters[0] = id;
        System.arraycopy(values, 0, parameters, 1, values.length);
        bed.execute(INSERT, parameters);
    }

    void insertPlain(int id, LocalDateTime lastUpdated) {
        String stamp = lastUpdated.toString().replace('T', ' ');
        insert(id, "row " + id, null, "1.50", "true", null, null, null, null, stamp, stamp);
    }

    void truncate() {
        bed.execute("TRUNCATE copy_probe");
    }

    /** Extracts the probe table over {@code window} in the given segments, as one run with its own id would. */
    /** As a run extracts: segments planned from the window and the versions delivered before. */
    TableExtract extract(ExtractionWindow window, List<RowVersion> delivered, ExtractionSettings settings)
            throws SQLException {
        TableExtraction extraction = new TableExtraction(bed.objects, settings, 1, UUID.randomUUID().toString(),
                LocalDate.now(ZoneOffset.UTC));
        try (SourceSnapshot snapshot = SourceSnapshot.open(bed.database.dataSource().getConnection(),
                ZoneId.of("UTC"))) {
            return extraction.extract(snapshot.connection(), TABLE, window, delivered);
        }
    }

    TableExtract extract(ExtractionWindow window, WindowSegments segments, List<RowVersion> delivered,
                         ExtractionSettings settings) throws SQLException {
        TableExtraction extraction = new TableExtraction(bed.objects, settings, 1, UUID.randomUUID().toString(),
                LocalDate.now(ZoneOffset.UTC));
        try (SourceSnapshot snapshot = SourceSnapshot.open(bed.database.dataSource().getConnection(),
                ZoneId.of("UTC"))) {
            return extraction.extract(snapshot.connection(), TABLE, window, delivered, segments);
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
