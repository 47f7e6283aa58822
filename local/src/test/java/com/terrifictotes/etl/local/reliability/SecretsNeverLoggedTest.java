package com.terrifictotes.etl.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.local.reliability.LambdaProcesses.Invocation;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.SecretsManagerStandIn;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every handler run as Lambda runs it (its own JVM, its no-argument constructor, only its function's environment,
 * credentials read from a Secrets Manager stand-in, our loggers at DEBUG): first through every failure a credential
 * can cause (wrong password, a secret missing, not JSON, missing a field, TLS demanded of a server without it), then,
 * with the right secrets, one healthy cycle. Every line any of them printed is checked for every secret value.
 */
class SecretsNeverLoggedTest {
    private static final String EXTRACTOR = "com.terrifictotes.etl.extractor.ExtractorHandler";
    private static final String TRANSFORMER = "com.terrifictotes.etl.transformer.TransformerHandler";
    private static final String LOADER = "com.terrifictotes.etl.loader.LoaderHandler";
    private static final String VERIFY_FULL = "verify-full";
    private static final String RDS_BUNDLE = "/var/task/global-bundle.pem";

    private static final TestBed BED = TestBed.shared();
    private static final Map<String, Invocation> RUNS = new LinkedHashMap<>();
    private static Database totesys;
    private static Database warehouse;
    private static String wrongPassword;
    private static SecretsManagerStandIn secretsManager;
    private static Path work;

