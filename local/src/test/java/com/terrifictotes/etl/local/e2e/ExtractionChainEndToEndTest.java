package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertTablesEqual;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.local.CycleReport;
import com.terrifictotes.etl.local.LocalPipeline;
import com.terrifictotes.etl.local.PipelineServices;
import com.terrifictotes.etl.local.StageRun;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows;
import java.time.Clock;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue #19's "done when", through the local runner: one cycle with {@code EXTRACT_MAX_BATCH_ROWS=5000} publishes an
 * SF1 first load as a chain of at least ten batches, each transformed and loaded as it comes, and the warehouse equals
 * what the oracle computes from the source with plain SQL; a day of changes afterwards loads as usual. And a chain
 * that cannot catch up, because the source changes faster than it reads, stops at its bound and says so.
 */
class ExtractionChainEndToEndTest {
    private static final long BATCH_ROWS = 5_000;

    private final PipelineBed bed = EmbeddedBed.INSTANCE;

    @Test
    void oneRunPublishesAnSf1FirstLoadAsAChainOfAtLeastTenBatchesAndTheWarehouseEqualsTheOracle() {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SCALE_FACTOR_ONE);
        Chain chain = new Chain(bed, toteSys, BATCH_ROWS);

        CycleReport first = chain.pipeline.runCycle();
        SourceSnapshot atFirst = WarehouseFromSource.snapshot(toteSys);

