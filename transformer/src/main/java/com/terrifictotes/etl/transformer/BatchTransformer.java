package com.terrifictotes.etl.transformer;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.EtlColumns;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.error.BadInputException;
import com.terrifictotes.etl.error.StorageException;
import com.terrifictotes.etl.lake.LakeFormat;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Transforms one ingestion batch and commits it with its processed manifest, written last.
 *
 * <p>One pass over the batch derives every row and uploads the Parquet objects as it goes, but publishes none of
 * them until the whole batch is through: a file-level fault (header, field count, UTF-8, digest, a missing object)
 * aborts every upload, so nothing appears and a repaired batch later produces exactly its own objects. A row version
 * the warehouse cannot hold is row-level: it is quarantined ({@link Quarantine}) and committed with the batch in
 * etl_rejected_row, and the batch goes on. Output bytes depend only on the input (rows in input order, state rows by
 * id, rejections by key, no timestamps inside data files), so a retry meets its own identical objects.
 */
final class BatchTransformer {
    private static final Logger LOG = LoggerFactory.getLogger(BatchTransformer.class);
    private final S3Client s3;
    private final WriteOnceBucket ingestion;
    private final WriteOnceBucket processed;
    private final TransformerSettings settings;
    private final Clock clock;

    BatchTransformer(S3Client s3, TransformerSettings settings, Clock clock) {
        this.s3 = s3;
        this.ingestion = new WriteOnceBucket(s3, settings.ingestionBucket());
        this.processed = new WriteOnceBucket(s3, settings.processedBucket());
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param previous the processed manifest of the batch before, whose state this one continues; empty for the
     *                 first batch
     */
    BatchReport transform(long sequence, Optional<ProcessedManifest> previous) {
        long started = System.nanoTime();
        String decisionKey = BucketLayout.decisionKey(OperatorDecision.STAGE_TRANSFORM, sequence);
        if (processed.exists(decisionKey)) {
            return quarantine(sequence, decisionKey, previous, started);
        }
        String manifestKey = BucketLayout.ingestionManifestKey(sequence);
        IngestionManifest manifest = readIngestion(manifestKey);
        if (manifest.sequence() != sequence) {
            throw new BadInputException(ingestion.uri(manifestKey) + " carries sequence " + manifest.sequence());
        }
        IngestedTables input = new IngestedTables(ingestion, manifestKey, manifest);
        JoinState state = restoreState(previous);
        Quarantine quarantine = new Quarantine(sequence, restoreOpenRejections(previous));
        input.forEachExtractorReject(quarantine);
        Map<String, Long> joinRowsRead = deliverJoinTables(input, state, quarantine);
        // a reconciliation batch re-delivers on purpose (a correction keeps its version): nothing of it is dropped
        Map<String, List<RowVersion>> delivered = manifest.isReconciliation() ? Map.of()
                : previouslyDelivered(previous);
        List<TableRow> deletedRows = DeletedRows.of(sequence, ingestion.uri(manifestKey),
                manifest.reconciliation());
        if (manifest.isReconciliation()) {
            state.forget(manifest.reconciliation().deleted());
        }

        StagedObjects staged = new StagedObjects();
        Map<String, BatchPass.Result> written;
        List<TableOutput> stateFiles;
        try {
            TableSink.Factory parquet = ParquetParts.factory(processed, settings.parquet(), settings.partRows(),
                    staged);
            written = new BatchPass(sequence, input, state, joinRowsRead, parquet, delivered, quarantine,
                    deletedRows, settings.columnarPass()).run();
            stateFiles = new ArrayList<>(state.persist(sequence, parquet, stateInOlderForm(previous)));
            persistOpenRejections(sequence, previous, quarantine, parquet).ifPresent(stateFiles::add);
            staged.publishAll();
        } catch (RuntimeException e) {
            staged.abandonAll();
            throw e;
        }

        List<TableOutput> tables = new ArrayList<>();
        List<TableStats> stats = new ArrayList<>();
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            tables.add(staged.asStored(written.get(table.name()).output()));
            stats.add(written.get(table.name()).stats());
        }
        ProcessedManifest commit = new ProcessedManifest(ProcessedManifest.FORMAT_VERSION, sequence, manifestKey,
                WarehouseCatalogue.SCHEMA_VERSION, clock.instant(), tables,
                stateFiles.stream().map(staged::asStored).toList(), quarantine.versionsPerTable(),
                null, LakeFormat.CURRENT.number());
        BatchReport.Outcome outcome = publish(commit);
        boolean transformed = outcome == BatchReport.Outcome.TRANSFORMED;
        if (transformed) {
            quarantine.log(sequence);
        }
        return new BatchReport(sequence, outcome, BucketLayout.processedManifestKey(sequence),
                transformed ? stats : List.of(), transformed ? quarantine.versionsPerTable() : Map.of(),
                transformed ? manifest.totalRows() : 0, (System.nanoTime() - started) / 1_000_000);
    }

