package com.terrifictotes.etl.lake;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.TestBed;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
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
}
