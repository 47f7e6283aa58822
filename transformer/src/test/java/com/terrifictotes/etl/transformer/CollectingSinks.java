package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.avro.Schema;

/** Test sink factory: keeps every row written, by table, and describes each table as one fake file. */
final class CollectingSinks implements TableSink.Factory {
    final Map<String, List<TableRow>> rows = new LinkedHashMap<>();

    @Override
    public TableSink open(String table, Schema schema, IntFunction<String> partKey) {
        List<TableRow> kept = rows.computeIfAbsent(table, t -> new ArrayList<>());
        return new TableSink() {
            @Override
            public void write(TableRow row) {
                kept.add(row);
            }

            @Override
            public void write(ColumnarTable.Row row) {
                kept.add(row.toTableRow());
            }

            @Override
            public long rows() {
                return kept.size();
            }

            @Override
            public TableOutput finish() {
                return new TableOutput(table, kept.size(), kept.isEmpty() ? List.of()
                        : List.of(new DataFile(partKey.apply(0), kept.size(), 1, Checksum.crc32c(0))));
            }

            @Override
            public void close() {
            }
        };
    }
}
