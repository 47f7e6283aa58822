package com.terrifictotes.etl.lake;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The Avro data model for reading and writing: with these conversions a record holds the catalogue's Java types
 * (BigDecimal, LocalDate, LocalTime, LocalDateTime) instead of raw bytes and longs.
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
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return model;
    }
}
