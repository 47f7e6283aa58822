package com.terrifictotes.etl.transformer;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.terrifictotes.etl.error.ConfigurationException;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.List;
import java.util.OptionalLong;

/**
 * What an S3 event asks of the transformer. An event only says "batch N (at least) exists", a wake-up call: the
 * work is the oldest pending batches, whatever N, so a lost, late or repeated event changes nothing but timing.
 *
 * @param work   false when no record names an ingestion manifest: nothing to do
 * @param newest the newest batch the event names, for the log; empty for the catch-up event (no records)
 */
record Trigger(boolean work, OptionalLong newest) {
    public static final Trigger CATCH_UP = new Trigger(true, OptionalLong.empty());
    public static final Trigger NOTHING = new Trigger(false, OptionalLong.empty());

    public static Trigger naming(long sequence) {
        return new Trigger(true, OptionalLong.of(sequence));
    }

    public boolean catchUp() {
        return work && newest.isEmpty();
    }

    /** Reads the event; a record from another bucket than the ingestion bucket is a wiring error. */
    public static Trigger of(S3Event event, String ingestionBucket) {
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null
                ? List.of() : event.getRecords();
        if (records.isEmpty()) {
            return CATCH_UP;
        }
        long newest = 0;
        for (S3EventNotificationRecord record : records) {
            String bucket = record.getS3().getBucket().getName();
            if (!ingestionBucket.equals(bucket)) {
                throw new ConfigurationException("event from bucket " + bucket + ", but the transformer reads "
                        + ingestionBucket + " (INGESTION_BUCKET): the notification is wired to the wrong function");
            }
            OptionalLong sequence = BucketLayout.ingestionSequence(record.getS3().getObject().getUrlDecodedKey());
            newest = Math.max(newest, sequence.orElse(0));
        }
        return newest > 0 ? naming(newest) : NOTHING;
    }
}
