package com.terrifictotes.etl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.ConfigurationException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseTimeoutsTest {
    @Test
    void eachStageHasDefaultsWithTheSocketTimeoutAboveTheStatementTimeout() {
        assertThat(DatabaseTimeouts.fromEnvironment(Map.of(), DatabaseTimeouts.EXTRACTOR))
                .isEqualTo(new DatabaseTimeouts(300, 30, 330, 30)).isEqualTo(DatabaseTimeouts.EXTRACTOR);
        assertThat(DatabaseTimeouts.fromEnvironment(Map.of(), DatabaseTimeouts.LOADER))
                .isEqualTo(new DatabaseTimeouts(300, 60, 330, 30));
    }

    @Test
    void theVariablesOverrideTheDefaultsAndAnUnsetSocketTimeoutFollowsTheStatementTimeout() {
        DatabaseTimeouts set = DatabaseTimeouts.fromEnvironment(Map.of("DB_STATEMENT_TIMEOUT_SECONDS", "600",
                "DB_LOCK_TIMEOUT_SECONDS", " 5 "), DatabaseTimeouts.LOADER);

        assertThat(set).isEqualTo(new DatabaseTimeouts(600, 5, 630, 30));
        assertThat(DatabaseTimeouts.fromEnvironment(Map.of("DB_SOCKET_TIMEOUT_SECONDS", "400"),
                DatabaseTimeouts.LOADER).socketSeconds()).isEqualTo(400);
        assertThat(set.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("DB_STATEMENT_TIMEOUT_SECONDS", "600",
                "DB_LOCK_TIMEOUT_SECONDS", "5", "DB_SOCKET_TIMEOUT_SECONDS", "630"));
    }

    @Test
    void aMalformedOrUnreasonableValueIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnvironment(Map.of("DB_LOCK_TIMEOUT_SECONDS", "1m"),
                DatabaseTimeouts.LOADER)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS").hasMessageContaining("'1m'");
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnvironment(Map.of("DB_STATEMENT_TIMEOUT_SECONDS", "900"),
                DatabaseTimeouts.LOADER)).hasMessageContaining("DB_STATEMENT_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> DatabaseTimeouts.fromEnvironment(Map.of("DB_STATEMENT_TIMEOUT_SECONDS", "120",
                "DB_SOCKET_TIMEOUT_SECONDS", "60"), DatabaseTimeouts.LOADER))
                .hasMessageContaining("DB_SOCKET_TIMEOUT_SECONDS (60) must be above DB_STATEMENT_TIMEOUT_SECONDS");
    }

    @Test
    void theDataSourceCarriesThemToTheDriverAndTheServer() {
        PGSimpleDataSource ds = (PGSimpleDataSource) PostgresDataSources.create(new DatabaseSecret("db.example", 5432,
                "dw", "loader", "pw"), "app", "disable", null, new DatabaseTimeouts(120, 7, 150, 20));

        assertThat(ds.getSocketTimeout()).isEqualTo(150);
        assertThat(ds.getLoginTimeout()).isEqualTo(20);
        assertThat(ds.getConnectTimeout()).isEqualTo(10);
        assertThat(ds.getOptions()).isEqualTo("-c statement_timeout=120000 -c lock_timeout=7000");
    }

    @Test
    void aFailureCausedByATimeoutSaysWhichAndTheVariableThatSetsIt() {
        assertThat(DatabaseTimeouts.explain(new SQLException("ERROR: canceling statement due to statement timeout",
                "57014"))).contains("statement timeout").contains("DB_STATEMENT_TIMEOUT_SECONDS");
        assertThat(DatabaseTimeouts.explain(new SQLException("ERROR: canceling statement due to lock timeout",
                "55P03"))).contains("lock timeout").contains("DB_LOCK_TIMEOUT_SECONDS");
        assertThat(DatabaseTimeouts.explain(new SQLException("An I/O error occurred while sending to the backend.",
                "08006", new SocketTimeoutException("Read timed out")))).contains("DB_SOCKET_TIMEOUT_SECONDS")
                .contains("hangs");
        assertThat(DatabaseTimeouts.explain(new SQLException("ERROR: canceling statement due to user request",
                "57014"))).isEmpty();
        assertThat(DatabaseTimeouts.explain(new SQLException("password authentication failed", "28P01"))).isEmpty();
    }
}
