package com.terrifictotes.etl.testbed.servers;

import com.terrifictotes.etl.db.WarehouseMigrations;
import com.terrifictotes.etl.testbed.source.ToteSysSchema;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The real servers tests run against: one embedded PostgreSQL and one in-process S3Proxy per JVM. Each starts on
 * first use (so a test that needs only S3 never waits for PostgreSQL), at most once even under parallel tests, and
 * a shutdown hook stops both. Isolation comes from handing every caller its own database or bucket.
 *
 * <p>The S3 server keeps objects in memory unless the system property {@value #S3_DIRECTORY_PROPERTY} names a
 * directory (created if missing) to keep them in files instead: benchmarks set it, so that gigabytes of test data
 * do not sit in the heap of the JVM under measurement.
 */
public final class TestBed {
    /** System property: a directory for the S3 server's objects instead of memory; read when the server starts. */
    public static final String S3_DIRECTORY_PROPERTY = "testbed.s3.directory";

    private static final TestBed SHARED = new TestBed();

    private volatile PostgresServer postgres;
    private volatile S3Server s3;

    private TestBed() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "testbed-shutdown"));
    }

    public static TestBed shared() {
        return SHARED;
    }

    /** A real SDK v2 client for the in-process S3 server: path-style, static credentials, region us-east-1. */
    public S3Client s3() {
        return s3Server().client();
    }

    /** A builder configured as {@link #s3()} is, for a client of one's own (e.g. with an interceptor). */
    public S3ClientBuilder s3ClientBuilder() {
        return s3Server().clientBuilder();
    }

    public URI s3Endpoint() {
        return s3Server().endpoint();
    }

    public String s3AccessKey() {
        return S3Server.ACCESS_KEY;
    }

    public String s3SecretKey() {
        return S3Server.SECRET_KEY;
    }

    public String s3Region() {
        return S3Server.REGION.id();
    }

    /**
     * A Lambda jar's environment: the function's own settings, plus the AWS variables that point its SDK clients at
     * this bed's S3 server and at {@code secrets} (endpoints, region, the S3 server's keys).
     */
    public Map<String, String> lambdaEnvironment(SecretsManagerStandIn secrets, Map<String, String> function) {
        Map<String, String> environment = new HashMap<>(function);
        environment.put("AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        environment.put("AWS_REGION", s3Region());
        environment.put("AWS_ACCESS_KEY_ID", s3AccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", s3SecretKey());
        return Map.copyOf(environment);
    }

    /** Creates a new bucket whose name starts with the hint (made valid) and is unique in this JVM. */
    public String createBucket(String hint) {
        return s3Server().createBucket(hint);
    }

    /** A new database holding the ToteSys schema (with {@code _prisma_migrations} and its row) and no data. */
    public Database createToteSysDatabase() {
        Database database = postgresServer().createDatabase("totesys");
        ToteSysSchema.createIfMissing(database.dataSource());
        return database;
    }

    /**
     * As {@link #createToteSysDatabase()}, in a database whose encoding is {@code SQL_ASCII}: text columns then hold
     * whatever bytes a client sent, valid UTF-8 or not, and hand them back unchecked.
     */
    public Database createSqlAsciiToteSysDatabase() {
        Database database = postgresServer().createSqlAsciiDatabase("totesys_sql_ascii");
        ToteSysSchema.createIfMissing(database.dataSource());
        return database;
    }

    /** A new database with the warehouse's Flyway migrations applied. */
    public Database createWarehouseDatabase() {
        Database database = postgresServer().createDatabase("warehouse");
        WarehouseMigrations.migrate(database.dataSource());
        return database;
    }

    public Database createEmptyDatabase() {
        return postgresServer().createDatabase("empty");
    }

    /**
     * A new database holding a copy of {@code template} (PostgreSQL's {@code CREATE DATABASE ... TEMPLATE}): much
     * faster than generating the same data again. Nothing may be connected to the template while it is copied.
     */
    public Database copyOf(Database template) {
        return postgresServer().copyDatabase(template);
    }

    private PostgresServer postgresServer() {
        PostgresServer server = postgres;
        if (server == null) {
            synchronized (this) {
                if (postgres == null) {
                    postgres = PostgresServer.start();
                }
                server = postgres;
            }
        }
        return server;
    }

    private S3Server s3Server() {
        S3Server server = s3;
        if (server == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = S3Server.start();
                }
                server = s3;
            }
        }
        return server;
    }

    private synchronized void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("testbed: could not stop embedded PostgreSQL: " + e);
            }
        }
    }
}
