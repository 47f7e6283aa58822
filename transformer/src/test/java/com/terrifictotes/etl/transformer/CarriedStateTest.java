package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.DayOfChanges;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What one batch carries over from the batches before it, which is what makes a chain of bounded batches (issue #19)
 * hold the transformer's memory to the batch: the join state of the four small tables (department, address, staff,
 * counterparty) and the open rejections, never the rows of earlier batches. The version bookkeeping that grows with
 * a batch ({@link DistinctVersions}, {@link LatestVersions}) starts empty in every batch but for the versions the
 * previous extraction re-read in its overlap (its manifest's recentVersions).
 */
class CarriedStateTest {
    private final TestBed bed = TestBed.shared();

    @Test
    void aBatchReadsBackOnlyTheJoinStateOfEarlierBatchesNeverTheirRows() {
        SecondBatch batch = transformASecondBatch();
        FaultyS3 recorded = batch.recorded();
        ProcessedZone processed = batch.processed();
        IngestionFixture extractor = batch.extractor();
        long second = batch.sequence();

        Set<String> carried = JoinState.TABLES.stream().map(SourceTable::name).collect(Collectors.toSet());
        carried.add(OpenRejections.STATE_NAME);
        ProcessedManifest first = manifest(processed, 1);
        Set<String> firstState = keys(first.stateFiles());
        assertThat(first.stateFiles()).extracting(TableOutput::table).isSubsetOf(carried);
        assertThat(manifest(processed, second).stateFiles()).extracting(TableOutput::table).isSubsetOf(carried);
        assertThat(keys(first.tables())).as("batch 1 wrote its warehouse tables").isNotEmpty();

        List<S3Call> reads = recorded.calls().stream().filter(c -> c.operation().equals("GetObject")).toList();
        assertThat(reads).filteredOn(c -> c.bucket().equals(processed.bucket.name()))
                .as("objects of the processed zone batch 2 read").isNotEmpty()
                .allSatisfy(c -> assertThat(c.key()).satisfiesAnyOf(
                        key -> assertThat(key).startsWith(BucketLayout.MANIFEST_PREFIX),
                        key -> assertThat(firstState).contains(key)));
        assertThat(reads).filteredOn(c -> c.bucket().equals(processed.bucket.name())
                        && c.key().startsWith(BucketLayout.STATE_PREFIX))
                .as("the join state read back").isNotEmpty();
        Set<String> secondCsv = new HashSet<>();
        ManifestJson.readIngestion("batch 2", extractor.bucket().readAllBytes(BucketLayout.ingestionManifestKey(
                second))).tables().forEach(t -> t.files().forEach(f -> secondCsv.add(f.key())));
        assertThat(reads).filteredOn(c -> c.bucket().equals(extractor.bucket().name()))
                .as("objects of the ingestion zone batch 2 read: manifests and its own CSV only")
                .allSatisfy(c -> assertThat(c.key()).satisfiesAnyOf(
                        key -> assertThat(key).startsWith(BucketLayout.MANIFEST_PREFIX),
                        key -> assertThat(secondCsv).contains(key)));
    }

    @Test
    void eachStateFileOfThePreviousBatchIsReadInOneGetWithNoHead() {
        SecondBatch batch = transformASecondBatch();

        Set<String> stateFiles = keys(manifest(batch.processed(), 1).stateFiles());
        List<S3Call> stateCalls = batch.recorded().calls().stream()
                .filter(c -> c.bucket().equals(batch.processed().bucket.name()) && stateFiles.contains(c.key()))
                .toList();
        assertThat(stateFiles).as("state files of batch 1").isNotEmpty();
        assertThat(stateCalls).as("S3 calls on batch 1's state files")
                .extracting(S3Call::key).containsExactlyInAnyOrderElementsOf(stateFiles);
        assertThat(stateCalls).extracting(S3Call::operation).containsOnly("GetObject");
    }

    /** Batch 1 transformed, a day of changes extracted as batch 2, and batch 2 transformed through a recorder. */
    private SecondBatch transformASecondBatch() {
        Database source = SmallToteSys.create(79L, 60);
        IngestionFixture extractor = new IngestionFixture(source.dataSource(), bed.s3(),
                bed.createBucket("carried-ingestion"));
        ProcessedZone processed = new ProcessedZone(bed.s3(), bed.createBucket("carried-processed"));
        TransformerSettings settings = TransformerSettings.forBuckets(extractor.bucket().name(),
                processed.bucket.name());
        extractor.extract();
        new TransformerService(bed.s3(), settings).transformPending(OptionalLong.empty());
        DayOfChanges.apply(source.dataSource(), 5L, LocalDateTime.now(ZoneOffset.UTC));
        long second = extractor.extract();
        FaultyS3 recorded = FaultyS3.on(bed);
        new TransformerService(recorded.client(), settings).transformPending(OptionalLong.empty());
        return new SecondBatch(extractor, processed, second, recorded);
    }

    private record SecondBatch(IngestionFixture extractor, ProcessedZone processed, long sequence,
                               FaultyS3 recorded) {
    }

    private static ProcessedManifest manifest(ProcessedZone processed, long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        return ManifestJson.readProcessed(processed.bucket.uri(key), processed.bucket.readAllBytes(key));
    }

    private static Set<String> keys(List<TableOutput> outputs) {
        return outputs.stream().flatMap(o -> o.files().stream()).map(DataFile::key).collect(Collectors.toSet());
    }
}
