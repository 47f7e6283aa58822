package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.error.ConfigurationException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtractorConfigTest {
    @Test
    void needsOnlyTheSecretAndTheBucketAndDefaultsTheRest() {
        ExtractorConfig config = ExtractorConfig.fromEnvironment(required());

        assertThat(config.secretId()).isEqualTo("totes/totesys");
        assertThat(config.sslMode()).isNull();
        assertThat(config.settings().bucket()).isEqualTo("ingestion-bucket");
        assertThat(config.settings().overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.settings().sourceTimeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.settings().partRows()).isEqualTo(1_000_000);
        assertThat(config.settings().maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.settings().maxBatchRows()).isEqualTo(ExtractionSettings.DEFAULT_MAX_BATCH_ROWS);
    }

    @Test
    void readsTheOptionalSettings() {
        Map<String, String> env = required();
        env.put("EXTRACT_OVERLAP_SECONDS", "600");
        env.put("SOURCE_TIME_ZONE", "Europe/London");
        env.put("DB_SSLMODE", "verify-full");
        env.put("DB_SSLROOTCERT", "/var/task/rds-ca.pem");
        env.put("EXTRACT_PART_ROWS", "50000");
        env.put("EXTRACT_MAX_CLOCK_SKEW_SECONDS", "30");
        env.put("EXTRACT_MAX_BATCH_ROWS", "5000");

        ExtractorConfig config = ExtractorConfig.fromEnvironment(env);

        assertThat(config.settings().overlap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.settings().sourceTimeZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(config.sslMode()).isEqualTo("verify-full");
        assertThat(config.sslRootCert()).isEqualTo("/var/task/rds-ca.pem");
        assertThat(config.settings().partRows()).isEqualTo(50_000);
        assertThat(config.settings().maxClockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.settings().maxBatchRows()).isEqualTo(5_000);
    }

    @Test
    void everyFormOfZoneIdMeansWhatJavaReadsItAs() {
        for (String id : List.of("Europe/London", "Z", "UTC", "+05:30", "-02:00", "UTC-02:00", "GMT+2",
                "Etc/GMT+2")) {
            assertThat(ExtractorConfig.fromEnvironment(with("SOURCE_TIME_ZONE", id)).settings().sourceTimeZone())
                    .as(id).isEqualTo(ZoneId.of(id));
        }
    }

    @Test
    void aMissingRequiredVariableIsNamed() {
        Map<String, String> noBucket = required();
        noBucket.remove("INGESTION_BUCKET");
        Map<String, String> blankSecret = required();
        blankSecret.put("TOTESYS_SECRET_ID", " ");

        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(noBucket))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("INGESTION_BUCKET is not set");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(blankSecret))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("TOTESYS_SECRET_ID is not set");
    }

    @Test
    void malformedOptionalValuesAreNamed() {
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("EXTRACT_OVERLAP_SECONDS", "5m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("EXTRACT_OVERLAP_SECONDS");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("EXTRACT_OVERLAP_SECONDS", "-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("EXTRACT_OVERLAP_SECONDS");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("EXTRACT_PART_ROWS", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("EXTRACT_PART_ROWS");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("EXTRACT_MAX_CLOCK_SKEW_SECONDS", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("EXTRACT_MAX_CLOCK_SKEW_SECONDS");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("EXTRACT_MAX_CLOCK_SKEW_SECONDS", "5m")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("EXTRACT_MAX_CLOCK_SKEW_SECONDS");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("EXTRACT_MAX_BATCH_ROWS", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("EXTRACT_MAX_BATCH_ROWS");
        assertThatThrownBy(() -> ExtractorConfig.fromEnvironment(with("SOURCE_TIME_ZONE", "Mars/Olympus")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SOURCE_TIME_ZONE");
    }

    @Test
    void theHandlerDeclaresEveryVariableItReads() {
        assertThat(ExtractorHandler.ENVIRONMENT_VARIABLES).containsExactlyInAnyOrder("TOTESYS_SECRET_ID",
                "INGESTION_BUCKET", "EXTRACT_OVERLAP_SECONDS", "SOURCE_TIME_ZONE", "DB_SSLMODE", "DB_SSLROOTCERT",
                "EXTRACT_PART_ROWS", "EXTRACT_MAX_CLOCK_SKEW_SECONDS", "EXTRACT_MAX_BATCH_ROWS",
                "DB_STATEMENT_TIMEOUT_SECONDS",
                "DB_LOCK_TIMEOUT_SECONDS",
                "DB_SOCKET_TIMEOUT_SECONDS");
    }

    @Test
    void readsTheSourceTimeoutsWithTheExtractorsDefaults() {
        assertThat(ExtractorConfig.fromEnvironment(required()).timeouts()).isEqualTo(DatabaseTimeouts.EXTRACTOR);
        Map<String, String> env = new java.util.HashMap<>(required());
        env.put("DB_STATEMENT_TIMEOUT_SECONDS", "120");
        assertThat(ExtractorConfig.fromEnvironment(env).timeouts())
                .isEqualTo(new DatabaseTimeouts(120, 30, 150, 30));
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = required();
        env.put(name, value);
        return env;
    }

    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("TOTESYS_SECRET_ID", "totes/totesys");
        env.put("INGESTION_BUCKET", "ingestion-bucket");
        return env;
    }
}
