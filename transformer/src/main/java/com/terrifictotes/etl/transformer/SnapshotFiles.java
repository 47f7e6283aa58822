package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.TableRow;
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
 *
 * <p>From warehouse schema version 2 on, their columns are nullable but for the key and the stamp
 * ({@link AvroSchemas#ofState}); files listed by a version 1 manifest have the catalogue's own nullability, and the
 * first batch after them writes every snapshot anew in the new form.
 */
final class SnapshotFiles {
    private SnapshotFiles() {
    }

    /** The schema version whose state form the snapshots of a manifest of {@code schemaVersion} have. */
    static final int NULLABLE_STATE_SINCE = 2;

    static void read(S3Client s3, WriteOnceBucket bucket, TableOutput files, Snapshot into, int schemaVersion) {
        SourceTable table = into.table();
        Schema schema = schemaVersion >= NULLABLE_STATE_SINCE ? AvroSchemas.ofState(table) : AvroSchemas.of(table);
        for (DataFile file : files.files()) {
            long rows = 0;
            try (ParquetTableReader reader = ParquetTableReader.open(s3, bucket, file.key(), file.bytes(),
                    schema)) {
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
        Schema schema = AvroSchemas.ofState(table);
        try (TableSink sink = sinks.open(table.name(), schema, part -> BucketLayout.statePartKey(table.name(),
                sequence, part))) {
            for (SourceRow row : snapshot.rows()) {
                sink.write(TableRow.of(schema, row.values().toArray()));
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
