package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.ETL_REJECTED_ROW;

import com.terrifictotes.etl.catalogue.EtlColumns;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The rejections no later version has superseded yet, carried from batch to batch in the transformer's state
 * ({@code state/etl_rejected_row/batch=N/…}, listed in the processed manifest's state files under that name), so
 * that the batch delivering a fixed version can say which rejections it supersedes. Small by nature: one record per
 * value still at fault in the source.
 */
final class OpenRejections {
    static final String STATE_NAME = ETL_REJECTED_ROW.name();

    private static final Schema SCHEMA = AvroSchemas.of(ETL_REJECTED_ROW);
    private static final Comparator<TableRow> IN_KEY_ORDER = Comparator
            .comparing((TableRow r) -> (Integer) r.get(EtlColumns.REJECTED_IN_BATCH))
            .thenComparing(r -> (String) r.get(EtlColumns.SOURCE_TABLE))
            .thenComparing(r -> (String) r.get(EtlColumns.SOURCE_ID))
            .thenComparing(r -> (String) r.get(EtlColumns.COLUMN_NAME));

    /** By source table, then by the row's key as text. */
    private final Map<String, Map<String, List<TableRow>>> rejections = new HashMap<>();
    private int size;

    static OpenRejections none() {
        return new OpenRejections();
    }

    /** The open rejections a previous batch left, from its state files. */
    static OpenRejections read(S3Client s3, WriteOnceBucket bucket, TableOutput files) {
        OpenRejections open = new OpenRejections();
        for (DataFile file : files.files()) {
            long rows = 0;
            try (ParquetTableReader reader = ParquetTableReader.open(s3, bucket, file.key(), file.bytes(), SCHEMA)) {
                for (GenericRecord record = reader.next(); record != null; record = reader.next()) {
                    rows++;
                    open.add(TableRow.of(record));
                }
            }
            if (rows != file.rows()) {
                throw new BadInputException(bucket.uri(file.key()) + " holds " + rows + " rows, but the processed "
                        + "manifest that lists it records " + file.rows());
            }
        }
        return open;
    }

    /** The state files of the open rejections a processed manifest lists, if any. */
    static java.util.Optional<TableOutput> stateFiles(com.terrifictotes.etl.manifest.ProcessedManifest manifest) {
        return manifest.stateFiles().stream().filter(f -> f.table().equals(STATE_NAME)).findFirst();
    }

    /** Removes and returns the open rejections of one row (none, nearly always). */
    List<TableRow> supersede(String table, int id) {
        if (size == 0) {
            return List.of();
        }
        Map<String, List<TableRow>> byId = rejections.get(table);
        List<TableRow> found = byId == null ? null : byId.remove(Integer.toString(id));
        if (found == null) {
            return List.of();
        }
        size -= found.size();
        return found;
    }

    /** These, plus {@code added}. */
    OpenRejections plus(List<TableRow> added) {
        added.forEach(this::add);
        return this;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** A copy of an open rejection, superseded by version {@code lastUpdated} of batch {@code batch}. */
    static TableRow superseded(TableRow rejection, int batch, LocalDateTime lastUpdated) {
        return rejection.with(EtlColumns.SUPERSEDED_IN_BATCH, batch)
                .with(EtlColumns.SUPERSEDED_BY_LAST_UPDATED, lastUpdated);
    }

    /** Writes the state file for batch {@code sequence}: every open rejection, in key order. */
    TableOutput write(long sequence, TableSink.Factory sinks) {
        List<TableRow> all = new ArrayList<>();
        rejections.values().forEach(byId -> byId.values().forEach(all::addAll));
        all.sort(IN_KEY_ORDER);
        try (TableSink sink = sinks.open(STATE_NAME, SCHEMA,
                part -> BucketLayout.statePartKey(STATE_NAME, sequence, part))) {
            all.forEach(sink::write);
            return sink.finish();
        }
    }

    private void add(TableRow record) {
        rejections.computeIfAbsent(record.get(EtlColumns.SOURCE_TABLE).toString(), t -> new HashMap<>())
                .computeIfAbsent(record.get(EtlColumns.SOURCE_ID).toString(), k -> new ArrayList<>())
                .add(record);
        size++;
    }
}
