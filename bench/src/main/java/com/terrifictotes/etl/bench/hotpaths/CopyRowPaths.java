package com.terrifictotes.etl.bench.hotpaths;

import com.terrifictotes.etl.bench.CountingOutputStream;
import com.terrifictotes.etl.bench.hotpaths.HotPath.Candidate;
import com.terrifictotes.etl.bench.hotpaths.HotPathInputs.TableRows;
import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.csv.ValueCodec;
import com.terrifictotes.etl.loader.CopyBufferAccess;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * The loader's COPY text: {@code CopyRowEncoder} into a {@code CopyBuffer} against what it replaced, each value
 * through {@code ValueCodec.encode}, quoted and written to a {@code BufferedWriter} over a UTF-8
 * {@code OutputStreamWriter}. Both write the rows the loader reads from the batch's Parquet into a sink that counts
 * the bytes (the network and the server are the same for both and are left out).
 */
final class CopyRowPaths {
    private static final int BUFFER_BYTES = 1 << 16;

    private CopyRowPaths() {
    }

    static HotPath build(HotPathInputs inputs) {
        List<TableRows> tables = inputs.rows();
        long bytes = 0;
        for (TableRows table : tables) {
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ByteArrayOutputStream codec = new ByteArrayOutputStream();
            writeAll(List.of(table), ours, true);
            writeAll(List.of(table), codec, false);
            if (!Arrays.equals(ours.toByteArray(), codec.toByteArray())) {
                throw new IllegalStateException("CopyBuffer and ValueCodec + Writer write different COPY text for "
                        + table.table().name());
            }
            bytes += ours.size();
        }
        return new HotPath("COPY rows (loader)", HotPath.MEGABYTES_PER_SECOND, bytes, List.of(
                new Candidate("CopyRowEncoder + CopyBuffer", () -> timed(tables, true)),
                new Candidate("ValueCodec + BufferedWriter", () -> timed(tables, false))),
                String.format("byte-identical on %,d rows (%.1f MB of COPY text)", inputs.rowCount(), bytes / 1e6));
    }

    private static long timed(List<TableRows> tables, boolean ours) {
        CountingOutputStream sink = new CountingOutputStream();
        writeAll(tables, sink, ours);
        return sink.count();
    }

    private static void writeAll(List<TableRows> tables, OutputStream out, boolean ours) {
        try {
            for (TableRows table : tables) {
                if (ours) {
                    CopyBufferAccess.write(table.table(), table.rows(), out);
                } else {
                    viaCodec(table, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loader's lines before {@code CopyBuffer}: every non-null value quoted, quotes doubled, NULL empty. */
    private static void viaCodec(TableRows table, OutputStream out) throws IOException {
        Column[] columns = table.table().loadColumns().toArray(Column[]::new);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_BYTES);
        for (GenericRecord record : table.rows()) {
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    writer.write(',');
                }
                Object value = record.get(i);
                if (value == null) {
                    if (!columns[i].nullable()) {
                        throw new IllegalArgumentException("column " + columns[i].name() + " is NOT NULL");
                    }
                    continue;
                }
                writer.write('"');
                writer.write(ValueCodec.encode(columns[i], value).replace("\"", "\"\""));
                writer.write('"');
            }
            writer.write('\n');
        }
        writer.flush();
    }
}
