package com.terrifictotes.etl.local.e2e;

/** {@link RoundsAndEventsBehaviour} on embedded PostgreSQL and the in-process S3 server. */
class EmbeddedRoundsAndEventsTest extends RoundsAndEventsBehaviour {
    @Override
    protected PipelineBed bed() {
        return EmbeddedBed.INSTANCE;
    }
}
