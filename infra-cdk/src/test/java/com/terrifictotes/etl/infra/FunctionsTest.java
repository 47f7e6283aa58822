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
                    .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED");
            assertThat(environment.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo(module.moduleName());
            assertThat(environment.path("POWERTOOLS_METRICS_NAMESPACE").asText()).isEqualTo("TotesEtl");
            assertThat(environment.path("POWERTOOLS_LOG_LEVEL").asText()).isEqualTo("INFO");
        }
    }

    @Test
    void noFunctionReservesConcurrencySoTheStackDeploysOnAnAccountWithAQuotaOfTen() {
        for (SynthesizedPipeline variant : List.of(pipeline, SynthesizedPipeline.BEHIND_NAT.get())) {
            assertThat(variant.resources.ofType("AWS::Lambda::Function").values())
                    .noneSatisfy(f -> assertThat(f.path("Properties").has("ReservedConcurrentExecutions")).isTrue());
        }
    }

    @Test
    void contextReservesConcurrencyForExactlyTheFunctionsItNames() {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        Map<LambdaModule, Integer> reserved = new java.util.EnumMap<>(LambdaModule.class);
        for (LambdaModule module : LambdaModule.values()) {
            JsonNode function = configured.resources.properties(configured.stack.function(module).function());
            if (function.has("ReservedConcurrentExecutions")) {
                reserved.put(module, function.path("ReservedConcurrentExecutions").asInt());
            }
        }
        assertThat(reserved).containsExactlyInAnyOrderEntriesOf(Map.of(LambdaModule.EXTRACTOR, 1,
                LambdaModule.LOADER, 2));
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
    void everyFunctionLogsToItsOwnLogGroupKeptAYearAndEncryptedWithTheStacksLogKey() {
        String logKey = Resources.logicalId(pipeline.stack.logKey());
        for (LambdaModule module : LambdaModule.values()) {
            EtlFunction function = pipeline.stack.function(module);
            String logGroup = Resources.referenced(properties(module).at("/LoggingConfig/LogGroup"));
            assertThat(logGroup).isEqualTo(Resources.logicalId(function.logGroup()));
            JsonNode group = pipeline.resources.get(logGroup);
            assertThat(group.at("/Properties/RetentionInDays").asInt()).isEqualTo(365);
            assertThat(Resources.referenced(group.at("/Properties/KmsKeyId"))).isEqualTo(logKey);
            assertThat(group.path("DeletionPolicy").asText()).isEqualTo("Retain");
        }
        assertThat(PipelineSettings.DEFAULT_LOG_RETENTION_DAYS).isEqualTo(365);
        // and the extraction chain's (ExtractionChainTest) and the catch-up chain's (CatchUpChainTest)
        assertThat(SynthesizedPipeline.CONFIGURED.get().resources.ofType("AWS::Logs::LogGroup").values())
                .hasSize(LambdaModule.values().length + 2)
                .allSatisfy(group -> assertThat(group.at("/Properties/RetentionInDays").asInt()).isEqualTo(400));
    }

    @Test
    void theLogKeyIsRotatedRetainedWithTheLogsAndUsableByCloudWatchLogsOfThisAccountOnly() {
        JsonNode key = pipeline.resources.get(Resources.logicalId(pipeline.stack.logKey()));
        assertThat(key.at("/Properties/EnableKeyRotation").asBoolean()).isTrue();
        assertThat(key.path("DeletionPolicy").asText()).isEqualTo("Retain");
        JsonNode logs = Resources.list(key.at("/Properties/KeyPolicy/Statement")).stream()
                .filter(s -> s.path("Sid").asText().equals("CloudWatchLogsOfThisAccount")).findFirst().orElseThrow();
        assertThat(Resources.render(logs.at("/Principal/Service"))).isEqualTo("logs.${AWS::Region}.amazonaws.com");
        assertThat(Resources.render(logs.at("/Condition/ArnLike/kms:EncryptionContext:aws:logs:arn")))
                .isEqualTo("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*");
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

    private JsonNode properties(LambdaModule module) {
        return pipeline.resources.properties(pipeline.stack.function(module).function());
    }
}
