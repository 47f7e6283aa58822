package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import com.terrifictotes.etl.testbed.source.ToteSysSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code ./pipeline seed | run | changes} as a user runs them: the CLI in a JVM of its own, configured only by
 * environment variables, against a PostgreSQL server and an S3 server that this test JVM starts (embedded
 * PostgreSQL, in-process S3Proxy). The warehouse is checked against the SQL oracle over the source, not against what
 * the CLI printed.
 */
class PipelineCliIT {
    private static final TestBed BED = TestBed.shared();

    @TempDir
    Path home;

    @Test
    void seedRunChangesRunLeaveTheWarehouseEqualToWhatTheSourceHeldAtEachRun() throws Exception {
        Database toteSys = BED.createEmptyDatabase();
        Database warehouse = BED.createEmptyDatabase();
        Map<String, String> environment = environment(toteSys, warehouse);
        CliProcess cli = new CliProcess(home);

        CliProcess.Result seed = cli.run(environment, "seed", "--scale", "1", "--seed", "7");
        assertThat(seed.exitCode()).as(seed.toString()).isZero();
        assertThat(seed.stdout()).startsWith("seeded SF1 (seed 7): ");

        CliProcess.Result first = cli.run(environment, "run", "--log-file", home.resolve("run-1.log").toString());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        SourceSnapshot afterFirst = WarehouseFromSource.snapshot(toteSys.dataSource());
        assertThat(WarehouseContents.of(warehouse.dataSource()).tables())
                .isEqualTo(WarehouseContents.expected(List.of(afterFirst)));
        assertSummaryShowsEverySourceRowExtracted(first.stdout(), toteSys);
        assertThat(first.stdout()).as("handler logs go to the log file, not the terminal").doesNotContain("{\"");
        assertThat(home.resolve("run-1.log")).content().contains("\"message\":\"manifest published\"");

        CliProcess.Result changes = cli.run(environment, "changes", "--seed", "7");
        assertThat(changes.exitCode()).as(changes.toString()).isZero();
        assertThat(changes.stdout()).startsWith("applied a day of changes at ");

        CliProcess.Result second = cli.run(environment, "run", "--log-file", home.resolve("run-2.log").toString());
        assertThat(second.exitCode()).as(second.toString()).isZero();
        SourceSnapshot afterSecond = WarehouseFromSource.snapshot(toteSys.dataSource());
        WarehouseContents contents = WarehouseContents.of(warehouse.dataSource());
        assertThat(contents.tables()).isEqualTo(WarehouseContents.expected(List.of(afterFirst, afterSecond)));
        assertThat(contents.ledger()).hasSize(2);
        assertThat(second.stdout()).contains("Cycle: extract").contains("then loaded into the warehouse");
    }

    /** run and reconcile, like the operator's commands, take credentials from AWS's default chain: a profile here. */
    @Test
    void reconcileFindsWhatARawSqlFixAndADeleteDidThatTheNextRunCarriesToTheWarehouse() throws Exception {
        Database toteSys = BED.createEmptyDatabase();
        Database warehouse = BED.createEmptyDatabase();
        Map<String, String> environment = environment(toteSys, warehouse);
        CliProcess cli = new CliProcess(home);
        assertThat(cli.run(environment, "seed", "--scale", "1", "--seed", "11").exitCode()).isZero();
        assertThat(cli.run(environment, "run", "--log-file", home.resolve("run-1.log").toString()).exitCode())
                .isZero();
        WarehouseContents.query(toteSys.dataSource(), "UPDATE design SET design_name = 'renamed by hand'"
                + " WHERE design_id = (SELECT min(design_id) FROM design) RETURNING 1");
        WarehouseContents.query(toteSys.dataSource(), "DELETE FROM design d WHERE design_id = (SELECT max(design_id)"
                + " FROM design e WHERE NOT EXISTS (SELECT 1 FROM sales_order s WHERE s.design_id = e.design_id))"
                + " RETURNING 1");

        Map<String, String> withProfile = withCredentialsFromAProfile(environment);

        CliProcess.Result dry = cli.run(withProfile, "reconcile", "--dry-run", "--log-file",
                home.resolve("dry.log").toString());
        CliProcess.Result reconcile = cli.run(withProfile, "reconcile", "--log-file",
                home.resolve("reconcile.log").toString());
        CliProcess.Result run = cli.run(withProfile, "run", "--log-file", home.resolve("run-2.log").toString());

        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("dry run, nothing published: source rows to deliver: design 1;"
                + " 1 rows found gone");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        assertThat(reconcile.stdout()).containsPattern("(?m)^ {4}dim_design +0 +1 +1 +0 +0 +0$")
                .containsPattern("(?m)^ {4}total +0 +1 +1 +0 +0 +0$")
                .contains("published s3://" + environment.get("INGESTION_BUCKET")
                        + "/manifests/ingestion-000000000002.json: source rows to deliver: design 1; 1 rows found gone")
                .contains("the next ./pipeline run carries it to the warehouse");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("  reconciled:  2 row(s) (batch 2: missing 0, changed 1, deleted 1,"
                + " parents 0; left alone: in flight 0, quarantined 0)");
        assertThat(WarehouseContents.query(warehouse.dataSource(), "SELECT count(*) FROM dim_design"
                + " WHERE design_name = 'renamed by hand' OR deleted_at IS NOT NULL")).containsExactly("2");
        CliProcess.Result again = cli.run(environment, "reconcile", "--log-file",
                home.resolve("again.log").toString());
        assertThat(again.stdout()).contains("nothing to reconcile: the warehouse matches ToteSys");
    }

