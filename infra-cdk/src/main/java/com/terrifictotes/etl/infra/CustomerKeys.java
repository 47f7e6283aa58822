package com.terrifictotes.etl.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.constructs.Construct;

/**
 * The customer-managed KMS keys of the stack, all made the same way: rotated yearly, and with a key policy that
 * refuses {@code kms:CreateGrant} unless the grant is for an AWS service acting on an AWS resource (Control Tower's
 * CT.KMS.PR.3): nothing in this stack needs grants for anyone else, and a grant would outlive a policy change.
 */
final class CustomerKeys {
    private CustomerKeys() {
    }

    static Key create(Construct scope, String id, String description, RemovalPolicy removal) {
        Key key = new Key(scope, id, KeyProps.builder()
                .description(description)
                .enableKeyRotation(true)
                .removalPolicy(removal)
                .pendingWindow(Duration.days(7))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("GrantsOnlyForAwsServices")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("kms:CreateGrant"))
                .resources(List.of("*"))
                .conditions(Map.of("BoolIfExists", Map.of(
                        "kms:GrantIsForAWSResource", "false",
                        "aws:PrincipalIsAWSService", "false")))
                .build());
        return key;
    }

    /**
     * The key of the functions' log groups. CloudWatch Logs encrypts with it on the log groups' behalf, so the key
     * lets the Logs service of this region use it for log groups of this account only (the encryption context names
     * the log group). Retained with the stack's log groups: deleting it would make their history unreadable.
     */
    static Key forLogGroups(Construct scope, String id) {
        Key key = create(scope, id, "Encrypts the totes-etl functions' log groups", RemovalPolicy.RETAIN);
        Stack stack = Stack.of(scope);
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchLogsOfThisAccount")
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                                + ":log-group:*")))
                .build());
        return key;
    }
}
