package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.StateMachine;

/** What every state machine of the stack promises of its logs, asserted on the synthesised template. */
final class StateMachineLogs {
    private StateMachineLogs() {
    }

    /**
     * Every event, with execution data, goes to the machine's own log group, encrypted with the stack's log key and
     * kept as long as the functions' logs; the machine is traced; the outputs {@code <name>Arn} and
     * {@code <name>LogGroup} name the two.
     */
    static void assertEverythingLoggedEncryptedAndTraced(SynthesizedPipeline pipeline, StateMachine machine,
                                                         LogGroup logGroup, String name) {
        JsonNode properties = pipeline.resources.properties(machine);
        assertThat(properties.at("/LoggingConfiguration/Level").asText()).isEqualTo("ALL");
        assertThat(properties.at("/LoggingConfiguration/IncludeExecutionData").asBoolean()).isTrue();
        assertThat(Resources.referenced(properties.at("/LoggingConfiguration/Destinations/0/CloudWatchLogsLogGroup"
                + "/LogGroupArn"))).isEqualTo(Resources.logicalId(logGroup));
        assertThat(properties.at("/TracingConfiguration/Enabled").asBoolean()).isTrue();
        JsonNode group = pipeline.resources.properties(logGroup);
        assertThat(group.path("RetentionInDays").asInt()).isEqualTo(PipelineSettings.DEFAULT_LOG_RETENTION_DAYS);
        assertThat(Resources.referenced(group.path("KmsKeyId")))
                .isEqualTo(Resources.logicalId(pipeline.stack.logKey()));
        JsonNode outputs = pipeline.resources.root().path("Outputs");
        assertThat(Resources.referenced(outputs.at("/" + name + "Arn/Value"))).isEqualTo(Resources.logicalId(machine));
        assertThat(Resources.referenced(outputs.at("/" + name + "LogGroup/Value")))
                .isEqualTo(Resources.logicalId(logGroup));
    }
}
