package com.terrifictotes.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {
    @Test
    void givesEveryWarehouseTableItsLoadColumnsInOrder() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            Schema schema = AvroSchemas.of(table);
            assertThat(schema.getFields()).extracting(Schema.Field::name).isEqualTo(table.loadColumnNames());
            assertThat(schema.getNamespace()).isEqualTo(AvroSchemas.WAREHOUSE_NAMESPACE);
        }
        assertThat(AvroSchemas.of(WarehouseCatalogue.FACT_SALES_ORDER).getField("sales_record_id")).isNull();
    }

    @Test
    void givesEverySourceTableAllItsColumns() {
        ToteSysCatalogue.TABLES.forEach(table -> assertThat(AvroSchemas.of(table).getFields())
                .extracting(Schema.Field::name).isEqualTo(table.columnNames()));
    }

    @Test
    void mapsEachColumnTypeToAnExactLogicalTypeAndNullabilityToAUnionWithNull() {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            for (Column column : table.loadColumns()) {
                Schema field = AvroSchemas.of(table).getField(column.name()).schema();
                Schema value = column.nullable() ? nonNull(field) : field;
                assertThat(field.isNullable()).as(column.name()).isEqualTo(column.nullable());
                assertThat(describe(value)).as(table.name() + "." + column.name()).isEqualTo(switch (column.type()) {
                    case INTEGER -> "INT";
                    case TEXT, VARCHAR_3, ENUM -> "STRING";
                    case BOOLEAN -> "BOOLEAN";
                    case DECIMAL_10_2 -> "BYTES decimal(10,2)";
                    case DATE -> "INT date";
                    case TIME_MILLIS -> "INT time-of-day-millis";
                    case TIMESTAMP_MILLIS -> "LONG local-timestamp-micros";
                });
            }
        }
    }

    private static Schema nonNull(Schema union) {
        List<Schema> types = union.getTypes();
        assertThat(types.get(0).getType()).isEqualTo(Schema.Type.NULL);
        return types.get(1);
    }

    private static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return schema.getType() + " decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return logical == null ? schema.getType().toString() : schema.getType() + " " + logical.getName();
    }
}
