package com.terrifictotes.etl.lake;

import java.time.LocalTime;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A time of day stored as a plain Parquet INT32: milliseconds after midnight, with no Parquet annotation. ToteSys
 * times are local wall-clock times, not UTC instants, and every engine reads an unannotated INT32: Athena and Trino
 * (which refuse an {@code int} column over a TIME-annotated INT32, and whose DDL has no TIME type), Spark (which
 * refuses Parquet TIME altogether), DuckDB and pyarrow. Java code sees {@link LocalTime} through {@link #CONVERSION},
 * keyed by this Avro logical type, which parquet-avro records only in the footer's Avro schema.
 */
final class TimeOfDayMillis extends LogicalType {
    public static final String NAME = "time-of-day-millis";
    static final TimeOfDayMillis INSTANCE = new TimeOfDayMillis();
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int MILLIS_PER_DAY = 86_400_000;

    /** Reads and writes {@link LocalTime} as milliseconds after midnight; sub-millisecond digits are refused. */
    static final Conversion<LocalTime> CONVERSION = new Conversion<>() {
        @Override
        public Class<LocalTime> getConvertedType() {
            return LocalTime.class;
        }

        @Override
        public String getLogicalTypeName() {
            return NAME;
        }

        @Override
        public LocalTime fromInt(Integer millis, Schema schema, LogicalType type) {
            if (millis < 0 || millis >= MILLIS_PER_DAY) {
                throw new IllegalArgumentException(millis + " is not a time of day in milliseconds (0 to "
                        + (MILLIS_PER_DAY - 1) + ")");
            }
            return LocalTime.ofNanoOfDay(millis * NANOS_PER_MILLI);
        }

        @Override
        public Integer toInt(LocalTime time, Schema schema, LogicalType type) {
            return millisOf(time);
        }
    };

    static {
        // Schemas also travel as JSON (the reader's requested schema, the footer's copy): the parser must know the name
        LogicalTypes.register(NAME, schema -> INSTANCE);
    }

    private TimeOfDayMillis() {
        super(NAME);
    }

    /** Milliseconds after midnight of {@code time}; sub-millisecond digits are refused. */
    static int millisOf(LocalTime time) {
        long nanos = time.toNanoOfDay();
        if (nanos % NANOS_PER_MILLI != 0) {
            throw new IllegalArgumentException(time + " has digits below the millisecond, which a time(3) "
                    + "column cannot hold");
        }
        return (int) (nanos / NANOS_PER_MILLI);
    }

    /** An Avro {@code int} carrying this logical type. */
    public static Schema schema() {
        return INSTANCE.addToSchema(Schema.create(Schema.Type.INT));
    }

    /** Makes sure the logical type is registered before any schema naming it is parsed. */
    static void register() {
        // the static initialiser did it
    }

    @Override
    public void validate(Schema schema) {
        super.validate(schema);
        if (schema.getType() != Schema.Type.INT) {
            throw new IllegalArgumentException(NAME + " annotates an int, not " + schema.getType());
        }
    }
}
