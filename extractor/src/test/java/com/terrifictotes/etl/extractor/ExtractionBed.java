package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One ToteSys database and one ingestion bucket on the shared test bed, with the readers the tests use to check
 * what was delivered: only through published manifests, as the transformer would read it.
 */
final class ExtractionBed {
    final Database database;
    final String bucket;
    final S3Client s3;
    final WriteOnceBucket objects;

    private ExtractionBed(Database database, String bucket, S3Client s3) {
        this.database = database;
        this.bucket = bucket;
        this.s3 = s3;
        this.objects = new WriteOnceBucket(s3, bucket);
    }

    static ExtractionBed create() {
        TestBed bed = TestBed.shared();
        return new ExtractionBed(bed.createToteSysDatabase(), bed.createBucket("ingestion"), bed.s3());
    }

    /** A ToteSys database in {@code SQL_ASCII}, where text can hold bytes that are not UTF-8. */
    static ExtractionBed createSqlAscii() {
        TestBed bed = TestBed.shared();
        return new ExtractionBed(bed.createSqlAsciiToteSysDatabase(), bed.createBucket("ingestion"), bed.s3());
    }

    /** A copy of {@code template} (seeded once by the caller) with its own bucket. */
    static ExtractionBed copyOf(Database template) {
        TestBed bed = TestBed.shared();
        return new ExtractionBed(bed.copyOf(template), bed.createBucket("ingestion"), bed.s3());
    }

    String serverEncoding() {
        List<String> encoding = new ArrayList<>();
        query("SELECT current_setting('server_encoding')", rs -> encoding.add(rs.getString(1)));
        return encoding.get(0);
    }

    ExtractionSettings settings() {
        return ExtractionSettings.forBucket(bucket);
    }

    ExtractionService service(ExtractionSettings settings) {
        return service(s3, settings);
    }

    ExtractionService service(S3Client client, ExtractionSettings settings) {
        return service(client, settings, RunMetrics.discarding());
    }

    ExtractionService service(S3Client client, ExtractionSettings settings, RunMetrics metrics) {
        return new ExtractionService(client, database.dataSource(), settings, Clock.systemUTC(), metrics);
    }

    ExtractionResult run() {
        return service(settings()).run();
    }

    /**
     * A run whose snapshot reads the database's clock as {@code sourceInstant} (the database's own clock cannot be
     * moved) and whose function's clock reads a second later: a run at a chosen moment, such as a change of clocks.
     */
    ExtractionResult runAt(Instant sourceInstant, ExtractionSettings settings) {
        return new ExtractionService(s3, database.dataSource(), settings,
                Clock.fixed(sourceInstant.plusSeconds(1), ZoneOffset.UTC), RunMetrics.discarding(),
                ignoredDatabaseClock -> sourceInstant).run();
    }

    /** Inserts a currency row stamped {@code stamp} (created then too) and returns its version. */
    RowVersion insertCurrency(String code, LocalDateTime stamp) {
        execute("INSERT INTO currency (currency_code, created_at, last_updated) VALUES (?, ?, ?)", code, stamp, stamp);
        List<RowVersion> inserted = new ArrayList<>();
        query("SELECT currency_id FROM currency WHERE currency_code = '" + code + "'",
                rs -> inserted.add(new RowVersion(rs.getInt(1), stamp)));
        assertThat(inserted).as("currency %s", code).hasSize(1);
        return inserted.get(0);
    }

    List<String> keys() {
        return objects.listKeys("");
    }

    List<IngestionManifest> manifests() {
        return objects.listKeys(BucketLayout.MANIFEST_PREFIX).stream()
                .map(key -> ManifestJson.readIngestion(key, objects.readAllBytes(key)))
                .toList();
    }

    IngestionManifest manifest(long sequence) {
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(key, objects.readAllBytes(key));
    }

