package com.terrifictotes.etl.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The versions of the processed zone's Parquet representation. The processed manifest records the version its
 * transformer wrote ({@code lakeFormat}); a reader accepts files of every version listed here, so replays of an
 * existing lake keep loading.
 *
 * <ul>
 *   <li>{@link #V1}: time-of-day columns as INT32 annotated TIME(MILLIS, isAdjustedToUTC=true). Athena and Trino
 *       cannot read them as the {@code int} the Glue table declares, and the annotation called local times UTC.</li>
 *   <li>{@link #V2}: time-of-day columns as plain INT32 milliseconds after midnight ({@link TimeOfDayMillis}). Every
 *       other column is as in V1: INT32, BINARY UTF8 strings, BOOLEAN, INT32 DATE, BINARY DECIMAL(10,2), INT64
 *       TIMESTAMP(MICROS, isAdjustedToUTC=false) in the transformer's state snapshots.</li>
 *   <li>{@link #V3}: decimals as INT64 DECIMAL(10,2), the unscaled value (cents), as the Parquet format asks of a
 *       decimal of up to 18 digits and as DuckDB writes one; V2's two's-complement BINARY cost the transformer an
 *       array per value and a byte-wise compare per statistic (issue #18). Every other column is as in V2. Avro has no
 *       decimal on a long, so parquet-avro cannot write this format from the catalogue's Avro schema, and reads it
 *       with {@link #readSchemaOf}.</li>
 * </ul>
 */
public enum LakeFormat {
    V1(1),
    V2(2),
    V3(3);

    /** What this code writes. */
    public static final LakeFormat CURRENT = V3;
    /** The most digits an INT64 decimal holds (the Parquet format's limit for INT64). */
    static final int INT64_DECIMAL_DIGITS = 18;

    private final int number;

    LakeFormat(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** Whether a manifest's {@code lakeFormat} is one this code reads. */
    public static boolean isKnown(int number) {
        return number >= V1.number && number <= CURRENT.number;
    }

    /**
     * The Avro schema parquet-avro wrote a file of this version from, for a table whose current schema is
     * {@code current}: V1 differs only in the Avro logical type behind its time-of-day columns (and hence their
     * Parquet annotation); from V3 on, the catalogue's schema, whose file {@link #parquetSchemaOf} describes.
     */
    public Schema schemaOf(Schema current) {
        return this == V1 ? mapTypes(current, LakeFormat::asV1Type) : current;
    }

    /** The Parquet schema of this version's file of a table whose current schema is {@code current}. */
    public MessageType parquetSchemaOf(Schema current) {
        MessageType converted = new AvroSchemaConverter(new PlainParquetConfiguration()).convert(schemaOf(current));
        return this == V1 || this == V2 ? converted : withInt64Decimals(converted);
    }

    /**
     * The Avro schema parquet-avro reads this version's file of {@code current} with, its values then being those
     * of the catalogue's types: {@code current} itself, but from V3 on each decimal is an Avro long, for which
     * parquet-avro reads an INT64 decimal column as a {@link java.math.BigDecimal} of the column's scale.
     */
    public Schema readSchemaOf(Schema current) {
        return this == V1 || this == V2 ? current : mapTypes(current, LakeFormat::decimalAsLong);
    }

    private static Schema mapTypes(Schema record, UnaryOperator<Schema> type) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field.name(), inUnion(field.schema(), type), field.doc(), field.defaultVal()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema inUnion(Schema type, UnaryOperator<Schema> mapping) {
        if (type.getType() == Schema.Type.UNION) {
            return Schema.createUnion(type.getTypes().stream().map(mapping).toList());
        }
        return mapping.apply(type);
    }

    private static Schema asV1Type(Schema type) {
        if (type.getLogicalType() instanceof TimeOfDayMillis) {
            return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
        }
        return type;
    }

    private static Schema decimalAsLong(Schema type) {
        return type.getLogicalType() instanceof LogicalTypes.Decimal ? Schema.create(Schema.Type.LONG) : type;
    }

    private static MessageType withInt64Decimals(MessageType binary) {
        List<Type> columns = new ArrayList<>();
        for (Type column : binary.getFields()) {
            if (column.getLogicalTypeAnnotation() instanceof DecimalLogicalTypeAnnotation decimal
                    && decimal.getPrecision() <= INT64_DECIMAL_DIGITS) {
                columns.add(Types.primitive(PrimitiveTypeName.INT64, column.getRepetition()).as(decimal)
                        .named(column.getName()));
            } else {
                columns.add(column);
            }
        }
        return new MessageType(binary.getName(), columns);
    }
}
