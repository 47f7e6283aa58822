package com.terrifictotes.etl.lake;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds Avro records from values in schema order, the form the stages produce them in. */
public final class Records {
    private Records() {
    }

    public static GenericRecord of(Schema schema, Object... values) {
        if (values.length != schema.getFields().size()) {
            throw new IllegalArgumentException(schema.getName() + " has " + schema.getFields().size()
                    + " fields, got " + values.length + " values");
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i]);
        }
        return record;
    }
}
