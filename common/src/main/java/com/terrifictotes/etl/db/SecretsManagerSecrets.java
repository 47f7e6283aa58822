package com.terrifictotes.etl.db;

import com.terrifictotes.etl.error.ConfigurationException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Reads database credentials from AWS Secrets Manager. */
public final class SecretsManagerSecrets {
    private final SecretsManagerClient client;

    public SecretsManagerSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    public DatabaseSecret databaseSecret(String secretId) {
        if (secretId == null || secretId.isBlank()) {
            throw new ConfigurationException("no secret id given");
        }
        String json;
        try {
            json = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (ResourceNotFoundException e) {
            throw new ConfigurationException("secret " + secretId + " does not exist", e);
        } catch (SdkException e) {
            throw new ConfigurationException("cannot read secret " + secretId + ": " + e.getMessage(), e);
        }
        if (json == null) {
            throw new ConfigurationException("secret " + secretId + " has no string value");
        }
        return DatabaseSecret.parse(secretId, json);
    }
}
