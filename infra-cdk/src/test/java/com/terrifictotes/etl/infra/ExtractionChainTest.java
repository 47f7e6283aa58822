package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.extractor.ConcurrentRunException;
import com.terrifictotes.etl.extractor.ExtractionResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extraction chain of issue #19 as synthesised: what the state machine does (read from its definition), what its
 * role may do, where it logs, and what alarms on it.
 */
class ExtractionChainTest {
    /** A Standard workflow's execution history holds at most this many events (Step Functions quotas). */
    private static final int HISTORY_LIMIT = 25_000;

    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
    private final ExtractionChain chain = pipeline.stack.extractionChain();

    @Test
    void theChainRunsTheExtractorsAliasAgainUntilARunSaysItCaughtUp() throws Exception {
        JsonNode states = definition().path("States");
        JsonNode extract = states.path("Extract batch");
        assertThat(extract.path("Resource").asText())
                .isEqualTo("${" + Resources.logicalId(pipeline.stack.function(LambdaModule.EXTRACTOR).alias()) + "}");
        // the scheduled event the execution started with goes to every run
        assertThat(states.at("/Start chain/Parameters/event.$").asText()).isEqualTo("$$.Execution.Input");
        assertThat(extract.path("InputPath").asText()).isEqualTo("$.event");
        assertThat(extract.at("/ResultSelector/caughtUp.$").asText()).isEqualTo("$.caughtUp");
        assertThat(extract.path("ResultPath").asText()).isEqualTo("$.extraction");
        assertThat(extract.path("Next").asText()).isEqualTo("Count run");
        assertThat(states.at("/Count run/Next").asText()).isEqualTo("Caught up?");
        JsonNode choice = states.path("Caught up?");
        assertThat(choice.at("/Choices/0/Variable").asText()).isEqualTo("$.extraction.caughtUp");
        assertThat(choice.at("/Choices/0/BooleanEquals").asBoolean()).isTrue();
        assertThat(states.path(choice.at("/Choices/0/Next").asText()).path("Type").asText()).isEqualTo("Succeed");
        assertThat(choice.path("Default").asText()).isEqualTo("Report chain lag");
        assertThat(states.at("/Report chain lag/Next").asText()).isEqualTo("Extract batch");
        // the field the choice reads is the one the extractor's result serialises
        assertThat(ExtractionResult.class.getRecordComponents()).extracting(c -> c.getName()).contains("caughtUp");
        assertThat(pipeline.resources.properties(chain.stateMachine()).path("StateMachineType").asText())
                .isEqualTo("STANDARD");
    }

    @Test
    void onlyLambdasOwnTransientErrorsAreRetriedWithBackoffAndAFailedRunFailsTheExecution() throws Exception {
        JsonNode extract = definition().at("/States/Extract batch");
        List<String> retried = new ArrayList<>();
        for (JsonNode retry : extract.path("Retry")) {
            retry.path("ErrorEquals").forEach(e -> retried.add(e.asText()));
            assertThat(retry.path("BackoffRate").asDouble()).isGreaterThan(1);
            assertThat(retry.path("JitterStrategy").asText()).isEqualTo("FULL");
            assertThat(retry.path("MaxAttempts").asInt()).isBetween(1, 6);
        }
        assertThat(retried).containsExactlyInAnyOrder("Lambda.ServiceException", "Lambda.AWSLambdaException",
                "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException",
                "Lambda.TooManyRequestsException");
        // the function's own failures are neither retried nor caught (but for the lost race): the execution fails
        assertThat(extract.path("Catch")).hasSize(1);
        assertThat(extract.at("/Catch/0/ErrorEquals")).extracting(JsonNode::asText)
                .containsExactly(ConcurrentRunException.class.getName());
        // a run is bounded: the task gives up a minute after the function's own timeout
        int functionTimeout = pipeline.resources.properties(pipeline.stack.function(LambdaModule.EXTRACTOR)
                .function()).path("Timeout").asInt();
        assertThat(extract.path("TimeoutSeconds").asInt()).isEqualTo(functionTimeout + 60);
    }

