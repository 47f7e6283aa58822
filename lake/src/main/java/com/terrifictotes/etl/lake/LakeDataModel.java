package com.terrifictotes.etl.lake;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The Avro data model for reading and writing: with these conversions a record holds the catalogue's Java types
 * (BigDecimal, LocalDate, LocalTime, LocalDateTime) instead of raw bytes and longs. A time of day is a LocalTime
 * whether its file is of lake format 1 (TIME(MILLIS)) or 2 (plain INT32): see {@link LakeFormat}.
 */
public final class LakeDataModel {
    private static final GenericData MODEL = create();

    private LakeDataModel() {
    }

    public static GenericData get() {
        return MODEL;
    }

    private static GenericData create() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(TimeOfDayMillis.CONVERSION);
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return model;
    }
}
