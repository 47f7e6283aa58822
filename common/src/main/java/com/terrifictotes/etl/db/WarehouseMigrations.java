package com.terrifictotes.etl.db;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.error.ConfigurationException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The warehouse schema is owned by the Flyway migrations in {@code db/warehouse}. A warehouse already migrated past
 * what this code knows is refused before anything is changed: old code must not load into a newer schema.
 */
public final class WarehouseMigrations {
    public static final String LOCATION = "classpath:db/warehouse";

    private WarehouseMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        refuseNewerSchema(flyway);
        return flyway.migrate();
    }

    static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load();
    }

    private static void refuseNewerSchema(Flyway flyway) {
        MigrationVersion known = MigrationVersion.fromVersion(Integer.toString(WarehouseCatalogue.SCHEMA_VERSION));
        for (MigrationInfo applied : flyway.info().applied()) {
            if (applied.getVersion() != null && applied.getVersion().compareTo(known) > 0) {
                throw new ConfigurationException("warehouse schema is at version " + applied.getVersion()
                        + ", newer than the " + known + " this loader knows; deploy a newer loader");
            }
        }
    }
}
