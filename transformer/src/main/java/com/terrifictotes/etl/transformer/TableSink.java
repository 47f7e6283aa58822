package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.TableOutput;
import java.util.function.IntFunction;
import org.apache.avro.Schema;

/** Where the rows of one output table go. {@link #close()} without {@link #finish()} abandons what was written. */
interface TableSink extends AutoCloseable {
    void write(TableRow row);

    /** A row of the columnar pass, written from its primitives; a sink that keeps rows keeps its {@code TableRow}. */
    void write(ColumnarTable.Row row);

    long rows();

    /** Describes what was written and hands it over to be published with the batch. */
    TableOutput finish();

    @Override
    void close();

    /** Opens sinks: Parquet parts in the processed bucket. */
    interface Factory {
        TableSink open(String table, Schema schema, IntFunction<String> partKey);
    }
}
