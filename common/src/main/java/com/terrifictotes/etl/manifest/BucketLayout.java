package com.terrifictotes.etl.manifest;

import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key layout of both buckets. Manifests live under their own prefix, so bucket notifications can filter on
 * {@code manifests/} + {@code .json} and never fire for data files. Sequence numbers are zero-padded so that the
 * lexicographic order of a listing is the order of the batches.
 *
 * <pre>
 * ingestion bucket
 *   data/{table}/extracted={yyyy-MM-dd}/run-{seq}-{runId}/part-{n}.csv
 *   manifests/ingestion-{seq}.json
 * processed bucket
 *   tables/{warehouse_table}/batch={seq}/part-{n}.parquet     (one Athena/Glue table per warehouse table)
 *   state/{source_table}/batch={seq}/part-{n}.parquet         (transformer snapshots; not a lake table)
 *   manifests/processed-{seq}.json
 *   decisions/{stage}-{seq}.json                              (operator decisions a stage obeys; see OperatorDecision)
 * </pre>
 */
public final class BucketLayout {
    public static final String MANIFEST_PREFIX = "manifests/";
    public static final String MANIFEST_SUFFIX = ".json";
    public static final String DATA_PREFIX = "data/";
    public static final String TABLES_PREFIX = "tables/";
    public static final String STATE_PREFIX = "state/";
    public static final String DECISIONS_PREFIX = "decisions/";

    private static final Pattern INGESTION_MANIFEST = Pattern.compile("manifests/ingestion-(\\d{12})\\.json");
    private static final Pattern PROCESSED_MANIFEST = Pattern.compile("manifests/processed-(\\d{12})\\.json");

    private BucketLayout() {
    }

    public static String ingestionManifestKey(long sequence) {
        return String.format("%singestion-%012d%s", MANIFEST_PREFIX, sequence, MANIFEST_SUFFIX);
    }

    public static String processedManifestKey(long sequence) {
        return String.format("%sprocessed-%012d%s", MANIFEST_PREFIX, sequence, MANIFEST_SUFFIX);
    }

    /** Where the operator's decision about one batch at one stage lives, in the processed bucket. */
    public static String decisionKey(String stage, long sequence) {
        return String.format("%s%s-%012d%s", DECISIONS_PREFIX, stage, sequence, MANIFEST_SUFFIX);
    }

    public static String csvPartKey(String table, LocalDate extractedOn, long sequence, String runId, int part) {
        return String.format("%s%s/extracted=%s/run-%012d-%s/part-%05d.csv",
                DATA_PREFIX, table, extractedOn, sequence, runId, part);
    }

    public static String parquetPartKey(String warehouseTable, long sequence, int part) {
        return String.format("%s%s/batch=%012d/part-%05d.parquet", TABLES_PREFIX, warehouseTable, sequence, part);
    }

    public static String statePartKey(String sourceTable, long sequence, int part) {
        return String.format("%s%s/batch=%012d/part-%05d.parquet", STATE_PREFIX, sourceTable, sequence, part);
    }

    /** The sequence of an ingestion manifest key, or empty if the key is not one. */
    public static OptionalLong ingestionSequence(String key) {
        return sequence(INGESTION_MANIFEST.matcher(key));
    }

    /** The sequence of a processed manifest key, or empty if the key is not one. */
    public static OptionalLong processedSequence(String key) {
        return sequence(PROCESSED_MANIFEST.matcher(key));
    }

    private static OptionalLong sequence(Matcher matcher) {
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
