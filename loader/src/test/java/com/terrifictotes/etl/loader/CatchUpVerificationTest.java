package com.terrifictotes.etl.loader;

import static com.terrifictotes.etl.testbed.lambda.LambdaEvents.catchUp;
import static com.terrifictotes.etl.testbed.lambda.LambdaEvents.objectCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.loader.verify.CatchUpVerification;
import com.terrifictotes.etl.loader.verify.VerificationOutcome;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.lambda.StandardOutput;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The daily catch-up invocation verifies the warehouse after its load, as AWS runs it: the real handler on embedded
 * PostgreSQL and the S3 server, its log lines and EMF metrics read from what it prints.
 */
class CatchUpVerificationTest {
    private static final TestBed BED = TestBed.shared();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceHistory history = SourceHistory.sampled();

    @Test
    void aCatchUpOnAConsistentWarehouseEmitsNoDifferenceAndNoFailure() throws Exception {
        Deployment deployment = new Deployment(true);
        deployment.batches.write(1, history.first);
        deployment.batches.write(2, history.second);

        Invocation invocation = deployment.invoke(catchUp());

        assertThat(invocation.answer).isEqualTo("applied 2 manifest(s), sequences 1..2; warehouse up to date at"
                + " sequence 2; warehouse verified: consistent (2 batch(es), 2 replayed)");
        assertThat(invocation.metric("WarehouseDifferences")).isEqualTo(0.0);
        assertThat(invocation.metric("WarehouseVerificationFailed")).isEqualTo(0.0);
        assertThat(invocation.logged("WARN")).isEmpty();
        assertThat(invocation.logged("ERROR")).isEmpty();
    }

    @Test
    void aRowDeletedByHandIsNamedByKeyInAWarnLineAndCountedInTheMetric() throws Exception {
        Deployment deployment = new Deployment(true);
        deployment.batches.write(1, history.first);
        deployment.invoke(catchUp());
        String key = WarehouseContents.query(deployment.warehouse.dataSource(), "SELECT sales_order_id || '|' ||"
                + " last_updated_date || '|' || last_updated_time FROM fact_sales_order ORDER BY 1 LIMIT 1").get(0);
        String[] parts = key.split("\\|");
        deployment.execute("DELETE FROM fact_sales_order WHERE sales_order_id = " + parts[0]
                + " AND last_updated_date = '" + parts[1] + "' AND last_updated_time = '" + parts[2] + "'");

        Invocation invocation = deployment.invoke(catchUp());

        String difference = "fact_sales_order sales_order_id|last_updated_date|last_updated_time=" + key
                + ": missing (the applied batches imply it; the warehouse lacks it)";
        assertThat(invocation.answer).endsWith("; warehouse verified: 1 difference(s); run ./pipeline verify");
        assertThat(invocation.metric("WarehouseDifferences")).isEqualTo(1.0);
        assertThat(invocation.metric("WarehouseVerificationFailed")).isEqualTo(0.0);
        assertThat(invocation.logged("WARN")).extracting(line -> line.path("difference").asText())
                .containsExactly(difference, "");
        assertThat(invocation.logged("WARN").get(0).path("message").asText())
                .isEqualTo("warehouse difference: " + difference);
        assertThat(invocation.logged("WARN").get(1).path("message").asText()).startsWith("warehouse verification"
                + " found 1 difference(s): ./pipeline verify names them all");
        assertThat(invocation.logged("WARN").get(1).path("batches_replayed").asLong())
                .as("the replica was kept from the first catch-up").isZero();
    }

    @Test
    void aVerificationThatCannotRunLogsAnErrorAndEmitsAFailureWhileTheLoadStaysCommitted() throws Exception {
        Deployment deployment = new Deployment(true);
        deployment.batches.write(1, history.first);
        // a replica schema that holds something else: Flyway refuses to migrate a non-empty schema it does not know
        deployment.execute("CREATE SCHEMA totes_verify; CREATE TABLE totes_verify.someone_elses (x int)");

        Invocation invocation = deployment.invoke(catchUp());

        assertThat(invocation.answer).startsWith("applied 1 manifest(s), sequences 1..1; warehouse up to date at"
                + " sequence 1; warehouse verification failed: cannot migrate the warehouse");
        assertThat(WarehouseContents.of(deployment.warehouse.dataSource()).ledger()).hasSize(1);
        assertThat(invocation.metric("WarehouseVerificationFailed")).isEqualTo(1.0);
        assertThat(invocation.metric("WarehouseDifferences")).as("nothing was compared").isNull();
        assertThat(invocation.logged("ERROR")).singleElement().satisfies(line -> {
            assertThat(line.path("message").asText()).startsWith("warehouse verification could not run (the load"
                    + " itself committed): cannot migrate the warehouse").contains("WarehouseVerificationFailed");
            assertThat(line.path("replica_schema").asText()).isEqualTo("totes_verify");
            assertThat(line.toString()).doesNotContain(deployment.warehouse.password());
        });
    }

