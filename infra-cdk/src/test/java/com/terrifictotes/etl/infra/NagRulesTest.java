package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The AwsSolutions and Serverless rule packs, applied by the App itself, over both variants of the stack: no finding
 * is left unsuppressed, and every suppression says why (and, for the wildcard rules, exactly which finding).
 */
class NagRulesTest {
    private static final List<String> PACKS = List.of("AwsSolutions", "Serverless");

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured"})
    void noRuleOfEitherPackIsLeftUnsuppressed(String variant) throws IOException {
        SynthesizedPipeline pipeline = pipeline(variant);
        assertThat(Annotations.fromStack(pipeline.stack).findError("*", Match.anyValue())).isEmpty();
        assertThat(Annotations.fromStack(pipeline.stack).findWarning("*", Match.anyValue())).isEmpty();
        List<CSVRecord> rows = report(pipeline);
        assertThat(rows).filteredOn(r -> !List.of("Compliant", "Suppressed").contains(r.get("Compliance")))
                .extracting(r -> r.get("Rule ID") + " " + r.get("Resource ID") + " " + r.get("Compliance"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured"})
    void bothPacksReallyRanOverTheFunctions(String variant) throws IOException {
        List<CSVRecord> rows = report(pipeline(variant));
        for (String rule : List.of("AwsSolutions-L1", "Serverless-LambdaLatestVersion",
                "Serverless-LambdaAsyncFailureDestination", "Serverless-LambdaTracing",
                "Serverless-CloudWatchLogGroupRetentionPeriod", "AwsSolutions-S10", "AwsSolutions-SQS4",
                "AwsSolutions-SNS3", "AwsSolutions-KMS5", "Serverless-EventBusDLQ", "AwsSolutions-SF1",
                "AwsSolutions-SF2")) {
            assertThat(rows).as(rule).anySatisfy(r -> {
                assertThat(r.get("Rule ID")).isEqualTo(rule);
                assertThat(r.get("Compliance")).isEqualTo("Compliant");
            });
        }
        // every synthesis appends to the report, so count resources, not rows
        assertThat(rows.stream().filter(r -> r.get("Rule ID").equals("AwsSolutions-L1"))
                .map(r -> r.get("Resource ID")).distinct())
                .containsExactlyInAnyOrder(pipeline(variant).stack.getStackName() + "/Extractor/Function/Resource",
                        pipeline(variant).stack.getStackName() + "/Transformer/Function/Resource",
                        pipeline(variant).stack.getStackName() + "/Loader/Function/Resource",
                        pipeline(variant).stack.getStackName() + "/Reconciler/Function/Resource");
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured"})
    void everySuppressionGivesASpecificReason(String variant) throws IOException {
        List<CSVRecord> suppressed = report(pipeline(variant)).stream()
                .filter(r -> r.get("Compliance").equals("Suppressed")).toList();
        assertThat(suppressed).isNotEmpty().allSatisfy(r -> assertThat(r.get("Exception Reason"))
                .as(r.get("Rule ID") + " on " + r.get("Resource ID"))
                .hasSizeGreaterThan(80)
                .doesNotContainIgnoringCase("todo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured"})
    void wildcardAndManagedPolicySuppressionsNameTheFindingsTheyCover(String variant) {
        SynthesizedPipeline pipeline = pipeline(variant);
        List<JsonNode> suppressions = new ArrayList<>();
        pipeline.resources.root().path("Resources").forEach(resource ->
                resource.at("/Metadata/cdk_nag/rules_to_suppress").forEach(suppressions::add));
        List<JsonNode> granular = suppressions.stream()
                .filter(s -> List.of("AwsSolutions-IAM5", "AwsSolutions-IAM4").contains(s.path("id").asText()))
                .toList();
        assertThat(granular).isNotEmpty().allSatisfy(s -> assertThat(s.path("applies_to").size())
                .as(s.toString()).isPositive());
        // IAM5 never covers a wildcard action, only resources
        assertThat(granular).filteredOn(s -> s.path("id").asText().equals("AwsSolutions-IAM5"))
                .allSatisfy(s -> s.path("applies_to").forEach(finding ->
                        assertThat(finding.asText()).startsWith("Resource::")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "configured"})
    void suppressedRulesAreOnlyTheReviewedOnes(String variant) throws IOException {
        List<String> suppressedRules = report(pipeline(variant)).stream()
                .filter(r -> r.get("Compliance").equals("Suppressed")).map(r -> r.get("Rule ID")).distinct().toList();
        assertThat(suppressedRules).isSubsetOf("AwsSolutions-IAM4", "AwsSolutions-IAM5", "AwsSolutions-SMG4",
                "AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy", "Serverless-LambdaDLQ");
    }

    private static SynthesizedPipeline pipeline(String variant) {
        return Map.of("defaults", SynthesizedPipeline.DEFAULTS, "configured", SynthesizedPipeline.CONFIGURED)
                .get(variant).get();
    }

    /** The rows of both packs' reports, which cdk-nag writes next to the template. */
    private static List<CSVRecord> report(SynthesizedPipeline pipeline) throws IOException {
        List<CSVRecord> rows = new ArrayList<>();
        for (String pack : PACKS) {
            Path csv = Path.of(pipeline.app.getOutdir(), pack + "-" + pipeline.stack.getStackName() + "-NagReport.csv");
            try (Reader reader = Files.newBufferedReader(csv)) {
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)
                        .forEach(rows::add);
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }
}
