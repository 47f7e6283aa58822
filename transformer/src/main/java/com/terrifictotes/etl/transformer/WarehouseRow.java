package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds one row of a warehouse table as an Avro record, column by name. {@link #build()} refuses a row with a
 * NOT NULL column left empty, naming table and column, so a derivation bug never reaches a file as a null.
 */
final class WarehouseRow {
    private final WarehouseTable table;
    private final GenericData.Record record;

    private WarehouseRow(WarehouseTable table) {
        this.table = table;
        this.record = new GenericData.Record(AvroSchemas.of(table));
    }

    static WarehouseRow of(WarehouseTable table) {
        return new WarehouseRow(table);
    }

    WarehouseRow set(String column, Object value) {
        record.put(table.column(column).name(), value);
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
        for (Column column : table.loadColumns()) {
            if (!column.nullable() && record.get(column.name()) == null) {
                throw new IllegalStateException(table.name() + "." + column.name() + " is NOT NULL but was not set");
            }
        }
        return record;
    }
}
