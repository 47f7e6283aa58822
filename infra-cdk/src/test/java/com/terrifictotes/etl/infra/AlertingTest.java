package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertingTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        for (LambdaModule module : LambdaModule.values()) {
            String function = Resources.logicalId(pipeline.stack.function(module).function());
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(alarms()).as(module.moduleName() + " " + metric).anySatisfy(alarm -> {
                    assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/Lambda");
                    assertThat(alarm.path("MetricName").asText()).isEqualTo(metric);
                    assertThat(Resources.referenced(alarm.at("/Dimensions/0/Value"))).isEqualTo(function);
                    assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
                    assertThat(alarm.path("ComparisonOperator").asText())
                            .isEqualTo("GreaterThanOrEqualToThreshold");
                });
            }
        }
    }

    @Test
    void anythingInTheFailureQueueRaisesAnAlarm() {
        assertThat(alarms()).anySatisfy(alarm -> {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(alarm.at("/Dimensions/0/Value/Fn::GetAtt/0").asText())
                    .isEqualTo(Resources.logicalId(pipeline.stack.failureQueue()));
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
        });
    }

    @Test
    void aStaleOrMissingFreshnessMetricRaisesAnAlarm() {
        assertThat(alarms()).anySatisfy(alarm -> {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("FreshnessLagSeconds");
            assertThat(alarm.path("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"Service\",\"Value\":\"extractor\"}]");
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(30 * 60.0);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("breaching");
            assertThat(alarm.path("Period").asInt()).isEqualTo(30 * 60);
        });
    }

    @Test
    void aLoaderThatWaitsAtAGapForAWholeHourRaisesAnAlarm() {
        assertThat(alarms()).anySatisfy(alarm -> {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("ManifestGap");
            assertThat(alarm.path("Dimensions").toString()).isEqualTo("[{\"Name\":\"Service\",\"Value\":\"loader\"}]");
            // every run of the hour found the gap: a gap closed by the next transform does not alarm
            assertThat(alarm.path("Statistic").asText()).isEqualTo("Minimum");
            assertThat(alarm.path("Period").asInt()).isEqualTo(3600);
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
        });
    }

    @Test
    void aProcessedBatchTheLoaderLeavesUnappliedTooLongRaisesTheWarehouseFreshnessAlarm() {
        assertThat(alarms()).anySatisfy(alarm -> {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("OldestPendingBatchAgeSeconds");
            assertThat(alarm.path("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"Service\",\"Value\":\"loader\"}]");
            assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(30 * 60.0);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
            assertThat(alarm.path("AlarmDescription").asText()).contains("./pipeline status");
        });
    }

    @Test
    void aGrowingTransformerBacklogRaisesAnAlarm() {
        assertThat(alarms()).anySatisfy(alarm -> {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("PendingTransformBatches");
            assertThat(alarm.path("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"Service\",\"Value\":\"transformer\"}]");
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(Alerting.TRANSFORM_BACKLOG_BATCHES);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
        });
    }

    @Test
    void anyQuarantinedRowVersionRaisesAnAlarm() {
        assertThat(alarms()).anySatisfy(alarm -> {
            assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("QuarantinedRows");
            assertThat(alarm.path("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"Service\",\"Value\":\"transformer\"}]");
            assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.path("AlarmDescription").asText()).contains("etl_rejected_row");
        });
    }

    @Test
    void anyDifferenceTheDailyVerificationFindsAndAVerificationThatCannotRunEachRaiseAnAlarm() {
        for (String metric : List.of("WarehouseDifferences", "WarehouseVerificationFailed")) {
            assertThat(alarms()).as(metric).filteredOn(alarm -> alarm.path("MetricName").asText().equals(metric))
                    .singleElement().satisfies(alarm -> {
                        assertThat(alarm.path("Namespace").asText()).isEqualTo("TotesEtl");
                        assertThat(alarm.path("Dimensions").toString())
                                .isEqualTo("[{\"Name\":\"Service\",\"Value\":\"loader\"}]");
                        assertThat(alarm.path("Statistic").asText()).isEqualTo("Maximum");
                        assertThat(alarm.path("Period").asInt()).isEqualTo(24 * 3600);
                        assertThat(alarm.path("Threshold").asDouble()).isEqualTo(1.0);
                        assertThat(alarm.path("ComparisonOperator").asText())
                                .isEqualTo("GreaterThanOrEqualToThreshold");
                        assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(1);
                        // a catch-up that did not run or failed before verifying raises LoaderErrors instead
                        assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
                        assertThat(alarm.path("AlarmDescription").asText()).contains("./pipeline verify");
                    });
        }
        assertThat(HandlerContractTest.environment(pipeline, LambdaModule.LOADER).get("VERIFY_ON_CATCH_UP").asText())
                .isEqualTo("true");
    }

    @Test
    void withTheVerificationSwitchedOffTheLoaderIsToldAndNoAlarmWatchesIt() {
        SynthesizedPipeline off = SynthesizedPipeline.BEHIND_NAT.get();
        assertThat(HandlerContractTest.environment(off, LambdaModule.LOADER).get("VERIFY_ON_CATCH_UP").asText())
                .isEqualTo("false");
        assertThat(off.resources.ofType("AWS::CloudWatch::Alarm").values())
                .extracting(alarm -> alarm.at("/Properties/MetricName").asText())
                .doesNotContain("WarehouseDifferences", "WarehouseVerificationFailed").contains("ManifestGap");
    }

    @Test
    void everyAlarmNotifiesTheAlertTopicOnAlarmAndOnRecovery() {
        String topic = Resources.logicalId(pipeline.stack.alerting().topic());
        // errors and throttles of each function; the failure queue, extractor and warehouse freshness, the manifest
        // gap, the transformer's backlog and the quarantine; the daily verification's two; the reconciliation's two;
        // the extraction chain's and the catch-up chain's failed and timed-out executions
        assertThat(alarms()).hasSize(LambdaModule.values().length * 2 + 6 + 2 + 2 + 2 + 2).allSatisfy(alarm -> {
            assertThat(alarm.path("AlarmActions")).extracting(Resources::referenced).containsExactly(topic);
            assertThat(alarm.path("OKActions")).extracting(Resources::referenced).containsExactly(topic);
        });
    }

    @Test
    void theTopicIsEncryptedWithARotatedKeyThatCloudWatchMayUseAndRefusesPlainHttp() {
        JsonNode topic = pipeline.resources.properties(pipeline.stack.alerting().topic());
        String keyId = Resources.referenced(topic.path("KmsMasterKeyId"));
        JsonNode key = pipeline.resources.get(keyId).path("Properties");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(Resources.list(key.at("/KeyPolicy/Statement"))).anySatisfy(statement -> {
            assertThat(statement.at("/Principal/Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
            assertThat(statement.path("Action")).extracting(JsonNode::asText).contains("kms:Decrypt");
        });
        JsonNode topicPolicy = pipeline.resources.ofType("AWS::SNS::TopicPolicy").values().iterator().next();
        assertThat(Resources.list(topicPolicy.at("/Properties/PolicyDocument/Statement"))).anySatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
        });
    }

    @Test
    void theAlertAddressIsSubscribedByEmailOnlyWhenGiven() {
        assertThat(pipeline.resources.ofType("AWS::SNS::Subscription")).isEmpty();
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        Collection<JsonNode> subscriptions = configured.resources.ofType("AWS::SNS::Subscription").values();
        assertThat(subscriptions).singleElement().satisfies(subscription -> {
            assertThat(subscription.at("/Properties/Protocol").asText()).isEqualTo("email");
            assertThat(subscription.at("/Properties/Endpoint").asText()).isEqualTo(SynthesizedPipeline.ALERT_EMAIL);
            assertThat(subscription.at("/Properties/RedrivePolicy/deadLetterTargetArn/Fn::GetAtt/0").asText())
                    .isEqualTo(Resources.logicalId(configured.stack.failureQueue()));
        });
    }

    private List<JsonNode> alarms() {
        return pipeline.resources.ofType("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> a.path("Properties")).toList();
    }
}
