package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.manifest.TableOutput;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** Counts rows and writes nothing: the sink of the validating pass, which must leave no object behind. */
final class CountingSink implements TableSink {
    static final TableSink.Factory FACTORY = (table, schema, partKey) -> new CountingSink(table);

    private final String table;
    private long rows;

    private CountingSink(String table) {
        this.table = table;
    }

    @Override
    public void write(GenericRecord row) {
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Nothing was written, so the output has no files and no rows; {@link #rows()} tells what would have been. */
    @Override
    public TableOutput finish() {
        return new TableOutput(table, 0, List.of());
    }

    @Override
    public void close() {
    }
}
