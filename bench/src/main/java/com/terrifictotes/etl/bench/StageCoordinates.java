package com.terrifictotes.etl.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a stage process needs to reach the servers the harness hosts: the S3 endpoint and its keys, the two
 * buckets of this run, the two databases. Travels to the stage process in its environment (never on its command
 * line, where the password would show in the process list).
 */
record StageCoordinates(String s3Endpoint, String region, String accessKey, String secretKey,
                               String ingestionBucket, String processedBucket, String toteSysUrl,
                               String warehouseUrl, String dbUser, String dbPassword) {
    static final String INGESTION = "BENCH_INGESTION_BUCKET";
    static final String PROCESSED = "BENCH_PROCESSED_BUCKET";
    static final String TOTESYS_URL = "BENCH_TOTESYS_JDBC_URL";
    static final String WAREHOUSE_URL = "BENCH_WAREHOUSE_JDBC_URL";
    static final String DB_USER = "BENCH_DB_USER";
    static final String DB_PASSWORD = "BENCH_DB_PASSWORD";

    public StageCoordinates {
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(ingestionBucket, "ingestionBucket");
    }

    /** The environment of a stage process: the AWS variables the SDK reads, plus the benchmark's own. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("AWS_ENDPOINT_URL_S3", s3Endpoint);
        environment.put("AWS_REGION", region);
        environment.put("AWS_ACCESS_KEY_ID", accessKey);
        environment.put("AWS_SECRET_ACCESS_KEY", secretKey);
        environment.put(INGESTION, ingestionBucket);
        putIfSet(environment, PROCESSED, processedBucket);
        putIfSet(environment, TOTESYS_URL, toteSysUrl);
        putIfSet(environment, WAREHOUSE_URL, warehouseUrl);
        environment.put(DB_USER, dbUser);
        environment.put(DB_PASSWORD, dbPassword);
        return environment;
    }

    static StageCoordinates fromEnvironment(Map<String, String> environment) {
        return new StageCoordinates(environment.get("AWS_ENDPOINT_URL_S3"), environment.get("AWS_REGION"),
                environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"),
                environment.get(INGESTION), environment.get(PROCESSED), environment.get(TOTESYS_URL),
                environment.get(WAREHOUSE_URL), environment.get(DB_USER), environment.get(DB_PASSWORD));
    }

    private static void putIfSet(Map<String, String> environment, String name, String value) {
        if (value != null) {
            environment.put(name, value);
        }
    }

    @Override
    public String toString() {
        return "StageCoordinates[s3=" + s3Endpoint + ", ingestion=" + ingestionBucket + ", processed="
                + processedBucket + ", toteSys=" + toteSysUrl + ", warehouse=" + warehouseUrl + ", password=***]";
    }
}
