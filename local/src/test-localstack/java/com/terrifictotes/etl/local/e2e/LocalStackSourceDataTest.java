package com.terrifictotes.etl.local.e2e;

import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link SourceDataBehaviour} with S3 in LocalStack; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSourceDataTest extends SourceDataBehaviour {
    @Override
    protected PipelineBed bed() {
        return LocalStackBed.shared();
    }
}
