package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.extractor.ExtractionSettings;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.runtime.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catch-up chain of issue #19 as synthesised: the daily catch-up drives the transformer, then the loader, each
 * until it answers caughtUp, every invocation bounded by MAX_ROWS_PER_INVOCATION.
 */
class CatchUpChainTest {
    /** A Standard workflow's execution history holds at most this many events (Step Functions quotas). */
    private static final int HISTORY_LIMIT = 25_000;

    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
    private final CatchUpChain chain = pipeline.stack.catchUpChain();

    @Test
    void theChainRunsTheTransformerUntilCaughtUpThenTheLoaderUntilCaughtUp() throws Exception {
        JsonNode definition = definition();
        JsonNode states = definition.path("States");
        assertThat(definition.path("StartAt").asText()).isEqualTo("Start catch-up");
        assertThat(states.at("/Start catch-up/Parameters/event.$").asText()).isEqualTo("$$.Execution.Input");
        assertThat(states.at("/Start catch-up/Next").asText()).isEqualTo("Transform pending");
        assertLoop(states, "Transform pending", LambdaModule.TRANSFORMER, "transform", "Start loading",
                "Start loading");
        assertThat(states.at("/Start loading/Parameters/runs").asInt()).isZero();
        assertThat(states.at("/Start loading/Next").asText()).isEqualTo("Load pending");
        assertLoop(states, "Load pending", LambdaModule.LOADER, "load", "Caught up", "Run bound reached");
        assertThat(states.at("/Caught up/Type").asText()).isEqualTo("Succeed");
        assertThat(states.at("/Run bound reached/Type").asText()).isEqualTo("Succeed");
        // the field the choices read is the one both handlers answer
        assertThat(StageResult.class.getRecordComponents()).extracting(c -> c.getName())
                .contains(StageResult.CAUGHT_UP, "committed", "summary");
        assertThat(pipeline.resources.properties(chain.stateMachine()).path("StateMachineType").asText())
                .isEqualTo("STANDARD");
    }

    private void assertLoop(JsonNode states, String task, LambdaModule module, String stage, String caughtUp,
                            String bound) {
        JsonNode invoke = states.path(task);
        assertThat(invoke.path("Resource").asText())
                .isEqualTo("${" + Resources.logicalId(pipeline.stack.function(module).alias()) + "}");
        assertThat(invoke.path("InputPath").asText()).isEqualTo("$.event");
        assertThat(invoke.at("/ResultSelector/caughtUp.$").asText()).isEqualTo("$.caughtUp");
        assertThat(invoke.path("ResultPath").asText()).isEqualTo("$." + stage);
        String count = invoke.path("Next").asText();
        assertThat(states.at("/" + count + "/Parameters/runs.$").asText()).isEqualTo("States.MathAdd($.runs, 1)");
        JsonNode choice = states.path(states.at("/" + count + "/Next").asText());
        assertThat(choice.at("/Choices/0/Variable").asText()).isEqualTo("$." + stage + ".caughtUp");
        assertThat(choice.at("/Choices/0/BooleanEquals").asBoolean()).isTrue();
        assertThat(choice.at("/Choices/0/Next").asText()).isEqualTo(caughtUp);
        assertThat(choice.at("/Choices/1/Variable").asText()).isEqualTo("$.runs");
        assertThat(choice.at("/Choices/1/NumericGreaterThanEquals").asInt()).isEqualTo(CatchUpChain.MAX_RUNS);
        assertThat(choice.at("/Choices/1/Next").asText()).isEqualTo(bound);
        assertThat(choice.path("Default").asText()).as("not caught up: invoke again at once").isEqualTo(task);
        int functionTimeout = pipeline.resources.properties(pipeline.stack.function(module).function())
                .path("Timeout").asInt();
        assertThat(invoke.path("TimeoutSeconds").asInt()).isEqualTo(functionTimeout + 60);
    }

