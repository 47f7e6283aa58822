package com.terrifictotes.etl.catalogue;

/**
 * The Hive/Glue column types under which Athena reads the processed zone's Parquet files: the stack declares its Glue
 * tables with them, and the lake's reader test (module {@code lake-engines}) reads every table with Trino's own Parquet
 * reader and DuckDB declaring exactly these. Athena maps a Parquet column by its physical type and annotation, so a
 * type here and the lake representation (lake module, {@code AvroSchemas}, {@code LakeFormat}) change together.
 */
public final class GlueTypes {
    private GlueTypes() {
    }

    public static String of(ColumnType type) {
        return switch (type) {
            case INTEGER -> "int";
            case TEXT, VARCHAR_3, ENUM -> "string";
            case DECIMAL_10_2 -> "decimal(10,2)";
            case DATE -> "date";
            case BOOLEAN -> "boolean";
            case TIMESTAMP_MILLIS -> "timestamp";
            // Athena's DDL has no TIME type. Since lake format 2 a time of day is a plain INT32 of milliseconds after
            // midnight, which Athena reads as an int; files of format 1 annotate it TIME(MILLIS) and Trino refuses
            // to read those as an int.
            case TIME_MILLIS -> "int";
        };
    }

    /** What an analyst needs to know beyond the type, or null. */
    public static String comment(Column column) {
        return column.type() == ColumnType.TIME_MILLIS
                ? "local time of day as milliseconds after midnight; as a time: date_add('millisecond', "
                  + column.name() + ", TIME '00:00:00')"
                : null;
    }
}