        assertThat(first.caughtUp()).isTrue();
        List<IngestionManifest> batches = chain.manifests();
        assertThat(batches).as("batches of the first load").hasSizeGreaterThanOrEqualTo(10);
        // a run that stopped exactly at the window's end is followed by one that finds nothing new
        assertThat(first.extractorRuns()).isBetween((long) batches.size(), batches.size() + 1L);
        assertThat(first.invocations(StageRun.Stage.TRANSFORM)).isEqualTo(batches.size());
        assertThat(first.invocations(StageRun.Stage.LOAD)).isEqualTo(batches.size());
        // MAX_ROWS_PER_INVOCATION is the extractor's batch limit: each batch is one invocation of each stage
        for (StageRun.Stage stage : List.of(StageRun.Stage.TRANSFORM, StageRun.Stage.LOAD)) {
            assertThat(first.runs()).filteredOn(run -> run.stage() == stage).as(stage + " invocations")
                    .extracting(StageRun::committed).containsExactlyElementsOf(oneEach(batches.size()));
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch.tables().stream().mapToLong(TableExtract::rows)
                .sum()).as("rows of batch %d", batch.sequence()).isLessThanOrEqualTo(BATCH_ROWS));
        assertThat(batches.stream().flatMap(b -> b.tables().stream()).mapToLong(TableExtract::rows).sum())
                .as("every source row once").isEqualTo(WarehouseFromSource.sourceRows(toteSys));
        assertTablesEqual(chain.contents(), WarehouseContents.expected(List.of(atFirst)));
        assertLedgerHolds(chain.contents(), batches.size());

        ToteSysFixture.dayOfChanges(toteSys);
        CycleReport second = chain.pipeline.runCycle();
        SourceSnapshot atSecond = WarehouseFromSource.snapshot(toteSys);

        assertThat(second.caughtUp()).isTrue();
        assertTablesEqual(chain.contents(), WarehouseContents.expected(List.of(atFirst, atSecond)));
        assertLedgerHolds(chain.contents(), chain.manifests().size());
    }

    @Test
    void aChainThatCannotCatchUpBecauseTheSourceChangesFasterStopsAtItsBoundAndTheNextRunGoesOn() {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        // two batches would hold the source as it is; after each run every row is stamped anew
        Chain chain = new Chain(bed, toteSys, WarehouseFromSource.sourceRows(toteSys) / 2 + 1);
        chain.pipeline.boundedTo(4);

        CycleReport bounded = chain.pipeline.runCycle(new LocalPipeline.Progress() {
            @Override
            public StageRun finished(StageRun run) {
                if (run.stage() == StageRun.Stage.EXTRACT) {
                    ToteSysCatalogue.TABLES.forEach(table -> ToteSysFixture.update(toteSys,
                            "UPDATE " + table.quotedName() + " SET last_updated = ?"));
                }
                return run;
            }
        });

        assertThat(bounded.caughtUp()).as("stopped at the bound, not caught up").isFalse();
        assertThat(bounded.extractorRuns()).isEqualTo(4);
        assertThat(bounded.runs().get(3).response()).endsWith("stopped at its row limit: more to read");
        assertThat(chain.manifests()).hasSize(4);
        assertLedgerHolds(chain.contents(), 4);

        CycleReport next = chain.pipeline.runCycle();
        SourceSnapshot now = WarehouseFromSource.snapshot(toteSys);

        assertThat(next.caughtUp()).isTrue();
        assertThat(next.runs().get(0).response()).startsWith("PUBLISHED sequence 5");
        assertLedgerHolds(chain.contents(), chain.manifests().size());
        // facts keep versions no snapshot saw (stamped between runs), but every dimension row is the source's now
        WarehouseContents contents = chain.contents();
        WarehouseContents.expected(List.of(now)).forEach((table, rows) -> {
            if (table.startsWith("dim_")) {
                assertThat(contents.tables().get(table)).as(table).isEqualTo(rows);
            }
        });
    }

    @Test
    void aBacklogOfChainBatchesWhoseEventsWereLostIsWorkedOffByTheCatchUpOneBoundedInvocationPerBatch() {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SMALL);
        Chain chain = new Chain(bed, toteSys, WarehouseFromSource.sourceRows(toteSys) / 4 + 1);
        StageRun extraction;
        do {
            extraction = chain.pipeline.extract();
        } while (extraction.response().endsWith("more to read"));
        SourceSnapshot extracted = WarehouseFromSource.snapshot(toteSys);
        int batches = chain.manifests().size();
        assertThat(batches).as("batches of the first load").isGreaterThanOrEqualTo(4);
        assertThat(chain.pipeline.pendingIngestionEvents()).as("their events, lost").hasSize(batches);

        List<StageRun> catchUp = chain.pipeline.catchUp();

        for (StageRun.Stage stage : List.of(StageRun.Stage.TRANSFORM, StageRun.Stage.LOAD)) {
            List<StageRun> invocations = catchUp.stream().filter(run -> run.stage() == stage).toList();
            assertThat(invocations).as(stage + " invocations, one bounded invocation per batch")
                    .extracting(StageRun::committed).containsExactlyElementsOf(oneEach(batches));
            assertThat(invocations.subList(0, batches - 1)).as(stage + ": not caught up until the last")
                    .noneMatch(StageRun::caughtUp);
            assertThat(invocations.get(batches - 1).caughtUp()).isTrue();
        }
        assertThat(catchUp.get(catchUp.size() - 1).response()).as("verified once, by the loader that caught up")
                .contains("warehouse verified: consistent");
        assertThat(catchUp).filteredOn(run -> run.response().contains("verified")).hasSize(1);
        assertTablesEqual(chain.contents(), WarehouseContents.expected(List.of(extracted)));
        assertLedgerHolds(chain.contents(), batches);
    }

    private static List<List<Long>> oneEach(long batches) {
        return LongStream.rangeClosed(1, batches).mapToObj(List::of).toList();
    }

    /** A deployment whose extractor cuts windows into batches of at most {@code batchRows} rows. */
    private static final class Chain {
        final LocalPipeline pipeline;
        final PipelineServices services;

        Chain(PipelineBed bed, DataSource toteSys, long batchRows) {
            String ingestion = bed.createBucket("ingestion");
            services = new PipelineServices(bed.s3(), bed.region(), ingestion, bed.createBucket("processed"),
                    toteSys, bed.createWarehouse());
            pipeline = new LocalPipeline(services, ExtractionSettings.forBucket(ingestion).withMaxBatchRows(batchRows),
                    Clock.systemUTC());
        }

        List<IngestionManifest> manifests() {
            WriteOnceBucket bucket = new WriteOnceBucket(services.s3(), services.ingestionBucket());
            return bucket.listKeys(BucketLayout.MANIFEST_PREFIX).stream()
                    .map(key -> ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key))).toList();
        }

        WarehouseContents contents() {
            return WarehouseContents.of(services.warehouse());
        }
    }

    private static void assertLedgerHolds(WarehouseContents contents, long batches) {
        assertThat(contents.ledger()).as("load ledger sequences").extracting(TableRows::key)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, batches).mapToObj(Long::toString).toList());
    }
}