    @Test
    void anInvocationForANewManifestLoadsWithoutVerifying() throws Exception {
        Deployment deployment = new Deployment(true);

        Invocation invocation = deployment.invoke(objectCreated(deployment.batches.bucketName(),
                deployment.batches.write(1, history.first)));

        assertThat(invocation.answer).isEqualTo("applied 1 manifest(s), sequences 1..1; warehouse up to date at"
                + " sequence 1");
        assertThat(invocation.metric("WarehouseVerificationFailed")).isNull();
        assertThat(deployment.replicaExists()).isFalse();
    }

    @Test
    void theSwitchTurnsTheVerificationOff() throws Exception {
        Deployment deployment = new Deployment(false);
        deployment.batches.write(1, history.first);

        Invocation invocation = deployment.invoke(catchUp());

        assertThat(invocation.answer).isEqualTo("applied 1 manifest(s), sequences 1..1; warehouse up to date at"
                + " sequence 1");
        assertThat(invocation.metric("WarehouseVerificationFailed")).isNull();
        assertThat(invocation.metric("WarehouseDifferences")).isNull();
        assertThat(deployment.replicaExists()).isFalse();
    }

    @Test
    void withLessTimeLeftThanTheComparisonIsGivenItDoesNotStart() {
        Deployment deployment = new Deployment(true);
        deployment.batches.write(1, history.first);
        new WarehouseLoader(BED.s3(), deployment.batches.bucketName(), deployment.warehouse.dataSource())
                .loadPending();

        VerificationOutcome outcome = new CatchUpVerification(BED.s3(), deployment.batches.bucketName())
                .run(deployment.warehouse.dataSource(), Duration.ofMinutes(4));

        assertThat(outcome.status()).isEqualTo(VerificationOutcome.Status.SKIPPED);
        assertThat(outcome.summary()).isEqualTo("warehouse verification skipped: the load left 240 s of the"
                + " invocation, less than the 300 s the comparison is given");
        assertThat(deployment.replicaExists()).isFalse();
    }

    /** One processed bucket, one warehouse, one handler. */
    private static final class Deployment {
        final Database warehouse = BED.createEmptyDatabase();
        final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));
        final LoaderHandler handler;

        Deployment(boolean verify) {
            handler = new LoaderHandler(BED.s3(), batches.bucketName(), warehouse.dataSource(), verify);
        }

        Invocation invoke(S3Event event) throws Exception {
            String[] answer = new String[1];
            List<String> printed = StandardOutput.capture(() -> answer[0] = handler.handleRequest(event,
                    InvocationContext.of("totes-etl-loader")).summary());
            return new Invocation(answer[0], printed);
        }

        void execute(String sql) throws Exception {
            try (Connection connection = warehouse.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        boolean replicaExists() {
            return !WarehouseContents.query(warehouse.dataSource(),
                    "SELECT 1 FROM pg_namespace WHERE nspname = 'totes_verify'").isEmpty();
        }
    }

    /** The handler's answer and the JSON lines it printed: log lines and EMF documents. */
    private record Invocation(String answer, List<String> printed) {
        /** The run-level EMF value of {@code name} (the service its only dimension), or null if not emitted. */
        Double metric(String name) throws Exception {
            Double value = null;
            for (JsonNode line : json()) {
                JsonNode dimensions = line.at("/_aws/CloudWatchMetrics/0/Dimensions");
                if (line.has(name) && dimensions.size() > 0) {
                    assertThat(dimensions.toString()).as(name + "'s dimensions").isEqualTo("[[\"Service\"]]");
                    assertThat(line.path("Namespace").isMissingNode()).isTrue();
                    assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("TotesEtl");
                    assertThat(value).as("one value of " + name).isNull();
                    value = line.path(name).asDouble();
                }
            }
            return value;
        }

        /** The log lines at {@code level}, in order. */
        List<JsonNode> logged(String level) throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            for (JsonNode line : json()) {
                if (level.equals(line.path("level").asText())) {
                    lines.add(line);
                }
            }
            return lines;
        }

        private List<JsonNode> json() throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : printed) {
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        }
    }
}
