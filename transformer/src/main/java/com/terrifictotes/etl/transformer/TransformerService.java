package com.terrifictotes.etl.transformer;

import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The transformer as a plain service: turns every pending ingestion batch into warehouse tables in the processed
 * zone, oldest first, each committed by its processed manifest before the next starts (a batch continues the
 * state its predecessor left). The first failing batch stops the run; a later invocation resumes from it.
 */
public final class TransformerService {
    private final WriteOnceBucket ingestion;
    private final WriteOnceBucket processed;
    private final BatchTransformer batches;
    private final Consumer<BatchReport> listener;

    public TransformerService(S3Client s3, TransformerSettings settings) {
        this(s3, settings, Clock.systemUTC(), report -> { });
    }

    /** @param listener told about each batch as soon as it is committed, before the next one starts */
    public TransformerService(S3Client s3, TransformerSettings settings, Clock clock, Consumer<BatchReport> listener) {
        this.ingestion = new WriteOnceBucket(s3, settings.ingestionBucket());
        this.processed = new WriteOnceBucket(s3, settings.processedBucket());
        this.batches = new BatchTransformer(s3, settings, clock);
        this.listener = listener;
    }

    /**
     * Transforms every batch not transformed yet, up to and including {@code upTo} (every pending batch if empty).
     * A batch found committed meanwhile, by a duplicate or concurrent invocation, is reported ALREADY_DONE.
     */
    public List<BatchReport> transformPending(OptionalLong upTo) {
        PendingBatches plan = PendingBatches.of(ingestion.listKeys(BucketLayout.MANIFEST_PREFIX + "ingestion-"),
                processed.listKeys(BucketLayout.MANIFEST_PREFIX + "processed-"), upTo);
        Optional<ProcessedManifest> previous = plan.previous().isPresent()
                ? Optional.of(readProcessed(plan.previous().getAsLong())) : Optional.empty();
        List<BatchReport> reports = new ArrayList<>();
        for (long sequence : plan.pending()) {
            BatchReport report = processed.exists(BucketLayout.processedManifestKey(sequence))
                    ? new BatchReport(sequence, BatchReport.Outcome.ALREADY_DONE,
                            BucketLayout.processedManifestKey(sequence), List.of(), java.util.Map.of(), 0)
                    : batches.transform(sequence, previous);
            reports.add(report);
            listener.accept(report);
            previous = Optional.of(readProcessed(sequence));
        }
        return reports;
    }

    private ProcessedManifest readProcessed(long sequence) {
        String key = BucketLayout.processedManifestKey(sequence);
        return ManifestJson.readProcessed(processed.uri(key), processed.readAllBytes(key));
    }
}
