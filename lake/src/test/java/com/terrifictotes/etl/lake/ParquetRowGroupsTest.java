package com.terrifictotes.etl.lake;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_CURRENCY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DESIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.faults.CorruptingHttpClient;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/** The loader's column-by-column read of a lake file, fetched whole (a small file) or by ranged GETs (a big one). */
class ParquetRowGroupsTest {
    private static final int CODE = 1;

    private final TestBed bed = TestBed.shared();
    private final WriteOnceBucket bucket = new WriteOnceBucket(bed.s3(), bed.createBucket("row-groups"));
    private final Schema currency = AvroSchemas.of(DIM_CURRENCY);

    private long writeCurrencies(String key, String... codes) {
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, currency, ParquetSettings.DEFAULT)) {
            for (int i = 0; i < codes.length; i++) {
                writer.write(Records.of(currency, i + 1, codes[i], codes[i] + " name"));
            }
            return writer.finish().bytes();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsEveryRowsValuesAsStoredWhetherTheFileIsFetchedWholeOrByRanges(boolean whole) {
        long length = writeCurrencies("c.parquet", "GBP", "USD", "EUR");

        try (ParquetRowGroups rows = ParquetRowGroups.open(bed.s3(), bucket, "c.parquet", length, currency, whole)) {
            assertThat(rows.rowCount()).isEqualTo(3);
            assertThat(codes(rows)).containsExactly("1 GBP", "2 USD", "3 EUR");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsAFileWrittenBeforeANullableColumnWasAddedAtTheEndWithTheColumnNull(boolean whole) {
        long length = writeCurrencies("before.parquet", "GBP", "USD");
        Schema withSymbol = ParquetTableFailuresTest.withColumnAddedLater(currency, "currency_symbol", true);

        try (ParquetRowGroups rows = ParquetRowGroups.open(bed.s3(), bucket, "before.parquet", length, withSymbol,
                whole)) {
            assertThat(rows.nextRowGroup(0)).isEqualTo(2);
            assertThat(rows.column(3)).isNull();
            assertThat(rows.isNull(3)).isTrue();
            assertThat(rows.isNull(CODE)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesAFileWhoseColumnsAreNotTheExpectedTablesNamingIt(boolean whole) {
        long length = writeCurrencies("c.parquet", "GBP");

        assertThatThrownBy(() -> ParquetRowGroups.open(bed.s3(), bucket, "c.parquet", length,
                AvroSchemas.of(DIM_DESIGN), whole))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(bucket.uri("c.parquet"))
                .hasMessageContaining("currency_code");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void refusesATruncatedFileNamingIt(boolean whole) {
        writeCurrencies("whole.parquet", "GBP", "USD", "EUR");
        byte[] bytes = bucket.readAllBytes("whole.parquet");
        bucket.putIfAbsent("cut.parquet", Arrays.copyOf(bytes, bytes.length - 20), "application/octet-stream");

        assertThatThrownBy(() -> ParquetRowGroups.open(bed.s3(), bucket, "cut.parquet", bytes.length - 20, currency,
                whole))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bucket.uri("cut.parquet"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aConnectionResetWhileReadingIsAStorageFaultNamingTheFileAndARetryReadsEveryRow(boolean whole) {
        long length = writeCurrencies("rows.parquet", "GBP", "USD", "EUR");
        FaultyS3 faulty = FaultyS3.on(bed).breakDownload(1, S3Call.reads(bucket.name(), "rows.parquet"), 0);
        S3Client client = faulty.client();

        assertThatThrownBy(() -> {
            try (ParquetRowGroups rows = ParquetRowGroups.open(client, bucket, "rows.parquet", length, currency,
                    whole)) {
                codes(rows);
            }
        }).isInstanceOf(StorageException.class).hasMessageContaining(bucket.uri("rows.parquet"));
        assertThat(faulty.allFired()).isTrue();

        try (ParquetRowGroups retry = ParquetRowGroups.open(client, bucket, "rows.parquet", length, currency, whole)) {
            assertThat(codes(retry)).containsExactly("1 GBP", "2 USD", "3 EUR");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bytesChangedInFlightAreBadInputNamingTheFileByTheObjectsChecksumOrAPageCrc(boolean whole) {
        String[] codes = new String[2_000]; // pages, not the footer, fill most of the file
        Arrays.setAll(codes, i -> "C" + i);
        long length = writeCurrencies("flipped.parquet", codes);
        CorruptingHttpClient flipping = new CorruptingHttpClient("flipped.parquet", length / 3);
        S3Client corrupting = bed.s3ClientBuilder().httpClientBuilder(flipping.asBuilder()).build();

        assertThatThrownBy(() -> {
            try (ParquetRowGroups rows = ParquetRowGroups.open(corrupting, bucket, "flipped.parquet", length,
                    currency, whole)) {
                codes(rows);
            }
        }).isInstanceOf(BadInputException.class).hasMessageContaining(bucket.uri("flipped.parquet"))
                .hasMessageContaining(whole ? "does not match its stored checksum" : "CRC");
        assertThat(flipping.corrupted()).as("responses changed").isPositive();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void namesAMissingObjectAsAStorageFault(boolean whole) {
        assertThatThrownBy(() -> ParquetRowGroups.open(bed.s3(), bucket, "missing.parquet", 100, currency, whole))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(bucket.uri("missing.parquet"));
    }

    /** Each row's id and code, read column by column, every column consumed. */
    private static List<String> codes(ParquetRowGroups rows) {
        List<String> codes = new ArrayList<>();
        long read = 0;
        for (long group = rows.nextRowGroup(read); group >= 0; group = rows.nextRowGroup(read)) {
            for (long i = 0; i < group; i++, read++) {
                codes.add(rows.column(0).getInteger() + " " + rows.column(CODE).getBinary().toStringUsingUTF8());
                for (int column = 0; column < 3; column++) {
                    rows.column(column).consume();
                }
            }
        }
        return codes;
    }
}
