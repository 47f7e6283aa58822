package com.terrifictotes.etl.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

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
 * </ul>
 */
public enum LakeFormat {
    V1(1),
    V2(2);

    /** What this code writes. */
    public static final LakeFormat CURRENT = V2;

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
     * The schema a file of this version carries, for a table whose current schema is {@code current}: V1 differs
     * only in the Avro logical type behind its time-of-day columns (and hence their Parquet annotation).
     */
    public Schema schemaOf(Schema current) {
        return this == CURRENT ? current : asV1(current);
    }

    private static Schema asV1(Schema record) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field.name(), asV1Type(field.schema()), field.doc(), field.defaultVal()));
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    private static Schema asV1Type(Schema type) {
        if (type.getType() == Schema.Type.UNION) {
            return Schema.createUnion(type.getTypes().stream().map(LakeFormat::asV1Type).toList());
        }
        if (type.getLogicalType() instanceof TimeOfDayMillis) {
            return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
        }
        return type;
    }
}
