package com.terrifictotes.etl.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.IConstruct;

/**
 * Every cdk-nag finding this stack accepts, each on the one construct it concerns, with the reason and, for the
 * wildcard rules, exactly which findings ({@code appliesTo}). Anything not listed here fails synthesis.
 */
final class PipelineNagSuppressions {
    /** The construct id CDK gives its singleton handler of Custom::S3BucketNotifications. */
    static final String NOTIFICATIONS_HANDLER = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834";
    static final String BASIC_EXECUTION_POLICY =
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private PipelineNagSuppressions() {
    }

    static void apply(PipelineStack stack) {
        functions(stack);
        secrets(stack);
        NagSuppressions.addResourceSuppressions(stack.failureQueue(), List.of(
                suppression("AwsSolutions-SQS3", "This queue is itself the dead-letter end of the pipeline: the "
                        + "on-failure destination of every alias's async invoke config and the DLQ of the EventBridge "
                        + "targets. A person inspects it when the FailureQueueNotEmpty alarm fires; a further DLQ "
                        + "would only move the same messages again."),
                suppression("Serverless-SQSRedrivePolicy", "Nothing consumes this queue automatically, so no message "
                        + "is ever received and failed; a redrive policy has nothing to redrive. It is the terminal "
                        + "failure destination, watched by the FailureQueueNotEmpty alarm.")), true);
        NagSuppressions.addResourceSuppressions(stack.extractionChain().stateMachine().getRole(), List.of(
                suppression("AwsSolutions-IAM5", "The extraction chain's role: X-Ray tracing (xray:PutTraceSegments, "
                        + "PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and the log delivery of Step "
                        + "Functions (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, "
                        + "ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and "
                        + "cloudwatch:PutMetricData (the chain's lag, conditioned on the pipeline's namespace) support "
                        + "no resource-level permissions, so AWS requires Resource '*' for them. Its other rights are "
                        + "exact: invoke the extractor's alias, list its own executions.", "Resource::*")), true);
        NagSuppressions.addResourceSuppressions(stack.catchUpChain().stateMachine().getRole(), List.of(
                suppression("AwsSolutions-IAM5", "The catch-up chain's role: X-Ray tracing (xray:PutTraceSegments, "
                        + "PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and the log delivery of Step "
                        + "Functions (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, "
                        + "ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) support "
                        + "no resource-level permissions, so AWS requires Resource '*' for them. Its other rights are "
                        + "exact: invoke the transformer's and the loader's aliases.", "Resource::*")), true);
        IConstruct notificationsHandler = stack.getNode().tryFindChild(NOTIFICATIONS_HANDLER);
        if (notificationsHandler != null) {
            NagSuppressions.addResourceSuppressions(notificationsHandler, List.of(suppression("AwsSolutions-IAM4",
                    "CDK's handler of Custom::S3BucketNotifications runs only during deployment and always carries "
                            + "AWSLambdaBasicExecutionRole (CloudWatch Logs only); its one other right, "
                            + "s3:PutBucketNotification, is scoped to the two lake buckets.",
                    BASIC_EXECUTION_POLICY)), true);
        }
    }

    private static void functions(PipelineStack stack) {
        for (LambdaModule module : LambdaModule.values()) {
            EtlFunction function = stack.function(module);
            NagSuppressions.addResourceSuppressions(function.function(), List.of(suppression("Serverless-LambdaDLQ",
                    "Failed asynchronous invocations go to the on-failure destination of the '" + EtlFunction.ALIAS
                            + "' alias (AWS::Lambda::EventInvokeConfig to the failure queue), which records the error "
                            + "as well as the event and supersedes a function DLQ; both would deliver each failure "
                            + "twice.")), true);
            NagSuppressions.addResourceSuppressions(function.role(), roleSuppressions(stack, module), true);
        }
    }

    private static List<NagPackSuppression> roleSuppressions(PipelineStack stack, LambdaModule module) {
        List<NagPackSuppression> suppressions = new ArrayList<>();
        String everyResource = "Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no "
                + "resource-level permissions, so X-Ray requires Resource '*'.";
        if (stack.function(module).function().getIsBoundToVpc()) {
            everyResource += " VPC placement: Lambda manages the function's network interfaces with "
                    + String.join(", ", EtlFunction.NETWORK_INTERFACE_ACTIONS) + " (AWSLambdaVPCAccessExecutionRole "
                    + "without its logs actions); DescribeNetworkInterfaces works only on '*' and the interfaces' "
                    + "ids do not exist before Lambda creates them.";
        }
        suppressions.add(suppression("AwsSolutions-IAM5", everyResource, "Resource::*"));
        List<String> prefixes = objectPrefixes(stack, module);
        suppressions.add(suppression("AwsSolutions-IAM5", "Object keys are made per run and table "
                + "(common's BucketLayout), so object grants are per key prefix: only the prefixes this function "
                + "uses, with exact actions (no action wildcard).", prefixes.toArray(String[]::new)));
        return suppressions;
    }

    /** The IAM5 findings of the object grants, as cdk-nag spells them: {@code Resource::<BucketLogicalId.Arn>/prefix*}. */
    private static List<String> objectPrefixes(PipelineStack stack, LambdaModule module) {
        LakeBuckets buckets = stack.buckets();
        List<String> findings = new ArrayList<>();
        switch (module) {
            case EXTRACTOR, RECONCILER -> LakeBuckets.INGESTION_PREFIXES
                    .forEach(p -> findings.add(finding(buckets.ingestion(), p)));
            case TRANSFORMER -> {
                LakeBuckets.INGESTION_PREFIXES.forEach(p -> findings.add(finding(buckets.ingestion(), p)));
                LakeBuckets.PROCESSED_PREFIXES.forEach(p -> findings.add(finding(buckets.processed(), p)));
                LakeBuckets.OPERATOR_PREFIXES.forEach(p -> findings.add(finding(buckets.processed(), p)));
            }
            case LOADER -> PipelineStack.LOADER_PREFIXES.forEach(p -> findings.add(finding(buckets.processed(), p)));
        }
        return findings;
    }

    private static String finding(IBucket bucket, String prefix) {
        String logicalId = bucket.getStack().resolve(
                ((CfnElement) bucket.getNode().getDefaultChild()).getLogicalId()).toString();
        return "Resource::<" + logicalId + ".Arn>/" + prefix + "*";
    }

    private static void secrets(PipelineStack stack) {
        for (DatabaseSecrets.DatabaseSecret secret : List.of(stack.secrets().totesys(), stack.secrets().warehouse())) {
            // only a secret created here is a resource; one imported by name has nothing to check
            if (secret.secret() instanceof Secret created) {
                NagSuppressions.addResourceSuppressions(created, List.of(suppression("AwsSolutions-SMG4",
                        "These are credentials of databases this stack does not own (ToteSys is run by its owner, "
                                + "the warehouse by its RDS instance): rotation happens at the database, after which "
                                + "the operator puts the new value. A rotation Lambda would need their master "
                                + "credentials.")), true);
            }
        }
    }

    private static NagPackSuppression suppression(String rule, String reason, String... appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(rule).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of((Object[]) appliesTo));
        }
        return builder.build();
    }
}
