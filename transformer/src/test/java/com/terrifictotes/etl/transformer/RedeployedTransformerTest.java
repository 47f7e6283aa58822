package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.faults.OtherParquetBuild;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A batch half-published by one release and completed by the next, whose Parquet library writes other bytes for the
 * same rows: the retry completes the batch, logs each part it kept, and its manifest records what is stored, so the
 * loader's size and SHA-256 check passes. A part holding other rows still stops the batch, naming its key.
 */
class RedeployedTransformerTest {
    private static final String STORED_ROWS_LOGGER = "com.terrifictotes.etl.lake.StoredRows";

    private final TestBed bed = TestBed.shared();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            logged.add(event.getLevel() + " " + event.getFormattedMessage());
        }
    };
    private String ingestion;
    private ProcessedZone reference;

    @BeforeEach
    void extractABatchAndTransformItOnceCleanly() {
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.start();
        ((Logger) LoggerFactory.getLogger(STORED_ROWS_LOGGER)).addAppender(capture);
        Database source = SmallToteSys.create(17L, 60);
        ingestion = bed.createBucket("redeploy-ingestion");
        new IngestionFixture(source.dataSource(), bed.s3(), ingestion).extract();
        reference = new ProcessedZone(bed.s3(), bed.createBucket("redeploy-reference"));
        transform(reference);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(STORED_ROWS_LOGGER)).detachAppender(capture);
        capture.stop();
    }

    @Test
    void theRetryKeepsThePartsTheEarlierReleasePublishedAndItsManifestRecordsThem() {
        ProcessedManifest clean = reference.manifest(1);
        List<DataFile> everyFile = files(clean);
        ProcessedZone target = new ProcessedZone(bed.s3(), bed.createBucket("redeploy-target"));
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < everyFile.size(); i += 2) { // half the parts, as a crash in the middle of publishing
            DataFile file = everyFile.get(i);
            target.bucket.putIfAbsent(file.key(), OtherParquetBuild.of(reference.bucket.readAllBytes(file.key())),
                    "application/vnd.apache.parquet");
            earlier.add(file.key());
        }

        transform(target);

        ProcessedManifest completed = target.manifest(1);
        for (DataFile file : files(completed)) {
            // what the loader checks before it loads a batch (ProcessedZone.verify), and what the bytes read as
            assertThat(target.bucket.stored(file.key()).crc32c()).as(file.key()).contains(file.checksum());
            assertThat(target.bucket.checksumOf(file.key(), Checksum.Algorithm.CRC32C)).as(file.key())
                    .isEqualTo(file.checksum());
            assertThat(target.bucket.readAllBytes(file.key())).hasSize((int) file.bytes());
        }
        assertThat(files(completed).stream().filter(f -> earlier.contains(f.key())))
                .as("kept parts are recorded as stored, not as this run wrote them").hasSize(earlier.size())
                .allSatisfy(f -> assertThat(f.checksum()).isNotEqualTo(checksumIn(clean, f.key())));
        assertThat(rowCounts(completed)).isEqualTo(rowCounts(clean));
        for (String table : WarehouseCatalogue.TABLES.stream().map(t -> t.name()).toList()) {
            if (clean.table(table).isPresent()) {
                assertThat(target.rows(1, table)).as(table).isEqualTo(reference.rows(1, table));
            }
        }
        assertThat(logged.stream().filter(line -> line.contains("already holds the same"))).hasSize(earlier.size())
                .allSatisfy(line -> assertThat(line).startsWith("INFO s3://" + target.bucket.name() + "/"));
    }

    @Test
    void aPartHoldingOtherRowsStopsTheBatchNamingItsKeyAndPublishesNoManifest() {
        ProcessedManifest clean = reference.manifest(1);
        DataFile payments = clean.table("fact_payment").orElseThrow().files().get(0);
        ProcessedZone target = new ProcessedZone(bed.s3(), bed.createBucket("redeploy-changed"));
        Schema schema = AvroSchemas.of(WarehouseCatalogue.FACT_PAYMENT);
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(bed.s3(), reference.bucket, payments.key(), schema)) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        rows.get(0).put("payment_amount", ((BigDecimal) rows.get(0).get("payment_amount")).add(BigDecimal.ONE));
        try (ParquetTableWriter writer = ParquetTableWriter.open(target.bucket, payments.key(), schema,
                ParquetSettings.DEFAULT)) {
            rows.forEach(writer::write);
            writer.finish();
        }

        assertThatThrownBy(() -> transform(target))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(target.bucket.uri(payments.key()))
                .hasMessageContaining("already exists with different content");
        assertThat(target.committed(1)).isFalse();
    }

    private void transform(ProcessedZone zone) {
        new TransformerService(bed.s3(), TransformerSettings.forBuckets(ingestion, zone.bucket.name()))
                .transformPending(OptionalLong.empty());
    }

    private static List<DataFile> files(ProcessedManifest manifest) {
        return Stream.concat(manifest.tables().stream(), manifest.stateFiles().stream())
                .flatMap(t -> t.files().stream()).toList();
    }

    private static Checksum checksumIn(ProcessedManifest manifest, String key) {
        return files(manifest).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow().checksum();
    }

    private static List<Long> rowCounts(ProcessedManifest manifest) {
        return Stream.concat(manifest.tables().stream(), manifest.stateFiles().stream()).map(TableOutput::rows)
                .toList();
    }
}
