package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.config.EnvironmentVariables;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.runtime.RowBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the transformer needs to know.
 *
 * @param partRows at most this many rows per Parquet object, so every object (and the time to write it) is bounded
 * @param budget   what one invocation may take on ({@value RowBudget#VARIABLE}, counted in the ingestion manifests'
 *                 rows): the handler's bound; the service's plain {@code transformPending} ignores it
 * @param columnarPass whether tables with a columnar pass ({@link ColumnarTable}) take it; false only to compare it
 *                     with the row path, which writes the same bytes (tests, benchmarks)
 */
public record TransformerSettings(String ingestionBucket, String processedBucket, long partRows,
                                  ParquetSettings parquet, RowBudget budget, boolean columnarPass) {
    public static final String INGESTION_BUCKET = "INGESTION_BUCKET";
    public static final String PROCESSED_BUCKET = "PROCESSED_BUCKET";
    public static final long DEFAULT_PART_ROWS = 1_000_000;

    /** The variables this function reads: both buckets required, the budget optional. */
    public static final List<String> VARIABLES = List.of(INGESTION_BUCKET, PROCESSED_BUCKET, RowBudget.VARIABLE);

    public TransformerSettings {
        requireBucket(INGESTION_BUCKET, ingestionBucket);
        requireBucket(PROCESSED_BUCKET, processedBucket);
        Objects.requireNonNull(parquet, "parquet");
        Objects.requireNonNull(budget, "budget");
        if (partRows < 1) {
            throw new ConfigurationException("part rows must be positive, got " + partRows);
        }
    }

    public static TransformerSettings forBuckets(String ingestionBucket, String processedBucket) {
        return new TransformerSettings(ingestionBucket, processedBucket, DEFAULT_PART_ROWS, ParquetSettings.DEFAULT,
                RowBudget.DEFAULT, true);
    }

    public static TransformerSettings fromEnvironment(Map<String, String> environment) {
        return forBuckets(EnvironmentVariables.required(environment, INGESTION_BUCKET),
                EnvironmentVariables.required(environment, PROCESSED_BUCKET))
                .withBudget(RowBudget.fromEnvironment(environment));
    }

    public TransformerSettings withPartRows(long rows) {
        return new TransformerSettings(ingestionBucket, processedBucket, rows, parquet, budget, columnarPass);
    }

    public TransformerSettings withBudget(RowBudget perInvocation) {
        return new TransformerSettings(ingestionBucket, processedBucket, partRows, parquet, perInvocation,
                columnarPass);
    }

    /** These settings with every row taken the row path: the reference the columnar pass is compared with. */
    public TransformerSettings withRowPathOnly() {
        return new TransformerSettings(ingestionBucket, processedBucket, partRows, parquet, budget, false);
    }

    private static void requireBucket(String variable, String bucket) {
        if (bucket == null || bucket.isBlank()) {
            throw new ConfigurationException(variable + " is not set: the transformer needs both buckets");
        }
    }
}
