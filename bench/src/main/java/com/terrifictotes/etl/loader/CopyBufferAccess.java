package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * The hot-paths benchmark's door to the package-private {@link CopyRowEncoder} and {@link CopyBuffer}: writes
 * records as the loader's {@code FileCopy} does, into any stream. In the bench module only.
 */
public final class CopyBufferAccess {
    private static final int COPY_BUFFER_BYTES = 1 << 16;

    private CopyBufferAccess() {
    }

    /** Writes the rows as {@code COPY ... FROM STDIN (FORMAT csv)} lines, flushed, as {@code FileCopy} does. */
    public static void write(WarehouseTable table, List<GenericRecord> rows, OutputStream out) throws IOException {
        CopyRowEncoder encoder = new CopyRowEncoder(table);
        CopyBuffer buffer = new CopyBuffer(out, COPY_BUFFER_BYTES);
        for (GenericRecord row : rows) {
            encoder.write(row, buffer);
        }
        buffer.flush();
    }
}
