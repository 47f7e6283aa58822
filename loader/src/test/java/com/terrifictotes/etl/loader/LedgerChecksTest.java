package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.s3.Sha256;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.faults.CorruptingHttpClient;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ledger against the processed zone: a re-published manifest, buckets that restarted, a dropped ledger, and a
 * batch an operator quarantined at the load stage. Each either stops the loader with one message naming both sides
 * and the way forward, or (the decision) lets the chain go on with nothing deleted.
 */
class LedgerChecksTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.shared();
    private final Database warehouse = BED.createEmptyDatabase();
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void aManifestRePublishedWithOtherContentStopsTheLoaderNamingBothChecksums() {
        String key = batches.write(1, history.first);
        loader().loadPending();
        String recorded = Sha256.hex(batches.read(key));
        byte[] other = ManifestJson.write(withCreatedAt(ManifestJson.readProcessed(key, batches.read(key)),
                Instant.parse("2030-01-01T00:00:00Z")));
        batches.replace(key, other);
        batches.write(2, history.second);

        assertThatThrownBy(() -> loader().loadPending())
                .isInstanceOf(LedgerConflictException.class)
                .hasMessageContaining("s3://" + batches.bucketName() + "/" + key + " has SHA-256 " + Sha256.hex(other))
                .hasMessageContaining("recorded " + recorded + " when it applied batch 1")
                .hasMessageContaining("re-published");
        assertThat(ledgerSequences()).containsExactly("1");
    }

    @Test
    void anAppliedManifestWhoseBytesChangeOnTheWayIsAStorageFaultNotARePublishedManifestAndTheRetryLoads() {
        String key = batches.write(1, history.first);
        loader().loadPending();
        batches.write(2, history.second);
        CorruptingHttpClient flipping = new CorruptingHttpClient(key, 30);
        S3Client corrupting = BED.s3ClientBuilder().httpClientBuilder(flipping.asBuilder()).build();

        assertThatThrownBy(() -> new WarehouseLoader(corrupting, batches.bucketName(), warehouse.dataSource())
                .loadPending())
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot read s3://" + batches.bucketName() + "/" + key + ": ")
                .hasMessageContaining("checksum");
        assertThat(flipping.corrupted()).as("responses changed").isPositive();
        assertThat(ledgerSequences()).containsExactly("1");

        loader().loadPending();

        assertThat(ledgerSequences()).containsExactly("1", "2");
    }

    @Test
    void bucketsThatRestartedAtSequenceOneWhileTheLedgerWaitsForMoreStopTheLoader() {
        batches.write(1, history.first);
        batches.write(2, history.second);
        loader().loadPending();
        ProcessedBatchWriter redeployed = new ProcessedBatchWriter(BED.s3(), BED.createBucket("redeployed"));
        redeployed.write(1, history.first);

        assertThatThrownBy(() -> new WarehouseLoader(BED.s3(), redeployed.bucketName(), warehouse.dataSource())
                .loadPending())
                .isInstanceOf(LedgerConflictException.class)
                .hasMessageContaining("is at batch 2, but s3://" + redeployed.bucketName() + "/"
                        + BucketLayout.processedManifestKey(2) + " does not exist")
                .hasMessageContaining("restart at sequence 1");
        assertThat(ledgerSequences()).containsExactly("1", "2");
    }

    @Test
    void aDroppedLoadLedgerIsRefusedLoudlyRatherThanEveryBatchReapplied() throws Exception {
        batches.write(1, history.first);
        loader().loadPending();
        try (Connection connection = warehouse.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE load_ledger");
        }
        batches.write(2, history.second);

        assertThatThrownBy(() -> loader().loadPending())
                .isInstanceOf(LedgerConflictException.class)
                .hasMessageContaining("has no load_ledger table although its migrations ran (it was dropped)")
                .hasMessageContaining("./pipeline replay");
    }

    @Test
    void aBatchQuarantinedAtTheLoadStageIsRecordedWithoutItsRowsAndTheNextOneLoads() {
        String first = batches.write(1, history.first);
        String corrupt = ManifestJson.readProcessed(first, batches.read(first)).table("fact_payment").orElseThrow()
                .files().get(0).key();
        batches.replace(corrupt, "not parquet".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> loader().loadPending()).hasMessageContaining(corrupt);
        OperatorDecision decision = OperatorDecision.quarantine(OperatorDecision.STAGE_LOAD, 1, "fact_payment part"
                + " corrupted, source re-delivers", "ops-test", Instant.parse("2026-12-01T10:00:00Z"));
        BED.s3().putObject(b -> b.bucket(batches.bucketName()).key(decision.key()),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(ManifestJson.write(decision)));
        batches.write(2, history.second);

        LoadReport report = loader().loadPending();

        assertThat(report.applied()).extracting(AppliedBatch::sequence).containsExactly(1L, 2L);
        assertThat(WarehouseContents.query(warehouse.dataSource(), "SELECT sequence, operator_decision IS NOT NULL,"
                + " quarantined_rows > 0 FROM load_ledger ORDER BY 1")).containsExactly(row("1", "t", "t"),
                row("2", "f", "f"));
        List<String> rejected = WarehouseContents.query(warehouse.dataSource(), "SELECT source_table, source_id,"
                + " stage, reason LIKE '%corrupted, source re-delivers%', value FROM etl_rejected_row"
                + " WHERE rejected_in_batch = 1 ORDER BY 1");
        assertThat(rejected).anySatisfy(line -> assertThat(line).startsWith(row("fact_payment", "*", "load", "t", ""))
                .contains(corrupt));
        assertThat(rejected).hasSize((int) ManifestJson.readProcessed(first, batches.read(first)).tables().stream()
                .filter(t -> t.rows() > 0).count());
        assertThat(batches.read(corrupt)).as("nothing deleted").isEqualTo("not parquet".getBytes(StandardCharsets.UTF_8));
        assertThat(WarehouseContents.query(warehouse.dataSource(), "SELECT count(*) FROM "
                + WarehouseCatalogue.FACT_PAYMENT.quotedName() + " WHERE etl_batch = 2")).doesNotContain("0");
    }

    private static ProcessedManifest withCreatedAt(ProcessedManifest m, Instant createdAt) {
        return new ProcessedManifest(m.formatVersion(), m.sequence(), m.sourceManifestKey(), m.schemaVersion(),
                createdAt, m.tables(), m.stateFiles(), m.quarantined(), m.quarantinedBy(),
                m.lakeFormat());
    }

    private static String row(String... cells) {
        return WarehouseFromSource.TableRows.textRow(cells);
    }

    private List<String> ledgerSequences() {
        return WarehouseContents.query(warehouse.dataSource(), "SELECT sequence FROM load_ledger ORDER BY 1");
    }

    private WarehouseLoader loader() {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), warehouse.dataSource());
    }
}
