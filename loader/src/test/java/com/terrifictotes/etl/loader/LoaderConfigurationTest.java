package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.loader.verify.CatchUpVerification;
import com.terrifictotes.etl.runtime.RowBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoaderConfigurationTest {
    @Test
    void readsRequiredAndOptionalVariables() {
        LoaderConfiguration configuration = LoaderConfiguration.fromEnvironment(Map.of(
                "PROCESSED_BUCKET", "processed", "WAREHOUSE_SECRET_ID", "dw", "DB_SSLMODE", "verify-full"));

        assertThat(configuration).isEqualTo(new LoaderConfiguration("processed", "dw", "verify-full", null,
                DatabaseTimeouts.LOADER, true, RowBudget.DEFAULT));
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
                DatabaseTimeouts.STATEMENT_VARIABLE, DatabaseTimeouts.LOCK_VARIABLE, DatabaseTimeouts.SOCKET_VARIABLE,
                CatchUpVerification.SWITCH, RowBudget.VARIABLE);
    }

    @Test
    void theCatchUpVerificationIsOnUnlessSwitchedOffAndAnythingButTrueOrFalseIsRefused() {
        Map<String, String> required = Map.of("PROCESSED_BUCKET", "p", "WAREHOUSE_SECRET_ID", "dw");
        assertThat(LoaderConfiguration.fromEnvironment(required).verifyOnCatchUp()).isTrue();
        assertThat(LoaderConfiguration.fromEnvironment(with(required, "VERIFY_ON_CATCH_UP", "FALSE"))
                .verifyOnCatchUp()).isFalse();
        assertThat(LoaderConfiguration.fromEnvironment(with(required, "VERIFY_ON_CATCH_UP", " true "))
                .verifyOnCatchUp()).isTrue();
        assertThatThrownBy(() -> LoaderConfiguration.fromEnvironment(with(required, "VERIFY_ON_CATCH_UP", "no")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("environment variable VERIFY_ON_CATCH_UP must be true or false, got 'no'");
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(environment);
        more.put(name, value);
        return more;
    }

    @Test
    void readsTheWarehouseTimeoutsWithTheLoadersDefaults() {
        LoaderConfiguration configuration = LoaderConfiguration.fromEnvironment(Map.of("PROCESSED_BUCKET", "p",
                "WAREHOUSE_SECRET_ID", "dw", "DB_LOCK_TIMEOUT_SECONDS", "15"));

        assertThat(configuration.timeouts()).isEqualTo(new DatabaseTimeouts(300, 15, 330, 30));
    }
}
