package com.terrifictotes.etl.lake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Hands one column's non-null value to its Parquet {@link ColumnWriter} as its physical value, with the definition
 * level the caller gives (the column's maximum: the value is there), chosen once per column from the table's schema:
 * the same values parquet-avro wrote through its logical-type conversions ({@link LakeDataModel}), so a file holds
 * the same column values whichever of the two wrote it.
 */
@FunctionalInterface
interface ColumnValueWriter {
    long MICROS_PER_SECOND = 1_000_000L;
    int NANOS_PER_MICRO = 1_000;

    void write(ColumnWriter column, int defined, Object value);

    /**
     * The writer for a column of type {@code type} (not a union: nullability is the caller's) stored as
     * {@code physical}.
     */
    static ColumnValueWriter of(String column, Schema type, PrimitiveTypeName physical) {
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case INT -> intWriter(column, logical);
            case LONG -> longWriter(column, logical);
            case STRING -> (out, defined, value) -> out.write(Binary.fromString(value.toString()), 0, defined);
            case BOOLEAN -> (out, defined, value) -> out.write(((Boolean) value).booleanValue(), 0, defined);
            case BYTES -> {
                if (logical instanceof LogicalTypes.Decimal decimal) {
                    yield decimalWriter(column, decimal, physical == PrimitiveTypeName.INT64);
                }
                throw unsupported(column, type);
            }
            default -> throw unsupported(column, type);
        };
    }

    private static ColumnValueWriter intWriter(String column, LogicalType logical) {
        if (logical == null) {
            return (out, defined, value) -> out.write(((Integer) value).intValue(), 0, defined);
        }
        if (logical instanceof LogicalTypes.Date) {
            return (out, defined, value) -> out.write(Math.toIntExact(((LocalDate) value).toEpochDay()), 0, defined);
        }
        if (logical instanceof TimeOfDayMillis) {
            return (out, defined, value) -> out.write(TimeOfDayMillis.millisOf((LocalTime) value), 0, defined);
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            // lake format 1, as Avro's TimeMillisConversion wrote it: truncated to the millisecond
            return (out, defined, value) -> out.write(
                    (int) TimeUnit.NANOSECONDS.toMillis(((LocalTime) value).toNanoOfDay()), 0, defined);
        }
        throw new IllegalArgumentException("column " + column + ": no Parquet writer for int " + logical.getName());
    }

    private static ColumnValueWriter longWriter(String column, LogicalType logical) {
        if (logical == null) {
            return (out, defined, value) -> out.write(((Long) value).longValue(), 0, defined);
        }
        if (logical instanceof LogicalTypes.LocalTimestampMicros) {
            return (out, defined, value) -> {
                LocalDateTime time = (LocalDateTime) value;
                long seconds = time.toEpochSecond(ZoneOffset.UTC);
                out.write(Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND),
                        time.getNano() / NANOS_PER_MICRO), 0, defined);
            };
        }
        throw new IllegalArgumentException("column " + column + ": no Parquet writer for long " + logical.getName());
    }

    /**
     * A decimal as its unscaled value: a long in an INT64 column (every decimal of up to 18 digits, from lake format
     * 3 on), else its two's-complement bytes, shortest form first, as Avro's {@code DecimalConversion} encodes it. A
     * value of another scale is rescaled if that loses nothing, and one with more digits than the column's precision
     * is refused.
     */
    private static ColumnValueWriter decimalWriter(String column, LogicalTypes.Decimal decimal, boolean int64) {
        int scale = decimal.getScale();
        int precision = decimal.getPrecision();
        return (out, defined, value) -> {
            BigDecimal number = (BigDecimal) value;
            if (number.scale() != scale) {
                try {
                    number = number.setScale(scale, RoundingMode.UNNECESSARY);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("column " + column + ": " + value + " has more than "
                            + scale + " decimal places", e);
                }
            }
            if (number.precision() > precision) {
                throw new IllegalArgumentException("column " + column + ": " + value + " has more than " + precision
                        + " digits");
            }
            if (int64) {
                out.write(number.unscaledValue().longValueExact(), 0, defined);
            } else {
                out.write(Binary.fromConstantByteArray(number.unscaledValue().toByteArray()), 0, defined);
            }
        };
    }

    private static IllegalArgumentException unsupported(String column, Schema type) {
        return new IllegalArgumentException("column " + column + ": no Parquet writer for " + type);
    }
}
