package com.terrifictotes.etl.local.e2e;

/** {@link FaultsAndRerunsBehaviour} on embedded PostgreSQL and the in-process S3 server. */
class EmbeddedFaultsAndRerunsTest extends FaultsAndRerunsBehaviour {
    @Override
    protected PipelineBed bed() {
        return EmbeddedBed.INSTANCE;
    }
}
