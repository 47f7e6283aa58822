package com.terrifictotes.etl.loader;

import static com.terrifictotes.etl.testbed.lambda.LambdaEvents.catchUp;
import static com.terrifictotes.etl.testbed.lambda.LambdaEvents.objectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event delivery as S3 really does it: at least once, in any order, sometimes not at all. */
class LoaderHandlerTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.sampled();

    @Test
    void aManifestDeliveredTwiceIsAppliedOnceAndLeavesTheSameWarehouseAsOneDelivery() {
        Delivery once = new Delivery();
        once.handle(objectCreated(once.bucket(), once.batches.write(1, history.first)));
        once.handle(objectCreated(once.bucket(), once.batches.write(2, history.second)));

        Delivery twice = new Delivery();
        S3Event first = objectCreated(twice.bucket(), twice.batches.write(1, history.first));
        twice.handle(first);
        String repeat = twice.handle(first);
        S3Event second = objectCreated(twice.bucket(), twice.batches.write(2, history.second));
        twice.handle(second);
        twice.handle(second);

        assertThat(repeat).startsWith("applied no manifest");
        assertThat(twice.contents()).isEqualTo(once.contents());
        assertThat(twice.contents().ledger()).hasSize(2);
        WarehouseLoaderTest.assertTablesEqual(twice.contents(), WarehouseContents.expected(history.both()));
    }

    @Test
    void eventsInReverseOrderWaitAtTheGapThenConvergeOnTheInOrderWarehouse() {
        Delivery inOrder = new Delivery();
        inOrder.handle(objectCreated(inOrder.bucket(), inOrder.batches.write(1, history.first)));
        inOrder.handle(objectCreated(inOrder.bucket(), inOrder.batches.write(2, history.second)));

        Delivery reversed = new Delivery();
        String early = reversed.handle(objectCreated(reversed.bucket(), reversed.batches.write(2, history.second)));
        WarehouseContents atTheGap = reversed.contents();
        String late = reversed.handle(objectCreated(reversed.bucket(), reversed.batches.write(1, history.first)));

        assertThat(early).isEqualTo("applied no manifest; waiting for manifests/processed-000000000001.json"
                + " before manifests/processed-000000000002.json");
        assertThat(atTheGap.ledger()).isEmpty();
        assertThat(atTheGap.tables().values()).allMatch(List::isEmpty);
        assertThat(late).startsWith("applied 2 manifest(s), sequences 1..2");
        assertThat(reversed.contents()).isEqualTo(inOrder.contents());
    }

    @Test
    void theDailyCatchUpAppliesManifestsWhoseEventsWereLost() {
        Delivery delivery = new Delivery();
        delivery.batches.write(1, history.first);
        delivery.batches.write(2, history.second);

        String summary = delivery.handle(catchUp());

        assertThat(summary).isEqualTo("applied 2 manifest(s), sequences 1..2; warehouse up to date at sequence 2;"
                + " warehouse verified: consistent (2 batch(es), 2 replayed)");
        WarehouseLoaderTest.assertTablesEqual(delivery.contents(), WarehouseContents.expected(history.both()));
    }

    @Test
    void publishesRowCountsPerTableAsEmbeddedMetrics() {
        Delivery delivery = new Delivery();
        delivery.batches.write(1, history.first);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            delivery.handle(catchUp());
        } finally {
            System.setOut(stdout);
        }

        String staffMetrics = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"_aws\"") && line.contains("\"Table\":\"dim_staff\""))
                .findFirst().orElseThrow(() -> new AssertionError("no EMF line for dim_staff in:\n" + captured));
        int staff = history.first.rows(WarehouseCatalogue.DIM_STAFF).texts().size();
        assertThat(staffMetrics).contains("\"Namespace\":\"TotesEtl\"").contains("\"RowsInserted\":" + staff + ".0")
                .contains("\"RowsUpdated\":0.0").contains("\"RowsSkipped\":0.0").contains("\"RowsInferred\":0.0")
                .contains("\"DurationMs\"");
        String batchMetrics = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"_aws\"") && line.contains("\"QuarantinedRows\""))
                .findFirst().orElseThrow(() -> new AssertionError("no EMF line for the batch in:\n" + captured));
        assertThat(batchMetrics).as("one value per batch, the service its only dimension, for one alarm each")
                .contains("\"QuarantinedRows\":0.0", "\"InferredDimensionRows\":0.0", "\"Service\":\"loader\"")
                .doesNotContain("\"Table\"");
    }

    /** One bucket, one warehouse, one handler: one deployment. */
    private static final class Delivery {
        final Database warehouse = BED.createEmptyDatabase(); // the loader migrates it
        final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));
        final LoaderHandler handler = new LoaderHandler(BED.s3(), batches.bucketName(), warehouse.dataSource());

        String bucket() {
            return batches.bucketName();
        }

        String handle(S3Event event) {
            return handler.handleRequest(event, InvocationContext.of("totes-etl-loader")).summary();
        }

        WarehouseContents contents() {
            return WarehouseContents.of(warehouse.dataSource());
        }
    }
}
