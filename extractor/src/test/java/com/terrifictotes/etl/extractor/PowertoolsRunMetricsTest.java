package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.runtime.FunctionMetrics;
import com.terrifictotes.etl.runtime.MetricNames;
import com.terrifictotes.etl.testbed.lambda.StandardOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics leave as CloudWatch EMF documents on stdout (the parent build sets AWS_LAMBDA_FUNCTION_NAME). */
class PowertoolsRunMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void emitsRowsPerTableRunDurationAndFreshnessLagAsEmf() throws Exception {
        List<JsonNode> documents = captureEmf(() -> {
            FunctionMetrics metrics = FunctionMetrics.of(PowertoolsRunMetrics.SERVICE,
                    Map.of(MetricNames.NAMESPACE_VARIABLE, "TotesEtlTest"));
            PowertoolsRunMetrics runMetrics = new PowertoolsRunMetrics(metrics);
            runMetrics.tableExtracted("sales_order", 42, 4096, Duration.ofMillis(15));
            runMetrics.runFinished(Duration.ofMillis(1234), Duration.ofSeconds(90));
            metrics.flush();
        });

        JsonNode rows = documents.stream().filter(d -> d.has("RowsExtracted")).findFirst().orElseThrow();
        assertThat(rows.get("RowsExtracted").asDouble()).isEqualTo(42.0);
        assertThat(rows.get("Table").asText()).isEqualTo("sales_order");
        assertThat(rows.get("Service").asText()).isEqualTo("extractor");
        assertThat(rows.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("TotesEtlTest");
        JsonNode run = documents.stream().filter(d -> d.has("RunDurationMs")).findFirst().orElseThrow();
        assertThat(run.get("RunDurationMs").asDouble()).isEqualTo(1234.0);
        assertThat(run.get("FreshnessLagSeconds").asDouble()).isEqualTo(90.0);
        assertThat(run.get("Service").asText()).isEqualTo("extractor");
        assertThat(run.at("/_aws/CloudWatchMetrics/0/Dimensions/0")).hasSize(1);
    }

    @Test
    void emitsSchemaDriftOncePerKindAndRejectedRowsPerTable() throws Exception {
        List<JsonNode> documents = captureEmf(() -> {
            FunctionMetrics metrics = FunctionMetrics.of(PowertoolsRunMetrics.SERVICE, Map.of());
            PowertoolsRunMetrics runMetrics = new PowertoolsRunMetrics(metrics);
            runMetrics.schemaDriftCarried(Map.of("new_enum_label", 2, "widened_type", 1));
            runMetrics.rowsRejected("staff", 3);
            metrics.flush();
        });

        List<JsonNode> drift = documents.stream().filter(d -> d.has("SchemaDriftWarnings")).toList();
        assertThat(drift).hasSize(2).extracting(d -> d.get("Kind").asText() + "=" + d.get("SchemaDriftWarnings")
                .asInt()).containsExactlyInAnyOrder("new_enum_label=2", "widened_type=1");
        assertThat(drift).allSatisfy(d -> assertThat(d.get("Service").asText()).isEqualTo("extractor"));
        JsonNode rejected = documents.stream().filter(d -> d.has("RowsRejected")).findFirst().orElseThrow();
        assertThat(rejected.get("RowsRejected").asDouble()).isEqualTo(3.0);
        assertThat(rejected.get("Table").asText()).isEqualTo("staff");
    }

    private static List<JsonNode> captureEmf(StandardOutput.Action action) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : StandardOutput.capture(action)) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(JSON.readTree(line));
            }
        }
        return documents;
    }
}
