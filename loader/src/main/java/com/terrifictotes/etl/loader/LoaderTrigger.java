package com.terrifictotes.etl.loader;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.terrifictotes.etl.manifest.BucketLayout;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What woke the loader: an S3 notification of processed manifests, or the daily catch-up (an event with no records).
 * The event only wakes it up (which manifests to apply comes from the load ledger), so an unexpected object is
 * logged, never refused.
 */
final class LoaderTrigger {
    private static final Logger LOG = LoggerFactory.getLogger(LoaderTrigger.class);

    private LoaderTrigger() {
    }

    /** Logs what the event names; true for the catch-up's event (no records). */
    static boolean isCatchUp(S3Event event, String bucket, boolean verifies) {
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        if (records.isEmpty()) {
            LOG.info("catch-up run: applying every pending manifest" + (verifies ? ", then verifying the warehouse"
                    : ""));
        }
        for (S3EventNotificationRecord record : records) {
            String eventBucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getUrlDecodedKey();
            if (!bucket.equals(eventBucket) || BucketLayout.processedSequence(key).isEmpty()) {
                LOG.warn("event for an object that is not a processed manifest of this bucket; applying what is "
                        + "pending anyway", entry("bucket", eventBucket), entry("key", key));
            } else {
                LOG.info("notified of a processed manifest", entry("manifest", "s3://" + eventBucket + "/" + key));
            }
        }
        return records.isEmpty();
    }
}
