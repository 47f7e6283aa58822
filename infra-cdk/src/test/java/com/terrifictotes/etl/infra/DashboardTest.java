package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();

    /** One line of a graph: namespace, metric name, dimensions and the statistic it shows. */
    record ChartedMetric(String namespace, String name, Map<String, String> dimensions, String statistic) {
    }

    @Test
    void theDashboardIsNamedAfterTheStackAndHasAHeaderRowThenOneRowPerStage() {
        JsonNode dashboard = pipeline.resources.properties(pipeline.stack.dashboard().dashboard());
        assertThat(dashboard.path("DashboardName").asText()).isEqualTo("TotesEtl-dev");
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        for (JsonNode widget : widgets(pipeline)) {
            rows.computeIfAbsent(widget.path("y").asInt(), y -> new ArrayList<>())
                    .add(widget.path("type").asText() + ":" + widget.at("/properties/title").asText());
        }
        assertThat(rows.values()).containsExactly(
                List.of("text:", "alarm:Alarms", "metric:Failure queue: messages waiting"),
                List.of("metric:extractor: duration", "metric:extractor: rows extracted per source table",
                        "metric:extractor: errors and throttles", "metric:extractor: freshness lag (s)"),
                List.of("metric:extractor: schema drift carried (per kind) and rows rejected (per table)",
                        "metric:extractor: chain executions (Step Functions)"),
                List.of("metric:transformer: duration", "metric:transformer: rows written per warehouse table",
                        "metric:transformer: errors and throttles", "metric:transformer: rows and batches"),
                List.of("metric:transformer: row versions quarantined and batches pending"),
                List.of("metric:loader: duration", "metric:loader: rows inserted per warehouse table",
                        "metric:loader: errors and throttles", "metric:loader: manifests, gaps and rows"),
                List.of("metric:loader: quarantined and inferred rows", "metric:loader: inferred rows per dimension",
                        "metric:loader: backlog", "metric:loader: daily warehouse verification"),
                List.of("metric:transformer and loader: catch-up executions (Step Functions)"),
                List.of("metric:reconciler: duration", "metric:reconciler: rows reconciled per warehouse table",
                        "metric:reconciler: errors and throttles",
                        "metric:reconciler: rows reconciled and failed runs"));
    }

    @Test
    void everyStageShowsItsFunctionsDurationErrorsAndThrottles() {
        for (LambdaModule module : LambdaModule.values()) {
            String function = "${" + Resources.logicalId(pipeline.stack.function(module).function()) + "}";
            assertThat(metrics(widget(module.moduleName() + ": duration"))).contains(
                    new ChartedMetric("AWS/Lambda", "Duration", Map.of("FunctionName", function), "Average"),
                    new ChartedMetric("AWS/Lambda", "Duration", Map.of("FunctionName", function), "Maximum"));
            assertThat(metrics(widget(module.moduleName() + ": errors and throttles"))).containsExactly(
                    new ChartedMetric("AWS/Lambda", "Errors", Map.of("FunctionName", function), "Sum"),
                    new ChartedMetric("AWS/Lambda", "Throttles", Map.of("FunctionName", function), "Sum"));
        }
    }

    @Test
    void rowsPerTableAreChartedForEveryTableOfTheCatalogue() {
        assertThat(metrics(widget("extractor: rows extracted per source table")))
                .allSatisfy(m -> assertThat(m.dimensions()).containsEntry("Service", "extractor"))
                .extracting(m -> m.dimensions().get("Table"))
                .containsExactlyElementsOf(ToteSysCatalogue.TABLES.stream().map(SourceTable::name).toList());
        List<String> warehouse = WarehouseCatalogue.TABLES.stream().map(WarehouseTable::name).toList();
        assertThat(metrics(widget("transformer: rows written per warehouse table")))
                .allSatisfy(m -> assertThat(m.name()).isEqualTo("RowsOut"))
                .allSatisfy(m -> assertThat(m.dimensions()).containsEntry("Service", "transformer"))
                .extracting(m -> m.dimensions().get("Table")).containsExactlyElementsOf(warehouse);
        assertThat(metrics(widget("loader: rows inserted per warehouse table")))
                .allSatisfy(m -> assertThat(m.name()).isEqualTo("RowsInserted"))
                .allSatisfy(m -> assertThat(m.dimensions()).containsEntry("Service", "loader"))
                .extracting(m -> m.dimensions().get("Table")).containsExactlyElementsOf(
                        WarehouseCatalogue.starSchema().stream().map(WarehouseTable::name).toList());
        assertThat(metrics(widget("reconciler: rows reconciled per warehouse table")))
                .allSatisfy(m -> assertThat(m.name()).isEqualTo(Reconciliation.METRIC))
                .allSatisfy(m -> assertThat(m.dimensions()).containsEntry("Service", "reconciler"))
                .extracting(m -> m.dimensions().get("Table")).containsExactlyElementsOf(
                        WarehouseCatalogue.starSchema().stream().map(WarehouseTable::name).toList());
        assertThat(metrics(widget("loader: inferred rows per dimension")))
                .allSatisfy(m -> assertThat(m.name()).isEqualTo("RowsInferred"))
                .extracting(m -> m.dimensions().get("Table")).containsExactlyElementsOf(
                        WarehouseCatalogue.starSchema().stream().filter(WarehouseTable::takesInferredRows)
                                .map(WarehouseTable::name).toList());
    }

    @Test
    void theFreshnessLagIsDrawnAgainstItsAlarmThresholdAndTheFailureQueueDepthIsShown() {
        JsonNode freshness = widget("extractor: freshness lag (s)");
        assertThat(metrics(freshness)).containsExactly(new ChartedMetric("TotesEtl", "FreshnessLagSeconds",
                Map.of("Service", "extractor"), "Maximum"));
        assertThat(freshness.at("/annotations/horizontal/0/value").asDouble()).isEqualTo(30 * 60.0);
        assertThat(metrics(widget("Failure queue: messages waiting"))).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(m.dimensions().get("QueueName"))
                    .isEqualTo("${" + Resources.logicalId(pipeline.stack.failureQueue()) + ".QueueName}");
        });
    }

    @Test
    void theDailyVerificationsDifferencesAndFailuresAreDrawnAgainstTheirAlarmThreshold() {
        JsonNode verification = widget("loader: daily warehouse verification");
        assertThat(metrics(verification)).containsExactly(
                new ChartedMetric("TotesEtl", "WarehouseDifferences", Map.of("Service", "loader"), "Maximum"),
                new ChartedMetric("TotesEtl", "WarehouseVerificationFailed", Map.of("Service", "loader"), "Maximum"));
        assertThat(verification.at("/annotations/horizontal/0/value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theDriftChartNamesEveryKindOfDriftTheExtractorCounts() throws Exception {
        Class<?> kinds = Class.forName("com.terrifictotes.etl.extractor.DriftKind");
        java.lang.reflect.Method dimension = kinds.getDeclaredMethod("dimension");
        dimension.setAccessible(true);
        List<String> counted = new ArrayList<>();
        for (Object kind : kinds.getEnumConstants()) {
            counted.add((String) dimension.invoke(kind));
        }
        assertThat(PipelineDashboard.EXTRACTOR_DRIFT_KINDS).containsExactlyInAnyOrderElementsOf(counted);
        assertThat(metrics(widget("extractor: schema drift carried (per kind) and rows rejected (per table)")))
                .hasSize(counted.size() + ToteSysCatalogue.TABLES.size());
    }

    @Test
    void theAlarmWidgetShowsEveryAlarmOfTheStack() {
        List<String> shown = new ArrayList<>();
        widget("Alarms").path("alarms").forEach(a -> shown.add(a.asText()));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(pipeline.resources.ofType("AWS::CloudWatch::Alarm")
                .keySet().stream().map(id -> "${" + id + ".Arn}").toList());
    }

    private JsonNode widget(String title) {
        return widgets(pipeline).stream().filter(w -> w.at("/properties/title").asText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no widget " + title)).path("properties");
    }

    /** The dashboard body with references rendered as {@code ${LogicalId}} text (see {@link Resources#render}). */
    static List<JsonNode> widgets(SynthesizedPipeline pipeline) {
        JsonNode dashboard = pipeline.resources.properties(pipeline.stack.dashboard().dashboard());
        try {
            List<JsonNode> widgets = new ArrayList<>();
            new ObjectMapper().readTree(Resources.render(dashboard.path("DashboardBody"))).path("widgets")
                    .forEach(widgets::add);
            return widgets;
        } catch (java.io.IOException e) {
            throw new AssertionError("the dashboard body is not JSON", e);
        }
    }

    /** The lines of a graph widget's properties: {@code [namespace, name, dim, value, ..., {options}]}. */
    static List<ChartedMetric> metrics(JsonNode widgetProperties) {
        List<ChartedMetric> metrics = new ArrayList<>();
        for (JsonNode line : widgetProperties.path("metrics")) {
            Map<String, String> dimensions = new LinkedHashMap<>();
            int i = 2;
            for (; i + 1 < line.size() && line.get(i).isTextual(); i += 2) {
                dimensions.put(line.get(i).asText(), line.get(i + 1).asText());
            }
            JsonNode options = i < line.size() && line.get(i).isObject() ? line.get(i) : null;
            String statistic = options != null && options.has("stat") ? options.path("stat").asText() : "Average";
            metrics.add(new ChartedMetric(line.get(0).asText(), line.get(1).asText(), dimensions, statistic));
        }
        return metrics;
    }

    static List<ChartedMetric> allMetrics(SynthesizedPipeline pipeline) {
        List<ChartedMetric> metrics = new ArrayList<>();
        widgets(pipeline).forEach(w -> metrics.addAll(metrics(w.path("properties"))));
        return metrics;
    }
}