    @Test
    void anExecutionStopsAfterFiveHundredRunsWithinTheHistoryLimitAndTheNextScheduleGoesOn() throws Exception {
        JsonNode definition = definition();
        JsonNode states = definition.path("States");
        assertThat(states.at("/Start chain/Parameters/runs").asInt()).isZero();
        assertThat(states.at("/Count run/Parameters/runs.$").asText()).isEqualTo("States.MathAdd($.runs, 1)");
        JsonNode bound = states.at("/Caught up?/Choices/1");
        assertThat(bound.path("Variable").asText()).isEqualTo("$.runs");
        assertThat(bound.path("NumericGreaterThanEquals").asInt()).isEqualTo(ExtractionChain.MAX_RUNS).isEqualTo(500);
        assertThat(states.path(bound.path("Next").asText()).path("Type").asText()).isEqualTo("Succeed");
        // the worst case fits the history: per run, task (5 events), count (2), choice (2) and the lag report (5,
        // never retried), and 3 per retry
        int retries = 0;
        for (JsonNode retry : states.at("/Extract batch/Retry")) {
            retries += retry.path("MaxAttempts").asInt();
        }
        assertThat(states.at("/Report chain lag/Retry")).isEmpty();
        int perRun = 5 + 2 + 2 + 5 + 3 * retries;
        int overhead = 2 + 5 + 2 + 2 + 2; // execution started/succeeded, listing, choice, start, final state
        assertThat(ExtractionChain.MAX_RUNS * perRun + overhead).isLessThan(HISTORY_LIMIT);
        // and its timeout is only a backstop: every run may take its whole task timeout
        assertThat(definition.path("TimeoutSeconds").asInt()).isEqualTo(ExtractionChain.MAX_RUNS
                * states.at("/Extract batch/TimeoutSeconds").asInt());
    }

    @Test
    void aScheduleThatFiresWhileAChainRunsEndsQuietlyAndSoDoesARunThatLostTheRace() throws Exception {
        JsonNode definition = definition();
        JsonNode states = definition.path("States");
        assertThat(definition.path("StartAt").asText()).isEqualTo("List running chains");
        JsonNode list = states.path("List running chains");
        assertThat(list.path("Resource").asText()).endsWith(":states:::aws-sdk:sfn:listExecutions");
        assertThat(list.at("/Parameters/StateMachineArn.$").asText()).isEqualTo("$$.StateMachine.Id");
        assertThat(list.at("/Parameters/StatusFilter").asText()).isEqualTo("RUNNING");
        JsonNode alone = states.path(list.path("Next").asText());
        assertThat(alone.at("/Choices/0/Variable").asText()).isEqualTo("$.running");
        // itself and one more: another chain is running, and this execution succeeds without invoking anything
        assertThat(alone.at("/Choices/0/NumericGreaterThan").asInt()).isEqualTo(1);
        assertThat(states.path(alone.at("/Choices/0/Next").asText()).path("Type").asText()).isEqualTo("Succeed");
        assertThat(alone.path("Default").asText()).isEqualTo("Start chain");
        // listing is eventually consistent: a run that lost the manifest race to another execution ends quietly
        JsonNode lostRace = states.at("/Extract batch/Catch/0");
        assertThat(lostRace.at("/ErrorEquals/0").asText()).isEqualTo(ExtractionChain.CONCURRENT_RUN_ERROR)
                .isEqualTo(ConcurrentRunException.class.getName());
        assertThat(states.path(lostRace.path("Next").asText()).path("Type").asText()).isEqualTo("Succeed");
    }

    @Test
    void theChainMayInvokeOnlyTheExtractorsAliasAndListOnlyItsOwnExecutions() {
        RolePolicy policy = new RolePolicy(pipeline.resources, Resources.logicalId(chain.stateMachine().getRole()));
        String alias = "${" + Resources.logicalId(pipeline.stack.function(LambdaModule.EXTRACTOR).alias()) + "}";
        String function = "${" + Resources.logicalId(pipeline.stack.function(LambdaModule.EXTRACTOR).function())
                + ".Arn}";
        assertThat(policy.allows("lambda:InvokeFunction", alias)).isTrue();
        assertThat(policy.allows("lambda:InvokeFunction", function)).isFalse();
        assertThat(policy.allows("lambda:InvokeFunction", function + ":$LATEST")).isFalse();
        for (LambdaModule other : List.of(LambdaModule.TRANSFORMER, LambdaModule.LOADER, LambdaModule.RECONCILER)) {
            assertThat(policy.allows("lambda:InvokeFunction",
                    "${" + Resources.logicalId(pipeline.stack.function(other).alias()) + "}")).isFalse();
        }
        String name = pipeline.resources.properties(chain.stateMachine()).path("StateMachineName").asText();
        assertThat(name).isEqualTo("TotesEtl-dev-ExtractionChain");
        String ownArn = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:" + name;
        assertThat(policy.allows("states:ListExecutions", ownArn)).isTrue();
        assertThat(policy.allows("states:ListExecutions", ownArn + "-other")).isFalse();
        assertThat(policy.allows("states:StartExecution", ownArn)).isFalse();
        // the wildcard resource holds only the actions that have no resource-level permissions (cdk-nag: IAM5);
        // PutMetricData is narrowed to the pipeline's namespace by a condition (see the freshness test)
        assertThat(policy.statements()).filteredOn(s -> s.resources().contains("*") && s.conditions() == null)
                .flatExtracting(RolePolicy.Statement::actions)
                .allSatisfy(action -> assertThat(action).matches("(logs:\\w*(LogDelivery|LogDeliveries|"
                        + "ResourcePolicy|ResourcePolicies|LogGroups)|xray:\\w+)"));
    }

