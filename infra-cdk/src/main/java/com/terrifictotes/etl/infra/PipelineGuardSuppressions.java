package com.terrifictotes.etl.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

/**
 * Every finding of the AWS Control Tower proactive rules (run by cfn-guard over the synthesised template; see the
 * README's "Policy checks") that this stack accepts, each on the one resource it concerns, with the reason. They are
 * written into the template as {@code Metadata.guard.SuppressedRules} (the AWS Guard Rules Registry convention, which
 * registry-style rules honour) plus {@code Metadata.guard.Reasons}. The bundled Control Tower rules ignore that
 * metadata, so the stack's test reads it to tell an accepted finding from a new one. The findings fixed rather than
 * accepted: log groups kept a year (CT.CLOUDWATCH.PR.2) and encrypted with a customer key (PR.3), KMS grants only
 * for AWS services (CT.KMS.PR.3), and a versioned access-log bucket (CT.S3.PR.11).
 */
final class PipelineGuardSuppressions {
    static final String METADATA_KEY = "guard";
    static final String SUPPRESSED_RULES = "SuppressedRules";
    static final String REASONS = "Reasons";

    private final Map<CfnResource, Map<String, String>> reasonsByResource = new LinkedHashMap<>();

    private PipelineGuardSuppressions() {
    }

    static void apply(PipelineStack stack) {
        PipelineGuardSuppressions suppressions = new PipelineGuardSuppressions();
        suppressions.functions(stack);
        suppressions.buckets(stack.buckets());
        suppressions.suppress(stack.failureQueue(), "sqs_dlq_check", "This queue is itself the dead-letter end of "
                + "the pipeline (the on-failure destination of every alias and the DLQ of every EventBridge target); "
                + "nothing consumes it automatically, so nothing could be redriven to a further DLQ. A person "
                + "inspects it when the FailureQueueNotEmpty alarm fires.");
        suppressions.write();
    }

    private void functions(PipelineStack stack) {
        for (LambdaModule module : LambdaModule.values()) {
            EtlFunction function = stack.function(module);
            if (function.function().getIsBoundToVpc()) {
                continue;
            }
            suppress(function.function(), "lambda_inside_vpc_check", module == LambdaModule.TRANSFORMER
                    ? "The transformer calls only S3 (IAM-scoped to the lake's prefixes) and no database; a VPC would "
                    + "add network interfaces and endpoints and protect nothing."
                    : "Placed in a VPC when context gives vpcId (with endpoints and a narrowed security group); "
                    + "without one the databases are reached over TLS (dbSslMode), as for a database outside AWS.");
        }
        IConstruct handler = stack.getNode().tryFindChild(PipelineNagSuppressions.NOTIFICATIONS_HANDLER);
        if (handler != null) {
            suppress(handler, "lambda_inside_vpc_check", "CDK's handler of Custom::S3BucketNotifications runs only "
                    + "during deployment and calls only s3:PutBucketNotification on the two lake buckets.");
        }
    }

    private void buckets(LakeBuckets buckets) {
        for (Bucket zone : List.of(buckets.ingestion(), buckets.processed())) {
            suppress(zone, "s3_bucket_default_encryption_kms_check", "Encrypted at rest with SSE-S3 (AES-256) and "
                    + "TLS-only. A customer key would have to be granted to every reader of the lake (each Athena "
                    + "user and role) and administered by someone; the stack does not invent that owner.");
            suppress(zone, "s3_event_notifications_enabled_check", "Manifest notifications (manifests/*.json to the "
                    + "transformer and the loader) exist, but CDK writes them through Custom::S3BucketNotifications, "
                    + "which this rule cannot see in the bucket's properties.");
            suppress(zone, "s3_bucket_object_lock_enabled_check", "Immutability comes from the write-once bucket "
                    + "policy (PutObject without If-None-Match is denied on every pipeline prefix) and versioning. "
                    + "Object Lock without a retention period adds nothing; with one it would forbid removing a bad "
                    + "batch, and once switched on it can never be switched off.");
        }
        Bucket logs = buckets.accessLogs();
        suppress(logs, "s3_bucket_default_encryption_kms_check", "S3 delivers server access logs only to a "
                + "bucket encrypted with SSE-S3; SSE-KMS would lose the logs.");
        suppress(logs, "s3_bucket_logging_enabled_check", "This bucket is the access-log destination of the two "
                + "zones; logging it into itself would log its own log deliveries without end.");
        suppress(logs, "s3_event_notifications_enabled_check", "Nothing reacts to an access log being delivered: the "
                + "logs are read by people investigating, with Athena or the console.");
        suppress(logs, "s3_bucket_object_lock_enabled_check", "S3 refuses a bucket with Object Lock as the "
                + "destination of server access logs, so the zones' logging would stop.");
    }

    private void suppress(IConstruct construct, String rule, String reason) {
        reasonsByResource.computeIfAbsent(resource(construct), r -> new LinkedHashMap<>()).put(rule, reason);
    }

    private void write() {
        reasonsByResource.forEach((resource, reasons) -> resource.addMetadata(METADATA_KEY, Map.of(
                SUPPRESSED_RULES, new ArrayList<>(reasons.keySet()),
                REASONS, reasons)));
    }

    private static CfnResource resource(IConstruct construct) {
        return construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
    }
}