    /** The batch committed as quarantine rows only, on the operator's decision ({@link QuarantinedIngestionBatch}). */
    private BatchReport quarantine(long sequence, String decisionKey, Optional<ProcessedManifest> previous,
                                   long started) {
        OperatorDecision decision = ManifestJson.readDecision(processed.uri(decisionKey),
                processed.readAllBytes(decisionKey));
        LOG.warn("batch committed without its rows on an operator's decision: its tables go to etl_rejected_row for"
                + " the reconciliation pass to re-deliver", entry("sequence", sequence),
                entry("decision", processed.uri(decisionKey)), entry("decided_by", decision.decidedBy()),
                entry(EtlColumns.REASON, decision.reason()));
        StagedObjects staged = new StagedObjects();
        ProcessedManifest commit;
        try {
            TableSink.Factory parquet = ParquetParts.factory(processed, settings.parquet(), settings.partRows(),
                    staged);
            commit = new QuarantinedIngestionBatch(ingestion, parquet).commit(sequence, decision, decisionKey,
                    previous, clock.instant());
            staged.publishAll();
        } catch (RuntimeException e) {
            staged.abandonAll();
            throw e;
        }
        BatchReport.Outcome outcome = publish(commit);
        return new BatchReport(sequence, outcome, BucketLayout.processedManifestKey(sequence), List.of(),
                commit.quarantined(), 0, (System.nanoTime() - started) / 1_000_000);
    }

    /** Whether the previous batch's state is in the form of warehouse schema version 1, to be written anew. */
    private static boolean stateInOlderForm(Optional<ProcessedManifest> previous) {
        return previous.isPresent() && previous.get().schemaVersion() < SnapshotFiles.NULLABLE_STATE_SINCE;
    }

    private OpenRejections restoreOpenRejections(Optional<ProcessedManifest> previous) {
        Optional<TableOutput> files = previous.flatMap(OpenRejections::stateFiles);
        return files.isEmpty() ? OpenRejections.none() : OpenRejections.read(s3, processed, files.get());
    }

    /** The open rejections' state: written anew if this batch changed them, else the previous files carried on. */
    private static Optional<TableOutput> persistOpenRejections(long sequence, Optional<ProcessedManifest> previous,
                                                               Quarantine quarantine, TableSink.Factory sinks) {
        if (quarantine.changesOpenRejections()) {
            return Optional.of(quarantine.openAfter().write(sequence, sinks));
        }
        return previous.flatMap(OpenRejections::stateFiles);
    }

    private IngestionManifest readIngestion(String key) {
        return ManifestJson.readIngestion(ingestion.uri(key), ingestion.readAllBytes(key));
    }

    private JoinState restoreState(Optional<ProcessedManifest> previous) {
        if (previous.isEmpty()) {
            return new JoinState(List.of(), "any earlier batch (this is the first)");
        }
        ProcessedManifest manifest = previous.get();
        JoinState state = new JoinState(manifest.stateFiles(), "the state of batch " + manifest.sequence());
        for (SourceTable table : JoinState.TABLES) {
            SnapshotFiles.read(s3, processed, state.previousFiles(table), state.snapshot(table),
                    manifest.schemaVersion());
        }
        return state;
    }

    /**
     * The join tables are small: read whole, each row checked against every warehouse column it feeds, and merged
     * into the state if accepted, before anything is written. A rejected version is quarantined and leaves the
     * state's earlier version of its row in place.
     */
    private static Map<String, Long> deliverJoinTables(IngestedTables input, JoinState state, Quarantine quarantine) {
        Map<String, Long> rowsRead = new HashMap<>();
        for (SourceTable table : JoinState.TABLES) {
            Snapshot snapshot = state.snapshot(table);
            rowsRead.put(table.name(), input.forEachRow(table, row -> {
                SourceRow.Fault fault = row.typeFault();
                if (fault != null) {
                    quarantine.reject(row, fault.column(), fault.reason());
                    return;
                }
                try {
                    Dimensions.check(row);
                } catch (RowRejected rejected) {
                    quarantine.reject(rejected);
                    return;
                }
                snapshot.deliver(row);
                quarantine.accepted(row);
            }, quarantine));
        }
        return rowsRead;
    }

    /**
     * Versions the previous batch's extraction had already delivered in its re-read overlap: never facts twice. A
     * previous batch quarantined by an operator delivered nothing, so nothing of its overlap is dropped.
     */
    private Map<String, List<RowVersion>> previouslyDelivered(Optional<ProcessedManifest> previous) {
        Map<String, List<RowVersion>> delivered = new HashMap<>();
        previous.filter(p -> !p.quarantinedByOperator()).ifPresent(p -> readIngestion(p.sourceManifestKey()).tables()
                .forEach(t -> delivered.put(t.table(), t.recentVersions())));
        return delivered;
    }

    /**
     * Writes the manifest last. If the key is taken (the conditional put answers 412 and the content differs, if
     * only in {@code createdAt}), another invocation committed this batch first from the same input: done. If the
     * put failed but the manifest there is byte for byte this one, the put landed and only its answer was lost:
     * this invocation committed the batch.
     */
    private BatchReport.Outcome publish(ProcessedManifest commit) {
        String key = BucketLayout.processedManifestKey(commit.sequence());
        byte[] json = ManifestJson.write(commit);
        try {
            processed.putIfAbsent(key, json, "application/json");
            return BatchReport.Outcome.TRANSFORMED;
        } catch (StorageException e) {
            if (!processed.exists(key)) {
                throw e;
            }
            return Arrays.equals(processed.readAllBytes(key), json) ? BatchReport.Outcome.TRANSFORMED
                    : BatchReport.Outcome.ALREADY_DONE;
        }
    }
}
