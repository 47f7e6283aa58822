package com.terrifictotes.etl.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DataSourceAddressTest {
    @Test
    void aPostgresDataSourceIsNamedByHostPortDatabaseAndUserButNeverItsPassword() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {"totesys.example"});
        pg.setPortNumbers(new int[] {6543});
        pg.setDatabaseName("totesys");
        pg.setUser("reader");
        pg.setPassword("s3cr3t-value");

        assertThat(DataSourceAddress.of(pg)).isEqualTo("totesys.example:6543/totesys as user reader")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void anUnsetPortIsPostgresDefaultAndAWrappedDataSourceIsNamedByWhatItWraps() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setServerNames(new String[] {"warehouse.example"});
        pg.setDatabaseName("warehouse");

        assertThat(DataSourceAddress.of(new Wrapping(pg))).isEqualTo("warehouse.example:5432/warehouse");
    }

    @Test
    void aDataSourceThatCannotTellIsNamedByItsClass() {
        assertThat(DataSourceAddress.of(new Wrapping(null))).isEqualTo("(Wrapping)");
    }

    /** A data source that wraps pgjdbc's, as the verification's replica does. */
    private record Wrapping(PGSimpleDataSource inner) implements DataSource {
        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (inner != null && type.isInstance(inner)) {
                return type.cast(inner);
            }
            throw new SQLException("not a wrapper for " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return inner != null && type.isInstance(inner);
        }
    }
}
