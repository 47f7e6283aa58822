package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.s3.Bucket;

class LakeBucketsTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
    private final LakeBuckets buckets = pipeline.stack.buckets();

    @Test
    void bothZonesArePrivateEncryptedVersionedAndOutliveTheStack() {
        for (Bucket bucket : List.of(buckets.ingestion(), buckets.processed())) {
            JsonNode resource = pipeline.resources.get(Resources.logicalId(bucket));
            JsonNode properties = resource.path("Properties");
            assertThat(properties.path("PublicAccessBlockConfiguration").toString())
                    .isEqualTo("{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,"
                            + "\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}");
            assertThat(properties.at("/BucketEncryption/ServerSideEncryptionConfiguration/0"
                    + "/ServerSideEncryptionByDefault/SSEAlgorithm").asText()).isEqualTo("AES256");
            assertThat(properties.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
            assertThat(resource.path("DeletionPolicy").asText()).isEqualTo("Retain");
            assertThat(resource.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        }
    }

    @Test
    void bothZonesRefuseRequestsWithoutTls() {
        for (Bucket bucket : List.of(buckets.ingestion(), buckets.processed())) {
            List<JsonNode> tlsDenials = policyStatements(bucket).stream()
                    .filter(s -> s.path("Effect").asText().equals("Deny")
                            && s.path("Action").asText().equals("s3:*")
                            && s.at("/Condition/Bool/aws:SecureTransport").asText().equals("false"))
                    .toList();
            assertThat(tlsDenials).hasSize(1);
            assertThat(Resources.list(tlsDenials.get(0).get("Resource")).stream().map(Resources::render))
                    .containsExactlyInAnyOrder("${" + id(bucket) + ".Arn}", "${" + id(bucket) + ".Arn}/*");
        }
    }

    @Test
    void bothZonesAbortIncompleteMultipartUploadsAfterOneDay() {
        for (Bucket bucket : List.of(buckets.ingestion(), buckets.processed())) {
            JsonNode rules = pipeline.resources.properties(bucket).at("/LifecycleConfiguration/Rules");
            assertThat(rules).anySatisfy(rule -> {
                assertThat(rule.at("/AbortIncompleteMultipartUpload/DaysAfterInitiation").asInt()).isEqualTo(1);
                assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
            });
        }
    }

    @Test
    void byDefaultNothingInTheLakeChangesStorageClassOrExpires() {
        for (Bucket bucket : List.of(buckets.ingestion(), buckets.processed())) {
            JsonNode rules = pipeline.resources.properties(bucket).at("/LifecycleConfiguration/Rules");
            assertThat(rules).singleElement().satisfies(rule -> assertThat(rule.path("Id").asText())
                    .isEqualTo("abort-incomplete-multipart-uploads"));
        }
    }

    @Test
    void withLifecycleContextOnlyTheBulkPrefixesMoveAndOnlyToClassesThatServeAGetAtOnce() {
        SynthesizedPipeline configured = SynthesizedPipeline.CONFIGURED.get();
        Map<Bucket, String> bulk = Map.of(configured.stack.buckets().ingestion(), BucketLayout.DATA_PREFIX,
                configured.stack.buckets().processed(), BucketLayout.TABLES_PREFIX);
        bulk.forEach((bucket, prefix) -> {
            List<JsonNode> transitioning = Resources.list(configured.resources.properties(bucket)
                    .at("/LifecycleConfiguration/Rules")).stream().filter(r -> r.has("Transitions")).toList();
            assertThat(transitioning).singleElement().satisfies(rule -> {
                assertThat(rule.path("Prefix").asText()).isEqualTo(prefix);
                assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
                assertThat(rule.path("Transitions")).extracting(t -> t.path("StorageClass").asText() + "@"
                        + t.path("TransitionInDays").asInt()).containsExactly("STANDARD_IA@30", "GLACIER_IR@120");
            });
        });
    }

    @Test
    void noRuleEverExpiresAnObjectALaterBatchMayReferenceOrMovesItOutOfReach() {
        // state/<table>/batch=N of an unchanged table is read by every later batch; the latest ingestion manifest
        // starts every extraction; pending batches' data is read by the transformer
        for (SynthesizedPipeline variant : List.of(pipeline, SynthesizedPipeline.CONFIGURED.get())) {
            for (Bucket bucket : List.of(variant.stack.buckets().ingestion(), variant.stack.buckets().processed())) {
                for (JsonNode rule : Resources.list(variant.resources.properties(bucket)
                        .at("/LifecycleConfiguration/Rules"))) {
                    assertThat(rule.fieldNames()).toIterable().as(rule.toString())
                            .doesNotContain("ExpirationInDays", "ExpirationDate", "ExpiredObjectDeleteMarker",
                                    "NoncurrentVersionExpiration", "NoncurrentVersionExpirationInDays",
                                    "NoncurrentVersionTransitions", "NoncurrentVersionTransition");
                    assertThat(rule.path("Prefix").asText()).as("state/ and manifests/ are read on every run")
                            .isIn("", BucketLayout.DATA_PREFIX, BucketLayout.TABLES_PREFIX);
                    rule.path("Transitions").forEach(t -> assertThat(t.path("StorageClass").asText())
                            .as("no class that needs a restore").isIn("STANDARD_IA", "GLACIER_IR"));
                }
            }
        }
    }

    @Test
    void theAccessLogBucketIsVersionedAndForgetsLogsAndTheirDeletedVersionsAfterAYear() {
        JsonNode logs = pipeline.resources.properties(buckets.accessLogs());
        assertThat(logs.at("/VersioningConfiguration/Status").asText()).isEqualTo("Enabled");
        assertThat(logs.at("/LifecycleConfiguration/Rules")).singleElement().satisfies(rule -> {
            assertThat(rule.path("ExpirationInDays").asInt()).isEqualTo(365);
            assertThat(rule.at("/NoncurrentVersionExpiration/NoncurrentDays").asInt()).isEqualTo(365);
        });
    }

    @Test
    void bothZonesLogAccessToTheAccessLogBucket() {
        String logBucket = id(buckets.accessLogs());
        assertThat(Resources.referenced(pipeline.resources.properties(buckets.ingestion())
                .at("/LoggingConfiguration/DestinationBucketName"))).isEqualTo(logBucket);
        assertThat(Resources.referenced(pipeline.resources.properties(buckets.processed())
                .at("/LoggingConfiguration/DestinationBucketName"))).isEqualTo(logBucket);
        JsonNode logs = pipeline.resources.get(logBucket);
        assertThat(logs.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(logs.at("/Properties/PublicAccessBlockConfiguration/RestrictPublicBuckets").asBoolean()).isTrue();
    }

    @Test
    void anUnconditionalPutOfAPipelineKeyIsDenied() {
        String csv = BucketLayout.csvPartKey("sales_order", LocalDate.of(2026, 11, 21), 7, "r1", 0);
        assertThat(writeOnceDenies(buckets.ingestion(), csv, Map.of("s3:ObjectCreationOperation", "true")))
                .as("PutObject of %s without If-None-Match", csv).isTrue();
        assertThat(writeOnceDenies(buckets.ingestion(), BucketLayout.ingestionManifestKey(7),
                Map.of("s3:ObjectCreationOperation", "true"))).isTrue();
        for (String key : List.of(BucketLayout.parquetPartKey("dim_staff", 7, 0),
                BucketLayout.statePartKey("staff", 7, 0), BucketLayout.processedManifestKey(7))) {
            assertThat(writeOnceDenies(buckets.processed(), key, Map.of("s3:ObjectCreationOperation", "true")))
                    .as("CompleteMultipartUpload or PutObject of %s without If-None-Match", key).isTrue();
        }
    }

    @Test
    void aConditionalPutIsNotDenied() {
        String manifest = BucketLayout.ingestionManifestKey(7);
        assertThat(writeOnceDenies(buckets.ingestion(), manifest,
                Map.of("s3:ObjectCreationOperation", "true", "s3:if-none-match", "*"))).isFalse();
    }

    @Test
    void multipartPartsWhichCannotCarryTheHeaderAreNotDenied() {
        // CreateMultipartUpload and UploadPart are authorised as s3:PutObject with ObjectCreationOperation false
        String part = BucketLayout.parquetPartKey("fact_sales_order", 7, 0);
        assertThat(writeOnceDenies(buckets.processed(), part, Map.of("s3:ObjectCreationOperation", "false")))
                .isFalse();
    }

    @Test
    void writeOnceCoversExactlyThePrefixesThePipelineWrites() {
        JsonNode statement = writeOnceStatement(buckets.processed());
        assertThat(Resources.list(statement.get("Resource")).stream().map(Resources::render))
                .containsExactlyInAnyOrder(
                        "${" + id(buckets.processed()) + ".Arn}/" + BucketLayout.TABLES_PREFIX + "*",
                        "${" + id(buckets.processed()) + ".Arn}/" + BucketLayout.STATE_PREFIX + "*",
                        "${" + id(buckets.processed()) + ".Arn}/" + BucketLayout.MANIFEST_PREFIX + "*",
                        "${" + id(buckets.processed()) + ".Arn}/" + BucketLayout.DECISIONS_PREFIX + "*");
        assertThat(statement.path("Principal").toString()).isEqualTo("{\"AWS\":\"*\"}");
    }

    /** Evaluates the write-once Deny the way IAM does for the two condition operators it uses. */
    private boolean writeOnceDenies(Bucket bucket, String key, Map<String, String> requestContext) {
        JsonNode statement = writeOnceStatement(bucket);
        String objectArn = "${" + id(bucket) + ".Arn}/" + key;
        boolean resourceMatches = Resources.list(statement.get("Resource")).stream()
                .anyMatch(r -> RolePolicy.matches(Resources.render(r), objectArn, false));
        if (!resourceMatches || !statement.path("Action").asText().equals("s3:PutObject")) {
            return false;
        }
        Map<String, Boolean> outcomes = new HashMap<>();
        statement.path("Condition").fields().forEachRemaining(operator -> operator.getValue().fields()
                .forEachRemaining(condition -> {
                    String actual = requestContext.get(condition.getKey());
                    boolean holds = switch (operator.getKey()) {
                        case "Null" -> (actual == null) == condition.getValue().asBoolean();
                        case "Bool" -> actual != null && actual.equals(condition.getValue().asText());
                        default -> throw new AssertionError("unexpected condition operator " + operator.getKey());
                    };
                    outcomes.put(operator.getKey() + ":" + condition.getKey(), holds);
                }));
        assertThat(outcomes).containsOnlyKeys("Null:s3:if-none-match", "Bool:s3:ObjectCreationOperation");
        return outcomes.values().stream().allMatch(Boolean::booleanValue);
    }

    private JsonNode writeOnceStatement(Bucket bucket) {
        List<JsonNode> found = policyStatements(bucket).stream()
                .filter(s -> s.path("Sid").asText().equals(LakeBuckets.WRITE_ONCE_SID)).toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("Effect").asText()).isEqualTo("Deny");
        return found.get(0);
    }

    private List<JsonNode> policyStatements(Bucket bucket) {
        List<JsonNode> policies = pipeline.resources.ofType("AWS::S3::BucketPolicy").values().stream()
                .filter(p -> id(bucket).equals(Resources.referenced(p.at("/Properties/Bucket"))))
                .toList();
        assertThat(policies).hasSize(1);
        return Resources.list(policies.get(0).at("/Properties/PolicyDocument/Statement"));
    }

    private static String id(Bucket bucket) {
        return Resources.logicalId(bucket);
    }
}
