package com.terrifictotes.etl.lake;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.FACT_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.faults.OtherParquetBuild;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * A batch half-published by one release and completed by the next: the Parquet footer names the library build that
 * wrote it ({@code created_by}), so the same rows come out in other bytes. The earlier object is kept when its decoded
 * rows are the ones this run wrote, and what is published then describes the stored object (its size and SHA-256),
 * which the manifest records and the loader checks. Other rows under the key still fail, naming it.
 */
class RedeployMidPublishTest {
    private static final String PARQUET = "application/vnd.apache.parquet";
    private final TestBed bed = TestBed.shared();
    private final WriteOnceBucket bucket = new WriteOnceBucket(bed.s3(), bed.createBucket("redeploy"));
    private final Schema schema = AvroSchemas.of(FACT_PAYMENT);

    @Test
    void aStagedPartMeetingTheSameRowsFromAnotherWriterBuildIsPublishedAsTheStoredObject() {
        List<GenericRecord> rows = payments(3_000, 0);
        String key = "tables/fact_payment/batch=000000000004/part-00000.parquet";
        byte[] earlier = fromAnotherBuild(written(rows, ParquetSettings.DEFAULT));
        bucket.putIfAbsent(key, earlier, PARQUET); // published by the release before, which then crashed

        DataFile published;
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, schema, ParquetSettings.DEFAULT)) {
            rows.forEach(writer::write);
            ParquetTableWriter.Staged staged = writer.stage();
            assertThat(staged.file().checksum()).as("this run's bytes differ").isNotEqualTo(crc32c(earlier));
            published = staged.publish();
        }

        assertThat(published).isEqualTo(new DataFile(key, 3_000, earlier.length, crc32c(earlier)));
        assertThat(bucket.stored(key).crc32c()).as("what the loader will check").contains(published.checksum());
        assertThat(bucket.checksumOf(key, Checksum.Algorithm.CRC32C)).isEqualTo(published.checksum());
        assertThat(bucket.readAllBytes(key)).isEqualTo(earlier);
    }

    @Test
    void aSmallObjectWrittenInOnePutAcceptsTheSameRowsInOtherBytesToo() {
        List<GenericRecord> rows = payments(40, 1);
        String key = "tables/fact_payment/batch=000000000005/part-00000.parquet";
        byte[] earlier = written(rows, new ParquetSettings(CompressionCodecName.GZIP, 1 << 20, 1 << 16));
        bucket.putIfAbsent(key, earlier, PARQUET);

        DataFile published = write(key, rows);

        assertThat(published).isEqualTo(new DataFile(key, 40, earlier.length, crc32c(earlier)));
    }

    @Test
    void anEarlierPartInTheFirstLakeFormatWithTheSameRowsIsKept() throws Exception {
        List<GenericRecord> rows = payments(200, 2);
        String key = "tables/fact_payment/batch=000000000006/part-00000.parquet";
        byte[] earlier = LakeFormatFiles.v1(rows);
        bucket.putIfAbsent(key, earlier, PARQUET);

        assertThat(write(key, rows).checksum()).isEqualTo(crc32c(earlier));
    }

    @Test
    void otherRowsUnderTheKeyStillFailNamingIt() {
        String key = "tables/fact_payment/batch=000000000007/part-00000.parquet";
        List<GenericRecord> theirs = payments(500, 3);
        List<GenericRecord> ours = payments(500, 3);
        ours.get(321).put("payment_amount", new BigDecimal("0.01"));
        bucket.putIfAbsent(key, fromAnotherBuild(written(theirs, ParquetSettings.DEFAULT)), PARQUET);

        assertThatThrownBy(() -> write(key, ours))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(bucket.uri(key))
                .hasMessageContaining("already exists with different content");
    }

    @Test
    void anObjectThatIsNotParquetUnderTheKeyFailsNamingIt() {
        String key = "tables/fact_payment/batch=000000000008/part-00000.parquet";
        bucket.putIfAbsent(key, "not parquet".getBytes(StandardCharsets.UTF_8), PARQUET);

        assertThatThrownBy(() -> write(key, payments(10, 4)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(bucket.uri(key))
                .hasMessageContaining("already exists with different content");
    }

    private DataFile write(String key, List<GenericRecord> rows) {
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, schema, ParquetSettings.DEFAULT)) {
            rows.forEach(writer::write);
            return writer.finish();
        }
    }

    /** The bytes this release writes for {@code rows}. */
    private byte[] written(List<GenericRecord> rows, ParquetSettings settings) {
        String scratch = "scratch/" + System.nanoTime() + ".parquet";
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, scratch, schema, settings)) {
            rows.forEach(writer::write);
            writer.finish();
        }
        return bucket.readAllBytes(scratch);
    }

    static byte[] fromAnotherBuild(byte[] parquet) {
        byte[] other = OtherParquetBuild.of(parquet);
        assertThat(other).isNotEqualTo(parquet).hasSameSizeAs(parquet);
        return other;
    }

    static List<GenericRecord> payments(int count, int seed) {
        List<GenericRecord> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Records.of(AvroSchemas.of(FACT_PAYMENT), i + seed * 10_000, LocalDate.of(2023, 1, 1).plusDays(i),
                    LocalTime.of(9, 30).plusSeconds(i * 7L), LocalDate.of(2023, 2, 1), LocalTime.NOON.plusNanos(
                            (long) (i % 1000) * 1_000_000), i + 1, 3, BigDecimal.valueOf(i * 131L + seed, 2), 1, 2,
                    i % 3 == 0, LocalDate.of(2023, 3, 1).plusDays(i % 30)));
        }
        return rows;
    }

    private static Checksum crc32c(byte[] content) {
        return Checksum.of(Checksum.Algorithm.CRC32C, content);
    }
}
