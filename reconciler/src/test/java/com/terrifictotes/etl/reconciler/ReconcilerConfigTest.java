package com.terrifictotes.etl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.error.ConfigurationException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerConfigTest {
    private static final Map<String, String> REQUIRED = Map.of("TOTESYS_SECRET_ID", "totes-etl/dev/totesys",
            "WAREHOUSE_SECRET_ID", "totes-etl/dev/warehouse", "INGESTION_BUCKET", "ingestion");

    @Test
    void theDefaultsAreTheExtractorsZoneAndOverlapATenPercentGuardAndFiftyThousandRowChunks() {
        ReconcilerConfig config = ReconcilerConfig.fromEnvironment(REQUIRED);

        assertThat(config.totesysSecretId()).isEqualTo("totes-etl/dev/totesys");
        assertThat(config.warehouseSecretId()).isEqualTo("totes-etl/dev/warehouse");
        assertThat(config.settings().bucket()).isEqualTo("ingestion");
        assertThat(config.settings().sourceTimeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.settings().overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.settings().maxDeleteRatio()).isEqualTo(0.1);
        assertThat(config.settings().chunkRows()).isEqualTo(50_000);
        assertThat(config.settings().dryRun()).isFalse();
        assertThat(config.timeouts()).as("it only reads, as the extractor does").isEqualTo(DatabaseTimeouts.EXTRACTOR);
    }

    @Test
    void theDatabaseTimeoutsAreReadAsTheOtherDatabaseFunctionsReadThem() {
        Map<String, String> environment = new HashMap<>(REQUIRED);
        environment.putAll(Map.of("DB_STATEMENT_TIMEOUT_SECONDS", "600", "DB_LOCK_TIMEOUT_SECONDS", "10"));

        ReconcilerConfig config = ReconcilerConfig.fromEnvironment(environment);

        assertThat(config.timeouts()).isEqualTo(DatabaseTimeouts.of(600, 10));
        assertThat(ReconcilerHandler.ENVIRONMENT_VARIABLES).containsAll(DatabaseTimeouts.VARIABLES);
    }

    @Test
    void everyOptionalSettingIsRead() {
        Map<String, String> environment = new HashMap<>(REQUIRED);
        environment.putAll(Map.of("SOURCE_TIME_ZONE", "Europe/London", "EXTRACT_OVERLAP_SECONDS", "120",
                "RECONCILE_MAX_DELETE_RATIO", "0.25", "RECONCILE_CHUNK_ROWS", "1000", "DB_SSLMODE", "verify-full",
                "DB_SSLROOTCERT", "/var/task/bundle.pem"));

        ReconcilerConfig config = ReconcilerConfig.fromEnvironment(environment);

        assertThat(config.settings().sourceTimeZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(config.settings().overlap()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.settings().maxDeleteRatio()).isEqualTo(0.25);
        assertThat(config.settings().chunkRows()).isEqualTo(1000);
        assertThat(config.sslMode()).isEqualTo("verify-full");
        assertThat(config.sslRootCert()).isEqualTo("/var/task/bundle.pem");
        assertThat(ReconcilerHandler.ENVIRONMENT_VARIABLES).containsAll(environment.keySet());
    }

    @Test
    void aMissingOrMalformedSettingIsOneErrorNamingItsVariable() {
        Map<String, String> noWarehouse = new HashMap<>(REQUIRED);
        noWarehouse.remove("WAREHOUSE_SECRET_ID");
        assertThatThrownBy(() -> ReconcilerConfig.fromEnvironment(noWarehouse))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("environment variable WAREHOUSE_SECRET_ID is not set");
        for (String ratio : new String[] {"0", "1.5", "ten percent"}) {
            Map<String, String> environment = new HashMap<>(REQUIRED);
            environment.put("RECONCILE_MAX_DELETE_RATIO", ratio);
            assertThatThrownBy(() -> ReconcilerConfig.fromEnvironment(environment))
                    .hasMessageContaining("RECONCILE_MAX_DELETE_RATIO").hasMessageContaining(ratio);
        }
        Map<String, String> zone = new HashMap<>(REQUIRED);
        zone.put("SOURCE_TIME_ZONE", "Mars/Olympus");
        assertThatThrownBy(() -> ReconcilerConfig.fromEnvironment(zone)).hasMessageContaining("SOURCE_TIME_ZONE");
    }
}
