package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.runtime.ManifestSearch;
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
 * The transformer as a plain service: turns every pending ingestion batch into warehouse tables in the processed
 * zone, oldest first, each committed by its processed manifest before the next starts (a batch continues the
 * state its predecessor left). The first failing batch stops the run; a later invocation resumes from it. What is
 * pending is found by {@link ManifestSearch}: the newest processed manifest (in about 2·log2(n) requests), then the
 * ingestion manifests listed after it, so an invocation's cost does not grow with the history.
 */
public final class TransformerService {
    private final WriteOnceBucket processed;
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
        this.ingestionManifests = ManifestSearch.ingestion(new WriteOnceBucket(s3, settings.ingestionBucket()));
        this.processedManifests = ManifestSearch.processed(processed);
        this.batches = new BatchTransformer(s3, settings, clock);
        this.listener = listener;
    }

    /**
     * Transforms every batch not transformed yet, up to and including {@code upTo} (every pending batch if empty).
     * A batch found committed meanwhile, by a duplicate or concurrent invocation, is reported ALREADY_DONE.
     */
    public List<BatchReport> transformPending(OptionalLong upTo) {
        PendingBatches plan = plan(upTo);
        Optional<ProcessedManifest> previous = plan.previous().isPresent()
                ? Optional.of(readProcessed(plan.previous().getAsLong())) : Optional.empty();
        List<BatchReport> reports = new ArrayList<>();
        for (long sequence : plan.pending()) {
            BatchReport report = processed.exists(BucketLayout.processedManifestKey(sequence))
                    ? new BatchReport(sequence, BatchReport.Outcome.ALREADY_DONE,
                            BucketLayout.processedManifestKey(sequence), List.of(), Map.of(), 0)
                    : batches.transform(sequence, previous);
            reports.add(report);
            listener.accept(report);
            previous = Optional.of(readProcessed(sequence));
        }
        return reports;
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

    private ProcessedManifest readProcessed(long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        return ManifestJson.readProcessed(processed.uri(key), processed.readAllBytes(key));
    }
}