    @BeforeAll
    static void runEveryHandlerThroughItsFailuresAndThenHealthy() throws Exception {
        totesys = SmallToteSys.copy();
        warehouse = BED.createEmptyDatabase();
        wrongPassword = "Wr0ng-" + totesys.password();
        secretsManager = new SecretsManagerStandIn();
        putSecrets();
        work = Files.createTempDirectory("secrets-never-logged");
        LambdaProcesses lambda = new LambdaProcesses(work, secretsManager);
        Map<String, String> extractor = Map.of("INGESTION_BUCKET", BED.createBucket("ingestion"),
                "TOTESYS_SECRET_ID", "totes/totesys", "DB_SSLMODE", "disable", "EXTRACT_OVERLAP_SECONDS", "21600");
        String processed = BED.createBucket("processed");
        Map<String, String> transformer = Map.of("INGESTION_BUCKET", extractor.get("INGESTION_BUCKET"),
                "PROCESSED_BUCKET", processed);
        Map<String, String> loader = Map.of("PROCESSED_BUCKET", processed, "WAREHOUSE_SECRET_ID", "totes/warehouse",
                "DB_SSLMODE", "disable");

        List<Object[]> failures = List.of(
                run("extractor, wrong password", EXTRACTOR, "scheduled", extractor, "TOTESYS_SECRET_ID",
                        "totes/totesys-wrong-password"),
                run("extractor, secret without dbname", EXTRACTOR, "scheduled", extractor, "TOTESYS_SECRET_ID",
                        "totes/totesys-no-dbname"),
                run("extractor, verify-full", EXTRACTOR, "scheduled", extractor, "DB_SSLMODE", VERIFY_FULL,
                        "DB_SSLROOTCERT", RDS_BUNDLE),
                run("loader, secret missing", LOADER, "catch-up", loader, "WAREHOUSE_SECRET_ID",
                        "totes/warehouse-missing"),
                run("loader, secret not JSON", LOADER, "catch-up", loader, "WAREHOUSE_SECRET_ID",
                        "totes/warehouse-not-json"),
                run("loader, secret without host", LOADER, "catch-up", loader, "WAREHOUSE_SECRET_ID",
                        "totes/warehouse-no-host"),
                run("loader, wrong password", LOADER, "catch-up", loader, "WAREHOUSE_SECRET_ID",
                        "totes/warehouse-wrong-password"),
                run("loader, verify-full", LOADER, "catch-up", loader, "DB_SSLMODE", VERIFY_FULL,
                        "DB_SSLROOTCERT", RDS_BUNDLE));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Invocation>> running = new ArrayList<>();
            for (Object[] f : failures) {
                running.add(pool.submit(() -> lambda.invoke((String) f[0], function(f[1]), (String) f[1],
                        (String) f[2], cast(f[3]))));
            }
            for (Future<Invocation> invocation : running) {
                record(invocation.get());
            }
        } finally {
            pool.shutdown();
        }
        record(lambda.invoke("extractor", "extractor", EXTRACTOR, "scheduled", extractor));
        record(lambda.invoke("transformer", "transformer", TRANSFORMER, "catch-up", transformer));
        record(lambda.invoke("loader", "loader", LOADER, "catch-up", loader));
    }

    @AfterAll
    static void stopTheStandInAndRemoveTheOutputs() throws IOException {
        if (secretsManager != null) {
            secretsManager.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void noLineAnyRunPrintedHoldsAPasswordOrTheS3SecretKey() {
        List<String> secrets = List.of(totesys.password(), warehouse.password(), wrongPassword, BED.s3SecretKey());
        assertThat(RUNS).hasSize(11);
        RUNS.values().forEach(run -> assertThat(run.lines()).as("lines printed by %s", run.name())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(secrets).noneMatch(line::contains)));
        assertThat(RUNS.values()).as("runs whose JSON log lines were captured")
                .allMatch(run -> run.output().contains("\"level\":\"INFO\"")
                        || run.output().contains("\"level\":\"ERROR\""));
    }

    @Test
    void aSecretThatIsMissingNotJsonOrWithoutAFieldFailsNamingTheSecretAndTheCause() {
        assertFailed("extractor, secret without dbname", "secret totes/totesys-no-dbname has no field \"dbname\"");
        assertFailed("loader, secret missing", "secret totes/warehouse-missing does not exist");
        assertFailed("loader, secret not JSON", "secret totes/warehouse-not-json is not valid JSON");
        assertFailed("loader, secret without host", "secret totes/warehouse-no-host has no field \"host\"");
    }

    @Test
    void aDatabaseThatRefusesTheLoginIsNamedWithTheServersReason() {
        assertFailed("extractor, wrong password", "cannot connect to source database " + address(totesys)
                + " as user " + totesys.user() + ": FATAL: password authentication failed");
        assertFailed("loader, wrong password", "cannot connect to the warehouse " + address(warehouse)
                + " as user " + warehouse.user() + ": FATAL: password authentication failed");
    }

    @Test
    void verifyFullReachesTheDriverOfBothFunctionsAndRefusesAServerWithoutTls() {
        assertFailed("extractor, verify-full", "cannot connect to source database " + address(totesys));
        assertFailed("loader, verify-full", "cannot connect to the warehouse " + address(warehouse));
        assertThat(RUNS.get("extractor, verify-full").output()).contains("The server does not support SSL");
        assertThat(RUNS.get("loader, verify-full").output()).contains("The server does not support SSL");
    }

    @Test
    void withTheRightSecretsTheCycleLoadsEverythingAsIfNothingHadFailed() {
        assertThat(RUNS.get("extractor").exitStatus()).as(tail(RUNS.get("extractor"))).isZero();
        assertThat(RUNS.get("transformer").exitStatus()).as(tail(RUNS.get("transformer"))).isZero();
        assertThat(RUNS.get("loader").exitStatus()).as(tail(RUNS.get("loader"))).isZero();
        WarehouseVerdict.assertHolds(WarehouseContents.of(warehouse.dataSource()),
                WarehouseContents.expected(List.of(WarehouseFromSource.snapshot(totesys.dataSource()))), 1);
    }

    private static void putSecrets() {
        secretsManager.put("totes/totesys", totesys.secretJson());
        secretsManager.put("totes/totesys-wrong-password", totesys.secretJson()
                .replace("\"password\":\"" + totesys.password() + "\"", "\"password\":\"" + wrongPassword + "\""));
        secretsManager.put("totes/totesys-no-dbname", totesys.secretJson()
                .replace("\"dbname\":\"" + totesys.name() + "\",", ""));
        secretsManager.put("totes/warehouse", warehouse.secretJson());
        secretsManager.put("totes/warehouse-wrong-password", warehouse.secretJson()
                .replace("\"password\":\"" + warehouse.password() + "\"", "\"password\":\"" + wrongPassword + "\""));
        secretsManager.put("totes/warehouse-not-json", "host=" + warehouse.host() + " password="
                + warehouse.password());
        secretsManager.put("totes/warehouse-no-host", warehouse.secretJson()
                .replace("\"host\":\"" + warehouse.host() + "\",", ""));
    }

    private static Object[] run(String name, String handler, String event, Map<String, String> base,
                                String... overrides) {
        Map<String, String> variables = new LinkedHashMap<>(base);
        for (int i = 0; i < overrides.length; i += 2) {
            variables.put(overrides[i], overrides[i + 1]);
        }
        return new Object[] {name, handler, event, variables};
    }

    private static void record(Invocation invocation) {
        RUNS.put(invocation.name(), invocation);
    }

    private static void assertFailed(String run, String message) {
        Invocation invocation = RUNS.get(run);
        assertThat(invocation.exitStatus()).as("exit status of %s", run).isEqualTo(1);
        assertThat(invocation.lines()).as("the error %s reported", run)
                .anyMatch(line -> line.startsWith("{\"errorMessage\":\"" + message)
                        || line.startsWith("{\"errorMessage\":\"" + message.replace("\"", "\\\"")));
    }

    private static String address(Database database) {
        return database.host() + ":" + database.port() + "/" + database.name();
    }

    private static String function(Object handler) {
        return handler.equals(EXTRACTOR) ? "extractor" : handler.equals(LOADER) ? "loader" : "transformer";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cast(Object variables) {
        return (Map<String, String>) variables;
    }

    private static String tail(Invocation invocation) {
        String output = invocation.output();
        return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
    }
}
