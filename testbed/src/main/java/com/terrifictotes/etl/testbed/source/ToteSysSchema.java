package com.terrifictotes.etl.testbed.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates the ToteSys source schema ({@code totesys/schema.sql}: the production DDL, enums, sequences and
 * {@code _prisma_migrations} included) in a database that lacks it.
 */
public final class ToteSysSchema {
    static final String RESOURCE = "/totesys/schema.sql";

    /** Any fixed number will do: it only serialises concurrent callers on the same database. */
    private static final long ADVISORY_LOCK = 0x7074_6573_7973L;

    private ToteSysSchema() {
    }

    /**
     * Applies the DDL unless the table {@code public.address} already exists. Idempotent, and safe when several
     * threads call it at once: the check and the DDL run in one transaction under an advisory lock.
     */
    public static void createIfMissing(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
                if (!exists(statement)) {
                    statement.execute(ddl());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the ToteSys schema: " + e.getMessage(), e);
        }
    }

    static boolean exists(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT to_regclass('public.address') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The DDL text. */
    public static String ddl() {
        try (InputStream in = ToteSysSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + RESOURCE, e);
        }
    }
}
