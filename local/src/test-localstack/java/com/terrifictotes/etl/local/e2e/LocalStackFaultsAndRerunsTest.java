package com.terrifictotes.etl.local.e2e;

import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link FaultsAndRerunsBehaviour} with S3 in LocalStack; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackFaultsAndRerunsTest extends FaultsAndRerunsBehaviour {
    @Override
    protected PipelineBed bed() {
        return LocalStackBed.shared();
    }
}
