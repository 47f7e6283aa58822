package com.terrifictotes.etl.testbed.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JVM's embedded PostgreSQL server. The superuser {@code postgres} is trusted (zonky needs that to see the server
 * come up) and is used only here, to create databases; every database handed out belongs to the login role
 * {@link #ROLE}, which must authenticate with its password, so code under test really uses the credentials it gets.
 */
final class PostgresServer implements AutoCloseable {
    static final String ROLE = "totes";
    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String HBA = """
            # TYPE  DATABASE  USER      ADDRESS       METHOD
            local   all       postgres                trust
            host    all       postgres  127.0.0.1/32  trust
            host    all       postgres  ::1/128       trust
            local   all       all                     scram-sha-256
            host    all       all       127.0.0.1/32  scram-sha-256
            host    all       all       ::1/128       scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    static PostgresServer start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(STARTUP_WAIT)
                    .setRegisterShutdownHook(false) // TestBed's hook stops it, after S3
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setDataDirectoryCustomizer(PostgresServer::writeHostBasedAuthentication)
                    .start();
            PostgresServer server = new PostgresServer(postgres, randomPassword());
            server.createRole();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** A new, empty database owned by {@link #ROLE}, named {@code <prefix>_<n>} with n unique in this JVM. */
    Database createDatabase(String prefix) {
        return createDatabase(prefix, "ENCODING 'UTF8'");
    }

    /**
     * A new, empty database whose encoding is {@code SQL_ASCII}: the server stores and returns text bytes as given,
     * unchecked, as some legacy databases do, so text that is not valid UTF-8 can reach a client.
     */
    Database createSqlAsciiDatabase(String prefix) {
        return createDatabase(prefix, "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'");
    }

    private Database createDatabase(String prefix, String encoding) {
        String name = prefix + "_" + databases.incrementAndGet();
        executeAsSuperuser("CREATE DATABASE " + name + " OWNER " + ROLE + " " + encoding + " TEMPLATE template0");
        String jdbcUrl = "jdbc:postgresql://" + HOST + ":" + port() + "/" + name;
        return new Database(name, jdbcUrl, ROLE, password, dataSource(name));
    }

    /** A new database created from {@code template}, named {@code <template>_copy_<n>}. */
    Database copyDatabase(Database template) {
        if (!template.name().matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a database of this server: " + template.name());
        }
        String name = template.name() + "_copy_" + databases.incrementAndGet();
        executeAsSuperuser("CREATE DATABASE " + name + " OWNER " + ROLE + " TEMPLATE " + template.name());
        String jdbcUrl = "jdbc:postgresql://" + HOST + ":" + port() + "/" + name;
        return new Database(name, jdbcUrl, ROLE, password, dataSource(name));
    }

    private DataSource dataSource(String name) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {HOST});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(name);
        ds.setUser(ROLE);
        ds.setPassword(password);
        ds.setApplicationName("testbed");
        return ds;
    }

    /** The password is hashed (SCRAM) by the driver, so neither SQL text nor the server log ever holds it. */
    private synchronized void createRole() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN");
            connection.unwrap(PGConnection.class).alterUserPassword(ROLE, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the role " + ROLE + ": " + e.getMessage(), e);
        }
    }

    private synchronized void executeAsSuperuser(String sql) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL refused: " + e.getMessage(), e);
        }
    }

    private static void writeHostBasedAuthentication(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