    /** Every row of {@code table} in every published manifest, in order: column name → CSV cell (null = NULL). */
    List<Map<String, String>> deliveredRows(String table) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (IngestionManifest manifest : manifests()) {
            manifest.table(table).ifPresent(extract -> rows.addAll(rowsOf(extract)));
        }
        return rows;
    }

    List<Map<String, String>> rowsOf(TableExtract extract) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (DataFile file : extract.files()) {
            byte[] bytes = objects.readAllBytes(file.key());
            assertThat(crc32c(bytes)).as("sha256 of %s", file.key()).isEqualTo(file.checksum());
            assertThat((long) bytes.length).as("bytes of %s", file.key()).isEqualTo(file.bytes());
            List<Map<String, String>> parsed = parse(bytes, extract.columns());
            assertThat(parsed).as("rows of %s", file.key()).hasSize((int) file.rows());
            rows.addAll(parsed);
        }
        return rows;
    }

    /** How often each version of {@code table} was delivered over all published manifests. */
    Map<RowVersion, Integer> deliveredVersions(String table) {
        SourceTable source = ToteSysCatalogue.table(table);
        Map<RowVersion, Integer> counts = new HashMap<>();
        for (Map<String, String> row : deliveredRows(table)) {
            counts.merge(version(source, row), 1, Integer::sum);
        }
        return counts;
    }

    static RowVersion version(SourceTable table, Map<String, String> row) {
        return new RowVersion(Integer.parseInt(row.get(table.primaryKey())),
                LocalDateTime.parse(row.get(SourceTable.LAST_UPDATED)));
    }

    /** The versions the source holds now, read with plain SQL text (independent of the extractor's readers). */
    List<RowVersion> sourceVersions(String table) {
        SourceTable source = ToteSysCatalogue.table(table);
        String sql = "SELECT " + source.primaryKey() + ", to_char(last_updated, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') FROM "
                + source.quotedName();
        List<RowVersion> versions = new ArrayList<>();
        query(sql, rs -> versions.add(new RowVersion(rs.getInt(1), LocalDateTime.parse(rs.getString(2)))));
        return versions;
    }

    /**
     * Every row of {@code table} as PostgreSQL itself renders it in the CSV's text conventions, ordered by key:
     * the expectation for a delivered row, computed without any of the extractor's code.
     */
    List<Map<String, String>> sourceRows(String table) {
        SourceTable source = ToteSysCatalogue.table(table);
        List<String> expressions = source.columns().stream().map(c -> switch (c.type()) {
            case TIMESTAMP_MILLIS -> "to_char(" + c.quotedName() + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')";
            case BOOLEAN -> "CASE WHEN " + c.quotedName() + " THEN 'true' ELSE 'false' END";
            default -> c.quotedName() + "::text";
        }).toList();
        // qualified, because a bare name in ORDER BY would mean the text output column of the same name
        String sql = "SELECT " + String.join(", ", expressions) + " FROM " + source.quotedName() + " ORDER BY "
                + source.quotedName() + "." + source.column(source.primaryKey()).quotedName();
        List<Map<String, String>> rows = new ArrayList<>();
        query(sql, rs -> {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < source.columns().size(); i++) {
                row.put(source.columns().get(i).name(), rs.getString(i + 1));
            }
            rows.add(row);
        });
        return rows;
    }

    /** The database's wall clock in UTC, as ToteSys's application would stamp a row now. */
    LocalDateTime utcNow() {
        List<LocalDateTime> now = new ArrayList<>();
        query("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')",
                rs -> now.add(LocalDateTime.parse(rs.getString(1))));
        return now.get(0);
    }

    /** Every version delivered so far, per source table: what a later batch must not deliver again. */
    Map<String, Set<RowVersion>> deliveredByTable() {
        Map<String, Set<RowVersion>> delivered = new HashMap<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            delivered.put(table.name(), new HashSet<>(deliveredVersions(table.name()).keySet()));
        }
        return delivered;
    }

    /** A new version of the row: the application's edit, stamped {@code now}. */
    void touch(SourceTable table, int id, LocalDateTime now) {
        execute("UPDATE " + table.quotedName() + " SET last_updated = ? WHERE "
                + table.column(table.primaryKey()).quotedName() + " = ?", now, id);
    }

    void execute(String sql, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    void query(String sql, RowConsumer consumer) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                consumer.accept(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static List<Map<String, String>> parse(byte[] csv, List<String> expectedHeader) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser parser = CsvDialect.FORMAT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(csv, StandardCharsets.UTF_8)))) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(expectedHeader);
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : expectedHeader) {
                    row.put(column, record.get(column));
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
