package com.terrifictotes.etl.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.local.e2e.ToteSysFixture;
import com.terrifictotes.etl.testbed.lambda.LambdaEvents;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One deployment for the operator's commands: a ToteSys copy, two buckets, a warehouse, the real handlers driven
 * in this JVM (to make history), and the CLI in a JVM of its own (the commands under test), configured by the same
 * environment variables as {@code run}.
 */
final class Lineage {
    static final TestBed BED = TestBed.shared();
    private static final ObjectMapper JSON = new ObjectMapper();

    final DataSource toteSys;
    final String ingestion;
    final String processed;
    final Database warehouse;
    final LocalPipeline pipeline;
    private final CliProcess cli;

    private Lineage(DataSource toteSys, String ingestion, String processed, Database warehouse, Path home) {
        this.toteSys = toteSys;
        this.ingestion = ingestion;
        this.processed = processed;
        this.warehouse = warehouse;
        this.pipeline = new LocalPipeline(new PipelineServices(BED.s3(), BED.s3Region(), ingestion, processed,
                toteSys, warehouse.dataSource()), Clock.systemUTC());
        this.cli = new CliProcess(home);
    }

    /** New buckets and an empty warehouse reading a small ToteSys (every table has rows). */
    static Lineage fresh(Path home) {
        return new Lineage(ToteSysFixture.copy(ToteSysFixture.Size.SMALL), BED.createBucket("ingestion"),
                BED.createBucket("processed"), BED.createEmptyDatabase(), home);
    }

    /** The same source and warehouse, other buckets: what a redeploy after 'cdk destroy' gives. */
    Lineage withBuckets(String newIngestion, String newProcessed, Path home) {
        return new Lineage(toteSys, newIngestion, newProcessed, warehouse, home);
    }

    /** The same buckets and source, another warehouse. */
    Lineage withWarehouse(Database other, Path home) {
        return new Lineage(toteSys, ingestion, processed, other, home);
    }

    void cycle() {
        pipeline.runCycle();
    }

    void changes() {
        ToteSysFixture.dayOfChanges(toteSys);
    }

    void extract() {
        pipeline.extract();
    }

    void transform() {
        pipeline.transform(LambdaEvents.catchUp());
    }

    void load() {
        pipeline.load(LambdaEvents.catchUp());
    }

    CliProcess.Result run(String... arguments) throws Exception {
        return cli.run(environment(), arguments);
    }

    JsonNode status() throws Exception {
        CliProcess.Result status = run("status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isIn(0, 3);
        return JSON.readTree(status.stdout());
    }

    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("WAREHOUSE_JDBC_URL", warehouse.jdbcUrl());
        environment.put("WAREHOUSE_USER", warehouse.user());
        environment.put("WAREHOUSE_PASSWORD", warehouse.password());
        environment.put("INGESTION_BUCKET", ingestion);
        environment.put("PROCESSED_BUCKET", processed);
        environment.put("AWS_ENDPOINT_URL_S3", BED.s3Endpoint().toString());
        environment.put("AWS_REGION", BED.s3Region());
        environment.put("AWS_ACCESS_KEY_ID", BED.s3AccessKey());
        environment.put("AWS_SECRET_ACCESS_KEY", BED.s3SecretKey());
        environment.put("USER", "ops-test");
        return environment;
    }
}
