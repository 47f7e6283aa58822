package com.terrifictotes.etl.lake;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ParquetTableFailuresTest {
    private final TestBed bed = TestBed.shared();
    private final WriteOnceBucket bucket = new WriteOnceBucket(bed.s3(), bed.createBucket("lake-failures"));
    private final Schema currency = AvroSchemas.of(DIM_CURRENCY);

    private void writeCurrencies(String key, String... codes) {
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, currency, ParquetSettings.DEFAULT)) {
            for (int i = 0; i < codes.length; i++) {
                writer.write(Records.of(currency, i + 1, codes[i], codes[i] + " name"));
            }
            writer.finish();
        }
    }

    @Test
    void leavesNoObjectWhenAWriterIsClosedWithoutFinishing() {
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, "abandoned.parquet", currency,
                ParquetSettings.DEFAULT)) {
            writer.write(Records.of(currency, 1, "GBP", "British Pound"));
        }
        assertThat(bucket.exists("abandoned.parquet")).isFalse();
    }

    @Test
    void refusesToReplaceAnObjectWithDifferentRows() {
        writeCurrencies("c.parquet", "GBP", "USD");
        assertThatThrownBy(() -> writeCurrencies("c.parquet", "GBP", "EUR"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(bucket.uri("c.parquet"))
                .hasMessageContaining("already exists with different content");
    }

    @Test
    void refusesAFileWhoseColumnsAreNotTheExpectedTablesNamingIt() {
        writeCurrencies("c.parquet", "GBP");
        assertThatThrownBy(() -> ParquetTableReader.open(bed.s3(), bucket, "c.parquet", AvroSchemas.of(DIM_DESIGN)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(bucket.uri("c.parquet"))
                .hasMessageContaining("currency_code");
    }

    @Test
    void readsAFileWrittenBeforeANullableColumnWasAddedAtTheEndWithTheColumnNull() {
        writeCurrencies("before.parquet", "GBP", "USD");
        Schema withSymbol = withColumnAddedLater(currency, "currency_symbol", true);

        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(bed.s3(), bucket, "before.parquet", withSymbol)) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }

        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.get("currency_symbol")).isNull());
        assertThat(rows).extracting(row -> row.get("currency_code")).containsExactly("GBP", "USD");
        assertThat(rows.get(0).getSchema()).isEqualTo(withSymbol);
    }

    @Test
    void refusesAFileLackingAColumnAddedLaterThatIsNotNullable() {
        writeCurrencies("before-required.parquet", "GBP");
        Schema withRequired = withColumnAddedLater(currency, "currency_symbol", false);

        assertThatThrownBy(() -> ParquetTableReader.open(bed.s3(), bucket, "before-required.parquet", withRequired))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(bucket.uri("before-required.parquet"))
                .hasMessageContaining("currency_symbol");
    }

    /** The table's schema after {@code ALTER TABLE ... ADD COLUMN}: the new column last. */
    static Schema withColumnAddedLater(Schema table, String column, boolean nullable) {
        List<Schema.Field> fields = new ArrayList<>();
        table.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        Schema text = Schema.create(Schema.Type.STRING);
        fields.add(nullable
                ? new Schema.Field(column, Schema.createUnion(Schema.create(Schema.Type.NULL), text), null,
                        Schema.Field.NULL_DEFAULT_VALUE)
                : new Schema.Field(column, text));
        return Schema.createRecord(table.getName(), table.getDoc(), table.getNamespace(), false, fields);
    }

    @Test
    void refusesAnObjectThatIsNotParquetNamingIt() {
        bucket.putIfAbsent("not.parquet", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThatThrownBy(() -> ParquetTableReader.open(bed.s3(), bucket, "not.parquet", currency))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bucket.uri("not.parquet") + " is not a readable Parquet file");
    }

    @Test
    void refusesATruncatedFileNamingIt() {
        writeCurrencies("whole.parquet", "GBP", "USD", "EUR");
        byte[] whole = bucket.readAllBytes("whole.parquet");
        bucket.putIfAbsent("cut.parquet", Arrays.copyOf(whole, whole.length - 20), "application/octet-stream");
        assertThatThrownBy(() -> ParquetTableReader.open(bed.s3(), bucket, "cut.parquet", currency))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bucket.uri("cut.parquet"));
    }

    @Test
    void namesAMissingObject() {
        assertThatThrownBy(() -> ParquetTableReader.open(bed.s3(), bucket, "missing.parquet", currency))
                .isInstanceOf(StorageException.class)
                .hasMessage(bucket.uri("missing.parquet") + " does not exist");
    }

    @Test
    void aSmallFileOpenedWithTheLengthItsManifestRecordsIsReadInOneGetAndAnotherLengthIsBadInputNamingIt() {
        writeCurrencies("known.parquet", "GBP", "USD", "EUR");
        long length = bucket.stored("known.parquet").bytes();
        FaultyS3 recorded = FaultyS3.on(bed);

        List<Object> codes = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(recorded.client(), bucket, "known.parquet", length,
                currency)) {
            for (GenericRecord row = reader.next(); row != null; row = reader.next()) {
                codes.add(row.get("currency_code"));
            }
        }

        assertThat(codes).containsExactly("GBP", "USD", "EUR");
        assertThat(recorded.calls()).extracting(S3Call::operation).containsExactly("GetObject");
        assertThatThrownBy(() -> ParquetTableReader.open(bed.s3(), bucket, "known.parquet", length + 1, currency))
                .isInstanceOf(BadInputException.class)
                .hasMessage(bucket.uri("known.parquet") + " has " + length + " bytes but the manifest records "
                        + (length + 1) + " (truncated or replaced)");
    }

    @Test
    void aConnectionLostWhileReadingTheFooterIsAStorageFaultNotABadFile() {
        writeCurrencies("footer.parquet", "GBP", "USD");
        FaultyS3 faulty = FaultyS3.on(bed).failBefore(1, S3Call.reads(bucket.name(), "footer.parquet"), Failure.ERROR);

        assertThatThrownBy(() -> ParquetTableReader.open(faulty.client(), bucket, "footer.parquet", currency))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot read " + bucket.uri("footer.parquet") + ": ")
                .hasMessageContaining("injected fault");
        assertThat(faulty.allFired()).isTrue();
    }

    @Test
    void aConnectionResetWhileReadingRowsIsAStorageFaultAndARetryReadsEveryRow() {
        writeCurrencies("rows.parquet", "GBP", "USD", "EUR");
        FaultyS3 faulty = FaultyS3.on(bed);
        try (ParquetTableReader reader = ParquetTableReader.open(faulty.client(), bucket, "rows.parquet", currency)) {
            faulty.breakDownload(1, S3Call.reads(bucket.name(), "rows.parquet"), 0);

            assertThatThrownBy(reader::next)
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("cannot read " + bucket.uri("rows.parquet") + ": ")
                    .hasMessageContaining("connection reset");
        }
        assertThat(faulty.allFired()).isTrue();

        try (ParquetTableReader retry = ParquetTableReader.open(faulty.client(), bucket, "rows.parquet", currency)) {
            List<Object> codes = new ArrayList<>();
            for (GenericRecord row = retry.next(); row != null; row = retry.next()) {
                codes.add(row.get("currency_code"));
            }
            assertThat(codes).containsExactly("GBP", "USD", "EUR");
        }
    }
}
