package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daily reconciliation: its own schedule, its environment (the extractor's zone and overlap), its alarms. */
class ReconciliationTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
    private final SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();

    @Test
    void theReconcilerRunsDailyBeforeTheCatchUpThroughItsAliasWithTheFailureQueueBehind() {
        JsonNode rule = pipeline.resources.properties(pipeline.stack.reconciliation().schedule());

        assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");
        assertThat(rule.path("State").asText()).isEqualTo("ENABLED");
        assertThat(rule.path("Targets")).singleElement().satisfies(target -> {
            assertThat(Resources.referenced(target.path("Arn")))
                    .isEqualTo(Resources.logicalId(pipeline.stack.function(LambdaModule.RECONCILER).alias()));
            assertThat(target.has("Input")).as("the ScheduledEvent itself, which its handler takes").isFalse();
            assertThat(Resources.referenced(target.at("/DeadLetterConfig/Arn")))
                    .isEqualTo(Resources.logicalId(pipeline.stack.failureQueue()));
        });
        assertThat(configured.resources.properties(configured.stack.reconciliation().schedule())
                .path("ScheduleExpression").asText()).isEqualTo("cron(15 2 * * ? *)");
    }

    @Test
    void itReadsBothSecretsAndSharesTheExtractorsBucketZoneAndOverlap() {
        for (SynthesizedPipeline variant : new SynthesizedPipeline[] {pipeline, configured}) {
            Map<String, JsonNode> reconciler = HandlerContractTest.environment(variant, LambdaModule.RECONCILER);
            Map<String, JsonNode> extractor = HandlerContractTest.environment(variant, LambdaModule.EXTRACTOR);
            for (String shared : new String[] {"TOTESYS_SECRET_ID", "INGESTION_BUCKET", "DB_SSLMODE",
                    "SOURCE_TIME_ZONE", "EXTRACT_OVERLAP_SECONDS"}) {
                assertThat(reconciler.get(shared)).as(shared).isEqualTo(extractor.get(shared));
            }
            assertThat(reconciler.get("WAREHOUSE_SECRET_ID")).isEqualTo(HandlerContractTest.environment(variant,
                    LambdaModule.LOADER).get("WAREHOUSE_SECRET_ID"));
        }
        Map<String, JsonNode> tuned = HandlerContractTest.environment(configured, LambdaModule.RECONCILER);
        assertThat(tuned.get("SOURCE_TIME_ZONE").asText()).isEqualTo("Europe/London");
        assertThat(tuned.get("RECONCILE_MAX_DELETE_RATIO").asText()).isEqualTo("0.05");
        assertThat(tuned.get("RECONCILE_CHUNK_ROWS").asText()).isEqualTo("20000");
        assertThat(HandlerContractTest.environment(pipeline, LambdaModule.RECONCILER))
                .doesNotContainKeys("RECONCILE_MAX_DELETE_RATIO", "RECONCILE_CHUNK_ROWS");
    }

    @Test
    void reconciledRowsAndAReconcilerThatStopsReportingRaiseAlarmsOnTheAlertTopic() {
        JsonNode reconciled = pipeline.resources.properties(pipeline.stack.reconciliation().reconciledRowsAlarm());
        JsonNode silent = pipeline.resources.properties(pipeline.stack.reconciliation().silentAlarm());
        for (JsonNode alarm : new JsonNode[] {reconciled, silent}) {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("ReconciledRows");
            assertThat(alarm.at("/Dimensions/0/Name").asText()).isEqualTo("Service");
            assertThat(alarm.at("/Dimensions/0/Value").asText()).isEqualTo("reconciler");
            assertThat(alarm.path("Period").asInt()).isEqualTo(86_400);
            String topic = Resources.logicalId(pipeline.stack.alerting().topic());
            assertThat(Resources.referenced(alarm.at("/AlarmActions/0"))).isEqualTo(topic);
            assertThat(Resources.referenced(alarm.at("/OKActions/0"))).isEqualTo(topic);
        }
        assertThat(reconciled.path("Statistic").asText()).isEqualTo("Sum");
        assertThat(reconciled.path("Threshold").asDouble()).isEqualTo(1.0);
        assertThat(reconciled.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(reconciled.path("TreatMissingData").asText()).isEqualTo("notBreaching");
        assertThat(silent.path("Statistic").asText()).isEqualTo("SampleCount");
        assertThat(silent.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        assertThat(silent.path("EvaluationPeriods").asInt()).isEqualTo(2);
        assertThat(silent.path("DatapointsToAlarm").asInt()).isEqualTo(2);
        assertThat(silent.path("TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(configured.resources.properties(configured.stack.reconciliation().reconciledRowsAlarm())
                .path("Threshold").asDouble()).isEqualTo(100.0);
    }
}
