package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.PAYMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.SALES_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.testbed.faults.CorruptingHttpClient;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.transformer.IngestionFixture.Tamper;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each kind of file-level bad input (a wrong header, a line with a field missing, broken quoting, a missing object,
 * an object that is not the one committed) fails the batch with one error naming the object and line; nothing is
 * published (no processed manifest, and no data or state object either: what the pass uploaded before the fault
 * showed is aborted, and no upload is left pending); and once the operator puts the intended objects back, a retry
 * produces exactly what a clean batch produces. A bad value in a good file is row-level: {@link QuarantineTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private final TestBed bed = TestBed.shared();
    private Database source;
    private ProcessedManifest clean;

    @BeforeAll
    void transformACleanBatchForReference() {
        source = SmallToteSys.create(53L, 60);
        Case reference = new Case(Map.of());
        reference.service().transformPending(OptionalLong.empty());
        clean = reference.processed.manifest(1);
    }

    /** One damaged first batch, in buckets of its own. */
    private final class Case {
        final IngestionFixture extractor;
        final ProcessedZone processed;

        Case(Map<String, Tamper> damage) {
            extractor = new IngestionFixture(source.dataSource(), bed.s3(), bed.createBucket("bad-ingestion"));
            processed = new ProcessedZone(bed.s3(), bed.createBucket("bad-processed"));
            extractor.extract(damage);
        }

        TransformerService service() {
            return service(bed.s3());
        }

        TransformerService service(S3Client s3) {
            return new TransformerService(s3, TransformerSettings.forBuckets(extractor.bucket().name(),
                    processed.bucket.name()));
        }

        AbstractThrowableAssert<?, ? extends Throwable> assertFailure() {
            return assertFailure(service());
        }

        String uri(String table) {
            return extractor.bucket().uri(IngestionFixture.csvKey(table, 1));
        }

        AbstractThrowableAssert<?, ? extends Throwable> assertFailure(TransformerService service) {
            var failure = assertThatThrownBy(() -> service.transformPending(OptionalLong.empty()))
                    .isInstanceOf(BadInputException.class);
            assertThat(processed.committed(1)).as("processed manifest published").isFalse();
            assertThat(processed.keys("")).as("objects in the processed bucket").isEmpty();
            assertThat(bed.s3().listMultipartUploads(b -> b.bucket(processed.bucket.name())).uploads())
                    .as("uploads left pending").isEmpty();
            return failure;
        }

        void assertRepairedRetrySucceeds() {
            extractor.repair(1);
            assertThat(service().transformPending(OptionalLong.empty())).extracting(BatchReport::outcome)
                    .containsExactly(BatchReport.Outcome.TRANSFORMED);
            ProcessedManifest repaired = processed.manifest(1);
            assertThat(repaired.tables()).isEqualTo(clean.tables());
            assertThat(repaired.stateFiles()).isEqualTo(clean.stateFiles());
        }
    }

    /** Rewrites line {@code number} (1 = the header) of CRLF-separated CSV text. */
    private static UnaryOperator<String> line(int number, UnaryOperator<String> change) {
        return csv -> {
            String[] lines = csv.split("\r\n", -1);
            lines[number - 1] = change.apply(lines[number - 1]);
            return String.join("\r\n", lines);
        };
    }

    /** Replaces a column's field in a line whose fields hold no commas (ids, amounts, dates, codes). */
    private static UnaryOperator<String> field(SourceTable table, String column, String replacement) {
        return line -> {
            String[] fields = line.split(",", -1);
            fields[table.columnIndex(column)] = replacement;
            return String.join(",", fields);
        };
    }

    @Test
    void aHeaderThatLacksARequiredCatalogueColumnNamesObjectLineAndColumn() {
        Case batch = new Case(Map.of("staff", Tamper.content(line(1,
                header -> header.replace("\"first_name\"", "\"given_name\"")))));
        batch.assertFailure().hasMessageStartingWith(batch.uri("staff") + " line 1: table staff has columns"
                + " [staff_id, given_name, last_name,").hasMessageContaining("which lack first_name, a NOT NULL column");
        batch.assertRepairedRetrySucceeds();
    }

    @Test
    void aRowWithAFieldMissingNamesObjectAndLine() {
        Case batch = new Case(Map.of("sales_order", Tamper.content(line(3,
                row -> row.substring(0, row.lastIndexOf(','))))));
        int fields = SALES_ORDER.columns().size();
        batch.assertFailure().hasMessage(batch.uri("sales_order") + " line 3: expected " + fields + " fields, found "
                + (fields - 1));
        batch.assertRepairedRetrySucceeds();
    }

    @Test
    void brokenQuotingNamesObjectAndLine() {
        Case batch = new Case(Map.of("design",
                Tamper.content(line(2, row -> row.replaceFirst("\",\"", "\"x\",\"")))));
        batch.assertFailure().hasMessageStartingWith(batch.uri("design") + " is not valid CSV")
                .hasMessageContaining("line");
        batch.assertRepairedRetrySucceeds();
    }

    @Test
    void aBrokenLineAtTheEndOfTheLastTableReadPublishesNothingOfWhatWasWrittenBeforeIt() {
        int[] lastLine = {0};
        Case batch = new Case(Map.of("payment", Tamper.content(csv -> {
            lastLine[0] = csv.split("\r\n").length;
            return line(lastLine[0], row -> row + ",\"one too many\"").apply(csv);
        })));
        int fields = PAYMENT.columns().size();
        batch.assertFailure().hasMessage(batch.uri("payment") + " line " + lastLine[0] + ": expected " + fields
                + " fields, found " + (fields + 1));
        batch.assertRepairedRetrySucceeds();
    }

    @Test
    void aManifestNamingAMissingObjectNamesManifestAndObject() {
        Case batch = new Case(Map.of("counterparty", Tamper.missing()));
        batch.assertFailure().hasMessage(batch.extractor.bucket().uri(BucketLayout.ingestionManifestKey(1))
                + " names " + batch.uri("counterparty") + ", which does not exist");
        batch.assertRepairedRetrySucceeds();
    }

    @Test
    void bytesChangedBetweenS3AndTheReaderFailTheStoredCrcNamingTheObjectAndARetryReadsThemAgain() {
        Case batch = new Case(Map.of());
        CorruptingHttpClient flipping = new CorruptingHttpClient(IngestionFixture.csvKey("currency", 1), 40);
        S3Client corrupting = bed.s3ClientBuilder().httpClientBuilder(flipping.asBuilder()).build();

        batch.assertFailure(batch.service(corrupting)).hasMessageStartingWith(batch.uri("currency")
                + " does not match the crc32c ");
        assertThat(flipping.corrupted()).as("responses changed").isPositive();
        batch.assertRepairedRetrySucceeds();
    }

    @Test
    void anObjectReplacedAfterTheCommitFailsItsChecksum() {
        Case batch = new Case(Map.of("currency", Tamper.replacedAfterCommit(csv -> csv.replace("\"GBP\"",
                "\"GBX\""))));
        batch.assertFailure().hasMessageStartingWith(batch.uri("currency") + " is not the object "
                + batch.extractor.bucket().uri(BucketLayout.ingestionManifestKey(1)) + " committed")
                .hasMessageContaining("(replaced)");
        batch.assertRepairedRetrySucceeds();
    }
}
