package com.terrifictotes.etl.engines;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.extractor.ExtractionService;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.loader.WarehouseLoader;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.reconciler.ReconciliationService;
import com.terrifictotes.etl.reconciler.ReconciliationSettings;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import com.terrifictotes.etl.transformer.TransformerService;
import com.terrifictotes.etl.transformer.TransformerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.apache.avro.generic.GenericRecord;

/**
 * A processed zone written by the pipeline itself: generated ToteSys data (SF1) with {@value #REJECTED_ORDERS} sales
 * orders the warehouse cannot hold (an impossible delivery date), extracted, a day of changes and the first of those
 * orders fixed, extracted again, both batches transformed and loaded into a warehouse; then a payment deleted at the
 * source, which the reconciliation pass publishes as a third batch, transformed too. Every lake table has rows:
 * {@code etl_rejected_row} (three rejections, then the fix superseding one, with both its timestamps) and
 * {@code etl_deleted_row} (the payment) among them. Its objects are then downloaded under the
 * same keys into a local directory, {@code tables/<table>/batch=<12 digits>/part-<n>.parquet}, the layout the Glue
 * tables' partition projection reads.
 */
final class ProcessedZoneFixture {
    static final int BATCHES = 3;
    static final int REJECTED_ORDERS = 3;

    final TestBed bed = TestBed.shared();
    final WriteOnceBucket processed;
    final Path root;
    final List<ProcessedManifest> manifests = new ArrayList<>();

    private ProcessedZoneFixture(Path root) {
        this.root = root;
        Database toteSys = bed.createToteSysDatabase();
        ToteSysGenerator.seed(toteSys.dataSource(), 1, 20261205L);
        List<Integer> rejected = firstSalesOrders(toteSys.dataSource());
        for (int order : rejected) {
            update(toteSys.dataSource(), "UPDATE sales_order SET agreed_delivery_date = '2024-02-30'"
                    + " WHERE sales_order_id = ?", order);
        }
        String ingestion = bed.createBucket("engines-ingestion");
        processed = new WriteOnceBucket(bed.s3(), bed.createBucket("engines-processed"));
        ExtractionService extractor = new ExtractionService(bed.s3(), toteSys.dataSource(),
                ExtractionSettings.forBucket(ingestion));
        extractor.run();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        DayOfChanges.apply(toteSys.dataSource(), 7L, now);
        // the day amends at most one order, so batch 2 holds at most two rejection rows: fewer than batch 1's three
        update(toteSys.dataSource(), "UPDATE sales_order SET agreed_delivery_date = '2024-02-28', last_updated = ?"
                + " WHERE sales_order_id = ?", now, rejected.get(0));
        extractor.run();
        TransformerService transformer = new TransformerService(bed.s3(),
                TransformerSettings.forBuckets(ingestion, processed.name()));
        transformer.transformPending(OptionalLong.empty());
        Database warehouse = bed.createWarehouseDatabase();
        new WarehouseLoader(bed.s3(), processed.name(), warehouse.dataSource()).loadPending();
        update(toteSys.dataSource(), "DELETE FROM payment WHERE payment_id = (SELECT max(payment_id) FROM payment)");
        new ReconciliationService(bed.s3(), toteSys.dataSource(), warehouse.dataSource(),
                ReconciliationSettings.forBucket(ingestion), Clock.systemUTC()).run();
        transformer.transformPending(OptionalLong.empty());
        for (long batch = 1; batch <= BATCHES; batch++) {
            String key = BucketLayout.processedManifestKey(batch);
            manifests.add(ManifestJson.readProcessed(processed.uri(key), processed.readAllBytes(key)));
        }
        download();
    }

    static ProcessedZoneFixture create(Path root) {
        return new ProcessedZoneFixture(root);
    }

    /** Every data file of a table, over both batches, in batch order. */
    List<DataFile> files(WarehouseTable table) {
        List<DataFile> files = new ArrayList<>();
        manifests.forEach(m -> m.table(table.name()).ifPresent(output -> files.addAll(output.files())));
        return files;
    }

    /** Rows of the table over every batch. */
    long rows(WarehouseTable table) {
        long rows = 0;
        for (long batch = 1; batch <= BATCHES; batch++) {
            rows += rows(table, batch);
        }
        return rows;
    }

    long rows(WarehouseTable table, long batch) {
        return manifests.get((int) batch - 1).table(table.name()).map(t -> t.rows()).orElse(0L);
    }

    Path local(DataFile file) {
        return root.resolve(file.key());
    }

    /** The rows of a file as the pipeline's own reader decodes them (the catalogue's Java types). */
    List<GenericRecord> pipelineRows(WarehouseTable table, DataFile file) {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(bed.s3(), processed, file.key(),
                AvroSchemas.of(table))) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<Integer> firstSalesOrders(DataSource source) {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = source.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT sales_order_id FROM sales_order ORDER BY sales_order_id LIMIT " + REJECTED_ORDERS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static void update(DataSource source, String sql, Object... parameters) {
        try (Connection connection = source.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("expected one row changed by " + sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void download() {
        try {
            for (String key : processed.listKeys(BucketLayout.TABLES_PREFIX)) {
                Path file = root.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, processed.readAllBytes(key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
