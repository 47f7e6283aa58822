package com.terrifictotes.etl.local;

import com.terrifictotes.etl.db.PostgresDataSources;
import com.terrifictotes.etl.error.ConfigurationException;
import javax.sql.DataSource;

/**
 * The two databases: ToteSys from TOTESYS_JDBC_URL, TOTESYS_USER and TOTESYS_PASSWORD; the warehouse from
 * WAREHOUSE_JDBC_URL, WAREHOUSE_USER and WAREHOUSE_PASSWORD.
 */
final class SourceDatabaseOptions {
    private static final String APPLICATION_NAME = "totes-etl-local";

    private SourceDatabaseOptions() {
    }

    static DataSource toteSys(Settings settings) {
        return database(settings, "TOTESYS");
    }

    static DataSource warehouse(Settings settings) {
        return database(settings, "WAREHOUSE");
    }

    /** A URL the driver refuses is named by its variable, never echoed: it may carry a password. */
    private static DataSource database(Settings settings, String prefix) {
        String urlVariable = prefix + "_JDBC_URL";
        String url = settings.required(urlVariable);
        String user = settings.required(prefix + "_USER");
        String password = settings.required(prefix + "_PASSWORD");
        ConfigurationException notAUrl = new ConfigurationException("environment variable " + urlVariable
                + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw notAUrl;
        }
        try {
            return PostgresDataSources.fromUrl(url, user, password, APPLICATION_NAME);
        } catch (IllegalArgumentException e) {
            throw notAUrl;
        }
    }
}
