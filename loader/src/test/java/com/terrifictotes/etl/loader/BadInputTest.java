package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.faults.CorruptingHttpClient;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults in batch 2 after a good batch 1: each is reported once, naming the object and the cause; the warehouse
 * stays exactly as batch 1 left it (nothing half-loaded); and after the repair the next run completes the load.
 * The faulty file is fact_payment's second file, the very last one loaded, so a fault found inside the transaction
 * comes after every dimension and the other facts of the batch were already merged: only a rollback undoes them.
 */
class BadInputTest {
    private static final TestBed BED = TestBed.shared();
    private static final WarehouseTable LAST_TABLE = WarehouseCatalogue.FACT_PAYMENT;
    private static final String LAST_FILE = BucketLayout.parquetPartKey(LAST_TABLE.name(), 2, 1);

    private final SourceHistory history = SourceHistory.sampled();
    private final Database warehouse = BED.createEmptyDatabase(); // the first load migrates it
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));
    private WarehouseContents afterFirstBatch;
    private List<TableOutput> secondBatch;
    private byte[] goodLastFile;

    @BeforeEach
    void loadTheFirstBatchAndWriteTheFilesOfTheSecond() {
        batches.write(1, history.first);
        loader().loadPending();
        afterFirstBatch = contents();
        secondBatch = batches.writeFiles(2, history.second);
        goodLastFile = batches.read(LAST_FILE);
    }

    @Test
    void aFileReplacedInTheBucketIsRejectedByItsStoredChecksumBeforeTheTransactionAndLoadsOnceRestored() {
        batches.writeManifest(2, secondBatch);
        byte[] corrupt = goodLastFile.clone();
        Arrays.fill(corrupt, corrupt.length / 3, corrupt.length / 3 + 16, (byte) 0x5a);
        batches.replace(LAST_FILE, corrupt);

        assertFailsNamingTheFile(BadInputException.class, "has " + Checksum.of(Checksum.Algorithm.CRC32C, corrupt)
                + " but manifest");

        batches.replace(LAST_FILE, goodLastFile);
        assertLoadsAfterRepair();
    }

    /**
     * A small file is read whole with checksum mode on: the SDK's check against S3's stored checksum refuses it
     * (a big one, read by ranges, fails a page CRC: {@code ParquetRowGroupsTest}).
     */
    @Test
    void bytesChangedInFlightUnderAnIntactStoredChecksumFailTheReadInsideTheTransactionWhichRollsBackTheBatch() {
        batches.writeManifest(2, secondBatch);
        CorruptingHttpClient flipping = new CorruptingHttpClient(LAST_FILE, goodLastFile.length / 3);
        S3Client corrupting = BED.s3ClientBuilder().httpClientBuilder(flipping.asBuilder()).build();

        assertThatThrownBy(() -> new WarehouseLoader(corrupting, batches.bucketName(), warehouse.dataSource())
                .loadPending())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("s3://" + batches.bucketName() + "/" + LAST_FILE)
                .hasMessageContaining("does not match its stored checksum");
        assertThat(flipping.corrupted()).as("responses changed").isPositive();
        assertThat(contents()).as("warehouse after the failed load").isEqualTo(afterFirstBatch);

        assertLoadsAfterRepair();
    }

    @Test
    void aTruncatedFileIsRejectedByItsSizeAndLoadsOnceRestored() {
        batches.writeManifest(2, secondBatch);
        batches.replace(LAST_FILE, Arrays.copyOf(goodLastFile, goodLastFile.length / 2));

        assertFailsNamingTheFile(BadInputException.class, "has " + goodLastFile.length / 2 + " bytes but manifest");

        batches.replace(LAST_FILE, goodLastFile);
        assertLoadsAfterRepair();
    }

    @Test
    void aCorruptParquetFileThatMatchesItsManifestRollsBackTheWholeBatch() {
        byte[] corrupt = goodLastFile.clone();
        Arrays.fill(corrupt, 4, 68, (byte) 0); // the first page header, right after the PAR1 magic
        batches.replace(LAST_FILE, corrupt);
        batches.writeManifest(2, withLastFile(f -> new DataFile(f.key(), f.rows(), corrupt.length,
                Checksum.of(Checksum.Algorithm.CRC32C, corrupt))));

        assertFailsNamingTheFile(BadInputException.class, "corrupt");

        batches.replace(LAST_FILE, goodLastFile);
        batches.delete(BucketLayout.processedManifestKey(2));
        batches.writeManifest(2, secondBatch);
        assertLoadsAfterRepair();
    }

    @Test
    void aFileWithAnotherTablesSchemaRollsBackTheWholeBatch() {
        batches.delete(LAST_FILE);
        WarehouseTable other = WarehouseCatalogue.DIM_PAYMENT_TYPE;
        DataFile foreign = batches.writeParquet(LAST_FILE, AvroSchemas.of(other), history.second.rows(other).values());
        batches.writeManifest(2, withLastFile(f -> foreign));

        assertFailsNamingTheFile(BadInputException.class, "has columns [payment_type_id, payment_type_name] but "
                + "table fact_payment has [payment_id");

        batches.replace(LAST_FILE, goodLastFile);
        batches.delete(BucketLayout.processedManifestKey(2));
        batches.writeManifest(2, secondBatch);
        assertLoadsAfterRepair();
    }

    @Test
    void aFileHoldingOtherRowsThanItsManifestRecordsRollsBackTheWholeBatch() {
        batches.writeManifest(2, withLastFile(f -> new DataFile(f.key(), f.rows() + 1, f.bytes(), f.checksum())));

        assertFailsNamingTheFile(BadInputException.class, "rows but the manifest records");
    }

    @Test
    void aManifestNamingAMissingObjectFailsUntilTheObjectArrives() {
        batches.writeManifest(2, secondBatch);
        batches.delete(LAST_FILE);

        assertFailsNamingTheFile(StorageException.class, "does not exist");

        batches.replace(LAST_FILE, goodLastFile);
        assertLoadsAfterRepair();
    }

    @Test
    void aManifestForAnotherSchemaVersionIsRefusedNamingTheManifest() {
        batches.writeManifest(2, WarehouseCatalogue.SCHEMA_VERSION + 1, secondBatch);

        assertThatThrownBy(() -> loader().loadPending())
                .isInstanceOf(BadInputException.class)
                .hasMessage("manifest s3://" + batches.bucketName() + "/manifests/processed-000000000002.json is for"
                        + " warehouse schema version " + (WarehouseCatalogue.SCHEMA_VERSION + 1)
                        + " but this loader loads versions 1 to " + WarehouseCatalogue.SCHEMA_VERSION);
        assertThat(contents()).isEqualTo(afterFirstBatch);
    }

    @Test
    void aManifestNamingAnUnknownTableIsRefusedNamingTheManifestAndTheTableAndLoadsOnceRepaired() {
        List<TableOutput> outputs = new ArrayList<>(secondBatch);
        outputs.add(new TableOutput("dim_weather", 0, List.of()));
        batches.writeManifest(2, outputs);

        assertThatThrownBy(() -> loader().loadPending())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("s3://" + batches.bucketName() + "/manifests/processed-000000000002.json")
                .hasMessageContaining("'dim_weather'");
        assertThat(contents()).isEqualTo(afterFirstBatch);

        batches.delete(BucketLayout.processedManifestKey(2));
        batches.writeManifest(2, secondBatch);
        assertLoadsAfterRepair();
    }

    private void assertFailsNamingTheFile(Class<? extends Exception> type, String cause) {
        assertThatThrownBy(() -> loader().loadPending())
                .isInstanceOf(type)
                .hasMessageContaining("s3://" + batches.bucketName() + "/" + LAST_FILE)
                .hasMessageContaining(cause);
        assertThat(contents()).as("warehouse after the failed load").isEqualTo(afterFirstBatch);
    }

    private void assertLoadsAfterRepair() {
        LoadReport report = loader().loadPending();

        assertThat(report.applied()).extracting(AppliedBatch::sequence).containsExactly(2L);
        WarehouseLoaderTest.assertTablesEqual(contents(), WarehouseContents.expected(history.both()));
    }

    private List<TableOutput> withLastFile(UnaryOperator<DataFile> change) {
        List<TableOutput> outputs = new ArrayList<>();
        for (TableOutput output : secondBatch) {
            if (!output.table().equals(LAST_TABLE.name())) {
                outputs.add(output);
                continue;
            }
            List<DataFile> files = new ArrayList<>(output.files());
            DataFile changed = change.apply(files.get(1));
            files.set(1, changed);
            outputs.add(new TableOutput(output.table(), files.stream().mapToLong(DataFile::rows).sum(), files));
        }
        return outputs;
    }

    private WarehouseLoader loader() {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource());
    }

    private WarehouseContents contents() {
        return WarehouseContents.of(warehouse.dataSource());
    }
}
