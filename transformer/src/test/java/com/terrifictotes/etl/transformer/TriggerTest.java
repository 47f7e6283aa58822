package com.terrifictotes.etl.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.terrifictotes.etl.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class TriggerTest {
    private static final String BUCKET = "totes-ingestion";

    @Test
    void boundsTheWorkByTheNewestManifestTheEventNames() {
        assertThat(Trigger.of(EventLoader.loadS3Event("events/two-manifests.json"), BUCKET))
                .isEqualTo(Trigger.naming(5));
    }

    @Test
    void treatsAnEventWithoutRecordsAsTheCatchUpForEverythingPending() {
        assertThat(Trigger.of(EventLoader.loadS3Event("events/catch-up.json"), BUCKET)).isEqualTo(Trigger.CATCH_UP);
        assertThat(Trigger.CATCH_UP.newest()).isEmpty();
    }

    @Test
    void findsNothingToDoInAnEventForADataFile() {
        assertThat(Trigger.of(EventLoader.loadS3Event("events/data-file-only.json"), BUCKET))
                .isEqualTo(Trigger.NOTHING);
    }

    @Test
    void refusesAnEventFromAnotherBucketAsAWiringError() {
        assertThatThrownBy(() -> Trigger.of(EventLoader.loadS3Event("events/other-bucket.json"), BUCKET))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("someone-else")
                .hasMessageContaining(BUCKET);
    }
}