    @Test
    void aMissingSettingIsOneLineNamingItAndNoStackTrace() throws Exception {
        Map<String, String> environment = environment(BED.createEmptyDatabase(), BED.createEmptyDatabase());
        environment.remove("WAREHOUSE_JDBC_URL");

        CliProcess.Result run = new CliProcess(home).run(environment, "run");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderrLines()).containsExactly("error: environment variable WAREHOUSE_JDBC_URL is not set");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aMalformedSettingIsOneLineNamingItWithoutEchoingTheValue() throws Exception {
        Map<String, String> environment = environment(BED.createEmptyDatabase(), BED.createEmptyDatabase());
        environment.put("TOTESYS_JDBC_URL", "postgres://user:secret@somewhere/totesys");

        CliProcess.Result run = new CliProcess(home).run(environment, "run");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderrLines()).singleElement().asString().startsWith("error: ").contains("TOTESYS_JDBC_URL")
                .doesNotContain("secret");
    }

    @Test
    void aStageThatFailsMakesRunExitNonZeroWithOneLineNamingWhatFailed() throws Exception {
        Database toteSys = BED.createEmptyDatabase();
        Map<String, String> environment = environment(toteSys, BED.createEmptyDatabase());
        environment.put("TOTESYS_PASSWORD", "not-the-password");

        CliProcess.Result run = new CliProcess(home).run(environment, "run", "--log-file",
                home.resolve("failed.log").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderrLines()).singleElement().asString().startsWith("error: ").contains(toteSys.name())
                .doesNotContain("not-the-password");
    }

    @Test
    void aRunWhoseLoaderWaitsForAMissingBatchSaysSoAndExitsThree() throws Exception {
        Database toteSys = BED.createEmptyDatabase();
        ToteSysSchema.createIfMissing(toteSys.dataSource());
        Map<String, String> environment = environment(toteSys, BED.createEmptyDatabase());
        String processed = environment.get("PROCESSED_BUCKET");
        BED.s3().createBucket(b -> b.bucket(processed));
        // batch 2 is in the processed zone, batch 1 never arrived: the loader must hold batch 2 back
        String ahead = BucketLayout.processedManifestKey(2);
        BED.s3().putObject(b -> b.bucket(processed).key(ahead), RequestBody.fromString("{}"));

        CliProcess.Result run = new CliProcess(home).run(environment, "run", "--log-file",
                home.resolve("gap.log").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.stdout()).contains("warehouse incomplete: it holds batches up to sequence 0, the processed zone"
                + " up to 2; the loader waits for s3://" + processed + "/" + BucketLayout.processedManifestKey(1));
    }

    /** The first run reads everything: its per-table rows are the source's row counts. */
    private static void assertSummaryShowsEverySourceRowExtracted(String summary, Database toteSys) {
        Map<String, String> printed = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^ {4}(\\w+) +([\\d,]+) +[\\d,-]+$").matcher(summary);
        while (line.find()) {
            printed.put(line.group(1), line.group(2).replace(",", ""));
        }
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(printed.get(table.name())).as("rows extracted from %s", table.name())
                    .isEqualTo(WarehouseContents.query(toteSys.dataSource(),
                            "SELECT count(*) FROM " + table.quotedName()).get(0));
        }
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            assertThat(summary).contains("    " + table.name() + " ");
        }
        assertThat(summary).as("a generated source holds nothing the warehouse cannot take, nor a late parent")
                .contains("  quarantined: 0 row version(s)\n", "  inferred:    0 dimension row(s)\n");
    }

    /** The same settings without key variables: the credentials are a named profile's, in a file of its own. */
    private Map<String, String> withCredentialsFromAProfile(Map<String, String> environment) throws IOException {
        Path credentials = home.resolve("aws-credentials");
        Files.writeString(credentials, "[totes-operator]\naws_access_key_id = " + BED.s3AccessKey()
                + "\naws_secret_access_key = " + BED.s3SecretKey() + "\n");
        Map<String, String> withProfile = new HashMap<>(environment);
        withProfile.remove("AWS_ACCESS_KEY_ID");
        withProfile.remove("AWS_SECRET_ACCESS_KEY");
        withProfile.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        withProfile.put("AWS_CONFIG_FILE", home.resolve("aws-config-absent").toString());
        withProfile.put("AWS_PROFILE", "totes-operator");
        return withProfile;
    }

    /** What {@code run} reads; the buckets do not exist yet, so {@code run} has to create them. */
    private Map<String, String> environment(Database toteSys, Database warehouse) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = new HashMap<>();
        environment.put("TOTESYS_JDBC_URL", toteSys.jdbcUrl());
        environment.put("TOTESYS_USER", toteSys.user());
        environment.put("TOTESYS_PASSWORD", toteSys.password());
        environment.put("WAREHOUSE_JDBC_URL", warehouse.jdbcUrl());
        environment.put("WAREHOUSE_USER", warehouse.user());
        environment.put("WAREHOUSE_PASSWORD", warehouse.password());
        environment.put("INGESTION_BUCKET", "cli-ingestion-" + run);
        environment.put("PROCESSED_BUCKET", "cli-processed-" + run);
        environment.put("AWS_ENDPOINT_URL_S3", BED.s3Endpoint().toString());
        environment.put("AWS_REGION", BED.s3Region());
        environment.put("AWS_ACCESS_KEY_ID", BED.s3AccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", BED.s3SecretKey());
        return environment;
    }

}
