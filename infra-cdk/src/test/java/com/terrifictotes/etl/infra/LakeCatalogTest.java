package com.terrifictotes.etl.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LakeCatalogTest {
    private final SynthesizedPipeline pipeline = SynthesizedPipeline.DEFAULTS.get();
    private final String bucket = Resources.logicalId(pipeline.stack.buckets().processed());

    @Test
    void thereIsOneGlueTableForEachStarSchemaTable() {
        assertThat(pipeline.resources.ofType("AWS::Glue::Database").values()).singleElement()
                .satisfies(db -> assertThat(db.at("/Properties/DatabaseInput/Name").asText())
                        .isEqualTo("totes_etl_dev"));
        assertThat(tables().keySet()).containsExactlyInAnyOrderElementsOf(
                WarehouseCatalogue.TABLES.stream().map(WarehouseTable::name).toList());
        assertThat(tables().values()).allSatisfy(t ->
                assertThat(t.path("DatabaseName").asText()).isEqualTo("totes_etl_dev"));
    }

    @Test
    void eachTableHasTheLoadColumnsOfTheCatalogueInOrder() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            JsonNode columns = tables().get(table.name()).at("/TableInput/StorageDescriptor/Columns");
            assertThat(columns).extracting(c -> c.path("Name").asText())
                    .as(table.name()).containsExactlyElementsOf(table.loadColumnNames());
        }
        assertThat(tables().get("fact_sales_order").at("/TableInput/StorageDescriptor/Columns").toString())
                .as("the surrogate key is the warehouse's, never in the files").doesNotContain("sales_record_id");
    }

    @Test
    void columnTypesMatchTheParquetTheTransformerWrites() {
        Map<ColumnType, String> expected = Map.of(
                ColumnType.INTEGER, "int", ColumnType.TEXT, "string", ColumnType.VARCHAR_3, "string",
                ColumnType.DECIMAL_10_2, "decimal(10,2)", ColumnType.DATE, "date", ColumnType.BOOLEAN, "boolean",
                ColumnType.TIME_MILLIS, "int", ColumnType.TIMESTAMP_MILLIS, "timestamp");
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            Map<String, String> glueTypes = Resources.list(tables().get(table.name())
                    .at("/TableInput/StorageDescriptor/Columns")).stream()
                    .collect(Collectors.toMap(c -> c.path("Name").asText(), c -> c.path("Type").asText()));
            for (Column column : table.loadColumns()) {
                assertThat(glueTypes.get(column.name())).as(table.name() + "." + column.name())
                        .isEqualTo(expected.get(column.type()));
            }
        }
    }

    @Test
    void timeOfDayColumnsSayHowToReadThem() {
        JsonNode created = Resources.list(tables().get("fact_payment").at("/TableInput/StorageDescriptor/Columns"))
                .stream().filter(c -> c.path("Name").asText().equals("created_time")).findFirst().orElseThrow();
        assertThat(created.path("Comment").asText()).contains("milliseconds after midnight");
    }

    @Test
    void tablesAreParquetAtTheirLayoutPrefixPartitionedByProjectedBatch() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            JsonNode input = tables().get(table.name()).path("TableInput");
            String location = location(input.at("/StorageDescriptor/Location"));
            assertThat(location).isEqualTo("s3://${" + bucket + "}/tables/" + table.name() + "/");
            // every Parquet key the transformer writes for this table lies under batch=<12 digits>/ of it
            String key = BucketLayout.parquetPartKey(table.name(), 42, 0);
            assertThat("s3://${" + bucket + "}/" + key).startsWith(location + "batch=000000000042/");
            assertThat(input.path("PartitionKeys")).singleElement().satisfies(k -> {
                assertThat(k.path("Name").asText()).isEqualTo("batch");
                assertThat(k.path("Type").asText()).isEqualTo("bigint");
            });
            JsonNode parameters = input.path("Parameters");
            assertThat(parameters.path("projection.enabled").asText()).isEqualTo("true");
            assertThat(parameters.path("projection.batch.type").asText()).isEqualTo("integer");
            assertThat(parameters.path("projection.batch.digits").asText()).isEqualTo("12");
            assertThat(parameters.path("projection.batch.range").asText()).isEqualTo("0,99999");
            assertThat(location(parameters.path("storage.location.template")))
                    .isEqualTo(location + "batch=${batch}/");
            assertThat(input.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText())
                    .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
            assertThat(input.at("/StorageDescriptor/InputFormat").asText()).contains("Parquet");
            assertThat(input.path("TableType").asText()).isEqualTo("EXTERNAL_TABLE");
        }
    }

    @Test
    void theTransformersStateLiesOutsideEveryTableLocation() {
        String stateObject = "s3://${" + bucket + "}/" + BucketLayout.statePartKey("staff", 1, 0);
        String manifest = "s3://${" + bucket + "}/" + BucketLayout.processedManifestKey(1);
        for (JsonNode table : tables().values()) {
            String location = location(table.at("/TableInput/StorageDescriptor/Location"));
            assertThat(stateObject).doesNotStartWith(location);
            assertThat(manifest).doesNotStartWith(location);
        }
    }

    private Map<String, JsonNode> tables() {
        return pipeline.resources.ofType("AWS::Glue::Table").values().stream()
                .map(t -> t.path("Properties"))
                .collect(Collectors.toMap(t -> t.at("/TableInput/Name").asText(), t -> t));
    }

    /** s3UrlForObject renders as a join of "s3://", the bucket Ref and the key. */
    private static String location(JsonNode value) {
        return Resources.render(value);
    }
}
