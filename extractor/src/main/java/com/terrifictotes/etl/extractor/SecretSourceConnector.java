package com.terrifictotes.etl.extractor;

import com.terrifictotes.etl.db.DatabaseSecret;
import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.db.SecretsManagerSecrets;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Builds the ToteSys data source from the secret, at each invocation. Reading the secret per run (one API call per
 * schedule tick) means a rotated password is picked up at the next run, and nothing secret is held in a SnapStart
 * snapshot. No connection is opened here: the service opens one when it starts reading.
 */
final class SecretSourceConnector implements Function<ExtractorConfig, DataSource> {
    static final String APPLICATION_NAME = "totes-etl-extractor";

    private final SecretsManagerSecrets secrets;

    SecretSourceConnector(SecretsManagerSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public DataSource apply(ExtractorConfig config) {
        DatabaseSecret secret = secrets.databaseSecret(config.secretId());
        return PostgresDataSources.create(secret, APPLICATION_NAME, config.sslMode(), config.sslRootCert(),
                config.timeouts());
    }
}
