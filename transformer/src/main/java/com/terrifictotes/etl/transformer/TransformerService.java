package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.OperatorDecision;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.runtime.ManifestSearch;
import com.terrifictotes.etl.runtime.RowBudget;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transformer as a plain service: turns pending ingestion batches into warehouse tables in the processed zone,
 * oldest first, each committed by its processed manifest before the next starts (a batch continues the state its
 * predecessor left). The first failing batch stops the run; a later invocation resumes from it. What is pending is
 * found by {@link ManifestSearch}: the newest processed manifest (in about 2·log2(n) requests), then the ingestion
 * manifests listed after it, so an invocation's cost does not grow with the history.
 *
 * <p><b>Bounded invocations (issue #19).</b> The handler's call takes the oldest pending batch whatever its event
 * names, and stops before a batch once its {@link RowBudget} would be passed; a batch committed meanwhile by a
 * concurrent invocation (found done, or lost at the write-once commit) is not charged, and the call goes on to the
 * next pending one. So an invocation ends without committing a batch only when a look found nothing pending. That is
 * why every batch is transformed with one event per manifest: each landed batch brings one invocation; an invocation
 * that commits takes one batch off the backlog; one that commits nothing saw every batch landed before its last look
 * committed. Hence the batches pending never outnumber the invocations delivered that have not yet committed, and
 * once those have run nothing is pending. A lost event breaks that count; the daily catch-up (run until
 * {@code caughtUp}) restores it. What a race costs: a loser may have transformed the batch before losing it at the
 * commit, once per concurrent invocation that beat it, so an invocation's time is its budget plus the races it
 * lost while invocations overlapped.
 */
public final class TransformerService {
    private final WriteOnceBucket processed;
    private final WriteOnceBucket ingestion;
    private final ManifestSearch ingestionManifests;
    private final ManifestSearch processedManifests;
    private final BatchTransformer batches;
    private final Consumer<BatchReport> listener;

    public TransformerService(S3Client s3, TransformerSettings settings) {
        this(s3, settings, Clock.systemUTC(), report -> { });
    }

    /** @param listener told about each batch as soon as it is committed, before the next one starts */
    public TransformerService(S3Client s3, TransformerSettings settings, Clock clock, Consumer<BatchReport> listener) {
        this.processed = new WriteOnceBucket(s3, settings.processedBucket());
        this.ingestion = new WriteOnceBucket(s3, settings.ingestionBucket());
        this.ingestionManifests = ManifestSearch.ingestion(ingestion);
        this.processedManifests = ManifestSearch.processed(processed);
        this.batches = new BatchTransformer(s3, settings, clock);
        this.listener = listener;
    }

    /**
     * Transforms every batch not transformed yet, up to and including {@code upTo} (every pending batch if empty).
     * A batch found committed meanwhile, by a duplicate or concurrent invocation, is reported ALREADY_DONE.
     */
    public List<BatchReport> transformPending(OptionalLong upTo) {
        return transformPending(upTo, RowBudget.UNBOUNDED).reports();
    }

    /**
     * Transforms pending batches, oldest first, up to and including {@code upTo} (every pending batch if empty),
     * stopping before a batch once the budget would be passed ({@link RowBudget#admits}, the ingestion manifests'
     * row counts). A batch found committed meanwhile is reported ALREADY_DONE and not charged: the call goes on to
     * the next pending one. When its list of pending batches runs out it looks again, so "caught up" means a look
     * found nothing pending.
     */
    public TransformRun transformPending(OptionalLong upTo, RowBudget budget) {
        List<BatchReport> reports = new ArrayList<>();
        int committed = 0;
        long rows = 0;
        for (PendingBatches plan = plan(upTo); !plan.pending().isEmpty(); plan = plan(upTo)) {
            Optional<ProcessedManifest> previous = plan.previous().isPresent()
                    ? Optional.of(readProcessed(plan.previous().getAsLong())) : Optional.empty();
            for (long sequence : plan.pending()) {
                BatchReport report;
                if (processed.exists(BucketLayout.processedManifestKey(sequence))) {
                    report = alreadyDone(sequence);
                } else {
                    // the first batch is always admitted, so only a later one is counted before it is read
                    if (committed > 0 && !admits(budget, committed, rows, sequence)) {
                        return new TransformRun(reports, rows, false);
                    }
                    report = batches.transform(sequence, previous);
                    if (report.outcome() == BatchReport.Outcome.TRANSFORMED) {
                        committed++;
                        rows += report.rowsIn();
                    }
                }
                reports.add(report);
                listener.accept(report);
                previous = Optional.of(readProcessed(sequence));
            }
        }
        return new TransformRun(reports, rows, true);
    }

    /** Ingestion batches after the newest transformed one: the transformer's backlog. */
    public int pendingBatches() {
        return plan(OptionalLong.empty()).pending().size();
    }

    private PendingBatches plan(OptionalLong upTo) {
        OptionalLong last = processedManifests.latest();
        List<String> after = ingestionManifests.after(last.orElse(0)).stream().map(ManifestSearch.Listed::key)
                .toList();
        return PendingBatches.of(last, after, upTo);
    }

    private static BatchReport alreadyDone(long sequence) {
        return new BatchReport(sequence, BatchReport.Outcome.ALREADY_DONE, BucketLayout.processedManifestKey(sequence),
                List.of(), Map.of(), 0, 0);
    }

    /**
     * Whether the budget admits the batch, by its rows as its ingestion manifest counts them (0 for a batch the
     * operator quarantined: its rows are never read). Not when the manifest cannot be read: the batches already
     * committed in this call are kept, and the next invocation meets the fault as its first batch and reports it.
     */
    private boolean admits(RowBudget budget, int committed, long rows, long sequence) {
        if (processed.exists(BucketLayout.decisionKey(OperatorDecision.STAGE_TRANSFORM, sequence))) {
            return budget.admits(committed, rows, 0);
        }
        String key = BucketLayout.ingestionManifestKey(sequence);
        try {
            return budget.admits(committed, rows, ManifestJson.readIngestion(ingestion.uri(key),
                    ingestion.readAllBytes(key)).totalRows());
        } catch (EtlException e) {
            return false;
        }
    }

    private ProcessedManifest readProcessed(long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        return ManifestJson.readProcessed(processed.uri(key), processed.readAllBytes(key));
    }
}
