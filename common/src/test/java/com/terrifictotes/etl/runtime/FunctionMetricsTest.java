package com.terrifictotes.etl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** The metrics leave as CloudWatch EMF documents on stdout (the parent build sets AWS_LAMBDA_FUNCTION_NAME). */
class FunctionMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDimensionSetStartsWithTheServiceAndAPerTableValueAlsoCountsTowardTheFunctionsTotal()
            throws Exception {
        List<JsonNode> documents = captureEmf(() -> {
            FunctionMetrics metrics = FunctionMetrics.of("loader", Map.of());
            metrics.add("ManifestsApplied", 2, MetricUnit.COUNT);
            metrics.emit("QuarantinedRows", 0, MetricUnit.COUNT);
            metrics.emitPer(MetricNames.TABLE, "fact_sales_order", m -> {
                m.addMetric("RowsInserted", 5, MetricUnit.COUNT);
                m.addMetric("DurationMs", 12, MetricUnit.MILLISECONDS);
            });
            metrics.flush();
        });

        assertThat(documents).hasSize(3).allSatisfy(d -> {
            assertThat(d.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo(MetricNames.NAMESPACE);
            d.at("/_aws/CloudWatchMetrics/0/Dimensions").forEach(set ->
                    assertThat(set.get(0).asText()).isEqualTo(MetricNames.SERVICE));
            assertThat(d.path(MetricNames.SERVICE).asText()).isEqualTo("loader");
        });
        JsonNode table = document(documents, "RowsInserted");
        assertThat(dimensions(table)).containsExactly(MetricNames.SERVICE, MetricNames.TABLE);
        assertThat(table.at("/_aws/CloudWatchMetrics/0/Dimensions")).hasSize(2);
        assertThat(table.at("/_aws/CloudWatchMetrics/0/Dimensions/1")).hasSize(1);
        assertThat(table.path(MetricNames.TABLE).asText()).isEqualTo("fact_sales_order");
        assertThat(table.path("DurationMs").asDouble()).isEqualTo(12.0);
        assertThat(dimensions(document(documents, "QuarantinedRows"))).containsExactly(MetricNames.SERVICE);
        assertThat(document(documents, "QuarantinedRows").at("/_aws/CloudWatchMetrics/0/Dimensions")).hasSize(1);
        assertThat(document(documents, "ManifestsApplied").path("ManifestsApplied").asDouble()).isEqualTo(2.0);
    }

    @Test
    void theInvocationsValuesGoOutOnceAtTheFlushAndNotAgain() throws Exception {
        List<JsonNode> documents = captureEmf(() -> {
            FunctionMetrics metrics = FunctionMetrics.of("extractor", Map.of());
            metrics.add("RunDurationMs", 1234, MetricUnit.MILLISECONDS);
            metrics.add("FreshnessLagSeconds", 90, MetricUnit.SECONDS);
            metrics.flush();
            metrics.flush();
        });

        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).path("RunDurationMs").asDouble()).isEqualTo(1234.0);
        assertThat(documents.get(0).path("FreshnessLagSeconds").asDouble()).isEqualTo(90.0);
    }

    @Test
    void anotherFunctionsDefaultsOnTheSharedPowertoolsObjectChangeNothing() throws Exception {
        List<JsonNode> documents = captureEmf(() -> {
            FunctionMetrics extractor = FunctionMetrics.of("extractor", Map.of());
            MetricsFactory.getMetricsInstance().setNamespace("Elsewhere");
            MetricsFactory.getMetricsInstance().setDefaultDimensions(DimensionSet.of("Service", "someone-else"));
            extractor.emitPer(MetricNames.TABLE, "staff", m -> m.addMetric("RowsExtracted", 3, MetricUnit.COUNT));
            MetricsFactory.getMetricsInstance().clearDefaultDimensions();
        });

        JsonNode rows = document(documents, "RowsExtracted");
        assertThat(rows.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo(MetricNames.NAMESPACE);
        assertThat(rows.path(MetricNames.SERVICE).asText()).isEqualTo("extractor");
        assertThat(dimensions(rows)).containsExactly(MetricNames.SERVICE, MetricNames.TABLE);
    }

    @Test
    void theNamespaceComesFromPowertoolsVariableWhenTheStackSetsIt() {
        assertThat(FunctionMetrics.namespace(Map.of())).isEqualTo("TotesEtl");
        assertThat(FunctionMetrics.namespace(Map.of(MetricNames.NAMESPACE_VARIABLE, " "))).isEqualTo("TotesEtl");
        assertThat(FunctionMetrics.namespace(Map.of(MetricNames.NAMESPACE_VARIABLE, "TotesEtlStaging")))
                .isEqualTo("TotesEtlStaging");
    }

    private static JsonNode document(List<JsonNode> documents, String metric) {
        return documents.stream().filter(d -> d.has(metric)).findFirst().orElseThrow();
    }

    private static List<String> dimensions(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.at("/_aws/CloudWatchMetrics/0/Dimensions/0").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static List<JsonNode> captureEmf(Runnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(JSON.readTree(line));
            }
        }
        return documents;
    }
}
