package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Snapshot objects in the processed zone: {@code state/{source_table}/batch={seq}/part-{n}.parquet}, every catalogue
 * column of the source table, rows by ascending id. Written once per batch that changes the table, never replaced.
 */
final class SnapshotFiles {
    private SnapshotFiles() {
    }

    static void read(S3Client s3, WriteOnceBucket bucket, TableOutput files, Snapshot into) {
        SourceTable table = into.table();
        Schema schema = AvroSchemas.of(table);
        for (DataFile file : files.files()) {
            long rows = 0;
            try (ParquetTableReader reader = ParquetTableReader.open(s3, bucket, file.key(), schema)) {
                for (GenericRecord record = reader.next(); record != null; record = reader.next()) {
                    rows++;
                    into.restore(toRow(table, record, bucket.uri(file.key()) + " row " + rows));
                }
            }
            if (rows != file.rows()) {
                throw new BadInputException(bucket.uri(file.key()) + " holds " + rows + " rows, but the processed "
                        + "manifest that lists it records " + file.rows());
            }
        }
    }

    static TableOutput write(Snapshot snapshot, long sequence, TableSink.Factory sinks) {
        SourceTable table = snapshot.table();
        Schema schema = AvroSchemas.of(table);
        try (TableSink sink = sinks.open(table.name(), schema, part -> BucketLayout.statePartKey(table.name(),
                sequence, part))) {
            for (SourceRow row : snapshot.rows()) {
                sink.write(Records.of(schema, row.values().toArray()));
            }
            return sink.finish();
        }
    }

    private static SourceRow toRow(SourceTable table, GenericRecord record, String origin) {
        List<Object> values = new ArrayList<>(table.columns().size());
        for (int i = 0; i < table.columns().size(); i++) {
            Object value = record.get(i);
            values.add(value instanceof CharSequence text ? text.toString() : value);
        }
        return new SourceRow(table, values, origin);
    }
}
