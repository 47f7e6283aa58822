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
                "s3:AbortMultipartUpload,s3:GetObject,s3:PutObject on " + processed + "/manifests/*",
                "s3:GetObject on " + processed + "/decisions/*");
        assertThat(secretGrants(LambdaModule.TRANSFORMER)).isEmpty();
        assertThat(policy(LambdaModule.TRANSFORMER).allows("s3:PutObject", processed + "/"
                + BucketLayout.decisionKey("transform", 1))).as("only the operator decides").isFalse();
    }

    @Test
    void theLoaderReadsProcessedTablesManifestsAndDecisionsAndItsSecretOnly() {
        assertThat(s3Grants(LambdaModule.LOADER)).containsExactlyInAnyOrder(
                "s3:ListBucket on " + processed,
                "s3:GetObject on " + processed + "/tables/*",
                "s3:GetObject on " + processed + "/manifests/*",
                "s3:GetObject on " + processed + "/decisions/*");
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
            assertThat(actionsOnEveryResource(pipeline, module)).as(module.moduleName())
                    .containsExactlyInAnyOrder("xray:PutTelemetryRecords", "xray:PutTraceSegments");
        }
    }

    @Test
    void inAVpcTheDatabaseFunctionsAlsoManageTheirNetworkInterfacesButGetNoLogsRightOnEveryGroup() {
        for (SynthesizedPipeline variant : List.of(SynthesizedPipeline.CONFIGURED.get(),
                SynthesizedPipeline.BEHIND_NAT.get())) {
            for (LambdaModule module : List.of(LambdaModule.EXTRACTOR, LambdaModule.LOADER)) {
                // AWSLambdaVPCAccessExecutionRole v3, less logs:CreateLogGroup, CreateLogStream and PutLogEvents
                assertThat(actionsOnEveryResource(variant, module)).as(module.moduleName()).containsExactlyInAnyOrder(
                        "xray:PutTelemetryRecords", "xray:PutTraceSegments", "ec2:CreateNetworkInterface",
                        "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
                        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses");
                String logGroup = "${" + Resources.logicalId(variant.stack.function(module).logGroup()) + ".Arn}";
                RolePolicy policy = new RolePolicy(variant.resources,
                        Resources.logicalId(variant.stack.function(module).role()));
                assertThat(policy.statements())
                        .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("logs:")))
                        .allSatisfy(s -> assertThat(s.resources()).containsExactly(logGroup));
            }
            assertThat(actionsOnEveryResource(variant, LambdaModule.TRANSFORMER))
                    .containsExactlyInAnyOrder("xray:PutTelemetryRecords", "xray:PutTraceSegments");
        }
    }

    @Test
    void aSecretUnderACustomerKeyMayBeDecryptedWithThatKeyOnlyThroughSecretsManager() {
        Map<SynthesizedPipeline, Map<LambdaModule, String>> keys = Map.of(
                SynthesizedPipeline.CONFIGURED.get(),
                Map.of(LambdaModule.EXTRACTOR, SynthesizedPipeline.TOTESYS_KEY_ARN,
                        LambdaModule.RECONCILER, SynthesizedPipeline.TOTESYS_KEY_ARN),
                SynthesizedPipeline.BEHIND_NAT.get(),
                Map.of(LambdaModule.LOADER, SynthesizedPipeline.WAREHOUSE_KEY_ARN,
                        LambdaModule.RECONCILER, SynthesizedPipeline.WAREHOUSE_KEY_ARN));
        keys.forEach((variant, keyByFunction) -> {
            for (LambdaModule module : LambdaModule.values()) {
                List<RolePolicy.Statement> kms = new RolePolicy(variant.resources,
                        Resources.logicalId(variant.stack.function(module).role())).statements().stream()
                        .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:"))).toList();
                if (!keyByFunction.containsKey(module)) {
                    assertThat(kms).as(module.moduleName()).isEmpty();
                    continue;
                }
                assertThat(kms).singleElement().satisfies(statement -> {
                    assertThat(statement.actions()).containsExactly("kms:Decrypt");
                    assertThat(statement.resources()).containsExactly(keyByFunction.get(module));
                    assertThat(Resources.render(statement.conditions().at("/StringEquals/kms:ViaService")))
                            .isEqualTo("secretsmanager.${AWS::Region}.amazonaws.com");
                });
            }
        });
        // the default stack's secrets are under the account's aws/secretsmanager key: no KMS right at all
        for (LambdaModule module : LambdaModule.values()) {
            assertThat(policy(module).statements())
                    .noneMatch(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:")));
        }
    }

    @Test
    void aSecretCreatedWithACustomerKeyNamedIsCreatedUnderIt() {
        SynthesizedPipeline behindNat = SynthesizedPipeline.BEHIND_NAT.get();
        JsonNode warehouse = behindNat.resources.properties(behindNat.stack.secrets().warehouse().secret());
        assertThat(warehouse.path("KmsKeyId").asText()).isEqualTo(SynthesizedPipeline.WAREHOUSE_KEY_ARN);
        JsonNode totesys = behindNat.resources.properties(behindNat.stack.secrets().totesys().secret());
        assertThat(totesys.has("KmsKeyId")).isFalse();
    }

    private static List<String> actionsOnEveryResource(SynthesizedPipeline variant, LambdaModule module) {
        return new RolePolicy(variant.resources, Resources.logicalId(variant.stack.function(module).role()))
                .statements().stream().filter(s -> s.resources().contains("*"))
                .flatMap(s -> s.actions().stream()).toList();
    }

    @Test
    void noFunctionPolicyNamesAResourceByAHandWrittenArn() {
        for (SynthesizedPipeline variant : List.of(pipeline, SynthesizedPipeline.CONFIGURED.get())) {
            for (LambdaModule module : LambdaModule.values()) {
                RolePolicy policy = new RolePolicy(variant.resources,
                        Resources.logicalId(variant.stack.function(module).role()));
                for (RolePolicy.Statement statement : policy.statements()) {
                    // resources are "*" (X-Ray), references to resources of this stack, secrets imported by name,
                    // or the KMS key that context names for a secret
                    assertThat(statement.resources()).allSatisfy(resource -> assertThat(resource.equals("*")
                            || resource.startsWith("${")
                            || resource.contains(":secretsmanager:") && resource.endsWith("-??????")
                            || resource.equals(SynthesizedPipeline.TOTESYS_KEY_ARN))
                            .as("%s of %s", resource, module.moduleName()).isTrue());
                }
            }
        }
    }

    @Test
    void functionRolesCarryNoManagedPolicyEvenInAVpc() {
        for (SynthesizedPipeline variant : List.of(pipeline, SynthesizedPipeline.CONFIGURED.get())) {
            for (LambdaModule module : LambdaModule.values()) {
                JsonNode role = variant.resources.properties(variant.stack.function(module).role());
                assertThat(role.has("ManagedPolicyArns")).as(module.moduleName()).isFalse();
                assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText())
                        .isEqualTo("lambda.amazonaws.com");
            }
        }
    }

    @Test
    void aVpcFunctionIsCreatedOnlyAfterItsRoleMayManageNetworkInterfaces() {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        for (LambdaModule module : List.of(LambdaModule.EXTRACTOR, LambdaModule.LOADER, LambdaModule.RECONCILER)) {
            EtlFunction function = configured.stack.function(module);
            String policy = configured.resources.ofType("AWS::IAM::Policy").entrySet().stream()
                    .filter(p -> Resources.list(p.getValue().at("/Properties/Roles")).stream()
                            .anyMatch(r -> Resources.logicalId(function.role()).equals(Resources.referenced(r))))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            // Lambda checks the role's ec2 rights when it creates a VPC function: the inline policy must exist first
            assertThat(configured.resources.get(Resources.logicalId(function.function())).path("DependsOn"))
                    .extracting(JsonNode::asText).contains(policy);
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
