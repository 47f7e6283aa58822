package com.terrifictotes.etl.infra;

import com.terrifictotes.etl.error.ConfigurationException;
import java.util.Optional;

/**
 * When the lake's bulk objects (ingestion {@code data/}, processed {@code tables/}) move to cheaper storage: after
 * {@code infrequentAccessDays} to STANDARD_IA, after {@code glacierInstantRetrievalDays} to GLACIER_IR. Both classes
 * serve a GET at once, so a stage that reads an old object (a replay, an Athena query over history) still works; no
 * class that needs a restore is ever used, and nothing ever expires (see {@link LakeBuckets}). Off by default.
 */
public record LakeLifecycle(Optional<Integer> infrequentAccessDays, Optional<Integer> glacierInstantRetrievalDays) {
    /** S3 moves an object to STANDARD_IA only once it is 30 days old. */
    static final int MIN_INFREQUENT_ACCESS_DAYS = 30;
    /** S3 keeps an object 30 days in STANDARD_IA before it may move on to GLACIER_IR. */
    static final int MIN_DAYS_IN_INFREQUENT_ACCESS = 30;

    public LakeLifecycle {
        infrequentAccessDays.ifPresent(days -> require(days >= MIN_INFREQUENT_ACCESS_DAYS,
                "lakeInfrequentAccessDays=" + days + " is invalid: S3 moves objects to STANDARD_IA after at least "
                        + MIN_INFREQUENT_ACCESS_DAYS + " days"));
        glacierInstantRetrievalDays.ifPresent(days -> require(days >= 1,
                "lakeGlacierInstantRetrievalDays=" + days + " is invalid: at least 1"));
        if (infrequentAccessDays.isPresent() && glacierInstantRetrievalDays.isPresent()) {
            int ia = infrequentAccessDays.get();
            int gir = glacierInstantRetrievalDays.get();
            require(gir >= ia + MIN_DAYS_IN_INFREQUENT_ACCESS, "lakeGlacierInstantRetrievalDays=" + gir
                    + " is invalid with lakeInfrequentAccessDays=" + ia + ": objects stay at least "
                    + MIN_DAYS_IN_INFREQUENT_ACCESS + " days in STANDARD_IA, so at least " + (ia
                    + MIN_DAYS_IN_INFREQUENT_ACCESS));
        }
    }

    public static LakeLifecycle none() {
        return new LakeLifecycle(Optional.empty(), Optional.empty());
    }

    public boolean transitions() {
        return infrequentAccessDays.isPresent() || glacierInstantRetrievalDays.isPresent();
    }

    static LakeLifecycle fromContext(ContextValues context) {
        return new LakeLifecycle(context.integer("lakeInfrequentAccessDays"),
                context.integer("lakeGlacierInstantRetrievalDays"));
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new ConfigurationException("CDK context " + message);
        }
    }
}
