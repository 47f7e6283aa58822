package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.ParquetRowGroups;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.S3Priming;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot, runs the loader's CPU-only paths once (manifest JSON, Avro and Parquet
 * schemas, SQL generation; in {@link #readFromS3} the read and COPY encoding of one row per table) so a restored
 * function does not load and JIT them on its first event. It opens no connection and reads no secret: a socket would be
 * dead after restore, and a secret must not be in the snapshot.
 */
final class LoaderPriming implements Resource {
    static final String PRIMING_FILES = "/priming/";

    /** Registers a priming resource; the caller keeps the reference (CRaC may hold resources weakly). */
    static LoaderPriming register() {
        LoaderPriming priming = new LoaderPriming();
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        prime(Writer.nullWriter());
        S3Priming.prime(System.getenv(), bucket -> readFromS3(bucket, Writer.nullWriter()));
    }

    /**
     * A one-row Parquet file of every warehouse table put into S3 and read back both ways a batch's files are read
     * (whole in one GET, as a small file, and by ranged GETs, as a big one; the footer's schema check, page checksums,
     * row groups read column by column), each row encoded for a binary COPY as {@link FileCopy} does, on the
     * in-memory bucket of {@link S3Priming}. The files are resources ({@link #PRIMING_FILES}) because this jar carries
     * Parquet's reader only: writing needs the dictionary classes its build leaves out. {@code LoaderPrimingTest}
     * checks them against what the lake's writer writes for the catalogue today.
     *
     * @return rows read and encoded (each file's row, read both ways)
     */
    static int readFromS3(WriteOnceBucket bucket, Writer sink) {
        int read = 0;
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            String key = BucketLayout.parquetPartKey(table.name(), 1, 1);
            byte[] file = primingFile(table);
            bucket.putIfAbsent(key, file, "application/vnd.apache.parquet");
            BinaryCopyEncoder encoder = BinaryCopyEncoder.forBatch(table, 1);
            FactKeys keys = table.isFact() ? new FactKeys(table) : FactKeys.ofDimension(table);
            for (boolean whole : new boolean[] {true, false}) {
                try (ParquetRowGroups reader = ParquetRowGroups.open(bucket.client(), bucket, key, file.length,
                        AvroSchemas.of(table), whole)) {
                    for (long group = reader.nextRowGroup(0); group >= 0; group = reader.nextRowGroup(1)) {
                        for (long row = 0; row < group; row++) {
                            keys.add(reader);
                            write(sink, table.name() + " " + encoder.copyData(reader).length + "\n");
                            read++;
                        }
                    }
                }
            }
        }
        return read;
    }

    /**
     * The resource holding {@code table}'s priming file: one row of plausible values, as the lake writes it
     * ({@code LoaderPrimingTest} writes them).
     */
    static String primingFile(String table) {
        return PRIMING_FILES + table + ".parquet";
    }

    private static byte[] primingFile(WarehouseTable table) {
        try (InputStream in = LoaderPriming.class.getResourceAsStream(primingFile(table.name()))) {
            if (in == null) {
                throw new IllegalStateException("the loader jar lacks its priming file " + primingFile(table.name()));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the priming file " + primingFile(table.name()), e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: no connection or secret exists before the first event
    }

    /** The work itself; returns the number of tables primed. */
    static int prime(Writer sink) throws IOException {
        List<TableOutput> outputs = new ArrayList<>();
        int primed = 0;
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            LakeFormat.CURRENT.parquetSchemaOf(AvroSchemas.of(table));
            sink.write(MergeSql.createStaging(table));
            sink.write(MergeSql.copyIntoStaging(table));
            sink.write(MergeSql.merge(table));
            sink.write(MergeSql.copyInto(table));
            table.foreignKeys().forEach(key -> write(sink, MergeSql.inferMissing(key, MergeSql.stagingTable(table))));
            primed++;
            outputs.add(new TableOutput(table.name(), 1, List.of(new DataFile("tables/" + table.name()
                    + "/prime.parquet", 1, 1, Checksum.crc32c(0)))));
        }
        ProcessedManifest manifest = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 1,
                "manifests/ingestion-000000000001.json", WarehouseCatalogue.SCHEMA_VERSION, Instant.EPOCH, outputs,
                List.of(), Map.of(), null, LakeFormat.CURRENT.number());
        ManifestJson.readProcessed("priming", ManifestJson.write(manifest));
        sink.write(LoadLedger.tableCountsJson(List.of(TableCounts.empty("prime"))));
        sink.write(LoadLedger.quarantinedJson(java.util.Map.of("prime", 1L)));
        return primed;
    }

    private static void write(Writer sink, String text) {
        try {
            sink.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
