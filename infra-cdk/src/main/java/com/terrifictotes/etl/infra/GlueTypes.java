package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ColumnType;

/**
 * Hive/Athena column types for the Parquet files the transformer writes (Avro logical types from the catalogue).
 * Athena maps a Parquet column by its physical type, so the Glue type must agree with what is on disk.
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
            // Parquet TIME(MILLIS) is an int32 of milliseconds after midnight and Athena has no TIME column type. A
            // "string" column over an int32 fails with a type mismatch; "int" reads the stored value exactly.
            case TIME_MILLIS -> "int";
        };
    }

    /** What an analyst needs to know beyond the type, or null. */
    public static String comment(Column column) {
        return column.type() == ColumnType.TIME_MILLIS
                ? "time of day as milliseconds after midnight (Parquet TIME_MILLIS); "
                  + "format with date_add('millisecond', " + column.name() + ", TIME '00:00:00')"
                : null;
    }
}
