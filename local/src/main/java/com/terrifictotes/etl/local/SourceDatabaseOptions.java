package com.terrifictotes.etl.local;

import com.terrifictotes.etl.db.PostgresDataSources;
import javax.sql.DataSource;

/** The ToteSys database named by TOTESYS_JDBC_URL, TOTESYS_USER and TOTESYS_PASSWORD. */
final class SourceDatabaseOptions {
    private SourceDatabaseOptions() {
    }

    static DataSource toteSys(Settings settings) {
        return PostgresDataSources.fromUrl(settings.required("TOTESYS_JDBC_URL"), settings.required("TOTESYS_USER"),
                settings.required("TOTESYS_PASSWORD"), "totes-etl-local");
    }

    static DataSource warehouse(Settings settings) {
        return PostgresDataSources.fromUrl(settings.required("WAREHOUSE_JDBC_URL"),
                settings.required("WAREHOUSE_USER"), settings.required("WAREHOUSE_PASSWORD"), "totes-etl-local");
    }
}
