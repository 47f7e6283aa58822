package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.db.DatabaseSecret;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Every failure: one clear message, no manifest, and the next run delivers the same rows completely. */
class FailureAndRetryTest {
    @Test
    void anS3FailureInTheMiddleOfATablePublishesNothingAndTheRetryLosesAndDuplicatesNoRow() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 11);
        ExtractionSettings smallParts = bed.settings().withPartRows(2_000); // sales_order: 11,187 rows, 6 parts
        AtomicInteger salesOrderParts = new AtomicInteger();
        InterceptingS3Client failing = new InterceptingS3Client(bed.s3, (operation, key) -> {
            if (key.startsWith("data/sales_order/") && salesOrderParts.incrementAndGet() == 3) {
                throw SdkClientException.create("connection reset by peer (injected)");
            }
        });

        assertThatThrownBy(() -> bed.service(failing, smallParts).run())
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot write s3://" + bed.bucket + "/data/sales_order/")
                .hasMessageContaining("part-00003.csv")
                .hasMessageContaining("connection reset by peer");
        List<String> leftBehind = bed.keys();
        assertThat(leftBehind).noneMatch(key -> key.startsWith("manifests/"))
                .anyMatch(key -> key.startsWith("data/sales_order/"));

        ExtractionResult retry = bed.service(smallParts).run();

        assertThat(retry.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(retry.sequence()).isEqualTo(1);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(bed.deliveredRows(table.name()).stream()
                    .sorted(Comparator.comparingInt(row -> Integer.parseInt(row.get(table.primaryKey())))).toList())
                    .as(table.name()).isEqualTo(bed.sourceRows(table.name()));
        }
        List<String> referenced = bed.manifest(1).tables().stream()
                .flatMap(t -> t.files().stream()).map(DataFile::key).toList();
        assertThat(referenced).doesNotContainAnyElementsOf(leftBehind);
    }

    @Test
    void aWrongPasswordFailsNamingTheDatabaseButNeverThePassword() {
        ExtractionBed bed = ExtractionBed.create();
        DatabaseSecret real = bed.database.secret();
        String wrongPassword = "Wr0ng-" + real.password();
        DataSource wrong = PostgresDataSources.create(new DatabaseSecret(real.host(), real.port(), real.dbname(),
                real.username(), wrongPassword), "test", "disable", null);

        assertThatThrownBy(() -> service(bed, wrong).run())
                .isInstanceOf(SourceDatabaseException.class)
                .hasMessageStartingWith("cannot connect to source database " + real.host() + ":" + real.port() + "/"
                        + real.dbname() + " as user " + real.username())
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(fullText(e)).doesNotContain(wrongPassword).doesNotContain(real.password()));
        assertThat(bed.keys()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseFailsNamingHostAndPort() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DataSource unreachable = PostgresDataSources.create(new DatabaseSecret("127.0.0.1", closedPort, "totesys",
                "totes", "irrelevant"), "test", "disable", null);

        assertThatThrownBy(() -> service(bed, unreachable).run())
                .isInstanceOf(SourceDatabaseException.class)
                .hasMessageStartingWith("cannot connect to source database 127.0.0.1:" + closedPort + "/totesys")
                .hasMessageContaining("refused");
        assertThat(bed.keys()).isEmpty();
    }

    @Test
    void aMissingBucketFailsNamingItBeforeTheDatabaseIsRead() {
        ExtractionBed bed = ExtractionBed.create();
        ExtractionSettings noSuchBucket = ExtractionSettings.forBucket(bed.bucket + "-missing");

        assertThatThrownBy(() -> bed.service(noSuchBucket).run())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://" + bed.bucket + "-missing/")
                .hasMessageContaining("does not exist");
    }

    @Test
    void theRetryAfterAFailedRunReadsTheSameWindowAgain() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 11);
        bed.run();
        bed.execute("UPDATE staff SET last_updated = ? WHERE staff_id = 1", bed.utcNow());
        InterceptingS3Client manifestFails = new InterceptingS3Client(bed.s3, (operation, key) -> {
            if (key.startsWith("manifests/")) {
                throw SdkClientException.create("service unavailable (injected)");
            }
        });

        assertThatThrownBy(() -> bed.service(manifestFails, bed.settings()).run())
                .isInstanceOf(StorageException.class).hasMessageContaining("manifests/ingestion-000000000002.json");
        ExtractionResult retry = bed.run();

        assertThat(retry.sequence()).isEqualTo(2);
        assertThat(retry.rows()).containsEntry("staff", 1L);
        assertThat(bed.manifest(2).table("staff").orElseThrow().windowLo())
                .isEqualTo(bed.manifest(1).table("staff").orElseThrow().windowHi()
                        .minus(ExtractionSettings.DEFAULT_OVERLAP));
        assertThat(bed.deliveredVersions("staff").values()).containsOnly(1);
        assertThat(bed.deliveredVersions("staff")).hasSize(bed.sourceVersions("staff").size() + 1);
    }

    @Test
    void aManifestWriteThatFailsAfterTheManifestLandedIsRecognisedAsThisRunsCommit() {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 11);
        FaultyS3 answerLost = FaultyS3.on(TestBed.shared())
                .failAfter(1, S3Call.creates(bed.bucket, "manifests/"), Failure.ERROR);

        ExtractionResult result = bed.service(answerLost.client(), bed.settings()).run();

        assertThat(answerLost.allFired()).as("the manifest PUT failed for the writer").isTrue();
        assertThat(result.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(result.sequence()).isEqualTo(1);
        assertThat(bed.manifest(1).tables()).allSatisfy(t -> assertThat(t.rows()).isPositive());
        assertThat(bed.run().outcome()).as("the next run").isEqualTo(Outcome.NOTHING_NEW);
    }

    private static ExtractionService service(ExtractionBed bed, DataSource source) {
        return new ExtractionService(bed.s3, source, bed.settings(), Clock.systemUTC(), RunMetrics.discarding());
    }

    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
