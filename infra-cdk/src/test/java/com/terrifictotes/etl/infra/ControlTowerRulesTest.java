package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS Control Tower proactive rules (cfn-guard, {@link CfnGuard}) over every synthesised template of each variant:
 * each finding is either gone or suppressed on its resource with a reason ({@link PipelineGuardSuppressions}), and no
 * suppression outlives its finding.
 */
class ControlTowerRulesTest {
    @Test
    void theCheckerIsThePinnedCfnGuard() {
        assertThat(CfnGuard.version()).isEqualTo("cfn-guard " + CfnGuard.GUARD_VERSION);
        try (Stream<Path> rules = Files.walk(CfnGuard.controlTowerRules())) {
            assertThat(rules.filter(p -> p.toString().endsWith(".guard")).count()).isGreaterThan(200);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTemplateThatBreaksARuleIsReportedOnTheResourceThatBreaksIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path template = dir.resolve("Bad.template.json");
        Files.writeString(template, "{\"Resources\":{\"Plain\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{}}}}");
        CfnGuard.Report report = CfnGuard.validate(template);
        assertThat(report.findings()).contains(new CfnGuard.Finding("s3_bucket_versioning_enabled_check",
                "CT.S3.PR.11", "Plain"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured", "behind-nat"})
    void everyFindingIsSuppressedOnItsResourceWithAReason(String variant) throws IOException {
        SynthesizedPipeline pipeline = pipeline(variant);
        List<CfnGuard.Finding> findings = findings(pipeline);
        assertThat(findings).isNotEmpty().allSatisfy(finding -> {
            JsonNode guard = guardMetadata(pipeline, finding.resource());
            assertThat(guard.path(PipelineGuardSuppressions.SUPPRESSED_RULES)).extracting(JsonNode::asText)
                    .as("%s (%s) on %s is neither fixed nor suppressed", finding.rule(), finding.control(),
                            finding.resource())
                    .contains(finding.rule());
            assertThat(guard.at("/" + PipelineGuardSuppressions.REASONS + "/" + finding.rule()).asText())
                    .hasSizeGreaterThan(80).doesNotContainIgnoringCase("todo");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured", "behind-nat"})
    void everySuppressionCoversAFindingOfItsResource(String variant) throws IOException {
        SynthesizedPipeline pipeline = pipeline(variant);
        List<String> found = findings(pipeline).stream().map(f -> f.rule() + " on " + f.resource()).toList();
        List<String> suppressed = new ArrayList<>();
        pipeline.resources.root().path("Resources").fields().forEachRemaining(resource -> resource.getValue()
                .at("/Metadata/guard/" + PipelineGuardSuppressions.SUPPRESSED_RULES)
                .forEach(rule -> suppressed.add(rule.asText() + " on " + resource.getKey())));
        assertThat(suppressed).isNotEmpty();
        assertThat(found).containsAll(suppressed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured", "behind-nat"})
    void theFindingsFixedInTheStackPass(String variant) throws IOException {
        List<String> compliant = new ArrayList<>();
        for (Path template : templates(pipeline(variant))) {
            compliant.addAll(CfnGuard.validate(template).compliantRules());
        }
        assertThat(compliant).contains("cloudwatch_log_group_retention_period_check",
                "cloudwatch_log_group_encrypted_check", "kms_create_grant_aws_service_check",
                "s3_bucket_versioning_enabled_check", "kms_key_rotation_enabled_check",
                "s3_bucket_policy_ssl_requests_only_check", "s3_bucket_level_public_access_prohibited_check",
                "iam_inline_policy_no_statements_with_full_access_check", "sqs_queue_encrypted_check");
    }

    @Test
    void outsideAVpcOnlyTheTransformerIsStillOutsideInTheVpcVariant() throws IOException {
        SynthesizedPipeline configured = pipeline("configured");
        assertThat(findings(configured)).filteredOn(f -> f.rule().equals("lambda_inside_vpc_check"))
                .extracting(CfnGuard.Finding::resource)
                .contains(Resources.logicalId(configured.stack.function(LambdaModule.TRANSFORMER).function()))
                .doesNotContain(Resources.logicalId(configured.stack.function(LambdaModule.EXTRACTOR).function()),
                        Resources.logicalId(configured.stack.function(LambdaModule.LOADER).function()));
    }

    private static List<CfnGuard.Finding> findings(SynthesizedPipeline pipeline) throws IOException {
        List<CfnGuard.Finding> findings = new ArrayList<>();
        for (Path template : templates(pipeline)) {
            findings.addAll(CfnGuard.validate(template).findings());
        }
        return findings;
    }

    /** Every template the app wrote (one stack today; a nested or second stack would be checked too). */
    private static List<Path> templates(SynthesizedPipeline pipeline) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(pipeline.app.getOutdir()))) {
            List<Path> templates = files.filter(p -> p.getFileName().toString().endsWith(".template.json")).toList();
            assertThat(templates).isNotEmpty();
            return templates;
        }
    }

    private static JsonNode guardMetadata(SynthesizedPipeline pipeline, String logicalId) {
        return pipeline.resources.root().path("Resources").path(logicalId).at("/Metadata/"
                + PipelineGuardSuppressions.METADATA_KEY);
    }

    private static SynthesizedPipeline pipeline(String variant) {
        Map<String, SynthesizedPipeline.Lazy> variants = new HashMap<>();
        variants.put("defaults", SynthesizedPipeline.DEFAULTS);
        variants.put("configured", SynthesizedPipeline.CONFIGURED);
        variants.put("behind-nat", SynthesizedPipeline.BEHIND_NAT);
        return variants.get(variant).get();
    }
}
