package com.terrifictotes.etl.infra;

import java.util.Optional;
import software.amazon.awscdk.services.iam.IGrantable;
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
 */
public final class DatabaseSecrets extends Construct {
    /** The placeholder's fields: every key of the RDS shape, empty, with the password left to the generator. */
    static final String PLACEHOLDER_TEMPLATE = "{\"host\":\"\",\"port\":5432,\"dbname\":\"\",\"username\":\"\"}";
    static final String GENERATED_KEY = "password";

    private final DatabaseSecret totesys;
    private final DatabaseSecret warehouse;

    /** A secret and the id a function passes to GetSecretValue (ARN if created here, name if imported). */
    public record DatabaseSecret(ISecret secret, String secretId) {
        /**
         * GetSecretValue, the one call the functions make (plus DescribeSecret, its read-only companion in CDK's
         * grant). CDK's grant is used rather than a statement of our own because only it knows that a secret imported
         * by name has a partial ARN, which matches the real one only with the {@code -??????} suffix it appends.
         */
        public void grantRead(IGrantable grantee) {
            secret.grantRead(grantee);
        }
    }

    public DatabaseSecrets(Construct scope, String id, String stage, Optional<String> totesysName,
                           Optional<String> warehouseName) {
        super(scope, id);
        totesys = secret("ToteSys", "totes-etl/" + stage + "/totesys", totesysName,
                "ToteSys (source OLTP database) credentials for the extractor: a read-only user");
        warehouse = secret("Warehouse", "totes-etl/" + stage + "/warehouse", warehouseName,
                "Warehouse (PostgreSQL star schema) credentials for the loader");
    }

    public DatabaseSecret totesys() {
        return totesys;
    }

    public DatabaseSecret warehouse() {
        return warehouse;
    }

    private DatabaseSecret secret(String id, String newName, Optional<String> existingName, String description) {
        if (existingName.isPresent()) {
            return new DatabaseSecret(Secret.fromSecretNameV2(this, id, existingName.get()), existingName.get());
        }
        Secret created = new Secret(this, id, SecretProps.builder()
                .secretName(newName)
                .description(description + ". Fill in with put-secret-value: " + PLACEHOLDER_TEMPLATE
                        .replace("}", ",\"password\":\"\"}"))
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate(PLACEHOLDER_TEMPLATE)
                        .generateStringKey(GENERATED_KEY)
                        .passwordLength(32)
                        .excludePunctuation(true)
                        .build())
                .build());
        return new DatabaseSecret(created, created.getSecretArn());
    }
}
