package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.s3.Bucket;

class TriggersTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();

    @Test
    void everyFifteenMinutesTheScheduleStartsTheExtractionChainNotTheExtractorItself() {
        JsonNode rule = pipeline.resources.properties(pipeline.stack.triggers().extractorSchedule());
        assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("rate(15 minutes)");
        assertThat(rule.path("State").asText()).isEqualTo("ENABLED");
        assertThat(rule.path("Targets")).hasSize(1);
        assertThat(Resources.referenced(rule.at("/Targets/0/Arn")))
                .isEqualTo(Resources.logicalId(pipeline.stack.extractionChain().stateMachine()));
        // the default input is the ScheduledEvent itself: the chain hands it to the extractor's handler, which takes it
        assertThat(rule.at("/Targets/0").has("Input")).isFalse();
        // EventBridge may start the chain, and nothing else
        RolePolicy events = new RolePolicy(pipeline.resources, Resources.referenced(rule.at("/Targets/0/RoleArn")));
        assertThat(events.statements()).extracting(RolePolicy.Statement::actions)
                .containsExactly(List.of("states:StartExecution"));
        assertThat(events.statements().get(0).resources()).containsExactly(
                "${" + Resources.logicalId(pipeline.stack.extractionChain().stateMachine()) + "}");
        // and no rule invokes the extractor directly any more
        assertThat(pipeline.resources.ofType("AWS::Events::Rule").values()).allSatisfy(r -> assertThat(
                r.at("/Properties/Targets").findValues("Arn").stream().map(Resources::referenced))
                .doesNotContain(aliasOf(LambdaModule.EXTRACTOR)));
        assertThat(SynthesizedPipeline.CONFIGURED.get().resources
                .properties(SynthesizedPipeline.CONFIGURED.get().stack.triggers().extractorSchedule())
                .path("ScheduleExpression").asText()).isEqualTo("rate(10 minutes)");
    }

    @Test
    void theDailyCatchUpStartsTheCatchUpChainWithAnEmptyS3EventAndInvokesNoFunctionItself() throws Exception {
        JsonNode rule = pipeline.resources.properties(pipeline.stack.triggers().catchUp());
        assertThat(rule.path("ScheduleExpression").asText()).startsWith("cron(").endsWith(" * ? *)");
        assertThat(rule.path("Targets")).singleElement().satisfies(target -> {
            assertThat(Resources.referenced(target.path("Arn")))
                    .isEqualTo(Resources.logicalId(pipeline.stack.catchUpChain().stateMachine()));
            assertThat(new ObjectMapper().readTree(target.path("Input").asText()).toString())
                    .isEqualTo("{\"Records\":[]}");
            // EventBridge may start the catch-up chain, and nothing else
            RolePolicy events = new RolePolicy(pipeline.resources, Resources.referenced(target.path("RoleArn")));
            assertThat(events.statements()).extracting(RolePolicy.Statement::actions)
                    .containsExactly(List.of("states:StartExecution"));
            assertThat(events.statements().get(0).resources()).containsExactly(
                    "${" + Resources.logicalId(pipeline.stack.catchUpChain().stateMachine()) + "}");
        });
        // no rule invokes the transformer or the loader directly: only their buckets' notifications and the chain
        assertThat(pipeline.resources.ofType("AWS::Events::Rule").values()).allSatisfy(r -> assertThat(
                r.at("/Properties/Targets").findValues("Arn").stream().map(Resources::referenced))
                .doesNotContain(aliasOf(LambdaModule.TRANSFORMER), aliasOf(LambdaModule.LOADER)));
    }

    @Test
    void aManifestInTheIngestionBucketTriggersTheTransformerAndOneInTheProcessedBucketTheLoader() {
        assertThat(notifiedAliases(pipeline.stack.buckets().ingestion()))
                .containsExactly(aliasOf(LambdaModule.TRANSFORMER));
        assertThat(notifiedAliases(pipeline.stack.buckets().processed()))
                .containsExactly(aliasOf(LambdaModule.LOADER));
    }

    @Test
    void notificationsFireOnlyForCreatedManifests() {
        for (Bucket bucket : List.of(pipeline.stack.buckets().ingestion(), pipeline.stack.buckets().processed())) {
            JsonNode configuration = notifications(bucket).at("/NotificationConfiguration/LambdaFunctionConfigurations/0");
            assertThat(configuration.path("Events")).extracting(JsonNode::asText).containsExactly("s3:ObjectCreated:*");
            assertThat(configuration.at("/Filter/Key/FilterRules")).extracting(r -> r.path("Name").asText() + "="
                            + r.path("Value").asText())
                    .containsExactlyInAnyOrder("prefix=manifests/", "suffix=.json");
        }
        // the filters admit every manifest key the pipeline writes and no data key
        assertThat(BucketLayout.ingestionManifestKey(3)).startsWith("manifests/").endsWith(".json");
        assertThat(BucketLayout.processedManifestKey(3)).startsWith("manifests/").endsWith(".json");
        assertThat(BucketLayout.parquetPartKey("dim_date", 3, 0)).doesNotStartWith("manifests/");
    }

    @Test
    void s3MayInvokeEachNotifiedAliasOnlyFromItsOwnBucket() {
        Map<String, JsonNode> permissions = pipeline.resources.ofType("AWS::Lambda::Permission");
        for (Map.Entry<LambdaModule, Bucket> expected : Map.of(
                LambdaModule.TRANSFORMER, pipeline.stack.buckets().ingestion(),
                LambdaModule.LOADER, pipeline.stack.buckets().processed()).entrySet()) {
            assertThat(permissions.values()).anySatisfy(permission -> {
                JsonNode p = permission.path("Properties");
                assertThat(p.path("Principal").asText()).isEqualTo("s3.amazonaws.com");
                assertThat(Resources.referenced(p.path("FunctionName"))).isEqualTo(aliasOf(expected.getKey()));
                assertThat(Resources.referenced(p.path("SourceArn")))
                        .isEqualTo(Resources.logicalId(expected.getValue()));
            });
        }
    }

    @Test
    void noFunctionCanWriteTheBucketWhoseNotificationsTriggerIt() {
        for (Map.Entry<Bucket, LambdaModule> triggered : Map.of(
                pipeline.stack.buckets().ingestion(), LambdaModule.TRANSFORMER,
                pipeline.stack.buckets().processed(), LambdaModule.LOADER).entrySet()) {
            RolePolicy policy = new RolePolicy(pipeline.resources,
                    Resources.logicalId(pipeline.stack.function(triggered.getValue()).role()));
            String anyManifest = "${" + Resources.logicalId(triggered.getKey()) + ".Arn}/"
                    + BucketLayout.processedManifestKey(1).replace("processed", "ingestion");
            String ownBucketObjects = "${" + Resources.logicalId(triggered.getKey()) + ".Arn}/";
            assertThat(policy.allows("s3:PutObject", anyManifest)).isFalse();
            for (String prefix : List.of("data/", "manifests/", "tables/", "state/")) {
                assertThat(policy.allows("s3:PutObject", ownBucketObjects + prefix + "x")).isFalse();
            }
        }
        // and every function's recursive-loop detection stops a loop should one ever be configured
        for (LambdaModule module : LambdaModule.values()) {
            assertThat(pipeline.resources.properties(pipeline.stack.function(module).function())
                    .path("RecursiveLoop").asText()).isEqualTo("Terminate");
        }
    }

    private List<String> notifiedAliases(Bucket bucket) {
        return Resources.list(notifications(bucket).at("/NotificationConfiguration/LambdaFunctionConfigurations"))
                .stream().map(c -> Resources.referenced(c.path("LambdaFunctionArn"))).toList();
    }

    private JsonNode notifications(Bucket bucket) {
        List<JsonNode> found = pipeline.resources.ofType("Custom::S3BucketNotifications").values().stream()
                .filter(n -> Resources.logicalId(bucket).equals(Resources.referenced(n.at("/Properties/BucketName"))))
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0).path("Properties");
    }

    private String aliasOf(LambdaModule module) {
        return Resources.logicalId(pipeline.stack.function(module).alias());
    }
}
