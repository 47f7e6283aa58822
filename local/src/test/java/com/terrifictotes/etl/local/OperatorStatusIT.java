package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pipeline status} as an operator runs it: a JVM of its own against the embedded PostgreSQL and the S3
 * server, configured by the environment variables of {@code run}; the history it reads is made by the real handlers.
 */
class OperatorStatusIT {
    @TempDir
    Path home;

    @Test
    void statusBeforeAndAfterARunSaysWhatIsPendingAtEachStageThenCaughtUp() throws Exception {
        Lineage lineage = Lineage.fresh(home);
        JsonNode empty = lineage.status();
        assertThat(empty.get("healthy").asBoolean()).isTrue();
        assertThat(empty.get("caught_up").asBoolean()).isTrue();
        assertThat(empty.get("ingestion_sequence").asLong()).isZero();

        lineage.extract();
        CliProcess.Result extracted = lineage.run("status", "--json");
        assertThat(extracted.exitCode()).as(extracted.toString()).isEqualTo(3);
        JsonNode behind = lineage.status();
        assertThat(behind.get("ingestion_sequence").asLong()).isEqualTo(1);
        assertThat(behind.get("processed_sequence").asLong()).isZero();
        assertThat(behind.get("pending_transform").asLong()).isEqualTo(1);
        assertThat(behind.get("pending_load").asLong()).isZero();
        assertThat(behind.get("lag_batches").asLong()).isEqualTo(1);
        assertThat(behind.get("oldest_unapplied_batch").asLong()).isEqualTo(1);
        assertThat(behind.get("healthy").asBoolean()).as("pending, not stuck").isTrue();
        assertThat(behind.get("caught_up").asBoolean()).isFalse();

        lineage.transform();
        JsonNode transformed = lineage.status();
        assertThat(transformed.get("processed_sequence").asLong()).isEqualTo(1);
        assertThat(transformed.get("pending_transform").asLong()).isZero();
        assertThat(transformed.get("pending_load").asLong()).isEqualTo(1);

        lineage.load();
        CliProcess.Result done = lineage.run("status", "--json");
        assertThat(done.exitCode()).as(done.toString()).isZero();
        JsonNode caughtUp = lineage.status();
        assertThat(caughtUp.get("warehouse_sequence").asLong()).isEqualTo(1);
        assertThat(caughtUp.get("pending_load").asLong()).isZero();
        assertThat(caughtUp.get("quarantined_rows").asLong()).isZero();
        assertThat(caughtUp.get("inferred_rows").asLong()).isZero();
        assertThat(caughtUp.get("oldest_unapplied_age_seconds").asLong()).isZero();
        assertThat(caughtUp.get("newest_applied_age_seconds").asLong()).isBetween(0L, 600L);
        assertThat(caughtUp.get("oldest_state_snapshot").get("batch").asLong()).isEqualTo(1);
        assertThat(caughtUp.get("oldest_state_snapshot").get("object").asText())
                .startsWith("s3://" + lineage.processed + "/state/");
        assertThat(caughtUp.get("stuck")).isEmpty();
        assertThat(caughtUp.get("healthy").asBoolean()).isTrue();

        CliProcess.Result text = lineage.run("status");
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("load                  1  0 batch(es) to load")
                .contains("warehouse caught up with the extractor").contains("healthy, caught up");
    }

    @Test
    void statusNamesTheGapTheLoaderWaitsAtAndTheBatchTheTransformerRefusesToSkip() throws Exception {
        Lineage lineage = Lineage.fresh(home);
        lineage.cycle();
        for (int batch = 2; batch <= 3; batch++) {
            lineage.changes();
            lineage.extract();
            lineage.transform();
        }
        String lost = BucketLayout.processedManifestKey(2);
        Lineage.BED.s3().deleteObject(b -> b.bucket(lineage.processed).key(lost));

        CliProcess.Result status = lineage.run("status");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(3);
        assertThat(status.stdout()).contains("STUCK load at batch 2: the loader waits at a gap for s3://"
                + lineage.processed + "/" + lost + ", which does not exist, while batches 3..3 are present: the"
                + " transformer has not produced it yet")
                .contains("STUCK transform at batch 2: ingestion batch 2 is not transformed but batch 3 is")
                .contains("NOT HEALTHY");
    }

    @Test
    void bucketsRecreatedByARedeployAreNamedWhileTheLedgerWaitsForTheNextBatch() throws Exception {
        Lineage old = Lineage.fresh(home);
        old.cycle();
        old.changes();
        old.cycle();
        Lineage redeployed = old.withBuckets(Lineage.BED.createBucket("ingestion-new"),
                Lineage.BED.createBucket("processed-new"), home);
        redeployed.extract();
        redeployed.transform();

        CliProcess.Result status = redeployed.run("status", "--json");
        JsonNode json = redeployed.status();

        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(json.get("warehouse_sequence").asLong()).isEqualTo(2);
        assertThat(json.get("processed_sequence").asLong()).isEqualTo(1);
        assertThat(json.get("healthy").asBoolean()).isFalse();
        assertThat(json.get("stuck").get(0).get("stage").asText()).isEqualTo("load");
        assertThat(json.get("stuck").get(0).get("reason").asText()).startsWith("restarted buckets: the warehouse's"
                + " ledger is at batch 2 but s3://" + redeployed.processed + "/" + BucketLayout.processedManifestKey(2)
                + " does not exist (the processed zone's newest batch is 1, the ingestion zone's 1)");
        assertThat(json.get("stuck").get(0).get("repair").asText()).contains("./pipeline replay");
    }
}
