package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVPrinter;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Stands in for the extractor: writes ingestion batches of a ToteSys database exactly as the format says (CSV in
 * the catalogue's column order with the dialect of {@link CsvDialect}, an {@link IngestionManifest} listing each
 * file's rows, bytes and SHA-256). Each batch holds the rows with previous bound &lt;= last_updated &lt; a bound just
 * past the newest stamp in the database; the first holds everything. Tests can tamper with a table's CSV text
 * before it is stored (the manifest then records the tampered bytes, as an extractor with that bug would).
 */
final class IngestionFixture {
    private final DataSource source;
    private final WriteOnceBucket bucket;
    private final Map<String, String> uploaded = new HashMap<>();
    private long sequence;
    private LocalDateTime bound;

    IngestionFixture(DataSource source, WriteOnceBucket bucket) {
        this.source = source;
        this.bucket = bucket;
    }

    /** Extracts the next batch; returns its sequence. */
    long extract() {
        return extract(Map.of());
    }

    /** Extracts the next batch with some tables' CSV text rewritten before it is stored. */
    long extract(Map<String, UnaryOperator<String>> tamper) {
        LocalDateTime lo = bound;
        LocalDateTime hi = databaseNow();
        long next = sequence + 1;
        List<TableExtract> tables = new ArrayList<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            String csv = tamper.getOrDefault(table.name(), UnaryOperator.identity()).apply(csv(table, lo, hi));
            tables.add(store(table, csv, lo, hi, next));
        }
        IngestionManifest manifest = new IngestionManifest(IngestionManifest.FORMAT_VERSION, next, "fixture",
                Instant.now(), Instant.now(), "UTC", tables);
        bucket.putIfAbsent(BucketLayout.ingestionManifestKey(next), ManifestJson.write(manifest), "application/json");
        sequence = next;
        bound = hi;
        return next;
    }

    /** The CSV text originally meant for a key of the latest batches, for a test that repairs a tampered object. */
    String cleanCsv(String key) {
        return uploaded.get(key);
    }

    static String csvKey(String table, long sequence) {
        return BucketLayout.csvPartKey(table, LocalDate.of(2024, 5, 1), sequence, "fixture", 0);
    }

    private TableExtract store(SourceTable table, String csv, LocalDateTime lo, LocalDateTime hi, long next) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        String key = csvKey(table.name(), next);
        long rows = csv.lines().count() - 1; // one header line; fixture values never hold line breaks
        bucket.putIfAbsent(key, bytes, CsvDialect.CONTENT_TYPE);
        uploaded.put(key, csv);
        DataFile file = new DataFile(key, rows, bytes.length, Sha256.hex(bytes));
        return new TableExtract(table.name(), lo, hi, table.columnNames(), rows, bytes.length, List.of(file),
                List.of());
    }

    private String csv(SourceTable table, LocalDateTime lo, LocalDateTime hi) {
        String sql = "SELECT " + table.selectList() + " FROM " + table.quotedName()
                + " WHERE last_updated < ?" + (lo == null ? "" : " AND last_updated >= ?")
                + " ORDER BY " + Identifiers.quote(table.primaryKey());
        StringWriter out = new StringWriter();
        try (Connection connection = source.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            select.setObject(1, hi);
            if (lo != null) {
                select.setObject(2, lo);
            }
            printer.printRecord(table.columnNames());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    printer.printRecord(encoded(table, rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<String> encoded(SourceTable table, ResultSet rows) throws SQLException {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            Object value = switch (column.type()) {
                case INTEGER -> rows.getObject(i + 1, Integer.class);
                case DECIMAL_10_2 -> rows.getObject(i + 1, BigDecimal.class);
                case TIMESTAMP_MILLIS -> rows.getObject(i + 1, LocalDateTime.class);
                case BOOLEAN -> rows.getObject(i + 1, Boolean.class);
                default -> rows.getString(i + 1);
            };
            values.add(ValueCodec.encode(column, value));
        }
        return values;
    }

    /** Just past the newest stamp in the database (and past the previous bound): this batch's exclusive bound. */
    private LocalDateTime databaseNow() {
        String newest = ToteSysCatalogue.TABLES.stream()
                .map(t -> "SELECT max(last_updated) AS m FROM " + t.quotedName())
                .collect(java.util.stream.Collectors.joining(" UNION ALL ", "SELECT max(m) FROM (", ") t"));
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
             ResultSet now = statement.executeQuery(newest)) {
            now.next();
            LocalDateTime hi = now.getObject(1, LocalDateTime.class).plusNanos(1_000_000);
            return bound != null && !hi.isAfter(bound) ? bound.plusNanos(1_000_000) : hi;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
