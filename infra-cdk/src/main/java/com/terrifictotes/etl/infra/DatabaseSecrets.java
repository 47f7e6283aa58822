package com.terrifictotes.etl.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretProps;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The ToteSys and warehouse credentials, in the RDS secret shape {@code host, port, dbname, username, password}
 * that common's {@code DatabaseSecret} parses. Either an existing secret named in context, or a new one whose
 * fields are empty: the template never holds a credential (CloudFormation generates a throw-away password) and the
 * operator writes the real values with {@code put-secret-value} after the first deployment. Until then the
 * functions fail with "secret ... has no field host", which names the secret.
 *
 * <p>A secret under a customer-managed KMS key (context {@code totesysSecretKmsKeyArn} / {@code
 * warehouseSecretKmsKeyArn}) is read through that key: its reader gets {@code kms:Decrypt} on exactly that key,
 * conditioned on {@code kms:ViaService = secretsmanager.<region>.amazonaws.com}, so the role can decrypt with it only
 * through Secrets Manager. A secret created here with a key named is created under that key.
 */
public final class DatabaseSecrets extends Construct {
    /** The placeholder's fields: every key of the RDS shape, empty, with the password left to the generator. */
    static final String PLACEHOLDER_TEMPLATE = "{\"host\":\"\",\"port\":5432,\"dbname\":\"\",\"username\":\"\"}";
    static final String GENERATED_KEY = "password";

    private final DatabaseSecret totesys;
    private final DatabaseSecret warehouse;

    /**
     * A secret, the id a function passes to GetSecretValue (ARN if created here, name if imported), and the
     * customer-managed key that encrypts it, if any.
     */
    public record DatabaseSecret(ISecret secret, String secretId, Optional<String> kmsKeyArn) {
        /**
         * GetSecretValue, the one call the functions make (plus DescribeSecret, its read-only companion in CDK's
         * grant). CDK's grant is used rather than a statement of our own because only it knows that a secret imported
         * by name has a partial ARN, which matches the real one only with the {@code -??????} suffix it appends, and
         * Secrets Manager decrypts the value with the secret's key on the caller's behalf, so the caller needs
         * {@code kms:Decrypt} on a customer-managed key. CDK's own grant cannot give it for a key imported by ARN (it
         * addresses the grant to a via-service principal, which has no policy to add it to), so it is written here.
         */
        public void grantRead(IGrantable grantee) {
            secret.grantRead(grantee);
            kmsKeyArn.ifPresent(arn -> grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("kms:Decrypt"))
                    .resources(List.of(arn))
                    .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                            "secretsmanager." + Stack.of(secret).getRegion() + ".amazonaws.com")))
                    .build()));
        }
    }

    public DatabaseSecrets(Construct scope, String id, String stage, SecretReference totesys,
                           SecretReference warehouse) {
        super(scope, id);
        this.totesys = secret("ToteSys", "totes-etl/" + stage + "/totesys", totesys,
                "ToteSys (source OLTP database) credentials for the extractor: a read-only user");
        this.warehouse = secret("Warehouse", "totes-etl/" + stage + "/warehouse", warehouse,
                "Warehouse (PostgreSQL star schema) credentials for the loader");
    }

    public DatabaseSecret totesys() {
        return totesys;
    }

    public DatabaseSecret warehouse() {
        return warehouse;
    }

    private DatabaseSecret secret(String id, String newName, SecretReference reference, String description) {
        if (reference.name().isPresent()) {
            String name = reference.name().get();
            return new DatabaseSecret(Secret.fromSecretNameV2(this, id, name), name, reference.kmsKeyArn());
        }
        IKey key = reference.kmsKeyArn().map(arn -> Key.fromKeyArn(this, id + "Key", arn)).orElse(null);
        Secret created = new Secret(this, id, SecretProps.builder()
                .secretName(newName)
                .description(description + ". Fill in with put-secret-value: " + PLACEHOLDER_TEMPLATE
                        .replace("}", ",\"password\":\"\"}"))
                .encryptionKey(key)
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(PLACEHOLDER_TEMPLATE)
                        .generateStringKey(GENERATED_KEY)
                        .passwordLength(32)
                        .excludePunctuation(true)
                        .build())
                .build());
        return new DatabaseSecret(created, created.getSecretArn(), reference.kmsKeyArn());
    }
}
