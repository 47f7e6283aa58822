package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.lambda.Runtime;

class FunctionsTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();

    @Test
    void everyFunctionRunsTheNewestJavaRuntimeCdkOffers() {
        Pattern java = Pattern.compile("java(\\d+)");
        String newest = Runtime.ALL.stream().map(Runtime::getName).filter(n -> java.matcher(n).matches())
                .max(Comparator.comparingInt(n -> {
                    Matcher m = java.matcher(n);
                    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
                })).orElseThrow();
        for (LambdaModule module : LambdaModule.values()) {
            assertThat(properties(module).path("Runtime").asText()).as(module.moduleName()).isEqualTo(newest);
        }
    }

    @Test
    void everyFunctionHasItsHandlerSizeAndTuning() {
        Map<LambdaModule, FunctionSizing> sizing = Map.of(
                LambdaModule.EXTRACTOR, new FunctionSizing(1024, 900),
                LambdaModule.TRANSFORMER, new FunctionSizing(1769, 900),
                LambdaModule.LOADER, new FunctionSizing(1024, 900),
                LambdaModule.RECONCILER, new FunctionSizing(1769, 900));
        for (LambdaModule module : LambdaModule.values()) {
            JsonNode function = properties(module);
            assertThat(function.path("Handler").asText()).isEqualTo(module.handlerClass());
            assertThat(function.path("MemorySize").asInt()).isEqualTo(sizing.get(module).memoryMb());
            assertThat(function.path("Timeout").asInt()).isEqualTo(sizing.get(module).timeoutSeconds());
            assertThat(function.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(function.at("/TracingConfig/Mode").asText()).isEqualTo("Active");
            assertThat(function.path("RecursiveLoop").asText()).isEqualTo("Terminate");
            JsonNode environment = function.at("/Environment/Variables");
            assertThat(environment.path("JAVA_TOOL_OPTIONS").asText())
                    .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            assertThat(environment.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo(module.moduleName());
            assertThat(environment.path("POWERTOOLS_METRICS_NAMESPACE").asText()).isEqualTo("TotesEtl");
            assertThat(environment.path("POWERTOOLS_LOG_LEVEL").asText()).isEqualTo("INFO");
        }
    }

    @Test
    void onlyTheExtractorHasReservedConcurrencyOfOne() {
        assertThat(properties(LambdaModule.EXTRACTOR).path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);
        assertThat(properties(LambdaModule.TRANSFORMER).has("ReservedConcurrentExecutions")).isFalse();
        assertThat(properties(LambdaModule.LOADER).has("ReservedConcurrentExecutions")).isFalse();
        assertThat(properties(LambdaModule.RECONCILER).has("ReservedConcurrentExecutions")).isFalse();
    }

    @Test
    void everyFunctionIsPublishedBehindTheLiveAliasOnItsCurrentVersion() {
        for (LambdaModule module : LambdaModule.values()) {
            EtlFunction function = pipeline.stack.function(module);
            JsonNode alias = pipeline.resources.properties(function.alias());
            assertThat(alias.path("Name").asText()).isEqualTo("live");
            String versionId = Resources.referenced(alias.path("FunctionVersion"));
            JsonNode version = pipeline.resources.get(versionId);
            assertThat(version.path("Type").asText()).isEqualTo("AWS::Lambda::Version");
            assertThat(Resources.referenced(version.at("/Properties/FunctionName")))
                    .isEqualTo(Resources.logicalId(function.function()));
        }
    }

    @Test
    void everyFunctionLogsToItsOwnLogGroupWithRetention() {
        for (LambdaModule module : LambdaModule.values()) {
            EtlFunction function = pipeline.stack.function(module);
            String logGroup = Resources.referenced(properties(module).at("/LoggingConfig/LogGroup"));
            assertThat(logGroup).isEqualTo(Resources.logicalId(function.logGroup()));
            assertThat(pipeline.resources.get(logGroup).at("/Properties/RetentionInDays").asInt())
                    .isEqualTo(PipelineSettings.DEFAULT_LOG_RETENTION_DAYS);
        }
        assertThat(SynthesizedPipeline.CONFIGURED.get().resources.ofType("AWS::Logs::LogGroup").values())
                .hasSize(LambdaModule.values().length)
                .allSatisfy(group -> assertThat(group.at("/Properties/RetentionInDays").asInt()).isEqualTo(365));
    }

    @Test
    void withoutNetworkSettingsNoFunctionIsInAVpc() {
        for (LambdaModule module : LambdaModule.values()) {
            assertThat(properties(module).has("VpcConfig")).as(module.moduleName()).isFalse();
        }
    }

    @Test
    void withNetworkSettingsTheDatabaseFunctionsRunInTheGivenSubnetsAndTheTransformerStaysOut() {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        for (LambdaModule module : List.of(LambdaModule.EXTRACTOR, LambdaModule.LOADER, LambdaModule.RECONCILER)) {
            JsonNode vpc = configured.resources.properties(configured.stack.function(module).function())
                    .path("VpcConfig");
            assertThat(vpc.path("SubnetIds")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f");
            assertThat(vpc.path("SecurityGroupIds")).hasSize(1);
        }
        assertThat(configured.resources.properties(configured.stack.function(LambdaModule.TRANSFORMER).function())
                .has("VpcConfig")).isFalse();
    }

    @Test
    void theDatabasesSecurityGroupsAdmitTheFunctionsOnThePostgresPortOnly() {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        Map<String, JsonNode> ingress = configured.resources.ofType("AWS::EC2::SecurityGroupIngress");
        assertThat(ingress.values().stream().map(r -> r.at("/Properties/GroupId").asText()))
                .containsExactlyInAnyOrder("sg-0123456789abcdef0", "sg-0fedcba9876543210");
        assertThat(ingress.values()).allSatisfy(rule -> {
            assertThat(rule.at("/Properties/FromPort").asInt()).isEqualTo(5432);
            assertThat(rule.at("/Properties/ToPort").asInt()).isEqualTo(5432);
            assertThat(rule.at("/Properties/SourceSecurityGroupId").isObject()).isTrue();
        });
        JsonNode group = configured.resources.ofType("AWS::EC2::SecurityGroup").values().iterator().next();
        assertThat(group.at("/Properties/SecurityGroupEgress")).extracting(e -> e.path("ToPort").asInt())
                .containsExactlyInAnyOrder(443, 5432);
        assertThat(group.at("/Properties/SecurityGroupIngress").isMissingNode()).isTrue();
    }

    private JsonNode properties(LambdaModule module) {
        return pipeline.resources.properties(pipeline.stack.function(module).function());
    }
}
