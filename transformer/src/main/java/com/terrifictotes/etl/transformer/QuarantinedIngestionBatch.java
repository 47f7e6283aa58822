package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.catalogue.EtlColumns;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.DataFile;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.SkippedBatchRows;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An ingestion batch the transformer commits without reading its rows, because an operator decided so
 * ({@code ./pipeline quarantine-batch N} on a batch whose transform cannot succeed: an object lost, a file
 * corrupted). Its processed manifest names the decision ({@code quarantinedBy}), holds no star-schema rows and one
 * {@code etl_rejected_row} per source table the batch delivered (source id and column {@value
 * WarehouseCatalogue#WHOLE_BATCH}, the row count and the objects in the reason and value; one naming the ingestion
 * manifest if even that cannot be read), and carries the previous batch's state snapshots forward unchanged. So the
 * chain goes on, the loader loads the quarantine rows like any others, and the reconciliation pass re-delivers the
 * rows from the source. Nothing is deleted: the ingestion objects stay where they are.
 */
final class QuarantinedIngestionBatch {
    private final WriteOnceBucket ingestion;
    private final TableSink.Factory sinks;

    QuarantinedIngestionBatch(WriteOnceBucket ingestion, TableSink.Factory sinks) {
        this.ingestion = ingestion;
        this.sinks = sinks;
    }

    /** The manifest to publish (after the caller publishes the staged objects). */
    ProcessedManifest commit(long sequence, OperatorDecision decision, String decisionKey,
                             Optional<ProcessedManifest> previous, Instant now) {
        String manifestKey = BucketLayout.ingestionManifestKey(sequence);
        List<TableOutput> tables = new ArrayList<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            if (table != WarehouseCatalogue.ETL_REJECTED_ROW) {
                tables.add(new TableOutput(table.name(), 0, List.of()));
            }
        }
        WarehouseTable rejected = WarehouseCatalogue.ETL_REJECTED_ROW;
        Map<String, Long> quarantined = new TreeMap<>();
        try (TableSink sink = sinks.open(rejected.name(), AvroSchemas.of(rejected),
                part -> BucketLayout.parquetPartKey(rejected.name(), sequence, part))) {
            for (SkippedBatchRows.Row skipped : rows(manifestKey, decision)) {
                if (skipped.rows() != 0) {
                    quarantined.put(skipped.table(), skipped.rows());
                }
                sink.write(TableRow.of(AvroSchemas.of(rejected), new Object[rejected.loadColumns().size()])
                        .with(EtlColumns.REJECTED_IN_BATCH, Math.toIntExact(sequence))
                        .with(EtlColumns.SOURCE_TABLE, skipped.table())
                        .with(EtlColumns.SOURCE_ID, WarehouseCatalogue.WHOLE_BATCH)
                        .with(EtlColumns.COLUMN_NAME, WarehouseCatalogue.WHOLE_BATCH)
                        .with(EtlColumns.STAGE, WarehouseCatalogue.STAGE_TRANSFORM)
                        .with(EtlColumns.REASON, skipped.reason())
                        .with(EtlColumns.VALUE, skipped.value()));
            }
            tables.add(sink.finish());
        }
        List<TableOutput> state = previous.map(ProcessedManifest::stateFiles).orElse(List.of());
        return new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, sequence, manifestKey,
                WarehouseCatalogue.SCHEMA_VERSION, now, tables, state, quarantined, decisionKey,
                LakeFormat.CURRENT.number());
    }

    /** As far as the ingestion manifest can be read, a row per source table with rows; else one naming it. */
    private List<SkippedBatchRows.Row> rows(String manifestKey, OperatorDecision decision) {
        SkippedBatchRows rows = new SkippedBatchRows(decision, "ingestion_manifest", ingestion.uri(manifestKey));
        try {
            IngestionManifest manifest = ManifestJson.readIngestion(ingestion.uri(manifestKey),
                    ingestion.readAllBytes(manifestKey));
            for (TableExtract table : manifest.tables()) {
                rows.table(table.table(), table.rows(), table.files().stream().map(DataFile::key)
                        .map(ingestion::uri).toList());
            }
        } catch (EtlException e) {
            rows.unreadable(e.getMessage());
        }
        return rows.rows();
    }
}
