package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds one row of a warehouse table as an Avro record, column by name. {@link #build()} refuses a row with a
 * NOT NULL column left empty, naming table and column, so a derivation bug never reaches a file as a null.
 *
 * <p>A row is built for every source row, so the column lookups are the schema's own field map and a per-table list
 * of the NOT NULL positions, computed once: scanning the catalogue per value cost about a tenth of the transform.
 * Schemas and positions are held per table name in immutable maps filled at class loading, so a row costs no
 * cache key to build and no concurrent-map call.
 */
final class WarehouseRow {
    private static final Map<String, Schema> SCHEMAS = WarehouseCatalogue.TABLES.stream()
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, AvroSchemas::of));
    private static final Map<String, int[]> REQUIRED_POSITIONS = WarehouseCatalogue.TABLES.stream()
            .collect(Collectors.toUnmodifiableMap(WarehouseTable::name, WarehouseRow::requiredPositions));

    private final WarehouseTable table;
    private final GenericData.Record record;

    private WarehouseRow(WarehouseTable table) {
        this.table = table;
        this.record = new GenericData.Record(SCHEMAS.get(table.name()));
    }

    static WarehouseRow of(WarehouseTable table) {
        return new WarehouseRow(table);
    }

    WarehouseRow set(String column, Object value) {
        Schema.Field field = record.getSchema().getField(column);
        if (field == null) {
            throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
        }
        record.put(field.pos(), value);
        return this;
    }

    /** Copies columns whose name is the same in source and warehouse. */
    WarehouseRow copy(SourceRow source, String... columns) {
        for (String column : columns) {
            set(column, source.get(column));
        }
        return this;
    }

    GenericRecord build() {
        for (int position : REQUIRED_POSITIONS.get(table.name())) {
            if (record.get(position) == null) {
                throw new IllegalStateException(table.name() + "." + record.getSchema().getFields().get(position).name()
                        + " is NOT NULL but was not set");
            }
        }
        return record;
    }

    private static int[] requiredPositions(WarehouseTable table) {
        Schema schema = AvroSchemas.of(table);
        return table.loadColumns().stream().filter(c -> !c.nullable())
                .mapToInt(c -> schema.getField(c.name()).pos()).toArray();
    }
}
