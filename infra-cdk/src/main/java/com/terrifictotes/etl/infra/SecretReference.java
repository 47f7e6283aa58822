package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where one database function's credentials live: an existing secret by {@code name}, or (empty) a placeholder the
 * stack creates; and {@code kmsKeyArn}, the customer-managed KMS key that encrypts the secret when it is not the
 * account's default {@code aws/secretsmanager} key. The function's role then gets {@code kms:Decrypt} on that key,
 * only through Secrets Manager.
 */
public record SecretReference(Optional<String> name, Optional<String> kmsKeyArn) {
    /** A key ARN: IAM grants on a key are by key ARN, never by alias. */
    static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+");

    public SecretReference {
        kmsKeyArn.ifPresent(arn -> {
            if (!KEY_ARN.matcher(arn).matches()) {
                throw new ConfigurationException("KMS key " + arn + " is not a key ARN (arn:aws:kms:<region>:"
                        + "<account>:key/<key id>); an alias ARN cannot be granted: look the key up with "
                        + "aws kms describe-key --key-id <alias>");
            }
        });
    }

    public static SecretReference created() {
        return new SecretReference(Optional.empty(), Optional.empty());
    }

    static SecretReference fromContext(ContextValues context, String prefix) {
        Optional<String> key = context.text(prefix + "SecretKmsKeyArn");
        try {
            return new SecretReference(context.text(prefix + "SecretName"), key);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("CDK context " + prefix + "SecretKmsKeyArn: " + e.getMessage());
        }
    }
}
