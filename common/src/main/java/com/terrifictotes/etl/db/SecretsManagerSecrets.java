package com.terrifictotes.etl.db;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Reads database credentials from AWS Secrets Manager. */
public final class SecretsManagerSecrets {
    private final SecretsManagerClient client;

    public SecretsManagerSecrets(SecretsManagerClient client) {
        this.client = client;
    }

    /**
     * The client a function reads its secrets with: the URL-connection HTTP client (the smallest, and the one every
     * function's jar carries), in {@code AWS_REGION} when set, else the SDK's default chain.
     */
    public static SecretsManagerSecrets fromEnvironment(Map<String, String> environment) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String region = environment.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.trim()));
        }
        return new SecretsManagerSecrets(builder.build());
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
