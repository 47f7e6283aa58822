package com.terrifictotes.etl.local.e2e;

import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link RoundsAndEventsBehaviour} with S3 in LocalStack; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRoundsAndEventsTest extends RoundsAndEventsBehaviour {
    @Override
    protected PipelineBed bed() {
        return LocalStackBed.shared();
    }
}
