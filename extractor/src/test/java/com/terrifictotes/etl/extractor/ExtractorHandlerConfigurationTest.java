package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.testbed.lambda.InvocationContext;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The handler's failures before any data moves: configuration and secret, each one clear message. */
class ExtractorHandlerConfigurationTest {
    private static final String PASSWORD = "s3cr3t-Pa55word";

    private final ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled.json");
    private SecretsManagerStandIn secretsManager;
    // nothing listens on port 9: had the handler got as far as S3, the failure would say so
    private final S3Client unusedS3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
            .region(Region.EU_WEST_2).forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();

    @BeforeEach
    void startSecretsManager() throws IOException {
        secretsManager = new SecretsManagerStandIn();
    }

    @AfterEach
    void stopSecretsManager() {
        secretsManager.close();
        unusedS3.close();
    }

    @Test
    void aMissingBucketVariableFailsNamingIt() {
        Map<String, String> env = environment();
        env.remove("INGESTION_BUCKET");

        assertThatThrownBy(() -> handler(env).handleRequest(event, context()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("environment variable INGESTION_BUCKET is not set");
    }

    @Test
    void aMissingSecretFailsNamingTheSecret() {
        assertThatThrownBy(() -> handler(environment()).handleRequest(event, context()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("secret totes/totesys does not exist");
    }

    @Test
    void aSecretWithoutAPasswordFailsNamingTheFieldNotTheValues() {
        secretsManager.put("totes/totesys",
                "{\"host\":\"db.internal\",\"port\":5432,\"dbname\":\"totesys\",\"username\":\"" + PASSWORD + "\"}");

        assertThatThrownBy(() -> handler(environment()).handleRequest(event, context()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("secret totes/totesys has no field \"password\"");
    }

    @Test
    void aSecretThatIsNotJsonFailsWithoutQuotingIt() {
        secretsManager.put("totes/totesys", "password=" + PASSWORD);

        assertThatThrownBy(() -> handler(environment()).handleRequest(event, context()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("secret totes/totesys is not valid JSON")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    private ExtractorHandler handler(Map<String, String> env) {
        return new ExtractorHandler(env, unusedS3, secretsManager.client(), Clock.systemUTC());
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("TOTESYS_SECRET_ID", "totes/totesys");
        env.put("INGESTION_BUCKET", "ingestion-bucket");
        return env;
    }

    /** The context Lambda passes the extractor function. */
    private static InvocationContext context() {
        return InvocationContext.of("totes-etl-extractor");
    }
}
