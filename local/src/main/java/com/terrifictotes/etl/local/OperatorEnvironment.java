package com.terrifictotes.etl.local;

import com.terrifictotes.etl.s3.S3Clients;
import java.util.Map;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the operator's commands ({@code status}, {@code verify}, {@code replay}, {@code reprocess},
 * {@code quarantine-batch}) talk to, from the same environment variables as {@code run}, each read only when the
 * command needs it: so they work against AWS (region and the default credential chain: a profile, SSO, a role) as
 * well as against a local S3 server ({@code AWS_ENDPOINT_URL_S3}). A missing or malformed setting is one line naming
 * it.
 */
final class OperatorEnvironment {
    private final Map<String, String> environment;
    private final Settings settings;
    private S3Client s3;
    private DataSource warehouse;

    OperatorEnvironment(Map<String, String> environment) {
        this.environment = environment;
        this.settings = new Settings(environment);
    }

    static OperatorEnvironment fromSystem() {
        return new OperatorEnvironment(System.getenv());
    }

    Settings settings() {
        return settings;
    }

    S3Client s3() {
        if (s3 == null) {
            settings.required("AWS_REGION");
            RunCommand.endpoint(settings);
            s3 = S3Clients.fromEnvironment(environment);
        }
        return s3;
    }

    String ingestionBucket() {
        return settings.required("INGESTION_BUCKET");
    }

    String processedBucket() {
        return settings.required("PROCESSED_BUCKET");
    }

    DataSource warehouse() {
        if (warehouse == null) {
            warehouse = SourceDatabaseOptions.warehouse(settings);
        }
        return warehouse;
    }

    /** Who an operator decision is recorded as: {@code --by}, else the OS user. */
    String operator(String given) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        return settings.optional("USER", System.getProperty("user.name", "unknown"));
    }
}
