package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.local.e2e.ToteSysFixture;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pipeline status} while an extraction chain has not caught up (issue #19): the newest batch stopped at its
 * row limit, so the status names each table it cut and where the next run reads on, and is not "caught up" although
 * every stage has handled every batch; once the chain catches up, it is.
 */
class UnfinishedChainStatusTest {
    private static final TestBed BED = TestBed.shared();

    @Test
    void statusNamesWhereAnUnfinishedChainStoppedAndIsCaughtUpOnlyOnceTheChainIs() throws Exception {
        String ingestion = BED.createBucket("ingestion");
        String processed = BED.createBucket("processed");
        Database warehouse = BED.createEmptyDatabase();
        LocalPipeline pipeline = new LocalPipeline(new PipelineServices(BED.s3(), BED.s3Region(), ingestion, processed,
                ToteSysFixture.copy(ToteSysFixture.Size.SMALL), warehouse.dataSource()),
                ExtractionSettings.forBucket(ingestion).withMaxBatchRows(500), Clock.systemUTC());
        PipelineStatus status = new PipelineStatus(BED.s3(), ingestion, processed, warehouse.dataSource(),
                Clock.systemUTC());

        assertThat(pipeline.boundedTo(1).runCycle().caughtUp()).isFalse();
        StatusReport unfinished = status.read(false, Duration.ofHours(1));

        List<TableExtract> cut = manifest(ingestion, 1).tables().stream().filter(TableExtract::isCut).toList();
        assertThat(cut).isNotEmpty();
        assertThat(unfinished.unfinishedChain().batch()).isEqualTo(1);
        assertThat(unfinished.unfinishedChain().cuts()).extracting(StatusReport.Cut::table)
                .containsExactlyElementsOf(cut.stream().map(TableExtract::table).toList());
        TableExtract first = cut.get(0);
        assertThat(unfinished.unfinishedChain().cuts().get(0)).isEqualTo(new StatusReport.Cut(first.table(),
                first.continueAfter().lastUpdated() == null ? null : first.continueAfter().lastUpdated().toString(),
                first.continueAfter().id()));
        assertThat(unfinished.warehouseSequence()).as("the batch went through").isEqualTo(1);
        assertThat(unfinished.healthy()).isTrue();
        assertThat(unfinished.caughtUp()).as("the source holds more than the warehouse").isFalse();
        assertThat(unfinished.exitCode()).isEqualTo(StatusReport.BEHIND);
        assertThat(unfinished.text()).anySatisfy(line -> assertThat(line)
                .startsWith("extraction chain unfinished: batch 1 (extracted ")
                .contains("stopped at its row limit; the next run reads on: " + first.table()));
        JsonNode json = new ObjectMapper().readTree(unfinished.json());
        assertThat(json.at("/unfinished_chain/cuts/0/table").asText()).isEqualTo(first.table());

        assertThat(pipeline.boundedTo(1).runCycle().caughtUp()).isFalse();
        StatusReport backfilling = status.read(false, Duration.ofHours(1));

        // the second batch read the fresh windows first; what the first left of the old windows is backfill ranges
        List<TableExtract> ranges = manifest(ingestion, 2).tables().stream().filter(t -> t.backfill() != null)
                .toList();
        assertThat(ranges).isNotEmpty();
        assertThat(backfilling.unfinishedChain().batch()).isEqualTo(2);
        assertThat(backfilling.unfinishedChain().backfills()).extracting(StatusReport.BackfillRange::table)
                .containsExactlyElementsOf(ranges.stream().map(TableExtract::table).toList());
        assertThat(backfilling.unfinishedChain().backfills().get(0).below())
                .isEqualTo(ranges.get(0).backfill().below().toString());
        assertThat(backfilling.text()).anySatisfy(line -> assertThat(line)
                .startsWith("extraction chain unfinished: batch 2 (extracted ")
                .contains("backfill ranges left (read after the fresh windows): " + ranges.get(0).table()));
        JsonNode backfillJson = new ObjectMapper().readTree(backfilling.json());
        assertThat(backfillJson.at("/unfinished_chain/backfills/0/table").asText()).isEqualTo(ranges.get(0).table());

        assertThat(pipeline.boundedTo(LocalPipeline.DEFAULT_MAX_CHAIN_RUNS).runCycle().caughtUp()).isTrue();
        StatusReport done = status.read(false, Duration.ofHours(1));

        assertThat(done.unfinishedChain()).isNull();
        assertThat(done.caughtUp()).isTrue();
        assertThat(done.exitCode()).isEqualTo(StatusReport.CAUGHT_UP);
        assertThat(done.text()).noneMatch(line -> line.startsWith("extraction chain unfinished"));
    }

    private static IngestionManifest manifest(String bucket, long sequence) {
        WriteOnceBucket ingestion = new WriteOnceBucket(BED.s3(), bucket);
        String key = BucketLayout.ingestionManifestKey(sequence);
        return ManifestJson.readIngestion(ingestion.uri(key), ingestion.readAllBytes(key));
    }
}
