package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.GlueTypes;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnDatabaseProps;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.glue.CfnTableProps;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The processed zone as an Athena-queryable lake: a Glue database with one external Parquet table per star-schema
 * table, columns generated from {@link WarehouseCatalogue}. Each table lives at {@code tables/<table>/} and is
 * partitioned by the batch directory {@code batch=<12 digits>} through partition projection (integer range, 12
 * digits), so new batches are queryable at once, with no crawler and no MSCK REPAIR. Filter on {@code batch} where
 * you can: without a filter Athena looks into every projected batch directory up to {@code lakeMaxBatch}. The
 * transformer's state lives under {@code state/}, outside every table location.
 */
public final class LakeCatalog extends Construct {
    public static final String PARTITION_KEY = "batch";
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    /** BucketLayout zero-pads the batch sequence to 12 digits. */
    static final int BATCH_DIGITS = 12;

    private final CfnDatabase database;
    private final String databaseName;

    public LakeCatalog(Construct scope, String id, String stage, IBucket processed, long maxBatch) {
        super(scope, id);
        databaseName = "totes_etl_" + stage;
        database = new CfnDatabase(this, "Database", CfnDatabaseProps.builder()
                .catalogId(Stack.of(this).getAccount())
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(databaseName)
                        .description("totes-etl processed zone: the star schema as Parquet, one table per "
                                + "warehouse table, partitioned by batch")
                        .build())
                .build());
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            table(table, processed, maxBatch);
        }
    }

    public String databaseName() {
        return databaseName;
    }

    /** {@code s3://<processed>/tables/<table>/}, the prefix of BucketLayout.parquetPartKey. */
    static String location(IBucket processed, String table) {
        return processed.s3UrlForObject(BucketLayout.TABLES_PREFIX + table + "/");
    }

    private void table(WarehouseTable table, IBucket processed, long maxBatch) {
        String location = location(processed, table.name());
        CfnTable cfnTable = new CfnTable(this, table.name(), CfnTableProps.builder()
                .catalogId(Stack.of(this).getAccount())
                .databaseName(databaseName)
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(table.name())
                        .description(table.role().name().toLowerCase(Locale.ROOT) + " " + table.name()
                                + ": every batch the transformer wrote"
                                + (table.isFact() ? " (all row versions; the warehouse adds the surrogate key)" : ""))
                        .tableType("EXTERNAL_TABLE")
                        .partitionKeys(List.of(CfnTable.ColumnProperty.builder()
                                .name(PARTITION_KEY).type("bigint")
                                .comment("the batch sequence number of the transformer run that wrote the rows")
                                .build()))
                        .parameters(Map.of(
                                "classification", "parquet",
                                "EXTERNAL", "TRUE",
                                "projection.enabled", "true",
                                "projection." + PARTITION_KEY + ".type", "integer",
                                "projection." + PARTITION_KEY + ".range", "0," + maxBatch,
                                "projection." + PARTITION_KEY + ".digits", Integer.toString(BATCH_DIGITS),
                                "storage.location.template", location + PARTITION_KEY + "=${" + PARTITION_KEY + "}/"))
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .location(location)
                                .inputFormat(PARQUET_INPUT)
                                .outputFormat(PARQUET_OUTPUT)
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary(PARQUET_SERDE).build())
                                .columns(table.loadColumns().stream().map(LakeCatalog::column).toList())
                                .build())
                        .build())
                .build());
        cfnTable.getNode().addDependency(database);
    }

    private static CfnTable.ColumnProperty column(Column column) {
        return CfnTable.ColumnProperty.builder()
                .name(column.name())
                .type(GlueTypes.of(column.type()))
                .comment(GlueTypes.comment(column))
                .build();
    }
}
