package com.terrifictotes.etl.loader;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.manifest.Checksum;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.runtime.SampleValues;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before the snapshot, runs the loader's CPU-only paths once (manifest JSON, Avro and Parquet
 * schemas, SQL generation, COPY encoding of one record per table into a discarding writer) so a restored function
 * does not load and JIT them on its first event. It opens no connection and reads no secret: a socket would be
 * dead after restore, and a secret must not be in the snapshot.
 */
final class LoaderPriming implements Resource {
    /** Registers a priming resource; the caller keeps the reference (CRaC may hold resources weakly). */
    static LoaderPriming register() {
        LoaderPriming priming = new LoaderPriming();
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        prime(Writer.nullWriter());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: no connection or secret exists before the first event
    }

    /** The work itself; returns the number of records encoded. */
    static int prime(Writer sink) throws IOException {
        List<TableOutput> outputs = new ArrayList<>();
        int encoded = 0;
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            new AvroSchemaConverter(new PlainParquetConfiguration()).convert(AvroSchemas.of(table));
            sink.write(MergeSql.createStaging(table));
            sink.write(MergeSql.copyIntoStaging(table));
            sink.write(MergeSql.merge(table));
            sink.write(MergeSql.copyInto(table));
            table.foreignKeys().forEach(key -> write(sink, MergeSql.inferMissing(key, MergeSql.stagingTable(table))));
            sink.write(Integer.toString(BinaryCopyEncoder.forBatch(table, 1).copyData(sampleRecord(table)).length));
            encoded++;
            outputs.add(new TableOutput(table.name(), 1, List.of(new DataFile("tables/" + table.name()
                    + "/prime.parquet", 1, 1, Checksum.crc32c(0)))));
        }
        ProcessedManifest manifest = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, 1,
                "manifests/ingestion-000000000001.json", WarehouseCatalogue.SCHEMA_VERSION, Instant.EPOCH, outputs,
                List.of(), Map.of(), null, LakeFormat.CURRENT.number());
        ManifestJson.readProcessed("priming", ManifestJson.write(manifest));
        sink.write(LoadLedger.tableCountsJson(List.of(TableCounts.empty("prime"))));
        sink.write(LoadLedger.quarantinedJson(java.util.Map.of("prime", 1L)));
        return encoded;
    }

    private static void write(Writer sink, String text) {
        try {
            sink.write(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A record of the table's schema with a plausible non-null value in every field. */
    static GenericRecord sampleRecord(WarehouseTable table) {
        GenericData.Record record = new GenericData.Record(AvroSchemas.of(table));
        List<Column> columns = table.loadColumns();
        for (int i = 0; i < columns.size(); i++) {
            record.put(i, SampleValues.of(columns.get(i)));
        }
        return record;
    }
}
