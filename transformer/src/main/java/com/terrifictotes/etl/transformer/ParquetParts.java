package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.avro.Schema;

/**
 * One table's rows as Parquet objects of at most {@code partRows} rows each, streamed: one part is open at a time,
 * and a part is opened only when a row arrives, so an empty table has no files. Parts are uploaded as they fill but
 * not published: {@link #finish()} hands them to the batch's {@link StagedObjects}, which publishes them once the
 * whole batch is clean; {@link #close()} before that aborts them.
 */
final class ParquetParts implements TableSink {
    private final WriteOnceBucket bucket;
    private final String table;
    private final Schema schema;
    private final IntFunction<String> partKey;
    private final ParquetSettings settings;
    private final long partRows;
    private final StagedObjects batch;
    private final List<DataFile> files = new ArrayList<>();
    private final List<ParquetTableWriter.Staged> staged = new ArrayList<>();
    private ParquetTableWriter open;
    private long rows;

    ParquetParts(WriteOnceBucket bucket, String table, Schema schema, IntFunction<String> partKey,
                 ParquetSettings settings, long partRows, StagedObjects batch) {
        if (partRows < 1) {
            throw new IllegalArgumentException("parts hold at least one row");
        }
        this.bucket = bucket;
        this.table = table;
        this.schema = schema;
        this.partKey = partKey;
        this.settings = settings;
        this.partRows = partRows;
        this.batch = batch;
    }

    static TableSink.Factory factory(WriteOnceBucket bucket, ParquetSettings settings, long partRows,
                                     StagedObjects batch) {
        return (table, schema, partKey) -> new ParquetParts(bucket, table, schema, partKey, settings, partRows,
                batch);
    }

    @Override
    public void write(TableRow row) {
        openPart().write(row);
        rowWritten();
    }

    @Override
    public void write(ColumnarTable.Row row) {
        openPart().write(row);
        rowWritten();
    }

    private ParquetTableWriter openPart() {
        if (open == null) {
            open = ParquetTableWriter.open(bucket, partKey.apply(files.size()), schema, settings);
        }
        return open;
    }

    private void rowWritten() {
        rows++;
        if (open.rows() == partRows) {
            finishPart();
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public TableOutput finish() {
        if (open != null) {
            finishPart();
        }
        staged.forEach(batch::add);
        staged.clear();
        return new TableOutput(table, rows, files);
    }

    @Override
    public void close() {
        if (open != null) {
            open.close();
            open = null;
        }
        staged.forEach(part -> part.upload().abort());
        staged.clear();
    }

    private void finishPart() {
        ParquetTableWriter.Staged part = open.stage();
        open = null;
        staged.add(part);
        files.add(part.file());
    }
}
