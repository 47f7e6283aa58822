package com.terrifictotes.etl.local.e2e;

/** {@link ReconciliationBehaviour} on embedded PostgreSQL and the in-process S3 server. */
class EmbeddedReconciliationTest extends ReconciliationBehaviour {
    @Override
    protected PipelineBed bed() {
        return EmbeddedBed.INSTANCE;
    }
}
