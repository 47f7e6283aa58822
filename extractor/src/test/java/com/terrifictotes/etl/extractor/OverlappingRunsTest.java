package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A retry that starts while the previous invocation still runs: one manifest wins, the other run fails cleanly. */
class OverlappingRunsTest {
    @Test
    void twoOverlappingRunsPublishOneManifestAndTheOtherFailsClearly() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 5);
        CountDownLatch slowRunAtItsCommit = new CountDownLatch(1);
        CountDownLatch fastRunDone = new CountDownLatch(1);
        InterceptingS3Client holdsTheManifest = new InterceptingS3Client(bed.s3, (operation, key) -> {
            if (key.startsWith("manifests/")) {
                slowRunAtItsCommit.countDown();
                await(fastRunDone);
            }
        });

        CompletableFuture<ExtractionResult> slow = CompletableFuture.supplyAsync(
                () -> bed.service(holdsTheManifest, bed.settings()).run());
        assertThat(slowRunAtItsCommit.await(120, TimeUnit.SECONDS)).isTrue();
        ExtractionResult fast = bed.run();
        fastRunDone.countDown();

        assertThat(fast.outcome()).isEqualTo(Outcome.PUBLISHED);
        assertThat(fast.sequence()).isEqualTo(1);
        ExecutionException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                ExecutionException.class, () -> slow.get(120, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(ConcurrentRunException.class)
                .hasMessageStartingWith("another run published sequence 1 first (s3://" + bed.bucket
                        + "/manifests/ingestion-000000000001.json)");
        List<IngestionManifest> manifests = bed.manifests();
        assertThat(manifests).hasSize(1);
        List<String> loserFiles = bed.keys().stream().filter(key -> key.startsWith("data/"))
                .filter(key -> !referenced(manifests).contains(key)).toList();
        assertThat(loserFiles).isNotEmpty().noneMatch(key -> key.contains(manifests.get(0).runId()));
    }

    @Test
    void theRunAfterALostRaceDeliversEverythingOnce() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        ToteSysGenerator.seed(bed.database.dataSource(), 1, 5);
        CountDownLatch bothRead = new CountDownLatch(2);
        InterceptingS3Client startTogether = new InterceptingS3Client(bed.s3, (operation, key) -> {
            if (key.startsWith("manifests/")) {
                bothRead.countDown();
                await(bothRead);
            }
        });
        CompletableFuture<ExtractionResult> one = CompletableFuture.supplyAsync(
                () -> bed.service(startTogether, bed.settings()).run());
        CompletableFuture<ExtractionResult> two = CompletableFuture.supplyAsync(
                () -> bed.service(startTogether, bed.settings()).run());
        long failed = java.util.stream.Stream.of(one, two).filter(f -> {
            try {
                f.get(120, TimeUnit.SECONDS);
                return false;
            } catch (ExecutionException e) {
                return e.getCause() instanceof ConcurrentRunException;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).count();
        LocalDateTime now = bed.utcNow();
        bed.execute("UPDATE sales_order SET units_sold = units_sold + 1, last_updated = ? WHERE sales_order_id = 1",
                now);

        ExtractionResult next = bed.run();

        assertThat(failed).isEqualTo(1);
        assertThat(next.sequence()).isEqualTo(2);
        assertThat(next.rows()).containsEntry("sales_order", 1L);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Map<RowVersion, Integer> delivered = bed.deliveredVersions(table.name());
            assertThat(delivered.values()).as(table.name()).containsOnly(1);
            assertThat(bed.sourceVersions(table.name()).stream().filter(v -> !delivered.containsKey(v)))
                    .as("%s: source versions never delivered", table.name()).isEmpty();
        }
    }

    private static List<String> referenced(List<IngestionManifest> manifests) {
        return manifests.stream().flatMap(m -> m.tables().stream()).flatMap(t -> t.files().stream())
                .map(DataFile::key).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other run never arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
