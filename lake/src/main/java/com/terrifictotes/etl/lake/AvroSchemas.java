package com.terrifictotes.etl.lake;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;

/**
 * Avro schemas of the processed zone, derived from the catalogue and nothing else. Logical types make the Parquet
 * self-describing for other engines (Athena, DuckDB, Spark): money is decimal(10,2) — never floating point —, dates
 * are DATE, times TIME(millis), source timestamps local (zone-less) TIMESTAMP(micros), as the source column is.
 */
public final class AvroSchemas {
    public static final String WAREHOUSE_NAMESPACE = "com.terrifictotes.etl.warehouse";
    public static final String SOURCE_NAMESPACE = "com.terrifictotes.etl.source";

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private AvroSchemas() {
    }

    /** The schema of a warehouse table's files: its load columns (facts without the surrogate key). */
    public static Schema of(WarehouseTable table) {
        return CACHE.computeIfAbsent("w:" + table.name(),
                k -> record(WAREHOUSE_NAMESPACE, table.name(), table.loadColumns()));
    }

    /** The schema of a source table's snapshot files: every catalogue column. */
    public static Schema of(SourceTable table) {
        return CACHE.computeIfAbsent("s:" + table.name(),
                k -> record(SOURCE_NAMESPACE, table.name(), table.columns()));
    }

    /**
     * The schema of the transformer's join-state files from warehouse schema version 2 on: every catalogue column,
     * nullable but for the primary key and {@code last_updated}, so the state can keep a source row whose column
     * lost its NOT NULL (a value the warehouse does not need may well be null). Version 1 state files follow
     * {@link #of(SourceTable)}.
     */
    public static Schema ofState(SourceTable table) {
        return CACHE.computeIfAbsent("state:" + table.name(), k -> record(SOURCE_NAMESPACE, table.name(),
                table.columns().stream().map(c -> c.name().equals(table.primaryKey())
                        || c.name().equals(SourceTable.LAST_UPDATED) ? c : c.asNullable()).toList()));
    }

    private static Schema record(String namespace, String name, List<Column> columns) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(name).namespace(namespace).fields();
        for (Column column : columns) {
            Schema type = type(column);
            if (column.nullable()) {
                fields = fields.name(column.name()).type(Schema.createUnion(Schema.create(Schema.Type.NULL), type))
                        .withDefault(null);
            } else {
                fields = fields.name(column.name()).type(type).noDefault();
            }
        }
        return fields.endRecord();
    }

    /** A string that Java readers materialise as {@link String}, the catalogue's type, rather than Avro's Utf8. */
    private static Schema javaString() {
        Schema string = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(string, GenericData.StringType.String);
        return string;
    }

    static Schema type(Column column) {
        return switch (column.type()) {
            case INTEGER -> Schema.create(Schema.Type.INT);
            case TEXT, VARCHAR_3, ENUM -> javaString();
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case DECIMAL_10_2 -> LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIME_MILLIS -> LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            case TIMESTAMP_MILLIS -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        };
    }
}
