package com.terrifictotes.etl.catalogue;

/**
 * The PostgreSQL column types that occur in ToteSys and in the warehouse, each with the text that
 * {@code format_type(atttypid, atttypmod)} prints for it, so the catalogue can be compared with a live schema.
 */
public enum ColumnType {
    INTEGER("integer"),
    TEXT("text"),
    VARCHAR_3("character varying(3)"),
    DECIMAL_10_2("numeric(10,2)"),
    TIMESTAMP_MILLIS("timestamp(3) without time zone"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIME_MILLIS("time(3) without time zone"),
    /** A PostgreSQL enum; its type name and labels are on the {@link Column}. Text everywhere outside the source. */
    ENUM(null);

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** DDL spelling of the type, as {@code format_type} prints it; null for {@link #ENUM}. */
    public String sqlType() {
        return sqlType;
    }

    /** The Java class a value of this type has once decoded: what JDBC, the CSV codec and Avro exchange. */
    public Class<?> javaType() {
        return switch (this) {
            case INTEGER -> Integer.class;
            case TEXT, VARCHAR_3, ENUM -> String.class;
            case DECIMAL_10_2 -> java.math.BigDecimal.class;
            case TIMESTAMP_MILLIS -> java.time.LocalDateTime.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> java.time.LocalDate.class;
            case TIME_MILLIS -> java.time.LocalTime.class;
        };
    }
}