    @Test
    void everyEventIsLoggedToAnEncryptedLogGroupKeptAsLongAsTheFunctionsAndTraced() {
        StateMachineLogs.assertEverythingLoggedEncryptedAndTraced(pipeline, chain.stateMachine(), chain.logGroup(),
                "ExtractionChain");
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        assertThat(configured.resources.properties(configured.stack.extractionChain().logGroup())
                .path("RetentionInDays").asInt()).isEqualTo(400);
    }

    @Test
    void whileTheChainHasNotCaughtUpItsAgeGoesIntoTheExtractorsFreshnessMetricWhichTheAlarmWatches() throws Exception {
        JsonNode report = definition().at("/States/Report chain lag");
        assertThat(report.path("QueryLanguage").asText()).isEqualTo("JSONata");
        assertThat(report.path("Resource").asText()).endsWith(":states:::aws-sdk:cloudwatch:putMetricData");
        assertThat(report.at("/Arguments/Namespace").asText()).isEqualTo("TotesEtl");
        JsonNode datum = report.at("/Arguments/MetricData/0");
        assertThat(datum.path("MetricName").asText()).isEqualTo(Alerting.FRESHNESS_METRIC);
        assertThat(datum.path("Dimensions")).isEqualTo(new ObjectMapper().readTree(
                "[{\"Name\":\"Service\",\"Value\":\"extractor\"}]"));
        assertThat(datum.path("Unit").asText()).isEqualTo("Seconds");
        assertThat(datum.path("Value").asText())
                .isEqualTo("{% ($millis() - $toMillis($states.context.Execution.StartTime)) / 1000 %}");
        // the state passes its input on, and a data point that fails to land does not stop the chain
        assertThat(report.path("Output").asText()).isEqualTo("{% $states.input %}");
        assertThat(report.at("/Catch/0/ErrorEquals/0").asText()).isEqualTo("States.ALL");
        assertThat(report.at("/Catch/0/Next").asText()).isEqualTo("Extract batch");
        assertThat(report.at("/Catch/0/Output").asText()).isEqualTo("{% $states.input %}");
        // the same metric, dimensions and namespace the freshness alarm reads
        assertThat(pipeline.resources.ofType("AWS::CloudWatch::Alarm").values()).anySatisfy(alarm -> {
            JsonNode p = alarm.path("Properties");
            assertThat(p.path("Namespace").asText()).isEqualTo("TotesEtl");
            assertThat(p.path("MetricName").asText()).isEqualTo(Alerting.FRESHNESS_METRIC);
            assertThat(p.path("Dimensions")).isEqualTo(datum.path("Dimensions"));
            assertThat(p.path("Statistic").asText()).isEqualTo("Maximum");
        });
        // and the role may put metrics into that namespace only
        RolePolicy policy = new RolePolicy(pipeline.resources, Resources.logicalId(chain.stateMachine().getRole()));
        assertThat(policy.statements()).filteredOn(s -> s.actions().contains("cloudwatch:PutMetricData"))
                .singleElement().satisfies(s -> assertThat(s.conditions().toString())
                        .isEqualTo("{\"StringEquals\":{\"cloudwatch:namespace\":\"TotesEtl\"}}"));
    }

    @Test
    void aFailedOrTimedOutExecutionAlarmsOnTheAlertTopic() {
        String topic = Resources.logicalId(pipeline.stack.alerting().topic());
        String machine = Resources.logicalId(chain.stateMachine());
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            assertThat(pipeline.resources.ofType("AWS::CloudWatch::Alarm").values()).as(metric).anySatisfy(alarm -> {
                JsonNode p = alarm.path("Properties");
                assertThat(p.path("Namespace").asText()).isEqualTo("AWS/States");
                assertThat(p.path("MetricName").asText()).isEqualTo(metric);
                assertThat(p.at("/Dimensions/0/Name").asText()).isEqualTo("StateMachineArn");
                assertThat(Resources.referenced(p.at("/Dimensions/0/Value"))).isEqualTo(machine);
                assertThat(p.path("Statistic").asText()).isEqualTo("Sum");
                assertThat(p.path("Threshold").asDouble()).isEqualTo(1.0);
                assertThat(p.path("TreatMissingData").asText()).isEqualTo("notBreaching");
                assertThat(p.path("AlarmActions")).extracting(Resources::referenced).containsExactly(topic);
            });
        }
    }

    private JsonNode definition() throws Exception {
        String rendered = Resources.render(pipeline.resources.properties(chain.stateMachine())
                .path("DefinitionString"));
        return new ObjectMapper().readTree(rendered);
    }
}
