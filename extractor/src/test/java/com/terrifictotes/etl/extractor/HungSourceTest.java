package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.db.DatabaseSecret;
import com.terrifictotes.etl.db.DatabaseTimeouts;
import com.terrifictotes.etl.db.PostgresDataSources;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A source that hangs fails the run within the extractor's timeouts, naming the database and the table it was
 * reading, and publishes nothing: here a migration on ToteSys holds a table's ACCESS EXCLUSIVE lock, so the read
 * waits for a lock that is not released. The timeout is a second so the test is quick.
 */
class HungSourceTest {
    @Test
    void aSourceTableLockedByAnotherSessionFailsTheRunAfterTheLockTimeoutNamingDatabaseAndTable() throws Exception {
        ExtractionBed bed = ExtractionBed.create();
        DatabaseSecret secret = bed.database.secret();
        DataSource bounded = PostgresDataSources.create(secret, "totes-etl-extractor-test", "disable", null,
                new DatabaseTimeouts(30, 1, 60, 10));

        try (Connection migration = bed.database.dataSource().getConnection();
             Statement ddl = migration.createStatement()) {
            migration.setAutoCommit(false);
            ddl.execute("LOCK TABLE sales_order IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> new ExtractionService(bed.s3, bounded, bed.settings(), Clock.systemUTC(),
                    RunMetrics.discarding()).run())
                    .isInstanceOf(SourceDatabaseException.class)
                    .hasMessageContaining("source database " + secret.host() + ":" + secret.port() + "/"
                            + secret.dbname())
                    .hasMessageContaining("sales_order")
                    .hasMessageContaining("DB_LOCK_TIMEOUT_SECONDS")
                    .message().doesNotContain(secret.password());
            migration.rollback();
        }
        assertThat(bed.manifests()).isEmpty();
    }
}
