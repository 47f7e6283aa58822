package com.terrifictotes.etl.local.e2e;

/** {@link SourceDataBehaviour} on embedded PostgreSQL and the in-process S3 server. */
class EmbeddedSourceDataTest extends SourceDataBehaviour {
    @Override
    protected PipelineBed bed() {
        return EmbeddedBed.INSTANCE;
    }
}
