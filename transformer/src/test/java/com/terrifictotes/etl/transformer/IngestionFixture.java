package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.Reconciliation;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
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
import java.time.Duration;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Stands in for the extractor: writes ingestion batches of a ToteSys database exactly as the format says (CSV in
 * the catalogue's column order with the dialect of {@link CsvDialect}, an {@link IngestionManifest} listing each
 * file's rows, bytes and SHA-256). Each batch holds the rows with previous bound &lt;= last_updated &lt; a bound just
 * past the newest stamp in the database; the first holds everything. Tests can damage a batch (see {@link Tamper})
 * and then {@link #repair} it as an operator would, by putting the intended objects back.
 */
final class IngestionFixture {
    /**
     * How a table's file of a batch is damaged.
     *
     * @param content  rewrites the CSV text
     * @param recorded true: the manifest records the damaged bytes (a consistent but bad file); false: it records
     *                 the intended bytes (the object was lost or replaced after the commit)
     * @param stored   false: the object is never stored
     */
    record Tamper(UnaryOperator<String> content, boolean recorded, boolean stored) {
        static Tamper content(UnaryOperator<String> content) {
            return new Tamper(content, true, true);
        }

        static Tamper missing() {
            return new Tamper(UnaryOperator.identity(), false, false);
        }

        static Tamper replacedAfterCommit(UnaryOperator<String> content) {
            return new Tamper(content, false, true);
        }
    }

    private final DataSource source;
    private final S3Client s3;
    private final WriteOnceBucket bucket;
    private final Map<String, String> intended = new HashMap<>();
    private final Map<Long, byte[]> intendedManifests = new HashMap<>();
    private Duration overlap = Duration.ZERO;
    private long sequence;
    private LocalDateTime bound;

    IngestionFixture(DataSource source, S3Client s3, String bucket) {
        this.source = source;
        this.s3 = s3;
        this.bucket = new WriteOnceBucket(s3, bucket);
    }

    /**
     * From now on each window starts {@code overlap} before the previous bound, re-reading what the previous batch
     * delivered there, and each manifest lists the versions it delivered within {@code overlap} of its bound as
     * recentVersions. Unlike the real extractor, this one never drops a re-read version: the transformer must.
     */
    IngestionFixture withOverlap(Duration newOverlap) {
        this.overlap = newOverlap;
        return this;
    }

    WriteOnceBucket bucket() {
        return bucket;
    }

    /** Extracts the next batch; returns its sequence. */
    long extract() {
        return extract(Map.of());
    }

    /** Extracts the next batch with some tables' files damaged. */
    long extract(Map<String, Tamper> damage) {
        LocalDateTime lo = bound == null ? null : bound.minus(overlap);
        LocalDateTime hi = databaseNow();
        long next = sequence + 1;
        List<TableExtract> stored = new ArrayList<>();
        List<TableExtract> clean = new ArrayList<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            String csv = csv(table, lo, hi);
            String key = csvKey(table.name(), next);
            intended.put(key, csv);
            Tamper tamper = damage.get(table.name());
            String damaged = tamper == null ? csv : tamper.content().apply(csv);
            if (tamper == null || tamper.stored()) {
                bucket.putIfAbsent(key, damaged.getBytes(StandardCharsets.UTF_8), CsvDialect.CONTENT_TYPE);
            }
            List<RowVersion> recent = recentVersions(table, lo, hi);
            clean.add(describe(table, key, csv, lo, hi, recent));
            stored.add(tamper != null && tamper.recorded() ? describe(table, key, damaged, lo, hi, recent)
                    : clean.get(clean.size() - 1));
        }
        intendedManifests.put(next, ManifestJson.write(manifest(next, clean)));
        bucket.putIfAbsent(BucketLayout.ingestionManifestKey(next), ManifestJson.write(manifest(next, stored)),
                "application/json");
        sequence = next;
        bound = hi;
        return next;
    }

    /**
     * Publishes the next batch as the reconciliation pass would: the current rows of the given keys (per table),
     * the given findings, and every table's window state of the previous batch carried forward unchanged.
     */
    long reconcile(Map<String, List<Integer>> rows, Reconciliation reconciliation) {
        long next = sequence + 1;
        String previousKey = BucketLayout.ingestionManifestKey(sequence);
        IngestionManifest previous = ManifestJson.readIngestion(previousKey, bucket.readAllBytes(previousKey));
        List<TableExtract> tables = new ArrayList<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            TableExtract before = previous.table(table.name()).orElseThrow();
            String csv = csv(table, rows.getOrDefault(table.name(), List.of()));
            String key = csvKey(table.name(), next);
            bucket.putIfAbsent(key, csv.getBytes(StandardCharsets.UTF_8), CsvDialect.CONTENT_TYPE);
            TableExtract described = describe(table, key, csv, before.windowLo(), before.windowHi(),
                    before.recentVersions());
            tables.add(described);
        }
        Instant at = Instant.parse("2024-05-02T03:00:00Z");
        bucket.putIfAbsent(BucketLayout.ingestionManifestKey(next), ManifestJson.write(new IngestionManifest(
                IngestionManifest.FORMAT_VERSION, next, "reconciliation", at, at, "UTC", tables, reconciliation)),
                "application/json");
        sequence = next;
        return next;
    }

    /** Puts the intended files and manifest of a batch back, overwriting what is there: the operator's repair. */
    void repair(long batch) {
        intended.forEach((key, csv) -> {
            if (key.contains(String.format("/run-%012d-", batch))) {
                s3.putObject(b -> b.bucket(bucket.name()).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                        RequestBody.fromString(csv, StandardCharsets.UTF_8));
            }
        });
        s3.putObject(b -> b.bucket(bucket.name()).key(BucketLayout.ingestionManifestKey(batch)),
                RequestBody.fromBytes(intendedManifests.get(batch)));
    }

    static String csvKey(String table, long sequence) {
        return BucketLayout.csvPartKey(table, LocalDate.of(2024, 5, 1), sequence, "fixture", 0);
    }

    private static IngestionManifest manifest(long sequence, List<TableExtract> tables) {
        Instant at = Instant.parse("2024-05-01T09:30:00Z");
        return new IngestionManifest(IngestionManifest.FORMAT_VERSION, sequence, "fixture", at, at, "UTC", tables);
    }

    private static TableExtract describe(SourceTable table, String key, String csv, LocalDateTime lo,
                                         LocalDateTime hi, List<RowVersion> recent) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        long rows = Math.max(0, csv.split("\r\n", -1).length - 2); // header, rows, then "" after the last CRLF
        DataFile file = new DataFile(key, rows, bytes.length, crc32c(bytes));
        return new TableExtract(table.name(), lo, hi, table.columnNames(), rows, bytes.length, List.of(file),
                recent);
    }

    private List<RowVersion> recentVersions(SourceTable table, LocalDateTime lo, LocalDateTime hi) {
        if (overlap.isZero()) {
            return List.of();
        }
        LocalDateTime from = lo == null || hi.minus(overlap).isAfter(lo) ? hi.minus(overlap) : lo;
        String sql = "SELECT " + Identifiers.quote(table.primaryKey()) + ", last_updated FROM " + table.quotedName()
                + " WHERE last_updated >= ? AND last_updated < ?";
        List<RowVersion> versions = new ArrayList<>();
        for (List<Object> row : WarehouseFromSource.query(source, sql, from, hi)) {
            versions.add(new RowVersion((Integer) row.get(0), (LocalDateTime) row.get(1)));
        }
        return versions;
    }

    private String csv(SourceTable table, LocalDateTime lo, LocalDateTime hi) {
        String sql = "SELECT " + table.selectList() + " FROM " + table.quotedName()
                + " WHERE last_updated < ?" + (lo == null ? "" : " AND last_updated >= ?")
                + " ORDER BY " + Identifiers.quote(table.primaryKey());
        return lo == null ? csv(table, sql, hi) : csv(table, sql, hi, lo);
    }

    private String csv(SourceTable table, List<Integer> ids) {
        String sql = "SELECT " + table.selectList() + " FROM " + table.quotedName() + " WHERE "
                + Identifiers.quote(table.primaryKey()) + " = ANY (?) ORDER BY " + Identifiers.quote(table.primaryKey());
        return csv(table, sql, (Object) ids.toArray(Integer[]::new));
    }

    private String csv(SourceTable table, String sql, Object... parameters) {
        StringWriter out = new StringWriter();
        try (Connection connection = source.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i] instanceof Integer[] ids
                        ? connection.createArrayOf("integer", ids) : parameters[i]);
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

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