    @Test
    void onlyLambdasOwnTransientErrorsAreRetriedAndAFailedInvocationFailsTheExecution() throws Exception {
        JsonNode states = definition().path("States");
        for (String task : List.of("Transform pending", "Load pending")) {
            List<String> retried = new ArrayList<>();
            for (JsonNode retry : states.at("/" + task + "/Retry")) {
                retry.path("ErrorEquals").forEach(e -> retried.add(e.asText()));
                assertThat(retry.path("BackoffRate").asDouble()).isGreaterThan(1);
                assertThat(retry.path("JitterStrategy").asText()).isEqualTo("FULL");
            }
            assertThat(retried).as(task).containsExactlyInAnyOrder("Lambda.ServiceException",
                    "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                    "Lambda.ClientExecutionTimeoutException", "Lambda.TooManyRequestsException");
            assertThat(states.at("/" + task + "/Catch").isMissingNode()).as(task + " catches nothing").isTrue();
        }
    }

    @Test
    void anExecutionFitsTheHistoryLimitAndItsTimeoutIsOnlyABackstop() throws Exception {
        JsonNode definition = definition();
        JsonNode states = definition.path("States");
        int retries = 0;
        for (JsonNode retry : states.at("/Transform pending/Retry")) {
            retries += retry.path("MaxAttempts").asInt();
        }
        // per invocation: task (5 events), count (2), choice (2), and 3 per retry; two stages at most MAX_RUNS each
        int perRun = 5 + 2 + 2 + 3 * retries;
        int overhead = 2 + 2 * 2 + 2; // execution started/succeeded, the two starts, the final state
        assertThat(2 * CatchUpChain.MAX_RUNS * perRun + overhead).isLessThan(HISTORY_LIMIT);
        assertThat(definition.path("TimeoutSeconds").asInt()).isEqualTo(CatchUpChain.MAX_RUNS
                * (states.at("/Transform pending/TimeoutSeconds").asInt()
                + states.at("/Load pending/TimeoutSeconds").asInt()));
    }

    @Test
    void theChainMayInvokeOnlyTheTransformersAndTheLoadersAliases() {
        RolePolicy policy = new RolePolicy(pipeline.resources, Resources.logicalId(chain.stateMachine().getRole()));
        for (LambdaModule module : LambdaModule.values()) {
            String alias = "${" + Resources.logicalId(pipeline.stack.function(module).alias()) + "}";
            String function = "${" + Resources.logicalId(pipeline.stack.function(module).function()) + ".Arn}";
            boolean driven = module == LambdaModule.TRANSFORMER || module == LambdaModule.LOADER;
            assertThat(policy.allows("lambda:InvokeFunction", alias)).as(module.moduleName()).isEqualTo(driven);
            assertThat(policy.allows("lambda:InvokeFunction", function)).isFalse();
            assertThat(policy.allows("lambda:InvokeFunction", function + ":$LATEST")).isFalse();
        }
        assertThat(policy.statements()).flatExtracting(RolePolicy.Statement::actions)
                .allSatisfy(action -> assertThat(action).matches("lambda:InvokeFunction|logs:\\w*(LogDelivery|"
                        + "LogDeliveries|ResourcePolicy|ResourcePolicies|LogGroups)|xray:\\w+"));
    }

    @Test
    void everyEventIsLoggedToAnEncryptedLogGroupAndTracedAndFailuresAlarm() {
        StateMachineLogs.assertEverythingLoggedEncryptedAndTraced(pipeline, chain.stateMachine(), chain.logGroup(),
                "CatchUpChain");
        String topic = Resources.logicalId(pipeline.stack.alerting().topic());
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            assertThat(pipeline.resources.ofType("AWS::CloudWatch::Alarm").values()).as(metric).anySatisfy(alarm -> {
                JsonNode p = alarm.path("Properties");
                assertThat(p.path("Namespace").asText()).isEqualTo("AWS/States");
                assertThat(p.path("MetricName").asText()).isEqualTo(metric);
                assertThat(Resources.referenced(p.at("/Dimensions/0/Value")))
                        .isEqualTo(Resources.logicalId(chain.stateMachine()));
                assertThat(p.path("Threshold").asDouble()).isEqualTo(1.0);
                assertThat(p.path("AlarmActions")).extracting(Resources::referenced).containsExactly(topic);
            });
        }
    }

    @Test
    void theTransformerAndTheLoaderTakeTheExtractorsBatchLimitAsTheirBudgetPerInvocation() {
        assertThat(RowBudget.DEFAULT_MAX_ROWS).as("one default chain batch per invocation")
                .isEqualTo(ExtractionSettings.DEFAULT_MAX_BATCH_ROWS);
        for (LambdaModule module : List.of(LambdaModule.TRANSFORMER, LambdaModule.LOADER)) {
            Map<String, JsonNode> defaults = HandlerContractTest.environment(pipeline, module);
            assertThat(defaults.get(RowBudget.VARIABLE).asText()).as(module.moduleName()).isEqualTo("2000000");
            SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
            assertThat(HandlerContractTest.environment(configured, module).get(RowBudget.VARIABLE).asText())
                    .isEqualTo(HandlerContractTest.environment(configured, LambdaModule.EXTRACTOR)
                            .get("EXTRACT_MAX_BATCH_ROWS").asText());
        }
    }

    private JsonNode definition() throws Exception {
        String rendered = Resources.render(pipeline.resources.properties(chain.stateMachine())
                .path("DefinitionString"));
        return new ObjectMapper().readTree(rendered);
    }
}
