package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureHandlingTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();

    @Test
    void everyAliasRetriesAsyncInvocationsBoundedlyThenSendsThemToTheFailureQueue() {
        Map<LambdaModule, int[]> expected = Map.of(
                LambdaModule.EXTRACTOR, new int[] {0, 900},
                LambdaModule.TRANSFORMER, new int[] {2, 21_600},
                LambdaModule.LOADER, new int[] {2, 21_600},
                LambdaModule.RECONCILER, new int[] {2, 21_600});
        Map<String, JsonNode> configs = pipeline.resources.ofType("AWS::Lambda::EventInvokeConfig");
        assertThat(configs).hasSize(LambdaModule.values().length);
        for (LambdaModule module : LambdaModule.values()) {
            EtlFunction function = pipeline.stack.function(module);
            JsonNode config = configs.values().stream()
                    .filter(c -> Resources.logicalId(function.function())
                            .equals(Resources.referenced(c.at("/Properties/FunctionName"))))
                    .findFirst().orElseThrow().path("Properties");
            assertThat(config.at("/Qualifier/Fn::Select/1/Fn::Split/1/Ref").asText())
                    .as("the qualifier is the alias").isEqualTo(Resources.logicalId(function.alias()));
            assertThat(config.path("MaximumRetryAttempts").asInt()).isEqualTo(expected.get(module)[0]);
            assertThat(config.path("MaximumEventAgeInSeconds").asInt()).isEqualTo(expected.get(module)[1]);
            assertThat(Resources.referenced(config.at("/DestinationConfig/OnFailure/Destination")))
                    .isEqualTo(Resources.logicalId(pipeline.stack.failureQueue()));
        }
    }

    @Test
    void theFailureQueueIsEncryptedTlsOnlyAndKeepsMessagesFourteenDays() {
        JsonNode queue = pipeline.resources.properties(pipeline.stack.failureQueue());
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(queue.path("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600);
        JsonNode policy = pipeline.resources.ofType("AWS::SQS::QueuePolicy").values().iterator().next();
        assertThat(Resources.list(policy.at("/Properties/PolicyDocument/Statement"))).anySatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
        });
    }

    @Test
    void everyScheduledDeliveryThatFailsAlsoLandsInTheFailureQueue() {
        for (var rule : List.of(pipeline.stack.triggers().extractorSchedule(), pipeline.stack.triggers().catchUp())) {
            for (JsonNode target : pipeline.resources.properties(rule).path("Targets")) {
                assertThat(Resources.referenced(target.at("/DeadLetterConfig/Arn")))
                        .isEqualTo(Resources.logicalId(pipeline.stack.failureQueue()));
                assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isEqualTo(2);
            }
        }
    }

    @Test
    void eachFunctionMaySendToTheFailureQueue() {
        String queueArn = "${" + Resources.logicalId(pipeline.stack.failureQueue()) + ".Arn}";
        for (LambdaModule module : LambdaModule.values()) {
            RolePolicy policy = new RolePolicy(pipeline.resources,
                    Resources.logicalId(pipeline.stack.function(module).role()));
            assertThat(policy.allows("sqs:SendMessage", queueArn)).as(module.moduleName()).isTrue();
        }
    }
}
