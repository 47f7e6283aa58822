package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import com.terrifictotes.etl.lake.ParquetSettings;
import com.terrifictotes.etl.lake.ParquetTableReader;
import com.terrifictotes.etl.lake.ParquetTableWriter;
import com.terrifictotes.etl.lake.Records;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Rows written as one Parquet file of a table by the lake's own writer into the testbed's S3, with small row groups
 * (several per file), then read back the loader's way ({@link ParquetRowGroups}) or the way it read them before
 * (parquet-avro records, {@link ParquetTableReader}).
 */
final class LakeFileRows {
    private static final TestBed BED = TestBed.shared();
    private static final ParquetSettings SMALL_ROW_GROUPS = new ParquetSettings(CompressionCodecName.ZSTD, 16 << 10,
            4 << 10);

    private final WriteOnceBucket bucket = new WriteOnceBucket(BED.s3(), BED.createBucket("rows"));
    private int files;

    /** Writes {@code rows} (values in the catalogue's Java types) as a new file of {@code table}. */
    DataFile write(WarehouseTable table, List<Object[]> rows) {
        String key = "tables/" + table.name() + "/part-" + files++ + ".parquet";
        try (ParquetTableWriter writer = ParquetTableWriter.open(bucket, key, AvroSchemas.of(table),
                SMALL_ROW_GROUPS)) {
            for (Object[] row : rows) {
                writer.write(Records.of(AvroSchemas.of(table), row));
            }
            return writer.finish();
        }
    }

    /** Hands each row of the file to {@code row} as the loader reads it, positioned on that row; returns the rows. */
    long forEachRow(WarehouseTable table, DataFile file, Consumer<ParquetRowGroups> row) {
        long rows = 0;
        try (ParquetRowGroups reader = ParquetRowGroups.open(BED.s3(), bucket, file.key(), file.bytes(),
                AvroSchemas.of(table))) {
            for (long group = reader.nextRowGroup(rows); group >= 0; group = reader.nextRowGroup(rows)) {
                for (long i = 0; i < group; i++) {
                    row.accept(reader);
                    rows++;
                }
            }
        }
        return rows;
    }

    /** The file's rows as parquet-avro records, as the loader read them before. */
    List<GenericRecord> records(WarehouseTable table, DataFile file) {
        List<GenericRecord> records = new ArrayList<>();
        try (ParquetTableReader reader = ParquetTableReader.open(BED.s3(), bucket, file.key(), AvroSchemas.of(table))) {
            for (GenericRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
