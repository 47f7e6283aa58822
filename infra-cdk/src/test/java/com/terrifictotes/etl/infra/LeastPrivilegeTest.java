package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LeastPrivilegeTest {
    /** CDK's secret read grant: the value, and the metadata call that comes with it. */
    private static final String SECRET_READ = "secretsmanager:DescribeSecret,secretsmanager:GetSecretValue";
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
    private final String ingestion = "${" + Resources.logicalId(pipeline.stack.buckets().ingestion()) + ".Arn}";
    private final String processed = "${" + Resources.logicalId(pipeline.stack.buckets().processed()) + ".Arn}";

    @Test
    void theExtractorWritesAndReadsTheIngestionBucketAndReadsItsSecretOnly() {
        assertThat(s3Grants(LambdaModule.EXTRACTOR)).containsExactlyInAnyOrder(
                "s3:ListBucket on " + ingestion,
                "s3:AbortMultipartUpload,s3:GetObject,s3:PutObject on " + ingestion + "/data/*",
                "s3:AbortMultipartUpload,s3:GetObject,s3:PutObject on " + ingestion + "/manifests/*");
        assertThat(secretGrants(LambdaModule.EXTRACTOR)).containsExactly(SECRET_READ + " on ${"
                + Resources.logicalId(pipeline.stack.secrets().totesys().secret()) + "}");
    }

    @Test
    void theTransformerReadsIngestionAndWritesAndReadsTheProcessedBucketWithoutSecrets() {
        assertThat(s3Grants(LambdaModule.TRANSFORMER)).containsExactlyInAnyOrder(
                "s3:ListBucket on " + ingestion,
                "s3:GetObject on " + ingestion + "/data/*",
                "s3:GetObject on " + ingestion + "/manifests/*",
                "s3:ListBucket on " + processed,
                "s3:AbortMultipartUpload,s3:GetObject,s3:PutObject on " + processed + "/tables/*",
                "s3:AbortMultipartUpload,s3:GetObject,s3:PutObject on " + processed + "/state/*",
                "s3:AbortMultipartUpload,s3:GetObject,s3:PutObject on " + processed + "/manifests/*");
        assertThat(secretGrants(LambdaModule.TRANSFORMER)).isEmpty();
    }

    @Test
    void theLoaderReadsProcessedTablesAndManifestsAndItsSecretOnly() {
        assertThat(s3Grants(LambdaModule.LOADER)).containsExactlyInAnyOrder(
                "s3:ListBucket on " + processed,
                "s3:GetObject on " + processed + "/tables/*",
                "s3:GetObject on " + processed + "/manifests/*");
        assertThat(secretGrants(LambdaModule.LOADER)).containsExactly(SECRET_READ + " on ${"
                + Resources.logicalId(pipeline.stack.secrets().warehouse().secret()) + "}");
        RolePolicy loader = policy(LambdaModule.LOADER);
        assertThat(loader.allows("s3:GetObject", processed + "/" + BucketLayout.statePartKey("staff", 1, 0)))
                .as("the transformer's state is not the loader's business").isFalse();
    }

    @Test
    void theReconcilerReadsBothSecretsAndTheIngestionBucketAndWritesItsBatchThereOnly() {
        assertThat(s3Grants(LambdaModule.RECONCILER)).as("the extractor's rights: it publishes a batch like one")
                .containsExactlyInAnyOrderElementsOf(s3Grants(LambdaModule.EXTRACTOR));
        assertThat(secretGrants(LambdaModule.RECONCILER)).containsExactlyInAnyOrder(
                SECRET_READ + " on ${" + Resources.logicalId(pipeline.stack.secrets().totesys().secret()) + "}",
                SECRET_READ + " on ${" + Resources.logicalId(pipeline.stack.secrets().warehouse().secret()) + "}");
        assertThat(policy(LambdaModule.RECONCILER).allows("s3:GetObject", processed + "/"
                + BucketLayout.processedManifestKey(1))).as("the processed zone is not its business").isFalse();
    }

    @Test
    void noPolicyGrantsAWildcardAction() {
        for (SynthesizedPipeline variant : List.of(pipeline, SynthesizedPipeline.CONFIGURED.get())) {
            for (JsonNode policy : variant.resources.ofType("AWS::IAM::Policy").values()) {
                for (JsonNode statement : Resources.list(policy.at("/Properties/PolicyDocument/Statement"))) {
                    assertThat(Resources.list(statement.get("Action"))).extracting(JsonNode::asText)
                            .allSatisfy(action -> assertThat(action).doesNotContain("*").doesNotContain("?"));
                }
            }
        }
    }

    @Test
    void onlyXRayIsGrantedOnEveryResource() {
        for (LambdaModule module : LambdaModule.values()) {
            for (RolePolicy.Statement statement : policy(module).statements()) {
                if (statement.resources().contains("*")) {
                    assertThat(statement.actions()).containsExactlyInAnyOrder("xray:PutTelemetryRecords",
                            "xray:PutTraceSegments");
                }
            }
        }
    }

    @Test
    void noFunctionPolicyNamesAResourceByAHandWrittenArn() {
        for (SynthesizedPipeline variant : List.of(pipeline, SynthesizedPipeline.CONFIGURED.get())) {
            for (LambdaModule module : LambdaModule.values()) {
                RolePolicy policy = new RolePolicy(variant.resources,
                        Resources.logicalId(variant.stack.function(module).role()));
                for (RolePolicy.Statement statement : policy.statements()) {
                    // resources are "*" (X-Ray), references to resources of this stack, or secrets imported by name
                    assertThat(statement.resources()).allSatisfy(resource -> assertThat(resource.equals("*")
                            || resource.startsWith("${")
                            || resource.contains(":secretsmanager:") && resource.endsWith("-??????"))
                            .as("%s of %s", resource, module.moduleName()).isTrue());
                }
            }
        }
    }

    @Test
    void functionRolesCarryNoManagedPolicyUnlessPlacedInAVpc() {
        for (LambdaModule module : LambdaModule.values()) {
            JsonNode role = pipeline.resources.properties(pipeline.stack.function(module).role());
            assertThat(role.has("ManagedPolicyArns")).as(module.moduleName()).isFalse();
            assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText())
                    .isEqualTo("lambda.amazonaws.com");
        }
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        for (LambdaModule module : List.of(LambdaModule.EXTRACTOR, LambdaModule.LOADER, LambdaModule.RECONCILER)) {
            assertThat(configured.resources.properties(configured.stack.function(module).role())
                    .path("ManagedPolicyArns").toString()).contains("AWSLambdaVPCAccessExecutionRole");
        }
    }

    @Test
    void importedSecretsAreGrantedByTheirNamePattern() {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        RolePolicy extractor = new RolePolicy(configured.resources,
                Resources.logicalId(configured.stack.function(LambdaModule.EXTRACTOR).role()));
        List<String> secretResources = extractor.statements().stream()
                .filter(s -> s.actions().contains("secretsmanager:GetSecretValue"))
                .flatMap(s -> s.resources().stream()).toList();
        assertThat(secretResources).singleElement().satisfies(arn ->
                assertThat(arn).endsWith(":secret:totesys/readonly-??????"));
    }

    private Set<String> s3Grants(LambdaModule module) {
        return grants(module, "s3:");
    }

    private Set<String> secretGrants(LambdaModule module) {
        return grants(module, "secretsmanager:");
    }

    /** "action,action on resource" for each resource granted actions of the service, across all statements. */
    private Set<String> grants(LambdaModule module, String service) {
        Map<String, Set<String>> actionsByResource = new TreeMap<>();
        for (RolePolicy.Statement statement : policy(module).statements()) {
            List<String> actions = statement.actions().stream().filter(a -> a.startsWith(service)).toList();
            statement.resources().forEach(r -> actionsByResource.computeIfAbsent(r, k -> new TreeSet<>())
                    .addAll(actions));
        }
        Set<String> grants = new TreeSet<>();
        actionsByResource.forEach((resource, actions) -> {
            if (!actions.isEmpty()) {
                grants.add(String.join(",", actions) + " on " + resource);
            }
        });
        return grants;
    }

    private RolePolicy policy(LambdaModule module) {
        return new RolePolicy(pipeline.resources, Resources.logicalId(pipeline.stack.function(module).role()));
    }

}
