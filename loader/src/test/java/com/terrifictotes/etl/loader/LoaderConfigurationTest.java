package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoaderConfigurationTest {
    @Test
    void readsRequiredAndOptionalVariables() {
        LoaderConfiguration configuration = LoaderConfiguration.fromEnvironment(Map.of(
                "PROCESSED_BUCKET", "processed", "WAREHOUSE_SECRET_ID", "dw", "DB_SSLMODE", "verify-full"));

        assertThat(configuration).isEqualTo(new LoaderConfiguration("processed", "dw", "verify-full", null,
                DatabaseTimeouts.LOADER));
    }

    @Test
    void namesTheMissingVariable() {
        assertThatThrownBy(() -> LoaderConfiguration.fromEnvironment(Map.of("PROCESSED_BUCKET", "processed")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("environment variable WAREHOUSE_SECRET_ID is not set");
    }

    @Test
    void declaresEveryVariableItReads() {
        assertThat(LoaderHandler.ENVIRONMENT_VARIABLES).containsExactlyInAnyOrder(
                LoaderConfiguration.PROCESSED_BUCKET, LoaderConfiguration.WAREHOUSE_SECRET_ID,
                LoaderConfiguration.DB_SSLMODE, LoaderConfiguration.DB_SSLROOTCERT,
                DatabaseTimeouts.STATEMENT_VARIABLE, DatabaseTimeouts.LOCK_VARIABLE, DatabaseTimeouts.SOCKET_VARIABLE);
    }

    @Test
    void readsTheWarehouseTimeoutsWithTheLoadersDefaults() {
        LoaderConfiguration configuration = LoaderConfiguration.fromEnvironment(Map.of("PROCESSED_BUCKET", "p",
                "WAREHOUSE_SECRET_ID", "dw", "DB_LOCK_TIMEOUT_SECONDS", "15"));

        assertThat(configuration.timeouts()).isEqualTo(new DatabaseTimeouts(300, 15, 330, 30));
    }
}
